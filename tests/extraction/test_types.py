from __future__ import annotations

import pytest

from extraction import Actor, ExtractionResult, Link, Statement

RESULT = ExtractionResult(
    extractor_version="test",
    actors=(
        Actor(
            "a1",
            "North Korea",
            "state",
            code="PRK",
            mentions=((0, 11),),
            kb_key="PRK",
            aliases=("North Korea",),
        ),
        Actor("a2", "deputy director", "person", affiliation="a1", mentions=((20, 35),)),
    ),
    statements=(
        Statement("s1", "claim", "a1", (0, 11), (12, 16), ((17, 30),), target=None, confidence=0.8),
        Statement(
            "s2", "denial", "a2", (20, 35), None, ((40, 50), (55, 60)), direct_quote=True, confidence=0.6
        ),
    ),
    links=(Link("s2", "s1", "rebuts", 0.7),),
)


def test_round_trip_through_json_dict_is_lossless():
    assert ExtractionResult.from_dict(RESULT.to_dict()) == RESULT


def test_links_serialise_with_from_and_to():
    assert RESULT.to_dict()["links"] == [{"from": "s2", "to": "s1", "relation": "rebuts", "confidence": 0.7}]


def test_spans_serialise_as_lists():
    statement = RESULT.to_dict()["statements"][1]
    assert statement["content_spans"] == [[40, 50], [55, 60]]
    assert statement["cue_span"] is None


def test_actor_lookup_by_id():
    assert RESULT.actor("a2").affiliation == "a1"
    assert RESULT.actor("a9") is None


def test_unknown_schema_is_refused():
    with pytest.raises(ValueError, match="schema"):
        ExtractionResult.from_dict({**RESULT.to_dict(), "schema": "other/2"})


def test_results_are_immutable():
    with pytest.raises(AttributeError):
        RESULT.statements[0].kind = "denial"  # type: ignore[misc]
