"""Kinds read off the whole statement, and the actor a statement is aimed at (issue 11)."""

from __future__ import annotations

from .conftest import content, only, piece, run, speaker_name


def _target_name(result, statement) -> str | None:
    return result.actor(statement.target).name if statement.target else None


def test_blame_whose_subject_is_another_actor_is_an_accusation_of_it():
    result = run("The senator said the Obama administration broke federal law by not informing Congress.")
    accusation = only(result, "accusation")
    assert _target_name(result, accusation) == "Barack Obama"


def test_helping_a_group_known_as_extremist_accuses_the_helper_not_the_helped():
    text = "“Iran is only an excuse for protecting ISIL and helping the terrorists,” an Iraqi lawmaker said."
    result = run(text)
    assert _target_name(result, only(result, "accusation")) == "Iran"


def test_a_negated_assertion_naming_anothers_claim_is_a_denial_of_that_actor():
    text = "Kurdish fighters said the woman was not in the town at the time that Islamic State claims she was abducted."
    result = run(text)
    assert _target_name(result, only(result, "denial")) == "Islamic State"


def test_reporting_an_attack_by_a_named_actor_stays_a_claim():
    result = run("The Islamic State said that the Jordanian jets had killed an American hostage.")
    assert (only(result).kind, only(result).target) == ("claim", None)


def test_the_addressee_of_a_neutral_cue_is_not_the_target_of_the_denial():
    result = run("Hamas told Reuters the reports were Israeli propaganda.")
    assert _target_name(result, only(result, "denial")) == "Israel"


def test_lashing_out_at_an_actor_is_a_criticism_of_it():
    result = run("The Russian foreign ministry lashed out at NATO over its expansion.")
    assert _target_name(result, only(result, "criticism")) == "NATO"


def test_withholding_is_not_denying():
    result = run("The minister said an attempt to deny Muslims their liberty would fail.")
    assert only(result).kind == "claim"


def test_made_up_of_is_not_made_up():
    assert only(run("The analyst said the fleet is made up of 13 aircraft.")).kind == "claim"


def test_a_reporters_adjective_condemns_nothing():
    result = run("British media reports said MI5 had identified the man suspected of the horrific beheading.")
    assert only(result).kind == "claim"


def test_judging_an_actors_behaviour_is_a_criticism_of_it():
    result = run("The minister said Iran's behaviour was irresponsible.")
    assert _target_name(result, only(result, "criticism")) == "Iran"


def test_a_claim_called_a_trick_in_quotes_is_a_denial():
    assert only(run("Russia said the claim was “an old and sick trick”.")).kind == "denial"


def test_a_comma_which_judges_the_clause_before_it():
    text = "“The UN repeats what Washington says, which is unfortunate,” a North Korean diplomat said."
    result = run(text)
    assert _target_name(result, only(result, "criticism")) == "United Nations"


def test_a_body_named_again_by_its_head_noun_is_the_one_blamed():
    text = (
        "The US-led coalition bombed targets near Mosul.\n\n"
        "“The coalition is only an excuse for protecting the terrorists,” an Iraqi lawmaker said."
    )
    result = run(text)
    assert _target_name(result, only(result, "accusation")) == "US-led coalition"


def test_whoever_spread_a_rumour_is_whom_its_denial_answers():
    text = "A Kurdish commander said Islamic State supporters had spread a rumour that she was captured, which is not true."
    result = run(text)
    assert _target_name(result, only(result, "denial")) == "Islamic State"


def test_condemning_an_act_whose_author_is_not_named_aims_at_who_the_article_says_did_it():
    text = (
        "The video shows the murder of a British aid worker by Islamic State.\n\n"
        "“We are appalled by this brutal murder,” a White House spokeswoman said."
    )
    result = run(text)
    assert _target_name(result, only(result, "criticism")) == "Islamic State"


def test_the_cause_of_something_is_blamed_not_what_it_caused():
    text = "An Iraqi legislator said that Iran is the main cause of the Islamic State's survival."
    result = run(text)
    assert _target_name(result, only(result, "accusation")) == "Iran"


def test_denying_an_actor_a_virtue_is_a_criticism_of_it():
    result = run("An Iraqi lawmaker said that Iran is not serious about fighting the militants.")
    assert _target_name(result, only(result, "criticism")) == "Iran"


def test_wrongdoing_under_a_condition_accuses_no_one():
    result = run("The analyst said that Hamas punishes anyone if they have committed a crime.")
    assert only(result).kind == "claim"


def test_a_plural_pronoun_keeps_the_actor_it_meant_just_before():
    text = (
        "Islamic State stormed the village.\n\n"
        "“They burn people alive, there is no limit to their depravity,” Yasir Abdulla said."
    )
    result = run(text)
    assert _target_name(result, only(result, "criticism")) == "Islamic State"


def test_a_victim_of_a_condemned_act_is_not_its_target():
    text = "A British official said that the horrific beheading of an American journalist was a barbaric act."
    result = run(text)
    criticism = only(result, "criticism")
    assert _target_name(result, criticism) != "United States"


def test_they_in_the_words_is_a_group_rather_than_the_last_person_named():
    text = (
        "Yasir Abdulla fought alongside Kurdish forces against Islamic State.\n\n"
        "“There is no limit to their depravity,” Abdulla said."
    )
    result = run(text)
    assert _target_name(result, only(result, "criticism")) == "Islamic State"


def test_disputed_by_is_a_denial_by_the_agent_of_the_subject():
    text = "The casualty figures were disputed by the Syrian government."
    result = run(text)
    denial = only(result, "denial")
    assert (result.actor(denial.speaker).name, content(text, denial)) == ("Syria", "The casualty figures")


def test_lashing_out_at_an_actor_is_a_criticism_whoever_lashes_out():
    result = run("The Chinese embassy lashed out at Australia.")
    assert _target_name(result, only(result, "criticism")) == "Australia"


def test_raising_doubts_about_a_claim_denies_it_and_about_an_actor_criticises_it():
    denial = run("Analysts raised doubts about the Russian claim that the convoy carried aid.")
    assert only(denial, "denial").kind == "denial"
    text = (
        "The US-led coalition struck targets near Mosul.\n\n"
        "An Iraqi lawmaker raised doubts about the seriousness of the anti-ISIL coalition led by Washington."
    )
    result = run(text)
    assert _target_name(result, only(result, "criticism")) == "US-led coalition"


def test_what_an_object_is_blamed_for_doing_does_not_name_the_target():
    text = "An Iraqi official lashed out at Turkey for supporting Kurdish militants in Syria."
    result = run(text)
    assert _target_name(result, only(result, "criticism")) == "Turkey"


def test_denying_that_another_actor_did_something_is_a_denial_aimed_at_it():
    text = "Kurdish commanders said that the volunteer was not captured by Islamic State."
    result = run(text)
    assert _target_name(result, only(result, "denial")) == "Islamic State"


def test_harm_said_to_result_from_an_actors_deed_accuses_it():
    result = run("The mother said her son's death was a direct result of American intervention in Iraq.")
    assert _target_name(result, only(result, "accusation")) == "United States"


def test_a_result_that_is_no_harm_accuses_no_one():
    result = run("The minister said the deal was the result of talks with Iran.")
    assert only(result).kind == "claim"


def test_a_condition_at_the_very_start_of_the_text_is_read_without_error():
    result = run("If Iran is responsible for the attack, the minister said, there will be consequences.")
    assert all(s.kind in ("claim", "accusation") for s in result.statements)


# -- denials, criticisms and accusations written without their cue verb (issue 11) -----------


def test_retracting_ones_own_statement_is_a_denial():
    result = run("The minister later retracted his statement that the army had used chemical weapons.")
    assert "denial" in [s.kind for s in result.statements]


def test_backtracking_on_a_claim_is_a_denial():
    result = run("The ministry backtracked on its claim that the pilot had been captured.")
    assert "denial" in [s.kind for s in result.statements]


def test_saying_a_person_is_in_good_health_is_a_denial():
    assert only(run("His aide said the leader is in good health.")).kind == "denial"


def test_having_nothing_to_do_with_it_is_a_denial():
    assert only(run("The ministry said the incident has nothing to do with the government.")).kind == "denial"


def test_a_quoted_absolutely_false_is_a_denial():
    assert only(run("“Absolutely false,” the spokesman said.")).kind == "denial"


def test_calling_accusations_absurd_is_a_denial():
    assert only(run("The group called the accusations “absurd”.")).kind == "denial"


def test_a_quoted_moral_judgement_with_no_actor_named_is_a_criticism():
    assert only(run("“This is pure evil,” the prime minister said of the attack.")).kind == "criticism"
    assert only(run("“It is disgusting and shameful,” the mayor said.")).kind == "criticism"
    assert only(run("“Shameful,” the senator tweeted.")).kind == "criticism"


def test_lambasted_is_a_criticism_cue():
    result = run("The opposition leader lambasted the government over the budget.")
    assert only(result).kind == "criticism"


def test_the_speakers_side_saying_it_did_not_do_it_is_a_denial():
    assert only(run("“We did not blur the images,” the broadcaster said.")).kind == "denial"
    assert only(run("The army said it never shelled the village.")).kind == "denial"


def test_what_the_speaker_did_not_get_or_will_not_do_is_no_denial():
    assert only(run("“We did not receive any warning,” the mayor said.")).kind == "claim"
    assert only(run("“We will not negotiate with them,” the minister said.")).kind == "claim"
    assert only(run("“We hadn't even advertised there,” the campaign manager said.")).kind == "claim"


def test_someone_else_not_doing_it_in_a_quote_is_no_denial():
    assert only(run("“He didn't fight for the bill,” the senator said.")).kind == "claim"


def test_calling_a_claim_absurd_is_a_denial_but_calling_a_wait_absurd_is_not():
    assert only(run("The ministry said the accusations were absurd.")).kind == "denial"
    assert only(run("“It is absurd that we have to wait,” the mayor said.")).kind != "denial"


def test_being_behind_an_attack_accuses_but_being_behind_in_a_race_does_not():
    result = run("Officials said Iran was behind the attack.")
    assert _target_name(result, only(result, "accusation")) == "Iran"
    assert only(run("The pollster said Rubio was behind Trump in the race.")).kind == "claim"


def test_an_atrocity_done_by_a_named_actor_accuses_it():
    result = run("The activists said the Islamic State had tortured the prisoners.")
    assert _target_name(result, only(result, "accusation")) == "Islamic State"


def test_an_atrocity_that_only_describes_someone_accuses_no_one():
    text = "The officials said the suspect is the man who beheaded the journalist."
    assert only(run(text)).kind == "claim"


# Issue 11, error 4: kinds read off the whole statement in general news, beyond the cue verb.


def test_an_act_called_a_violation_is_a_criticism_but_a_situation_called_dangerous_is_not():
    assert only(
        run("The ministry said the strikes were a flagrant violation of the country's sovereignty.")
    ).kind == ("criticism")
    assert (
        only(run("“This is an act of aggression against our people,” the president said.")).kind
        == "criticism"
    )
    assert only(run("The engineer said the situation at the dam was dangerous.")).kind == "claim"


def test_a_decision_called_reckless_is_a_criticism():
    assert (
        only(run("“This decision is irresponsible and reckless,” the opposition leader said.")).kind
        == "criticism"
    )
    assert (
        only(run("The spokesman said the sanctions were illegal and counterproductive.")).kind == "criticism"
    )


def test_a_warning_about_this_is_no_criticism():
    assert only(run("“That is what is so dangerous about this,” the congressman said.")).kind == "claim"


def test_a_named_actor_carrying_out_a_massacre_is_accused():
    result = run("Ukraine said Russian forces had carried out the massacre.")
    assert _target_name(result, only(result, "accusation")) == "Russia"


def test_the_one_who_carried_out_an_attack_in_a_description_is_not_accused():
    assert only(run("Police said the man who carried out the attack was 24.")).kind == "claim"


def test_the_speakers_side_not_to_blame_in_its_own_words_is_a_denial():
    assert only(run("“We are not responsible for the explosion,” a militia spokesman said.")).kind == "denial"
    assert only(run("“Our forces were not involved in the incident,” the general said.")).kind == "denial"


def test_someone_else_not_to_blame_is_left_to_the_linker():
    assert only(run("The ministry said the man was not responsible for the fire.")).kind == "claim"


def test_what_the_speakers_troops_did_not_fire_on_is_denied():
    assert only(run("“Our troops did not fire on the protesters,” the general said.")).kind == "denial"


def test_what_we_never_do_is_a_denial_but_what_we_do_not_condone_is_not():
    assert only(run("“We do not target civilians,” the army spokesman said.")).kind == "denial"
    assert only(run("“We do not condone violence of any kind,” the party said.")).kind != "denial"


def test_a_report_called_speculation_is_a_denial_but_speculation_that_exists_is_not():
    assert only(run("“This is pure speculation,” the minister said of the report.")).kind == "denial"
    assert only(run("The analyst said there was speculation that the minister would resign.")).kind == "claim"
    assert only(run("The lawyer said his client is the subject of speculation in the press.")).kind == "claim"


def test_a_report_called_misleading_is_a_denial():
    assert only(run("“The report is misleading and one-sided,” the company said.")).kind == "denial"
    assert only(run("The government said the allegations were unsubstantiated.")).kind == "denial"


def test_a_person_called_a_phony_is_criticised():
    assert only(run("“He is a phony and a fraud,” the governor said.")).kind == "criticism"
    assert only(run("Many voters consider him a hypocrite.")).kind == "criticism"


def test_denying_a_rival_a_quality_is_a_criticism():
    assert (
        only(run("The candidate said his rival was “not a real conservative on immigration.”")).kind
        == "criticism"
    )


def test_defending_a_decision_answers_its_critics():
    assert (
        only(run("The minister defended the decision, saying it was necessary for security.")).kind
        == "denial"
    )


def test_pleading_not_guilty_is_a_denial():
    assert only(run("The former mayor pleaded not guilty to corruption charges.")).kind == "denial"


def test_railing_against_a_plan_is_a_criticism():
    assert only(run("The mayor railed against the governor's budget cuts.")).kind == "criticism"


def test_a_wrong_inside_an_allegation_is_not_its_makers():
    text = "The judge said the lawyer had made serious allegations of misconduct against the firm."
    result = run(text)
    judges = [s for s in result.statements if piece(text, s.speaker_span) == "The judge"]
    assert [s.kind for s in judges] == ["claim"]  # the lawyer's allegations are the lawyer's


def test_a_genocide_named_by_its_victims_accuses_no_one():
    assert only(run("“Israel should recognise the Armenian genocide,” the envoy said.")).kind == "claim"


def test_a_body_slamming_a_verdict_is_a_criticism_but_a_storm_slamming_a_coast_is_no_statement():
    assert only(run("Rights groups slammed the verdict.")).kind == "criticism"
    assert only(run("Russia slammed the new sanctions.")).kind == "criticism"
    assert not run("A hurricane slammed the coast on Sunday.").statements


def test_a_condemnation_issued_by_a_body_is_its_criticism():
    result = run("The EU issued a strong condemnation of the attack.")
    assert speaker_name(result, only(result, "criticism")) == "European Union"


def test_holding_an_actor_responsible_accuses_it():
    result = run("Washington holds Tehran responsible for the attacks on shipping.")
    assert _target_name(result, only(result, "accusation")) == "Iran"
    assert only(run("The government held the rebels responsible for the bombing.")).kind == "accusation"


def test_pushing_back_against_criticism_denies_it_but_pushing_back_troops_says_nothing():
    assert only(run("The president pushed back against the criticism.")).kind == "denial"
    assert not run("The army pushed back against the rebels near the river.").statements


def test_taking_aim_at_a_plan_criticises_it_and_taking_issue_with_a_report_denies_it():
    assert only(run("Critics took aim at the plan.")).kind == "criticism"
    assert only(run("The senator took issue with the report.")).kind == "denial"


def test_a_named_actor_shelling_a_hospital_is_accused_but_bombing_positions_is_war_news():
    result = run("Ukraine said Russian forces had shelled a hospital in Kharkiv.")
    assert _target_name(result, only(result, "accusation")) == "Russia"
    assert (
        only(run("The Pentagon said Russian jets had bombed rebel positions near the town.")).kind == "claim"
    )


def test_an_event_said_not_to_have_taken_place_is_denied():
    assert only(run("“No attack took place,” the ministry said.")).kind == "denial"
    assert only(run("“No one knows what will happen,” the analyst said.")).kind == "claim"
    assert only(run("The police said no arrests were made.")).kind == "claim"


def test_an_actor_failing_its_duty_is_criticised_but_who_failed_in_a_description_is_not():
    result = run("The senator said the State Department had failed to protect its staff in Libya.")
    assert only(result).kind == "criticism"
    text = "The historian said that Buchanan, who had failed to win the nomination, gave a fiery speech."
    assert only(run(text)).kind == "claim"


def test_allegations_with_no_substance_are_denied():
    assert only(run("The spokesman said the allegations had “no substance”.")).kind == "denial"


def test_horrible_times_judge_no_one_but_a_statement_called_offensive_is_criticised():
    assert only(run("“These are horrible times for our country,” the senator said.")).kind == "claim"
    assert only(run("The governor called the statement “offensive and outlandish.”")).kind == "criticism"
    assert only(run("“He worked within a system that was already flawed,” the aide said.")).kind == "claim"


def test_an_act_judged_in_a_clause_by_a_strong_word_is_criticised_but_a_warning_is_not():
    assert (
        only(run("“It is irresponsible to cut aid to refugees now,” the minister said.")).kind == "criticism"
    )
    assert only(run("“It is dangerous to go out after dark,” the officer said.")).kind == "claim"


def test_a_named_actor_called_a_hypocrite_is_the_target():
    result = run("The senator said Barack Obama was a hypocrite.")
    assert _target_name(result, only(result, "criticism")) == "Barack Obama"


def test_an_act_said_to_constitute_or_amount_to_a_wrong_is_criticised():
    text = "The foreign ministry said the strikes constituted a violation of international law."
    assert only(run(text)).kind == "criticism"
    assert only(run("The UN envoy said the blockade amounted to collective punishment.")).kind == "criticism"
    assert only(run("Beijing described the visit as a serious provocation.")).kind == "criticism"
    assert only(run("The analyst said the rally amounted to a show of strength.")).kind == "claim"


def test_an_actor_spreading_disinformation_is_accused_but_reports_called_disinformation_are_denied():
    result = run("“Russia is spreading disinformation about the attack,” the minister said.")
    assert _target_name(result, only(result, "accusation")) == "Russia"
    assert only(run("“These reports are disinformation,” the Kremlin spokesman said.")).kind == "denial"
    assert only(run("“The report was fabricated,” the ministry said.")).kind == "denial"


def test_an_incident_used_as_a_pretext_accuses_the_user():
    result = run("The minister said Russia was using the incident as a pretext for invasion.")
    assert _target_name(result, only(result, "accusation")) == "Russia"


def test_pointing_the_finger_at_an_actor_accuses_it_but_putting_a_finger_on_a_facet_does_not():
    result = run("Washington pointed the finger at Iran for the attack on the tanker.")
    assert _target_name(result, only(result, "accusation")) == "Iran"
    assert only(run("The government laid the blame on the rebels.")).kind == "accusation"
    text = "The columnist Phyllis Schlafly put her finger on one facet of the campaign."
    assert not [s for s in run(text).statements if s.kind == "accusation"]


def test_calling_a_report_into_question_denies_it():
    assert only(run("The senator called the report into question.")).kind == "denial"


def test_dismay_at_a_decision_is_a_criticism():
    assert only(run("The EU expressed its dismay at the decision.")).kind == "criticism"
    assert only(run("The ministry expressed concern over the clashes.")).kind == "claim"


def test_a_wrong_by_an_unnamed_wrongdoer_is_an_accusation_but_a_strike_is_no_wrongdoer():
    result = run("The senator said the militia had tortured prisoners.")
    assert (only(result).kind, only(result).target) == ("accusation", None)
    assert only(run("Witnesses said gunmen fired on protesters.")).kind == "accusation"
    assert only(run("Officials said the strike killed civilians.")).kind == "claim"
    assert only(run("The army said its troops had fired on the protesters.")).kind == "claim"


def test_a_condemning_word_in_quotation_marks_is_the_speakers_even_in_indirect_speech():
    assert only(run("The minister said the “barbaric” attack would not go unpunished.")).kind == "criticism"
    assert only(run("The minister said the barbaric attack would not go unpunished.")).kind == "claim"
    assert only(run("The ministry said the “baseless” reports were spread by its enemies.")).kind == "denial"


def test_inciting_and_meddling_accuse_and_undermining_criticises():
    result = run("The minister said Iran was inciting violence in the region.")
    assert _target_name(result, only(result, "accusation")) == "Iran"
    result = run("The senator said Russia had meddled in the election.")
    assert _target_name(result, only(result, "accusation")) == "Russia"
    result = run("The ambassador said China was trying to undermine the talks.")
    assert _target_name(result, only(result, "criticism")) == "China"


def test_calling_something_stupid_or_a_disaster_criticises_it_but_calling_talks_constructive_does_not():
    assert only(run("The Mexican president called the border wall stupid and useless.")).kind == "criticism"
    assert only(run("The senator called the plan a disaster.")).kind == "criticism"
    assert only(run("The minister called the talks constructive.")).kind == "claim"


def test_ones_words_said_to_be_mischaracterized_or_misquoted_are_a_denial():
    assert only(run("The mayor said his comments were mischaracterized.")).kind == "denial"
    assert only(run("The minister said she had been misquoted.")).kind == "denial"


def test_idioms_of_blame_and_judgement():
    assert only(run("“They have blood on their hands,” the activist said.")).kind == "accusation"
    assert only(run("The UN envoy said the campaign amounted to ethnic cleansing.")).kind == "accusation"
    assert only(run("The opposition said the government was applying double standards.")).kind == "criticism"
    assert only(run("The adviser said none of it was beyond the pale.")).kind == "claim"


def test_an_attack_on_a_country_or_a_tanker_is_force_but_an_attack_on_a_rival_is_words():
    assert not run("Russia's attack on Ukraine began in February.").statements
    result = run("Washington blamed Iran for the attack on the tanker.")
    assert [s.kind for s in result.statements] == ["accusation"]
    assert only(run("Trump's attack on Clinton drew criticism.")).kind == "criticism"


def test_calling_a_named_body_a_terrorist_group_accuses_it_but_an_insult_only_criticises():
    result = run("The Egyptian minister said the Muslim Brotherhood was a terrorist organisation.")
    assert _target_name(result, only(result, "accusation")) == "the Muslim Brotherhood"
    text = "The Green Falcons were declared by the Freedonian parliament to be a terror group."
    assert only(run(text)).kind == "accusation"
    assert only(run("The senator said the governor was a hypocrite.")).kind == "criticism"
    assert (
        only(run("The minister said the Muslim Brotherhood was not a terrorist group.")).kind != "accusation"
    )


def test_force_on_a_number_of_villagers_or_on_residential_areas_accuses_its_author():
    result = run("The Ukrainian ministry said Russian troops had killed dozens of villagers.")
    assert _target_name(result, only(result, "accusation")) == "Russia"
    assert (
        only(run("The Ukrainian army said Russian forces shelled residential areas of Kharkiv.")).kind
        == "accusation"
    )
    # Fighters are no protected people: war news, not a wrong.
    assert (
        only(run("The Ukrainian ministry said its troops had killed dozens of Russian soldiers.")).kind
        == "claim"
    )


def test_bearing_responsibility_and_human_shields_accuse_but_a_question_of_responsibility_does_not():
    text = "The Chinese envoy told reporters that Washington bears responsibility for the escalation."
    assert only(run(text)).kind == "accusation"
    assert (
        only(run("The Freedonian minister said the rebels were using civilians as human shields.")).kind
        == "accusation"
    )
    assert (
        only(
            run("The senator said it was unclear whether the governor bears responsibility for the flood.")
        ).kind
        == "claim"
    )


def test_a_resolution_or_a_response_called_unbalanced_or_inadequate_is_criticised():
    assert only(run("The Freedonian envoy said the resolution was unbalanced.")).kind == "criticism"
    assert only(run("The mayor said the federal response had been inadequate.")).kind == "criticism"


def test_a_verb_of_the_lexicons_is_read_whatever_the_tagger_makes_of_its_form():
    # The tagger lemmatizes "raped" as "rap" and "lambasted" as "lambast".
    result = run("The woman said Bill Clinton raped her in 1978.")
    assert _target_name(result, only(result, "accusation")) == "Bill Clinton"
    result = run("Senator Warren lambasted Donald Trump for his remarks.")
    assert _target_name(result, only(result, "criticism")) == "Donald Trump"


def test_the_regular_forms_of_a_verb():
    from extraction.lexicon import inflections

    assert inflections("rape") == {"rapes", "raped", "raping"}
    assert inflections("slam") == {"slams", "slamed", "slaming", "slammed", "slamming"}
    assert inflections("deny") == {"denies", "denied", "denying"}
    assert inflections("accuse") >= {"accused", "accusing"}


def test_words_of_judgement_in_political_speech_make_a_criticism():
    for text, target in (
        ("Senator Graham said Donald Trump was a buffoon.", "Donald Trump"),
        ("Senator Reid said the decision was ludicrous.", None),
        ("Sandy Phillips said Bernie Sanders had treated her family disrespectfully.", "Bernie Sanders"),
    ):
        result = run(text)
        assert _target_name(result, only(result, "criticism")) == target, text


def test_asking_someone_to_apologize_criticises_what_they_did():
    result = run("The families urged Bernie Sanders to apologize for his comments.")
    assert only(result).kind == "criticism"


def test_laughing_at_what_someone_said_rejects_it():
    result = run("Donald Trump mocked Ben Carson's story about the knife.")
    assert _target_name(result, only(result, "denial")) == "Ben Carson"
    # Mocking the man, not his words, judges him.
    result = run("Donald Trump mocked Ben Carson.")
    assert _target_name(result, only(result, "criticism")) == "Ben Carson"


def test_a_walk_back_and_a_contracted_negation_are_denials():
    for text in (
        "Donald Trump said he was joking.",
        "The ministry said the attack didn't happen.",
        "Barack Obama said the idea that the country is on the verge of collapse doesn't jibe with what people see.",
    ):
        assert only(run(text)).kind == "denial", text


def test_a_cover_up_and_a_sexual_assault_accuse_whoever_is_said_to_do_them():
    for text, target in (
        ("Juanita Broaddrick said Hillary Clinton was covering it up.", "Hillary Clinton"),
        ("Senator Warren said Donald Trump had sexually assaulted women.", "Donald Trump"),
    ):
        result = run(text)
        assert _target_name(result, only(result, "accusation")) == target, text


def test_a_softened_negation_still_rejects():
    for text in (
        "The minister said the report was not entirely accurate.",
        "The senator said the story doesn't really jibe with what people see.",
    ):
        assert only(run(text)).kind == "denial", text


def test_calling_a_report_part_of_a_smear_campaign_denies_it():
    result = run("The spokesman said the report was part of a smear campaign against the army.")
    assert only(result).kind == "denial"


def test_being_part_of_something_is_no_denial():
    result = run("The governor said the town was part of the province.")
    assert only(result).kind == "claim"


def test_hating_an_actor_criticises_it():
    result = run('The guard said: "I hate Hamas because of what happened to an old woman."')
    statement = only(result)
    assert statement.kind == "criticism"
    assert result.actor(statement.target).name == "Hamas"


def test_not_hating_is_no_criticism():
    result = run('The minister said: "We do not hate the Americans, we hate their wars."')
    assert only(result).target is None or result.actor(only(result).target).name != "United States"


def test_a_quoted_this_is_not_what_it_is_called_is_a_denial():
    result = run("“This is not a military occupation,” a government spokeswoman said on Monday.")
    assert only(result).kind == "denial"


def test_a_pointed_at_subject_said_not_to_be_so_is_a_denial_even_when_not_hangs_on_the_adjective():
    result = run("“I am telling you, this coalition is not divided,” the party leader said.")
    assert only(result).kind == "denial"


def test_a_negated_characterisation_on_a_condition_or_of_a_kind_stays_a_claim():
    for text in (
        "“If the figures are wrong, that is not a disaster for us,” the economist said.",
        "“That is not the sort of school we want for our children,” the mayor said.",
        "“This is not just a crisis, it is an opportunity,” the minister said.",
        "“Is this not a scandal?” the senator said.",
        "The economist said this was not a recession.",
    ):
        assert only(run(text)).kind == "claim", text


def test_a_pointed_at_subject_denied_a_state_parsed_as_a_passive_is_a_denial():
    for text in (
        "“This war is not lost,” the general said.",
        "“This decision was not taken by the cabinet,” the spokesman said.",
    ):
        assert only(run(text)).kind == "denial", text


def test_a_purpose_denied_in_the_passive_stays_a_claim():
    assert only(run("“This plan is not meant to cut jobs,” the chairman said.")).kind == "claim"


def test_not_enough_measures_rather_than_rejects():
    assert only(run("“That is not enough to win the election,” the strategist said.")).kind == "claim"
