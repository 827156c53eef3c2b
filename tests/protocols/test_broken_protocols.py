"""Every file in broken/ is refused with a message naming the file, the line and the field.

To add a case, drop a file in broken/ and add what its message must say to EXPECTED.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from focusgroup.domain.errors import ProtocolError
from focusgroup.domain.protocol_schema import parse_protocol
from focusgroup.protocol_files import load_protocol

HERE = Path(__file__).resolve().parent
BROKEN = HERE / "broken"

# file -> (line, the field named, a phrase saying what was expected)
EXPECTED: dict[str, tuple[int | None, str, str]] = {
    "bad_colour": (24, "card_kinds[2].colour", "colour name or #rrggbb"),
    "bad_id": (1, "id", "lower-case letters"),
    "bad_tier_group": (33, "tiers[1].group", "one of foundational, technical, management"),
    "binary_junk": (2, "", "not UTF-8 text"),
    "control_characters": (2, "", "character YAML does not allow"),
    "duplicate_category": (19, "categories[2].name", "already used by categories[1].name"),
    "duplicate_field": (3, "title", "appears twice"),
    "duplicate_reason_hotkey": (15, "reasons[2].hotkey", "already used by reasons[1].hotkey"),
    "duplicate_reason_key": (13, "reasons[2].key", "already used by reasons[1].key"),
    "duplicate_symbol": (25, "card_kinds[2].symbol", "already used"),
    "empty": (None, "", "the file is empty"),
    "empty_steps": (34, "steps", "at least one"),
    "hotkey_too_long": (15, "reasons[2].hotkey", "single character"),
    "levels_not_a_list": (4, "levels", "must be a list of levels"),
    "minutes_fraction": (37, "steps[1].minutes", "whole number of minutes"),
    "minutes_not_a_number": (37, "steps[1].minutes", 'whole number of minutes (got "ten")'),
    "minutes_zero": (37, "steps[1].minutes", "between 1 and"),
    "missing_card_kind": (18, "card_kinds", "missing: competency"),
    "missing_say": (39, "steps[2].say", "what to say to the room"),
    "missing_title": (1, "title", "is missing"),
    "not_a_mapping": (1, "the protocol", "must be a set of fields"),
    "not_utf8": (2, "", "not UTF-8 text"),
    "question_is_a_mapping": (42, "steps[2].questions[1]", "as text"),
    "questions_not_a_list": (41, "steps[2].questions", "must be a list of questions"),
    "step_not_a_mapping": (43, "steps[3]", "must be a step with fields title, say"),
    "tab_indent": (8, "", "not valid YAML"),
    "third_card_not_bool": (38, "steps[1].third_card", "true or false"),
    "two_documents": (43, "", "not valid YAML"),
    "undefined_alias": (2, "", "undefined alias"),
    "unknown_card_kind": (26, "card_kinds[3].key", "one of occupation, category, competency"),
    "unknown_collects": (38, "steps[1].collects[2]", "card kind defined in card_kinds"),
    "unknown_step_field": (37, "steps[1].minuts", "allowed: title, say"),
    "unknown_top_level_key": (43, "agenda", "allowed: id, title, purpose"),
    "unsorted_level": (7, "levels[2].key", '"unsorted"'),
    "yaml_syntax": (8, "", "indentation"),
}


def test_every_broken_file_has_an_expectation() -> None:
    assert {p.stem for p in BROKEN.glob("*.yaml")} == set(EXPECTED)


def test_minimal_example_is_valid() -> None:
    assert load_protocol(HERE / "minimal.yaml").id == "minimal"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_is_refused_clearly(name: str) -> None:
    line, field, expected = EXPECTED[name]
    path = BROKEN / f"{name}.yaml"
    with pytest.raises(ProtocolError) as caught:
        load_protocol(path)
    message = str(caught.value)
    assert message.startswith(str(path)), message
    if line is not None:
        assert f"{path}, line {line}: " in message, message
    if field:
        assert f": {field} " in message, message
    assert expected in message, message
    assert "\n" not in message


def test_parse_names_the_source_it_was_given() -> None:
    text = (HERE / "minimal.yaml").read_text(encoding="utf-8").replace("minimal", "Not A Key")
    with pytest.raises(ProtocolError, match=r"^protocols/x\.yaml, line 1: id "):
        parse_protocol(text, "protocols/x.yaml")
    with pytest.raises(ProtocolError, match=r"^protocols/x\.yaml: the file is empty"):
        parse_protocol("", "protocols/x.yaml")


def test_missing_and_folder_paths() -> None:
    with pytest.raises(ProtocolError, match="no such protocol file"):
        load_protocol(HERE / "nope.yaml")
    with pytest.raises(ProtocolError, match="is a folder"):
        load_protocol(BROKEN)


def test_merge_keys_and_aliases_work_like_plain_yaml() -> None:
    text = (HERE / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  - title: Sort\n    say: Let's sort them.\n",
        "  - &sort\n    title: Sort\n    say: Let's sort them.\n"
        "  - <<: *sort\n    title: Sort again\n",
    )
    protocol = parse_protocol(text, "merged.yaml")
    assert [s.title for s in protocol.steps] == ["Two cards each", "Sort", "Sort again"]
    assert protocol.steps[2].say == "Let's sort them."


@pytest.mark.parametrize(
    "value, problem",
    [
        ("!!int ''", "whole number"),
        ("!!int zz", "whole number"),
        ("!!str 5", "whole number"),
        ("[5]", "whole number"),
        ("true", "whole number"),
        ("9999", "between 1 and"),
    ],
)
def test_odd_minutes_values(value: str, problem: str) -> None:
    text = (HERE / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("    minutes: 10", f"    minutes: {value}")
    with pytest.raises(ProtocolError, match=rf"line 37: steps\[1\]\.minutes .*{problem}"):
        parse_protocol(text, "m.yaml")


def test_odd_third_card_value() -> None:
    text = (HERE / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("    minutes: 10", "    minutes: 10\n    third_card: !!bool maybe")
    with pytest.raises(ProtocolError, match="third_card must be true or false"):
        parse_protocol(text, "t.yaml")


def test_deep_nesting_is_refused_not_crashed() -> None:
    with pytest.raises(ProtocolError):
        parse_protocol("[" * 5000, "deep.yaml")
