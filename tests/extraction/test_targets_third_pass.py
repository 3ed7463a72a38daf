"""Targets, third pass: a described person, not the state or party of its adjective."""

from __future__ import annotations

from extraction import ExtractionResult, Statement

from .conftest import run


def target_name(result: ExtractionResult, statement: Statement) -> str | None:
    actor = result.actor(statement.target) if statement.target else None
    return actor.name if actor else None


def aimed(result: ExtractionResult) -> list[str | None]:
    return [target_name(result, s) for s in result.statements if s.kind in ("criticism", "accusation")]


def test_a_party_adjective_before_a_candidate_names_the_candidate_not_the_party():
    text = (
        "Senator Mark Hollis spoke to supporters in Ohio on Tuesday.\n\n"
        "Within hours his opponents accused the Republican candidate of stoking fear."
    )
    targets = aimed(run(text))
    assert "Mark Hollis" in targets
    assert "Republican" not in targets


def test_a_nationality_before_a_person_noun_names_that_person():
    text = (
        "Peter Varga won two gold medals in Rio.\n\n"
        "Brazilian police accused the American swimmer of filing a false robbery report."
    )
    targets = aimed(run(text))
    assert "Peter Varga" in targets
    assert "United States" not in targets
