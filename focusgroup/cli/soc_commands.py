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
@click.option(
    "--sector",
    default="",
    help="Read the wording as this sector's meeting does (e.g. construction, health-care).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON array (for scripts).")
def soc_search(text: tuple[str, ...], limit: int, sector: str, as_json: bool) -> None:
    """Suggest O*NET-SOC occupations for TEXT, best first, with why each matched.

    Employer shorthand works: 'CNC guy', 'maint tech', 'RN - ICU', 'CDL-A driver'. With
    --sector, ambiguous shorthand is read as that sector means it ('Operator' in
    construction is an equipment operator).
    """
    from focusgroup.crosswalk.sector_hints import sector_key
    from focusgroup.crosswalk.suggest import suggest

    words = " ".join(text)
    if sector and not sector_key(sector):
        from focusgroup.domain.sectors import SECTOR_KEYS

        raise click.ClickException(
            f"Unknown sector {sector!r}; use one of: {', '.join(SECTOR_KEYS)}."
        )
    result = suggest([words], sector=sector, limit=limit)
    matches = result.matches
    if as_json:
        click.echo(json.dumps([asdict(m) for m in matches], indent=2))
        return
    if not matches:
        click.echo(f"No occupation matches {words!r}; try other words for the job.")
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
@click.option(
    "--accept-top",
    is_flag=True,
    help="Store the best suggestion where it is a clear best; list the rest for you.",
)
@click.option("--limit", "-n", default=3, show_default=True, type=click.IntRange(1, 10))
def crosswalk(file: str, accept_top: bool, limit: int) -> None:
    """Suggest SOC codes for every uncoded occupation card in the session FILE.

    Every wording in a stack is read, in the session's sector. With --accept-top the best
    suggestion is stored where it clearly leads (one undoable change per card, made as the
    'cli' seat); cards where it does not are listed for a person to decide. Cards already
    coded are left alone.
    """
    from focusgroup.cli.session_file import existing_session
    from focusgroup.crosswalk.suggest import suggest
    from focusgroup.crosswalk.zones import level_disagreement
    from focusgroup.store import SessionStore

    path = existing_session(file)
    store = SessionStore.open(path, actor="cli")
    click.echo(f"Crosswalk for {path}:")
    try:
        sector = store.session().sector
        click.echo(_sector_line(sector))
        cards = [c for c in store.cards() if not c.soc_code]
        if not cards:
            click.echo("Every occupation card already has a SOC code.")
            return
        stored = 0
        review: list[tuple[str, str]] = []
        for card in cards:
            result = suggest(card.wordings, sector=sector, limit=limit)
            also = f" (also: {'; '.join(card.wordings[1:])})" if len(card.wordings) > 1 else ""
            click.echo(f"#{card.id} {card.text!r}{also} [{card.level}]")
            if not result.matches:
                click.echo("    no suggestion: code this card by hand")
                review.append((f"#{card.id} {card.text!r}", "no suggestion"))
                continue
            for rank, m in enumerate(result.matches, start=1):
                click.echo(f"    {rank}. {m.onet_code}  {m.title}  ({m.why})")
            if not accept_top:
                continue
            best = result.best
            assert best is not None
            if not result.confident:
                review.append((f"#{card.id} {card.text!r}", result.reason))
                continue
            # The SOC code with its own SOC title; the O*NET occupation with its own.
            soc_title = best.soc_title or best.title
            store.set_soc(
                card.id, soc_code=best.soc_code, onet_code=best.onet_code, soc_title=soc_title
            )
            stored += 1
            onet = "" if best.title == soc_title else f" (O*NET {best.onet_code} {best.title})"
            click.echo(f"    stored {best.soc_code} {soc_title}{onet}")
            if result.note:
                click.echo(f"    note: {result.note}")
            flag = level_disagreement(best.job_zone, card.level)
            if flag:
                click.echo(f"    note: {flag}")
        if accept_top:
            # The codes are the 'cli' seat's: the app's ctrl+z undoes only its own seat.
            undo = f"; each is one `focusgroup undo {file}`" if stored else ""
            click.echo(f"Stored codes on {stored} of {plural(len(cards), 'card')}{undo}.")
            if review:
                click.echo(f"Left for you to decide ({len(review)}):")
                for label, why in review:
                    click.echo(f"    {label}: {why}")
        else:
            click.echo(
                f"{plural(len(cards), 'uncoded card')}; run again with --accept-top to store "
                "the clear ones."
            )
    finally:
        store.close()


def _sector_line(stored: str) -> str:
    """Which sector the cards are read in; a sector the crosswalk does not know is said so,
    since its cards are then read as in a meeting without one."""
    from focusgroup.crosswalk.sector_hints import sector_key
    from focusgroup.domain.sectors import SECTOR_KEYS, sector_label

    key = sector_key(stored)
    if key:
        return f"Cards read as in a {sector_label(key)} meeting."
    if not stored.strip():
        return "The session has no sector: cards are read as in any meeting."
    return (
        f"The session's sector {stored!r} is not one the crosswalk knows "
        f"({', '.join(SECTOR_KEYS)}): "
        "cards are read without a sector."
    )


COMMANDS: list[click.Command] = [soc, onet, crosswalk]
