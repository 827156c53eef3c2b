"""A session stores its protocol as JSON too; the round trip must be exact."""

from __future__ import annotations

import pytest

from focusgroup.domain.protocol import protocol_from_json, protocol_to_json
from focusgroup.protocol_files import find_protocol


@pytest.mark.parametrize("protocol_id", ["critical-occupations", "critical-competencies"])
def test_protocol_json_round_trip(protocol_id: str) -> None:
    protocol = find_protocol(protocol_id)
    again = protocol_from_json(protocol_to_json(protocol), protocol.source_text)
    assert again == protocol
    assert again.steps == protocol.steps and again.topics == protocol.topics
