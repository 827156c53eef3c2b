"""The join link's QR code, as drawn in the terminal, decodes to the link with a real reader."""

from __future__ import annotations

import zxingcpp
from PIL import Image

from focusgroup.serve.qr import Matrix, half_block_lines, lines_to_matrix, qr_lines, qr_matrix
from focusgroup.serve.server import SeatServer


def render(matrix: Matrix, scale: int = 6, margin: int = 4) -> Image.Image:
    """Modules to pixels, dark on light, with an extra light margin as a screen would have."""
    size = len(matrix) + 2 * margin
    image = Image.new("L", (size, size), 255)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.putpixel((x + margin, y + margin), 0)
    return image.resize((size * scale, size * scale), Image.NEAREST)


def decode(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_terminal_qr_code_decodes_to_the_join_url(tmp_path) -> None:
    url = SeatServer(tmp_path / "m.db", host="127.0.0.1", port=8765).join_url
    lines = qr_lines(url)
    # What the terminal shows, read back cell by cell, is what a phone camera sees.
    assert decode(render(lines_to_matrix(lines))) == [url]
    assert len(lines) <= 25 and len(lines[0]) <= 45  # fits beside the app's other text


def test_lan_url_with_long_address_still_decodes() -> None:
    url = "http://192.168.100.200:65535/?token=" + "A-_z" * 6
    assert decode(render(lines_to_matrix(qr_lines(url)))) == [url]


def test_half_blocks_round_trip_odd_sized_matrices() -> None:
    matrix = qr_matrix("x")
    assert len(matrix) % 2 == 1
    assert lines_to_matrix(half_block_lines(matrix))[: len(matrix)] == matrix
