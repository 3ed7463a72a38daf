"""Participial tails, claims a statement calls false, and documents that are nobody's: how they
become statements and links (issue 11, classes 6 and 7)."""

from __future__ import annotations

from .conftest import content, only, run, speaker_name


def rebuts(result) -> set[tuple[str, str]]:
    return {(lk.source, lk.target) for lk in result.links if lk.relation == "rebuts"}


def test_a_participle_of_saying_after_an_object_is_a_statement_of_its_own_by_the_same_speaker():
    text = (
        "The opposition leader condemned the government for raising taxes, adding that the "
        "budget would be passed next week."
    )
    result = run(text)
    criticism, tail = sorted(result.statements, key=lambda s: s.content_spans[0])
    assert content(text, criticism) == "the government for raising taxes"
    assert "the budget would be passed next week" in content(text, tail)
    assert tail.speaker == criticism.speaker is not None


def test_a_naming_participle_goes_on_with_the_statement_it_follows():
    text = "The senator criticised the report, calling it a whitewash of the scandal."
    statement = only(run(text))
    assert "calling it a whitewash" in content(text, statement)


def test_a_claim_the_speaker_calls_untrue_is_the_other_sides_and_the_denial_rebuts_it():
    text = (
        "The Iranian commander criticised Washington for its policy, adding that the US claims "
        "that the weapons were dropped by mistake were untrue."
    )
    result = run(text)
    denial = only(result, "denial")
    claim = next(s for s in result.statements if speaker_name(result, s) == "United States")
    assert claim.kind == "claim"
    # The embedded claim ends before the copula that judges it.
    assert content(text, claim) == "the weapons were dropped by mistake"
    assert (denial.id, claim.id) in rebuts(result)
    assert denial.target == claim.speaker


def test_a_claim_whose_subject_is_called_untrue_is_no_embedded_statement():
    # "were untrue" has a subject of its own here: the reports are called untrue, not a claim.
    text = "The ministry said that the reports that the army had withdrawn were untrue."
    assert only(run(text)).kind == "denial"


def test_what_a_report_is_said_to_claim_does_not_make_its_author():
    text = (
        "Supporters of the militia trashed reports that claimed Kurdish fighter Rehana was "
        "beheaded by the Islamic State."
    )
    result = run(text)
    # The reports are nobody's: no statement of theirs, and whoever trashes them is no author.
    assert only(result).kind == "denial"
    assert not result.links


def test_a_document_issued_by_a_subject_is_that_subjects():
    text = "Hamas issued a statement that said the truce was over."
    result = run(text)
    assert speaker_name(result, only(result)) == "Hamas"
