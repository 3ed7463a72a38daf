"""Accusations and criticisms read off the whole statement: naming cues, failures owned by an
actor, blame for a loss, reported charges, rules not kept (issue 11)."""

from __future__ import annotations

from .conftest import only, run


def _target_name(result, statement) -> str | None:
    return result.actor(statement.target).name if statement.target else None


def test_calling_a_named_person_an_insult_is_a_criticism_whatever_the_sentence_reports_next():
    text = 'The governor called Mitch McConnell a "clown" while speaking at a rally to protest the tax bill.'
    result = run(text)
    statement = next(s for s in result.statements if s.cue_span and text[slice(*s.cue_span)] == "called")
    assert (statement.kind, _target_name(result, statement)) == ("criticism", "Mitch McConnell")


def test_branding_someone_a_liar_parsed_as_two_objects_is_an_accusation_of_them():
    result = run("The governor branded Mitch McConnell a liar and a coward.")
    assert _target_name(result, only(result, "accusation")) == "Mitch McConnell"


def test_an_actors_disastrous_policy_is_a_criticism_of_that_actor():
    result = run('"Obama\'s disastrous foreign policy has left America weaker," Cruz said.')
    assert _target_name(result, only(result, "criticism")) == "Barack Obama"


def test_a_disaster_named_after_actors_is_a_criticism_of_them():
    result = run('"We will rescue this country from the Bush-Cheney disaster," the senator said.')
    assert only(result).kind == "criticism"


def test_a_failure_of_the_speakers_own_side_or_of_no_one_stays_a_claim():
    own = run('"We must put an end to our disastrous trade policies," the senator said.')
    nature = run("The governor said the flood was a natural disaster for the whole region.")
    assert (only(own).kind, only(nature).kind) == ("claim", "claim")


def test_a_loss_because_of_a_named_actor_is_an_accusation_of_it():
    result = run(
        '"Because of Mitch McConnell, thousands of families lost their health insurance," Warren said.'
    )
    assert _target_name(result, only(result, "accusation")) == "Mitch McConnell"


def test_a_good_thing_because_of_a_named_actor_stays_a_claim():
    assert only(run('"Because of Barack Obama, my family has health care," the nurse said.')).kind == "claim"


def test_reporting_that_someone_was_accused_is_an_accusation_of_them():
    result = run("Trump said that Ted Cruz was also accused of breaking campaign finance rules.")
    assert _target_name(result, only(result, "accusation")) == "Ted Cruz"


def test_a_charge_only_wished_for_or_told_of_oneself_is_no_accusation():
    wished = run('"I think the FBI would like to indict Hillary Clinton," the host said.')
    own = run("John Smith told the newspaper that an officer from MI5 had accused him of lying.")
    assert only(wished).kind == "claim"
    # The officer's accusation is one; Smith telling of it is not his own.
    assert sorted(s.kind for s in own.statements) == ["accusation", "claim"]


def test_rules_never_respected_by_a_named_actor_are_an_accusation_of_it():
    result = run('"Hillary Clinton and her staff never respect the rules," the activist wrote.')
    assert _target_name(result, only(result, "accusation")) == "Hillary Clinton"


def test_ignoring_something_is_a_criticism_but_only_when_done():
    done = run('"Mitt Romney has ignored the warnings of his own advisers," Obama said.')
    foreseen = run("The protest leaders said they would ignore the restrictions and march anyway.")
    assert _target_name(done, only(done, "criticism")) == "Mitt Romney"
    assert only(foreseen).kind == "claim"


def test_esteem_withheld_from_a_named_actor_is_a_criticism_of_it():
    result = run('"I don\'t like Donald Trump," the voter said.')
    assert _target_name(result, only(result, "criticism")) == "Donald Trump"
    assert only(run('"I do not like to travel," the senator said.')).kind == "claim"


def test_playing_a_card_of_some_kind_is_an_accusation_but_not_playing_ones_cards():
    result = run('"Hillary Clinton is playing the woman card," Trump said.')
    assert _target_name(result, only(result, "accusation")) == "Hillary Clinton"
    assert only(run('"We have to play our cards right," the senator said.')).kind == "claim"
    # the card parsed as a modifier of what follows it
    parsed_apart = run("Carson said that Hillary Clinton is playing the women's card big league.")
    assert _target_name(parsed_apart, only(parsed_apart, "accusation")) == "Hillary Clinton"


def test_a_rule_not_kept_under_nor_is_still_not_kept():
    text = '"Hillary Clinton and her staff never pay attention to nor respect the rules," the activist wrote.'
    result = run(text)
    assert _target_name(result, only(result, "accusation")) == "Hillary Clinton"


def test_a_thing_of_someones_as_the_cause_blames_no_one():
    text = '"The judge has a conflict of interest because of his Mexican heritage," Trump said.'
    assert [s.kind for s in run(text).statements if s.kind == "accusation"] == []


def test_making_a_harm_worse_or_wanting_it_is_an_accusation():
    fuelling = run('"Iran is fuelling the conflict in Yemen," the Saudi minister said.')
    wanting = run('"Russia wants war," the minister said.')
    assert _target_name(fuelling, only(fuelling, "accusation")) == "Iran"
    assert _target_name(wanting, only(wanting, "accusation")) == "Russia"


def test_not_wanting_a_harm_to_end_is_an_accusation():
    text = "The lawmaker said the US does not want the crisis in Anbar to come to an end."
    result = run(text)
    assert _target_name(result, only(result, "accusation")) == "United States"


def test_wanting_a_harm_ended_or_not_wanting_it_stays_a_claim():
    for text in (
        '"Russia wants to end the war in Ukraine," the minister said.',
        '"Iran does not want the war," the minister said.',
        '"Obama seeks justice for the victims of the war," the spokesman said.',
    ):
        assert only(run(text)).kind == "claim", text


def test_an_atrocity_told_in_the_passive_accuses_its_named_agent():
    result = run("The activists said the prisoners were tortured by the Syrian army.")
    assert _target_name(result, only(result, "accusation")) == "Syria"


def test_force_on_a_family_member_by_a_named_actor_is_an_accusation():
    result = run('"Islamic State fighters shot her son," the guard said.')
    assert only(result).kind == "accusation"


def test_an_act_of_war_told_in_the_passive_stays_a_claim():
    result = run("The medics said two children were killed by Russian jets.")
    assert only(result).kind == "claim"


def test_signing_someones_death_warrant_is_an_accusation():
    text = '"When your colleagues dropped that bomb, they signed my death warrant," the hostage said.'
    assert only(run(text)).kind == "accusation"


def test_a_description_of_an_office_names_the_person_who_holds_it():
    text = (
        "Bernie Sanders spoke in Iowa on Monday. Hillary Clinton criticized the Vermont senator for his "
        "vote on guns. Sanders accused the former secretary of state of lying."
    )
    result = run(text)
    assert _target_name(result, only(result, "criticism")) == "Bernie Sanders"
    assert _target_name(result, only(result, "accusation")) == "Hillary Clinton"


def test_a_bare_office_is_not_guessed():
    text = "Barack Obama and Donald Trump spoke. Hillary Clinton criticized the president for his speech."
    result = run(text)
    assert only(result, "criticism").target is None


def test_an_insult_as_an_epithet_of_a_named_actor_is_a_criticism_of_it():
    nickname = run('"They control Crazy Bernie Sanders," the candidate said.')
    adjective = run('"The incompetent Obama administration has lost control of the border," Cruz said.')
    apposition = run('"Donald Trump, a bully and a liar, must never be president," the senator said.')
    assert _target_name(nickname, only(nickname, "criticism")) == "Bernie Sanders"
    assert _target_name(adjective, only(adjective, "criticism")) == "Barack Obama"
    assert only(apposition).kind in ("criticism", "accusation")


def test_a_name_that_looks_like_an_insult_or_a_creed_called_radical_is_no_epithet():
    name = run('"We wrote the songs with Danger Mouse," the singer said.')
    creed = run('"We must defeat radical Islam," the senator said.')
    assert (only(name).kind, only(creed).kind) == ("claim", "claim")


def test_a_vice_named_as_an_actors_own_is_a_criticism_of_it():
    result = run('"Hillary Clinton\'s dishonesty is the issue in this race," Trump said.')
    assert _target_name(result, only(result, "criticism")) == "Hillary Clinton"


def test_accusing_someone_of_a_quality_is_a_criticism_of_them():
    quality = run("Sanders accused Hillary Clinton of being too cozy with Wall Street.")
    assert _target_name(quality, only(quality, "criticism")) == "Hillary Clinton"
    for text in (
        "Sanders accused Hillary Clinton of being corrupt.",
        "Sanders accused Hillary Clinton of being influenced by lobbyists.",
    ):
        assert only(run(text)).kind == "accusation", text


def test_a_slippery_slope_is_a_criticism():
    text = '"The strikes put the United States on a slippery slope towards a new war," the group said.'
    assert only(run(text)).kind == "criticism"


def test_a_judgement_outside_the_speech_a_content_reports_is_the_speakers_own():
    text = "Smith complained that Bernie Sanders had ignored her call to admit he was wrong."
    result = run(text)
    assert _target_name(result, only(result, "criticism")) == "Bernie Sanders"
