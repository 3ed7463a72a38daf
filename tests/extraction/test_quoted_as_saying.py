"""'The agency quoted the minister as saying...': the minister says it; the agency relays it."""

from __future__ import annotations

from .conftest import content, run, speaker_name


def _said(result, text, words):
    return [s for s in result.statements if content(text, s).strip('"').startswith(words)]


def test_the_one_quoted_as_saying_is_the_speaker_of_the_words():
    text = "The agency quoted a border guard as saying that the convoy had turned back."
    result = run(text)
    (inner,) = _said(result, text, "the convoy had turned back")
    assert speaker_name(result, inner) == "border guard"


def test_a_report_of_a_report_keeps_the_outlet_statement_too():
    text = "The Daily Courier quoted the governor as saying the bridge would reopen in May."
    result = run(text)
    speakers = {speaker_name(result, s) for s in result.statements}
    assert speakers == {"Daily Courier", "governor"}


def test_cited_as_saying_and_a_quoting_participle_name_the_quoted_speaker():
    text = (
        "Reuters cited two police officers as saying the suspect had fled.\n\n"
        "A reporter at the station quoted local fighters, saying that the volunteer was safe."
    )
    result = run(text)
    (fled,) = _said(result, text, "the suspect had fled")
    (safe,) = _said(result, text, "the volunteer was safe")
    assert speaker_name(result, fled) == "two police officers"
    assert speaker_name(result, safe) == "local fighters"


def test_quoted_in_the_passive_is_one_statement_of_the_one_quoted():
    text = 'The mayor was quoted by the Herald as saying: "We will rebuild the bridge."'
    result = run(text)
    assert [speaker_name(result, s) for s in result.statements] == ["mayor"]
