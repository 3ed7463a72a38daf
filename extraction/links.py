"""Which statement rebuts which.

A denial, accusation or criticism rebuts:
- the statements written inside its own content ("denied American claims that...",
  "criticised Guterres' condemnation of..."); or else
- the statement of another side it answers, wherever it is in the article. News writes the
  answer with a few habits, each weighed here: it names whose words it rejects ("rejected
  Russia's claim"), points back at them ("denied the accusation"), opens with a contrast
  ("..., but the ministry insisted"), says the opposite of the same thing ("was not involved"
  after "was involved", "she is alive" after "she was beheaded"), comes from the side the claim
  was aimed at, and comes soon after it (before it only shortly before, or in the lead);
- a content that stands for a person ("defended her") answers what was aimed at that person: an
  accusation or criticism shortly before;
- a side that goes on answering (its spokesman's quote after its denial) answers the same claim;
  its next words deny that claim too when they negate something of it or call something false,
  and so do its negating words just before the denial when they name what others claim ("not in
  the city at the time that IS claims she was abducted. They also called the story propaganda");
- a speaker taking back its own words ("he later said he was joking") answers what it said just
  before.

Sides are the speakers with the bodies they speak for (a minister and its state are one), except
that two speakers of one country or party who aim at each other are two ("Sanders questioned her
judgment" / "Clinton fired back").

A counter-accusation or criticism answers only what was aimed at its speaker shortly before, or
an earlier critic it aims at in turn about the same thing; never the words of whoever reports it.
A claim that says the opposite of another side's earlier claim about the same thing is a
denial of it even without a cue of denial ("Iran said it was not involved"): ``find_links``
returns those too.

A floating quotation is tied to the statement it continues by its speaker, not by a link: what it
says may back that statement, turn to another point or condemn someone (docs/ANNOTATION.md §1, §5),
so a `supports` link from it would be a guess. Its answers are linked like any statement's.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

from .spans import first_span_root, tokens_in
from .types import Kind, Link, Span, within

_COUNTER_WINDOW = 2  # paragraphs: how far back a counter-accusation looks
_CONTINUE_WINDOW = 2  # paragraphs: how far a side's answer carries on into its next statements
_REBUTTING: frozenset[Kind] = frozenset({"denial", "accusation", "criticism"})
_ANSWERABLE: frozenset[Kind] = frozenset({"claim", "accusation", "criticism"})
# Below this an answer is not linked: one faint signal (a shared word far away) is not enough.
_MIN_SCORE = 0.5
_MIN_WORDS = 2  # content words a statement needs to be matched by what it says
_SPELLED_OUT = 4  # content words from which a denial says what it rejects
# Pronouns that stand for people: "defended her" answers what was aimed at her, an accusation or
# a criticism, not whatever was last said about her.
_PERSONAL = frozenset(
    {"him", "her", "me", "us", "you", "himself", "herself", "myself", "ourselves", "yourself"}
)
_PERSON = "-person-"  # the anaphor of such a content
# "that was the case", "this is not true": a verdict on what the pronoun points back at.
_POINTING_PRONOUNS = frozenset({"that", "this", "it", "these", "those"})
_VERDICTS = frozenset({"case", "true", "untrue", "false", "accurate", "inaccurate", "correct", "incorrect"})
# Words that say something is only another side's claim: "at the time that IS claims she was abducted".
_NAMING_CLAIMS = frozenset({"claim", "allege", "alleged", "purported", "supposed"})


@dataclass(frozen=True, slots=True)
class Node:
    """What link finding needs to know of a statement."""

    id: str
    kind: Kind
    content: tuple[Span, ...]
    cue: Span | None
    speaker: str | None  # actor id
    speaker_side: frozenset[str]  # the speaker and the actors it is affiliated with
    target: str | None
    target_side: frozenset[str]  # the target and the actors it is affiliated with
    continues: str | None  # id of the statement a floating quotation continues
    paragraph: int
    confidence: float
    words: frozenset[str] = frozenset()  # content lemmas: what the statement is about
    # Whose words the content names as rejected ("denied ISIS's claim"): that side's claims.
    owner_side: frozenset[str] = frozenset()
    negated: frozenset[str] = frozenset()  # content lemmas under a negation ("was not involved")
    sentence: int = -1  # index of the sentence the cue is in
    contrast: bool = False  # the statement opens with "but", "however", "yet"...
    # The content only points back at something said ("the accusation", "these reports", "it"):
    # the pointing noun's lemma, "" for a pronoun, _PERSON for one that stands for a person.
    anaphor: str | None = None
    harmed: frozenset[str] = frozenset()  # what the content says befell someone ("was beheaded")
    predicate: str | None = None  # lemma of what the content asserts: "involve" in "was involved"
    context: frozenset[str] = frozenset()  # content lemmas of the whole sentence of the cue
    # A verb of doing with a bare noun phrase for its content: "attacked his rival", "backing his bid".
    deed: bool = False


@dataclass(frozen=True, slots=True)
class Answers:
    """The links of an article, and the claims the discourse shows to be denials."""

    links: tuple[Link, ...]
    denials: frozenset[str]  # ids of claims that contradict another side's earlier claim


@dataclass(frozen=True, slots=True)
class _Words:
    """Small word lists of news English the linker needs (extraction/lexicons/rebuttal.json)."""

    harm: frozenset[str]  # what a claim says befell someone: killed, captured, beheaded
    unharmed: frozenset[str]  # what an answer says instead: alive, safe, free
    generic: frozenset[str]  # words any statement may hold; they tell nothing of the topic
    contrast: frozenset[str]
    accusing_nouns: frozenset[str]  # "the accusation", "these charges": they point at accusations
    pointing_nouns: frozenset[str]  # "the claims", "the reports", "the story"
    falsehoods: frozenset[str]  # what calls words false: lie, propaganda, fabrication, baseless
    retracting: frozenset[str]  # what a speaker says of its own words to take them back: joke


@cache
def _words() -> _Words:
    data = json.loads(
        resources.files("extraction").joinpath("lexicons", "rebuttal.json").read_text(encoding="utf-8")
    )
    return _Words(**{k: frozenset(v) for k, v in data.items() if not k.startswith("_")})


# -- what the parse tells of a statement --------------------------------------------------


def negated_words(doc: Doc, spans: tuple[Span, ...]) -> frozenset[str]:
    """Lemmas a negation applies to: "was not captured", "has never been", "no evidence", and
    what a negated copula denies the subject is: "member" in "was not a member"."""
    out: set[str] = set()
    for token in tokens_in(doc, spans):
        if token.dep_ == "neg" or (token.lower_ == "no" and token.dep_ == "det"):
            head = token.head
            out.add(head.lemma_.lower())
            if head.lemma_ == "be":
                out.update(c.lemma_.lower() for c in head.children if c.dep_ in ("attr", "acomp"))
    return frozenset(out)


def reports_deed(doc: Doc, cue: Token | None, spans: tuple[Span, ...]) -> bool:
    """The cue is a verb and the content a bare noun phrase: "attacked his rival" tells what
    someone did to someone, where "claims she was abducted" or "Trump's remarks about Muslims"
    tell words."""
    if cue is None or cue.pos_ != "VERB":
        return False
    root = first_span_root(doc, spans)
    return (
        root is not None
        and root.pos_ in ("NOUN", "PROPN", "PRON")
        and not any(t.pos_ in ("VERB", "AUX") for t in tokens_in(doc, spans))
    )


def harm_words(doc: Doc, spans: tuple[Span, ...]) -> frozenset[str]:
    """Words saying what befell someone: "she was captured", "have beheaded the girl", "her
    death", "is missing". A tally of what someone did ("killed 100 fighters") is a feat, not a
    fate, and the harm of an active verb befalls its object, not its subject."""
    harm = _words().harm
    out: set[str] = set()
    for token in tokens_in(doc, spans):
        lemma = token.lemma_.lower()
        if lemma not in harm and token.lower_ not in harm:
            continue
        if token.pos_ == "VERB" and not any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
            # "a man killed in the raid"; "was captured and beheaded" counts by its first verb.
            passive = token.tag_ == "VBN" and token.dep_ in ("acl", "amod")
            obj = next((c for c in token.children if c.dep_ == "dobj"), None)
            if not passive and (
                obj is None or obj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "nummod" for c in obj.children)
            ):
                continue
        out.add(lemma)
    return frozenset(out)


def predicate_of(doc: Doc, spans: tuple[Span, ...]) -> str | None:
    """The lemma of the main predicate of the first content span: the verb, or for a copula what
    the subject is said to be ("was a member" → member, "is alive" → alive)."""
    root = first_span_root(doc, spans)
    if root is None:
        return None
    if root.lemma_ == "be":
        complement = next((c for c in root.children if c.dep_ in ("attr", "acomp")), None)
        if complement is not None:
            root = complement
    return root.lemma_.lower()


def sentence_of(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0].sent.start if span is not None and len(span) else -1


def opens_with_contrast(doc: Doc, cue: Token | None, source: Span | None) -> bool:
    """'..., but Kurdish sources said', 'However, the ministry insisted', 'the ministry, however,
    said': a contrast word just before the speaker, or between the speaker and the cue."""
    if cue is None:
        return False
    contrast = _words().contrast
    sent = cue.sent
    first = cue.i
    if source is not None:
        span = doc.char_span(source[0], source[1], alignment_mode="expand")
        if span is not None and len(span) and span[0].i >= sent.start:
            first = min(first, span[0].i)
            if any(t.lower_ in contrast for t in doc[span[-1].i + 1 : cue.i]):
                return True
    for token in reversed(doc[max(sent.start, first - 3) : first]):
        if token.lower_ in contrast:
            return True
        if not token.is_punct:
            break
    return False


def anaphor_of(doc: Doc, spans: tuple[Span, ...]) -> str | None:
    """What a content that only points back names: "the accusation" → accusation, "these reports"
    → report, "it" → "" (a pronoun); None for a content that says something itself."""
    if len(spans) != 1:
        return None
    span = doc.char_span(spans[0][0], spans[0][1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    words = _words()
    # "shrugged off Trump's comments, telling reporters, '...'": words running on past the
    # rejected phrase (a content that took in the next clause) leave that phrase what it is.
    heads = [t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end]
    first = heads[0]
    if (
        len(heads) > 1
        and first.left_edge.i == span.start
        and first.pos_ == "NOUN"
        and first.lemma_.lower() in words.accusing_nouns | words.pointing_nouns
        and not any(c.dep_ in ("acl", "relcl", "ccomp", "prep", "appos") for c in first.children)
    ):
        return first.lemma_.lower()
    if sum(not t.is_punct for t in span) > 6:  # a quotation's marks and comma aside
        return None
    root = span.root
    if root.pos_ in ("VERB", "AUX"):
        # "this rumour is false", "the reports are baseless": said of what was said before.
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if (
            subject is not None
            and subject.lower_ in _POINTING_PRONOUNS
            and root.lemma_ == "be"
            and any(c.dep_ in ("attr", "acomp") and c.lemma_.lower() in _VERDICTS for c in root.children)
            and not any(c.dep_ in ("ccomp", "xcomp", "advcl") for c in root.children)
        ):
            return ""  # "denied that was the case", "said this was not true"
        if subject is None or not any(c.dep_ == "det" for c in subject.children):
            return None
        root = subject
    elif any(t.pos_ in ("VERB", "AUX") for t in span):
        return None
    if root.pos_ == "PRON" and len(span) == 1:
        # "denied it", "rejected that"; "defended her" answers for a person (_PERSON).
        return _PERSON if root.lower_ in _PERSONAL else ""
    lemma = root.lemma_.lower()
    if lemma in words.accusing_nouns or lemma in words.pointing_nouns:
        return lemma
    return None


# -- links ---------------------------------------------------------------------------------


def find_links(nodes: list[Node]) -> Answers:
    """The rebuttal links of one article's statements, in reading order."""
    links: list[Link] = []
    # Statements reported inside a rebuttal ("rejected accusations by X that...") are what is
    # answered; they do not answer anything themselves.
    answered = {
        o.id for n in nodes if n.kind in _REBUTTING for o in nodes if o is not n and within(o.cue, n.content)
    }
    # A statement whose content reports others' ("the Mirror noted that the Kurds had denied...")
    # is news of that exchange, not a side of it.
    # A report of a claim ("Mashable said three outlets reported that...") carries the claim.
    reporters = {
        n.id
        for n in nodes
        if any(o is not n and o.kind in _REBUTTING and within(o.cue, n.content) for o in nodes)
    }
    df = Counter(w for n in nodes for w in n.words)
    falsehoods = _words().falsehoods
    denials = _contradicting_claims(nodes, df, answered | reporters)
    rebutted: dict[str, str] = {}  # answer id -> the id of what it answers (the first found)
    by_id = {n.id: n for n in nodes}
    for i, node in enumerate(nodes):
        if (
            node.kind == "claim"
            and node.id not in denials
            and node.speaker_side
            and node.id not in answered | reporters
            and (node.negated or node.words & falsehoods)
            and (carried := _carried_answer(nodes, i, rebutted)) is not None
            and (node.words & falsehoods - node.negated or _topic(node, by_id[carried], df, len(nodes)) > 0)
        ):
            # A side's next words after its denial deny the same claim when they negate something
            # of it ("Hamas denied it... 'The rocket was not ours,' its spokesman said") or call
            # something false ("Propaganda and falsehood runs in their blood," he tweeted).
            denials[node.id] = carried
        kind: Kind = "denial" if node.id in denials else node.kind
        if kind not in _REBUTTING:
            continue
        embedded = [
            o
            for o in nodes
            if o is not node
            and within(o.cue, node.content)
            and o.speaker_side.isdisjoint(node.speaker_side)
            and not _aimed_alike(node, o)
            # "ignored her call ... and instead attacked his rival": a deed done to someone is the
            # conduct reported, not words answered; "rejected Trump's remarks about Muslims" and
            # "the Taliban claims she was abducted" are words, however short.
            and not (o.deed and len(o.words - _words().generic) < _MIN_WORDS)
        ]
        if embedded:
            links.extend(Link(node.id, o.id, "rebuts", round(min(node.confidence, 0.9), 2)) for o in embedded)
            rebutted[node.id] = embedded[0].id
            continue
        if not node.speaker_side or node.id in answered:
            continue
        if node.id in denials:
            # What a claim contradicts is what it answers.
            links.append(Link(node.id, denials[node.id], "rebuts", round(node.confidence * 0.7, 2)))
            rebutted[node.id] = denials[node.id]
            continue
        carried = _carried_answer(nodes, i, rebutted)
        if kind == "denial":
            found = _retracted(nodes, i) or _denied(nodes, i, df, carried, reporters, set(rebutted.values()))
        else:
            found = _countered(nodes, i, df, carried, links)
        if found is not None:
            other, score = found
            links.append(Link(node.id, other.id, "rebuts", round(node.confidence * min(score, 1.0), 2)))
            rebutted[node.id] = other.id
    for node_id, answered_id in _led_into(nodes, rebutted, denials, answered | reporters).items():
        denials[node_id] = answered_id
        links.append(Link(node_id, answered_id, "rebuts", round(by_id[node_id].confidence * 0.7, 2)))
    order = {n.id: k for k, n in enumerate(nodes)}
    links.sort(key=lambda lk: order[lk.source])
    return Answers(tuple(links), frozenset(denials))


def _led_into(
    nodes: list[Node], rebutted: dict[str, str], denials: dict[str, str], excluded: set[str]
) -> dict[str, str]:
    """A side's negating words just before its denial deny the same claim when they name what
    others claim ("Rosenberg was not in the city at the time that IS claims she was abducted.
    They also called the story 'mere propaganda'") or negate what the claim asserts: the denial
    after them says what the negation was for. Naming reports or comments is not enough: "it
    would not comment on the reports" declines to answer."""
    words = _words()
    by_id = {n.id: n for n in nodes}
    out: dict[str, str] = {}
    for i, node in enumerate(nodes[:-1]):
        if (
            node.kind != "claim"
            or node.id in denials
            or node.id in excluded
            or not node.speaker_side
            or not node.negated - words.generic
        ):
            continue
        after = nodes[i + 1]
        answered = rebutted.get(after.id)
        if (
            answered is None
            or answered not in by_id
            or _apart(after, node)
            or after.paragraph != node.paragraph
            or by_id[answered].speaker_side & node.speaker_side
        ):
            continue
        if node.words & _NAMING_CLAIMS or _opposes(node, by_id[answered]):
            out[node.id] = answered
    return out


def _aimed_alike(node: Node, reported: Node) -> bool:
    """ "Klein said two other women who have accused Clinton of assault ...": an accusation or
    criticism reporting another aimed at the same actor echoes it; it does not rebut it."""
    return (
        node.kind in ("accusation", "criticism")
        and reported.kind in ("accusation", "criticism")
        and node.target is not None
        and node.target == reported.target
    )


def _apart(a: Node, b: Node) -> bool:
    """Two statements come from different sides: their speakers and the bodies they speak for
    have nothing in common, or two speakers of one country or party aim at each other ("Sanders
    questioned her judgment" / "Clinton fired back"): rivals at home are sides of their own."""
    if a.speaker_side.isdisjoint(b.speaker_side):
        return True
    if a.speaker is None or b.speaker is None or a.speaker in b.speaker_side or b.speaker in a.speaker_side:
        return False  # one speaks for the other: a minister for its state
    return a.target == b.speaker or b.target == a.speaker


def _topic(node: Node, other: Node, df: Counter, n: int) -> float:
    """How much two statements are about the same thing: their shared words, the rarer in the
    article the more telling, against the words of the shorter; 0 to 1."""
    generic = _words().generic
    mine, theirs = node.words - generic, other.words - generic
    shared = mine & theirs
    if not shared:
        return 0.0

    def weight(words: frozenset[str]) -> float:
        return sum(math.log(1 + n / max(df[w], 1)) for w in words)

    return weight(shared) / max(min(weight(mine), weight(theirs)), 1e-9)


def _opposes(node: Node, other: Node) -> bool:
    """The answer says the opposite of the claim: it negates what the claim asserts ("was not
    captured" / "was captured"), or says unharmed whom the claim says harmed ("she is alive")."""
    words = _words()
    asserted = other.words - other.negated
    if node.negated & asserted - words.generic:
        return True
    return bool(node.words & words.unharmed - node.negated) and bool(other.harmed - other.negated)


def _negates_predicate(node: Node, other: Node) -> bool:
    """The answer negates the very thing the claim asserts: "was not captured" / "is captured"."""
    return (
        node.predicate is not None
        and node.predicate == other.predicate
        and node.predicate in node.negated
        and other.predicate not in other.negated
        and node.predicate not in _words().generic
    )


def _answer_score(node: Node, other: Node, df: Counter, n: int, carried: str | None, distance: int) -> float:
    topic = _topic(node, other, df, n)
    score = topic
    if _opposes(node, other):
        score += 0.4
    elif node.kind == "denial" and node.harmed - node.negated and other.harmed - other.negated:
        # "denied that its commander was dead" after "a drone had killed the commander": a denial
        # names the harm it rejects, and the claim said it befell someone.
        score += 0.2
    if other.speaker in node.owner_side:
        score += 0.8  # "rejected Russia's claim": Russia's
    elif not node.owner_side.isdisjoint(other.speaker_side):
        score += 0.5  # "rejected Russian claims", said by a Russian minister
    if other.target is not None and other.target in node.speaker_side:
        # The accused answers; whom a claim is about is a weaker sign than whom an accusation blames.
        score += 0.25 if other.kind == "claim" else 0.6
    if node.target is not None and node.target in other.speaker_side:
        score += 0.15
    if node.target is not None and node.target == other.target and node.target not in other.speaker_side:
        score += 0.2  # both about the same actor ("she was captured" / "Gill is safe")
    if other.id == carried:
        score += 0.6  # the side goes on answering what it answered just before
    # Nearer is likelier; an answer before the claim (a lead summing up the story) less so.
    # Nearer is likelier; an answer before the claim (a lead summing up the story) less so.
    paragraphs = abs(node.paragraph - other.paragraph)
    score -= 0.04 * min(paragraphs, 10) + (0.15 if distance < 0 else 0.0)
    return score


def _denied(
    nodes: list[Node], i: int, df: Counter, carried: str | None, reporters: set[str], disputed: set[str]
) -> tuple[Node, float] | None:
    node = nodes[i]
    if (
        len(node.words - _words().generic) < _MIN_WORDS
        and node.anaphor is None
        and not node.owner_side
        and carried is None
    ):
        return None  # "denied Ohio": too little said to tell what is denied
    candidates = [
        (k, o)
        for k, o in enumerate(nodes)
        if k != i
        and o.kind in _ANSWERABLE
        and o.speaker is not None
        and _apart(o, node)
        and o.id not in reporters
        and o.continues is None
        and not within(node.cue, o.content)  # what a statement reports does not answer it
        # "Clinton", "a threat": too little, unless the denial negates just what it asserts
        # ("she is captured" / "was not captured by IS") or another statement rejected it already.
        and (len(o.words - _words().generic) >= _MIN_WORDS or _negates_predicate(node, o) or o.id in disputed)
    ]
    # A denial naming whose words it rejects answers that side, if the article quotes it.
    if node.owner_side:
        owned = [(k, o) for k, o in candidates if not o.speaker_side.isdisjoint(node.owner_side)]
        candidates = owned or candidates
    if not candidates:
        return _overruled(nodes, i)
    n = len(nodes)
    best: tuple[float, int, Node] | None = None
    nearest_before = max((k for k, _ in candidates if k < i), default=None)
    # "He denied the accusation" points at the accusation made just before it, "the reports" at
    # any claim.
    pointed = nearest_before
    if node.anaphor in _words().accusing_nouns:
        pointed = max((k for k, o in candidates if k < i and o.kind != "claim"), default=pointed)
    if node.anaphor == _PERSON:
        aimed_at = [
            (k, o)
            for k, o in candidates
            if k < i and o.kind != "claim" and node.paragraph - o.paragraph <= _COUNTER_WINDOW
        ]
        return (aimed_at[-1][1], 0.5) if aimed_at else None
    if node.anaphor is not None:
        # "Asked about cholera in the camps, the ministry denied the reports": the reports about
        # what the sentence names, if an earlier claim is about it.
        about = node.context - node.words - _words().generic
        named = max((k for k, o in candidates if k < i and o.words & about), default=None)
        # Failing that, "Kyiv rejected the report" points at the report about Kyiv before one
        # about anything else.
        aimed = max(
            (
                k
                for k, o in candidates
                if k < i and o.target in node.speaker_side and node.paragraph - o.paragraph <= 2
            ),
            default=None,
        )
        # Failing that, "they called the story mere propaganda" points at the claim the article
        # disputes (one another statement has rejected already, before or after it) before the
        # nearest claim nobody disputes.
        contested = [k for k, o in candidates if o.id in disputed]
        if named is not None:
            pointed = named
        elif aimed is not None and node.anaphor not in _words().accusing_nouns:
            pointed = aimed
        elif contested and node.anaphor not in _words().accusing_nouns:
            pointed = min(contested, key=lambda k: (k > i, abs(i - k)))
    # A denial that spells out what it rejects ("denies reports it has decided to charge him")
    # answers a claim about that; only a flat rejection ("we never had any such deal") may
    # answer on who accused whom alone.
    spelled_out = len(node.words - _words().generic) >= _SPELLED_OUT
    fallback: tuple[float, int, Node] | None = None
    if node.anaphor is not None:
        # "denied the reports of Ebola in Mosul": what the pointing words are about is said around them.
        node = replace(node, words=node.words | node.context)
    for k, other in candidates:
        if (
            spelled_out
            and other.id != carried
            and other.speaker not in node.owner_side
            and _topic(node, other, df, n) == 0
            and not _opposes(node, other)
            # "dismissed the charge, saying Washington had invented it ...": an accusing noun
            # points at the accusation before it, whatever the reasons given after it
            and not (node.anaphor in _words().accusing_nouns and k == pointed)
        ):
            continue
        score = _answer_score(node, other, df, n, carried, i - k)
        if node.anaphor is not None and k == pointed and node.paragraph - other.paragraph <= 2:
            score += 0.6
        if other.id in disputed and (_opposes(node, other) or (node.anaphor is not None and k == pointed)):
            # The claim the story is about, denied already: one more contradiction of it, or one
            # more "the story is propaganda", is likelier another denial of it than of a claim
            # nobody disputes.
            score += 0.15
        if node.contrast and k == nearest_before and node.paragraph - other.paragraph <= 1:
            score += 0.35  # "X said..., but Y insisted...": Y answers X
        # Two content words in common are enough on their own ("contracted Ebola in Mosul" /
        # "Ebola showed up at a hospital in Mosul"); one needs another sign.
        if score >= _MIN_SCORE and (best is None or (score, -abs(i - k)) > (best[0], -abs(i - best[1]))):
            best = (score, k, other)
        # Failing any sign but the words: the claim that shares most of them, two at least
        # ("contracted Ebola in Mosul" / "Ebola showed up at a hospital in Mosul"), wherever it is.
        shared = len((node.words & other.words) - _words().generic)
        topic = _topic(node, other, df, n)
        if shared >= 2 and (fallback is None or (topic, -abs(i - k)) > (fallback[0], -abs(i - fallback[1]))):
            fallback = (topic, k, other)
    if best is None:
        best = fallback
    if best is None:
        return _overruled(nodes, i)
    if (
        best[1] > i
        and best[2].paragraph - node.paragraph > _COUNTER_WINDOW
        and node.paragraph > nodes[0].paragraph
    ):
        # An answer comes before what it answers only shortly before, or in the lead that sums up
        # the story ("Supporters trashed reports that she was beheaded" ... the reports, lines on):
        # a claim far on is no answer's, and no nearer one is the likelier for it.
        return None
    return best[2], max(best[0], 0.4)


def _retracted(nodes: list[Node], i: int) -> tuple[Node, float] | None:
    """A speaker taking back its own words ("Trump later said he was joking", "I misspoke")
    answers what it said shortly before, not another side."""
    node = nodes[i]
    if node.speaker is None or node.predicate not in _words().retracting:
        return None
    for other in reversed(nodes[:i]):
        if node.paragraph - other.paragraph > 1:
            break
        if (
            other.speaker == node.speaker
            and other.kind in _ANSWERABLE
            and not within(node.cue, other.content)
        ):
            return other, 0.5
    return None


def _overruled(nodes: list[Node], i: int) -> tuple[Node, float] | None:
    """One body of a side contradicting another ("police said the attacker was a member of the
    group ... but the interior ministry insisted the man was not a member"): only with a
    contrast and the negation of what was asserted, shortly after it. The other sides' claims
    come first (_denied); this is for a denial that answers none of them."""
    node = nodes[i]
    if not node.contrast or not node.negated:
        return None
    for other in reversed(nodes[:i]):
        if node.paragraph - other.paragraph > _COUNTER_WINDOW:
            break
        if (
            other.kind in _ANSWERABLE
            and other.speaker is not None
            # Both may be the state itself ("Turkish police", "the interior ministry").
            and not other.speaker_side.isdisjoint(node.speaker_side)
            and other.sentence != node.sentence
            and other.continues is None
            and not within(node.cue, other.content)
            and node.negated & (other.words - other.negated) - _words().generic
        ):
            return other, 0.5
    return None


def _countered(
    nodes: list[Node], i: int, df: Counter, carried: str | None, links: list[Link]
) -> tuple[Node, float] | None:
    """A counter-accusation or criticism answers the latest statement of another side that was
    aimed at its speaker, shortly before it and about the same thing, or what its side goes on
    answering."""
    node = nodes[i]
    by_id = {o.id: o for o in nodes}
    if carried is not None and carried in by_id:
        return by_id[carried], 0.7
    # "She said her liberal friends have mocked Trump": whoever reports the criticism brings it
    # in; it is no retort to the reporter's own words.
    reporters = {o.speaker for o in nodes if o is not node and within(node.cue, o.content)}
    for earlier in reversed(nodes[:i]):
        if node.paragraph - earlier.paragraph > _COUNTER_WINDOW:
            break
        if earlier.speaker is None or not _apart(earlier, node):
            continue
        if within(node.cue, earlier.content) or earlier.speaker in reporters:
            continue  # "she said they had accused her": the accusation is reported, not a reply
        if any(lk.source == earlier.id and lk.target == node.id for lk in links):
            continue  # the earlier statement answers this one; they do not answer each other
        # What was aimed at its speaker; or, when the earlier words name no one ("the UN
        # condemned the air strikes"), an earlier critic or accuser whom it aims at in turn
        # ("Moscow criticised the UN office for its reporting on the strikes").
        if earlier.target not in node.speaker_side and not (
            earlier.target is None
            and earlier.kind in ("accusation", "criticism")
            and node.target is not None
            and node.target in earlier.speaker_side
        ):
            continue
        if node.target is not None and node.target_side.isdisjoint(earlier.speaker_side):
            continue
        # "Hamas blamed Israel for the blast, calling the Israeli claim a lie": naming whose words
        # it rejects ties it to them however differently it words the matter.
        names_them = not node.owner_side.isdisjoint(earlier.speaker_side)
        if names_them or _topic(node, earlier, df, len(nodes)) > 0 or _opposes(node, earlier):
            return earlier, 0.8
    return None


def _carried_answer(nodes: list[Node], i: int, rebutted: dict[str, str]) -> str | None:
    """What the speaker's side answered in its statement just before this one: a spokesman's
    quote after the denial, "he added" after "he denied". Only while no other side speaks in
    between (statements quoted inside the side's own answers do not count)."""
    node = nodes[i]
    for k in range(i - 1, -1, -1):
        other = nodes[k]
        if node.paragraph - other.paragraph > _CONTINUE_WINDOW:
            return None
        if _apart(other, node):
            if any(within(other.cue, o.content) for o in nodes[k + 1 : i] if o.id in rebutted):
                continue
            if other.id in rebutted.values():
                continue  # the claim the side answers, quoted among its answers
            return None
        if other.id in rebutted:
            return rebutted[other.id]
    return None


def _contradicting_claims(nodes: list[Node], df: Counter, excluded: set[str]) -> dict[str, str]:
    """Claims that say the opposite of an earlier claim of another side about the same thing:
    "The US said Iran was involved... Iran said it was not involved" is Iran's denial."""
    out: dict[str, str] = {}
    for i, node in enumerate(nodes):
        if node.kind != "claim" or node.id in excluded or not node.speaker_side:
            continue
        for other in reversed(nodes[:i]):  # the nearest first
            if (
                other.kind not in _ANSWERABLE
                or other.speaker is None
                or not _apart(other, node)
                or other.id in excluded
                # A claim of one word ("a threat") is too little to be contradicted.
                or len(other.words - _words().generic) < _MIN_WORDS
                or (_topic(node, other, df, len(nodes)) < 0.3 and other.target != node.target)
            ):
                continue
            words = _words()
            # "Y said X was involved" / X: "we were not involved": the one the claim is about
            # negates it. "IS said it beheaded her" / "she is alive": said of the same person.
            negates = (
                other.target in node.speaker_side
                and node.predicate is not None
                and node.predicate == other.predicate
                and node.predicate in node.negated
                and other.predicate not in other.negated
            )
            unharmed = bool(node.words & words.unharmed - node.negated) and bool(other.harmed - other.negated)
            if negates or unharmed:
                out[node.id] = other.id
                break
    return out
