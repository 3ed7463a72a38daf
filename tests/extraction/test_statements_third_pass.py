"""Statements, third pass (branch stmts3): passives with an agent, for-to pleas, quotations a cue
broke, reasons the parser hangs on the cue, talking about. Sentences written for the test."""

from __future__ import annotations

from .conftest import content, only, piece, run


def test_a_passive_speech_verb_with_an_agent_reports_its_subject():
    text = "The grim story was relayed by a local doctor working at the clinic."
    statement = only(run(text))
    assert content(text, statement) == "The grim story"


def test_a_passive_written_by_names_an_author_not_a_statement():
    assert run("Most of the front-page stories were written by men.").statements == ()


def test_a_for_to_clause_is_what_a_plea_asks():
    text = "The mayor's family had earlier pleaded for him to be freed."
    assert content(text, only(run(text))) == "for him to be freed"


def test_a_that_clause_after_a_time_clause_is_what_was_said():
    text = "The envoy said after the talks had ended that the two sides would meet again in May."
    assert content(text, only(run(text))) == "the two sides would meet again in May"


def test_a_quotation_after_said_referring_to_goes_on_with_the_first():
    text = (
        "The council met on Monday.\n\n"
        "“We need the new bridge,” said the mayor, referring to the old crossing. "
        "“Give us the money and we will build it within three years.”"
    )
    statements = run(text).statements
    first = next(s for s in statements if "We need the new bridge" in content(text, s))
    assert "Give us the money" in content(text, first)


def test_a_quotation_broken_by_the_cue_is_one_statement():
    text = (
        "The debate turned to taxes.\n\n"
        "“It is a hard choice,” said the senator, “because it sets two good aims against each "
        "other and somebody will lose out.”"
    )
    statement = next(s for s in run(text).statements if "hard choice" in content(text, s))
    assert "two good aims" in content(text, statement)


def test_a_quotation_after_a_no_break_space_stands_alone():
    text = (
        "The council met.\n\n"
        "“The ships will sail on Friday,” the minister said.\u00a0“And the crews will be paid in full "
        "before they leave the harbour.”"
    )
    statement = next(s for s in run(text).statements if "ships will sail" in content(text, s))
    assert "crews will be paid" in content(text, statement)


def test_a_reason_hung_on_the_cue_is_part_of_what_was_said():
    text = "The agency said it had left the visits out of its count because they were routine."
    assert content(text, only(run(text))).endswith("because they were routine")


def test_a_tirade_let_loose_is_spoken_by_who_lets_it_loose():
    text = "The spokesman unleashed an angry tirade against the foreign ministry."
    statement = only(run(text))
    assert content(text, statement) == "the foreign ministry"
    assert statement.kind == "criticism"


def test_what_is_talked_about_is_said():
    text = "The survivors talked of the thick smoke that filled the tunnel."
    assert "the thick smoke" in content(text, only(run(text)))


def test_talking_to_someone_says_nothing():
    assert run("The governor talked to reporters outside the court.").statements == ()


def test_an_act_asked_for_or_held_back_is_not_made():
    text = "When asked to condemn the vandals, the mayor walked away."
    assert not [s for s in run(text).statements if piece(text, s.cue_span) == "condemn"]
    assert run("The senator's refusal to denounce the militia angered voters.").statements == ()


def test_a_purpose_infinitive_still_tells_of_an_act():
    text = "The governor took to the radio to condemn the attack on the depot."
    assert only(run(text)).kind == "criticism"


def test_continued_next_to_a_quotation_cues_it():
    text = (
        "The minister spoke after the vote.\n\n"
        "“We lost this round,” the minister said. “But the fight is far from over,” she continued, "
        "“and we will win the next one.”"
    )
    statements = run(text).statements
    assert any("fight is far from over" in content(text, s) for s in statements)


def test_continued_without_words_is_no_statement():
    assert run("The fighting continued for three days near the border.").statements == ()
    assert run("The rebels continued to shell the town.").statements == ()


def test_a_programme_title_after_the_cue_is_not_what_was_said():
    text = (
        "The envoy spoke on Sunday.\n\n"
        "“We are very close,” the envoy said on NBC’s “Meet the Press.” “The talks will end soon.”"
    )
    statement = next(s for s in run(text).statements if "very close" in content(text, s))
    assert "Meet the Press" not in content(text, statement)
    assert "The talks will end soon" in content(text, statement)


def test_said_takes_no_object_before_its_clause():
    text = "The engineer said the bridge, which opened in 1960, would not survive another flood."
    assert content(text, only(run(text))).startswith("the bridge")


def test_a_caption_ending_in_a_quoted_phrase_is_still_a_caption():
    text = (
        "Ferry sinks off the coast\n\n"
        "The ferry sank on Tuesday night, police said.\n\n"
        "Rescued: The captain told rescuers the hull had struck a 'floating log'\n\n"
        "Divers searched the wreck on Wednesday."
    )
    assert [content(text, s) for s in run(text).statements] == ["The ferry sank on Tuesday night"]


def test_saying_little_or_saying_it_reports_nothing():
    assert run("The senator said little about how the money would be found.").statements == ()
    assert run("The governor says it whenever the cameras are on.").statements == ()


def test_made_it_clear_that_is_said():
    text = "The ministry made it clear that the border would stay closed."
    assert content(text, only(run(text))) == "the border would stay closed"


def test_made_something_clear_of_dust_says_nothing():
    assert run("The wind made the road clear of sand by noon.").statements == ()
