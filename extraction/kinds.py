"""The kind of each statement and how sure the extractor is of it.

The cue decides first: "denied" is a denial, "accused" an accusation. A neutral cue ("said",
a quotation) takes its kind from what is said: a flat rejection ("we have never had...",
"that is not true") is a denial; wrongdoing or blame aimed at another actor is an accusation;
a judgement of another actor is a criticism.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .attribution import Attribution
from .lexicon import Lexicon
from .types import Kind

# How much each construction is to be trusted, from how often it was right when measured.
_FORM_CONFIDENCE = {
    "verb": 0.8,
    "according": 0.85,
    "noun": 0.65,
    "colon": 0.6,
    "floating": 0.6,
    "adverb": 0.6,
}


def _tokens_in(doc: Doc, att: Attribution) -> list:
    out = []
    for s, e in att.content:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            out.extend(span)
    return out


def _has_phrase(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    joined = " " + " ".join(words) + " "
    return any(" " + " ".join(p) + " " in joined for p in phrases)


_COPULAS = frozenset(
    {"is", "are", "was", "were", "be", "been", "'s", "'re", "mere", "merely", "pure", "all", "just", "simply"}
)


_NAMING_VERBS = frozenset({"call", "describe", "brand", "label", "term", "dismiss"})


def _called_false(words: list[str], falsehoods: frozenset[str]) -> bool:
    """Something is said to be false: "these are lies", "the report was all propaganda"."""
    return any(
        w in _COPULAS and any(x in falsehoods for x in words[i + 1 : i + 6]) for i, w in enumerate(words)
    )


def classify(
    doc: Doc,
    att: Attribution,
    lexicon: Lexicon,
    *,
    has_target: bool,
    reports_others: bool,
) -> tuple[Kind, float]:
    """Kind and confidence. reports_others: the content holds other statements ("X denied..., VOA
    reported"), so its wording is theirs and says nothing of the reporter's own kind."""
    confidence = _FORM_CONFIDENCE.get(att.form, 0.6)
    if att.source_span is None:
        confidence -= 0.2
    if att.lemma in lexicon.clausal_verbs:
        confidence -= 0.15
    if att.kind != "claim":
        return att.kind, round(min(confidence + 0.1, 0.95), 2)
    if reports_others:
        return "claim", round(confidence, 2)
    tokens = _tokens_in(doc, att)
    words = [t.lower_.replace("’", "'") for t in tokens]
    lemmas = {t.lemma_.lower() for t in tokens}
    if (
        _has_phrase(words, lexicon.denial_phrases)
        or _called_false(words, lexicon.copula_falsehoods)
        # "called the story propaganda", "described the report as baseless"
        or (att.lemma in _NAMING_VERBS and not set(words).isdisjoint(lexicon.copula_falsehoods))
    ):
        return "denial", round(confidence - 0.1, 2)
    # Blame and judgement need someone to be aimed at; without a target it stays a claim.
    aids_extremists = bool(lemmas & lexicon.aiding_words and lemmas & lexicon.extremist_words)
    if has_target and (lemmas & lexicon.accusation_words or aids_extremists):
        return "accusation", round(confidence - 0.15, 2)
    if (has_target and lemmas & lexicon.criticism_words) or lemmas & lexicon.condemnation_words:
        return "criticism", round(confidence - 0.15, 2)
    return "claim", round(confidence, 2)
