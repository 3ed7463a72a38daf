"""People named again by their title: "the Vermont senator" after "Vermont Sen. Jane Doe"."""

from __future__ import annotations

from .conftest import content, only, run, speaker_name
from .test_targets import target_name


def test_a_described_speaker_is_the_person_introduced_by_that_title():
    text = (
        "Vermont Sen. Edward Brandt spoke in Ohio on Monday.\n\n"
        "The senator said that the trade deal would cost thousands of jobs."
    )
    result = run(text)
    assert speaker_name(result, only(result)) == "Edward Brandt"


def test_a_described_target_is_the_person_introduced_by_that_title():
    text = (
        "Former Secretary of State Alice Morgan campaigned in Iowa. Vermont Sen. Edward Brandt spoke in Ohio.\n\n"
        "The former secretary of state accused the Vermont senator of ignoring the victims."
    )
    result = run(text)
    accusation = only(result, "accusation")
    assert speaker_name(result, accusation) == "Alice Morgan"
    assert target_name(result, accusation) == "Edward Brandt"


def test_words_of_another_state_keep_a_description_from_the_person_titled_otherwise():
    text = "President Karl Weber met reporters in Berlin.\n\nThe Syrian president said the attack was staged."
    result = run(text)
    assert speaker_name(result, only(result)) != "Karl Weber"


def test_the_latest_of_two_people_with_one_title_is_the_one_described():
    text = (
        "US Secretary of State Tom Avery accused Russia of arming the rebels. Russian Foreign Minister "
        "Pavel Orlov dismissed the accusation.\n\n"
        "The minister said Washington was spreading lies. The secretary of state later criticized the "
        "minister for his remarks."
    )
    result = run(text)
    criticism = only(result, "criticism")
    assert speaker_name(result, criticism) == "Tom Avery"
    assert target_name(result, criticism) == "Pavel Orlov"
    lies = next(s for s in result.statements if "spreading lies" in content(text, s))
    assert speaker_name(result, lies) == "Pavel Orlov"


def test_someone_new_of_the_same_title_takes_the_description():
    text = (
        "Interior Ministry spokesman Omar Haddad said the border was calm.\n\n"
        "Later a military spokesman said troops had been sent. The spokesman said the army would stay."
    )
    result = run(text)
    stay = next(s for s in result.statements if "would stay" in content(text, s))
    assert speaker_name(result, stay) != "Omar Haddad"


def test_a_thing_named_after_a_person_is_not_their_title():
    text = (
        "A new Morgan poll shows Alice Morgan ahead in Iowa.\n\n"
        "The poll found that voters were undecided, analysts said."
    )
    result = run(text)
    assert all(speaker_name(result, s) != "Alice Morgan" for s in result.statements)


def test_a_place_the_title_did_not_give_still_fits_the_person():
    text = "Sen. Edward Brandt spoke in Ohio on Monday.\n\nThe Vermont senator said the trade deal would cost jobs."
    result = run(text)
    assert speaker_name(result, only(result)) == "Edward Brandt"
