"""A country's press, state media, and reporting acts that report nothing."""

from __future__ import annotations

from .conftest import only, run, speaker_name


def _speaker_and_side(result, statement):
    actor = result.actor(statement.speaker)
    side = result.actor(actor.affiliation) if actor.affiliation else None
    return actor.name, side.name if side else None


def test_a_countrys_media_are_its_press_not_its_state():
    result = run("Turkish media reported that the suspect had been arrested.")
    assert speaker_name(result, only(result)) == "Turkish media"


def test_a_countrys_state_media_speak_for_the_state():
    result = run("Russian state media said the strike hit a fuel depot.")
    assert speaker_name(result, only(result)) == "Russia"


def test_media_that_support_a_side_speak_for_it():
    result = run("Pro-Kremlin media claimed that Ukrainian forces had shelled the town.")
    assert _speaker_and_side(result, only(result)) == ("Pro-Kremlin media", "Russia")


def test_not_reporting_or_quoting_a_source_is_no_statement():
    result = run("Media outside Israel have either not reported on the story or quoted the Israeli media.")
    assert result.statements == ()


def test_not_responding_to_a_request_for_comment_is_no_statement():
    result = run("The ministry did not respond to a request for comment on Monday.")
    assert result.statements == ()


def test_a_group_named_with_its_country_speaks_for_itself():
    result = run("Lebanon's Hezbollah group said its fighters had destroyed a tank.")
    assert speaker_name(result, only(result)) == "Hezbollah"


def test_a_relative_clause_speaks_for_the_same_people_as_its_noun():
    result = run(
        "Two other women who have accused the senator of assault said they were afraid to come forward."
    )
    assert len({s.speaker for s in result.statements}) == 1 and len(result.statements) == 2
    assert result.links == ()


def test_the_north_and_the_south_in_news_about_korea_are_the_two_states():
    text = (
        "Seoul said the North had fired a shell across the border. The North's military said it had "
        "held routine drills.\n\nThe South denied the claim."
    )
    result = run(text)
    assert [speaker_name(result, s) for s in result.statements] == [
        "South Korea",
        "North Korea",
        "South Korea",
    ]


def test_the_north_elsewhere_is_no_one():
    result = run("The North of England voted for the party, its leader said.")
    assert all(speaker_name(result, s) != "North Korea" for s in result.statements)


def test_it_is_not_a_body_named_in_the_plural():
    text = "Beijing has been accused by Western governments of running the camps, which it calls training centres."
    result = run(text)
    calls = next(s for s in result.statements if s.kind == "claim")
    assert speaker_name(result, calls) == "China"


def test_a_named_body_of_a_state_speaks_for_that_state():
    result = run("Ukraine's General Staff said its forces had repelled 40 attacks.")
    actor = result.actor(only(result).speaker)
    assert result.actor(actor.affiliation).name == "Ukraine"
