"""Which claim a denial, criticism or counter-accusation answers, and whom it is aimed at."""

from __future__ import annotations

from extraction import ExtractionResult

from .conftest import only, run, speaker_name


def rebuts(result: ExtractionResult) -> set[tuple[str, str]]:
    return {(lk.source, lk.target) for lk in result.links if lk.relation == "rebuts"}


def test_denial_naming_whose_claim_it_rejects_answers_that_sides_claim_paragraphs_earlier():
    text = (
        "Russian officials said the convoy carried only food and blankets.\n\n"
        "Aid workers at the border counted forty trucks.\n\n"
        "A day later, Ukraine's foreign ministry rejected Russia's claim."
    )
    result = run(text)
    claim, denial = only(result, "claim"), only(result, "denial")
    assert speaker_name(result, denial) == "Ukraine"
    assert rebuts(result) == {(denial.id, claim.id)}
    # A denial is aimed at whoever made the claim it rejects.
    assert denial.target == claim.speaker


def test_claims_made_by_a_titled_person_are_that_persons_not_their_partys():
    text = (
        "Senator Jane Miller said the new border fence had already been finished.\n\n"
        "Two days later the interior secretary, Tom Reyes, dismissed claims made by Republican "
        "Senator Jane Miller."
    )
    result = run(text)
    claim, denial = only(result, "claim"), only(result, "denial")
    assert speaker_name(result, claim) == "Jane Miller"
    assert rebuts(result) == {(denial.id, claim.id)}
    assert denial.target == claim.speaker


def test_calling_a_story_propaganda_is_a_denial_of_the_side_it_names():
    text = (
        "Hamas officials said the convoy had been hit by an Israeli drone.\n\n"
        "The Israeli army called the story Hamas propaganda."
    )
    result = run(text)
    claim, denial = only(result, "claim"), only(result, "denial")
    assert speaker_name(result, denial) == "Israel"
    assert rebuts(result) == {(denial.id, claim.id)}


def test_a_denial_naming_one_sides_claim_does_not_answer_another_sides():
    text = (
        "The mayor said the bridge would reopen in May.\n\n"
        "Villagers living by the river rejected Russia's claim about the dam."
    )
    result = run(text)
    mayor = next(s for s in result.statements if speaker_name(result, s) == "mayor")
    assert result.statements and all(target != mayor.id for _, target in rebuts(result))


def test_an_outlet_the_words_cite_is_not_whom_a_criticism_is_aimed_at():
    text = (
        "A government spokesman said the shelling of the market, first reported by The Washington "
        "Post, was a barbaric act by the rebels."
    )
    result = run(text)
    criticism = only(result, "criticism")
    target = result.actor(criticism.target) if criticism.target else None
    assert target is None or target.kind != "media"


def test_a_spokesmans_follow_on_quote_continuing_a_denial_answers_the_same_claim():
    text = (
        "Israeli officials said the rocket had been fired from a school in Gaza.\n\n"
        "Hamas rejected Israel's claim on Tuesday.\n\n"
        '"These are lies and nothing else," a Hamas spokesman told reporters.'
    )
    result = run(text)
    claim = only(result, "claim")
    denials = [s for s in result.statements if s.kind == "denial"]
    assert len(denials) == 2
    assert rebuts(result) == {(d.id, claim.id) for d in denials}
