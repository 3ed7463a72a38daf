"""Statements, second pass (branch stmts): captions, refusals to confirm, "quoted X as saying",
more reporting verbs. Sentences written for the test."""

from __future__ import annotations

from extraction.attribution import caption_lines

from .conftest import content, only, run, speaker_name


def test_a_caption_marked_as_one_reports_no_statement():
    text = (
        "Ferry sinks off the coast\n\n"
        "The ferry sank on Tuesday night, police said.\n\n"
        "Rescued: The captain (pictured) told rescuers that the engine had failed\n\n"
        "Divers searched the wreck on Wednesday."
    )
    result = run(text)
    assert [content(text, s) for s in result.statements] == ["The ferry sank on Tuesday night"]


def test_a_body_paragraph_without_a_full_stop_still_speaks():
    # No caption marker: a paragraph that merely lost its stop is still running text.
    text = (
        "Ferry sinks off the coast\n\n"
        "Police said the ferry sank on Tuesday night\n\n"
        "Divers searched the wreck on Wednesday."
    )
    assert "the ferry sank on Tuesday night" in content(text, only(run(text)))


def test_caption_lines_need_a_marker_and_a_missing_stop():
    text = (
        "Headline of the story\n\n"
        "Related: Mayor says the bridge will reopen in May\n\n"
        "The mayor (left) said the bridge would reopen in May.\n\n"
        "The end of the story."
    )
    assert [text[s:e] for s, e in caption_lines(text)] == [
        "Related: Mayor says the bridge will reopen in May"
    ]


def test_not_confirming_is_no_statement():
    assert run("The ministry did not confirm the report.").statements == ()
    assert run("No official has confirmed the allegation.").statements == ()
    assert run("The police declined to confirm the reports.").statements == ()


def test_confirming_is_still_a_statement():
    text = "The ministry confirmed that two soldiers had been wounded."
    assert "two soldiers had been wounded" in content(text, only(run(text)))


def test_quoted_as_saying_gives_the_quoted_speaker():
    text = (
        "Fighting went on near the dam.\n\n"
        "“We have found rockets made abroad in the village,” the Daily Courier quoted "
        "provincial governor Sam Okafor as saying."
    )
    result = run(text)
    speakers = {speaker_name(result, s) for s in result.statements}
    assert "Sam Okafor" in speakers
    said = next(s for s in result.statements if speaker_name(result, s) == "Sam Okafor")
    assert "We have found rockets made abroad in the village" in content(text, said)


def test_underlined_and_unveiled_report_what_was_said():
    text = "The senator underlined that the budget had not been approved."
    assert "the budget had not been approved" in content(text, only(run(text)))
    text = "The minister unveiled that the army had received new rifles."
    assert "the army had received new rifles" in content(text, only(run(text)))
    assert run("The minister unveiled a new plan for the railways.").statements == ()


def test_a_that_clause_after_a_time_is_what_was_said():
    # The parser hangs "that ..." on "start" as a relative clause; "that" is a complementiser.
    text = "The ministry has said from the start that the dam was safe."
    assert "the dam was safe" in content(text, only(run(text)))


def test_who_after_a_comma_speaks_for_the_body_named_before_it():
    text = "The report was disputed by the Tribune newspaper, however, who said the bridge had not collapsed."
    result = run(text)
    said = next(s for s in result.statements if "the bridge had not collapsed" in content(text, s))
    assert speaker_name(result, said) is not None
    assert "Tribune" in speaker_name(result, said)


def test_a_bare_quantifier_speaks_for_the_group_named_before():
    text = "Opposition senators criticised the deal on Monday. Several argued that the price was too high."
    result = run(text)
    said = next(s for s in result.statements if "the price was too high" in content(text, s))
    assert "senators" in (speaker_name(result, said) or "")


def test_acts_worded_with_speech_verbs_are_no_statements():
    assert run("The Red Cross officials have offered to help the government.").statements == ()
    assert run("The spokesman would offer no further details.").statements == ()
    assert run("The ministry rarely discusses its border operations.").statements == ()
    assert run("The rebels appear to have taken the town.").statements == ()


def test_reporting_a_fact_still_speaks():
    text = "The Courier reported that the floods had reached the capital."
    assert "the floods had reached the capital" in content(text, only(run(text)))


def test_a_quotation_before_quoted_as_saying_is_both_the_outlets_and_the_speakers():
    text = (
        "Fighting went on near the dam.\n\n"
        "“We have found rockets made abroad in the village,” the Al-Noor news website quoted "
        "provincial governor Sam Okafor as saying."
    )
    result = run(text)
    assert [speaker_name(result, s) for s in result.statements] == ["Sam Okafor", "Al-Noor"]
    assert all(
        "We have found rockets made abroad in the village" in content(text, s) for s in result.statements
    )


def test_an_abbreviated_rank_does_not_end_the_sentence():
    text = (
        "Officials suspect that one of the men freed in exchange for Army Sgt. Tom Reyes has "
        "returned to the fight, the Courier reported."
    )
    result = run(text)
    assert any(speaker_name(result, s) == "Courier" for s in result.statements)


def test_a_named_source_inside_relayed_words_is_a_statement_of_its_own():
    text = (
        "Executions rose last year.\n\n"
        "“According to Amnesty International at least 79 people were executed in the country "
        "in 2013,” the Courier reported in September."
    )
    result = run(text)
    assert {speaker_name(result, s) for s in result.statements} == {"Amnesty International", "Courier"}


def test_where_something_was_said_is_not_what_was_said():
    text = "“We are close,” the ambassador said on Channel Four’s “Evening News.” “We will find him.”"
    statement = only(run(text))
    assert "Evening News" not in content(text, statement)
    assert "We are close" in content(text, statement)


def test_criticism_drawn_from_someone_is_theirs_and_aimed_at_what_drew_it():
    text = "The prisoner swap drew criticism from the opposition senators."
    result = run(text)
    statement = only(result)
    assert statement.kind == "criticism"
    assert content(text, statement) == "The prisoner swap"
    assert "senators" in (speaker_name(result, statement) or "")


def test_making_an_announcement_that_is_a_statement_of_whoever_makes_it():
    text = "The governor made the announcement that the border would close on Friday."
    result = run(text)
    statement = only(result)
    assert "the border would close on Friday" in content(text, statement)
    assert speaker_name(result, statement) is not None


def test_a_document_of_people_no_name_identifies_speaks_for_them():
    text = "According to a survivor's account, the guards fled before the explosion."
    result = run(text)
    assert speaker_name(result, only(result)) == "survivor"
    text = "Early assessments by many in the intelligence community concluded that the group was regional."
    result = run(text)
    assert "the group was regional" in content(text, only(result))
    text = "Some elements of the intelligence community believe the information is strong."
    assert "the information is strong" in content(text, only(run(text)))
