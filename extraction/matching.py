"""Matching statements across articles: the same proposition told again, or answered.

Pure Python, no Django and no spaCy: the caller (claims' threading service) hands over what it
knows of each statement as a ``Sketch`` and gets back a ``Match`` or nothing. A pair matches
when its contents say the same thing (words weighted by how rare they are in English, names
and numbers counting extra); the kinds then decide the relation: the same stance ``repeats``,
opposite stances (a denial of a claim) ``rebuts``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from .types import Kind

CrossRelation = Literal["repeats", "rebuts"]
Stance = Literal["asserts", "denies"]

# A word this common in English carries no content ("said", "would", "people").
_COMMON_ZIPF = 5.6
# Rarer than anything in the frequency list (a name seen for the first time): as rare as it gets.
_UNSEEN_ZIPF = 1.0

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?|\d[\d,.]*\d|\d", re.UNICODE)
_NEGATORS = frozenset({"not", "no", "never", "n't", "nothing", "none", "neither", "nor", "without"})
_DENIAL_WORDS = frozenset(
    {"deny", "denies", "denied", "false", "untrue", "baseless", "groundless", "lie", "lies", "fabrication"}
)


@dataclass(frozen=True, slots=True)
class Sketch:
    """What the matcher needs of one statement. Actor keys are opaque strings; ``speakers``
    and ``targets`` hold an actor and what it speaks for (a minister's state) alike."""

    key: str
    article: str
    kind: Kind
    content: str
    speakers: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()

    @property
    def stance(self) -> Stance:
        return "denies" if self.kind == "denial" else "asserts"


@dataclass(frozen=True, slots=True)
class Match:
    relation: CrossRelation
    confidence: float
    similarity: float


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Below ``similarity`` nothing is linked; a link is proposed with its confidence, and
    callers may accept only those at or above ``confidence``."""

    similarity: float = 0.42
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class _Terms:
    weights: dict[str, float]
    names: frozenset[str]
    numbers: frozenset[str]
    negated: bool

    @property
    def mass(self) -> float:
        return sum(self.weights.values())


@cache
def _zipf(word: str) -> float:
    # Imported here: the frequency tables load on first use, not when extraction is imported.
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") or _UNSEEN_ZIPF


def _stem(word: str) -> str:
    # Enough to meet "shells"/"shell", "supplied"/"supplies"; not a linguistic stemmer.
    for suffix in ("ing", "ied", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
    return word


def _terms(text: str) -> _Terms:
    weights: dict[str, float] = {}
    names: set[str] = set()
    numbers: set[str] = set()
    negated = False
    for i, match in enumerate(_WORD.finditer(text)):
        raw = match.group().replace("’", "'")
        lower = raw.lower()
        if lower.endswith("n't") or lower in _NEGATORS:
            negated = True
            continue
        if raw[0].isdigit():
            numbers.add(raw.replace(",", ""))
            continue
        if lower in _DENIAL_WORDS:
            continue
        zipf = _zipf(lower)
        if zipf >= _COMMON_ZIPF:
            continue
        stem = _stem(lower)
        # Rarer words say more about what the statement is about.
        weights[stem] = max(weights.get(stem, 0.0), _COMMON_ZIPF - zipf + 0.5)
        if raw[0].isupper() and i > 0:
            names.add(stem)
    return _Terms(weights, frozenset(names), frozenset(numbers), negated)


def _overlap(a: _Terms, b: _Terms) -> float:
    if not a.weights or not b.weights:
        return 0.0
    shared = a.weights.keys() & b.weights.keys()
    common = sum(min(a.weights[t], b.weights[t]) for t in shared)
    # The shorter statement's share: a one-line denial restating a long claim still matches it.
    smaller = min(a.mass, b.mass)
    larger = max(a.mass, b.mass)
    return common / math.sqrt(smaller * larger) * 0.5 + common / smaller * 0.5


def similarity(a: str, b: str) -> float:
    """How far two contents say the same thing, 0 to 1."""
    return _similarity(_terms(a), _terms(b))


def _similarity(a: _Terms, b: _Terms) -> float:
    score = _overlap(a, b)
    if a.names and b.names:
        share = len(a.names & b.names) / min(len(a.names), len(b.names))
        score = 0.8 * score + 0.2 * share
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        # "killed 12" and "killed 40" are different reports of one event, not the same claim.
        score *= 0.6
    return round(min(score, 1.0), 3)


def _stance(sketch: Sketch, terms: _Terms) -> Stance:
    # A claim worded as a negation ("it did not fire the rocket") answers the positive one.
    if sketch.kind == "denial":
        return "denies"
    return "denies" if terms.negated else "asserts"


def _actor_agreement(a: Sketch, b: Sketch, relation: CrossRelation) -> float:
    """+ when the actors stand where the relation puts them, - when they contradict it."""
    if relation == "repeats":
        if a.speakers & b.speakers:
            return 0.1
        return 0.0
    # A rebuttal answers someone: the denier's target is the claimant, or the two sides differ.
    if (a.targets & b.speakers) or (b.targets & a.speakers):
        return 0.15
    if a.speakers and b.speakers and a.speakers & b.speakers:
        # The same actor asserting and denying one thing across articles is rare: more
        # likely two different propositions that share words.
        return -0.15
    return 0.0


def match(a: Sketch, b: Sketch, *, thresholds: Thresholds = Thresholds()) -> Match | None:
    """The relation between two statements of different articles, or None."""
    if a.article == b.article:
        return None
    ta, tb = _terms(a.content), _terms(b.content)
    sim = _similarity(ta, tb)
    if sim < thresholds.similarity:
        return None
    relation: CrossRelation = "repeats" if _stance(a, ta) == _stance(b, tb) else "rebuts"
    confidence = sim + _actor_agreement(a, b, relation)
    return Match(relation, round(max(0.0, min(confidence, 1.0)), 3), sim)


def best_matches(
    sketch: Sketch, candidates: Iterable[Sketch], *, thresholds: Thresholds = Thresholds()
) -> list[tuple[Sketch, Match]]:
    """Every candidate the statement matches, most confident first."""
    found = []
    for other in candidates:
        m = match(sketch, other, thresholds=thresholds)
        if m is not None and m.confidence >= thresholds.confidence:
            found.append((other, m))
    found.sort(key=lambda pair: (-pair[1].confidence, pair[0].key))
    return found


def rare_terms(text: str, *, limit: int = 8) -> list[str]:
    """The statement's rarest content words, rarest first: what a full-text index should look
    up to find other statements of the same proposition. Unstemmed (the database stems them);
    the words the matcher ignores (common ones, negations, denial words, numbers) are left out."""
    rarity: dict[str, float] = {}
    for match in _WORD.finditer(text):
        lower = match.group().replace("’", "'").lower()
        if lower.endswith("n't") or lower in _NEGATORS or lower in _DENIAL_WORDS or lower[0].isdigit():
            continue
        zipf = _zipf(lower)
        if zipf < _COMMON_ZIPF:
            rarity[lower] = zipf
    return sorted(rarity, key=lambda word: (rarity[word], word))[:limit]
