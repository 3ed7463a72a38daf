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


def _actor_of(result, statement):
    actor = result.actor(statement.speaker)
    affiliation = result.actor(actor.affiliation) if actor.affiliation else None
    return actor.name, affiliation.name if affiliation else None


def test_an_official_state_media_quote_without_naming_the_state_is_that_states():
    text = "KCNA quoted a foreign ministry spokesman as saying the sanctions were a declaration of war."
    result = run(text)
    (inner,) = _said(result, text, "the sanctions")
    assert _actor_of(result, inner) == ("foreign ministry spokesman", "North Korea")


def test_a_public_broadcaster_does_not_make_the_official_it_quotes_its_states():
    text = "The BBC quoted a police spokesman as saying two men were arrested."
    result = run(text)
    (inner,) = _said(result, text, "two men were arrested")
    assert _actor_of(result, inner) == ("police spokesman", None)


def test_unnamed_officials_of_two_offices_are_two_actors():
    text = (
        "A foreign ministry spokesman said the talks would resume.\n\n"
        "A defence ministry spokesman said the drills were routine."
    )
    result = run(text)
    assert len({s.speaker for s in result.statements}) == 2


def test_quoting_with_a_participle_keeps_the_reporters_statement():
    text = "A reporter at the station quoted local fighters, saying that the volunteer was safe."
    result = run(text)
    assert {speaker_name(result, s) for s in result.statements} == {
        "reporter at the station",
        "local fighters",
    }


def test_a_spokesman_of_another_body_is_not_the_spokesman_named_before():
    text = (
        "A spokesman at the Iranian embassy in Paris denied the claims.\n\n"
        "The Kremlin's spokesman said Moscow would not send troops."
    )
    result = run(text)
    second = result.statements[-1]
    assert _actor_of(result, second) == ("Kremlin's spokesman", "Russia")
