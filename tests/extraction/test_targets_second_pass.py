"""Targets, second pass: a directive's addressee, pronouns in the speaker's own quote, the
owner of a judged thing, and the doer of words whose root has no subject of its own."""

from __future__ import annotations

from extraction import ExtractionResult, Statement

from .conftest import run


def target_name(result: ExtractionResult, statement: Statement) -> str | None:
    actor = result.actor(statement.target) if statement.target else None
    return actor.name if actor else None


def aimed(result: ExtractionResult) -> list[str | None]:
    return [target_name(result, s) for s in result.statements if s.kind in ("criticism", "accusation")]


def test_addressee_of_an_urging_is_the_target_of_the_criticism_it_carries():
    text = "Parents of the victims urged Governor Maria Lopez to apologize for her insulting remarks."
    assert "Maria Lopez" in aimed(run(text))


def test_pronoun_addressee_of_a_call_is_the_one_named_before():
    text = (
        "Governor Maria Lopez defended the cuts on Monday.\n\n"
        "Parents of the victims called on her to apologize for her insulting remarks."
    )
    assert "Maria Lopez" in aimed(run(text))


def test_addressee_does_not_replace_whom_the_words_criticise():
    # Told to condemn someone: the criticism is aimed at the one to be condemned, not the UN.
    text = "Ukraine urged the United Nations to condemn Russia for its brutal shelling of Kharkiv."
    targets = aimed(run(text))
    assert "Russia" in targets
    assert "United Nations" not in targets


def test_third_person_plural_in_a_direct_quote_is_not_the_speaker():
    text = (
        "Hamas fighters attacked the village on Sunday.\n\n"
        'A local farmer, Ahmed Saleh, said: "They burned the houses, they shot the cattle, '
        'there is no end to their cruelty."'
    )
    assert "Hamas" in aimed(run(text))


def test_she_in_a_quote_is_the_woman_the_quote_names():
    text = (
        "Senator John Miller said on Friday that the election was close.\n\n"
        '"I wanted to vote for Hillary Clinton, but I never really trusted her, she lies all the '
        'time," said Robert Stone, a retired teacher.'
    )
    result = run(text)
    assert "Hillary Clinton" in aimed(result)
    assert "John Miller" not in aimed(result)


def test_owner_of_a_judged_thing_is_the_target():
    text = (
        "Hillary Clinton spoke in Ohio on Tuesday.\n\n"
        "Bernie Sanders said he questioned her judgment because of her reckless vote for the war."
    )
    assert "Hillary Clinton" in aimed(run(text))


def test_doer_of_words_whose_root_is_no_verb_of_theirs():
    # The parser makes "places" a noun here; the first active subject still says who acts.
    text = (
        "The Taliban said in a statement that Obama's reckless decision to bomb Kabul places "
        "America on a shameful path of war."
    )
    assert "Barack Obama" in aimed(run(text))


def test_words_with_an_expletive_root_take_their_first_clause_subject_as_doer():
    from extraction.pipeline import _content_subject, get_nlp

    text = "They burn people alive, they chop off heads, there is no limit to their cruelty."
    doc = get_nlp()(text)
    subject = _content_subject(doc, [(0, len(text))])
    assert subject is not None and subject.i == 0


def test_judged_possession_names_its_owner_only_in_the_main_clause():
    from extraction.pipeline import _actor_index, _possessor_judged, get_nlp

    text = "Hillary Clinton spoke. Bernie Sanders questioned her judgment."
    doc = get_nlp()(text)
    actors = _actor_index().read(doc, text)
    start = text.index("questioned")
    speaker = {id(d) for d in actors.drafts if d.name == "Bernie Sanders"}
    owner = _possessor_judged(doc, [(start, len(text) - 1)], actors, speaker, quoted=False)
    assert owner is not None and owner.name == "Hillary Clinton"


def test_blaming_a_wrong_on_someone_is_aimed_at_them_not_at_the_wrong():
    text = "Turkish police blamed the ambush on the Syrian army convoy on Kurdish rebels."
    assert aimed(run(text)) == ["Kurdish rebels"]


def test_militants_of_a_people_without_a_state_are_the_militants():
    text = "The army accused Kurdish militants of planting the roadside bomb."
    assert aimed(run(text)) == ["Kurdish militants"]
