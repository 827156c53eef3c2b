"""`focusgroup collect`: employers type their own cards on their phones."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("collect")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. 0.0.0.0 lets phones on the room's network connect.",
)
@click.option(
    "--port", default=8766, show_default=True, type=int, help="Port to listen on (0: any free)."
)
@click.option(
    "--max-phones",
    default=60,
    show_default=True,
    type=click.IntRange(1, 500),
    help="Phones allowed to open the card page.",
)
def collect(file: Path, host: str, port: int, max_phones: int) -> None:
    """Let employers send their cards for FILE from their phones.

    Prints a join link with a secret token and its QR code; the wall shows them too (C). Cards
    land in Unsorted as they arrive and can be undone on the wall. Ctrl+C stops collecting.
    """
    try:
        from focusgroup.serve.collect import CollectServer
    except ImportError as error:  # aiohttp comes with the serve extra
        raise click.ClickException(
            f"collect needs aiohttp ({error.name} is missing): pip install 'focusgroup[serve]'"
        ) from None
    from focusgroup.cli.serve_commands import print_join_banner
    from focusgroup.paths import resolve_session

    path = resolve_session(str(file))
    server = CollectServer(path, host=host, port=port, max_phones=max_phones)
    lan = host not in ("127.0.0.1", "localhost", "::1")

    def ready() -> None:
        click.echo(f"Collecting cards for {path}")
        print_join_banner(
            server.join_url,
            lan=lan,
            heading="Employers: open this link or scan the code to send your cards",
            who="can send cards",
        )
        if not lan:
            click.echo(
                "Only this computer can open the link. For phones on the room's network, "
                "start it with --host 0.0.0.0."
            )

    try:
        server.serve(on_ready=ready)
    except OSError as error:
        raise click.ClickException(f"Can't listen on {host}:{port}: {error.strerror}") from None
    click.echo("Stopped collecting.")


COMMANDS: list[click.Command] = [collect]
