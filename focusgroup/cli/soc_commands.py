"""Crosswalk commands: `soc search`, `onet import`/`onet info` and `crosswalk FILE`.

Each command imports the crosswalk package inside its body so `focusgroup --help` stays fast.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from focusgroup.domain.text import plural


@click.group()
def soc() -> None:
    """Look up SOC codes and O*NET occupations for an employer's job title."""


@soc.command("search")
@click.argument("text", nargs=-1, required=True)
@click.option("--limit", "-n", default=10, show_default=True, type=click.IntRange(1, 50))
@click.option("--json", "as_json", is_flag=True, help="One JSON array (for scripts).")
def soc_search(text: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Suggest O*NET-SOC occupations for TEXT, best first, with why each matched.

    Employer shorthand works: 'CNC guy', 'maint tech', 'RN - ICU', 'CDL-A driver'.
    """
    from focusgroup.crosswalk.search import search

    matches = search(" ".join(text), limit=limit)
    if as_json:
        click.echo(json.dumps([asdict(m) for m in matches], indent=2))
        return
    if not matches:
        click.echo(f"No occupation matches {' '.join(text)!r}; try other words for the job.")
        return
    for m in matches:
        click.echo(f"{m.onet_code}  {m.title}  ({m.why})")


@click.group()
def onet() -> None:
    """The O*NET occupation index used for crosswalks and job profiles."""


@onet.command("import")
@click.argument("path", type=click.Path(path_type=Path))
def onet_import(path: Path) -> None:
    """Rebuild the occupation index from a newer O*NET text release (folder or zip).

    Download the 'text' database (db_XX_X_text.zip) from onetcenter.org. The new index is
    written to your user data folder (under FOCUSGROUP_HOME when that is set) and used from
    then on; the index shipped with focusgroup is left untouched. SOC titles and national wages
    are carried over from the shipped index.
    """
    from focusgroup.crosswalk import index
    from focusgroup.crosswalk.build import build_index
    from focusgroup.crosswalk.index import PACKAGED_INDEX

    target = index.user_index_path()
    summary = build_index(path, target, carry_from=PACKAGED_INDEX)
    index.reset()
    click.echo(
        f"Imported O*NET {summary.release}: {summary.occupations} occupations, "
        f"{summary.titles} titles, {summary.bytes / 1e6:.1f} MB -> {summary.path}"
    )


@onet.command("info")
def onet_info() -> None:
    """Which occupation index is in use, its release and its attribution."""
    from focusgroup.crosswalk import index
    from focusgroup.crosswalk.attribution import onet_attribution

    meta = index.meta()
    click.echo(f"Index: {index.connected_path()}")
    click.echo(f"O*NET release: {meta.get('onet_release', '?')}, built {meta.get('built_at', '?')}")
    click.echo(f"Wages: OEWS {meta.get('oes_release') or 'none'}")
    click.echo(onet_attribution(meta.get("onet_release", "")))


@click.command()
@click.argument("file")
@click.option("--accept-top", is_flag=True, help="Store the best suggestion on each card.")
@click.option("--limit", "-n", default=3, show_default=True, type=click.IntRange(1, 10))
def crosswalk(file: str, accept_top: bool, limit: int) -> None:
    """Suggest SOC codes for every uncoded occupation card in the session FILE.

    With --accept-top the best suggestion is stored on each card (one undoable change per
    card, made as the 'cli' seat). Cards already coded are left alone.
    """
    from focusgroup.crosswalk.search import search
    from focusgroup.crosswalk.zones import level_disagreement
    from focusgroup.paths import resolve_session
    from focusgroup.store import SessionStore

    store = SessionStore.open(resolve_session(file), actor="cli")
    try:
        cards = [c for c in store.cards() if not c.soc_code]
        if not cards:
            click.echo("Every occupation card already has a SOC code.")
            return
        stored = 0
        for card in cards:
            matches = search(card.text, limit=limit)
            click.echo(f"#{card.id} {card.text!r} [{card.level}]")
            if not matches:
                click.echo("    no suggestion: code this card by hand")
                continue
            for rank, m in enumerate(matches, start=1):
                click.echo(f"    {rank}. {m.onet_code}  {m.title}  ({m.why})")
            if accept_top:
                best = matches[0]
                store.set_soc(
                    card.id, soc_code=best.soc_code, onet_code=best.onet_code, soc_title=best.title
                )
                stored += 1
                click.echo(f"    stored {best.soc_code} {best.title}")
                flag = level_disagreement(best.job_zone, card.level)
                if flag:
                    click.echo(f"    note: {flag}")
        if accept_top:
            click.echo(
                f"Stored codes on {stored} of {plural(len(cards), 'card')} (undo each in the app)."
            )
        else:
            click.echo(
                f"{plural(len(cards), 'uncoded card')}; run again with --accept-top to store "
                "the best."
            )
    finally:
        store.close()


COMMANDS: list[click.Command] = [soc, onet, crosswalk]
