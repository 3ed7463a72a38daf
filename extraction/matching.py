"""Matching statements across articles: the same proposition told again, or answered.

Pure Python, no Django and no spaCy: the caller (claims' threading service) hands over what it
knows of each statement as a ``Sketch`` and gets back a ``Match`` or nothing, or, against the
threads it keeps, a ``ThreadMatch``. A pair matches when its contents say the same thing:
words weighted by how rare they are in English (wordfreq), synonyms of one event meeting
(``lexicons/match_synonyms.json``), the knowledge base's names of one actor meeting ("U.S." /
"Washington" / "American"), names and numbers counting extra. The article's salient names
stand in, at a lower weight, for the names a content leaves out, and count as its own words
when it leaves its subject to a pronoun ("she was abducted"). The stances then decide the
relation: the same stance ``repeats``, opposite stances (a denial of a claim, or a claim
negating what the other asserts) ``rebuts``.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

from .types import Kind

CrossRelation = Literal["repeats", "rebuts"]
Stance = Literal["asserts", "denies"]

# A word this common in English carries no content ("said", "would", "people").
_COMMON_ZIPF = 5.6
# Rarer than anything in the frequency list (a name seen for the first time): as rare as it gets.
_UNSEEN_ZIPF = 1.0
# A capitalised word at least this common is a title or a sentence's first word, not a name.
_NAME_MAX_ZIPF = 5.0
# What an article's salient names weigh against the same words in the content itself.
CONTEXT_WEIGHT = 0.35
# What a content's own word weighs when it is one of the article's salient names.
BACKGROUND_WEIGHT = 0.6
# How much two articles' salient names must agree: the score is scaled from 1 - this (no name
# in common) to 1 (the same names).
STORY_WEIGHT = 0.4
# Below this much shared content (about one rare word, or two middling ones) two statements
# are not compared at all: context alone, or one common verb, never makes a match.
MIN_SHARED = 6.0
# ... or this much, when it is most of the shorter statement ("she was captured").
MIN_SHARED_SHORT = 3.5
COVERAGE = 0.6
# Of which this much must be words other than names: what is said of them.
MIN_PREDICATE = 1.5
# How much the shorter statement's share counts against the symmetric overlap.
CONTAINMENT = 0.5

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?|\d[\d,.]*\d|\d|[.!?;:\"“”]", re.UNICODE)
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")
_NEGATORS = frozenset(
    {"not", "no", "never", "nothing", "none", "neither", "nor", "without", "cannot", "nobody", "nowhere"}
)
# How many words after a negator may hold what it negates: "has not yet been captured".
_NEGATION_REACH = 4
_SENTENCE_END = frozenset('.!?;:"“”')
# Capitalised but never a name of what a statement is about.
_NOT_NAMES = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "mr", "mrs", "ms", "dr",
    }
)  # fmt: skip
# Ends in "s" without being a plural.
_NOT_PLURALS = frozenset({"news", "series", "species", "politics", "physics", "means", "always", "perhaps"})
_ACTOR_KINDS = frozenset({"state", "organisation", "group", "person"})
# Numbers in words count as numbers ("five Taliban detainees" / "the 5 detainees"). Not "one":
# it is as often a pronoun ("one of them", "one official said") as a count.
_NUMBER_WORDS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100",
    "thousand": "1000", "dozen": "12",
}  # fmt: skip
# Outlets write "Sept. 11" and "September 11": an abbreviated month is the month (and no name).
_MONTH_ABBREVIATIONS = {
    "jan": "january", "feb": "february", "apr": "april", "aug": "august", "sep": "september",
    "sept": "september", "oct": "october", "nov": "november", "dec": "december",
}  # fmt: skip
# A copula followed by a name says who someone is ("Mohammed is Jihadi John", "the prime
# suspect is Abdel Bary"): an identification, whether or not the word "identify" is used.
_COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "being"})
_IDENTIFY = "~identify"


@dataclass(frozen=True, slots=True)
class Sketch:
    """What the matcher needs of one statement. Actor keys are opaque strings; ``speakers``
    and ``targets`` hold an actor and what it speaks for (a minister's state) alike.
    ``names`` are the article's salient names (``salient_names(body)``): they give a content
    that leaves its subject to a pronoun ("she was captured") its subject."""

    key: str
    article: str
    kind: Kind
    content: str
    speakers: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()

    @property
    def stance(self) -> Stance:
        return "denies" if self.kind == "denial" else "asserts"


@dataclass(frozen=True, slots=True)
class Match:
    relation: CrossRelation
    confidence: float
    similarity: float
    # Made by two in-article groups together (``group_links``), not by the pair's own words.
    grouped: bool = False


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Below ``similarity`` nothing is linked; a link is proposed with its confidence, and
    callers may accept only those at or above ``confidence``."""

    # Chosen for precision (issue 12: a wrong thread misleads more than a missing one): the
    # leave-one-story-out check of the service's rule (threads_oracle.py --as-service, each
    # group joining its best thread only) picks 0.3-0.4 on the development gold, all one
    # plateau; 0.4 is its top (0.45 and 0.5 lose 18 of 96 true pairs).
    similarity: float = 0.4
    confidence: float = 0.5
    # For statements their article links to one another, pooled (``best_group_threads``): a
    # pooled bag holds every member's words, many of which the other side lacks, so the same
    # proposition scores lower than two single statements of it would. On the development gold
    # the true joins score up to 0.41 and 0.345, the false ones below 0.22: the middle.
    group: float = 0.28
    # For statements of one article that restate one proposition (``restatement_groups``): two
    # statements of one article share its story and its names, so they must agree far more than
    # two of different articles before they count as one proposition told twice.
    restatement: float = 0.75


# --- terms ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Terms:
    weights: dict[str, float]  # the content's own terms (the article's names weighed down)
    full: dict[str, float]  # and the article's names it leaves out (a pronoun's), weighed lower
    background: dict[str, float]  # the article's names, at their own weight: what story it is
    names: frozenset[str]
    numbers: frozenset[str]
    negated: frozenset[str]  # terms inside a negation's reach ("was not captured")
    full_mass: float
    background_mass: float


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    classes: dict[tuple[str, ...], str]  # lemmas of a synonym -> its class's term
    names: dict[tuple[str, ...], str]  # lowercase words of an actor's name -> the actor's term
    cased: dict[tuple[str, ...], str]  # abbreviations, matched case-sensitively -> the actor's term
    starts: dict[str, int]  # a phrase's first word (as each table keys it) -> the longest phrase
    weight_of: dict[str, float]  # a name term weighs as its canonical name does


def _read_lexicon() -> dict:
    text = resources.files("extraction").joinpath("lexicons", "match_synonyms.json").read_text("utf-8")
    return json.loads(text)


@cache
def _zipf(word: str) -> float:
    # Imported here: the frequency tables load on first use, not when extraction is imported.
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") or _UNSEEN_ZIPF


def _rarity(zipf: float) -> float:
    return _COMMON_ZIPF - zipf + 0.5


@cache
def _lemma(word: str) -> str:
    """The base form of a lowercase word, guided by word frequency: of the forms that removing
    an inflection could leave, the commonest real word ("captured" -> "capture", "kidnapped"
    -> "kidnap", "supplies" -> "supply"). Not a linguistic lemmatiser: enough for words to meet."""
    if word in _NOT_PLURALS or len(word) < 4:
        return word
    for suffix in ("ists", "ist"):
        # The doer and the doctrine are one term: "terrorist" / "terrorism", "extremists" /
        # "extremism", "jihadist" / "jihadism" (only where the doctrine is a word).
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            doctrine = word[: -len(suffix)] + "ism"
            if _zipf(doctrine) >= 3.0:
                return doctrine
    candidates: list[str] = []
    for suffix, replacements in (
        ("ies", ("y",)),
        ("ied", ("y",)),
        ("ing", ("", "e")),
        ("ed", ("", "e")),
        ("es", ("", "e")),
        ("s", ("",)),
    ):
        if not word.endswith(suffix):
            continue
        base = word[: -len(suffix)]
        if suffix == "s" and base.endswith(("s", "u", "i")):
            continue  # "gas", "virus", "crisis"
        if suffix in ("ing", "ed", "es") and _silent_e(base) and _zipf(base + "e") >= 3.0:
            # A base ending in one vowel and one consonant would have doubled it ("planned",
            # "hopped"): undoubled, the base ends in a silent e ("planes" is "plane", not "plan";
            # "noted" "note", "used" "use").
            return base + "e"
        for r in replacements:
            candidates.append(base + r)
        if suffix in ("ing", "ed") and len(base) >= 3 and base[-1] == base[-2]:
            candidates.append(base[:-1])  # "kidnapped", "travelled"
        break
    known = [c for c in candidates if len(c) >= 3 and _zipf(c) >= 1.5]
    return max(known, key=_zipf) if known else word


_VOWELS = frozenset("aeiou")


def _silent_e(base: str) -> bool:
    """Whether a stem ends in a single vowel and a single consonant ("plan", "not", "us")."""
    if len(base) < 2 or base[-1] in _VOWELS or base[-1] in "wxy" or base[-2] not in _VOWELS:
        return False
    return len(base) == 2 or base[-3] not in _VOWELS


def _normal(text: str) -> str:
    # Accents dropped: outlets spell "Guantánamo" and "Guantanamo", "Hasakah" and "Ḥasakah".
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    # "U.S." and "US" must meet, and the tokens must not stop at the dots.
    return _DOTTED.sub(lambda m: m.group().replace(".", ""), text)


def _split(token: str) -> list[str]:
    # "Israeli-Canadian", "IS-controlled": each part is a word of its own; "Gill's" is "Gill".
    if token.endswith(("'s", "'S")):
        token = token[:-2]
    return [p for p in token.strip("'").split("-") if p]


@cache
def _vocabulary() -> _Vocabulary:
    from .knowledge import load_knowledge_base

    classes: dict[tuple[str, ...], str] = {}
    names: dict[tuple[str, ...], str] = {}
    cased: dict[tuple[str, ...], str] = {}
    weight_of: dict[str, float] = {}
    lexicon = _read_lexicon()
    for name, words in lexicon["classes"].items():
        for phrase in words:
            lemmas = tuple(_lemma(w) for w in phrase.lower().replace("-", " ").split())
            classes.setdefault(lemmas, f"~{name}")
    kb = load_knowledge_base()
    for surface, key, form in kb.surface_forms():
        entry = kb.get(key)
        if entry is None or entry.kind not in _ACTOR_KINDS:
            continue
        term = f"@{key}"
        canonical = _words(_normal(entry.name))
        if canonical and term not in weight_of:
            weight_of[term] = max(_rarity(_zipf(w.lower())) for w in canonical)
        words = tuple(_words(_normal(surface)))
        if not words:
            continue
        if form == "abbreviation":
            cased.setdefault(words, term)
        else:
            names.setdefault(tuple(w.lower() for w in words), term)
    for surface, key in lexicon.get("aliases", {}).items():
        cased.setdefault(tuple(_words(surface)), f"@{key}")
    starts: dict[str, int] = {}
    for phrase in (*classes, *names, *cased):
        starts[phrase[0]] = max(starts.get(phrase[0], 0), len(phrase))
    return _Vocabulary(classes, names, cased, starts, weight_of)


def _words(text: str) -> list[str]:
    out: list[str] = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok[0].isalpha():
            out.extend(_split(tok))
    return out


def _tokens(text: str) -> list[tuple[str, bool]]:
    """(word, starts a sentence) for every word; numbers kept, punctuation only as a boundary."""
    out: list[tuple[str, bool]] = []
    start = True
    for m in _TOKEN.finditer(_normal(text)):
        tok = m.group()
        if tok in _SENTENCE_END:
            start = start or tok in '.!?"“”:'
            continue
        for part in _split(tok) if tok[0].isalpha() else [tok]:
            out.append((part, start))
            start = False
    return out


@lru_cache(maxsize=65536)
def _terms(text: str, names: frozenset[str] = frozenset()) -> _Terms:
    weights, found, numbers, negated = _content_terms(text)
    found_names = set(found)
    background: dict[str, float] = {}
    for name in names:
        for term, weight in _content_terms(name, all_names=True)[0].items():
            background[term] = max(background.get(term, 0.0), weight)
    own = dict(weights)
    full = dict(weights)
    pronoun = _pronoun_subject(text)
    for term, weight in background.items():
        if term in own:
            # What the whole article is about says less about which of its propositions this is.
            own[term] = full[term] = own[term] * BACKGROUND_WEIGHT
            found_names.add(term)  # "Rosenberg had been captured": a name, first word or not
        elif pronoun and not term.startswith("@"):
            # "she was captured": the article's own names are who "she" is, so they are the
            # content's words, at the context's weight. Not the knowledge base's actors: the
            # states and armed groups an article names are rarely the "he" or "she".
            own[term] = full[term] = weight * CONTEXT_WEIGHT
        else:
            full[term] = weight * CONTEXT_WEIGHT
    return _Terms(
        own,
        full,
        background,
        frozenset(found_names),
        frozenset(numbers),
        frozenset(negated),
        sum(full.values()),
        sum(background.values()),
    )


# A content that starts with one of these leaves its subject to the article ("she was abducted",
# "he is Mohammed Emwazi"). Only as the first word: a pronoun further in ("... said she was") is
# as often someone else as the article's person.
_SUBJECT_PRONOUNS = frozenset({"he", "she"})


def _pronoun_subject(text: str) -> bool:
    for m in _TOKEN.finditer(text):
        word = m.group()
        if word[0].isalnum():
            return word.lower() in _SUBJECT_PRONOUNS
    return False


@lru_cache(maxsize=65536)
def _content_terms(
    text: str, *, all_names: bool = False
) -> tuple[dict[str, float], set[str], set[str], set[str]]:
    vocab = _vocabulary()
    tokens = _tokens(text)
    weights: dict[str, float] = {}
    names: set[str] = set()
    numbers: set[str] = set()
    negated: set[str] = set()
    reach = 0  # words left inside the last negation's reach

    def add(term: str, weight: float, is_name: bool) -> None:
        nonlocal reach
        weights[term] = max(weights.get(term, 0.0), weight)
        if is_name:
            names.add(term)
        if reach > 0:
            negated.add(term)
            reach = 0

    i = 0
    while i < len(tokens):
        raw, sentence_start = tokens[i]
        lower = raw.lower()
        if raw[0].isupper() and lower in _MONTH_ABBREVIATIONS:
            raw = lower = _MONTH_ABBREVIATIONS[lower]
        if lower.endswith("n't") or lower in _NEGATORS:
            reach = _NEGATION_REACH
            i += 1
            continue
        if raw[0].isdigit() or lower in _NUMBER_WORDS:
            numbers.add(_NUMBER_WORDS.get(lower) or raw.replace(",", ""))
            i += 1
            continue
        if lower in _COPULAS and _names_next(vocab, tokens, i + 1):
            add(_IDENTIFY, _rarity(_zipf("identify")), False)
            i += 1
            continue
        step = _phrase(vocab, tokens, i)
        if step is not None:
            length, term, is_name = step
            surface = [t for t, _ in tokens[i : i + length]]
            weight = max(_rarity(_zipf(w.lower())) for w in surface)
            if is_name:
                weight = vocab.weight_of.get(term, weight)
            if weight > 0:
                add(term, weight, is_name)
            i += length
            reach = max(0, reach - length)
            continue
        i += 1
        zipf = _zipf(lower)
        if zipf >= _COMMON_ZIPF:
            reach = max(0, reach - 1)
            continue
        is_name = raw[0].isupper() and lower not in _NOT_NAMES and (all_names or not sentence_start)
        is_name = is_name and zipf < _NAME_MAX_ZIPF
        add(_lemma(lower), _rarity(zipf), is_name)
    return weights, names, numbers, negated


def _names_next(vocab: _Vocabulary, tokens: list[tuple[str, bool]], i: int) -> bool:
    """Whether a name follows at token i (a "not" in between kept for the negation: "Emwazi
    is not Jihadi John" denies the identification)."""
    if i < len(tokens) and tokens[i][0].lower() == "not":
        i += 1
    if i >= len(tokens):
        return False
    raw, start = tokens[i]
    if start or not raw[0].isupper() or raw.lower() in _NOT_NAMES:
        return False
    step = _phrase(vocab, tokens, i)
    if step is not None:
        return step[2] and step[1].startswith("@person:")
    return _zipf(raw.lower()) < _NAME_MAX_ZIPF


def _phrase(vocab: _Vocabulary, tokens: list[tuple[str, bool]], i: int) -> tuple[int, str, bool] | None:
    """The longest actor name or lexicon phrase starting at token i: (length, term, is a name)."""
    first = tokens[i][0]
    lower = first.lower()
    longest = max(vocab.starts.get(first, 0), vocab.starts.get(lower, 0), vocab.starts.get(_lemma(lower), 0))
    if lower.endswith("s"):
        longest = max(longest, min(1, vocab.starts.get(lower[:-1], 0)))
    for length in range(min(longest, len(tokens) - i), 0, -1):
        surface = tuple(t for t, _ in tokens[i : i + length])
        if term := vocab.cased.get(surface):
            return length, term, True
        if first[0].isupper():
            lowered = tuple(w.lower() for w in surface)
            term = vocab.names.get(lowered)
            if term is None and length == 1 and lower.endswith("s"):
                term = vocab.names.get((lower[:-1],))  # "Americans": a plural names the same
            if term is not None:
                return length, term, True
        if _in_name(tokens, i):
            continue  # "Jihadi John", "Free Syrian Army": a name's word is not its common sense
        if term := vocab.classes.get(tuple(_lemma(w.lower()) for w in surface)):
            return length, term, False
    return None


def _in_name(tokens: list[tuple[str, bool]], i: int) -> bool:
    """Whether token i is a capitalised word inside a run of capitalised words (a name of
    several words), not at a sentence's start."""
    raw, start = tokens[i]
    if start or not raw[0].isupper():
        return False
    before = i > 0 and tokens[i - 1][0][0].isupper() and not tokens[i - 1][1]
    after = i + 1 < len(tokens) and tokens[i + 1][0][0].isupper() and not tokens[i + 1][1]
    return before or after


# --- similarity ------------------------------------------------------------------------------


def similarity(a: str, b: str, *, names_a: Iterable[str] = (), names_b: Iterable[str] = ()) -> float:
    """How far two contents say the same thing, 0 to 1 (each with its article's names)."""
    return _similarity(_terms(a, frozenset(names_a)), _terms(b, frozenset(names_b)))


def _similarity(a: _Terms, b: _Terms) -> float:
    if not a.weights or not b.weights:
        return 0.0
    small, large = (a, b) if len(a.full) <= len(b.full) else (b, a)
    common = shared_predicate = skip_small = skip_large = 0.0
    for term, ws in small.full.items():
        wl = large.full.get(term)
        if wl is None:
            continue
        if term not in small.weights and term not in large.weights:
            # Both only in the background: the story they share, not this proposition.
            skip_small += ws
            skip_large += wl
            continue
        least = ws if ws < wl else wl
        common += least
        # Symmetric on purpose: a pair scores the same whichever article is threaded first.
        is_name = term in a.names or term in b.names or term in a.background or term in b.background
        if not is_name:
            shared_predicate += least
    mass_a, mass_b = small.full_mass - skip_small, large.full_mass - skip_large
    # One common word, or names alone ("the United States"), are not a proposition.
    smaller, larger = sorted((mass_a, mass_b))
    # A short statement may meet on less, if it is nearly all in the other one.
    enough = common >= MIN_SHARED or (common >= MIN_SHARED_SHORT and common >= COVERAGE * smaller)
    if not enough or shared_predicate < MIN_PREDICATE:
        return 0.0
    # The shorter statement's share: a one-line denial restating a long claim still matches it.
    score = common / math.sqrt(smaller * larger) * (1 - CONTAINMENT) + common / smaller * CONTAINMENT
    if a.names and b.names:
        share = len(a.names & b.names) / min(len(a.names), len(b.names))
        score = 0.8 * score + 0.2 * share
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        # "killed 12" and "killed 40" are different reports of one event, not the same claim.
        score *= 0.6
    if a.background and b.background:
        # Two articles about other things (other names) rarely tell one proposition.
        agree = sum(min(w, b.background[t]) for t, w in a.background.items() if t in b.background)
        score *= 1 - STORY_WEIGHT + STORY_WEIGHT * agree / min(a.background_mass, b.background_mass)
    return round(min(score, 1.0), 3)


# --- stance and relation -------------------------------------------------------------------


def _polarity(sketch: Sketch, own: _Terms, other: _Terms) -> Stance:
    """The statement's stance towards what it shares with the other one. A denial denies
    whatever its content says (its own "not" is part of the denial); a claim denies when it
    negates a word the other asserts ("it did not fire the rocket" / "it fired the rocket")."""
    if sketch.kind == "denial":
        return "denies"
    for term in own.negated:
        if term in other.weights and term not in other.negated:
            return "denies"
    if "~falsehood" in own.weights and "~falsehood" not in other.weights:
        return "denies"  # "the report that ... is false"
    return "asserts"


def _relation(a: Sketch, ta: _Terms, b: Sketch, tb: _Terms) -> CrossRelation:
    if _polarity(a, ta, tb) == _polarity(b, tb, ta):
        return "repeats"
    if a.kind != "denial" and b.kind != "denial" and a.speakers & b.speakers:
        # Two claims of one actor, one with a "no" in it ("the aircraft killed the hostage ...
        # no mujahid was injured"): the actor tells its story again, it does not contradict itself.
        return "repeats"
    return "rebuts"


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


def _sketch_terms(s: Sketch) -> _Terms:
    return _terms(s.content, s.names)


def match(a: Sketch, b: Sketch, *, thresholds: Thresholds = Thresholds()) -> Match | None:
    """The relation between two statements of different articles, or None."""
    if a.article == b.article:
        return None
    return _match(a, b, thresholds)


def _match(a: Sketch, b: Sketch, thresholds: Thresholds) -> Match | None:
    ta, tb = _sketch_terms(a), _sketch_terms(b)
    sim = _similarity(ta, tb)
    if sim < thresholds.similarity:
        return None
    relation = _relation(a, ta, b, tb)
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


# --- threads -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ThreadProfile:
    """A thread as the matcher sees it: its statements and the centroid of their terms (each
    term's weight averaged over the members), so that a statement that paraphrases the
    thread's proposition meets it even where it shares little with any one member."""

    key: str
    members: tuple[Sketch, ...]
    _centroid: _Terms = field(repr=False, compare=False)

    @classmethod
    def of(cls, key: str, members: Sequence[Sketch]) -> ThreadProfile:
        return cls(key, tuple(members), _centroid_of([_sketch_terms(m) for m in members]))

    def with_member(self, sketch: Sketch) -> ThreadProfile:
        return ThreadProfile.of(self.key, (*self.members, sketch))


def _summed(terms: Sequence[_Terms]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """The terms' own, full and background weights, each added up over the statements."""
    own: Counter[str] = Counter()
    full: Counter[str] = Counter()
    background: Counter[str] = Counter()
    for t in terms:
        own.update(t.weights)
        full.update(t.full)
        background.update(t.background)
    return own, full, background


def _centroid_of(terms: Sequence[_Terms]) -> _Terms:
    n = max(len(terms), 1)
    own, full, background = _summed(terms)
    full_avg = {k: v / n for k, v in full.items()}
    background_avg = {k: v / n for k, v in background.items()}
    return _Terms(
        {k: v / n for k, v in own.items()},
        full_avg,
        background_avg,
        frozenset().union(*(t.names for t in terms)),
        frozenset().union(*(t.numbers for t in terms)),
        frozenset().union(*(t.negated for t in terms)),
        sum(full_avg.values()),
        sum(background_avg.values()),
    )


@dataclass(frozen=True, slots=True)
class ThreadMatch:
    """A statement joining a thread: the member to link it to, and how."""

    thread: str
    member: Sketch
    relation: CrossRelation
    confidence: float
    similarity: float


def match_thread(
    sketch: Sketch, profile: ThreadProfile, *, thresholds: Thresholds = Thresholds()
) -> ThreadMatch | None:
    """Whether the statement belongs to the thread, and the member it repeats or rebuts.

    The statement is scored against the thread's centroid and against each member; members of
    its own article count for the thread's score only through the centroid (its article's
    statements are linked by the extractor, not here). The link goes to the most similar
    member of the same stance, so that every statement of one side ends in one repeat group,
    else to the most similar member it rebuts."""
    ts = _sketch_terms(sketch)
    best: tuple[float, Sketch, Match] | None = None
    same: tuple[float, Sketch, Match] | None = None
    for member in profile.members:
        if member.article == sketch.article:
            continue
        m = _match(sketch, member, Thresholds(similarity=0.0, confidence=0.0))
        if m is None:
            continue
        rank = (m.confidence, member.key)
        if best is None or rank > (best[0], best[1].key):
            best = (m.confidence, member, m)
        if m.relation == "repeats" and (same is None or rank > (same[0], same[1].key)):
            same = (m.confidence, member, m)
    if best is None:
        return None
    centroid = _centroid_similarity(ts, profile)
    sim = round(max(best[2].similarity, centroid), 3)
    confidence = round(max(best[0], min(1.0, centroid + best[0] - best[2].similarity)), 3)
    if sim < thresholds.similarity or confidence < thresholds.confidence:
        return None
    _, member, m = same if same is not None and same[0] >= thresholds.similarity else best
    return ThreadMatch(profile.key, member, m.relation, confidence, sim)


def _centroid_similarity(t: _Terms, profile: ThreadProfile) -> float:
    return _similarity(t, profile._centroid)


def best_threads(
    sketch: Sketch, profiles: Iterable[ThreadProfile], *, thresholds: Thresholds = Thresholds()
) -> list[ThreadMatch]:
    """Every thread the statement could join, most confident first."""
    found = [m for p in profiles if (m := match_thread(sketch, p, thresholds=thresholds)) is not None]
    found.sort(key=lambda m: (-m.confidence, m.thread))
    return found


@dataclass(frozen=True, slots=True)
class GroupMatch:
    """A group of one article's statements joining a thread: which of them links to which member."""

    anchor: Sketch
    match: ThreadMatch


def best_group_threads(
    group: Sequence[Sketch], profiles: Iterable[ThreadProfile], *, thresholds: Thresholds = Thresholds()
) -> list[GroupMatch]:
    """The threads a group of statements of one article could join together, most similar first.

    The group is what the extractor linked in its article: a denial and the claims it answers
    ("these allegations", "the story 'mere propaganda'", "Rosenberg had been captured"). Alone,
    each says too little to meet another article's statements; together they name the event,
    both sides and the words of the dispute. Their terms are pooled (each term at its
    strongest) and scored against the pooled terms of a thread's members of other articles,
    at ``thresholds.group``, and only where the two articles share a name of their own (a
    person, a town; not just the states and armed groups every article of a war names). The
    link goes from the group's statement closest to a member of the thread, to that member.
    Only for groups: a single statement is ``match_thread``'s."""
    if not group:
        return []
    articles = {s.article for s in group}
    pooled = _pooled([_sketch_terms(s) for s in group])
    everyone = Thresholds(similarity=0.0, confidence=0.0)
    found: list[tuple[float, GroupMatch]] = []
    for profile in profiles:
        others = [m for m in profile.members if m.article not in articles]
        if not others:
            continue
        sim = _pooled_similarity(pooled, _pooled([_sketch_terms(m) for m in others]), thresholds)
        if sim is None:
            continue
        links = [(s, m) for s in group if (m := match_thread(s, profile, thresholds=everyone)) is not None]
        if not links:
            continue
        anchor, link = max(links, key=lambda pair: (pair[1].confidence, pair[0].key))
        confidence = _group_confidence(sim, link.confidence, thresholds)
        found.append((sim, GroupMatch(anchor, replace(link, confidence=confidence, similarity=sim))))
    found.sort(key=lambda pair: (-pair[0], pair[1].match.thread))
    return [m for _, m in found]


def restatement_groups(
    sketches: Sequence[Sketch], *, thresholds: Thresholds = Thresholds()
) -> list[list[Sketch]]:
    """The statements of each article that state one proposition again, together (a statement
    that restates nothing alone), in order of appearance.

    An article often tells its lead claim several times in other words ("officials suspect one
    of the five detainees tried to return" / "the former prisoner is believed to have tried to
    make contact"); each restatement alone must find another article's thread on its own words,
    and when one does its siblings should come along. Two statements restate each other when
    they are of one article, take one stance (neither negates what the other asserts), come
    from one side (a speaker in common, or neither has one: a claim and its denial are never
    one group) and score at least ``thresholds.restatement``, the article's salient names
    counted as context (as its own words, weighed down). Single linkage: a restatement of a
    restatement joins too. Pure: the same sketches always give the same groups, whichever
    order the caller threads them in."""
    parent = list(range(len(sketches)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    terms = [_sketch_terms(s) for s in sketches]
    for i, j in itertools.combinations(range(len(sketches)), 2):
        if find(i) != find(j) and _restates(sketches[i], terms[i], sketches[j], terms[j], thresholds):
            parent[max(find(i), find(j))] = min(find(i), find(j))
    groups: dict[int, list[Sketch]] = {}
    for i, s in enumerate(sketches):
        groups.setdefault(find(i), []).append(s)
    return list(groups.values())


def _restates(a: Sketch, ta: _Terms, b: Sketch, tb: _Terms, thresholds: Thresholds) -> bool:
    if a.article != b.article or a.stance != b.stance:
        return False
    if (a.speakers or b.speakers) and not a.speakers & b.speakers:
        return False
    if _polarity(a, ta, tb) != _polarity(b, tb, ta):
        return False
    return _similarity(ta, tb) >= thresholds.restatement


def group_link(
    ours: Sequence[Sketch], theirs: Sequence[Sketch], *, thresholds: Thresholds = Thresholds()
) -> tuple[Sketch, Sketch, Match] | None:
    """The link two groups make, each of statements its own article links to one another (a
    denial and the claims it answers), when together they tell one dispute though no pair of
    them matches alone: their pooled terms scored at ``thresholds.group``, only where the two
    articles share a name of their own (``best_group_threads``). The link is between the pair
    of them that matches best, ours first. Symmetric: the two groups swapped give the same pair
    and the same score, so either article's threading finds, and keeps, the same link."""
    if len(ours) < 2 or len(theirs) < 2:
        return None  # a statement alone is the pair matcher's
    sim = _pooled_similarity(
        _pooled([_sketch_terms(s) for s in ours]), _pooled([_sketch_terms(s) for s in theirs]), thresholds
    )
    if sim is None:
        return None
    everyone = Thresholds(similarity=0.0, confidence=0.0)
    pairs = [(a, b, m) for a in ours for b in theirs if (m := _match(a, b, everyone)) is not None]
    if not pairs:
        return None
    a, b, m = max(pairs, key=lambda p: (p[2].confidence, min(p[0].key, p[1].key), max(p[0].key, p[1].key)))
    return a, b, Match(m.relation, _group_confidence(sim, m.confidence, thresholds), sim, grouped=True)


def group_links(
    ours: Sequence[Sketch], theirs: Sequence[Sketch], *, thresholds: Thresholds = Thresholds()
) -> list[tuple[Sketch, Sketch, Match]]:
    """The links two groups make (``group_link``), ours first in each pair: the link between
    their best-matching pair, then every other statement of either group taking its side in
    the dispute: it repeats the statement of the other group, of its own stance, that it
    matches best, at the group's confidence. Without these a group's claim and another
    group's denial answer each other only through the one linked pair, so that "she was
    captured near Kobani" and "the story 'mere propaganda'" share a thread and no rebuttal.
    Symmetric (the two groups swapped give the same pairs), so either article's threading
    proposes, and keeps, the same links. Empty when the groups make no link."""
    found = group_link(ours, theirs, thresholds=thresholds)
    if found is None:
        return []
    anchor_a, anchor_b, linked = found
    anchors = {anchor_a.key, anchor_b.key}
    everyone = Thresholds(similarity=0.0, confidence=0.0)
    sides: dict[tuple[str, str], tuple[Sketch, Sketch, Match]] = {}
    for side, other, ours_first in ((ours, theirs, True), (theirs, ours, False)):
        for s in side:
            if s.key in anchors:
                continue
            options = [(o, m) for o in other if (m := _match(s, o, everyone)) is not None]
            options = [(o, m) for o, m in options if m.relation == "repeats"]
            if not options:
                continue
            o, m = max(options, key=lambda pair: (pair[1].confidence, pair[0].key))
            a, b = (s, o) if ours_first else (o, s)
            if (a.key, b.key) != (anchor_a.key, anchor_b.key):
                sides[(a.key, b.key)] = (
                    a,
                    b,
                    Match("repeats", linked.confidence, m.similarity, grouped=True),
                )
    return [(anchor_a, anchor_b, linked), *(sides[k] for k in sorted(sides))]


def _pooled_similarity(ours: _Terms, theirs: _Terms, thresholds: Thresholds) -> float | None:
    """Two pooled bags' similarity when it reaches the group threshold and the articles share a
    name of their own; else None."""
    if not _story_names(ours) & _story_names(theirs):
        return None
    sim = _similarity(ours, theirs)
    return sim if sim >= thresholds.group else None


def _group_confidence(sim: float, pair_confidence: float, thresholds: Thresholds) -> float:
    # A pooled similarity at the group threshold is worth a pair's at the pair threshold.
    scaled = sim * thresholds.similarity / thresholds.group
    return round(min(1.0, max(pair_confidence, scaled)), 3)


def _story_names(terms: _Terms) -> set[str]:
    # The articles' own names (a person, a town), not the knowledge base's actors: every article
    # of a war names its states and armed groups, so sharing those says nothing of the story.
    return {term for term in terms.background if not term.startswith("@")}


def _pooled(terms: Sequence[_Terms]) -> _Terms:
    """Several statements' terms as one bag: weights added up, so that the words the statements
    keep coming back to ("captured", "propaganda", her name) outweigh those each says once; the
    background (each article's names) averaged, as it is the story's, not the statements'."""
    own, full, background = _summed(terms)
    n = max(len(terms), 1)
    story = {term: weight / n for term, weight in background.items()}
    return _Terms(
        dict(own),
        dict(full),
        story,
        frozenset().union(*(t.names for t in terms)),
        frozenset().union(*(t.numbers for t in terms)),
        frozenset().union(*(t.negated for t in terms)),
        sum(full.values()),
        sum(story.values()),
    )


# --- context ---------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def salient_names(text: str, *, limit: int = 6) -> frozenset[str]:
    """The names an article is most about: rare proper names (and the knowledge base's actors)
    counted over the whole text, the most mentioned first; at least two mentions each. Passed
    as ``Sketch.names`` for every statement of the article."""
    weights_by_term: dict[str, float] = {}
    counts: Counter[str] = Counter()
    surface_of: dict[str, Counter[str]] = {}
    vocab = _vocabulary()
    tokens = _tokens(text)
    i = 0
    while i < len(tokens):
        raw, start = tokens[i]
        step = _phrase(vocab, tokens, i)
        if step is not None and step[2]:
            length, term, _ = step
            surface = " ".join(t for t, _ in tokens[i : i + length])
            weight = vocab.weight_of.get(term, 1.0)
            i += length
        else:
            i += 1
            lower = raw.lower()
            if not raw[0].isupper() or start or lower in _NOT_NAMES:
                continue
            zipf = _zipf(lower)
            if zipf >= _NAME_MAX_ZIPF:
                continue
            term, surface, weight = _lemma(lower), raw, _rarity(zipf)
        counts[term] += 1
        weights_by_term[term] = weight
        surface_of.setdefault(term, Counter())[surface] += 1
    ranked = sorted(
        (t for t, c in counts.items() if c >= 2), key=lambda t: (-counts[t], -weights_by_term[t], t)
    )
    return frozenset(surface_of[t].most_common(1)[0][0] for t in ranked[:limit])


def rare_terms(text: str, *, limit: int = 8) -> list[str]:
    """The statement's rarest content words, rarest first: what a full-text index should look
    up to find other statements of the same proposition. Unstemmed (the database stems them);
    the words the matcher ignores (common ones, negations, numbers, punctuation) are left out."""
    rarity: dict[str, float] = {}
    for match in _TOKEN.finditer(text):
        lower = match.group().replace("’", "'").lower()
        if not lower[0].isalpha() or lower.endswith("n't") or lower in _NEGATORS:
            continue
        zipf = _zipf(lower)
        if zipf < _COMMON_ZIPF:
            rarity[lower] = zipf
    return sorted(rarity, key=lambda word: (rarity[word], word))[:limit]
