"""Whom a denial, accusation or criticism is aimed at, and when it is aimed at no one."""

from __future__ import annotations

from extraction import ExtractionResult, Statement

from .conftest import only, run


def target_name(result: ExtractionResult, statement: Statement) -> str | None:
    actor = result.actor(statement.target) if statement.target else None
    return actor.name if actor else None


def test_denial_of_unattributed_claims_is_not_aimed_at_whom_the_claims_are_about():
    result = run("Israel denied claims that a French hostage was killed in the strike.")
    denial = only(result, "denial")
    assert target_name(result, denial) is None


def test_denial_of_a_named_sides_claims_is_still_aimed_at_that_side():
    result = run("Iran denied American claims that it supplied drones to Russia.")
    assert target_name(result, only(result, "denial")) == "United States"


def test_denial_answering_a_claim_of_the_article_is_aimed_at_its_speaker():
    text = (
        "Peru's interior ministry said a Chilean citizen had crossed the border with explosives.\n\n"
        "Chile denied that a Chilean citizen had carried explosives."
    )
    result = run(text)
    denial = only(result, "denial")
    assert denial.target == only(result, "claim").speaker
    assert target_name(result, denial) == "Peru"


def test_building_named_in_an_accusation_is_not_its_target():
    result = run("The charity accused the army of bombing the Al-Shifa hospital.")
    accusation = only(result, "accusation")
    assert target_name(result, accusation) != "Al-Shifa"


def test_a_faith_is_not_an_actor_a_criticism_is_aimed_at():
    result = run("The preacher said the militants had insulted Islam and murdered civilians.")
    assert all(target_name(result, s) != "Islam" for s in result.statements)


def test_another_sides_claim_in_a_relative_clause_is_the_claim_a_denial_answers():
    text = "The army denied that its troops were in the village on the day the rebels say the massacre took place."
    result = run(text)
    claim, denial = only(result, "claim"), only(result, "denial")
    assert text[slice(*claim.content_spans[0])] == "the massacre took place"
    assert {(lk.source, lk.target) for lk in result.links} == {(denial.id, claim.id)}
    assert denial.target == claim.speaker


def test_a_relative_clause_whose_subject_is_the_pronoun_is_no_statement_of_its_own():
    result = run("The mayor said the bridge, which the army says was destroyed, did not need repairs.")
    assert len(result.statements) == 1


def test_a_fact_set_against_another_sides_relative_claim_denies_and_answers_it():
    text = "Kurdish fighters said the woman was not in the town at the time that the Taliban claims she was abducted."
    result = run(text)
    claim, denial = only(result, "claim"), only(result, "denial")
    assert text[slice(*claim.content_spans[0])] == "she was abducted"
    assert target_name(result, denial) == "Taliban"
    assert {(lk.source, lk.target) for lk in result.links} == {(denial.id, claim.id)}


def rebuts(result: ExtractionResult) -> set[tuple[str, str]]:
    return {(lk.source, lk.target) for lk in result.links if lk.relation == "rebuts"}


def test_counter_accusation_naming_whose_claim_it_rejects_answers_it_without_shared_words():
    text = (
        "Israel said Hamas fired the rocket that hit the hospital.\n\n"
        "Hamas blamed Israel for the blast, calling the Israeli claim a lie."
    )
    result = run(text)
    claim, accusation = only(result, "claim"), only(result, "accusation")
    assert rebuts(result) == {(accusation.id, claim.id)}
    assert target_name(result, accusation) == "Israel"


def test_denial_naming_the_harm_a_claim_reported_answers_that_claim():
    text = (
        "The Pentagon said an American drone had killed a senior al-Qaeda commander in Yemen.\n\n"
        "Al-Qaeda denied that its commander was dead."
    )
    result = run(text)
    claim, denial = only(result, "claim"), only(result, "denial")
    assert rebuts(result) == {(denial.id, claim.id)}
    assert target_name(result, denial) == "United States"


def test_the_accused_saying_the_opposite_of_a_copula_claim_denies_it():
    text = (
        "The Nigerian army said the dead man was a commander of Boko Haram.\n\n"
        "Boko Haram said the man was not a commander."
    )
    result = run(text)
    claim, denial = only(result, "claim"), only(result, "denial")
    assert rebuts(result) == {(denial.id, claim.id)}
    assert target_name(result, denial) == "Nigeria"


def test_a_ministry_contradicting_the_police_of_its_own_state_answers_them():
    text = (
        "Police in Paris said the attacker was a member of the Islamic State.\n\n"
        "The suspect had lived in the city for ten years, neighbours said.\n\n"
        "But the interior ministry insisted the man had acted alone and was not a member of any group."
    )
    result = run(text)
    denial = only(result, "denial")
    police = next(s for s in result.statements if text[slice(*s.content_spans[0])].startswith("the attacker"))
    assert rebuts(result) == {(denial.id, police.id)}


def test_a_side_going_on_without_a_contrast_does_not_answer_itself():
    text = (
        "Turkish police said the suspect was a member of the PKK.\n\n"
        "The interior ministry said the suspect had not been abroad."
    )
    assert rebuts(run(text)) == set()


def test_condemning_a_violent_act_is_aimed_at_its_doer_not_at_whom_it_befell():
    result = run("Britain condemned the murder of the American journalist by Islamic State.")
    assert target_name(result, only(result, "criticism")) == "Islamic State"


def test_condemning_an_attack_on_a_states_embassy_is_not_aimed_at_that_state():
    result = run("The minister condemned the attack on the US embassy in Kabul.")
    assert target_name(result, only(result, "criticism")) != "United States"


def test_a_criticism_takes_whom_its_speaker_blames_inside_it():
    result = run("Iran condemned the killing of its diplomat, which it blamed on Israel.")
    assert target_name(result, only(result, "criticism")) == "Israel"


def test_a_bloc_written_in_lower_case_is_still_the_bloc_criticised():
    result = run("The minister lashed out at the western countries for supporting terrorists in the region.")
    assert target_name(result, only(result, "criticism")) == "the West"


def test_a_named_spokesman_titled_by_a_body_speaks_for_it_and_goes_on_with_its_denial():
    text = (
        "Israeli officials said Hamas had fired the rocket from a school in Gaza.\n\n"
        "Hamas denied the accusation.\n\n"
        '"The rocket was not fired by our fighters," Hamas spokesman Fawzi Barhoum said.'
    )
    result = run(text)
    claim = only(result, "claim")
    spokesman = next(s for s in result.statements if "our fighters" in text[slice(*s.content_spans[0])])
    assert result.actor(result.actor(spokesman.speaker).affiliation).name == "Hamas"
    assert (spokesman.kind, (spokesman.id, claim.id) in rebuts(result)) == ("denial", True)


def test_a_private_person_with_a_nationality_is_not_affiliated_with_the_state():
    result = run("American journalist Jane Doyle said she was tired.")
    person = result.actor(only(result).speaker)
    assert (person.name, person.affiliation) == ("Jane Doyle", None)


def test_a_spokesman_for_the_body_named_before_speaks_for_it():
    text = (
        "The Free Syrian Army denied using chemical weapons. "
        '"We have never possessed such weapons," a spokesman for the group told Reuters.'
    )
    result = run(text)
    spokesman = next(s for s in result.statements if "possessed" in text[slice(*s.content_spans[0])])
    assert result.actor(result.actor(spokesman.speaker).affiliation).name == "Free Syrian Army"


def test_a_quoted_verb_phrase_around_a_denial_cue_is_not_what_is_denied():
    text = (
        "A later message from Anna Berg said the head of the Peshmerga forces in the town "
        '"categorically refuted these allegations."'
    )
    result = run(text)
    denial = only(result, "denial")
    assert [text[s:e] for s, e in denial.content_spans] == ["these allegations"]


def test_a_speakers_own_quoted_denial_keeps_the_whole_quotation():
    text = '"I categorically deny these allegations," the minister said.'
    result = run(text)
    assert "I categorically deny these allegations" in text[slice(*only(result).content_spans[0])]


def test_a_denial_of_reports_an_outlet_only_relays_is_aimed_at_no_one():
    text = (
        "The Daily Globe claimed, citing unconfirmed reports, that the commander had been killed in an air strike.\n\n"
        "His brother said the commander was alive and had not been hurt."
    )
    result = run(text)
    denial = only(result, "denial")
    assert rebuts(result) == {(denial.id, only(result, "claim").id)}
    assert denial.target is None


def test_a_denial_of_an_outlets_own_report_is_aimed_at_the_outlet():
    text = (
        "The Daily Globe reported that the commander had been killed in an air strike.\n\n"
        "His brother said the commander was alive and had not been hurt."
    )
    result = run(text)
    denial = only(result, "denial")
    assert target_name(result, denial) == "The Daily Globe"


def test_a_lower_case_word_the_tagger_takes_for_a_name_is_no_actor():
    result = run("The farmer said the terror group fed a desperate mother a meal before killing her son.")
    assert all(a.name != "fed" for a in result.actors)


def test_a_criticism_is_aimed_at_the_actor_its_words_say_acts():
    text = (
        "The US-led coalition began air strikes on Islamic State in June.\n\n"
        "An Iraqi lawmaker protested that the coalition had achieved nothing for the people of Anbar."
    )
    result = run(text)
    assert target_name(result, only(result, "criticism")) == "US-led coalition"


def test_the_group_described_as_acting_in_a_criticism_is_the_group_named_before():
    text = (
        "Al-Shabaab fighters seized the town in June.\n\n"
        "A local elder protested that the militant group had brought nothing but fear to the town."
    )
    result = run(text)
    assert target_name(result, only(result, "criticism")) == "al-Shabaab"


def test_a_plural_pronoun_acting_in_a_criticism_is_the_body_named_before():
    text = (
        "The Taliban seized the valley in May.\n\n"
        "The farmer protested that they had ignored the village for years."
    )
    result = run(text)
    assert target_name(result, only(result, "criticism")) == "Taliban"


def test_the_target_is_the_person_a_phrase_names_not_the_party_describing_them():
    result = run(
        "Barack Obama criticized Republican presidential candidate Donald Trump for exploiting fears."
    )
    statement = only(result, "criticism")
    assert result.actor(statement.target).name == "Donald Trump"


def test_a_condemnation_takes_whom_its_participle_blames():
    text = "Iran's foreign minister condemned the killing of the scientist, blaming Israel."
    result = run(text)
    assert target_name(result, only(result, "criticism")) == "Israel"
