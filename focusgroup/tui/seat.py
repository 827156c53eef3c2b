"""One browser seat: the process textual-serve starts for each websocket.

`python -m focusgroup.tui.seat FILE --role note-taker`. Kept apart from the CLI so a seat
starts with the fewest imports and never depends on how the command line is wired.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="focusgroup.tui.seat")
    parser.add_argument("file", type=Path)
    parser.add_argument("--role", default="note-taker")
    parser.add_argument("--actor", default="", help="who this seat is in the undo history")
    args = parser.parse_args(argv)
    from focusgroup.tui.launch import run_session

    run_session(args.file, args.role, actor=args.actor or None)


if __name__ == "__main__":
    main()
