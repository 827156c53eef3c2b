"""QR codes of the join link, drawn with half-block characters for a terminal.

Two module rows share one text line (the upper and lower half of each character cell), so a
typical join link fits in about 41 columns by 21 lines. Light modules are drawn as blocks:
shown white on black, the code reads with normal polarity on any terminal theme.
"""

from __future__ import annotations

Matrix = list[list[bool]]
"""Rows of modules, True = dark, including the quiet zone."""

QUIET_ZONE = 2
"""Modules of light border. The spec says 4; 2 keeps it small and phones read it fine."""

_HALF_BLOCKS = {
    (True, True): "\u2588",  # full block: both halves light
    (True, False): "\u2580",  # upper half light
    (False, True): "\u2584",  # lower half light
    (False, False): " ",
}


def qr_matrix(data: str, *, border: int = QUIET_ZONE) -> Matrix:
    """The module matrix for `data`, error correction M, smallest version that fits."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border)
    code.add_data(data)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def half_block_lines(matrix: Matrix) -> list[str]:
    """One string per pair of module rows; a block where the module is light."""
    rows = [[not dark for dark in row] for row in matrix]
    if len(rows) % 2:
        rows.append([True] * len(rows[0]))  # pad with quiet zone
    return [
        "".join(_HALF_BLOCKS[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    ]


def qr_lines(data: str) -> list[str]:
    """The QR code of `data` as half-block text lines (draw them white on black)."""
    return half_block_lines(qr_matrix(data))


def lines_to_matrix(lines: list[str]) -> Matrix:
    """Read half-block text back into modules (True = dark); the inverse of `half_block_lines`."""
    light = {char: halves for halves, char in _HALF_BLOCKS.items()}
    matrix: Matrix = []
    for line in lines:
        pairs = [light[char] for char in line]
        matrix.append([not top for top, _ in pairs])
        matrix.append([not bottom for _, bottom in pairs])
    return matrix
