"""Which sentences hold a statement and who stands behind it (issue 11), in sentences written for the test."""

from __future__ import annotations

from .conftest import content, only, piece, run, speaker_name


def test_telling_reporters_without_saying_what_is_no_statement():
    assert run("The minister told reporters at the airport on Monday.").statements == ()
    text = "The minister told reporters that the road would reopen."
    assert "the road would reopen" in content(text, only(run(text)))


def test_telling_a_story_is_a_statement():
    text = "The farmer told the story of the flood to every visitor."
    assert "the story of the flood" in content(text, only(run(text)))


def test_adding_or_posting_a_thing_is_no_statement_but_adding_a_quote_is():
    assert run("The party added a seat in the north. The group posted a video online.").statements == ()
    text = "“We will win in the north,” the senator added."
    assert only(run(text)).direct_quote


def test_a_noun_believed_to_be_something_is_not_the_speaker():
    result = run("Police arrested a man believed to be the leader of the gang.")
    assert all(speaker_name(result, s) != "man" for s in result.statements)


def test_a_caption_label_before_a_colon_is_not_a_speaker():
    text = (
        "Journalist freed after two years\n\n"
        "The reporter was released on Sunday.\n\n"
        "Victim: The reporter was kidnapped in the north in 2012 while covering the war."
    )
    assert run(text).statements == ()


def test_an_anonymous_source_speaks():
    text = "A counterterrorism source told the network that the inquiry was moving forward."
    result = run(text)
    statement = only(result)
    assert piece(text, statement.speaker_span) == "A counterterrorism source"
    assert speaker_name(result, statement) is not None


def test_a_statement_relayed_by_a_report_keeps_its_own_speaker():
    text = "According to the Daily Courier, one official said that the planes had been hidden in the desert."
    result = run(text)
    speakers = {speaker_name(result, s) for s in result.statements}
    assert speakers == {"the Daily Courier", "official"}


def test_the_time_something_was_said_is_not_what_was_said():
    text = "The rebels have shot down two planes in the north, a senior lawmaker disclosed on Monday."
    result = run(text)
    statement = only(result)
    assert content(text, statement) == "The rebels have shot down two planes in the north"
    assert piece(text, statement.speaker_span) == "a senior lawmaker"


def test_words_after_told_someone_and_a_colon_closing_the_paragraph_are_the_next_paragraph():
    text = (
        "An analyst named Yakoub Mustafa told the agency:\n\n"
        "“The militias have bought sophisticated weapons from smugglers.”"
    )
    result = run(text)
    statement = only(result)
    assert content(text, statement) == "“The militias have bought sophisticated weapons from smugglers.”"
    assert speaker_name(result, statement) == "Yakoub Mustafa"


def test_she_is_the_woman_named_before_not_the_man():
    text = (
        "Luke Somers was killed in Yemen on Saturday. His sister Lucy told reporters that she learned "
        "of his death from the police. “We ask to be left to mourn in peace,” she said."
    )
    result = run(text)
    quote = next(s for s in result.statements if s.direct_quote)
    assert speaker_name(result, quote) == "Lucy"


def test_a_person_described_by_age_is_the_person_named_before():
    text = "Gill Rosenberg left Israel last year. The 31-year-old told the radio that she wanted to help."
    result = run(text)
    assert speaker_name(result, only(result)) == "Gill Rosenberg"


def test_the_statement_speaks_for_whoever_issued_it():
    text = (
        "The Red Cross said in a statement that the convoy had reached the city. "
        "The statement said that more trucks would follow on Monday."
    )
    result = run(text)
    first, second = result.statements
    assert first.speaker == second.speaker and "Red Cross" in speaker_name(result, second)


def test_elements_of_a_body_speak_as_that_body():
    text = "Some elements of the army believe that the information is strong enough."
    result = run(text)
    assert speaker_name(result, only(result)) is not None


def _speaks_for(result, statement) -> list[str]:
    names = []
    actor = result.actor(statement.speaker) if statement.speaker else None
    while actor is not None and actor.name not in names:
        names.append(actor.name)
        actor = result.actor(actor.affiliation) if actor.affiliation else None
    return names


def test_the_groups_leader_speaks_for_the_group_named_before():
    text = "Hezbollah fighters crossed the border. The group's leader said that they would respond."
    result = run(text)
    assert _speaks_for(result, only(result)) == ["group's leader", "Hezbollah"]


def test_a_clause_reported_after_said_that_is_no_cue_of_its_own():
    text = "The minister said that the army would respond."
    assert piece(text, only(run(text)).speaker_span) == "The minister"


def test_reports_in_the_press_that_a_ministry_rejects_are_the_press_claim():
    text = "The ministry rejected reports in the Turkish press that the convoy had been attacked."
    result = run(text)
    claim = only(result, "claim")
    assert speaker_name(result, claim) == "Turkish press"
    assert content(text, claim) == "the convoy had been attacked"


def test_a_participial_tail_goes_on_with_the_denial():
    text = "The army denied the report, saying the soldiers had not crossed the border."
    result = run(text)
    denial = only(result)
    assert denial.kind == "denial" and "the soldiers had not crossed the border" in content(text, denial)


def test_a_friend_quoted_by_a_newspaper_speaks_and_is_not_the_man_he_talks_of():
    text = "One of Emwazi's friends was quoted by the Courier as saying: “I have no doubt that it is him.”"
    result = run(text)
    quote = next(s for s in result.statements if piece(text, s.speaker_span) == "One of Emwazi's friends")
    assert speaker_name(result, quote) == "Emwazi's friends"
    assert content(text, quote) == "“I have no doubt that it is him.”"


def test_a_participle_after_a_passive_speaks_for_its_subject():
    text = (
        "Mohammed Emwazi flew back to London. He was stopped at the airport, telling a friend in an "
        "email: “I feel like a prisoner in this city.”"
    )
    result = run(text)
    assert speaker_name(result, only(result)) == "Mohammed Emwazi"


def test_it_appears_that_is_nobodys_statement():
    text = "Islamic State released a video. It appears that the captors were members of the group."
    assert run(text).statements == ()


def test_a_fronted_concessive_clause_is_part_of_what_is_said():
    text = "The official said though the fighter jets led the strike, they were escorted by other aircraft."
    said = content(text, only(run(text)))
    assert said.startswith("though the fighter jets led the strike") and said.endswith("other aircraft")


def test_a_closing_according_to_covers_the_whole_coordination():
    text = "Hundreds of men have travelled to the front, and almost all have joined the militia, according to police officials."
    assert content(text, only(run(text))).startswith("Hundreds of men have travelled")


def test_a_time_after_a_statement_noun_is_not_what_it_says():
    text = "In a statement on Thursday, the ministry said the border would stay closed."
    result = run(text)
    assert all(content(text, s) != "Thursday" for s in result.statements)
    assert any("the border would stay closed" in content(text, s) for s in result.statements)


def test_a_passive_declaration_with_its_agent_says_something_of_the_subject():
    text = "Both militias were declared by the country's parliament to be terror groups."
    said = only(run(text))
    assert content(text, said) == "Both militias | to be terror groups"


def test_a_private_persons_thoughts_are_not_statements_an_officials_are():
    assert not run("Sarah Jones thought the soldiers were being generous.").statements
    for text in (
        "Russian Foreign Minister Sergei Lavrov believes the talks will fail.",
        "Foreign Minister Sergei Lavrov believes the talks will fail.",
    ):
        assert len(run(text).statements) == 1, text
