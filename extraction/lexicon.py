"""Lexicons shipped as data files under ``extraction/lexicons/``, read once per process."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .types import Kind

# When a word is listed under several kinds, the more specific kind wins.
_PRECEDENCE: tuple[Kind, ...] = ("denial", "accusation", "criticism", "claim")


def _read(name: str) -> str:
    return resources.files("extraction").joinpath("lexicons", name).read_text(encoding="utf-8")


def _json(name: str) -> dict[str, Any]:
    return json.loads(_read(name))


def _by_kind(table: dict[str, list[str]]) -> dict[str, Kind]:
    out: dict[str, Kind] = {}
    for kind in reversed(_PRECEDENCE):
        for word in table.get(kind, ()):
            out[word.lower()] = kind
    return out


# Letters NFKD does not split into a base letter and an accent.
_UNACCENTED = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "’": "'"})


def given_name_key(word: str) -> str:
    """The form a given name is looked up in: "Ayşe", "Ayse" and "AYSE" are one name."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_UNACCENTED))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def given_names(table: Mapping[str, Mapping[str, list[str]]]) -> dict[str, str]:
    """given_names.json's groups as one name -> gender table. A name listed under both genders
    fails loading: it tells a reader nothing, and one of the two lists is wrong."""
    out: dict[str, str] = {}
    for gender in ("f", "m"):
        for names in table[gender].values():
            for name in names:
                key = given_name_key(name)
                if out.setdefault(key, gender) != gender:
                    raise ValueError(f"given name {name!r} is listed as both f and m")
    return out


def _lines(name: str) -> frozenset[str]:
    return frozenset(
        line.strip().lower() for line in _read(name).splitlines() if line.strip() and not line.startswith("#")
    )


@dataclass(frozen=True, slots=True)
class Lexicon:
    speech_verbs: dict[str, Kind]  # lemma -> kind; any complement
    clausal_verbs: dict[str, Kind]  # lemma -> kind; only with a clause complement
    physical_verbs: frozenset[str]  # "attack", "blast": words, or force; see cue_verbs.json
    bare_object_verbs: frozenset[str]  # "told reporters", "posted a video": an object is no statement
    cue_adverbs: frozenset[str]  # "reportedly": the clause is someone's statement, the speaker unnamed
    passive_verbs: frozenset[str]  # "X is expected/said/believed to...": a statement without a speaker
    cue_nouns: dict[str, Kind]
    denial_phrases: tuple[tuple[str, ...], ...]
    copula_falsehoods: frozenset[str]  # "these are lies", "the story was mere propaganda"
    dismissive: frozenset[str]  # said of a claim, a denial: "the accusations are absurd"
    claim_nouns: frozenset[str]  # what a claim is called: "accusation", "report", "story"
    states: frozenset[str]  # not done but had, got, known: "we did not receive" denies nothing
    accusation_words: frozenset[str]
    criticism_words: frozenset[str]
    failures: frozenset[str]  # of an actor's own doing, a criticism: "Obama's disastrous policies"
    condemnation_words: frozenset[str]  # a criticism even with no actor named: "a barbaric act"
    outcome_words: frozenset[str]  # "X is the result of Y" with harm as X blames Y
    harm_words: frozenset[str]
    virtue_words: frozenset[str]  # denied of an actor, a criticism: "not serious", "not sincere"
    violent_acts: dict[str, int]  # lemma -> family: "beheading" and "murder" are the same act
    breaking_verbs: frozenset[str]  # with one of rule_words as object: "broke the law" accuses
    rule_words: frozenset[str]
    keeping_verbs: frozenset[str]  # negated, with one of rule_words: "never respect the rules" accuses
    esteem_verbs: frozenset[str]  # negated, with an actor as object: "I never trusted her" criticises
    worsening_verbs: frozenset[str]  # with harm as object, an accusation: "fuelling the conflict"
    desire_verbs: frozenset[str]  # with harm wanted, an accusation: "Russia wants war"
    remedies: frozenset[str]  # over a harm, no wrong: "wants to end the war"
    losses: frozenset[str]  # come "because of" a named actor, blame it: "because of X we lost"
    atrocities: frozenset[str]  # by a named actor, an accusation: "the militia tortured them"
    culpable_places: frozenset[str]  # "X was behind the attack": X is its author
    culpable_objects: frozenset[str]  # what one may be behind besides harm: "the hack", "the coup"
    judgement: frozenset[str]  # said of an act or a decision, a criticism: "a violation of the law"
    judged_things: frozenset[str]  # what a judgement may be said of: "the decision", "the move"
    wrong_acts: frozenset[str]  # committed or carried out by a named actor, an accusation
    insults: frozenset[str]  # said of a person, a criticism: "he is a phony"
    wrongdoer_labels: frozenset[str]  # said of a person or body, an accusation: "a terrorist group"
    force_verbs: frozenset[str]  # done to one of protected by a named actor, an accusation
    protected: frozenset[str]  # "civilians", "a hospital": whom force may not be aimed at
    wrongdoer_nouns: frozenset[str]  # "the militia", "gunmen": accused of a wrong though unknown
    criticism_phrases: tuple[tuple[str, ...], ...]  # "turned a blind eye", "double standards"
    accusation_phrases: tuple[tuple[str, ...], ...]  # "blood on their hands", "ethnic cleansing"
    target_places: frozenset[str]  # "the Al-Shifa hospital": a named site is no target
    target_faiths: frozenset[str]  # "Islam": named in accusations, never their target
    aiding_words: frozenset[str]  # with extremist_words: "helping the terrorists" accuses
    extremist_words: frozenset[str]
    blame_lemmas: frozenset[str]  # all of the above that may blame or judge: a quick first test
    person_pronouns: frozenset[str]
    collective_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    role_titles: frozenset[str]
    speaker_nouns: frozenset[str]  # "witnesses", "the union": people or bodies, not documents
    headline_labels: frozenset[str]  # "Breaking:", "Exclusive:": not speakers before a colon
    given_names: dict[str, str]  # given_name_key(name) -> "m" or "f": "Fatima" is a woman
    # Inflected forms of the lexicons' verbs -> the verb (and each verb -> itself): the tagger's
    # lemmatizer reads "raped" as "rap", "shamed" as "sham", "lambasted" as "lambast".
    verb_forms: dict[str, str]

    def given_name_gender(self, word: str) -> str | None:
        """ "m" or "f" for a given name that names one gender only ("Omar", "Fatima"), else None."""
        return self.given_names.get(given_name_key(word))


_VOWELS = frozenset("aeiou")


def inflections(verb: str) -> set[str]:
    """The regular third-person, past and -ing forms of an English verb."""
    if verb.endswith("ie"):
        return {verb + "s", verb + "d", verb[:-2] + "ying"}
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return {verb + "s", verb + "d", verb[:-1] + "ing"}
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in _VOWELS:
        return {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    third = verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s")
    forms = {third, verb + "ed", verb + "ing"}
    if (
        len(verb) >= 3
        and verb[-1] not in _VOWELS | {"w", "x", "y"}
        and verb[-2] in _VOWELS
        and verb[-3] not in _VOWELS
    ):
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}  # "slammed", "shelling"
    return forms


def _verb_forms(words: set[str]) -> dict[str, str]:
    forms: dict[str, str] = {word: word for word in words}
    for verb in sorted(words):
        if verb.isalpha():
            for form in inflections(verb):
                if form not in words:  # "killing" is a word of its own, not a form to rewrite
                    forms.setdefault(form, verb)
    return forms


@cache
def load_lexicon() -> Lexicon:
    verbs = _json("cue_verbs.json")
    speech = _by_kind(verbs["speech"])
    clausal = {k: v for k, v in _by_kind(verbs["clausal"]).items() if k not in speech}
    denial = _json("denial_phrases.json")
    tone = _json("content_tone.json")
    pronouns = _json("pronouns.json")
    targets = _json("targets.json")
    return Lexicon(
        speech_verbs=speech,
        clausal_verbs=clausal,
        passive_verbs=frozenset(verbs["passive"]),
        cue_adverbs=frozenset(verbs["adverbs"]),
        physical_verbs=frozenset(verbs["physical"]),
        bare_object_verbs=frozenset(verbs["bare_object"]),
        cue_nouns=_by_kind(_json("cue_nouns.json")),
        denial_phrases=tuple(tuple(p.split()) for p in denial["phrases"]),
        copula_falsehoods=frozenset(denial["copula_falsehoods"]),
        dismissive=frozenset(denial["dismissive"]),
        claim_nouns=frozenset(denial["claim_nouns"]),
        states=frozenset(denial["states"]),
        accusation_words=frozenset(tone["accusation"]),
        criticism_words=frozenset(tone["criticism"]),
        failures=frozenset(tone["failures"]),
        condemnation_words=frozenset(tone["condemnation"]),
        outcome_words=frozenset(tone["outcome"]),
        harm_words=frozenset(tone["harm"]),
        virtue_words=frozenset(tone["virtue"]),
        violent_acts={w: i for i, family in enumerate(tone["violent_acts"]) for w in family},
        breaking_verbs=frozenset(tone["breaking_verbs"]),
        rule_words=frozenset(tone["rule_words"]),
        keeping_verbs=frozenset(tone["keeping_verbs"]),
        losses=frozenset(tone["losses"]),
        worsening_verbs=frozenset(tone["worsening_verbs"]),
        desire_verbs=frozenset(tone["desire_verbs"]),
        remedies=frozenset(tone["remedies"]),
        esteem_verbs=frozenset(tone["esteem_verbs"]),
        atrocities=frozenset(tone["atrocities"]),
        culpable_places=frozenset(tone["culpable_places"]),
        culpable_objects=frozenset(tone["culpable_objects"]),
        judgement=frozenset(tone["judgement"]),
        judged_things=frozenset(tone["judged_things"]),
        wrong_acts=frozenset(tone["wrong_acts"]),
        insults=frozenset(tone["insults"]),
        wrongdoer_labels=frozenset(tone["wrongdoer_labels"]),
        force_verbs=frozenset(tone["force_verbs"]),
        protected=frozenset(tone["protected"]),
        wrongdoer_nouns=frozenset(tone["wrongdoer_nouns"]),
        criticism_phrases=tuple(tuple(p.split()) for p in tone["criticism_phrases"]),
        accusation_phrases=tuple(tuple(p.split()) for p in tone["accusation_phrases"]),
        target_places=frozenset(targets["places"]),
        target_faiths=frozenset(targets["faiths"]),
        aiding_words=frozenset(tone["aiding"]),
        extremist_words=frozenset(tone["extremists"]),
        blame_lemmas=frozenset(
            tone["accusation"]
            + tone["criticism"]
            + tone["condemnation"]
            + tone["aiding"]
            + tone["virtue"]
            + tone["breaking_verbs"]
            + tone["keeping_verbs"]
            + tone["failures"]
            + tone["esteem_verbs"]
            + tone["worsening_verbs"]
            + tone["desire_verbs"]
            + ["play"]  # "playing the race card"
            + tone["outcome"]
            + tone["atrocities"]
            + tone["culpable_places"]
        ),
        person_pronouns=frozenset(pronouns["person"]),
        collective_pronouns=frozenset(pronouns["collective"]),
        relative_pronouns=frozenset(pronouns["relative"]),
        role_titles=_lines("role_titles.txt"),
        speaker_nouns=_lines("speaker_nouns.txt"),
        headline_labels=_lines("headline_labels.txt"),
        given_names=given_names(_json("given_names.json")),
        verb_forms=_verb_forms(
            {
                *speech,
                *clausal,
                *verbs["physical"],
                *verbs["bare_object"],
                *tone["atrocities"],
                *tone["accusation"],
                *tone["criticism"],
                *tone["condemnation"],
                *tone["breaking_verbs"],
                *tone["aiding"],
                *tone["force_verbs"],
            }
        ),
    )
