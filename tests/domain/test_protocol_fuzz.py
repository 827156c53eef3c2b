"""Whatever happens to a protocol file, loading it gives a Protocol or a ProtocolError."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focusgroup.domain.errors import ProtocolError
from focusgroup.domain.protocol import Protocol
from focusgroup.domain.protocol_schema import parse_protocol

BUILTIN = Path(__file__).resolve().parents[2] / "protocols"
SOURCES = [p.read_text(encoding="utf-8") for p in sorted(BUILTIN.glob("*.yaml"))]
# Characters that matter to YAML, plus a few that do not belong in a text file at all.
JUNK = st.sampled_from(list(":-[]{}#&*!|>'\"%@`,? \t\n") + ["\x00", "\x1b", "\ufeff", "é", "1"])


def _mutate(lines: list[str], op: str, i: int, j: int, char: str) -> list[str]:
    if not lines:
        return lines
    i %= len(lines)
    j %= len(lines)
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(j, lines[i])
    elif op == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "change":
        line = lines[i]
        k = j % (len(line) + 1)
        lines[i] = line[:k] + char + line[k + 1 :]
    elif op == "insert":
        line = lines[i]
        k = j % (len(line) + 1)
        lines[i] = line[:k] + char + line[k:]
    elif op == "truncate":
        del lines[i:]
    return lines


MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "swap", "change", "insert", "truncate"]),
        st.integers(0, 10_000),
        st.integers(0, 10_000),
        JUNK,
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=st.sampled_from(SOURCES), mutations=MUTATIONS, cut=st.integers(0, 100_000))
def test_mutated_builtin_loads_or_fails_cleanly(
    source: str, mutations: list[tuple[str, int, int, str]], cut: int
) -> None:
    lines = source.splitlines(keepends=True)
    for op, i, j, char in mutations:
        lines = _mutate(lines, op, i, j, char)
    text = "".join(lines)
    if mutations[0][0] == "truncate":
        text = text[: cut % (len(text) + 1)]  # also cut mid-line, mid-character sequence
    try:
        result = parse_protocol(text, "mutated.yaml")
    except ProtocolError as error:
        message = str(error)
        assert message.startswith("mutated.yaml"), message
        assert "\n" not in message
    else:
        assert isinstance(result, Protocol)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=400))
def test_any_text_loads_or_fails_cleanly(text: str) -> None:
    try:
        parse_protocol(text, "random.yaml")
    except ProtocolError:
        pass
