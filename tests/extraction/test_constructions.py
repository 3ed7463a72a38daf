"""Each construction the extractor knows, in short sentences written for the test."""

from __future__ import annotations

from .conftest import content, only, piece, run, speaker_name


def test_reported_speech_with_a_that_clause_gives_speaker_cue_and_content():
    text = "The foreign minister said that the talks had failed."
    result = run(text)
    statement = only(result)
    assert statement.kind == "claim"
    assert piece(text, statement.speaker_span) == "The foreign minister"
    assert piece(text, statement.cue_span) == "said"
    assert "the talks had failed" in content(text, statement)
    assert not statement.direct_quote


def test_the_complementiser_is_not_part_of_what_was_said():
    text = "The foreign minister said that the talks had failed."
    assert content(text, only(run(text))) == "the talks had failed"


def test_a_that_clause_after_the_channel_of_a_speech_verb_is_what_was_said():
    # The parser hangs "that civilians died" on "statement" as a relative clause.
    text = "The ministry said in a statement that civilians died."
    statement = only(run(text))
    assert piece(text, statement.cue_span) == "said"
    assert content(text, statement) == "civilians died"


def test_a_relative_clause_of_the_channel_says_nothing():
    assert not run("The ministry said in a statement that was released on Monday.").statements


def test_what_the_speaker_calls_a_thing_is_not_a_second_statement():
    text = "Moscow described the sanctions as an attack on its sovereignty."
    statement = only(run(text))
    assert content(text, statement) == "the sanctions as an attack on its sovereignty"


def test_quote_before_the_speaker_includes_the_quote_marks():
    text = "“We will not negotiate under pressure,” the spokesperson said."
    statement = only(run(text))
    assert content(text, statement) == "“We will not negotiate under pressure,”"
    assert piece(text, statement.speaker_span) == "the spokesperson"
    assert statement.direct_quote


def test_quote_after_a_colon_belongs_to_the_speaker_before_it():
    text = 'The senator told reporters: "This bill will never pass the chamber."'
    statement = only(run(text))
    assert piece(text, statement.speaker_span) == "The senator"
    assert "This bill will never pass the chamber." in content(text, statement)
    assert statement.direct_quote


def test_split_quote_is_one_statement_in_two_fragments():
    text = "“The harvest was poor,” the farmer said. “Prices will rise before winter.”"
    statement = only(run(text))
    assert len(statement.content_spans) == 2
    assert content(text, statement) == "“The harvest was poor,” | “Prices will rise before winter.”"


def test_quote_running_over_two_paragraphs_is_one_content():
    text = (
        "The mayor spoke at length.\n\n"
        "“The bridge is unsafe. We are closing it today.\n\n"
        "“Repairs will take a year,” the mayor said."
    )
    statement = only(run(text))
    assert piece(text, statement.speaker_span) == "the mayor"
    joined = content(text, statement)
    assert "The bridge is unsafe" in joined and "Repairs will take a year" in joined


def test_floating_quote_in_the_next_paragraph_continues_the_last_speaker():
    text = (
        "“The plan is reckless,” said the opposition leader Maria Lopez.\n\n"
        "“It will cost every family a fortune and deliver nothing in return.”"
    )
    result = run(text)
    first, floating = sorted(result.statements, key=lambda s: s.content_spans[0])
    assert floating.speaker == first.speaker is not None
    assert floating.cue_span is None and floating.direct_quote
    # The speaker is the tie; a floating quotation is not linked to what it continues.
    assert not result.links


def test_according_to_names_the_speaker_and_leaves_it_out_of_the_content():
    text = "The factory will close in March, according to the company's owners."
    statement = only(run(text))
    assert piece(text, statement.cue_span) == "according to"
    assert piece(text, statement.speaker_span) == "the company's owners"
    assert content(text, statement) == "The factory will close in March"


def test_beliefs_are_statements_of_their_holder():
    text = "The governor believes that the budget is too small."
    statement = only(run(text))
    assert piece(text, statement.speaker_span) == "The governor"
    assert "the budget is too small" in content(text, statement)


def test_accuse_of_is_an_accusation_aimed_at_the_object():
    text = "Russia accused Ukraine of shelling the power station."
    result = run(text)
    statement = only(result)
    assert statement.kind == "accusation"
    assert speaker_name(result, statement) == "Russia"
    assert result.actor(statement.target).name == "Ukraine"


def test_blame_for_is_an_accusation():
    text = "Iran blamed Israel for the explosion at the nuclear site."
    result = run(text)
    statement = only(result)
    assert (statement.kind, result.actor(statement.target).name) == ("accusation", "Israel")


def test_condemn_is_a_criticism_of_the_object():
    text = "France condemned China over the arrests of journalists."
    result = run(text)
    statement = only(result)
    assert statement.kind == "criticism"
    assert result.actor(statement.target).name == "China"


def test_denial_of_embedded_claim_yields_claim_denial_and_link():
    result = run("North Korea has denied American claims that it supplies shells to Russia.")
    claim, denial = sorted(result.statements, key=lambda s: s.kind != "claim")
    assert (claim.kind, speaker_name(result, claim)) == ("claim", "United States")
    assert (denial.kind, speaker_name(result, denial)) == ("denial", "North Korea")
    # A claim has no target; the denial is aimed at whoever made the claim it rejects.
    assert claim.target is None
    assert result.actor(denial.target).name == "United States"
    assert [(link.source, link.target, link.relation) for link in result.links] == [
        (denial.id, claim.id, "rebuts")
    ]


def test_quoted_flat_rejection_is_a_denial_that_rebuts_the_earlier_claim():
    text = (
        "The United States has accused Iran of sending drones to Russia.\n\n"
        "“We have never had any such agreement with Moscow,” Iran's foreign minister said."
    )
    result = run(text)
    accusation = only(result, "accusation")
    denial = only(result, "denial")
    assert denial.direct_quote
    assert result.actor(result.actor(denial.speaker).affiliation).name == "Iran"
    assert (denial.id, accusation.id, "rebuts") in {
        (lk.source, lk.target, lk.relation) for lk in result.links
    }


def test_noun_statement_with_a_possessor_is_a_statement_of_the_possessor():
    text = "Germany criticised Guterres' recent condemnation of the missile test."
    result = run(text)
    condemnation = next(
        s for s in result.statements if s.speaker_span and piece(text, s.speaker_span) == "Guterres"
    )
    criticism = next(s for s in result.statements if s is not condemnation)
    assert condemnation.kind == criticism.kind == "criticism"
    assert content(text, condemnation) == "the missile test"
    assert (criticism.id, condemnation.id, "rebuts") in {
        (lk.source, lk.target, lk.relation) for lk in result.links
    }


def test_narrative_noun_is_not_a_statement():
    assert run("The denial came after a week of missile tests.").statements == ()


def test_pronoun_speaker_resolves_to_the_actor_named_before():
    text = "Japan protested strongly on Monday. It said the ship had entered its waters."
    result = run(text)
    statement = next(s for s in result.statements if piece(text, s.speaker_span) == "It")
    assert speaker_name(result, statement) == "Japan"


def test_described_official_speaks_for_their_state_and_is_found_again():
    text = (
        "A deputy director at the North Korean foreign ministry said the drills were a provocation.\n\n"
        "The deputy director said the army was ready."
    )
    result = run(text)
    first, second = sorted(result.statements, key=lambda s: s.content_spans[0])
    assert first.speaker == second.speaker
    official = result.actor(first.speaker)
    assert official.kind == "person"
    assert result.actor(official.affiliation).name == "North Korea"


def test_titled_person_is_affiliated_with_the_state_in_the_title():
    text = "Kenya's foreign minister Amina Odhiambo said the border would reopen. Odhiambo added that trade would resume."
    result = run(text)
    first, second = sorted(result.statements, key=lambda s: s.content_spans[0])
    person = result.actor(first.speaker)
    assert person.kind == "person" and "Odhiambo" in person.name
    assert second.speaker == first.speaker
    assert result.actor(person.affiliation).code == "KEN"


def test_offsets_are_code_points_even_after_emoji():
    text = "🎉🎉 Fans cheered. “We deserved this win,” the coach said."
    statement = only(run(text))
    assert content(text, statement) == "“We deserved this win,”"


def test_the_institution_speaks_for_the_state_last_named():
    text = "Egypt closed the crossing on Friday. The ministry said that the decision was temporary."
    result = run(text)
    statement = only(result)
    assert speaker_name(result, statement) == "Egypt"


def test_that_less_clause_after_insist_is_the_content():
    text = "The prime minister insisted the election had been fair."
    statement = only(run(text))
    assert content(text, statement) == "the election had been fair"


def test_dismissing_reports_is_a_denial_that_rebuts_the_report_about_the_denier():
    text = (
        "Britain said that Argentina had moved troops to the border.\n\n"
        "Argentina dismissed the reports as fantasy."
    )
    result = run(text)
    claim, denial = only(result, "claim"), only(result, "denial")
    assert speaker_name(result, denial) == "Argentina"
    assert claim.target is None
    assert result.actor(denial.target).name == "United Kingdom"
    assert (denial.id, claim.id, "rebuts") in {(lk.source, lk.target, lk.relation) for lk in result.links}


def test_she_resolves_to_the_woman_named_as_speaker_before():
    text = "“We will appeal,” said Sarah Jones. She added that the ruling ignored the evidence."
    result = run(text)
    first, second = sorted(result.statements, key=lambda s: s.content_spans[0])
    assert speaker_name(result, second) == speaker_name(result, first) == "Sarah Jones"


def test_single_quote_marks_quote_as_british_papers_write():
    text = "‘We will not back down,’ the minister said. ‘The unions’ demands can’t be met.’"
    statement = only(run(text))
    assert content(text, statement) == "‘We will not back down,’ | ‘The unions’ demands can’t be met.’"


def test_a_contrasting_clause_is_a_statement_of_its_own():
    text = "The army said it had hit military targets, while the rebels said that a school was destroyed."
    result = run(text)
    army, rebels = sorted(result.statements, key=lambda s: s.content_spans[0])
    assert content(text, army) == "it had hit military targets"
    assert piece(text, rebels.speaker_span) == "the rebels"


def test_question_quote_before_the_speaker_and_its_follow_up_are_one_statement():
    text = 'Maria Lopez heard the news at noon. "Why now?" she asked. "Nobody told us."'
    statement = only(run(text))
    assert content(text, statement) == '"Why now?" | "Nobody told us."'


def test_mutual_accusation_and_denial_link_one_way():
    text = "Officials in Kyiv accused Moscow of shelling the city, a charge Russia denies."
    result = run(text)
    denial = only(result, "denial")
    assert [(lk.source, lk.relation) for lk in result.links] == [(denial.id, "rebuts")]


def test_pronouns_and_descriptions_are_mentions_but_not_aliases():
    result = run("Japan protested on Monday. It said the ship had entered its waters.")
    japan = next(a for a in result.actors if a.code == "JPN")
    assert len(japan.mentions) == 2
    assert japan.aliases == ("Japan",)


def test_force_is_not_criticism_but_a_speaker_attacking_is():
    assert run("Russian forces attacked Kharkiv overnight.").statements == ()
    statement = only(run("The senator attacked the governor over the budget."))
    assert statement.kind == "criticism"


def test_a_body_named_again_by_its_head_noun_is_the_same_speaker():
    text = (
        "The Philippine National Security Council said Chinese ships had fired water cannon.\n\n"
        "“This is a violation of international law,” the council said."
    )
    result = run(text)
    first, second = sorted(result.statements, key=lambda s: s.content_spans[0])
    assert first.speaker == second.speaker
    assert result.actor(first.speaker).code == "PHL"  # not the UN Security Council


def test_the_one_to_blame_is_not_a_speaker():
    text = "China rejected the claims, saying Manila was to blame for the incident."
    result = run(text)
    assert all(piece(text, s.speaker_span) != "Manila" for s in result.statements)


def test_a_charge_denied_in_a_relative_clause_rebuts_the_accusation():
    text = "Beijing has long accused Washington of stoking tensions in the region, a charge the US denies."
    result = run(text)
    accusation, denial = only(result, "accusation"), only(result, "denial")
    assert speaker_name(result, denial) == "United States"
    assert [(lk.source, lk.target) for lk in result.links] == [(denial.id, accusation.id)]


def test_a_name_written_with_the_is_matched_and_a_lowercase_phrase_is_not():
    result = run("Moscow denounced the West's sanctions. The west wing was closed.")
    west = [a for a in result.actors if a.kb_key == "group:west"]
    assert len(west) == 1 and len(west[0].mentions) == 1
    assert result.actor(only(result).target).kb_key == "group:west"


def test_what_an_outlet_understands_or_has_learned_is_its_report():
    for text, outlet in (
        ("The BBC understands he is Mohammed Emwazi.", "BBC"),
        ("The Guardian has learned that the minister resigned.", "The Guardian"),
    ):
        result = run(text)
        assert speaker_name(result, only(result)) == outlet, text
    assert not run("I understand your concern.").statements
