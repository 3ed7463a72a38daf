"""Which claim a denial, criticism or counter-accusation answers, and whom it is aimed at."""

from __future__ import annotations

from extraction import ExtractionResult

from .conftest import content, only, run, speaker_name


def rebuts(result: ExtractionResult) -> set[tuple[str, str]]:
    return {(lk.source, lk.target) for lk in result.links if lk.relation == "rebuts"}


def test_denial_naming_whose_claim_it_rejects_answers_that_sides_claim_paragraphs_earlier():
    text = (
        "Russian officials said the convoy carried only food and blankets.\n\n"
        "Aid workers at the border counted forty trucks.\n\n"
        "A day later, Ukraine's foreign ministry rejected Russia's claim."
    )
    result = run(text)
    claim, denial = only(result, "claim"), only(result, "denial")
    assert speaker_name(result, denial) == "Ukraine"
    assert rebuts(result) == {(denial.id, claim.id)}
    # A denial is aimed at whoever made the claim it rejects.
    assert denial.target == claim.speaker


def test_claims_made_by_a_titled_person_are_that_persons_not_their_partys():
    text = (
        "Senator Jane Miller said the new border fence had already been finished.\n\n"
        "Two days later the interior secretary, Tom Reyes, dismissed claims made by Republican "
        "Senator Jane Miller."
    )
    result = run(text)
    claim, denial = only(result, "claim"), only(result, "denial")
    assert speaker_name(result, claim) == "Jane Miller"
    assert rebuts(result) == {(denial.id, claim.id)}
    assert denial.target == claim.speaker


def test_calling_a_story_propaganda_is_a_denial_of_the_side_it_names():
    text = (
        "Hamas officials said the convoy had been hit by an Israeli drone.\n\n"
        "The Israeli army called the story Hamas propaganda."
    )
    result = run(text)
    claim, denial = only(result, "claim"), only(result, "denial")
    assert speaker_name(result, denial) == "Israel"
    assert rebuts(result) == {(denial.id, claim.id)}


def test_a_denial_naming_one_sides_claim_does_not_answer_another_sides():
    text = (
        "The mayor said the bridge would reopen in May.\n\n"
        "Villagers living by the river rejected Russia's claim about the dam."
    )
    result = run(text)
    mayor = next(s for s in result.statements if speaker_name(result, s) == "mayor")
    assert result.statements and all(target != mayor.id for _, target in rebuts(result))


def test_an_outlet_the_words_cite_is_not_whom_a_criticism_is_aimed_at():
    text = (
        "A government spokesman said the shelling of the market, first reported by The Washington "
        "Post, was a barbaric act by the rebels."
    )
    result = run(text)
    criticism = only(result, "criticism")
    target = result.actor(criticism.target) if criticism.target else None
    assert target is None or target.kind != "media"


def test_a_spokesmans_follow_on_quote_continuing_a_denial_answers_the_same_claim():
    text = (
        "Israeli officials said the rocket had been fired from a school in Gaza.\n\n"
        "Hamas rejected Israel's claim on Tuesday.\n\n"
        '"These are lies and nothing else," a Hamas spokesman told reporters.'
    )
    result = run(text)
    claim = only(result, "claim")
    denials = [s for s in result.statements if s.kind == "denial"]
    assert len(denials) == 2
    assert rebuts(result) == {(d.id, claim.id) for d in denials}


def test_a_denial_opening_with_but_answers_the_claim_before_the_statement_between():
    text = (
        "Police said the man was a member of the militant group.\n\n"
        "The group's leader said the fighting would go on.\n\n"
        "But the interior ministry insisted the man was not a member."
    )
    result = run(text)
    police = next(s for s in result.statements if speaker_name(result, s) == "Police")
    denial = only(result, "denial")
    assert rebuts(result) == {(denial.id, police.id)}
    assert denial.target == police.speaker


def test_a_negated_assertion_after_another_sides_claim_is_a_denial_of_it():
    text = "The United States said Iran was involved in the attack.\n\nIran said it was not involved."
    result = run(text)
    claim, denial = only(result, "claim"), only(result, "denial")
    assert (speaker_name(result, claim), speaker_name(result, denial)) == ("United States", "Iran")
    assert rebuts(result) == {(denial.id, claim.id)}
    assert result.actor(denial.target).name == "United States"


def test_the_same_assertion_by_the_same_side_is_no_denial():
    text = "The ministry said the man was not involved.\n\nThe ministry later said he was not involved."
    result = run(text)
    assert {s.kind for s in result.statements} == {"claim"}
    assert not rebuts(result)


def test_saying_alive_whom_another_side_says_was_killed_answers_that_claim():
    text = (
        "Islamic State said its fighters had beheaded the Kurdish fighter Rehana.\n\n"
        "Her brother said the family was waiting for news.\n\n"
        "A Kurdish journalist, Rashad Ali, said Rehana is alive and safe."
    )
    result = run(text)
    denial = only(result, "denial")
    claim = next(s for s in result.statements if speaker_name(result, s) == "Islamic State")
    assert rebuts(result) == {(denial.id, claim.id)}


def test_a_tally_of_kills_is_no_fate_an_answer_denies():
    # "She has killed 100 fighters" says nothing befell her: "she is alive" does not answer it.
    text = (
        "A journalist said the girl had killed more than 100 militants.\n\nHer commander said she is alive."
    )
    result = run(text)
    assert not rebuts(result)


def test_denying_the_accusation_answers_the_accusation_with_a_statement_between():
    text = (
        "Ukraine accused Russia of shelling the city.\n\n"
        "The mayor said thirty people had died.\n\n"
        "Moscow denied the accusation."
    )
    result = run(text)
    accusation, denial = only(result, "accusation"), only(result, "denial")
    assert rebuts(result) == {(denial.id, accusation.id)}


def test_an_accusation_a_statement_reports_does_not_answer_that_statement():
    result = run("The reporter said Turkish agents had accused her of spying.")
    assert only(result, "accusation")
    assert not rebuts(result)


def test_claims_the_tagger_reads_as_a_verb_are_still_the_denied_sides_claim():
    # In "denied ISIS claims that...", the tagger takes "claims" for a verb; as the object of
    # "denied" it is the noun, and what ISIS claimed is a statement the denial answers.
    text = "Kurdish fighters denied ISIS claims that the town had fallen."
    result = run(text)
    claim, denial = only(result, "claim"), only(result, "denial")
    assert speaker_name(result, claim) == "Islamic State"
    assert rebuts(result) == {(denial.id, claim.id)}


def test_the_deniers_participial_tail_is_part_of_the_denial_not_a_claim_of_its_own():
    text = "Israel accused Hamas of firing the rocket.\n\nHamas denied the charge, calling the reports a provocation."
    result = run(text)
    accusation, denial = only(result, "accusation"), only(result, "denial")
    assert len(result.statements) == 2
    assert "provocation" in content(text, denial)
    assert rebuts(result) == {(denial.id, accusation.id)}


def test_refusing_what_another_side_demands_is_no_denial_of_a_claim():
    # The negated verb answers a demand ("should release"), not an assertion that it happened.
    text = (
        "Democrats said Senator Tom Reyes should follow the example of other candidates and release "
        "his tax returns.\n\nSenator Tom Reyes said he is not releasing his returns while he is being audited."
    )
    result = run(text)
    assert {s.kind for s in result.statements} == {"claim"}
    assert not rebuts(result)


def test_saying_the_reports_are_false_points_back_at_the_reported_claim():
    text = (
        "Three outlets reported that the minister had resigned on Sunday.\n\n"
        "The ministry's spokesman said the reports were false."
    )
    result = run(text)
    denial = only(result, "denial")
    claim = next(s for s in result.statements if s.kind == "claim")
    assert rebuts(result) == {(denial.id, claim.id)}


def test_a_denial_far_down_answers_the_leads_claim_it_shares_words_with():
    filler = "".join(f"Residents of the district {n} said the market had reopened.\n\n" for n in range(8))
    text = (
        "Rebel fighters said they had captured the airport in Aleppo after heavy fighting.\n\n"
        + filler
        + "The defence ministry denied that the airport in Aleppo had fallen."
    )
    result = run(text)
    lead = result.statements[0]
    denial = only(result, "denial")
    assert rebuts(result) == {(denial.id, lead.id)}


def test_a_phrasal_denial_followed_by_a_colon_quote_says_its_words_and_answers_the_claim():
    text = (
        '"At least ten militants have been caught at the border," Senator Tom Reyes told reporters.\n\n'
        'The secretary shot down Reyes\'s claims: "We have no credible intelligence to that effect." '
        "He also urged leaders not to spread rumours."
    )
    result = run(text)
    denial = only(result, "denial")
    said = content(text, denial)
    assert "no credible intelligence" in said and "rumours" not in said
    claim = next(s for s in result.statements if speaker_name(result, s) == "Tom Reyes")
    assert (denial.id, claim.id) in rebuts(result)


def test_calling_on_someone_after_a_denial_is_a_statement_of_its_own():
    # "calling on leaders to..." urges; only "calling X a Y" names what is denied.
    text = "The minister denied the reports, calling on journalists to check their sources."
    result = run(text)
    assert any(s.kind != "denial" for s in result.statements)


def test_neither_confirming_nor_denying_reports_is_no_denial_of_them():
    text = (
        "Newspapers reported that the hostage had been freed in a raid.\n\n"
        "The ministry said it would neither confirm nor deny reports at this stage."
    )
    result = run(text)
    assert all(s.kind != "denial" for s in result.statements)
    assert not rebuts(result)


def test_a_spokesmans_negated_words_after_the_sides_denial_deny_the_same_claim():
    text = (
        "Israeli officials said the rocket had been fired by Hamas from a school in Gaza.\n\n"
        "Hamas denied the accusation on Tuesday.\n\n"
        '"The rocket was not ours and we have nothing to do with it," a Hamas spokesman said.'
    )
    result = run(text)
    claim = only(result, "claim")
    denials = [s for s in result.statements if s.kind == "denial"]
    assert len(denials) == 2
    assert rebuts(result) == {(d.id, claim.id) for d in denials}


def test_a_spokesmans_negation_about_something_else_is_no_denial():
    text = (
        "Israeli officials said the rocket had been fired by Hamas from a school in Gaza.\n\n"
        "Hamas denied the accusation on Tuesday.\n\n"
        "A Hamas spokesman said the group would not attend the talks in Cairo."
    )
    result = run(text)
    assert [s.kind for s in result.statements].count("denial") == 1


def test_denying_the_reports_answers_the_claim_the_rest_of_the_sentence_names():
    # The nearest claim is about executions; the sentence says the reports are about cholera.
    text = (
        "Local doctors said cholera had broken out in the camps near Mosul.\n\n"
        "A rights group said militants had executed three doctors in the city.\n\n"
        "Asked about cholera in the camps, the health ministry denied the reports."
    )
    result = run(text)
    denial = only(result, "denial")
    doctors = next(s for s in result.statements if speaker_name(result, s) == "Local doctors")
    assert rebuts(result) == {(denial.id, doctors.id)}


def test_two_politicians_of_one_country_aiming_at_each_other_are_two_sides():
    # Both speak for the United Kingdom, yet the one answers what the other said of him.
    text = (
        "Keir Starmer criticised Rishi Sunak for cutting hospital budgets in the north.\n\n"
        "Sunak, in turn, accused Starmer of lying about the hospital budgets."
    )
    result = run(text)
    criticism, accusation = only(result, "criticism"), only(result, "accusation")
    assert rebuts(result) == {(accusation.id, criticism.id)}


def test_a_minister_and_the_state_it_speaks_for_are_one_side():
    text = (
        "Britain said Rishi Sunak had cut the hospital budgets in the north.\n\n"
        "Sunak criticised the unions over the hospital budgets."
    )
    result = run(text)
    assert not rebuts(result)


def test_a_denial_negating_what_a_short_claim_asserts_answers_it_though_it_comes_later():
    # "she is captured" is one content word, too little to be matched by topic; the denial
    # negates just what it asserts.
    text = (
        '"Maria Lopez was not captured by the rebels. These are lies," an army spokesman said.\n\n'
        "Rebel sources still insist that she is captured."
    )
    result = run(text)
    claim, denial = only(result, "claim"), only(result, "denial")
    assert rebuts(result) == {(denial.id, claim.id)}


def test_a_rejected_phrase_the_content_runs_on_past_still_only_points_back():
    from extraction.links import anaphor_of
    from extraction.pipeline import get_nlp

    text = "The ministry brushed aside the senator's remarks, telling reporters the talks would go on."
    start = text.index("the senator")
    assert anaphor_of(get_nlp()(text), ((start, len(text) - 1),)) == "remark"
    # A pointing noun that says what was said ("the reports that...") is no mere pointer.
    text = "The ministry rejected the reports that the talks had failed, telling reporters they would go on."
    start = text.index("the reports")
    assert anaphor_of(get_nlp()(text), ((start, len(text) - 1),)) is None


def test_a_sides_follow_on_quote_calling_something_lies_denies_the_same_claim():
    text = (
        "Israeli officials said the rocket had been fired from a school in Gaza.\n\n"
        "Hamas rejected Israel's claim on Tuesday. "
        '"They live on propaganda and lies," a Hamas spokesman told reporters.'
    )
    result = run(text)
    claim = only(result, "claim")
    denials = [s for s in result.statements if s.kind == "denial"]
    assert len(denials) == 2
    assert rebuts(result) == {(d.id, claim.id) for d in denials}


def test_a_sides_follow_on_quote_saying_something_else_stays_a_claim():
    text = (
        "Israeli officials said the rocket had been fired from a school in Gaza.\n\n"
        "Hamas rejected Israel's claim on Tuesday. "
        '"We will rebuild every school in Gaza," a Hamas spokesman told reporters.'
    )
    result = run(text)
    assert len([s for s in result.statements if s.kind == "denial"]) == 1


def test_calling_the_story_propaganda_points_at_the_disputed_claim_not_the_nearest():
    text = (
        "Rebel sources said Maria Lopez had been captured near the border.\n\n"
        "The journalist Omar Haddad denied that Maria Lopez had been captured.\n\n"
        "A cousin voiced deep concern on his Facebook page. "
        "Village elders called the story mere propaganda."
    )
    result = run(text)
    rebel = next(s for s in result.statements if speaker_name(result, s) == "Rebel sources")
    elders = next(s for s in result.statements if speaker_name(result, s) == "Village elders")
    assert (elders.id, rebel.id) in rebuts(result)
    assert {target for source, target in rebuts(result) if source == elders.id} == {rebel.id}


def test_a_short_claim_another_statement_rejected_may_be_what_the_story_is():
    # "she is captured" says one content word; once a denial has rejected it, "the story" after
    # it may be that claim.
    text = (
        '"Maria Lopez was not captured by the rebels. These are lies," an army spokesman said. '
        "Rebel sources still insist that she is captured. "
        "Village elders called the story mere propaganda."
    )
    result = run(text)
    rebel = next(s for s in result.statements if speaker_name(result, s) == "Rebel sources")
    elders = next(s for s in result.statements if speaker_name(result, s) == "Village elders")
    assert (elders.id, rebel.id) in rebuts(result)


def test_rejecting_the_report_answers_the_report_about_the_rejecting_side_not_the_nearest():
    text = (
        "Russian state media reported that Ukrainian forces had shelled a hospital in Donetsk.\n\n"
        "The Red Cross said it could not confirm the number of casualties in the city.\n\n"
        "Kyiv rejected the report."
    )
    result = run(text)
    russia = next(s for s in result.statements if speaker_name(result, s) == "Russia")
    denial = only(result, "denial")
    assert rebuts(result) == {(denial.id, russia.id)}


def test_criticising_the_critic_about_the_same_thing_answers_its_criticism():
    text = (
        "The UN human rights office condemned the air strikes on Idlib.\n\n"
        "Moscow criticised the UN office for its one-sided reporting on the strikes."
    )
    result = run(text)
    un = next(s for s in result.statements if speaker_name(result, s) == "UN human rights office")
    moscow = next(s for s in result.statements if speaker_name(result, s) == "Russia")
    assert rebuts(result) == {(moscow.id, un.id)}


def test_criticising_the_critic_about_something_else_answers_nothing():
    text = (
        "The UN human rights office condemned the air strikes on Idlib.\n\n"
        "Moscow criticised the UN office for its budget and its hiring of consultants."
    )
    assert not rebuts(run(text))


def test_a_criticism_a_speaker_reports_is_no_retort_to_that_speakers_own_words():
    # Miller tells of Reyes' mockery; it is her account, not Reyes answering her.
    text = (
        "Senator Jane Miller said Governor Tom Reyes would lose the election in November.\n\n"
        "Miller said Reyes had mocked her campaign, calling the election a joke."
    )
    assert not rebuts(run(text))


def test_saying_one_was_joking_takes_back_ones_own_words_just_before():
    text = (
        "At a rally on Monday, Senator Tom Reyes said the state should sell its prisons to China. "
        "Reyes later said he was joking."
    )
    result = run(text)
    claim, denial = only(result, "claim"), only(result, "denial")
    assert rebuts(result) == {(denial.id, claim.id)}


def test_a_flat_denial_of_ones_own_side_answers_nothing_of_its_own():
    # Only a retraction answers the speaker's own words; a denial with no other side to answer
    # stays unlinked.
    text = (
        "At a rally on Monday, Senator Tom Reyes said the state should sell its prisons to China. "
        "Reyes later denied any plan to sell the prisons."
    )
    assert not rebuts(run(text))


def test_an_accusation_reporting_another_against_the_same_actor_echoes_it():
    text = (
        "Tom Lee is the governor of the state. The radio host accused Lee of corruption and said two "
        "women who have accused Lee of assault had been threatened."
    )
    result = run(text)
    assert [s.kind for s in result.statements].count("accusation") == 3
    assert result.links == ()


def test_dismissing_the_charge_answers_the_accusation_whatever_reasons_follow():
    text = (
        "The Pentagon accused Russia of violating the treaty. Russian officials dismissed the charge, "
        "saying Washington had invented it to justify new missiles."
    )
    result = run(text)
    accusation = only(result, "accusation")
    denial = next(s for s in result.statements if "the charge" in content(text, s))
    assert (denial.id, accusation.id) in {(lk.source, lk.target) for lk in result.links}


def test_a_sides_negation_just_before_its_denial_denies_the_same_claim():
    # "not in the province at the time of the alleged capture" names what the rebels claim; the
    # ministry's denial after it says what the negation was for.
    text = (
        "Rebel commanders said they had captured the pilot near the river. The defence ministry said "
        "the pilot was not in the province at the time of the alleged capture. The ministry also "
        'called the story "mere propaganda".'
    )
    result = run(text)
    claim = only(result, "claim")
    negation = next(s for s in result.statements if "not in the province" in content(text, s))
    assert negation.kind == "denial"
    assert (negation.id, claim.id) in rebuts(result)


def test_an_unrelated_negation_before_a_denial_stays_a_claim():
    text = (
        "Rebel commanders said they had captured the pilot near the river. The defence ministry said "
        'the minister would not travel this week. The ministry also called the story "mere propaganda".'
    )
    result = run(text)
    trip = next(s for s in result.statements if "would not travel" in content(text, s))
    assert trip.kind == "claim"
    assert all(source != trip.id for source, _ in rebuts(result))


def test_defending_a_person_answers_what_was_aimed_at_them():
    text = (
        "Opposition leaders accused Finance Minister Tom Reyes of hiding the deficit. "
        "Prime Minister Ann Cole defended him on Friday."
    )
    result = run(text)
    accusation, denial = only(result, "accusation"), only(result, "denial")
    assert rebuts(result) == {(denial.id, accusation.id)}


def test_defending_a_person_does_not_answer_a_claim_about_them():
    # "him" stands for the minister, not for words said: a forecast about him is not answered.
    text = (
        "Opposition leaders said Finance Minister Tom Reyes would resign within a month. "
        "Prime Minister Ann Cole defended him on Friday."
    )
    assert not rebuts(run(text))


def test_something_better_is_not_someone_unharmed():
    # spaCy's lemma of "better" is "well": a promise of something better answers no death toll.
    text = (
        "Police said two protesters were killed in the clashes. "
        '"We are going to build something so much better," the mayor said.'
    )
    result = run(text)
    assert [s.kind for s in result.statements] == ["claim", "claim"]
    assert not rebuts(result)


_LATER_CLAIM = (
    "The weather stayed dry all week.\n\n"
    "Schools reopened on Wednesday.\n\n"
    "Traffic was heavy near the station.\n\n"
    "Engineers hired by the opposition said the bridge had cracked in the flood and must close."
)


def test_a_denial_in_the_lead_answers_the_claim_told_further_on():
    text = "The mayor's office denied claims that the bridge had cracked in the flood.\n\n" + _LATER_CLAIM
    result = run(text)
    claim, denial = only(result, "claim"), only(result, "denial")
    assert rebuts(result) == {(denial.id, claim.id)}


def test_a_denial_past_the_lead_does_not_answer_a_claim_paragraphs_further_on():
    text = (
        "The city council met on Monday.\n\n"
        "Residents of the north district said the new bridge was safe.\n\n"
        "The mayor's office denied claims that the bridge had cracked in the flood.\n\n" + _LATER_CLAIM
    )
    assert not rebuts(run(text))


def test_denying_that_was_the_case_points_back_at_the_claim_before():
    text = (
        "Two aides said the campaign manager was trying to spread negative stories about the senator. "
        "The manager denied that was the case."
    )
    result = run(text)
    claim, denial = only(result, "claim"), only(result, "denial")
    assert rebuts(result) == {(denial.id, claim.id)}


def test_a_quoted_that_is_not_true_points_back_at_the_claim_before():
    text = (
        "Two aides said the campaign manager was trying to spread negative stories about the senator. "
        '"That is not true," the manager said.'
    )
    result = run(text)
    claim, denial = only(result, "claim"), only(result, "denial")
    assert rebuts(result) == {(denial.id, claim.id)}


def test_anaphor_of_a_verdict_on_a_pronoun():
    from extraction.links import anaphor_of
    from extraction.pipeline import get_nlp

    text = "He said it was true that the plant had closed."
    start = text.index("it was")
    # A verdict with its own clause says what it judges: no pointing back.
    assert anaphor_of(get_nlp()(text), ((start, len(text) - 1),)) is None


def test_a_deed_reported_inside_a_criticism_is_not_answered_by_it():
    # "attacked his rival" is what the senator is blamed for, not words the mother answers.
    text = (
        "Mary Jones, whose son died in the fire, complained that Senator Tom Reyes had ignored her "
        "letters and instead attacked his rival."
    )
    result = run(text)
    assert [s.kind for s in result.statements] == ["criticism", "criticism"]
    assert not rebuts(result)


def test_words_named_by_a_noun_are_answered_however_short():
    text = "The Chinese foreign ministry rejected American criticism on tariffs."
    result = run(text)
    denial, criticism = only(result, "denial"), only(result, "criticism")
    assert rebuts(result) == {(denial.id, criticism.id)}
