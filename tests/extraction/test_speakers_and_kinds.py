"""Who speaks for whom, and what kind of statement it is (issue 11), in sentences written for the test."""

from __future__ import annotations

from .conftest import content, only, run, speaker_name


def _speaks_for(result, statement) -> list[str]:
    """The speaker's name and the names of those it is affiliated with, most specific first."""
    names = []
    actor = result.actor(statement.speaker) if statement.speaker else None
    while actor is not None and actor.name not in names:
        names.append(actor.name)
        actor = result.actor(actor.affiliation) if actor.affiliation else None
    return names


def test_dotted_abbreviation_names_the_state():
    result = run("The U.S. said it would send more aid to the region.")
    assert speaker_name(result, only(result)) == "United States"


def test_statement_without_any_actor_behind_it_is_not_emitted():
    result = run("The bridge is expected to reopen next spring. It is believed that repairs will cost more.")
    assert result.statements == ()


def test_a_report_nobody_stands_behind_is_not_a_speaker():
    assert run("The report said that prices would rise in the autumn.").statements == ()


def test_a_document_speaks_for_the_actor_it_names():
    text = "A statement attributed to the Taliban said that the convoy had been attacked at dawn."
    result = run(text)
    assert speaker_name(result, only(result)) == "Taliban"


def test_unknown_people_described_by_a_noun_become_proposed_actors():
    text = "Witnesses near the market said that the shooting lasted an hour."
    result = run(text)
    statement = only(result)
    assert speaker_name(result, statement) is not None
    assert "the shooting lasted an hour" in content(text, statement)


def test_relative_pronoun_speaks_for_the_noun_it_follows():
    text = "Doctors who treated the wounded said that supplies were running out."
    result = run(text)
    statement = only(result)
    assert speaker_name(result, statement) == "Doctors"


def test_one_of_a_group_speaks_as_that_group():
    text = "Nadia Haddad left the country in May. One of her friends said that she had been threatened."
    result = run(text)
    statement = only(result)
    assert speaker_name(result, statement) is not None


def test_nationality_adjective_ties_an_official_to_the_state():
    text = "A Syrian foreign ministry spokesman said that the border crossing would stay closed."
    result = run(text)
    assert "Syria" in _speaks_for(result, only(result))


def test_possessive_title_ties_an_ambassador_to_the_state_not_the_forum():
    text = "Egypt's ambassador to the UN said that the ceasefire had been broken twice."
    result = run(text)
    assert _speaks_for(result, only(result))[-1] == "Egypt"


def test_quoted_words_calling_a_claim_lies_are_a_denial():
    text = (
        "Israel said that Hamas had fired the rocket.\n\n“These are lies, pure lies,” a Hamas spokesman said."
    )
    result = run(text)
    denial = only(result, "denial")
    assert "Hamas" in _speaks_for(result, denial)


def test_calling_a_report_baseless_is_a_denial():
    text = "“This report is baseless nonsense,” the Kremlin spokesman said."
    assert only(run(text)).kind == "denial"


def test_an_abhorrent_act_is_a_criticism_even_when_nobody_is_named():
    text = "“This is an abhorrent and barbaric act,” the French foreign minister said."
    assert only(run(text)).kind == "criticism"


def test_reporting_a_killing_is_a_claim_not_an_accusation():
    text = "A police spokesman said that two soldiers were killed in an attack near Kabul."
    statement = only(run(text))
    assert (statement.kind, statement.target) == ("claim", None)


def test_a_claim_has_no_target_even_when_it_names_another_actor():
    text = "Turkey said that France had agreed to the plan."
    statement = only(run(text))
    assert (statement.kind, statement.target) == ("claim", None)


def test_denial_two_paragraphs_later_rebuts_the_claim_about_the_same_thing():
    text = (
        "The rebels said that government aircraft had bombed the hospital in the north.\n\n"
        "The talks in Geneva were postponed again.\n\n"
        "The Syrian army said that no aircraft had bombed the hospital, calling the story fabricated."
    )
    result = run(text)
    claim = next(
        s for s in result.statements if s.kind == "claim" and "government aircraft" in content(text, s)
    )
    denial = only(result, "denial")
    assert (denial.id, claim.id, "rebuts") in {(lk.source, lk.target, lk.relation) for lk in result.links}
    assert result.actor(denial.target).name == "rebels"


def test_claims_denied_inside_a_reported_denial_are_still_the_claimants():
    text = "The agency noted that Kurdish fighters had denied ISIS claims that the town had fallen."
    result = run(text)
    embedded = [s for s in result.statements if content(text, s) == "the town had fallen"]
    assert [speaker_name(result, s) for s in embedded] == ["Islamic State"]


def test_shooting_down_a_claim_is_a_denial():
    text = "The minister shot down the claims that the army had run out of fuel."
    assert only(run(text), "denial").kind == "denial"


def test_countering_claims_made_by_another_is_a_denial_of_them():
    text = "The governor countered claims made by a senator that the prison was unsafe."
    result = run(text)
    denial, claim = only(result, "denial"), only(result, "claim")
    assert (content(text, claim), speaker_name(result, claim)) == ("the prison was unsafe", "senator")
    assert [(lk.source, lk.target) for lk in result.links] == [(denial.id, claim.id)]


def test_being_appalled_is_a_criticism():
    text = "“We are appalled by the killing of an aid worker,” a White House spokeswoman said."
    assert only(run(text)).kind == "criticism"


def test_accused_him_targets_the_man_named_before():
    text = (
        "Karim Nasser returned to Cairo in June.\n\n"
        "Police officers accused him of trying to smuggle weapons across the border."
    )
    result = run(text)
    accusation = only(result, "accusation")
    assert result.actor(accusation.target).name == "Karim Nasser"


def test_casting_doubt_on_a_claim_is_a_denial_and_not_denying_is_no_statement():
    text = "Danish officials cast doubt on the militia's claim but did not deny it outright."
    result = run(text)
    denial = only(result, "denial")
    assert content(text, denial) == "the militia's claim"


def test_a_countrys_newspapers_speak_for_the_press_not_the_state():
    result = run("Danish newspapers reported that the minister would resign.")
    assert speaker_name(result, only(result)) == "Danish newspapers"


def test_a_newspaper_named_as_a_modifier_is_the_newspaper():
    result = run("A Washington Post report said that the talks had stalled.")
    assert speaker_name(result, only(result)) == "The Washington Post"


def test_saying_another_actor_helps_terrorists_is_an_accusation():
    text = "A Somali minister said that Eritrea was arming and funding the militants in the south."
    result = run(text)
    accusation = only(result, "accusation")
    assert result.actor(accusation.target).name == "Eritrea"


def _speaker_of(result, text: str, words: str) -> list[str]:
    """Who speaks for the statement whose content holds `words`."""
    statement = next(s for s in result.statements if any(words in text[a:b] for a, b in s.content_spans))
    return _speaks_for(result, statement)


def test_he_is_never_people_described_in_the_plural():
    text = (
        "Luke Somers appears in the video. U.S. officials said the raid had failed.\n\n"
        "He said that he was born in England."
    )
    assert _speaker_of(run(text), text, "born in England") == ["Luke Somers"]


def test_they_is_a_group_not_the_one_person_named_last():
    text = (
        "Emwazi's friends told the newspaper that he was kind. Mohammed Emwazi studied in London.\n\n"
        "He prayed at a mosque in Greenwich, they said."
    )
    assert _speaker_of(run(text), text, "prayed at a mosque") == ["Emwazi's friends"]


def test_a_private_person_of_a_nationality_speaks_for_themselves():
    text = "A British man who went to fight with the militia has claimed that the fighters ate little."
    assert _speaker_of(run(text), text, "the fighters ate little") == ["British man"]
    text = "A British official said that the fighters ate little."
    assert _speaker_of(run(text), text, "the fighters ate little")[-1] == "United Kingdom"


def test_a_name_introduced_by_a_body_noun_is_a_body_and_no_he():
    text = (
        "Mohammed Emwazi was stopped on his way to Somalia, where the jihadist group al-Shabab operates. "
        "He denied the accusation."
    )
    assert _speaker_of(run(text), text, "the accusation") == ["Mohammed Emwazi"]


def test_it_after_the_group_is_the_group_named_before():
    text = (
        "Islamic State said it had killed the hostage. Jordan rejected the claim.\n\n"
        "The group also posted photographs of a house where, it said, her body had been buried."
    )
    assert _speaker_of(run(text), text, "her body had been buried") == ["Islamic State"]


def test_he_is_not_the_one_his_own_clause_names_but_the_member_described_before():
    text = (
        "James Foley appears in the video. Then the ISIS member makes a statement. "
        "He identifies Foley and says his death is a result of American strikes."
    )
    assert _speaker_of(run(text), text, "his death is a result")[-1] == "Islamic State"


def test_a_message_in_a_video_is_its_issuers_not_whom_it_is_aimed_at():
    text = (
        "Al-Qaeda in the Arabian Peninsula issued a video with a message aimed at the US government "
        "threatening to kill the hostage."
    )
    assert _speaker_of(run(text), text, "to kill the hostage") == ["al-Qaeda in the Arabian Peninsula"]


def test_an_apposition_title_ties_a_named_person_to_the_state():
    text = "Karim Haddad, a spokesman for the Yemeni interior ministry, said that nine militants were killed."
    result = run(text)
    assert _speaks_for(result, only(result)) == ["Karim Haddad", "Yemen"]


def test_an_apposition_with_a_possessive_state_and_a_second_body_takes_the_first():
    text = "Karim Haddad, Syria's ambassador to the UN, said that the talks would resume next week."
    result = run(text)
    assert _speaks_for(result, only(result)) == ["Karim Haddad", "Syria"]


def test_an_apposition_names_the_group_a_person_belongs_to_and_he_keeps_it():
    text = (
        "Karim Haddad, a senior official in the Hamas movement, said that the ceasefire had collapsed. "
        "He added that talks would go on."
    )
    result = run(text)
    assert [_speaks_for(result, s)[-1] for s in result.statements] == ["Hamas", "Hamas"]


def test_the_groups_leader_in_apposition_is_the_group_named_before():
    text = "Hezbollah fighters crossed the border. Karim Haddad, the group's leader, said that the attack was a warning."
    result = run(text)
    assert _speaks_for(result, only(result)) == ["Karim Haddad", "Hezbollah"]


def test_an_apposition_naming_what_a_person_studies_is_not_their_affiliation():
    # An expert on a state's army, an envoy to a state, a national analyst speak for themselves.
    for text in (
        "Karim Haddad, an expert on the Iranian military, said that the ceasefire had collapsed.",
        "Karim Haddad, a Syrian analyst, said that the ceasefire had collapsed.",
    ):
        result = run(text)
        assert _speaks_for(result, only(result)) == ["Karim Haddad"], text


def test_a_private_persons_noun_takes_the_body_after_at():
    text = "Karim Haddad, an analyst at the Brookings Institution, said that the ceasefire had collapsed."
    result = run(text)
    assert len(_speaks_for(result, only(result))) == 2


def test_it_after_a_newspaper_in_apposition_is_the_newspaper_not_the_people_before():
    text = (
        "Officials said the city was calm. Al-Rayah, an Iraqi newspaper, said two cases of cholera "
        "were reported in the city. Citing medical sources, it claimed the virus had been brought in."
    )
    result = run(text)
    names = [speaker_name(result, s) for s in result.statements]
    assert names[0] == "Officials"
    assert set(names[1:]) == {"Al-Rayah"}
    assert result.actor(result.statements[1].speaker).kind == "media"


def test_the_group_is_the_body_that_spoke_not_the_one_named_in_a_clause():
    text = (
        "A message from the Shabab militia, published by the SITE Intelligence Group, said the "
        "convoy was destroyed. The group said that more attacks would follow."
    )
    result = run(text)
    assert speaker_name(result, result.statements[-1]) == speaker_name(result, result.statements[0])
    assert speaker_name(result, result.statements[-1]) != "SITE Intelligence Group"


def test_a_state_inside_a_name_is_not_an_affiliation():
    text = "Karim Haddad, an editor at Voice of Lebanon, said that the border crossing was closed."
    result = run(text)
    assert _speaks_for(result, only(result)) == ["Karim Haddad"]


def test_a_bare_spokesman_speaks_for_the_body_that_just_spoke():
    text = "The Syrian foreign ministry said that the reports were false. A spokesman said that the talks would go on."
    result = run(text)
    assert _speaks_for(result, result.statements[-1]) == ["spokesman", "Syria"]


def test_a_bare_spokesman_with_nobody_before_speaks_for_no_one_else():
    text = "Karim Haddad was arrested in Cairo. A spokesman said that he was released on Monday."
    result = run(text)
    assert _speaks_for(result, only(result)) == ["spokesman"]


def test_initials_the_parser_reads_as_a_verb_still_name_the_group():
    text = "Earlier in the day, IS media sources even alleged that a video was coming soon."
    result = run(text)
    assert _speaks_for(result, only(result))[-1] == "Islamic State"


def test_its_spokesman_speaks_for_the_body_its_refers_to():
    text = "The Iranian foreign ministry summoned the envoy. Its spokesman said that the visit was cancelled."
    result = run(text)
    assert _speaks_for(result, only(result))[-1] == "Iran"


def test_their_leader_speaks_for_the_group_named_before():
    text = "Hamas fighters fired rockets. Their leader said that the attack was a warning."
    result = run(text)
    assert _speaks_for(result, only(result))[-1] == "Hamas"


def test_a_relative_clause_giving_a_post_ties_the_person_to_its_body():
    text = "Karim Haddad, who heads the Syrian foreign ministry, said that the convoy had been attacked."
    result = run(text)
    assert _speaks_for(result, only(result)) == ["Karim Haddad", "Syria"]


def test_a_relative_clause_about_where_someone_works_is_no_post():
    for text in (
        "Karim Haddad, who works with refugees in Jordan, said that the convoy had been attacked.",
        "Karim Haddad, who fled Syria in 2012, said that the convoy had been attacked.",
    ):
        result = run(text)
        assert _speaks_for(result, only(result)) == ["Karim Haddad"], text


def test_an_unnamed_militia_is_a_body_that_speaks():
    text = "A local militia said on Tuesday that its fighters had taken control of the bridge."
    result = run(text)
    statement = only(result)
    assert speaker_name(result, statement) == "local militia"
    assert content(text, statement) == "its fighters had taken control of the bridge"


def test_an_opposition_body_named_after_its_state_does_not_speak_for_the_state():
    result = run("The Syrian National Coalition said government forces had shelled the suburb overnight.")
    statement = only(result)
    assert _speaks_for(result, statement) == ["Syrian National Coalition"]


def test_a_document_speaks_for_the_actor_a_clause_names_as_its_author():
    for text in (
        "A statement attributed to the Islamic State group claimed a hostage was killed in an airstrike.",
        "A video released by the Islamic State group said a hostage was killed in an airstrike.",
    ):
        result = run(text)
        assert speaker_name(result, only(result)) == "Islamic State", text


def test_pro_and_anti_words_are_one_word_and_say_whose_side_not_who():
    result = run("Pro-IS sources are still claiming that she is captured.")
    assert _speaks_for(result, only(result)) == ["Pro-IS sources", "Islamic State"]
    result = run("The anti-IS coalition said the strikes hit the town.")
    assert _speaks_for(result, only(result)) == ["anti-IS coalition"]


def test_state_media_speak_for_the_state_last_named():
    text = "North Korea fired two missiles on Monday. State media said the launch was a success."
    result = run(text)
    assert speaker_name(result, only(result)) == "North Korea"
    assert not run("State media said the strikes hit the town.").statements


def test_rebels_and_separatists_of_a_country_do_not_speak_for_its_state():
    for text, speaker in (
        ("Syrian rebels said the army had shelled the town.", "Syrian rebels"),
        ("Ukrainian separatists said the army had shelled the town.", "Ukrainian separatists"),
    ):
        result = run(text)
        assert _speaks_for(result, only(result)) == [speaker], text
    result = run("Russian troops said the town had fallen.")
    assert _speaks_for(result, only(result)) == ["Russia"]


def test_rebels_of_a_country_are_the_target_not_its_state():
    result = run("The army accused Syrian rebels of shelling the town.")
    statement = only(result, "accusation")
    assert result.actor(statement.target).name == "Syrian rebels"
    result = run("The rebels accused Syrian troops of shelling the town.")
    assert result.actor(only(result, "accusation").target).name == "Syria"
    result = run("Iran accused the American journalist of spying.")
    assert result.actor(only(result, "accusation").target).name == "American journalist"
