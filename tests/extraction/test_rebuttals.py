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
