"""Targets, third pass: a described person, not the state or party of its adjective."""

from __future__ import annotations

from extraction import ExtractionResult, Statement

from .conftest import run


def target_name(result: ExtractionResult, statement: Statement) -> str | None:
    actor = result.actor(statement.target) if statement.target else None
    return actor.name if actor else None


def aimed(result: ExtractionResult) -> list[str | None]:
    return [target_name(result, s) for s in result.statements if s.kind in ("criticism", "accusation")]


def test_a_party_adjective_before_a_candidate_names_the_candidate_not_the_party():
    text = (
        "Senator Mark Hollis spoke to supporters in Ohio on Tuesday.\n\n"
        "Within hours his opponents accused the Republican candidate of stoking fear."
    )
    targets = aimed(run(text))
    assert "Mark Hollis" in targets
    assert "Republican" not in targets


def test_a_nationality_before_a_person_noun_names_that_person():
    text = (
        "Peter Varga won two gold medals in Rio.\n\n"
        "Brazilian police accused the American swimmer of filing a false robbery report."
    )
    targets = aimed(run(text))
    assert "Peter Varga" in targets
    assert "United States" not in targets


def test_a_criticism_of_a_decision_by_a_named_side_is_aimed_at_that_side():
    text = 'Beijing called the decision by Washington "irresponsible".'
    assert "United States" in aimed(run(text))


def test_a_criticism_of_what_a_side_imposed_is_aimed_at_that_side():
    text = "Cuba's foreign minister said the sanctions imposed by the United States were a cruel failure."
    assert "United States" in aimed(run(text))


def denied(result: ExtractionResult) -> list[str | None]:
    return [target_name(result, s) for s in result.statements if s.kind == "denial"]


def test_figures_said_to_be_false_are_denied_to_whoever_provided_them():
    text = "The army said the figures provided by the Hamas health ministry were false."
    assert denied(run(text)) == ["Hamas"]


def test_a_denied_clause_that_only_mentions_a_side_is_not_aimed_at_it():
    # Whose the troops are is not whose claim is rejected.
    text = "Iraq denied that Iranian troops had crossed the border."
    assert denied(run(text)) == [None]


def test_a_handle_names_the_actor_whose_name_it_spells():
    text = (
        "Senator Ruth Calder voted against the bill.\n\n"
        '".@RuthCalder sided with the gun lobby over the victims\' families," the governor tweeted.'
    )
    result = run(text)
    mentioned = [a.name for a in result.actors if len(a.mentions) > 1]
    assert "Ruth Calder" in mentioned


def test_a_hashtag_names_a_known_outlet():
    text = "#dailymail's story is not true, she is alive, the journalist tweeted."
    assert "Daily Mail" in [a.name for a in run(text).actors]


def test_a_denial_naming_whose_words_are_untrue_keeps_that_owner_over_a_linked_claim():
    text = (
        "A local reporter said the commander had been killed in the raid.\n\n"
        '"Spoke to him today. The Daily Mail\'s report is not true, he is alive," his brother tweeted.'
    )
    assert "Daily Mail" in denied(run(text))


def test_a_wrong_the_speaker_says_she_suffered_is_aimed_at_whoever_did_it_to_her():
    text = (
        "Anna Berg said Turkish police officers had accused her of smuggling weapons.\n\n"
        "In a later interview she alleged that she had been followed and accused of smuggling "
        "after her reports on the border."
    )
    result = run(text)
    alleged = [
        s for s in result.statements if s.cue_span and text[s.cue_span[0] : s.cue_span[1]] == "alleged"
    ]
    assert [target_name(result, s) for s in alleged] == ["Turkish police officers"]


def test_a_criticism_judging_a_named_sides_thing_deep_in_its_words_is_aimed_at_that_side():
    text = "Mayor Tom Reyes voiced dismay at Governor Lisa Hart's harsh treatment of the striking nurses."
    assert "Lisa Hart" in aimed(run(text))


def test_a_possessive_pronoun_deep_in_a_criticism_names_no_target():
    text = '"Our newspapers are full of journalists who cannot put their personal ideology aside," he said.'
    assert aimed(run(text)) in ([], [None])


def test_a_bare_denial_just_after_an_accusation_of_the_denier_is_aimed_at_the_accuser():
    text = (
        "Kyiv accused Moscow of shelling the nuclear plant on Friday.\n\nThe Kremlin denied any involvement."
    )
    assert denied(run(text)) == ["Ukraine"]


def test_a_bare_denial_is_not_aimed_at_one_who_accused_someone_else():
    text = "Kyiv accused Minsk of hosting the missile launchers.\n\nThe Kremlin denied any involvement."
    assert denied(run(text)) == [None]


def test_this_after_a_told_act_judges_it_and_is_aimed_at_its_doer():
    text = 'Russian forces shelled the city for a third day. "This is a war crime," the mayor said.'
    assert aimed(run(text)) == ["Russia"]


def test_an_act_named_again_after_the_telling_is_aimed_at_its_doer():
    text = (
        "Israeli jets struck the camp overnight. The UN envoy said the strikes were a flagrant "
        "violation of international law."
    )
    assert aimed(run(text)) == ["Israel"]


def test_this_after_a_sentence_of_saying_is_not_aimed_at_the_one_who_said():
    text = 'The minister said the talks would resume. "This is a disgrace," the opposition leader said.'
    assert "minister" not in aimed(run(text))


def test_a_quoted_criticism_naming_no_one_is_about_the_person_its_she_stands_for():
    text = (
        "Senator Clara Diaz won the primary in March.\n\n"
        '"Voters will never forgive her for this shameful betrayal," said Tom Hale, a farmer.'
    )
    assert "Clara Diaz" in aimed(run(text))


def test_a_bare_denial_answers_an_accusation_later_in_its_own_sentence():
    text = '"We have never used chemical weapons," the Syrian envoy said, after France accused Damascus of a gas attack.'
    assert denied(run(text)) == ["France"]


def test_the_named_subject_of_an_accusation_outranks_an_aim_from_outside_its_words():
    text = (
        "The United States has more guns than any other country.\n\n"
        '"Senator Ward voted twice to protect gun dealers from being held accountable when their '
        'irresponsible actions led to heinous crimes," the advocate Jane Roe said.'
    )
    assert aimed(run(text)) == ["Ward"]


def test_an_opposition_figure_accusing_the_own_states_government_is_aimed_at_that_state():
    text = "Russian opposition figure Alexei Navalny accused the Kremlin of rigging the election."
    assert aimed(run(text)) == ["Russia"]


def test_a_pronoun_object_is_still_never_the_speakers_own_side():
    text = "The Russian foreign minister spoke on Monday. Moscow's ambassador accused him of lying."
    assert "Russia" not in aimed(run(text))


def test_the_army_named_bare_by_a_states_activists_is_that_state():
    assert aimed(run("Egyptian activists said the army had killed hundreds of protesters.")) == ["Egypt"]


def test_the_army_accused_by_a_states_activists_is_that_state():
    assert aimed(run("Syrian activists accused the army of firing on protesters in Homs.")) == ["Syria"]
