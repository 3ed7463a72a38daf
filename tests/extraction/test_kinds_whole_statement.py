"""Kinds from the whole statement, third pass (issue 11): accountability, pronouns as wrongdoers."""

from __future__ import annotations

from .conftest import only, run


def _target_name(result, statement) -> str | None:
    return result.actor(statement.target).name if statement.target else None


def test_holding_an_actor_to_account_accuses_it():
    result = run("The senator said the governor should be held responsible for the flooding in Dayton.")
    assert only(result).kind == "accusation"
    named = run("The minister said he held Hezbollah fully accountable for the explosion.")
    assert _target_name(named, only(named, "accusation")) == "Hezbollah"


def test_holding_someone_unnamed_to_account_still_accuses():
    text = (
        "Maria Ortiz, a teacher, spoke at the vigil. "
        '"We want the landlords and the builders held accountable for the fire," she said.'
    )
    assert only(run(text)).kind == "accusation"


def test_not_holding_to_account_or_only_on_a_condition_or_oneself_is_no_accusation():
    for text in (
        '"We do not hold Hezbollah responsible for the fire," the minister said.',
        '"If the builders broke the law, they will be held accountable," the mayor said.',
        '"We must hold ourselves accountable for the delays," the mayor said.',
    ):
        assert only(run(text)).kind == "claim", text


def test_a_wrong_done_by_a_pronoun_in_the_speakers_quote_is_an_accusation():
    for text in (
        '"They fired on the children outside the school," a witness told reporters.',
        '"She stole from the pension fund," the auditor said.',
        '"He is responsible for the collapse of the bridge," the engineer said.',
    ):
        assert only(run(text)).kind == "accusation", text


def test_a_pronoun_doing_no_wrong_or_a_description_stays_a_claim():
    for text in (
        '"They attacked our positions at dawn," the commander said.',
        '"They are doing a fine job," the mayor said.',
        '"It is the rifle that he used to kill the children," the detective said.',
    ):
        assert only(run(text)).kind == "claim", text


def test_a_sponsor_as_a_noun_is_no_wrongdoer():
    text = '"My company paid for the festival. That is why he is the main sponsor," said Jane Roe, the organiser.'
    assert only(run(text)).kind == "claim"


def test_a_judgement_at_its_utmost_is_a_criticism():
    for text in (
        '"That is the height of hypocrisy," the senator said.',
        '"This plan is the very definition of reckless," the senator said.',
        "The senator said that’s the textbook definition of cowardice.",
    ):
        assert only(run(text)).kind == "criticism", text


def test_the_utmost_of_something_good_stays_a_claim():
    assert only(run('"That is the essence of democracy," the senator said.')).kind == "claim"


def test_an_insult_that_is_the_speakers_own_is_said_fondly():
    assert only(run('"He is our crazy uncle, and we love him," the senator said.')).kind == "claim"


def test_a_killing_told_by_its_cruelty_accuses_its_doer():
    for text in (
        '"They beat the shopkeeper to death and left," the witness said.',
        "The witness said the militia had burned two farmers alive.",
        '"They shot him and chopped him up," the witness said.',
    ):
        assert only(run(text)).kind == "accusation", text


def test_cruelty_as_a_way_of_speaking_or_what_a_group_is_like_stays_a_claim():
    for text in (
        '"The exam scared me to death," the student said.',
        '"They cut the budget up into small pieces," the senator said.',
    ):
        assert only(run(text)).kind == "claim", text
    habit = run('"They burn people alive, there is no limit to their depravity," the guard said.')
    assert only(habit).kind == "criticism"


def test_acting_so_that_a_harm_lasts_accuses_the_actor():
    result = run('"Russia armed the rebels so that the war would continue," the minister said.')
    assert _target_name(result, only(result, "accusation")) == "Russia"


def test_a_harm_that_lasts_as_a_fact_or_a_good_thing_kept_stays_a_claim():
    for text in (
        '"The problem remains unsolved," the minister said.',
        '"Russia sent troops so that the peace would last," the minister said.',
    ):
        assert only(run(text)).kind == "claim", text


def test_blame_laid_on_an_actor_accuses_it():
    result = run("The spokesman said the explosion was blamed on Hezbollah.")
    assert _target_name(result, only(result, "accusation")) == "Hezbollah"


def test_blame_denied_or_a_problem_placed_on_a_thing_is_no_accusation():
    for text in (
        '"The blame does not lie with Hezbollah," the minister said.',
        '"The problem lies with the software," the minister said.',
    ):
        assert only(run(text)).kind == "claim", text


def test_saying_someone_cannot_be_impartial_charges_bias():
    named = run("Donald Trump said the judge, Maria Lopez, can't be impartial because of her heritage.")
    assert only(named).kind == "accusation"
    unnamed = run("Donald Trump said a federal judge can't be impartial because of his religion.")
    assert only(unnamed).kind == "accusation"


def test_promising_not_to_be_neutral_is_no_charge_of_bias():
    text = '"As president, I will not be neutral," Senator Ann Roe said.'
    assert only(run(text)).kind != "accusation"


def test_a_wrong_by_a_person_by_office_accuses_even_unnamed():
    assert only(run("The union said the governor had embezzled the pension fund.")).kind == "accusation"


def test_a_wrong_feared_or_a_kind_of_person_described_accuses_no_one():
    for text in (
        "The senator said people should walk the streets without being harassed by a police officer.",
        "The senator said the last thing we need are leaders who incite more fear.",
    ):
        assert only(run(text)).kind == "claim", text


def test_saying_again_takes_the_kind_of_what_is_said():
    attacks = run("Senator Ann Roe repeated the attacks she has been airing in her television ads.")
    assert only(attacks).kind == "criticism"
    denial = run("The minister, John Smith, reiterated his denial of the reports.")
    assert denial.statements[0].kind == "denial"


def test_repeating_a_claim_or_reporting_an_attack_stays_a_claim():
    assert only(run("Senator Ann Roe repeated her promise to cut taxes.")).kind == "claim"
    assert only(run("The ministry reported the attack on the convoy.")).kind == "claim"


def test_idioms_of_disparagement_are_criticisms():
    for text in (
        '"The plan is pie in the sky," Senator Ann Roe said.',
        '"They threw the workers under the bus," Senator Ann Roe said.',
    ):
        assert only(run(text)).kind == "criticism", text


def test_a_person_said_to_be_biased_is_accused_of_bias():
    result = run("Senator Ann Roe said Judge Maria Lopez was biased against her.")
    assert _target_name(result, only(result, "accusation")) == "Maria Lopez"


def test_a_saying_denied_or_imagined_owns_no_claim_to_answer():
    for text in (
        'Ann Roe spoke. "I like the governor, but he would never say he will cut taxes," Roe said.',
        'Ann Roe spoke. "We cannot say the people should decide and then ignore them," Roe said.',
    ):
        assert only(run(text)).kind != "denial", text


def test_denying_having_said_something_is_a_denial():
    for text in (
        '"I never said I would raise taxes," Senator Ann Roe said.',
        '"We never claimed to have won the vote," Senator Ann Roe said.',
    ):
        assert only(run(text)).kind == "denial", text


def test_a_negated_act_one_hopes_for_or_makes_sure_of_is_no_denial():
    for text in (
        '"I hope we don’t raise taxes," Senator Ann Roe said.',
        '"We made sure we didn’t leave anyone behind," Senator Ann Roe said.',
    ):
        assert only(run(text)).kind == "claim", text


def test_quoted_rejections_are_denials():
    for text in (
        '"Nonsense," the minister, John Smith, said of the reports.',
        '"These allegations are completely without merit," the minister, John Smith, said.',
        '"Nothing could be further from the truth," the minister, John Smith, said.',
        '"The report is wrong," the minister, John Smith, said.',
        '"That is not what happened," the minister, John Smith, said.',
        '"I did nothing wrong," the minister, John Smith, said.',
    ):
        assert only(run(text)).kind == "denial", text


def test_wrong_said_of_a_policy_is_a_judgement_not_a_denial():
    assert only(run('"The policy is wrong," the minister, John Smith, said.')).kind == "criticism"


def test_a_rejection_suffered_is_no_denial():
    for text in (
        '"Our request was rejected by the council," the mayor, John Smith, said.',
        '"We were denied access to the prison," the lawyer, John Smith, said.',
    ):
        assert only(run(text)).kind == "claim", text
    assert only(run('"These claims are rejected," the lawyer, John Smith, said.')).kind == "denial"
