"""`focusgroup serve`: the note-taker's seat in a browser, behind a secret join link."""

from __future__ import annotations

import click


def print_join_banner(
    url: str,
    *,
    lan: bool,
    heading: str = "Note-taker seat: open this link or scan the code",
    who: str = "can take the seat",
) -> None:
    """The join link and its QR code, drawn white on black so it scans on any theme."""
    from rich.console import Console
    from rich.text import Text

    from focusgroup.serve.qr import qr_lines

    console = Console(highlight=False)
    console.print(Text(heading, style="bold"))
    console.print(Text(url, style="underline"))
    for line in qr_lines(url):
        console.print(Text(line, style="#ffffff on #000000"), no_wrap=True, crop=False)
    if lan:
        console.print(Text(f"Anyone on this network who has the link {who}."))
    console.print(Text("Press Ctrl+C to stop serving."))


@click.command("serve")
@click.argument("file")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. 0.0.0.0 lets other devices in the room connect.",
)
@click.option(
    "--port", default=8765, show_default=True, type=int, help="Port to listen on (0: any free)."
)
@click.option(
    "--max-seats",
    default=3,
    show_default=True,
    type=click.IntRange(1, 20),
    help="Browser tabs allowed at once; each runs its own copy of the app.",
)
def serve(file: str, host: str, port: int, max_seats: int) -> None:
    """Serve the note-taker's seat for FILE to a browser.

    Prints a join link with a secret token, and its QR code. Without the token the server
    answers 403 and starts nothing.
    """
    try:
        from focusgroup.serve.server import SeatServer
    except ImportError as error:  # the optional extra
        raise click.ClickException(
            f"serve needs textual-serve ({error.name} is missing): pip install 'focusgroup[serve]'"
        ) from None
    from focusgroup.cli.session_file import existing_session
    from focusgroup.serve.join_file import remove_join_file, write_join_file
    from focusgroup.store import SessionStore

    path = existing_session(file)
    SessionStore.open(path, actor="cli").close()  # a clear error now, not in each browser tab
    click.echo(f"Serving {path}")
    server = SeatServer(path, host=host, port=port, max_seats=max_seats)
    lan = host not in ("127.0.0.1", "localhost", "::1")

    def ready() -> None:
        write_join_file(path, server.join_url)
        print_join_banner(server.join_url, lan=lan)

    try:
        server.serve(on_ready=ready)
    finally:
        remove_join_file(path)


COMMANDS: list[click.Command] = [serve]
