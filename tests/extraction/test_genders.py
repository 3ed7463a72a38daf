"""He and she find the person of their gender (issue 11): the knowledge base knows its people's
genders, and a given name that names one gender tells a person the base does not know. Sentences
written for the test."""

from __future__ import annotations

import pytest

from extraction.lexicon import given_name_key, given_names, load_lexicon

from .conftest import only, run, speaker_name


def _pronoun_statement(result, text: str, pronoun: str):
    return next(s for s in result.statements if text[s.speaker_span[0] : s.speaker_span[1]] == pronoun)


def test_she_after_a_female_then_a_male_minister_is_the_woman():
    text = (
        "Hillary Clinton arrived in Geneva on Monday. Sergei Lavrov told reporters that Russia would "
        "not yield. She said that the United States would keep its sanctions."
    )
    result = run(text)
    assert speaker_name(result, _pronoun_statement(result, text, "She")) == "Hillary Clinton"


@pytest.mark.parametrize(
    ("first", "second", "pronoun", "expected"),
    [
        ("Maria Zakharova", "Sergei Lavrov", "She", "Maria Zakharova"),
        ("Sergei Lavrov", "Maria Zakharova", "He", "Sergei Lavrov"),
    ],
)
def test_he_or_she_skips_the_last_person_of_the_other_gender(first, second, pronoun, expected):
    text = f"{first} spoke in Moscow on Thursday. {second} arrived later. {pronoun} said that the talks had failed."
    result = run(text)
    assert speaker_name(result, only(result)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fatima Haddad fled Mosul in June. Omar Karimi stayed behind. She said that the militants "
            "had burned her school.",
            "Fatima Haddad",
        ),
        (
            "Omar Karimi stayed in Mosul. Fatima Haddad fled the city in June. He said that the militants "
            "had burned his shop.",
            "Omar Karimi",
        ),
    ],
)
def test_a_given_name_tells_the_gender_of_a_person_the_knowledge_base_does_not_know(text, expected):
    result = run(text)
    assert speaker_name(result, only(result)) == expected


def test_a_given_name_outranks_a_he_in_what_the_person_says():
    # "he" is her son: it must not make Fatima a man, whom the later "she" would then skip.
    text = (
        "Fatima Haddad said he had been arrested in May. Omar Karimi left the city in June. She said "
        "that the police had beaten her son."
    )
    result = run(text)
    assert speaker_name(result, _pronoun_statement(result, text, "She")) == "Fatima Haddad"


def test_her_as_a_target_is_the_woman_named_before():
    text = (
        "Hillary Clinton arrived in Geneva on Monday. Sergei Lavrov met the delegation later. The "
        "Russian foreign ministry accused her of meddling in the election."
    )
    result = run(text)
    accusation = only(result, "accusation")
    assert result.actor(accusation.target).name == "Hillary Clinton"


def test_given_names_are_matched_without_case_or_accents():
    lex = load_lexicon()
    assert [lex.given_name_gender(w) for w in ("Ayşe", "ayse", "FATIMA", "Sergei", "Jean-Pierre")] == [
        "f",
        "f",
        "f",
        "m",
        "m",
    ]
    # Names that are both, or words before names, tell nothing.
    unsure = ("Jordan", "Jean", "Andrea", "Kim", "Said", "May")
    assert {lex.given_name_gender(w) for w in unsure} == {None}
    assert given_name_key("Pınar") == given_name_key("Pinar")


def test_a_given_name_listed_under_both_genders_fails_loading():
    with pytest.raises(ValueError, match="both f and m"):
        given_names({"f": {"english": ["Robin"]}, "m": {"english": ["robin"]}})
