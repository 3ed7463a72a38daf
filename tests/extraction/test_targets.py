"""Whom a denial, accusation or criticism is aimed at, and when it is aimed at no one."""

from __future__ import annotations

from extraction import ExtractionResult, Statement

from .conftest import only, run


def target_name(result: ExtractionResult, statement: Statement) -> str | None:
    actor = result.actor(statement.target) if statement.target else None
    return actor.name if actor else None


def test_denial_of_unattributed_claims_is_not_aimed_at_whom_the_claims_are_about():
    result = run("Israel denied claims that a French hostage was killed in the strike.")
    denial = only(result, "denial")
    assert target_name(result, denial) is None


def test_denial_of_a_named_sides_claims_is_still_aimed_at_that_side():
    result = run("Iran denied American claims that it supplied drones to Russia.")
    assert target_name(result, only(result, "denial")) == "United States"


def test_denial_answering_a_claim_of_the_article_is_aimed_at_its_speaker():
    text = (
        "Peru's interior ministry said a Chilean citizen had crossed the border with explosives.\n\n"
        "Chile denied that a Chilean citizen had carried explosives."
    )
    result = run(text)
    denial = only(result, "denial")
    assert denial.target == only(result, "claim").speaker
    assert target_name(result, denial) == "Peru"


def test_building_named_in_an_accusation_is_not_its_target():
    result = run("The charity accused the army of bombing the Al-Shifa hospital.")
    accusation = only(result, "accusation")
    assert target_name(result, accusation) != "Al-Shifa"


def test_a_faith_is_not_an_actor_a_criticism_is_aimed_at():
    result = run("The preacher said the militants had insulted Islam and murdered civilians.")
    assert all(target_name(result, s) != "Islam" for s in result.statements)
