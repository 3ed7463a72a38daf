"""Statements, fourth pass (branch stmts4): what an adverb vouches for, cues that say nothing
(citing sources, passing questions on, fears of, questions, identifying), a told noun before a
colon, a cue joined to the reported clause, "as cited by", a sentence break inside the content.
Sentences written for the test."""

from __future__ import annotations

from .conftest import content, run


def _contents(text: str) -> list[str]:
    return [content(text, s) for s in run(text).statements]


def test_an_adverb_vouches_only_for_its_own_clause():
    text = (
        "Two tankers were reportedly seized near the coast last week, and several insurers "
        "have begun warning they could raise their premiums."
    )
    found = _contents(text)
    assert "they could raise their premiums" in found
    assert not any("insurers" in c for c in found)


def test_citing_sources_names_no_content():
    text = "Citing local sources, the agency said the bridge had been closed."
    assert _contents(text) == ["the bridge had been closed"]


def test_said_to_be_without_its_auxiliary_has_no_speaker():
    text = "About 300 advisers stay in the country but said to be no longer joining patrols."
    assert run(text).statements == ()


def test_referring_questions_on_says_nothing():
    text = "The mayor's aides referred all questions to the city council."
    assert run(text).statements == ()


def test_fears_of_something_happening_are_no_statement():
    text = "She spoke on the radio about her fears of being evicted."
    assert not any("evicted" in c for c in _contents(text))


def test_a_threat_before_a_colon_announces_the_words_after_it():
    text = "The rebel leader also posted a warning on Sunday: “Nobody will leave the valley alive.”"
    assert any(c.startswith("“Nobody will leave") for c in _contents(text))


def test_an_according_to_tail_is_not_part_of_the_words():
    text = (
        "The rebel leader also posted a warning on Sunday: “Nobody will leave the valley alive,” "
        "according to the Daily Courier."
    )
    assert not any(c.endswith("Courier.") for c in _contents(text))


def test_a_question_the_writer_asks_is_no_statement():
    assert run("How should the city respond to the flood of complaints?").statements == ()


def test_reporting_for_a_paper_is_a_job_not_a_report():
    text = "She was a stringer who frequently reported for the Evening Herald about the strikes."
    assert run(text).statements == ()


def test_alleged_links_are_an_adjective():
    text = "The donor, who moved to Cyprus in 2009, has alleged links to the smuggling ring."
    assert run(text).statements == ()


def test_the_statement_a_cue_is_made_in_is_no_statement_of_its_own():
    text = "In a statement about the closure, the union called it a betrayal of the workers."
    assert not any(c == "the closure" for c in _contents(text))


def test_a_cue_joined_to_the_reported_clause_is_the_speaker_going_on():
    text = 'Mr Okafor said he welcomed the ruling by the court and added, "I will appeal anyway."'
    found = _contents(text)
    assert "he welcomed the ruling by the court" in found
    assert '"I will appeal anyway."' in found


def test_a_cue_joined_inside_an_open_quotation_belongs_to_the_quotation():
    text = "She said the minister came over “and said, “It is a pleasure to meet you.” That was all."
    assert not any(c == "the minister came over" for c in _contents(text))


def test_a_cue_hanging_off_a_later_cue_is_part_of_what_it_reports():
    text = (
        "The main suspect is a 30-year-old driver who once posted a photo of himself holding a "
        "rifle, the Morning Star reported."
    )
    found = _contents(text)
    assert len(found) == 1 and found[0].startswith("The main suspect is")


def test_as_cited_by_relays_the_whole_sentence():
    text = (
        "One of the guards was charged with theft and the other was accused of bribery, "
        "as cited by the Gazette."
    )
    found = _contents(text)
    assert any(c.startswith("One of the guards") for c in found)


def test_footage_claiming_to_show_names_no_speaker():
    text = "Footage claiming to show the explosion appeared online hours later."
    assert run(text).statements == ()


def test_identifying_someone_without_as_says_nothing():
    assert run("The ministry identified the victim by name on Tuesday.").statements == ()
    text = "The ministry identified the victim as a local teacher."
    assert _contents(text) == ["the victim as a local teacher"]
