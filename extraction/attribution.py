"""Who said what: cues, sources and contents read off the dependency parse.

The constructions, each a rule about English rather than about a corpus:

- a cue verb with its subject and complement ("X said that Y", "Y, X said", "X accused Z of Y",
  "X said: Y", "Y, X reported."), or without a speaker ("X is expected to Y");
- a cue noun with its possessor and clause ("X's claim that Y", "American claims that Y");
- "according to X, Y"; "X reportedly Y"; a headline's "X: Y";
- a direct quote next to a cue, extended to the whole quotation (several sentences or paragraphs);
- a floating quote with no cue of its own, which continues the last speaker: in the same
  paragraph as one more fragment of that statement, in a later one as a statement of its own.

A statement reported inside another's content ("he said I think...") is part of it, not a
statement of its own, unless it is a denial, accusation or criticism being reported, or the
claim such a statement answers.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .lexicon import Lexicon
from .segment import Quote, paragraphs
from .types import Kind, Span, within

_CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
_NOMINAL_DEPS = frozenset({"dobj", "pobj", "nsubjpass"})
_NAMING = frozenset({"call", "describe", "brand", "label", "term", "dub"})
_GOING_ON = frozenset({"say"})  # a participle that gives the reason of the act it follows
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_ACCORDING_TAIL = re.compile(r"[”\"’']\s*,?\s+(?:according to|as cited by|as reported by)\b", re.IGNORECASE)
# Who a report came from, as the object of "citing": names the source, not anything said.
_SOURCE_NOUNS = frozenset({"source", "official", "witness", "insider"})
_DOUBLE_QUOTES = frozenset({'"', "“", "”", "''", "``"})
_PICTURES = frozenset(
    {"footage", "video", "photo", "photograph", "image", "picture", "clip", "recording", "tape"}
)
# Nouns for the form words take, not for what they say: "in a statement about her, the family
# called her...", "in a response on the issue, he mentioned...".
_CHANNEL_NOUNS = frozenset(
    {"statement", "interview", "speech", "response", "message", "letter", "post", "tweet", "remark"}
)
# What "has alleged links to X" has: the tagger takes the adjective for the verb.
_ALLEGED_TIES = frozenset({"link", "tie", "connection", "involvement", "role"})
# What is passed on to someone else to answer: "referred questions to the embassy".
_PASSED_ON = frozenset({"request", "question", "inquiry", "query", "call"})
# Complements that carry what was said when there is no clause: the object, "of"/"for" phrases
# ("accused X of Y"), the predicate of "called X a liar".
_OBJECT_DEPS = frozenset({"dobj", "oprd", "attr", "dative", "prep", "acomp", "advcl"})
_OBJECT_PREPS = frozenset({"of", "for", "as", "about", "on", "over", "against", "that", "to", "with"})
_NOUN_CONTENT_PREPS = frozenset({"of", "about", "on", "over", "against", "for", "to", "that"})
# A statement's channel: "said in a statement", "announced through a spokesman".
_CHANNEL_PREPS = frozenset({"in", "through", "via", "during", "with"})
_TRIM = frozenset({",", ";", ":", "-", "—", "–", "(", ")", ".", "!", "?"})
_TRIM_START = _TRIM | {"and", "but"}
# A claim's content of one word that carries nothing said: "said little", "says it", "said so".
_SAYS_NOTHING = frozenset({"little", "nothing", "much", "anything", "it", "them", "so", "this", "that"})
# Verbs of saying that take no addressee as their object.
_SAYING = frozenset(
    {"say", "claim", "argue", "insist", "add", "note", "state", "declare", "write", "contend"}
)
_REASON_MARKS = frozenset({"because", "if", "unless"})
_TIME_MARKS = frozenset({"when", "after", "before", "as", "while", "once", "since"})
_CONTRAST_MARKS = frozenset({"while", "whereas", "although", "though"})
_MAKING = frozenset({"make", "level", "issue", "publish", "raise", "air", "circulate", "spread", "voice"})
_CLARITY_DEPS = frozenset({"ccomp", "oprd", "acomp", "advmod", "xcomp", "dobj"})
_GOING_ON_VERBS = frozenset({"continue"})
_TALKING = frozenset({"talk", "speak"})
# Verbs by which a speaker lets loose words against someone: "unleashed a tirade against".
_DELIVERING = frozenset({"launch", "unleash", "deliver", "spout", "hurl", "lodge", "file", "fire"})
_LAUNCHING = frozenset({"launch", "start", "float", "put"})
# Verbs by which a thing meets words aimed at it: "the plan drew criticism from the EU".
_DRAWING = frozenset({"draw", "attract", "provoke", "spark", "prompt", "earn", "receive"})
_DOUBT = frozenset({"doubt", "doubts", "water", "scorn"})
_VOICING = frozenset({"raise", "express", "voice", "sow"})
_DOUBT_PREPS = frozenset({"on", "upon", "over", "about"})
# What is said or shown to be so: doubting one is denying it ("doubts about the figures").
_TRUTH_NOUNS = frozenset(
    {
        "account",
        "story",
        "version",
        "figure",
        "number",
        "data",
        "evidence",
        "authenticity",
        "veracity",
        "accuracy",
        "video",
    }
)
# Verbs of force that news uses mostly for words, said by a body ("Russia slammed the sanctions").
_MOSTLY_WORDS = frozenset({"slam", "blast", "lash", "bash", "skewer", "pan"})
# Heads of phrases for bodies or groups of people that speak: "critics", "the opposition".
_SPEAKING_BODIES = frozenset(
    {
        "critic",
        "opposition",
        "group",
        "activist",
        "campaigner",
        "lawmaker",
        "legislator",
        "official",
        "government",
        "ministry",
        "party",
        "union",
        "leader",
        "opponent",
        "rival",
        "observer",
        "analyst",
        "expert",
        "diplomat",
        "senator",
        "minister",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "organisation",
        "organization",
        "watchdog",
        "commentator",
        "resident",
        "parent",
        "family",
        "community",
    }
)
# Verbs of the phrases _idiom reads ("held X responsible", "pointed the finger at").
_IDIOM_VERBS = frozenset({"hold", "push", "take", "point", "lay", "put", "place", "call", "hit"})
# An attack of these kinds, or on one of these, is force, not words.
_FORCE_KINDS = frozenset(
    {
        "missile",
        "rocket",
        "air",
        "drone",
        "terror",
        "terrorist",
        "suicide",
        "chemical",
        "bomb",
        "gas",
        "artillery",
        "military",
        "armed",
        "deadly",
        "cyber",
    }
)
_STRUCK = frozenset(
    {
        "tanker",
        "ship",
        "vessel",
        "convoy",
        "base",
        "city",
        "town",
        "village",
        "embassy",
        "building",
        "plant",
        "station",
        "airport",
        "port",
        "checkpoint",
        "position",
        "target",
        "infrastructure",
        "facility",
        "compound",
        "headquarters",
        "office",
        "border",
        "territory",
        "area",
        "region",
        "capital",
        "country",
        "troops",
        "soldier",
        "police",
        "army",
        "force",
        "forces",
        "pipeline",
        "grid",
        "network",
        "system",
    }
)
# "held X responsible / accountable / liable for": blame.
_HELD = frozenset({"responsible", "accountable", "liable", "culpable"})
_AWAY_PARTICLES = frozenset({"down", "off", "aside", "away"})
_FIRST_PERSON = frozenset({"i", "we", "you"})
# Cues of relaying what others said: the statement reported inside is one of its own.
_RELAYING = frozenset({"report", "quote", "cite"})
_QUOTING = frozenset({"quote", "cite"})
# ...and sources that relay: "a newspaper report says the rebels claim..."
_RELAYING_SOURCES = frozenset(
    {"report", "newspaper", "paper", "media", "press", "website", "agency", "outlet"}
)
_PRESS_NOUNS = frozenset({"press", "media", "newspaper", "newspapers", "paper", "papers", "outlet"})
# Things told, besides the cue nouns: "told the story of...", "told a joke".
_TOLD_NOUNS = frozenset({"story", "tale", "joke", "lie", "truth", "news", "anecdote", "account"})
_SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_QUOTE_CHARS = frozenset("\"“”«»„'‘’`")


@dataclass(slots=True)
class Attribution:
    form: str  # verb | noun | according | colon | adverb | floating
    lemma: str
    kind: Kind
    cue: Token | None
    cue_span: Span | None
    source: Token | None  # head token of the speaker phrase
    source_span: Span | None
    content: list[Span]
    target: Token | None = None  # object of accuse/blame/criticise
    direct_quote: bool = False
    inherited_from: Attribution | None = None  # floating quote: the statement it continues
    # A claim another statement reports only to call false ("said the US claims that X were
    # untrue"): the words around it are the denier's own, not a report of someone else's.
    called_false: bool = False

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)


def _subtree_span(token: Token) -> tuple[int, int]:
    """Token index range of the subtree, end exclusive."""
    return token.left_edge.i, token.right_edge.i + 1


def _char_span(doc: Doc, start: int, end: int) -> Span | None:
    """Characters of tokens [start, end), without punctuation at either edge (quote marks stay)."""
    while start < end and doc[start].text in _TRIM_START and not _is_quote(doc[start]):
        start += 1
    while (
        end > start and (doc[end - 1].text in _TRIM or doc[end - 1].is_space) and not _is_quote(doc[end - 1])
    ):
        end -= 1
    if start >= end:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _is_quote(token: Token) -> bool:
    return bool(token.text) and all(c in _QUOTE_CHARS for c in token.text)


def _phrase_span(token: Token) -> Span | None:
    # The speaker phrase is the subject's subtree, but a relative clause or a trailing
    # apposition holding a verb would drag the content in; stop the phrase before them.
    start, end = _subtree_span(token)
    for child in token.rights:
        named = child.tag_ == "VBN" and child.lemma_ in ("name", "call")
        if child.dep_ in {"relcl", "acl"} and child.i > token.i and not named:
            # "an analyst named Yakoub Mustafa" keeps the name.
            end = min(end, child.left_edge.i)
    return _char_span(token.doc, start, end)


def _patient_with_agent(verb: Token) -> Token | None:
    """The subject of a passive that names its agent: "the figures" in "the figures were
    disputed by the government"."""
    if not any(c.dep_ == "agent" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


# "written by", "asked by": who wrote a text or put a question, not a report of what it says.
_AUTHORING = frozenset({"write", "ask", "echo", "recommend", "support", "back", "endorse"})


def _reported_by(verb: Token, patient: Token, lemma: str) -> bool:
    """A passive speech verb whose subject is what the agent reported: "the news was announced by
    the ministry", "the story was relayed by a fighter". Not a relative pronoun ("which was
    reported by"), which says nothing without the noun outside it, nor one with a clause."""
    return (
        lemma not in _AUTHORING
        and patient.tag_ not in ("WDT", "WP")
        and not any(c.dep_ in _CLAUSE_DEPS for c in verb.children)
    )


def _quoted_person(verb: Token) -> Token | None:
    """ "The agency quoted the minister as saying...", "cited officials as saying...", "quoted
    fighters, saying that...": the one quoted says it, not the outlet that relays it."""
    if (quoted := _quoted_as(verb)) is not None:
        return quoted
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.head.lemma_.lower() not in _QUOTING:
        return None
    return next((c for c in verb.head.children if c.dep_ == "dobj"), None)


def _quotes_as_saying(verb: Token, speech_verbs: Container[str]) -> bool:
    """A quoting verb with what the quoted one said: "quoted X as saying", "quoted X, saying"."""
    if verb.lemma_.lower() not in _QUOTING:
        return False
    saying = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children]
    saying += [c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
    return any(g.pos_ == "VERB" and g.lemma_.lower() in speech_verbs for g in saying)


def _relays_a_quote(verb: Token, speech_verbs: Container[str]) -> bool:
    """The passive quoting verb of "the minister was quoted (by the Post) as saying ...": the
    minister's statement, not one of the verb. (The active "the Post quoted the minister as
    saying ..." is a report of a report, two statements: docs/ANNOTATION.md.)"""
    return any(c.dep_ == "nsubjpass" for c in verb.children) and _quotes_as_saying(verb, speech_verbs)


def _subject(verb: Token) -> Token | None:
    """The subject of a cue verb, following conjunctions and participles up to their head."""
    if (quoted := _quoted_person(verb)) is not None:
        return quoted
    seen = 0
    while verb is not None and seen < 4:
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
            if child.dep_ == "nsubjpass" and seen and verb.lemma_.lower() != "say":
                # "A friend was quoted by the Post as saying...", "He was stopped at the border,
                # telling officers...": the one the passive is about says it.
                return child
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
            verb = verb.head
            seen += 1
            continue
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            # "..., responding by saying that...", "criticised for claiming...": the gerund after a
            # preposition has the subject of the verb the preposition belongs to.
            verb = verb.head.head
            seen += 1
            continue
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            # "a man believed to be Foley", "the weapons said to be missing": the noun is what
            # the statement is about; who believes or says it the sentence does not tell.
            return None
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            # "a statement saying...", "officials who said...": the noun the clause describes.
            return verb.head
        return None
    return None


def _quoted_as(verb: Token) -> Token | None:
    """Whom "quoted X as saying" quotes: X, the object of the quoting verb."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or prep.head.lemma_.lower() not in _QUOTING:
        return None
    return next((c for c in prep.head.children if c.dep_ == "dobj"), None)


def _channel_clause(verb: Token, cue_nouns: Mapping[str, str]) -> Token | None:
    """The that-clause the parser hung on the channel of a speech verb: in "said in a statement
    that civilians died" it reads "that civilians died" as a relative clause of "statement".
    Not a true relative clause, whose "that" is its subject ("said in a statement that was
    released on Monday").

    The same misreading after a time or a place ("has said from the start that the assurances
    were enough") counts only when the parser itself took "that" for a complementiser: "said at
    the meeting that he attended" is a true relative clause, with "that" its object."""
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            channel = prep.lower_ in _CHANNEL_PREPS and noun.lemma_.lower() in cue_nouns
            for clause in noun.children:
                first = clause.left_edge
                if (
                    clause.dep_ == "relcl"
                    and first.lower_ == "that"
                    and (first.dep_ == "mark" or (channel and first.dep_ not in ("nsubj", "nsubjpass")))
                    and any(c.dep_ in _SUBJECT_DEPS and c.i != first.i for c in clause.children)
                ):
                    return clause
    return None


def _colon_after(verb: Token) -> Token | None:
    """The colon that follows a cue and whom or where it was said to: "said:", "told reporters:",
    "said in a statement:"."""
    doc = verb.doc
    end = verb.i
    for child in verb.rights:
        if child.dep_ in ("dobj", "dative", "prep", "npadvmod", "advmod", "prt"):
            end = max(end, child.right_edge.i)
    i = end + 1
    while i < len(doc) and doc[i].is_space:
        i += 1
    return doc[i] if i < len(doc) and doc[i].text == ":" else None


def _when(prep: Token) -> bool:
    """'said on Monday', 'wrote in March': a time, not what was said."""
    return any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in prep.children)


# Verbs whose refusal says nothing: "did not confirm the report", "declined to confirm". (A
# refusal worded as a statement, "said it would neither confirm nor deny", is the saying verb's.
# "Declined to comment" says nothing either, but PolNeAR counts it and its dev set sits at the
# issue's floor, so it is left as a statement.)
# "rarely discuss their drone campaign": what they do not talk about is no statement either.
_WITHHELD = frozenset({"confirm", "comment", "discuss"})
_REFUSING = frozenset({"decline", "refuse"})
_NOBODY = frozenset({"no", "none", "nobody", "neither"})
_HARDLY = frozenset({"never", "rarely", "seldom", "hardly"})


def _negated(verb: Token) -> bool:
    """'did not confirm', 'did not deny or confirm', 'No official has confirmed'. ("Has neither
    denied nor confirmed the reports" is no statement either, but is left: dropping it moved two
    rebuttal links of news-dev to the wrong claim, a linker matter.)"""
    if any(c.dep_ == "neg" or c.lower_ in _HARDLY for c in verb.children):
        return True
    first = verb.head if verb.dep_ == "conj" else verb
    if first is not verb and any(c.dep_ == "neg" for c in first.children):
        return True  # "did not deny or confirm"
    subject = next((c for c in first.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and (
        subject.lower_ in _NOBODY or any(c.dep_ == "det" and c.lower_ in _NOBODY for c in subject.children)
    )


def _withheld(verb: Token, lemma: str) -> bool:
    if lemma in _WITHHELD:
        refused = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _REFUSING and lemma == "confirm"
        return refused or _negated(verb)
    if lemma == "offer" and any(
        c.dep_ == "xcomp"
        or (c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children))
        for c in verb.children
    ):
        return True  # "offered to help" is an act; "would offer no further details" withholds
    return lemma in _REFUSING and any(
        c.dep_ == "xcomp" and c.lemma_.lower() == "confirm" for c in verb.children
    )


# Verbs whose infinitive names an act wanted, planned or held back, not one done: "refused to
# condemn", "was preparing to charge him". Asking verbs count only in the passive: "Ukraine urged
# the UN to condemn Russia" takes Ukraine's stand, "when asked to condemn the group" does not.
_UNREALISING = frozenset(
    {
        "want", "wish", "need", "refuse", "fail", "decline", "hesitate", "prepare", "plan",
        "expect", "intend", "dare", "allow", "force",
    }
)  # fmt: skip
_ASKING = frozenset({"ask", "urge", "press", "pressure", "push", "call", "challenge", "invite", "tell"})
_HOLDING_BACK = frozenset({"refusal", "reluctance", "hesitancy", "hesitation", "right", "chance", "freedom"})


def _unrealised(verb: Token) -> bool:
    """An infinitive cue for an act that the sentence does not say took place: the complement of
    a verb of wanting or refusing, of being asked, or of a noun of holding back ("his refusal to disavow",
    "no right to criticize"). A purpose ("took to Twitter to condemn it", "a campaign to condemn
    him") tells of an act done."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    if verb.dep_ == "acl" and head.lemma_.lower() in _HOLDING_BACK:
        return True
    if verb.dep_ not in ("xcomp", "ccomp", "oprd"):
        return False
    lemma = head.lemma_.lower()
    passive = head.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children)
    return lemma in _UNREALISING or (lemma in _ASKING and passive)


def _verbal(verb: Token, subject: Token | None) -> bool:
    """'Trump attacked Clinton' is words, 'Russia attacked Kharkiv' is force: a person speaks, a
    reason is given ('attacked the plan as reckless', 'slammed them for...'), or the verb takes
    'out' ('lashed out at')."""
    if any(c.dep_ == "prep" and c.lower_ in ("for", "over", "as") for c in verb.children):
        return True
    if any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return True  # "lashed out at", "hit out at": words, whoever the subject
    if subject is None:
        return False
    if subject.ent_type_ == "PERSON" or subject.lower_ in ("he", "she", "i", "we", "you", "who"):
        return True
    # "Rights groups slammed the verdict", "Russia slammed the sanctions": a body does not hit a
    # verdict; only verbs that are mostly words in news ("slam", "blast") read so, not "hit".
    return verb.lemma_.lower() in _MOSTLY_WORDS and (
        subject.ent_type_ in ("ORG", "NORP", "GPE") or subject.lemma_.lower() in _SPEAKING_BODIES
    )


def _opens_quote(clause: Token) -> bool:
    """The clause starts a quotation: a quotation mark just before its first word."""
    first = clause.left_edge
    return _is_quote(first) or (first.i > 0 and _is_quote(first.doc[first.i - 1]))


def _resumes_quote(clause: Token) -> bool:
    """'"...," he said, "to make clear..."': the quotation goes on after a comma (a quoted title,
    'on NBC's "Meet the Press"', follows no comma)."""
    first = clause.left_edge
    mark = first if _is_quote(first) else first.doc[first.i - 1] if first.i > 0 else None
    return mark is not None and _is_quote(mark) and mark.i > 0 and mark.doc[mark.i - 1].text == ","


_SUBJECT_OR_EXPLETIVE = _SUBJECT_DEPS | {"expl"}


def _has_subject(clause: Token) -> bool:
    return any(c.dep_ in _SUBJECT_OR_EXPLETIVE for c in clause.children)


def _through_reason(verb: Token, end: int) -> int:
    """'said it did not count them because they were routine': the parser hangs the reason or the
    condition on the cue, but the speaker gave it; the content runs on through it."""
    doc = verb.doc
    for c in verb.rights:
        if c.dep_ != "advcl" or c.left_edge.i < end:
            continue
        if not any(m.dep_ == "mark" and m.lower_ in _REASON_MARKS for m in c.children):
            continue
        if all(t.is_punct or t.is_space for t in doc[end : c.left_edge.i]):
            return _subtree_span(c)[1]
    return end


def _past_false_stop(verb: Token, end: int) -> int:
    """'said the head of the YPG | Kurdish forces in Kobane "refuted these allegations."': the
    parser ended the sentence inside the content, with no stop and no line break; the content
    runs on to the end of the sentence it broke off."""
    doc, sent = verb.doc, verb.sent
    if end != sent.end or end >= len(doc) or verb.i >= end:
        return end
    last = doc[end - 1]
    if (
        last.is_punct
        or last.is_space
        or last.text[-1] in ".?!"
        or "\n" in last.whitespace_
        or doc[end].is_space
    ):
        return end
    following = doc[end].sent
    return following.end if following.start == end else end


def _asked_not_said(verb: Token) -> bool:
    """A cue in a question whose modal comes before the subject: "How should the US respond?",
    "Will he deny it?". What the question asks has not been said."""
    sent = verb.sent
    last = next((t for t in reversed(sent) if not (t.is_space or _is_quote(t))), None)
    if last is None or last.text != "?":
        return False
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    return subject is not None and any(
        c.dep_ == "aux" and c.tag_ == "MD" and c.i < subject.i for c in verb.children
    )


def _before_own_clause(adverb: Token, head: Token, end: int) -> int:
    """'Jets were reportedly stolen, and agencies have begun warning...': the adverb vouches for
    its own clause, not for a clause joined on after it with a subject of its own."""
    doc = adverb.doc
    for c in head.children:
        if c.dep_ != "conj" or c.i < adverb.i or not _has_subject(c):
            continue
        cut = c.left_edge.i
        ccs = [g.i for g in head.children if g.dep_ == "cc" and adverb.i < g.i < c.i]
        cut = min([cut, *ccs])
        while cut > adverb.i + 1 and (doc[cut - 1].is_punct or doc[cut - 1].is_space):
            cut -= 1
        return min(end, cut)
    return end


def _before_contrast(heads: list[Token], start: int, end: int) -> int:
    """End the content before ", while Hamas said...": a contrasting clause is someone else's."""
    for head in heads:
        for token in head.subtree:
            # Only a clause after the statement's verb: a fronted one ("said though the jets led
            # the strike, they were accompanied") is part of what is said.
            if (
                token.dep_ == "advcl"
                and token.i > token.head.i
                and any(m.dep_ == "mark" and m.lower_ in _CONTRAST_MARKS for m in token.children)
            ):
                end = min(end, max(start + 1, token.left_edge.i))
    return end


def _answered_as(heads: list[Token], start: int, end: int, lex: Lexicon) -> Token | None:
    """The noun after a comma that names the statement before it and has a clause of someone
    answering it: "..., a charge the rebels denied", "..., an accusation Bangkok rejected"."""
    for head in heads:
        for token in head.subtree:
            if (
                start < token.i < end
                and token.dep_ in ("appos", "npadvmod")
                and token.lemma_.lower() in lex.cue_nouns
                and token.left_edge.i > start
                and token.doc[token.left_edge.i - 1].text == ","
                and any(c.dep_ == "relcl" for c in token.children)
            ):
                return token
    return None


def _possessor_before(noun: Token) -> Token | None:
    """ "Guterres' recent condemnation" when the parser detached the possessive from the noun."""
    i = noun.i - 1
    doc = noun.doc
    while i >= 0 and doc[i].dep_ in ("amod", "advmod", "compound") and doc[i].head.i == noun.i:
        i -= 1
    if i >= 1 and doc[i].dep_ == "case" and doc[i].head.i == i - 1 and doc[i - 1].pos_ == "PROPN":
        return doc[i - 1]
    return None


def _spans_minus(spans: list[Span], holes: Iterable[Span | None], text: str) -> list[Span]:
    out = list(spans)
    for hole in holes:
        if hole is None:
            continue
        hs, he = hole
        cut: list[Span] = []
        for s, e in out:
            if he <= s or hs >= e:
                cut.append((s, e))
                continue
            if s < hs:
                cut.append((s, hs))
            if he < e:
                cut.append((he, e))
        out = cut
    return [_strip(text, s, e) for s, e in out if text[s:e].strip(" ,;:—–-\n\t")]


def _strip(text: str, s: int, e: int) -> Span:
    while s < e and text[s] in " ,;:—–-\n\t":
        s += 1
    while e > s and text[e - 1] in " ,;:—–-\n\t":
        e -= 1
    return s, e


def _with_quotes(spans: list[Span], quotes: list[Quote]) -> tuple[list[Span], bool]:
    """Widen contents to the whole quotations they touch; True when the content is quoted."""
    out = list(spans)
    direct = False
    for k, q in enumerate(quotes):
        for s, e in spans:
            if s < q.end and q.start < e:
                inside = min(e, q.end) - max(s, q.start)
                # A short quoted phrase inside a reported clause ("called him a 'messenger'") does
                # not make the clause a direct quote.
                if inside >= 0.5 * (e - s) or (
                    q.start >= s - 2 and q.end <= e + 2 and q.end - q.start > 0.6 * (e - s)
                ):
                    direct = True
                    out.extend(x.span for x in _quotation(quotes, k))
                break
    out.sort()
    merged: list[Span] = []
    for s, e in out:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged, direct


def _quotation(quotes: list[Quote], k: int) -> list[Quote]:
    """The quote and those it runs on from or into across paragraph breaks."""
    first, last = k, k
    while first > 0 and quotes[first].continues:
        first -= 1
    while last + 1 < len(quotes) and quotes[last + 1].continues:
        last += 1
    return quotes[first : last + 1]


class Finder:
    """Finds attributions in parsed documents; built once per process from the lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon

    def find(self, doc: Doc, text: str, quotes: list[Quote]) -> list[Attribution]:
        """All attributions of a document; text is doc.text, which spaCy rebuilds on each access."""
        found: list[Attribution] = []
        for token in doc:
            lemma = token.lemma_.lower()
            if token.pos_ == "VERB" and lemma in _IDIOM_VERBS and (att := self._idiom(token)) is not None:
                found.append(att)  # "pointed the finger at", "called the report into question"
                continue
            if token.pos_ in ("VERB", "AUX") and (
                lemma in self.lex.speech_verbs or lemma in self.lex.clausal_verbs
            ):
                att = self._verb(token, lemma, text)
                if att is None and token.dep_ in _NOMINAL_DEPS and lemma in self.lex.cue_nouns:
                    # "denied ISIS claims that...": the tagger took the noun for a verb; its
                    # place in the sentence (an object) says it is the noun.
                    att = self._noun(token, lemma, text)
            elif token.pos_ == "VERB" and lemma in _TALKING:
                att = self._talking(token, lemma)
            elif token.pos_ == "VERB" and lemma in _GOING_ON_VERBS:
                att = self._going_on(token, lemma)
            elif token.pos_ == "VERB" and lemma == "make":
                att = self._made_clear(token)
            elif token.pos_ == "VERB" and (att := self._phrasal_denial(token, text)) is not None:
                found.append(att)
                continue
            elif token.pos_ in ("NOUN", "PROPN") and lemma in self.lex.cue_nouns:
                att = self._noun(token, lemma, text)
            elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                att = self._according(token, text)
            elif token.lower_ in self.lex.cue_adverbs and token.dep_ == "advmod":
                att = self._adverb(token, text)
            elif token.text == ":":
                att = self._headline_colon(token, text)
            else:
                continue
            if att is not None:
                found.append(att)
        # "I think", "nobody told us" inside a quotation belong to the quotation's speaker.
        found = [a for a in found if not _quoted_inside(a, quotes)]
        # A photo caption or a "Related:" link repeats or announces the story; it reports nothing.
        if captions := caption_lines(text):
            found = [a for a in found if not within(a.cue_span, captions)]
        for att in found:
            if not att.content:
                att.content = _adjacent_quote(att, quotes, text)
        for att in found:
            # 'said the commander "categorically refuted these allegations"': a quotation holding
            # the cue but not its speaker is the words of the act, not what the act said.
            around = [
                q
                for q in quotes
                if att.form not in ("verb", "noun")
                or not within(att.cue_span, [q.span])
                or within(att.source_span, [q.span])  # "I deny it," he said: the speaker's own words
            ]
            att.content, att.direct_quote = _with_quotes(att.content, around)
            att.content = _spans_minus(att.content, (att.cue_span, att.source_span), text)
        found = _drop_nested(
            [a for a in found if a.content], self.lex.clausal_verbs, self.lex.copula_falsehoods
        )
        found.extend(self._quotes_without_cue(doc, text, quotes, found))
        # Two statements of the same words ("'...,' the website quoted the governor as saying"):
        # the one quoted comes before the one relaying it, as the text gives the words to them.
        found.sort(key=lambda a: (a.start, a.lemma in _RELAYING))
        return found

    # -- cue verbs -------------------------------------------------------------------------

    def _verb(self, verb: Token, lemma: str, text: str) -> Attribution | None:
        doc = verb.doc
        if verb.dep_ == "xcomp" and verb.head.lemma_ == "be":
            return None  # "Manila was to blame": the subject is blamed, not blaming
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.lemma_.lower() in self.lex.cue_nouns:
            return None  # "a statement attributed to the group": names the statement's source
        if _withheld(verb, lemma):
            return None  # "did not confirm the report", "declined to confirm": nothing was said
        if _relays_a_quote(verb, self.lex.speech_verbs):
            return None  # "was quoted as saying": the statement is found at "saying"
        if (
            lemma == "cite"
            and not any(c.dep_ in _CLAUSE_DEPS for c in verb.children)
            and any(c.dep_ == "dobj" and c.lemma_.lower() in _SOURCE_NOUNS for c in verb.children)
        ):
            return None  # "citing medical sources": whence the report came, not what it says
        if _asked_not_said(verb):
            return None  # "How should the US respond?": the writer asks; nobody has said anything
        if (
            lemma in ("report", "write")
            and any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children)
            and not any(c.dep_ in _CLAUSE_DEPS or c.dep_ == "dobj" for c in verb.children)
        ):
            return None  # "reported for the Global Post": working for a paper, not a report
        if lemma == "allege" and any(
            c.dep_ == "dobj"
            and c.lemma_.lower() in _ALLEGED_TIES
            and not any(d.dep_ in ("det", "poss") for d in c.children)
            for c in verb.children
        ):
            return None  # "has alleged links to the group": the links are alleged, he alleges nothing
        pictured = verb.head if verb.dep_ == "acl" else verb.head.head if verb.dep_ == "xcomp" else None
        if (
            pictured is not None
            and pictured.lemma_.lower() in _PICTURES
            and (verb.dep_ == "xcomp" or any(c.dep_ == "xcomp" for c in verb.children))
            and (verb if verb.dep_ == "acl" else verb.head).lemma_.lower() in ("claim", "purport")
        ):
            return None  # "footage claiming to show his murder": what the pictures are said to be
        if lemma == "identify" and not any(
            c.dep_ in ("ccomp", "xcomp", "oprd") or (c.dep_ == "prep" and c.lower_ == "as")
            for c in verb.children
        ):
            return None  # "identified the hostage by name": who she is; "identified him as X" says X
        if lemma == "refer" and any(
            (c.dep_ == "prep" and (c.lower_ == "for" or (c.lower_ == "to" and not list(c.children))))
            or (c.dep_ == "dobj" and c.lemma_.lower() in _PASSED_ON)
            for c in verb.children
        ):
            # "referred questions to the campaign", "referred to the ministry for information":
            # passing a request on; "the men they referred to as 'the Beatles'": naming.
            return None
        if (
            lemma == "say"
            and verb.dep_ == "conj"
            and not any(c.dep_ in _SUBJECT_DEPS or c.dep_ == "aux" for c in verb.children)
            and any(
                c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                for c in verb.children
            )
        ):
            # "troops remain there but (are) said to be no longer fighting": a passive without
            # its auxiliary; the subject is what is said of, who says it is not told.
            return None
        speech = lemma in self.lex.speech_verbs
        kind = self.lex.speech_verbs.get(lemma) or self.lex.clausal_verbs[lemma]
        if kind != "claim" and _unrealised(verb):
            return None  # "asked them to condemn the attack", "his refusal to disavow": not done
        if (
            kind == "denial"
            and verb.dep_ in ("xcomp", "advcl")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            and verb.head.pos_ == "VERB"
            and verb.head.lemma_.lower() not in self.lex.speech_verbs
            and verb.head.lemma_.lower() not in self.lex.clausal_verbs
            and any(c.dep_ == "dobj" for c in verb.head.children)
        ):
            return None  # "invented the story to justify new missiles": what for, not a denial
        if any(c.dep_ == "neg" for c in verb.children) and (
            kind != "claim" or not any(c.dep_ in _CLAUSE_DEPS for c in verb.children)
        ):
            # "did not deny it", "never accused him": no denial or accusation is made; "have not
            # reported on the story", "did not comment": nothing is said. (A negated claim with a
            # clause, "has not said whether...", stays: PolNeAR counts it an attribution.)
            return None
        if (
            kind != "claim"
            and verb.dep_ == "conj"
            and any(c.lower_ == "nor" for c in verb.head.children)
            and any(c.lower_ == "neither" for c in verb.head.children)
        ):
            return None  # "would neither confirm nor deny the reports": no denial either
        if any(c.dep_ == "auxpass" for c in verb.children) and not any(
            c.dep_ == "agent" for c in verb.children
        ):
            return self._passive(verb, lemma, kind)
        # A clause is what was said: "said (that) X", "urged him to resign", "wants them to go".
        clauses = [c for c in verb.children if c.dep_ in _CLAUSE_DEPS] or self._clause_past_when(verb)
        if any(c.i < verb.i and _opens_quote(c) for c in clauses):
            # '"We are close," he said on "Meet the Press"', '"...," he said in an interview aired
            # Monday': the quotation came first; a clause after the cue with no subject of its own
            # and no quotation mark of its own tells where or when it was said.
            clauses = [c for c in clauses if c.i < verb.i or _has_subject(c) or _resumes_quote(c)]
        # Whom an accusation or criticism is aimed at: "accused the US of lying".
        target = next((c for c in verb.children if c.dep_ == "dobj"), None)
        heads: list[Token]
        if clauses:
            heads = clauses
            if lemma in self.lex.speech_verbs and kind != "claim" and target is not None:
                heads = [target, *clauses]
            elif (
                lemma in _SAYING
                and target is not None
                and target.i < min(c.i for c in clauses)
                and target.i > verb.i
                and any(c.dep_ == "ccomp" and not _has_subject(c) for c in clauses)
            ):
                # "said the days when one story united the nation are gone": the parser took the
                # clause's subject for the object of "said", which names no addressee.
                heads = [target, *clauses]
        elif (
            speech
            and (patient := _patient_with_agent(verb)) is not None
            and (kind != "claim" or _reported_by(verb, patient, lemma))
        ):
            # "the figures were disputed by the government", "he was condemned by the UN": what
            # is denied or whom it is aimed at is the passive's subject, the speaker its agent.
            # "The story was relayed by a fighter": what is reported is the subject.
            heads = [patient]
            target = patient if kind != "claim" else None
        elif speech:
            heads = [
                c
                for c in verb.rights
                if c.dep_ in _OBJECT_DEPS
                # "said on NBC's 'Meet the Press'", "said, of selling the body": where, or about
                # what; what "say" says is a clause or a quotation.
                and not (c.dep_ == "prep" and lemma == "say")
                and (
                    c.dep_ != "prep"
                    or (c.lower_ in _OBJECT_PREPS and not _when(c))
                    or (kind != "claim" and c.lower_ == "at")
                )
                and not (
                    c.dep_ == "advcl"
                    and any(g.dep_ in ("nsubj", "mark") for g in c.children)
                    # "pleaded for him to be released", "called for the minister to resign":
                    # the for-to clause is what is asked.
                    and not (
                        any(g.dep_ == "mark" and g.lower_ == "for" for g in c.children)
                        and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                    )
                )
                # "slammed the US for..., adding that its claims were untrue", "rejected the
                # accusation, blaming the US": a participle with a cue of its own is a new
                # statement by the same speaker. One that only says why ("denied the report,
                # saying the soldiers had not crossed") or names what it aims at ("criticised
                # the report, calling it a lie") goes on with the statement it follows.
                and not (
                    c.dep_ == "advcl"
                    and c.tag_ == "VBG"
                    and c.lemma_.lower() not in _NAMING | _GOING_ON
                    and self._is_cue_verb(c)
                )
            ]
            if (
                lemma in self.lex.bare_object_verbs
                and not any(self._says_something(h) for h in heads)
                and not _quotes_as_saying(verb, self.lex.speech_verbs)
            ):
                heads = []
            if (
                lemma in _QUOTING
                and verb.dep_ in ("ccomp", "parataxis")
                and verb.head.i < verb.i
                and any(_quoted_as(g) is not None for g in verb.subtree)
            ):
                heads = []  # '"...," the website quoted the governor as saying': the quotation
            if (
                heads
                and all(
                    h.dep_ == "dobj"
                    and h.lemma_.lower() in self.lex.cue_nouns
                    and not any(_is_quote(t) for t in h.subtree)
                    for h in heads
                )
                and (colon := _colon_after(verb)) is not None
            ):
                # 'tweeted a threat in June: "..."': the noun announces the words after the colon.
                return self._colon(verb, colon, lemma, kind, text)
            if not heads and (relayed := self._as_relayed(verb, lemma, kind)) is not None:
                return relayed
            if not heads and (relative := _channel_clause(verb, self.lex.cue_nouns)) is not None:
                heads = [relative]
            if not heads and (colon := _colon_after(verb)) is not None:
                return self._colon(verb, colon, lemma, kind, text)
            if not heads and verb.dep_ in ("ccomp", "parataxis", "advcl") and verb.head.i != verb.i:
                return self._inverted(verb, lemma, kind, text)
            if not heads and (quoted := _quoted_as(verb)) is not None:
                return self._quoted_as(verb, lemma, kind, quoted)
            if not heads and not any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
                return self._trailing(verb, lemma, kind)
            if not heads and verb.dep_ == "relcl" and verb.head.lemma_.lower() in self.lex.cue_nouns:
                return self._answering_relative(verb, lemma, kind)
            if not heads and (subject := _subject(verb)) is not None:
                # '"Why now?" she asked.': find() gives it the quotation next to it, if any.
                return self._verb_attribution(verb, lemma, kind, subject, [])
        else:
            return None
        if not heads:
            return None
        subject = self._going_on_from(verb) or _subject(verb)
        if subject is not None and subject.lower_ == "it" and lemma in ("appear", "seem"):
            return None  # "it appears that...": nobody is saying it
        if lemma in self.lex.physical_verbs and not _verbal(verb, subject):
            return None
        start = min(_subtree_span(h)[0] for h in heads)
        end = max(_subtree_span(h)[1] for h in heads)
        if kind == "claim" and end - start == 1 and start > verb.i and doc[start].lower_ in _SAYS_NOTHING:
            return None  # "said little about how", "says it", "had nothing to say"
        end = _before_contrast(heads, start, end)
        if clauses and (joined := self._joined_cue(heads)) is not None and start < joined.i < end:
            end = min(
                [
                    joined.left_edge.i,
                    *(g.i for g in joined.head.children if g.dep_ == "cc" and g.i < joined.i),
                ]
            )
            while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
        if clauses and start > verb.i:
            end = _through_reason(verb, end)
        end = _past_false_stop(verb, end)
        if kind == "claim" and (named := _answered_as(heads, start, end, self.lex)) is not None:
            # "said the rebels had shelled the town, a charge the rebels denied": the words end
            # before the reporter's name for them, which says what they were.
            end = max(start + 1, named.left_edge.i)
            # _answered_as finds only the lexicon's cue nouns.
            if (named_kind := self.lex.cue_nouns[named.lemma_.lower()]) in ("accusation", "criticism"):
                kind = named_kind
        if (
            doc[start].lower_ == "that"
            and doc[start].dep_ in ("mark", "dobj")
            and any(doc[start].head.i == h.i for h in heads)
            and start + 1 < end
        ):
            # "said that the convoy was hit" says "the convoy was hit": the complementiser is
            # the report's, not the speaker's words.
            start += 1
        content = _char_span(doc, start, end)
        if content is None:
            return None
        cue_span = self._cue_span(verb)
        source_span = _phrase_span(subject) if subject is not None else None
        contents = [content]
        if clauses and all(c.dep_ == "xcomp" for c in clauses) and (patient := _patient_with_agent(verb)):
            # "Both groups were declared by parliament to be terror groups": what is said of the
            # passive's subject is the subject and the infinitive.
            said_of = _char_span(doc, *_subtree_span(patient))
            contents = [said_of, content] if said_of is not None else contents
        return Attribution(
            form="verb",
            lemma=lemma,
            kind=kind,
            cue=verb,
            cue_span=cue_span,
            source=subject,
            source_span=source_span,
            content=contents,
            target=target,
        )

    def _clause_past_when(self, verb: Token) -> list[Token]:
        """'said after the deal was signed that the men posed no risk': the parser hangs the
        that-clause on the verb of the time clause between; it is what was said."""
        for c in verb.children:
            if c.dep_ != "advcl" or c.i < verb.i or self._is_cue_verb(c):
                continue
            if not any(g.lower_ in _TIME_MARKS and g.dep_ in ("mark", "advmod") for g in c.children):
                continue
            return [
                g
                for g in c.children
                if g.dep_ == "ccomp"
                and g.i > c.i
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)
            ][:1]
        return []

    def _going_on_from(self, verb: Token) -> Token | None:
        """'He said the support is evident, and continued, "..."': the parser joins the second
        cue to the reported clause; with no subject of its own it is the first speaker going on."""
        head = verb.head
        if (
            verb.dep_ != "conj"
            or _has_subject(verb)
            or head.dep_ != "ccomp"
            or not self._is_cue_verb(head.head)
        ):
            return None
        if not any(c.dep_ in ("ccomp", "parataxis") for c in verb.children):
            return None
        if any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
            return None  # "says they are going on and will see what happens": not said yet
        if sum(t.text in _DOUBLE_QUOTES for t in verb.doc[head.left_edge.i : verb.i]) % 2:
            # 'said Clinton approached her "and said, ..."': inside a quotation, the one quoted.
            return None
        return _subject(head.head)

    def _joined_cue(self, heads: list[Token]) -> Token | None:
        """The first cue joined to a reported clause that goes on as the speaker's (see above)."""
        return min(
            (
                c
                for h in heads
                for c in h.children
                if (self._is_cue_verb(c) or c.lemma_.lower() in _GOING_ON_VERBS)
                and self._going_on_from(c) is not None
            ),
            key=lambda c: c.i,
            default=None,
        )

    def _is_cue_verb(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        return token.pos_ in ("VERB", "AUX") and (
            lemma in self.lex.speech_verbs or lemma in self.lex.clausal_verbs
        )

    def _says_something(self, head: Token) -> bool:
        """An object that holds something said: a quotation, a predicate ("called it a lie"), a
        noun for words ("told a story", "added a warning")."""
        if head.dep_ in ("oprd", "attr", "acomp"):
            return True
        noun = head
        if head.dep_ == "prep":
            noun = next((g for g in head.children if g.dep_ == "pobj"), head)
        return (
            noun.lemma_.lower() in self.lex.cue_nouns
            or noun.lemma_.lower() in _TOLD_NOUNS
            or any(_is_quote(t) for t in head.subtree)
        )

    def _made_clear(self, verb: Token) -> Attribution | None:
        """'Officials made it clear that paying would be treason', 'made plain that...': what was
        made clear is said."""
        clear = next(
            (c for c in verb.children if c.lower_ in ("clear", "plain") and c.dep_ in _CLARITY_DEPS), None
        )
        if clear is None or any(c.dep_ == "neg" for c in verb.children):
            return None
        clause = next(
            (
                g
                for g in (*clear.children, *verb.children)
                if g.dep_ in ("ccomp", "advcl")
                and g.i > clear.i
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)
            ),
            None,
        )
        subject = _subject(verb)
        if clause is None or subject is None:
            return None
        start, end = _subtree_span(clause)
        if verb.doc[start].lower_ == "that":
            start += 1
        content = _char_span(verb.doc, start, end)
        if content is None:
            return None
        return self._verb_attribution(verb, "make clear", "claim", subject, [content])

    def _going_on(self, verb: Token, lemma: str) -> Attribution | None:
        """'"...," he continued': with nothing after it, a verb of going on cues the quotation
        next to it (find() gives it the quotation, or drops it when there is none)."""
        if any(c.dep_ in ("dobj", "xcomp", "prep", "neg", "auxpass") for c in verb.children):
            return None  # "continued to fight", "continued the talks", "continued with the plan"
        subject = self._going_on_from(verb) or _subject(verb)
        if subject is None or subject.pos_ not in ("PROPN", "PRON", "NOUN"):
            return None
        doc = verb.doc
        contents = []
        for clause in (c for c in verb.children if c.dep_ in ("ccomp", "parataxis")):
            start, end = _subtree_span(clause)
            quoted = any(_is_quote(t) for t in doc[max(0, start - 1) : end + 1])
            if not quoted:
                return None  # "the fighting continued, officials said": no words of its own
            if (span := _char_span(doc, start, end)) is not None:
                contents.append(span)
        return self._verb_attribution(verb, lemma, "claim", subject, contents)

    def _talking(self, verb: Token, lemma: str) -> Attribution | None:
        """'The victims talked of the fog', 'she spoke about her son': what was talked about is
        what was said (talking to or with someone, or on a condition, says nothing)."""
        if any(c.dep_ == "neg" for c in verb.children):
            return None
        about = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("about", "of")), None)
        what = next((g for g in about.children if g.dep_ in ("pobj", "pcomp")), None) if about else None
        subject = _subject(verb)
        if what is None or subject is None:
            return None
        content = _char_span(verb.doc, *_subtree_span(what))
        if content is None:
            return None
        return self._verb_attribution(verb, lemma, "claim", subject, [content])

    def _phrasal_denial(self, verb: Token, text: str) -> Attribution | None:
        """'shot down the claims', 'brushed aside reports', 'waved off the allegation': a verb of
        pushing away with a particle, aimed at a statement, is a denial of it."""
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        lemma = verb.lemma_.lower()
        if obj is not None and (
            (lemma in ("cast", "throw", "pour") and obj.lemma_.lower() in _DOUBT)
            or (lemma in _VOICING and obj.lemma_.lower() == "doubt")
        ):
            # "cast doubt on the group's claim", "poured cold water on reports", "raised doubts
            # about the claim".
            on = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in _DOUBT_PREPS), None)
            on = on or next((c for c in obj.children if c.dep_ == "prep" and c.lower_ in _DOUBT_PREPS), None)
            what = next((g for g in on.children if g.dep_ == "pobj"), None) if on is not None else None
            subject = _subject(verb)
            content = _char_span(verb.doc, *_subtree_span(what)) if what is not None else None
            if subject is None or content is None or what is None:
                return None
            if what.lemma_.lower() in self.lex.cue_nouns or what.lemma_.lower() in _TRUTH_NOUNS:
                return self._verb_attribution(verb, lemma, "denial", subject, [content])
            # Doubts about someone ("about the seriousness of the coalition") judge them.
            att = self._verb_attribution(verb, lemma, "criticism", subject, [content])
            att.target = what
            return att
        if not any(c.dep_ == "prt" and c.lower_ in _AWAY_PARTICLES for c in verb.children):
            return None
        if obj is None or self.lex.cue_nouns.get(obj.lemma_.lower()) not in ("claim", "accusation"):
            return None
        subject = _subject(verb)
        content = _char_span(verb.doc, *_subtree_span(obj))
        if subject is None or content is None:
            return None
        return self._verb_attribution(
            verb, verb.lemma_.lower(), "denial", subject, [content, *_after_colon(obj, text)]
        )

    def _idiom(self, verb: Token) -> Attribution | None:
        """Verb phrases of news whose verb alone says nothing: "held the rebels responsible for the
        bombing" accuses the rebels; "pushed back against the criticism" denies it; "took aim at the
        plan" and "hit out at the plan" criticise it, "took issue with the report" denies it (a
        statement) or criticises it."""
        lemma = verb.lemma_.lower()
        subject = _subject(verb)
        if subject is None or any(c.dep_ == "neg" for c in verb.children):
            return None
        kind: Kind
        if lemma == "hold":
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            blame = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ in ("oprd", "acomp", "ccomp", "xcomp") and c.lower_ in _HELD
                ),
                None,
            )
            if obj is not None and blame is None:
                # "held the rebels responsible": parsed as the object's adjective
                blame = next(
                    (c for c in obj.children if c.dep_ == "amod" and c.i > obj.i and c.lower_ in _HELD), None
                )
            if obj is None and blame is not None:
                # "holds Tehran responsible": parsed as a clause whose subject is the blamed
                obj = next((c for c in blame.children if c.dep_ == "nsubj"), None)
            if obj is None or blame is None:
                return None
            start, end = _subtree_span(obj)
            end = max(end, _subtree_span(blame)[1])
            target, kind = obj, "accusation"
        else:
            prt = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod", "dobj")}
            preps = [c for c in verb.children if c.dep_ == "prep"]
            if (lemma == "point" and "finger" in prt) or (
                lemma in ("lay", "put", "place") and "blame" in prt
            ):
                # "pointed the finger at Iran", "laid the blame on the rebels"
                on = next((c for c in preps if c.lower_ in ("at", "on", "upon")), None)
                what = next((g for g in on.children if g.dep_ == "pobj"), None) if on is not None else None
                if what is None:
                    return None
                start, end = _subtree_span(what)
                end = max(
                    end, max((_subtree_span(c)[1] for c in preps if c.lower_ in ("for", "over")), default=end)
                )
                content = _char_span(verb.doc, start, end)
                if content is None:
                    return None
                att = self._verb_attribution(verb, lemma, "accusation", subject, [content])
                att.target = what
                return att
            if lemma == "call" and any(
                c.lower_ == "into" and any(g.lower_ == "question" for g in c.children) for c in preps
            ):
                # "called the report into question"
                what = next((c for c in verb.children if c.dep_ == "dobj"), None)
                content = _char_span(verb.doc, *_subtree_span(what)) if what is not None else None
                if content is None:
                    return None
                kind = (
                    "denial"
                    if what.lemma_.lower() in self.lex.cue_nouns or what.lemma_.lower() in _TRUTH_NOUNS
                    else "criticism"
                )
                att = self._verb_attribution(verb, lemma, kind, subject, [content])
                att.target = None if kind == "denial" else what
                return att
            if lemma == "push" and "back" in prt:
                on = next((c for c in preps if c.lower_ in ("against", "on", "at")), None)
            elif lemma == "take" and prt & {"aim", "issue"}:
                on = next((c for c in preps if c.lower_ in ("at", "with")), None)
            elif lemma == "hit" and "out" in prt:
                # "hit out at the unions": words, as "lashed out at" is
                on = next((c for c in preps if c.lower_ in ("at", "against")), None)
            else:
                return None
            what = next((g for g in on.children if g.dep_ == "pobj"), None) if on is not None else None
            if what is None:
                return None
            said = what.lemma_.lower() in self.lex.cue_nouns or what.lemma_.lower() in _TRUTH_NOUNS
            if lemma == "push" and not said:
                return None  # "pushed back against the rebels": force
            kind = "denial" if said else "criticism"
            target = None if said else what
            start, end = _subtree_span(what)
        content = _char_span(verb.doc, start, end)
        if content is None:
            return None
        att = self._verb_attribution(verb, lemma, kind, subject, [content])
        att.target = target
        return att

    def _answering_relative(self, verb: Token, lemma: str, kind: Kind) -> Attribution | None:
        """'X accused Y of Z, a charge Y denies': the relative clause answers the clause before."""
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        noun = verb.head
        sent = verb.sent
        if subject is None or noun.left_edge.i <= sent.start:
            return None
        content = _char_span(verb.doc, sent.start, noun.left_edge.i)
        if content is None:
            return None
        return self._verb_attribution(verb, lemma, kind, subject, [content])

    def _quoted_as(self, verb: Token, lemma: str, kind: Kind, quoted: Token) -> Attribution | None:
        """'"...," the website quoted the governor as saying': the governor said it, and the
        website's report of it is a statement of its own (the quoting verb's)."""
        quoting = verb.head.head
        clauses = [c for c in quoting.children if c.dep_ in _CLAUSE_DEPS and c.i < quoting.i]
        doc = verb.doc
        contents: list[Span] = []
        if clauses:
            content = _char_span(doc, *_subtree_span(clauses[0]))
            if content is None:
                return None
            contents = [content]
        elif quoting.dep_ in ("ccomp", "parataxis") and quoting.head.i < quoting.i:
            # The parser hung the quoting verb on the quotation before it: the quotation is said.
            start, end = _subtree_span(quoting.head)
            q_start = _subtree_span(quoting)[0]
            content = _char_span(doc, start, min(end, q_start))
            if content is None:
                return None
            contents = [content]
        # Without a clause before it, find() gives it the quotation next to it, if any.
        return self._verb_attribution(verb, lemma, kind, quoted, contents)

    def _as_relayed(self, verb: Token, lemma: str, kind: Kind) -> Attribution | None:
        """'..., as cited by the Independent', 'as reported by the BBC': the agent relays the
        sentence the clause hangs on."""
        if verb.dep_ != "advcl" or verb.tag_ != "VBN" or lemma not in _RELAYING:
            return None
        if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            return None
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        source = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        if source is None:
            return None
        doc, sent = verb.doc, verb.sent
        head = verb.head
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head  # "X was charged and Y accused, as cited by": the whole sentence
        start, end = _subtree_span(head)
        content = _char_span(doc, max(start, sent.start), min(end, sent.end))
        if content is None:
            return None
        v_start, v_end = _subtree_span(verb)
        hole = (doc[v_start].idx, doc[v_end - 1].idx + len(doc[v_end - 1]))
        return self._verb_attribution(verb, lemma, kind, source, _spans_minus([content], [hole], doc.text))

    def _trailing(self, verb: Token, lemma: str, kind: Kind) -> Attribution | None:
        """'..., the Voice of America (VOA) reported.' when the parser lost the cue's subject.

        The speaker is the phrase between the last comma and the cue; what was said is the
        sentence before that comma.
        """
        doc = verb.doc
        sent = verb.sent
        # "..., a senior lawmaker disclosed on Monday.": when and where it was said may follow.
        after = {t.i for c in verb.rights if c.dep_ in ("prep", "npadvmod", "advmod") for t in c.subtree}
        if any(not (t.is_punct or t.is_space) and t.i not in after for t in doc[verb.i + 1 : sent.end]):
            return None
        comma = next((t for t in reversed(doc[sent.start : verb.i]) if t.text == ","), None)
        if comma is None or comma.i - sent.start < 3:
            return None
        speaker = [t for t in doc[comma.i + 1 : verb.i] if not t.is_punct or t.text in "()"]
        if not speaker or len(speaker) > 12 or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in speaker):
            return None
        content = _char_span(doc, sent.start, comma.i)
        if content is None:
            return None
        head = next((t for t in speaker if t.pos_ in ("PROPN", "NOUN", "PRON")), speaker[0])
        source_span = (speaker[0].idx, speaker[-1].idx + len(speaker[-1]))
        return self._verb_attribution(verb, lemma, kind, head, [content], source_span=source_span)

    def _inverted(self, verb: Token, lemma: str, kind: Kind, text: str) -> Attribution | None:
        """'The plan, he said, will fail': the cue hangs off the reported clause."""
        subject = _subject(verb)
        if subject is None or subject.head.i != verb.i:
            return None
        head = verb.head
        between = verb.doc[verb.i : head.i]
        if (verb.i > head.i or (verb.dep_ == "ccomp" and not any(_is_quote(t) for t in between))) and (
            head.lemma_.lower() in self.lex.speech_verbs or head.lemma_.lower() in self.lex.clausal_verbs
        ):
            # "He said that the group would respond", "X once posted a photo..., the paper
            # reported": what is said, not a cue set into it.
            return None
        start, end = _subtree_span(head)
        content = _char_span(verb.doc, start, end)
        if content is None:
            return None
        v_start, v_end = _subtree_span(verb)
        hole = (verb.doc[v_start].idx, verb.doc[v_end - 1].idx + len(verb.doc[v_end - 1]))
        return self._verb_attribution(verb, lemma, kind, subject, _spans_minus([content], [hole], text))

    def _adverb(self, adverb: Token, text: str) -> Attribution | None:
        """'The firm reportedly paid the fine': the clause is someone's statement, speaker unnamed."""
        head = adverb.head
        start, end = _subtree_span(head)
        end = _before_own_clause(adverb, head, end)
        sent = adverb.sent
        content = _char_span(adverb.doc, max(start, sent.start), min(end, sent.end))
        if content is None:
            return None
        cue_span = (adverb.idx, adverb.idx + len(adverb))
        return Attribution(
            form="adverb",
            lemma=adverb.lower_,
            kind="claim",
            cue=adverb,
            cue_span=cue_span,
            source=None,
            source_span=None,
            content=_spans_minus([content], [cue_span], text),
        )

    def _passive(self, verb: Token, lemma: str, kind: Kind) -> Attribution | None:
        """'Trump is expected to win': a statement whose speaker the sentence leaves out."""
        if lemma not in self.lex.passive_verbs:
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        clause = next((c for c in verb.children if c.dep_ in _CLAUSE_DEPS), None)
        if subject is None or clause is None:
            return None
        spans = [s for s in (_char_span(verb.doc, *_subtree_span(t)) for t in (subject, clause)) if s]
        return self._verb_attribution(verb, lemma, kind, None, spans)

    def _colon(self, verb: Token, colon: Token, lemma: str, kind: Kind, text: str) -> Attribution | None:
        """'Trump said: ...': what follows the colon, to the end of the paragraph."""
        subject = _subject(verb)
        end = text.find("\n", colon.idx)
        end = len(text) if end < 0 else end
        content = _strip(text, colon.idx + 1, end)
        if (tail := _ACCORDING_TAIL.search(text, content[0], content[1])) is not None:
            # 'tweeted a threat: "...," according to the paper': the paper's attribution, not the words.
            content = _strip(text, content[0], tail.start() + 1)
        if content[1] - content[0] < 3 and end < len(text):
            # "An analyst told the agency:" closing a paragraph: the words are the next one.
            start = len(text) - len(text[end:].lstrip())
            end = text.find("\n", start)
            content = _strip(text, start, len(text) if end < 0 else end)
        if content[1] - content[0] < 3:
            return None
        return self._verb_attribution(verb, lemma, kind, subject, [content])

    def _headline_colon(self, colon: Token, text: str) -> Attribution | None:
        """'Lynch: No outside influence on the inquiry': a speaker's name, a colon, their words.

        Only at the start of a line and after a short name, as headlines and transcripts write it.
        """
        doc = colon.doc
        line_start = text.rfind("\n", 0, colon.idx) + 1
        before = [t for t in doc[colon.sent.start : colon.i] if t.idx >= line_start and not t.is_space]
        if (
            not before
            or len(before) > 4
            or any(t.pos_ not in ("PROPN", "NOUN", "DET", "PUNCT", "ADJ") for t in before)
            # "Breaking: ...", "Exclusive: ...": a label, not a speaker.
            or " ".join(t.lower_ for t in before) in self.lex.headline_labels
        ):
            return None
        if not any(t.pos_ in ("PROPN", "NOUN") for t in before):
            return None
        words = [t for t in before if not t.is_punct]
        if (
            line_start > 0
            and len(words) == 1
            and not words[0].is_upper
            and (words[0].pos_ != "PROPN" or words[0].ent_type_ not in _SPEAKER_ENTITIES)
        ):
            # "Victim: Foley was kidnapped...", "Tragic: ..." below a photo: a caption's label.
            # A headline ("Poll: ...") is the first line; a transcript names its speakers.
            return None
        end = text.find("\n", colon.idx)
        end = len(text) if end < 0 else end
        content = _strip(text, colon.idx + 1, end)
        if len(text[content[0] : content[1]].split()) < 3:
            return None
        source = before[-1]
        return Attribution(
            form="colon",
            lemma=":",
            kind="claim",
            cue=colon,
            cue_span=(colon.idx, colon.idx + 1),
            source=source,
            source_span=(before[0].idx, before[-1].idx + len(before[-1])),
            content=[content],
        )

    def _verb_attribution(
        self,
        verb: Token,
        lemma: str,
        kind: Kind,
        source: Token | None,
        content: list[Span],
        *,
        source_span: Span | None = None,
    ) -> Attribution:
        """A statement cued by `verb`; the speaker span is the phrase `source` heads unless given."""
        if source_span is None and source is not None:
            source_span = _phrase_span(source)
        return Attribution(
            form="verb",
            lemma=lemma,
            kind=kind,
            cue=verb,
            cue_span=self._cue_span(verb),
            source=source,
            source_span=source_span,
            content=content,
        )

    @staticmethod
    def _cue_span(verb: Token) -> Span:
        end = verb
        for child in verb.rights:
            if child.dep_ == "prt" and child.i == end.i + 1:
                end = child
        return verb.idx, end.idx + len(end)

    # -- cue nouns -------------------------------------------------------------------------

    def _struck(self, noun: Token, heads: list[Token]) -> bool:
        """What an attack noun is aimed at is a place or a thing, so the attack is force: "Russia's
        attack on Ukraine", "the attack on the tanker", "a missile attack on..." ("Trump's attack
        on Clinton", "his attacks on immigrants" are words)."""
        if any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in _FORCE_KINDS for c in noun.children):
            return True
        return any(
            h.ent_type_ in ("GPE", "LOC", "FAC")
            or h.lemma_.lower() in _STRUCK
            or h.lemma_.lower() in self.lex.protected
            for h in heads
        )

    def _noun(self, noun: Token, lemma: str, text: str) -> Attribution | None:
        source: Token | None = None
        content_heads: list[Token] = []
        for child in noun.children:
            if child.dep_ == "poss" or (
                child.dep_ == "nsubj" and noun.tag_ == "NNS" and noun.dep_ in ("ROOT", "ccomp")
            ):
                # nsubj: the parser reads a headline's "US claims" as subject and verb; but in
                # "Manila was to blame" the subject is the one blamed, not the speaker.
                source = child
            elif (
                child.dep_ in ("amod", "compound")
                and child.i < noun.i
                and (child.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or child.pos_ == "PROPN")
            ):
                source = source or child
            elif child.dep_ in ("acl", "ccomp", "advcl") and any(
                g.dep_ == "mark" and (child.dep_ != "advcl" or g.lower_ == "that") for g in child.children
            ):
                # advcl: the parser's reading of "claims that the town had fallen" after a noun.
                content_heads.append(child)
            elif child.dep_ == "prep" and child.lower_ == "by":
                source = next((g for g in child.children if g.dep_ == "pobj"), source)
            elif child.dep_ == "prep" and child.lower_ in ("in", "from"):
                # "reports in the Turkish press that...", "claims from the rebel media".
                source = next(
                    (g for g in child.children if g.dep_ == "pobj" and g.lemma_.lower() in _PRESS_NOUNS),
                    source,
                )
            elif child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in _MAKING:
                # "claims made by a senator that...": the maker speaks, the clause is the claim.
                for g in child.children:
                    if g.dep_ == "agent":
                        source = next((p for p in g.children if p.dep_ == "pobj"), source)
                    elif g.dep_ in ("ccomp", "advcl") and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in g.children
                    ):
                        content_heads.append(g)
            elif child.dep_ == "prep" and child.lower_ in _NOUN_CONTENT_PREPS and not _when(child):
                # "a statement on Thursday", "its message on Friday": when, not what.
                # "attacks of his own": whose, not what.
                content_heads.extend(
                    g for g in child.children if g.dep_ in ("pobj", "pcomp") and g.lower_ != "own"
                )
        if source is None:
            source = _possessor_before(noun)
        if (
            source is None
            and noun.dep_ == "dobj"
            and noun.head.lemma_.lower() in _MAKING | _VOICING | _DELIVERING
            and self.lex.cue_nouns[lemma] != "claim"
        ):
            # "the EU issued a condemnation of the attack": who issues it speaks. ("raised
            # concerns", "made comments" are left as they were: most name no statement.)
            source = _subject(noun.head)
        if (
            source is None
            and noun.dep_ == "dobj"
            and noun.head.lemma_.lower() in _MAKING | _LAUNCHING
            and any(h.dep_ in ("acl", "ccomp", "advcl") for h in content_heads)
        ):
            # "made the announcement that he had authorized strikes", "launched a rumour that she
            # was captured": with a that-clause, what is made is a statement whoever makes it.
            source = _subject(noun.head)
        if (
            source is None
            and noun.dep_ == "dobj"
            and noun.head.lemma_.lower() in _DRAWING
            and self.lex.cue_nouns[lemma] != "claim"
            and (
                sayer := next(
                    (
                        g
                        for p in (*noun.children, *noun.head.children)
                        if p.dep_ == "prep" and p.lower_ == "from"
                        for g in p.children
                        if g.dep_ == "pobj"
                    ),
                    None,
                )
            )
            is not None
            and (drawn := next((c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")), None))
            is not None
        ):
            # "the swap drew criticism from Republicans": they criticise what drew it.
            source, content_heads = sayer, [drawn]
        if (
            source is None
            and noun.dep_ == "pobj"
            and noun.head.lower_ in _CHANNEL_PREPS
            and noun.head.head.lemma_.lower() in self.lex.speech_verbs
        ):
            # "The Red Cross said in a statement that...", the clause parsed as the statement's.
            # Not "described the sanctions as an attack on its sovereignty": what the speaker
            # calls the thing, inside their own statement, not a second one.
            source = _subject(noun.head.head)
        clause = any(h.dep_ in ("acl", "ccomp", "advcl") for h in content_heads)
        # Without a speaker and a that-clause, "the denial came after..." tells a story, not a statement.
        if not content_heads or (source is None and not clause):
            return None
        if (
            not clause
            and lemma in _CHANNEL_NOUNS
            and noun.dep_ == "pobj"
            and noun.head.lower_ in _CHANNEL_PREPS
            and self._is_cue_verb(noun.head.head)
        ):
            return None  # "In a statement about her, the family called her...": the channel
        if lemma == "fear" and not clause and any(h.head.lower_ == "of" for h in content_heads):
            return None  # "her fears of being arrested": a feeling about herself, nothing said
        if lemma in self.lex.physical_verbs and not clause and self._struck(noun, content_heads):
            # "Russia's attack on Ukraine", "the attack on the tanker" are force; "Trump's attack on
            # Clinton", "his attacks on Muslims" are words (and "Osama's attacks on New York" force:
            # the speaker tells nothing).
            return None
        doc = noun.doc
        start = min(_subtree_span(h)[0] for h in content_heads)
        end = max(_subtree_span(h)[1] for h in content_heads)
        if clause:
            # Content of "claims that X" is X: the mark belongs to the construction, not the claim.
            while start < end and doc[start].dep_ == "mark":
                start += 1
        content = _char_span(doc, start, end)
        if content is None:
            return None
        if source is not None:
            s_start = source.left_edge.i
            s_end = source.i + 1
            # "Guterres'": the possessive marker is not part of the name.
            source_span = _char_span(doc, s_start, s_end)
        else:
            source_span = None
        return Attribution(
            form="noun",
            lemma=lemma,
            kind=self.lex.cue_nouns[lemma],
            cue=noun,
            cue_span=(noun.idx, noun.idx + len(noun)),
            source=source,
            source_span=source_span,
            content=[content],
        )

    # -- according to ----------------------------------------------------------------------

    def _according(self, according: Token, text: str) -> Attribution | None:
        doc = according.doc
        to = doc[according.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            return None
        sent = according.sent
        a_start, a_end = _subtree_span(according)
        a_end = max(a_end, _subtree_span(to)[1])
        head = according.head if according.head.i != according.i else sent.root
        while head.dep_ == "conj" and head.head.i < head.i < according.i and head.head.i >= sent.start:
            # "X have travelled..., and almost all have joined Isis, according to officials": a
            # closing "according to" covers the whole coordination, not its last clause.
            head = head.head
        start, end = _subtree_span(head)
        start, end = max(start, sent.start), min(end, sent.end)
        content = _char_span(doc, start, end)
        if content is None:
            return None
        hole = (doc[a_start].idx, doc[a_end - 1].idx + len(doc[a_end - 1]))
        return Attribution(
            form="according",
            lemma="according to",
            kind="claim",
            cue=according,
            cue_span=(according.idx, to.idx + len(to)),
            source=source,
            source_span=_phrase_span(source),
            content=_spans_minus([content], [hole], text),
        )

    # -- quotes without a cue ----------------------------------------------------------------

    def _quotes_without_cue(
        self, doc: Doc, text: str, quotes: list[Quote], found: list[Attribution]
    ) -> list[Attribution]:
        """A quotation no cue claimed continues the speaker of the last quote before it."""
        covered = [s for a in found for s in a.content]
        ordered = sorted(found, key=lambda a: a.start)
        out: list[Attribution] = []
        for q in quotes:
            if any(s <= q.start and q.end <= e for s, e in covered):
                continue
            previous = [a for a in ordered if a.start < q.start and a.source_span is not None]
            last = _quoting(previous) if previous else None
            if last is not None and _resumes(text, last, q):
                # '"It is hard," said the senator, "because..."': the quotation the cue broke.
                last.content.append(q.span)
                covered.append(q.span)
                continue
            # A quoted word or title ("hegemonic policy") is a citation, not a statement.
            if last is None or not _stands_alone(text, q):
                continue
            if last.direct_quote and _same_paragraph(text, max(e for _, e in last.content), q.start):
                # "“A,” he said. “B.”": one statement in two fragments, as news writing means it.
                last.content.append(q.span)
                covered.append(q.span)
                continue
            if len(text[q.start : q.end].split()) < 5:
                continue
            out.append(
                Attribution(
                    form="floating",
                    lemma=last.lemma,
                    kind="claim",
                    cue=None,
                    cue_span=None,
                    source=last.source,
                    source_span=last.source_span,
                    content=[q.span],
                    direct_quote=True,
                    inherited_from=last,
                )
            )
            covered.append(q.span)
        return out


# What ends a line of running text: a sentence's full stop, a closing quote or bracket.
_LINE_ENDS = tuple(".?!\"”’'):;…]")
# What marks a caption: a short label before a colon ("Tragic:", "Begging for mercy:",
# "Related:"), or words that point at the picture ("(pictured)", "Jordan (left)").
_CAPTION_LABEL = re.compile(r"^[A-Z][\w'’-]*(?: [\w'’-]+){0,3}: ")
_PICTURED = re.compile(r"\bpictured\b|\((?:left|right|centre|center|top|bottom|above|below|inset)\)", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _ended(line: str) -> bool:
    """The line ends as a sentence does: a stop, or a closing quotation mark after one (a quoted
    phrase closing the line, "...collided with a 'heavy vehicle'", ends no sentence)."""
    bare = line.rstrip("\"”’'")
    if bare != line:
        return bare.endswith(tuple(".?!…,"))
    return line.endswith(_LINE_ENDS)


def caption_lines(text: str) -> list[Span]:
    """Paragraphs under the headline that are sentences without a full stop: photo captions
    ("Lucy Somers said she learned of his death from FBI agents"), "Related: ..." links.

    Newspapers end every paragraph of the body with a full stop and leave it off the lines set
    around the body. A paragraph counts when it is not the first, is one line (a hard-wrapped
    body has lines without stops inside its paragraphs), holds at least four words mostly in
    lower case (a title-case heading is left to the headline rules), has no quotation left open
    (that one runs on in the next paragraph) and has text after it (a last paragraph may just
    have lost its stop).
    """
    out: list[Span] = []
    for k, (s, e) in enumerate(paragraphs(text)):
        line = text[s:e].strip()
        if k == 0 or "\n" in line or _ended(line) or not text[e:].strip():
            continue
        words = _WORD.findall(line)
        if len(words) < 4 or 2 * sum(w[0].islower() for w in words) < len(words):
            continue
        if line.count("“") != line.count("”") or line.count('"') % 2:
            continue
        if not (_CAPTION_LABEL.match(line) or _PICTURED.search(line)):
            continue
        out.append((s, e))
    return out


def _after_colon(head: Token, text: str) -> list[Span]:
    """'shot down Hunter's claims: "We have no credible intelligence..."': the words after a colon
    that closes the phrase are what the speaker said against it, to the end of the paragraph."""
    doc = head.doc
    end = head.right_edge.i + 1
    if end >= len(doc) or doc[end].text != ":":
        return []
    start = doc[end].idx + 1
    stop = text.find("\n", start)
    stop = len(text) if stop < 0 else stop
    opening = text[start:stop].lstrip()
    if opening and opening[0] in _QUOTE_CHARS:
        # A quotation: to its closing mark, not into the narration after it.
        first = start + text[start:stop].index(opening[0])
        close = next((k for k in range(first + 1, stop) if text[k] in _QUOTE_CHARS), stop - 1)
        stop = close + 1
    content = _strip(text, start, stop)
    return [content] if content[1] - content[0] >= 3 else []


# Spaces within a line, the no-break space news sites put after a full stop among them.
_BLANKS = " \t\u00a0"


def _stands_alone(text: str, quote: Quote) -> bool:
    """A quotation that is a sentence of its own; one inside a narrative sentence is a citation."""
    before = text[: quote.start].rstrip(_BLANKS)
    after = text[quote.end :].lstrip(_BLANKS)
    return (not before or before[-1] in "\n.!?:”\"'") and (
        # '"...never ends." "The police..."': another quotation may follow straight on.
        not after or after[0] in '\n"“‘' or after[0].isupper()
    )


def _resumes(text: str, att: Attribution, quote: Quote) -> bool:
    """The quotation goes on after the cue that broke it: '"A," he said, "B."' (a comma, then the
    quotation, right after the speaker or the cue of a statement in quoted words)."""
    if not att.direct_quote or att.cue_span is None or att.source_span is None:
        return False
    end = max(att.cue_span[1], att.source_span[1])
    if end > quote.start or max(e for _, e in att.content) > min(att.cue_span[0], att.source_span[0]):
        return False  # the quoted words come first, then the cue and speaker, then this quotation
    between = text[end : quote.start]
    return between.strip(_BLANKS) == ","


def _quoted_inside(att: Attribution, quotes: list[Quote]) -> bool:
    """Cue and speaker both inside one quotation, or a first-person speaker quoted."""
    if att.cue_span is None:
        return False
    for q in quotes:
        if q.start < att.cue_span[0] < q.end:
            if att.source is not None and att.source.lower_ in _FIRST_PERSON:
                return True
            if att.form == "according" and att.source is not None and att.source.pos_ == "PROPN":
                # '"According to Amnesty International, 79 people were executed," the paper
                # reported': a named source the quoted words cite is a statement of its own.
                return False
            return att.source_span is not None and q.start < att.source_span[0] < q.end
    return False


def _adjacent_quote(att: Attribution, quotes: list[Quote], text: str) -> list[Span]:
    """'"Why now?" she asked.' / 'she said, "..."': the quotation right before or after the cue."""
    marks = [s for s in (att.source_span, att.cue_span) if s]
    if not marks:
        return []
    first, last = min(s for s, _ in marks), max(e for _, e in marks)
    for q in quotes:
        if q.end <= first and not text[q.end : first].strip(" ,\t"):
            return [q.span]
        if q.start >= last and not text[last : q.start].strip(" ,:\t"):
            return [q.span]
    return []


def _quoting(previous: list[Attribution]) -> Attribution:
    """The statement a quotation after `previous` goes on with: the last one, or the quoted words
    a participle of the last one hangs from ('"A," she said, referring to the law. "B."': B goes on
    with A; the reference is a statement of its own)."""
    last = previous[-1]
    if last.direct_quote or last.cue is None or last.cue.dep_ not in ("advcl", "conj", "xcomp"):
        return last
    for earlier in reversed(previous[:-1]):
        if earlier.direct_quote and earlier.cue is not None and earlier.cue.i == last.cue.head.i:
            return earlier
    return last


def _same_paragraph(text: str, start: int, end: int) -> bool:
    return start <= end and "\n" not in text[start:end]


def _called_false(inner: Attribution, outer: Attribution, falsehoods: Container[str]) -> bool:
    """The outer statement says the inner one is false: "adding that the US claims that X were
    untrue". A copula after the inner cue with no subject of its own (its subject is the inner
    statement) is followed within a few words by a falsehood. The parser may hang that copula
    from the inner cue; the inner content then ends before it."""
    if inner.cue is None or not outer.content:
        return False
    doc = inner.cue.doc
    outer_end = max(e for _, e in outer.content)
    for token in doc[inner.cue.i + 1 :]:
        if token.idx >= outer_end:
            return False
        if token.lemma_ != "be" or token.dep_ in ("aux", "auxpass"):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children):
            continue
        if any(t.lower_ in falsehoods for t in doc[token.i + 1 : token.i + 5]):
            inner.content = [(s, min(e, token.idx)) for s, e in inner.content if s < token.idx]
            inner.content = [(s, len(doc.text[:e].rstrip())) for s, e in inner.content]
            inner.called_false = bool(inner.content)
            return inner.called_false
    return False


def _relative_claim(inner: Attribution, outer: Attribution) -> bool:
    cue = inner.cue
    return (
        inner.kind == "claim"
        and inner.form == "verb"
        and cue is not None
        and cue.dep_ == "relcl"
        and inner.source is not None
        and outer.source is not None
        and inner.source.head.i == cue.i  # its own subject, not the noun it describes ("officials who said")
        and inner.source.tag_ not in ("WP", "WDT")
        and inner.source.pos_ != "PRON"
        and inner.source.i != outer.source.i
        and any(_says_of_its_own(c) for c in cue.children if c.dep_ == "ccomp")
    )


def _says_of_its_own(clause: Token) -> bool:
    """A reported clause with a subject of its own ("the group claims she was abducted"), not one
    whose subject is the relative pronoun ("the bridge, which the army says was destroyed"): the
    latter says nothing without the noun outside it."""
    return any(
        c.dep_ in _SUBJECT_DEPS | {"expl"} and c.tag_ not in ("WDT", "WP") for c in clause.children
    ) and not any(t.tag_ in ("WDT", "WP") for t in clause.subtree)


def _drop_nested(
    found: list[Attribution], clausal: Container[str], falsehoods: Container[str] = frozenset()
) -> list[Attribution]:
    """Drop statements reported inside another statement's content ("he said I think...").

    What a speaker is quoted as thinking is part of what the speaker said, not a statement of
    its own. The exception is the statement a denial, accusation or criticism answers
    ("denied American claims that...", "said the US claims that X were untrue"): it is kept,
    since the rebuttal links to it.
    """
    kept = []
    dropped_outers: set[int] = set()
    for inner in found:
        # The nearest statement around it: in "noted that the group had denied ISIS claims that...",
        # the claims are inside the denial, which is inside the note.
        outer = min(
            (
                o
                for o in found
                if o is not inner
                and within(inner.cue_span, o.content)
                and not within(o.cue_span, inner.content)
            ),
            key=lambda o: sum(e - s for s, e in o.content),
            default=None,
        )
        if outer is not None and outer.lemma in clausal and inner.kind != "claim":
            # "sought better ties, blaming the US": the blame is the statement, not the wish.
            dropped_outers.add(id(outer))
        if (
            outer is None
            or (outer.kind != "claim" and inner.form == "noun")
            # "denied the ISIS claims that...", parsed with "claims" as a verb: still what is denied.
            # Not the denier naming what it denies ("denied the charge, calling it a provocation"):
            # that is the denial going on, said by the same subject.
            or (
                outer.kind == "denial"
                and inner.kind == "claim"
                and not outer.direct_quote
                and not (
                    inner.cue is not None
                    and (
                        # "calling the reports a provocation", not "calling on leaders to...".
                        (
                            inner.lemma in _NAMING
                            and any(
                                c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")
                                for c in inner.cue.children
                            )
                        )
                        # "..., saying the soldiers had not crossed": a participle goes on with it.
                        or (inner.lemma not in _NAMING and inner.cue.tag_ == "VBG")
                    )
                    and inner.source is not None
                    and outer.source is not None
                    and inner.source.i == outer.source.i
                )
            )
            # What the outer statement calls false: the claim it denies, with a speaker of its own.
            or (
                inner.kind == "claim"
                and inner.source is not None
                and outer.source is not None
                and inner.source.i != outer.source.i
                and _called_false(inner, outer, falsehoods)
            )
            # A denial or accusation reported by a third party ("X denied..., VOA reported") is
            # the news itself; a belief inside someone's quotation is not.
            or (inner.kind != "claim" and not outer.direct_quote)
            # "was not in the town at the time the group claims she was abducted": another side's
            # claim the speaker sets a fact against, in a relative clause with a subject of its own.
            or _relative_claim(inner, outer)
            # "According to the Post, one official said...", "X reported that Y said...": the
            # report carries a statement with a speaker of its own, which is the news.
            # '"According to Amnesty, 79 were executed," the paper reported': the source the
            # relayed words name.
            or (
                inner.form == "according"
                and inner.source is not None
                and inner.source.pos_ == "PROPN"
                and (outer.lemma in _RELAYING or outer.form == "according")
            )
            or (
                inner.form == "verb"
                and inner.source_span is not None
                and (inner.direct_quote or any(c.dep_ == "ccomp" for c in inner.cue.children))
                and (
                    outer.form == "according"
                    or outer.lemma in _RELAYING
                    or (
                        not outer.direct_quote
                        and outer.source is not None
                        and outer.source.lemma_.lower() in _RELAYING_SOURCES
                    )
                )
            )
        ):
            kept.append(inner)
    return [a for a in kept if id(a) not in dropped_outers]
