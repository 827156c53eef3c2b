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
    """`text` in every kind of text field a profile has."""
    return JobProfile(
        occupation=text,
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
    assert data["occupation"] == text and data["functions"][0]["tasks"][0]["text"] == text
