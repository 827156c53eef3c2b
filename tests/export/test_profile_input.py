"""Job profile YAML as people really hand it back: any text, files from other tools, mistakes.

A profile goes out as YAML, is edited by hand or by another program, and comes back through
`new --profile`. Whatever comes back must either start the session with every text exactly
as written, or stop with one line naming the file and the field: never a traceback, never a
message about SQLite or Python, never a half-made session file.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focusgroup.domain.fields import line_break_in
from focusgroup.export.profiles import (
    Function,
    JobProfile,
    PathStep,
    ProfileCompetency,
    RoomNote,
    Task,
    dump_profile,
    parse_profile,
)

# Every character a session can hold (UTF-8 can't hold a lone surrogate, so no session can),
# with the ones YAML treats specially drawn often: line breaks of every kind, tabs, quotes,
# YAML's indicators, the byte-order mark, NUL and other control characters.
TRICKY = "\n\r\t\x85\u2028\u2029\x00\x07\x1b\x7f\ufeff\u202e \"'#:-?&*!|>%@`{}[],~"
any_text = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(TRICKY)),
    max_size=40,
)
some_text = any_text.filter(str.strip)


def profile_with(text: str) -> JobProfile:
    """`text` in every kind of text field a profile has (the occupation, the meeting's title
    too, only when it is one line)."""
    return JobProfile(
        occupation="Machinist" if line_break_in(text) else text,
        description=text,
        wordings=(text,),
        functions=(Function(text, (Task(text, minimum=text, mid_level=text),)),),
        competencies=(ProfileCompetency(text, task=text),),
        paths_in=(PathStep(text, "entry"),),
        skills_gaps=(text,),
        room_notes=(RoomNote(text, text),),
    )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=some_text)
def test_any_text_comes_back_exactly_as_written(text: str) -> None:
    # NEL (U+0085, in text pasted from Windows-1252 documents) used to be written unescaped
    # and read back as a space.
    profile = profile_with(text)
    assert parse_profile(dump_profile(profile)) == profile


def test_a_line_break_character_in_a_task_survives_the_next_round(tmp_path: Path) -> None:
    from focusgroup.export.followup import updated_profile
    from focusgroup.export.snapshot import take_snapshot
    from focusgroup.from_profile import start_from_profile

    text = "Deburr\x85and file"  # NEL: one character, not a space
    profile = JobProfile(
        "Machinist", functions=(Function("Finish", (Task(text),)),), paths_in=(PathStep(text),)
    )
    path = tmp_path / "p.yaml"
    path.write_text(dump_profile(profile), "utf-8")
    with start_from_profile(tmp_path / "s.db", path) as store:
        assert [c.text for c in store.cards()] == [text, text]  # the task and the path
        v2 = updated_profile(take_snapshot(store))
    assert [t.text for t in v2.tasks] == [text]
    assert v2.changes is not None and v2.changes.empty


def test_yaml_module_reads_what_we_write(tmp_path: Path) -> None:
    # Another tool reading our file with plain PyYAML sees the same text.
    text = "a\x85b\u2028c"
    data = yaml.safe_load(dump_profile(profile_with(text)))
    assert data["description"] == text and data["functions"][0]["tasks"][0]["text"] == text


# -- files from other tools --------------------------------------------------------------------

RICH = JobProfile(
    occupation="CNC machinist: “lead” — Zoë's shop #2",
    version=2,
    level="mid",
    soc_code="51-4041",
    description="Sets up machines.\nSecond line: with a colon, 'quotes' and # not a comment.",
    wordings=("CNC guy", "no", "2024", "1.50", "~", "[bold]x[/]"),
    functions=(
        Function(
            "Set up — and prove out",
            (
                Task("Load the program", level="entry", votes=3, minimum="Loads it\nand checks"),
                Task("Touch off tools", level="advanced", underperformed=True, lacking=True),
                Task("yes"),
            ),
        ),
        Function("Inspect", (Task("Measure\tparts \u202eRTL\u202c 测量", source="O*NET"),)),
    ),
    competencies=(ProfileCompetency("GD&T", level="mid", ksa="knowledge", task="Inspect"),),
    paths_in=(PathStep("Machine operator", "entry"),),
    paths_out=(PathStep("CNC programmer", "advanced"),),
    room_notes=(RoomNote("Why it is critical", "“We can’t find them”", 1),),
)


def _written_by_other_tools(tmp_path: Path) -> dict[str, Path]:
    """RICH as PyYAML writes it by default (flow and block), and as Windows editors save it."""
    ours = dump_profile(RICH)
    data = yaml.safe_load(ours)
    variants = {
        "pyyaml-flow.yaml": yaml.dump(data, default_flow_style=True).encode(),
        "pyyaml-block.yaml": yaml.dump(data, allow_unicode=True).encode(),
        "pyyaml-ascii.yaml": yaml.safe_dump(data, sort_keys=False, width=30).encode(),
        "crlf.yaml": ours.replace("\n", "\r\n").encode(),
        "bom.yaml": b"\xef\xbb\xbf" + ours.encode(),
        "bom-crlf.yaml": b"\xef\xbb\xbf" + ours.replace("\n", "\r\n").encode(),
        "old-mac-cr.yaml": ours.replace("\n", "\r").encode(),
    }
    out = {}
    for name, content in variants.items():
        out[name] = tmp_path / name
        out[name].write_bytes(content)
    return out


def test_files_written_by_other_tools_read_the_same(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from focusgroup.cli import main
    from focusgroup.export.profiles import read_profile

    for name, path in _written_by_other_tools(tmp_path).items():
        assert read_profile(path) == RICH, name
        db = tmp_path / f"{name}.db"
        result = CliRunner().invoke(main, ["new", str(db), "--profile", str(path)])
        assert result.exit_code == 0 and "Created" in result.output, (name, result.output)
        check = CliRunner().invoke(main, ["profiles", "check", str(path)])
        assert "OK — " in check.output and "2 functions, 4 tasks" in check.output, name


# -- any mistake at any field ------------------------------------------------------------------


def _fields(data: object, path: tuple = ()) -> list[tuple]:
    """Every place in the plain data a hand edit could change: keys' values and list items."""
    out = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += _fields(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += _fields(value, (*path, i))
    return out


_DROP = object()


def _replace(data: object, path: tuple, value: object) -> object:
    """`data` with the value at `path` replaced (or, for `_DROP`, left out)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        out = {k: (_replace(v, rest, value) if k == head else v) for k, v in data.items()}
        return {k: v for k, v in out.items() if v is not _DROP}
    assert isinstance(data, list)
    items = [(_replace(v, rest, value) if i == head else v) for i, v in enumerate(data)]
    return [v for v in items if v is not _DROP]


_BASE = yaml.safe_load(dump_profile(RICH))
_PATHS = _fields(_BASE)
# What a slip of the hand, or another program, puts in a field: any YAML value at all.
yaml_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**30), 10**30),
        st.integers(-3, 3),
        st.floats(),
        st.text(alphabet=st.characters(), max_size=12),  # lone surrogates too: "\ud800"
        st.sampled_from(["", " ", "entry", "Mid", "any", "foundational", "\n"]),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=5,
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    where=st.sampled_from(_PATHS),
    value=yaml_values,
    drop=st.booleans(),
    flow=st.booleans(),
)
def test_any_mistake_is_one_line_naming_the_file_or_a_session_that_reads_back(
    tmp_path_factory, where: tuple, value: object, drop: bool, flow: bool
) -> None:
    from focusgroup.export.followup import updated_profile
    from focusgroup.export.profiles import ProfileError
    from focusgroup.export.snapshot import take_snapshot
    from focusgroup.from_profile import start_from_profile

    tmp = tmp_path_factory.mktemp("fuzz")
    data = _replace(_BASE, where, _DROP if drop else value)  # a wrong value, or none at all
    path = tmp / "edited.yaml"
    path.write_text(yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True), "utf-8")
    db = tmp / "round.db"
    try:
        store = start_from_profile(db, path)
    except ProfileError as error:
        message = str(error)
        assert message.startswith(str(path)) and "\n" not in message, message
        assert not db.exists()  # no half-made session left behind
        return
    with store:
        # It started: the next version can be written and read back, as the loop needs.
        v2 = updated_profile(take_snapshot(store))
    assert parse_profile(dump_profile(v2)) == v2
