"""`python -m focusgroup.crosswalk.build`: rebuild the packaged occupation index."""

from __future__ import annotations

import argparse
from pathlib import Path

from focusgroup.crosswalk.build import DEFAULT_DATA, PACKAGED_INDEX, build_index


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Rebuild the occupation index from O*NET text files."
    )
    parser.add_argument("onet", nargs="?", type=Path, default=DEFAULT_DATA / "onet")
    parser.add_argument("--soc", type=Path, default=DEFAULT_DATA / "soc")
    parser.add_argument("--oes", type=Path, default=DEFAULT_DATA / "oes")
    parser.add_argument("--out", type=Path, default=PACKAGED_INDEX)
    parser.add_argument(
        "--release", help="release name when the files do not say (the shared copy: 30.0)"
    )
    args = parser.parse_args(argv)
    summary = build_index(
        args.onet, args.out, soc_dir=args.soc, oes_dir=args.oes, release_name=args.release
    )
    print(
        f"{summary.path}: O*NET {summary.release}, {summary.occupations} occupations, "
        f"{summary.titles} titles, {summary.bytes / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
