"""The kind of each statement, whom it is aimed at, and how sure the extractor is of it.

The cue decides first: "denied" is a denial, "accused" an accusation. A neutral cue ("said",
a quotation) takes its kind from what is said, read off the parse of the whole content:

- a flat rejection ("we have never had...", "that is not true", "these are lies"), or a negated
  assertion that names another actor's claim ("she was not there when IS claims she was taken"),
  is a denial, aimed at whoever owns the claim;
- a predicate of wrongdoing whose subject or owner is another actor ("X is responsible for",
  "their crimes", "X broke the law", "X is helping the terrorists") is an accusation of that
  actor; acts of war reported with their agent ("the jets bombed the town") stay claims, as the
  news reports them;
- a judgement of another actor ("the coalition is not serious", "their depravity") is a criticism
  of it; condemning an act ("an abhorrent act", "we are appalled") is one even when its author
  is not named.

Blame that no actor is the subject of ("two soldiers were killed", "the stolen jets") accuses no
one: the statement stays a claim.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

from spacy.tokens import Doc, Token

from .attribution import Attribution
from .lexicon import Lexicon
from .spans import tokens_in
from .types import Kind

A = TypeVar("A")

# How much each construction is to be trusted, from how often it was right when measured.
_FORM_CONFIDENCE = {
    "verb": 0.8,
    "according": 0.85,
    "noun": 0.65,
    "colon": 0.6,
    "floating": 0.6,
    "adverb": 0.6,
}

_COPULAS = frozenset(
    {"is", "are", "was", "were", "be", "been", "'s", "'re", "mere", "merely", "pure", "all", "just", "simply"}
)
# Words after a copula that lead away from what the subject is called: "is the subject of ...".
_LINKING = frozenset(
    {"of", "to", "about", "that", "than", "in", "for", "with", "by", "on", "when", "if", "because", "while"}
)
_NAMING_VERBS = frozenset({"call", "describe", "brand", "label", "term", "dismiss"})
# Verbs whose subject owns what they introduce: "IS claims she was abducted".
_CLAIMING_VERBS = frozenset({"claim", "allege", "say", "report", "assert", "insist", "suggest", "accuse"})
_NEGATIONS = frozenset({"not", "n't", "never", "no", "nothing", "nobody", "neither", "nor"})
# Dependencies that lead from a word up to the clause whose subject is its author or bearer:
# "X is only an excuse for protecting ISIL" -> protecting, for, excuse, is (subject X).
_UP_DEPS = frozenset({"prep", "pobj", "pcomp", "dobj", "attr", "acomp", "oprd", "xcomp", "conj", "advmod"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Nouns of what is said: a wrong inside them ("allegations of misconduct") is not their maker's.
_REPORTED = frozenset(
    {"allegation", "accusation", "claim", "charge", "report", "suspicion", "rumour", "rumor"}
)
# Nouns whose "of" phrase is not their author: what the act befell, what a cause brings about.
_ACTS = frozenset(
    {
        "murder",
        "attack",
        "use",
        "massacre",
        "slaughter",
        "rape",
        "torture",
        "abuse",
        "death",
        "act",
        "cause",
        "source",
    }
)


@dataclass(frozen=True, slots=True)
class Resolver(Generic[A]):
    """How phrases of the words map to actors; the caller knows the actors, this module does not."""

    named: Callable[[Token], A | None]  # the actor a phrase names, other than the speaker's side
    nearby: Callable[[Token], A | None]  # the actor a token mentions, outlets the words cite left out
    extremists: Container[int] = frozenset()  # tokens naming an actor known as an armed extremist group
    own: Callable[[Token], bool] = lambda token: False  # the phrase names the speaker's own side


@dataclass(frozen=True, slots=True)
class Verdict(Generic[A]):
    kind: Kind
    confidence: float
    aimed_at: A | None = None  # the actor the words accuse, criticise or whose claim they deny


def _tokens_in(doc: Doc, att: Attribution) -> list[Token]:
    return list(tokens_in(doc, att.content))


def _norm(token: Token) -> str:
    return token.lower_.replace("’", "'")


_OPENING = frozenset({"“", '"', "‘"})
_CLOSING = frozenset({"”", '"', "’"})


def _in_quotes(token: Token) -> bool:
    """A word inside quotation marks within its sentence ("condemned the “barbaric” attack",
    "said the “cowardly” attack..."): the speaker's own word even in indirect speech."""
    sent = token.sent
    before = [t.text for t in token.doc[sent.start : token.i] if t.text in _OPENING | _CLOSING]
    opened = sum(1 for q in before if q in ("“", "‘")) - sum(1 for q in before if q in ("”", "’"))
    straight = before.count('"') % 2 == 1
    if not (opened > 0 or straight):
        return False
    return any(t.text in _CLOSING for t in token.doc[token.i + 1 : sent.end])


# Between "not" and what it negates, words that do not change the rejection: "not really true",
# "doesn't really jibe with", "not entirely accurate".
_SOFTENERS = frozenset({"really", "entirely", "quite", "exactly", "completely", "wholly", "altogether"})


def _has_phrase(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    # The tokenizer splits "didn't" into "did" + "n't": the lexicons write "did not".
    said = ["not" if w == "n't" else w for w in words]
    said = [w for i, w in enumerate(said) if not (w in _SOFTENERS and i > 0 and said[i - 1] == "not")]
    joined = " " + " ".join(said) + " "
    return any(" " + " ".join(p) + " " in joined for p in phrases)


_ACT_MARK = "<act>"


def _with_acts(tokens: list[Token]) -> list[str]:
    """The words, with each verb of doing (not a participle: "was fabricated") marked, so that
    "is spreading disinformation" is not read as "is disinformation"."""
    return [
        _ACT_MARK if t.pos_ == "VERB" and t.tag_ in ("VBG", "VB", "VBD", "VBZ", "VBP") else _norm(t)
        for t in tokens
        if not t.is_punct
    ]


@cache
def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        if p:
            index.setdefault(p[0], []).append(p)
    return {w: tuple(ps) for w, ps in index.items()}


def _affirmed_phrase(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """One of the phrases stands with no negation among the four words before it: not "we did
    not turn a blind eye", "none of it was beyond the pale"."""
    index = _by_first_word(phrases)
    for i, w in enumerate(words):
        for p in index.get(w, ()):
            if tuple(words[i : i + len(p)]) == p and not any(
                x in _NEGATIONS or x == "none" for x in words[max(0, i - 4) : i]
            ):
                return True
    return False


_INTENSIFIERS = frozenset(
    {
        "absolutely",
        "completely",
        "totally",
        "utter",
        "utterly",
        "pure",
        "complete",
        "total",
        "just",
        "all",
        "such",
    }
)


def _bare_falsehood(words: list[str], lexicon: Lexicon) -> bool:
    """ "Nonsense", "Utter rubbish", "Lies, all lies": the words are nothing but a word of
    falsehood, the whole answer to what was put."""
    falsehoods = lexicon.copula_falsehoods | lexicon.dismissive
    return (
        0 < len(words) <= 4
        and any(w in falsehoods for w in words)
        and all(w in falsehoods or w in _INTENSIFIERS for w in words)
    )


def _called_false(words: list[str], falsehoods: frozenset[str]) -> bool:
    """Something is said to be false: "these are lies", "the report was all propaganda",
    "the claim was “an old trick”"."""
    for i, w in enumerate(words):
        if w not in _COPULAS or (i > 0 and words[i - 1] == "there"):
            continue  # "there is speculation that...": no denial
        for j in range(i + 1, min(i + 6, len(words))):
            if words[j] in falsehoods:
                return True
            if words[j] == "of" and words[j - 1] == "part":
                continue  # "were part of a propaganda campaign"
            if words[j] in _LINKING or words[j] == _ACT_MARK:
                break  # "is the subject of speculation", "was linked to propaganda": not called false
    return False


def _copula(verb: Token) -> bool:
    """ "is", and "’s" after "that", which the tagger may read as a verb of its own lemma."""
    return verb.lemma_ == "be" or _norm(verb) in ("'s", "'re", "'m")


def _negated(token: Token) -> bool:
    """The predicate is denied: "did not kill", "is not responsible", "no evidence", "never lied"."""
    for t in (token, token.head) if token.dep_ in ("acomp", "attr", "dobj") else (token,):
        if any(
            c.dep_ == "neg" or (c.lower_ in _NEGATIONS and c.dep_ in ("det", "advmod")) for c in t.children
        ):
            return True
    return False


def _conditional(token: Token) -> bool:
    """Inside a clause of condition: "if they have committed a serious crime" (not "as if", a
    comparison, nor "even if", a concession)."""
    return any(
        a.dep_ == "advcl"
        and any(
            c.dep_ == "mark"
            and c.lower_ in ("if", "unless")
            and (c.i == 0 or c.nbor(-1).lower_ not in ("as", "even"))
            for c in a.children
        )
        for a in (token, *token.ancestors)
    )


def _predicative(token: Token) -> bool:
    """A word that says something of someone, not a participle that only names a thing ("the
    stolen jets")."""
    return not (token.pos_ == "VERB" and token.dep_ == "amod")


def _subject_of(verb: Token) -> Token | None:
    """The author of what a verb says: its subject, the agent of a passive, or the noun a relative
    clause describes ("the group that beheaded him")."""
    for _ in range(4):
        for child in verb.children:
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        if any(c.dep_ == "auxpass" for c in verb.children):
            return None  # "he was detained": by whom, the words do not say
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                    return _relative_antecedent(child, verb)
                return child
        if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
            continue
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "an attempt to tarnish", "the men who killed him"
        return None
    return None


def _act(noun: Token) -> bool:
    """A noun naming an act, whose "of" phrase is what it befell ("the beheading of a journalist"),
    not its author ("the hypocrisy of the West")."""
    return (
        noun.lower_.endswith(("ing", "ings", "tion", "tions", "sion", "ment")) or noun.lemma_.lower() in _ACTS
    )


def _sentential(pronoun: Token) -> bool:
    """ ", which is unfortunate" after a comma may stand for the whole clause before it."""
    return pronoun.lower_ == "which" and pronoun.i > 0 and pronoun.nbor(-1).text == ","


def _relative_antecedent(pronoun: Token, verb: Token) -> Token | None:
    """What a relative pronoun stands for: the noun before it ("the men who killed him"); a
    sentential "which" is left to the caller, who looks at the clauses it may stand for."""
    return pronoun if _sentential(pronoun) else verb.head


def _bearer(token: Token, *, climb: bool = True, within: Container[int] | None = None) -> list[Token]:
    """Phrases that may name whom a word of blame or judgement is about, nearest first. climb: up
    to the clause whose subject bears it, not for a word that only names a thing."""
    out: list[Token] = []
    if token.pos_ in ("NOUN", "PROPN"):
        for child in token.children:
            if child.dep_ in ("poss", "appos") or (child.dep_ == "compound" and child.pos_ == "PROPN"):
                out.append(child)
            elif child.dep_ == "amod" and child.ent_type_ in ("NORP", "GPE"):
                out.append(child)  # "American intervention"
            elif child.dep_ == "prep" and (
                child.lower_ == "by" or (child.lower_ == "of" and not _act(token))
            ):
                out.extend(g for g in child.children if g.dep_ == "pobj")
        if token.dep_ in _SUBJECTS or not climb:
            return out  # "their depravity knows no limit": the sentence's subject is the word itself
    elif token.pos_ == "ADJ" and token.dep_ == "amod" and token.head.pos_ in ("NOUN", "PROPN"):
        # "the corrupt regime", "its hostile attempt"; "X is a corrupt regime" is said of X, but
        # "the man suspected of the horrific beheading" condemns no one.
        head = token.head
        if any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in head.children):
            return []  # "an end to our disastrous trade policies": the speaker's side's own
        own = [] if _act(head) else [head]  # "the horrific beheading of X": X is its victim
        return [*_bearer(head, climb=head.dep_ in ("attr", "oprd")), *own]
    # Up to the clause whose subject is its author: "X is responsible for", "X committed crimes".
    t = token
    for _ in range(5):
        if within is not None and t.i not in within:
            break  # "lashed out at X for supporting...": the cue's subject did not support them
        if t.dep_ == "pcomp" and t.head.lower_ == "for" and t.head.head.pos_ in ("NOUN", "PROPN", "PRON"):
            out.append(t.head.head)  # "the western countries ... for supporting terrorists"
        if t.pos_ in ("VERB", "AUX"):
            subject = _subject_of(t)
            if subject is not None and _sentential(subject):
                # "he repeats what they say, which is unfortunate": the clauses "which" may stand
                # for, the outermost first (the speaker's own is left out by the resolver).
                clauses = [a for a in reversed(list(subject.head.ancestors)) if a.pos_ in ("VERB", "AUX")]
                out.extend(x for a in clauses if (x := _subject_of(a)) is not None and not _sentential(x))
                break
            if subject is not None:
                if not (_act(subject) and any(c.lower_ == "of" for c in subject.children)):
                    out.append(subject)  # but "the beheading of X was barbaric" is not said of X
                if subject.pos_ in ("NOUN", "PROPN") and subject.i != token.i:
                    out.extend(_bearer(subject))  # "moves by the US", "its attempt"
                break
            if any(c.dep_ == "auxpass" for c in t.children):
                if t.i == token.i and token.lemma_.lower() in _STATES_OF_MIND:
                    # "the judges might be biased", read as a passive: a state of the subject
                    out.extend(c for c in t.children if c.dep_ == "nsubjpass")
                break
        if t.dep_ not in _UP_DEPS or t.head.i == t.i:
            break
        t = t.head
        if t.pos_ == "NOUN" and t.lemma_.lower() in _REPORTED:
            break  # "made allegations of misconduct": the wrong is alleged, not the alleger's
    return out


# Participles that say what their subject is like, not what was done to it ("the election was
# rigged" says nothing of the election's own doing; "the judges are biased" does).
_STATES_OF_MIND = frozenset({"bias", "biased", "prejudice", "prejudiced"})


def _failed_owner(token: Token, resolve: Resolver[A]) -> A | None:
    """Whose doing a word of failure says went wrong: the owner of the noun it is or qualifies
    ("Obama's disastrous policies", "the Bush-Cheney disaster", "Trump's failed casino"), never
    the speaker's side ("our disastrous trade policies"); "a natural disaster", "the failed coup"
    name no one's."""
    noun = token if token.pos_ in ("NOUN", "PROPN") else None
    if token.dep_ == "amod" and token.head.pos_ in ("NOUN", "PROPN"):
        noun = token.head
    if noun is None or any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in noun.children):
        return None
    owners = (c for c in noun.children if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN"))
    return next((actor for c in owners if (actor := resolve.named(c)) is not None), None)


def _clause_subject(token: Token) -> Token | None:
    """The subject of the clause a word is part of: "the use of chlorine" in "the use of
    chlorine is an abhorrent act"."""
    t = token.head if token.dep_ == "amod" else token
    for _ in range(5):
        if t.pos_ in ("VERB", "AUX"):
            return _subject_of(t)
        if t.dep_ not in _UP_DEPS or t.head.i == t.i:
            return None
        t = t.head
    return None


def _aimed(
    token: Token, resolve: Resolver[A], *, guess: bool = False, within: Container[int] | None = None
) -> A | None:
    phrases = _bearer(token, within=within)
    for phrase in phrases:
        actor = resolve.named(phrase)
        if actor is not None:
            return actor
    if guess and any(p.pos_ in ("NOUN", "PROPN") for p in phrases):
        # Wrongdoing borne by a thing with no actor named in it ("the behaviour had contributed
        # to...") is most often the sentence's actor misattached by the parser: the first one it
        # names outside what the word itself governs (the helped, the harmed), and not the
        # extremists it would help.
        own = {t.i for t in token.subtree}
        for t in token.sent:
            if t.i not in own and t.i not in resolve.extremists and (actor := resolve.nearby(t)) is not None:
                return actor
    return None


def _aiding_extremists(token: Token, lexicon: Lexicon, extremists: Container[int]) -> bool:
    """ "helping the terrorists", "the coalition's support for ISIL": the one helped is named as
    an extremist, or is an actor known as one."""
    helped = [c for c in token.children if c.dep_ in ("dobj", "dative", "prep")]
    return any(t.lower_ in lexicon.extremist_words or t.i in extremists for h in helped for t in h.subtree)


def _harm_outcome(token: Token, lexicon: Lexicon) -> bool:
    """ "his death is a direct result of American intervention": harm said to come of something
    blames whoever did it."""
    if token.dep_ not in ("attr", "acomp") or token.head.pos_ not in ("AUX", "VERB"):
        return False
    subject = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and (
        subject.lemma_.lower() in lexicon.violent_acts or subject.lemma_.lower() in lexicon.harm_words
    )


def _breaks_rules(token: Token, lexicon: Lexicon) -> bool:
    """ "broke federal law", "breached the ceasefire": breaking a rule is wrongdoing."""
    return (
        token.pos_ == "VERB"
        and token.lemma_.lower() in lexicon.breaking_verbs
        and any(c.dep_ == "dobj" and c.lemma_.lower() in lexicon.rule_words for c in token.children)
    )


def _outside_reports(tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    """The words outside the statements they report: the speaker's own."""
    reported: set[int] = set()
    for t in tokens:
        lemma = t.lemma_.lower()
        if t.pos_ == "VERB" and (lemma in lexicon.speech_verbs or lemma in lexicon.clausal_verbs):
            reported.update(x.i for x in t.subtree)
    return [t for t in tokens if t.i not in reported]


def _harmful(token: Token, lexicon: Lexicon) -> bool:
    lemma = token.lemma_.lower()
    return lemma in lexicon.harm_words or token.lower_ in lexicon.harm_words or lemma in lexicon.violent_acts


def _remedied(token: Token, lexicon: Lexicon, top: Token) -> bool:
    """A remedy governs the word on its way up to top: "to end the war", "a solution to the crisis"."""
    t = token
    while t.i != top.i and t.head.i != t.i:
        t = t.head
        if t.lemma_.lower() in lexicon.remedies:
            return True
    return False


def _harm_furthered(verb: Token, lexicon: Lexicon) -> bool:
    """ "fuelling the conflict", "trying to expand the war", "Russia wants war", "prefers a chaotic
    situation", "does not want the crisis to come to an end": a harm its subject makes worse or
    wants, or a harm whose remedy it does not want. Only what the verb acts on directly, or what
    qualifies it, counts: "seeks justice for the victims of the war" wants no war."""
    if verb.pos_ != "VERB" or _conditional(verb):
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
    near = [
        w
        for o in objects
        for w in (o, *o.children)
        if w.dep_ in ("dobj", "ccomp", "xcomp", "amod", "compound", "nsubj", "pobj", "prep")
    ]
    near += [g for w in near if w.dep_ == "prep" and w.lower_ == "of" for g in w.children if g.dep_ == "pobj"]
    harms = [w for w in near if _harmful(w, lexicon) and not _remedied(w, lexicon, verb)]
    if not harms:
        return False
    if verb.lemma_.lower() in lexicon.worsening_verbs:
        return not _negated(verb)
    if not _negated(verb):
        return True
    # "does not want the ISIL crisis to come to an end": the remedy of a harm not wanted
    return any(t.lemma_.lower() in lexicon.remedies for o in objects for t in o.subtree)


def _negated_with(verb: Token) -> bool:
    """Negated itself or by the verb it is joined to: "never pay attention to nor respect rules"."""
    return _negated(verb) or (
        verb.dep_ == "conj"
        and (_negated(verb.head) or any(c.lower_ == "nor" for c in (*verb.head.children, *verb.children)))
    )


def _plays_card(token: Token) -> bool:
    """ "is playing the race card", "played the woman card": using a grievance for gain is a
    charge. One card of a kind, not "play our cards right"; the card may be parsed as a modifier
    of what follows it ("playing the women's card big league")."""
    if token.pos_ != "VERB" or token.lemma_.lower() != "play" or _negated(token):
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    cards = [
        w
        for o in objects
        for w in (o, *o.children)
        if w.lower_ == "card" and w.dep_ in ("dobj", "nmod", "compound")
    ]
    return any(
        any(
            g.dep_ in ("compound", "amod", "poss", "nmod") and g.lower_ not in ("our", "my")
            for g in c.children
        )
        for c in cards
    )


def _unsaid(tokens: list[Token]) -> bool:
    """ "I never said that", "we did not claim it": a saying the speaker's side denies having made
    in the past (not "I can't say that I like him", "we cannot say...")."""
    return any(
        t.pos_ == "VERB"
        and t.lemma_.lower() in _CLAIMING_VERBS
        and _negated(t)
        and _past(t)
        and any(c.dep_ == "nsubj" and c.lower_ in _FIRST_PERSON for c in t.children)
        for t in tokens
    )


def _negated_agent(tokens: list[Token], resolve: Resolver[A]) -> A | None:
    """The actor named as the agent of a negated passive: IS in "she was not captured by IS"."""
    for t in tokens:
        if t.pos_ == "VERB" and any(c.dep_ == "neg" for c in t.children):
            for agent in (c for c in t.children if c.dep_ == "agent"):
                for g in agent.children:
                    if g.dep_ == "pobj" and (actor := resolve.named(g)) is not None:
                        return actor
    return None


def _owned_claim(tokens: list[Token], resolve: Resolver[A], *, made: bool = False) -> A | None:
    """Another actor's claim named inside the words: "the time that IS claims she was abducted".
    made: only a claim said to be made, not one denied or imagined ("she'd never say she will
    break up the banks")."""
    for t in tokens:
        if made and (_negated(t) or any(c.dep_ == "aux" and _norm(c) in _MODALS for c in t.children)):
            continue
        if t.pos_ == "VERB" and t.lemma_.lower() in _CLAIMING_VERBS:
            subject = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subject is not None and (actor := resolve.named(subject)) is not None:
                return actor
    return None


_RIDICULE = frozenset({"mock", "ridicule", "deride", "lampoon", "scoff", "sneer"})


def _heads_a_claim(tokens: list[Token], lexicon: Lexicon) -> bool:
    """The words are a noun phrase whose head names something said ("his story", "the idea that")."""
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return len(heads) == 1 and heads[0].pos_ == "NOUN" and heads[0].lemma_.lower() in lexicon.claim_nouns


def _of_phrase_actor(tokens: list[Token], resolve: Resolver[A]) -> A | None:
    """The actor a statement noun's "of" or "on" phrase names: "his criticism of the mogul"."""
    for t in tokens:
        if (
            t.dep_ == "pobj"
            and t.head.lower_ in ("of", "on", "against")
            and t.head.head.pos_ == "NOUN"
            and (actor := resolve.named(t)) is not None
        ):
            return actor
    return None


# Cues of saying again: their content is the speaker's own earlier words.
_REPEATING = frozenset({"repeat", "reiterate", "echo", "renew", "restate"})


def _heads_a_statement(tokens: list[Token], lexicon: Lexicon) -> Kind | None:
    """The kind a noun phrase's head names, when the words are one headed by a noun of a
    statement not a claim ("the attacks they have been airing", "his denial", "the charge that
    she lied")."""
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    if len(heads) != 1 or heads[0].pos_ != "NOUN":
        return None
    kind = lexicon.cue_nouns.get(heads[0].lemma_.lower())
    return kind if kind in ("accusation", "criticism", "denial") else None


def classify(
    doc: Doc,
    att: Attribution,
    lexicon: Lexicon,
    *,
    resolve: Resolver[A],
    reports_others: bool,
) -> Verdict[A]:
    """Kind, confidence and, when the words say it, the actor the statement is aimed at.

    resolve: how the phrases of the words map to actors (see Resolver).
    reports_others: the content holds other statements ("X denied..., VOA reported"), so its
    wording is theirs and says nothing of the reporter's own kind."""
    confidence = _FORM_CONFIDENCE.get(att.form, 0.6)
    if att.source_span is None:
        confidence -= 0.2
    if att.lemma in lexicon.clausal_verbs:
        confidence -= 0.15
    tokens = _tokens_in(doc, att)
    if att.lemma in _RIDICULE and tokens and _heads_a_claim(tokens, lexicon):
        # "mocked Carson's story about the knife", "ridiculed the idea that...": to laugh at
        # what someone said is to reject it.
        return Verdict("denial", round(confidence, 2), _owned_claim(tokens, resolve))
    if att.lemma in _REPEATING and att.kind == "claim" and (said := _heads_a_statement(tokens, lexicon)):
        # "repeated the attacks they have been airing", "reiterated his denial": what is said
        # again is of the kind its noun names.
        # Its owner ("Ryan's denunciation of Trump") is the speaker again, not whom it is aimed at.
        return Verdict(said, round(confidence - 0.1, 2), _of_phrase_actor(tokens, resolve))
    if att.kind != "claim":
        aimed = _content_aim(tokens, lexicon, resolve)
        # "accused Clinton of being too cozy with Wall Street": a quality charged, not a deed, is
        # a judgement of the person.
        kind: Kind = (
            "criticism" if att.kind == "accusation" and _quality_charged(tokens, lexicon) else att.kind
        )
        return Verdict(kind, round(min(confidence + 0.1, 0.95), 2), aimed)
    if (called := _called_by_cue(att, lexicon, resolve)) is not None:
        return Verdict(called[0], round(confidence - 0.1, 2), called[1])
    if reports_others:
        own = _outside_reports(tokens, lexicon)
        if own and (found := _blame(own, lexicon, resolve)) is not None:
            return Verdict(found[0], round(confidence - 0.2, 2), found[1])
        return Verdict("claim", round(confidence, 2))
    words = [_norm(t) for t in tokens if not t.is_punct]
    if (
        _has_phrase(words, lexicon.denial_phrases)
        or _called_false(_with_acts(tokens), lexicon.copula_falsehoods)
        # "called the story propaganda", "described the report as baseless"
        or (att.lemma in _NAMING_VERBS and not set(words).isdisjoint(lexicon.copula_falsehoods))
        or _bare_falsehood(words, lexicon)
    ) and not (_only_withholding(tokens, lexicon) or _neither_confirmed(tokens)):
        return Verdict("denial", round(confidence - 0.1, 2), _owned_claim(tokens, resolve))
    if (
        any(_norm(t) in _NEGATIONS for t in tokens)
        and not _neither_confirmed(tokens)
        and (owner := _owned_claim(tokens, resolve, made=True)) is not None
    ):
        # "she was not in the city at the time IS claims she was abducted": a negated assertion
        # that names another's claim answers it.
        return Verdict("denial", round(confidence - 0.15, 2), owner)
    if _unsaid(tokens):
        # "I never said that", "we did not claim it": the speaker's side denies having said what
        # it is quoted as saying.
        return Verdict("denial", round(confidence - 0.15, 2), _owned_claim(tokens, resolve))
    if (agent := _negated_agent(tokens, resolve)) is not None:
        # "she was not captured by IS": denying that another actor did something answers its claim.
        return Verdict("denial", round(confidence - 0.15, 2), agent)
    if _dismissed_claim(tokens, lexicon, att.direct_quote) or (
        att.lemma in _NAMING_VERBS
        and not set(words).isdisjoint(lexicon.dismissive)
        and any(t.lemma_.lower() in lexicon.claim_nouns for t in tokens)
    ):
        # "the accusations are absurd", "called the report laughable": a claim judged is rejected.
        return Verdict("denial", round(confidence - 0.1, 2), _owned_claim(tokens, resolve))
    if _self_denial(tokens, lexicon, resolve, quoted=att.direct_quote):
        # "we did not shell the village", "it never fired the rocket": the speaker's side says it
        # did not do what it would hardly mention unless someone said it did.
        return Verdict("denial", round(confidence - 0.15, 2), _owned_claim(tokens, resolve))
    if _nothing_happened(tokens):
        # "no attack took place", "no shots were fired": an event said not to have happened.
        return Verdict("denial", round(confidence - 0.15, 2), _owned_claim(tokens, resolve))
    if att.direct_quote and _culpability_denied(tokens):
        # "we are not responsible for the explosion", "it was not involved in the incident": saying
        # one is not to blame answers whoever blamed.
        return Verdict("denial", round(confidence - 0.15, 2), _owned_claim(tokens, resolve))
    found = _blame(tokens, lexicon, resolve)
    if found is None or found[0] == "criticism":
        # "the militia carried out the massacre", "the regime used chemical weapons": a wrong done
        # by a named actor accuses it, even beside words that only judge.
        held, held_actor = _held_to_account(tokens, resolve)
        if not held:
            held, held_actor = _blame_placed(tokens, lexicon, resolve)
        author = (
            _wrong_act_author(tokens, lexicon, resolve)
            or _harm_kept(tokens, lexicon, resolve)
            or _blamed_cause(tokens, lexicon, resolve)
            or _reported_accusation(tokens, lexicon, resolve)
            or held_actor
        )
        if author is not None:
            found = ("accusation", author)
        elif held:
            # "the marketers should be held accountable", "the blame lies with the builders":
            # whoever they are, they are accused.
            return Verdict("accusation", round(confidence - 0.2, 2))
        elif (
            labelled := _insulted(tokens, lexicon, labels=lexicon.wrongdoer_labels, resolve=resolve)
        ) is not None and (labelled_actor := resolve.named(labelled)) is not None:
            # "Hezbollah is a terrorist organisation", "declared the group to be a terror group":
            # calling a named actor a wrongdoer accuses it of the wrong, not only judges it.
            found = ("accusation", labelled_actor)
    if found is not None:
        kind, actor = found
        return Verdict(kind, round(confidence - 0.15, 2), actor)
    if (branded := _epithet(tokens, lexicon, resolve)) is not None:
        # "Crooked Hillary is at it again", "the incompetent Obama administration"
        return Verdict("criticism", round(confidence - 0.2, 2), branded)
    insulted = _insulted(tokens, lexicon)
    if insulted is not None:
        # "he is a phony", "Cruz is not a real conservative": aimed at whom the words name.
        return Verdict("criticism", round(confidence - 0.15, 2), resolve.named(insulted))
    if (blamed := _blame_of_someone(tokens, lexicon, resolve, quoted=att.direct_quote)) is not None:
        # "They shot civilians in the street", "she is responsible for this": in the speaker's own words
        # "he", "she" and "they" are someone else, named or not.
        return Verdict(blamed, round(confidence - 0.2, 2))
    if (
        _affirmed_phrase(words, lexicon.accusation_phrases)
        # "do I bear responsibility for it?", "whether the administration bears responsibility"
        and not any(t.lower_ in ("?", "whether") for t in tokens)
    ):
        # "they have blood on their hands", "this is ethnic cleansing"
        return Verdict("accusation", round(confidence - 0.2, 2), _owned_claim(tokens, resolve))
    if _affirmed_phrase(words, lexicon.criticism_phrases):
        # "the government turned a blind eye", "double standards"
        return Verdict("criticism", round(confidence - 0.2, 2))
    if _unnamed_wrongdoer(tokens, lexicon, resolve):
        # "the militia had tortured prisoners": an accusation needs a wrongdoer, not a known one.
        return Verdict("accusation", round(confidence - 0.2, 2))
    # Condemning an act needs no author named ("this is a barbaric act", "we are appalled"), but a
    # reporter's adjective in indirect speech ("the horrific beheading") condemns nothing unless it
    # is what something is said to be ("the shelling was a barbaric act").
    condemning = [t for t in tokens if t.lemma_.lower() in lexicon.condemnation_words and not _negated(t)]
    if any(
        att.direct_quote or t.dep_ != "amod" or t.head.dep_ in ("attr", "oprd") or _in_quotes(t)
        for t in condemning
    ):
        return Verdict("criticism", round(confidence - 0.15, 2))
    if _judges_an_act(tokens, lexicon, quoted=att.direct_quote):
        # "the strikes were a flagrant violation of international law", "this decision is
        # reckless": an act, a decision or words judged, whoever did them.
        return Verdict("criticism", round(confidence - 0.15, 2))
    if _characterisation_rejected(tokens, quoted=att.direct_quote):
        # "this is not a combat mission", "this party is not divided": what others call it, denied.
        return Verdict("denial", round(confidence - 0.2, 2), _owned_claim(tokens, resolve))
    if _unnamed_failing(tokens, lexicon, resolve):
        # "management had failed patients", "the council ignored the warnings": a body or an
        # office holder judged by what it did, though no known actor names it.
        return Verdict("criticism", round(confidence - 0.2, 2))
    return Verdict("claim", round(confidence, 2))


_QUANTITIES = frozenset(
    {"dozen", "dozens", "score", "scores", "hundred", "hundreds", "thousand", "thousands", "number"}
)
_MODALS = frozenset({"will", "would", "'ll", "'d", "can", "could", "should", "may", "might", "must", "shall"})
_FIRST_PERSON = frozenset({"i", "we"})
_PERSONAL = frozenset({"i", "we", "he", "she", "it", "they"})


def _behind_harm(token: Token, lexicon: Lexicon) -> bool:
    """ "X was behind the attack", "Iran is behind the hack": the subject is the author of a harm
    or wrongdoing ("behind Rubio in the polls", "behind the decision" blame no one)."""
    if token.lower_ not in lexicon.culpable_places or token.dep_ != "prep" or token.head.lemma_ != "be":
        return False
    harms = (lexicon.violent_acts, lexicon.harm_words, lexicon.accusation_words, lexicon.culpable_objects)
    return any(g.dep_ == "pobj" and any(g.lemma_.lower() in h for h in harms) for g in token.children)


def _dismissed_claim(tokens: list[Token], lexicon: Lexicon, quoted: bool) -> bool:
    """A claim is said to be absurd, baseless, invented: "ridiculous allegations", "the accusations
    are absurd", "this report is nonsense". Said of anything else the same words only judge. An
    adjective on the noun counts in the speaker's own quoted words only: in indirect speech "a
    false claim that..." is often the reporter's."""
    for t in tokens:
        if t.lemma_.lower() not in lexicon.dismissive and t.lower_ not in lexicon.dismissive:
            continue
        if _negated(t):
            continue  # "the report is not baseless"
        if (quoted or _in_quotes(t)) and t.dep_ == "amod" and t.head.lemma_.lower() in lexicon.claim_nouns:
            return True
        if t.dep_ in ("acomp", "attr") and t.head.pos_ in ("AUX", "VERB"):
            subject = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.lemma_.lower() in lexicon.claim_nouns:
                return True
    return False


def _past(verb: Token) -> bool:
    """ "did not shell", "has never fired", "had not entered": an act said of the past, not what
    one was doing ("I wasn't running") nor will do ("we will not negotiate")."""
    auxes = [c for c in verb.children if c.dep_ == "aux"]
    if any(c.lower_ in _MODALS for c in auxes):
        return False
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ == "VBN":
        return any(c.lemma_ == "have" for c in auxes)
    return verb.tag_ == "VB" and any(c.lemma_ == "do" and c.tag_ == "VBD" for c in auxes)


# "did not fire on the protesters", "never shot at anyone": an act aimed at someone.
_AIMED_PREPS = frozenset({"on", "at", "upon", "against", "into"})


# Not done as a matter of attitude, not of deed: "we do not condone that" judges.
_ATTITUDES = frozenset(
    {
        "condone",
        "support",
        "accept",
        "tolerate",
        "endorse",
        "like",
        "want",
        "agree",
        "believe",
        "think",
        "recognize",
        "recognise",
        "share",
        "expect",
        "plan",
        "intend",
        "consider",
        "negotiate",
    }
)


# Verbs whose clause is what one wants to be so, not what one says is so.
_GOALS = frozenset({"hope", "want", "wish", "pray", "ensure", "need", "try", "intend", "plan", "expect"})


def _habitual(verb: Token) -> bool:
    """ "we do not target civilians", "I don't take money from lobbyists": what one never does,
    said in the present by "I" or "we" (not an attitude: "we do not condone it")."""
    auxes = [c for c in verb.children if c.dep_ == "aux"]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return (
        verb.tag_ == "VB"
        and any(c.lemma_ == "do" and c.tag_ in ("VBP", "VBZ") for c in auxes)
        and subject is not None
        and subject.lower_ in _FIRST_PERSON
        and verb.lemma_.lower() not in _ATTITUDES
    )


def _self_denial(tokens: list[Token], lexicon: Lexicon, resolve: Resolver[A], *, quoted: bool) -> bool:
    """The speaker's side says it did not do something to something: "we did not blur the
    images", "the army said it never shelled the village". The main verb of the words is a negated
    past act with an object (not a verb of saying, thinking or having: "we did not receive a
    warning", "he did not comment"), whose subject is the speaker's side: "I" or "we" in a
    quotation ("he didn't fight for it" there is someone else), or in indirect speech a pronoun
    the resolver finds no other actor in ("she said she did not send the emails")."""
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.pos_ != "VERB" or not (t.dep_ in ("ROOT", "ccomp") or t.head.i not in inside):
            continue
        lemma = t.lemma_.lower()
        if lemma in lexicon.states or lemma in lexicon.speech_verbs or lemma in lexicon.clausal_verbs:
            continue
        if t.dep_ in ("ccomp", "xcomp") and (
            t.head.lemma_.lower() in _GOALS
            or any(c.dep_ in ("acomp", "oprd") and c.lower_ == "sure" for c in t.head.children)
        ):
            continue  # "I hope we don't raise taxes", "making sure we don't divide": a goal
        if not _negated(t) or _conditional(t) or not (_past(t) or (quoted and _habitual(t))):
            continue
        if not any(
            c.dep_ == "dobj"
            or (c.dep_ == "prep" and c.lower_ in _AIMED_PREPS and any(g.dep_ == "pobj" for g in c.children))
            for c in t.children
        ):
            continue  # "we hadn't even advertised here": what was not done, not what was denied
        subject = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if subject is None:
            continue
        if subject.lower_ in _FIRST_PERSON or (quoted and _own_side(subject)):
            return True
        if not quoted and subject.lower_ in _PERSONAL and resolve.named(subject) is None:
            return True
    return False


# "this is not just a war", "it is not only a crime": more is said of it, nothing is rejected.
_NOT_ONLY = frozenset({"just", "only", "simply", "merely", "even"})
_POINTING = frozenset({"this", "that"})
_LIKENESS = frozenset({"kind", "type", "sort"})


def _characterisation_rejected(tokens: list[Token], *, quoted: bool) -> bool:
    """In the speaker's own quoted words, what is under discussion is said not to be what it is
    called: "this is not a combat mission", "that's not a strategy", "this party is not
    divided". "This" and "that" point at what others said of it, so the negated copula answers
    them. Not a question ("isn't this a scandal?"), a condition, a modal ("it would not be a
    problem"), nor "not just", which adds rather than rejects."""
    if not quoted:
        return False
    for t in tokens:
        if t.dep_ not in ("ROOT", "ccomp", "conj") or _conditional(t):
            continue
        if t.lemma_ == "be":
            complement = next((c for c in t.children if c.dep_ in ("attr", "acomp")), None)
            subject = next((c for c in t.children if c.dep_ == "nsubj"), None)
        elif (
            t.tag_ == "VBN"
            and any(c.dep_ == "auxpass" and c.lemma_ == "be" for c in t.children)
            and not any(c.dep_ in ("xcomp", "ccomp") for c in t.children)
        ):
            # "this war is not lost", "this party is not split": a state, parsed as a passive
            # (not a purpose: "this merger isn't meant to benefit patients" judges it).
            complement = t
            subject = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
        else:
            continue
        if any(
            a.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in a.children)
            for a in t.children
        ):
            continue  # "if he uses poor sources, that isn't a problem": said on a condition
        # "this party is not divided": the parser may hang the "not" on the complement.
        if not any(c.dep_ == "neg" for c in (*t.children, *(complement.children if complement else ()))):
            continue
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in t.children):
            continue
        if any(x.lower_ == "?" for x in t.sent[-2:]):
            continue
        after = t.doc[t.i + 1 : t.i + 3]
        if any(x.lower_ in _NOT_ONLY for x in after):
            continue
        if subject is None or subject.i > t.i:
            continue
        pointing = subject.lower_ in _POINTING or any(
            c.dep_ == "det" and c.lower_ in _POINTING for c in subject.children
        )
        if not pointing:
            continue
        if complement is not None and complement.lemma_.lower() in _LIKENESS:
            continue  # "that is not the kind of values we believe in": conduct judged, not a claim
        if complement is not None and any(
            x.lower_ in ("enough", "sufficient") for x in (complement, *complement.children)
        ):
            continue  # "that's not enough to win": a measure taken, not a name rejected
        if complement is not None and complement.pos_ in ("NOUN", "ADJ", "VERB"):
            return True
    return False


_CULPABLE = frozenset({"responsible", "involved", "guilty", "complicit", "behind", "culpable", "liable"})


_HAPPENING = frozenset({"happen", "occur", "exist", "take"})


def _nothing_happened(tokens: list[Token]) -> bool:
    """ "no attack took place", "no such meeting occurred": the subject of an event is "no"
    something (not "no one knows", a future or a condition). "No militants were killed in the
    strikes" is not one: the gold, like the news, reports it as a fact of war."""
    for t in tokens:
        if t.pos_ != "VERB" or _conditional(t):
            continue
        lemma = t.lemma_.lower()
        if not _past(t):
            continue
        if lemma == "take" and not any(c.lower_ == "place" for c in t.children):
            continue
        if lemma not in _HAPPENING:
            continue
        subject = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if (
            subject is not None
            and subject.pos_ == "NOUN"
            and any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)
        ):
            return True
    return False


def _own_side(subject: Token) -> bool:
    """ "we", "I", "our forces", "my client": the speaker's side, in the speaker's own words."""
    return subject.lower_ in _FIRST_PERSON or any(
        c.dep_ == "poss" and c.lower_ in ("our", "my") for c in subject.children
    )


def _culpability_denied(tokens: list[Token]) -> bool:
    """In the speaker's own quoted words, the speaker's side is not to blame: "we are not
    responsible for the blast", "our forces were not involved", "I am not guilty", "we were not
    behind the attack" (not inside a condition: "if we are not responsible, who is?"). Said of
    someone else ("the man was not involved") it is an assertion that the linker may find
    answering a claim."""
    for t in tokens:
        if t.lower_ not in _CULPABLE or _conditional(t):
            continue
        verb = t.head
        if t.lower_ == "behind":
            if t.dep_ != "prep" or verb.lemma_ != "be" or not _negated(verb):
                continue
        elif t.dep_ in ("acomp", "attr") and verb.lemma_ == "be" and _negated(t):
            pass
        elif t.lower_ == "involved" and t.pos_ == "VERB" and _negated(t):
            verb = t  # "our forces were not involved", parsed as a passive
        else:
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and _own_side(subject):
            return True
    return False


_THIRD_PERSONS = frozenset({"he", "she", "they", "him", "her", "them"})


def _blame_of_someone(
    tokens: list[Token], lexicon: Lexicon, resolve: Resolver[A], *, quoted: bool
) -> Kind | None:
    """The kind of the blame the words put on someone the resolver knows no actor for: a person
    by office ("a federal judge can't be impartial", "the governor lied") or, in the speaker's
    own quoted words, "he", "she" or "they" ("they shot civilians", "he is responsible for
    this"), where a third person is never the speaker (in indirect speech "she said she was
    responsible" is the speaker's own)."""
    if any(t.lemma_.lower() in lexicon.copula_falsehoods and t.pos_ != "VERB" for t in tokens):
        # "they live on propaganda and lies" may answer a claim: the linker's to say; "they lied
        # to us" charges them.
        return None
    someone = object()

    def named(token: Token) -> object | None:
        actor = resolve.named(token)
        if actor is not None:
            return actor
        if quoted and token.lower_ in _THIRD_PERSONS:
            return someone
        # "a federal judge", "the governor"; not one a clause describes ("leaders who incite
        # fear": what kind of leader, not a charge against one)
        if (
            token.pos_ == "NOUN"
            and token.lemma_.lower() in lexicon.role_titles
            and not any(c.dep_ == "relcl" for c in token.children)
        ):
            return someone
        return None

    pronouns: Resolver[object] = Resolver(named, resolve.nearby, resolve.extremists, resolve.own)
    # "to walk the streets without being harassed by a police officer": a harm feared, not done
    feared = {x.i for t in tokens if t.lower_ == "without" and t.dep_ == "prep" for x in t.subtree}
    found = _blame([t for t in tokens if t.i not in feared], lexicon, pronouns)
    if found is not None and found[1] is someone:
        return found[0]
    if quoted and any(s.lower_ in _THIRD_PERSONS for s in _wrongdoers(tokens, lexicon)):
        return "accusation"
    return None


# Acts of violence that are atrocities by their manner: "beat him to death", "burned two men
# alive", "killed him and chopped him up". Only these verbs: "scared me to death" and "bored to
# death" are ways of speaking.
_CRUEL_MANNERS = frozenset(
    {
        "beat",
        "stab",
        "hack",
        "stone",
        "club",
        "kick",
        "burn",
        "bury",
        "strangle",
        "bludgeon",
        "whip",
        "flog",
        "batter",
        "drown",
        "chop",
        "cut",
        "torture",
        "skin",
    }
)
_DISMEMBERING = frozenset({"chop", "cut", "hack"})


def _cruelly_killed(verb: Token) -> bool:
    """ "beat him to death", "burned two men alive", "chopped him up": a killing told by its
    cruelty, which no side reports of itself as war news. A deed done, in the past: "they burn
    people alive" says what a group is like, a judgement of it rather than a charge."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in _CRUEL_MANNERS or verb.tag_ not in ("VBD", "VBN"):
        return False
    children = list(verb.children)
    if any(c.lower_ == "alive" and c.dep_ in ("oprd", "advmod", "acomp", "xcomp") for c in children):
        return lemma in ("burn", "bury", "skin")
    if any(
        c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children)
        for c in children
    ):
        return True
    # "chopped him up": a person cut to pieces, not "cut the budget up"
    return (
        lemma in _DISMEMBERING
        and any(c.dep_ == "prt" and c.lower_ == "up" for c in children)
        and any(c.dep_ == "dobj" and c.lower_ in _THIRD_PERSONS for c in children)
    )


def _wrongdoers(tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    """The subjects the words give a wrong: "the militia carried out the massacre", "the regime is
    committing genocide", "forces shelled a hospital", "the militia tortured prisoners". Only a
    subject inside the words, and not in a clause that only describes someone ("the man who
    carried out the attack")."""
    within = {t.i for t in tokens}
    out: list[Token] = []
    for t in tokens:
        if t.pos_ != "VERB" or t.dep_ in ("relcl", "acl", "amod") or _negated(t) or _conditional(t):
            continue
        if t.dep_ in ("xcomp", "conj") and t.head.dep_ in ("relcl", "acl"):
            continue  # "the gun that he used to kill them": which gun, not who did wrong
        lemma = t.lemma_.lower()
        carried_out = lemma == "carry" and any(c.dep_ == "prt" and c.lower_ == "out" for c in t.children)
        if carried_out or lemma in ("commit", "perpetrate"):
            wrong = any(
                c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lexicon.wrong_acts for c in t.children
            )
        elif lemma in lexicon.atrocities or _cruelly_killed(t):
            # not "militants claim to have beheaded"; "was tortured by the police" names its doer
            wrong = any(c.dep_ in ("dobj", "auxpass") for c in t.children)
        elif lemma in lexicon.force_verbs:
            # "shelled a hospital", "fired on protesters", "targeted civilians"
            aimed = [c for c in t.children if c.dep_ == "dobj"]
            aimed += [
                g for c in t.children if c.dep_ == "prep" and c.lower_ in _AIMED_PREPS for g in c.children
            ]
            # "killed dozens of villagers": a number of people is those people.
            aimed += [
                g
                for a in aimed
                if a.lemma_.lower() in _QUANTITIES or a.pos_ == "NUM"
                for c in a.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            wrong = any(
                a.lemma_.lower() in lexicon.protected
                # "a school bus", "residential areas", "civilian targets"
                or any(
                    c.dep_ in ("compound", "amod") and c.lemma_.lower() in lexicon.protected
                    for c in a.children
                )
                for a in aimed
            )
        else:
            continue
        subject = _subject_of(t) if wrong else None
        if subject is not None and subject.i in within:
            out.append(subject)
    return out


def _wrong_act_author(tokens: list[Token], lexicon: Lexicon, resolve: Resolver[A]) -> A | None:
    """The actor the words name as doing a wrong (see _wrongdoers)."""
    for subject in _wrongdoers(tokens, lexicon):
        actor = resolve.named(subject)
        if actor is not None:
            return actor
    return None


def _charged_subjects(tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    """Subjects of a charge word done or said of them: "the chief executive had falsified the
    books", "the army was responsible for the massacre", "the rebels broke the truce"."""
    within = {t.i for t in tokens}
    out: list[Token] = []
    for t in tokens:
        charged = t.lemma_.lower() in lexicon.accusation_words or _breaks_rules(t, lexicon)
        if not charged or t.dep_ in ("relcl", "acl", "amod"):
            continue
        if _negated(t) or _conditional(t) or (t.dep_ == "xcomp" and _negated(t.head)):
            continue  # "is not going to lie"
        if any(a.dep_ in ("relcl", "acl") and a.i in within for a in t.ancestors):
            continue  # "a candidate who's going to lie to me": which one, not a charge
        if t.pos_ == "VERB" and not any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children):
            subject = _subject_of(t)  # the doer, not "the official was bribed"
        elif t.pos_ == "ADJ" and t.dep_ == "acomp" and _copula(t.head):
            if t.lemma_.lower() in _ANSWERABLE and not _for_a_wrong(t, lexicon):
                continue  # "candidates are responsible for dividing expenses": a duty, no wrong
            subject = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
        else:
            continue
        if subject is not None and subject.i in within:
            out.append(subject)
    return out


def _for_a_wrong(token: Token, lexicon: Lexicon) -> bool:
    """ "responsible for the massacre", "liable for the fraud": what one answers for is a wrong."""
    wrongs = (lexicon.violent_acts, lexicon.harm_words, lexicon.accusation_words, lexicon.wrong_acts)
    return any(
        p.dep_ == "prep"
        and p.lower_ == "for"
        and any(g.dep_ == "pobj" and any(g.lemma_.lower() in w for w in wrongs) for g in p.children)
        for p in token.children
    )


def _unnamed_failing(tokens: list[Token], lexicon: Lexicon, resolve: Resolver[A]) -> bool:
    """A criticism verb done to something by a body or an office holder the words describe:
    "management had failed patients", "the council ignored the warnings"."""
    within = {t.i for t in tokens}
    doers = lexicon.wrongdoer_nouns | lexicon.role_titles | lexicon.speaker_nouns
    for t in tokens:
        if t.pos_ != "VERB" or t.lemma_.lower() not in lexicon.criticism_words:
            continue
        if t.dep_ in ("relcl", "acl", "amod") or _negated(t) or _conditional(t):
            continue
        if any(a.dep_ in ("relcl", "acl") and a.i in within for a in t.ancestors):
            continue
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in t.children):
            continue  # "they might neglect the schools": foreseen, not done
        if not any(c.dep_ == "dobj" for c in t.children):
            continue
        subject = _subject_of(t)
        if (
            subject is not None
            and subject.i in within
            and subject.pos_ == "NOUN"
            and subject.lemma_.lower() in doers
            and not any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in subject.children)
            and not resolve.own(subject)
        ):
            return True
    return False


def _unnamed_wrongdoer(tokens: list[Token], lexicon: Lexicon, resolve: Resolver[A]) -> bool:
    """A wrong done by someone the words describe but name no known actor for: "the militia
    tortured prisoners", "gunmen fired on protesters", and a charge word done by a body or an
    office holder ("the chief executive had falsified the books"). An agent, not a thing ("the
    strike killed civilians": a grim fact with no one to blame), nor a pronoun or the speaker's
    own side."""
    doers = lexicon.wrongdoer_nouns | lexicon.role_titles | lexicon.speaker_nouns
    if any(
        s.pos_ == "NOUN"
        and (s.lemma_.lower() in doers or s.lower_ in doers)
        and not any(c.dep_ == "poss" and c.lower_ in ("our", "my", "its", "their") for c in s.children)
        and not resolve.own(s)
        for s in _charged_subjects(tokens, lexicon)
    ):
        return True
    return any(
        s.pos_ in ("NOUN", "PROPN")
        and (s.lemma_.lower() in doers or s.lower_ in doers)
        and not any(c.dep_ == "poss" and c.lower_ in ("our", "my", "its", "their") for c in s.children)
        and not resolve.own(s)
        for s in _wrongdoers(tokens, lexicon)
    )


def _judges_an_act(tokens: list[Token], lexicon: Lexicon, *, quoted: bool) -> bool:
    """A word of judgement is said of an act, a decision, a policy or words: "the strikes were a
    flagrant violation of international law", "this decision is irresponsible", "called the
    move a provocation", and in the speaker's own quoted words of "this" or "it" ("it is an act
    of aggression"). What it is said of must be one of those: "the situation is dangerous", "it
    is wrong to say" (an extraposed clause) or "a terrible day" judge no one."""
    judging = lexicon.judgement | lexicon.criticism_words | lexicon.condemnation_words
    # Of "this" or "it" only words that judge a deed: "that's what's so dangerous about this" warns.
    of_pronoun = lexicon.judgement | lexicon.condemnation_words
    for t in tokens:
        if t.lemma_.lower() not in judging and t.lower_ not in judging:
            continue
        if _negated(t) or _conditional(t):
            continue
        if (
            t.dep_ == "amod"
            and t.i > t.head.i
            and t.head.dep_ == "dobj"
            and t.head.head.lemma_.lower() in _NAMING_VERBS
        ):
            return True  # "called the wall stupid", the complement parsed as the object's adjective
        word = t
        framed = False  # "the height of hypocrisy": the frame itself judges
        if t.dep_ == "amod" and t.head.dep_ in ("attr", "oprd", "dobj", "pobj"):
            noun = t.head.lemma_.lower()
            if not (noun in judging or noun in lexicon.judged_things or noun in lexicon.violent_acts):
                continue  # "these are horrible times", "a catastrophic outcome for the campaign"
            word = t.head  # "a flagrant violation", "a reckless act"
        elif t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in _KIND_OF:
            word = t.head.head  # "an act of aggression", "a clear case of piracy"
        elif t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in _UTMOST:
            word, framed = t.head.head, True  # "the height of hypocrisy", "the definition of racism"
        if word.dep_ == "conj" and (
            word.head.dep_ in ("attr", "acomp", "oprd")
            or (word.head.dep_ == "amod" and word.head.head.lower_ == "as")
        ):
            word = word.head  # "illegal and counterproductive"
        verb = word.head
        # "described the tax as cruel": the parser hangs the adjective on "as" as a modifier
        as_adjective = word.dep_ == "amod" and verb.lower_ == "as" and verb.dep_ == "prep"
        if word.dep_ == "dobj" and verb.lemma_.lower() in ("constitute", "represent"):
            # "the strikes constituted a violation of international law"
            said_of = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        elif (
            (word.dep_ == "pobj" or as_adjective)
            and verb.lower_ in ("to", "as")
            and verb.head.pos_ in ("VERB", "AUX")
        ):
            # "the blockade amounted to collective punishment", "described the visit as a provocation"
            prep, verb = verb, verb.head
            if prep.lower_ == "to" and verb.lemma_.lower() == "amount":
                said_of = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            elif prep.lower_ == "as" and (verb.lemma_.lower() in _NAMING_VERBS | _AS_VERBS):
                said_of = next((c for c in verb.children if c.dep_ == "dobj"), None)
            else:
                continue
        elif (
            word.dep_ not in ("attr", "acomp", "oprd") and not (word.dep_ == "dobj" and _norm(verb) == "'s")
        ) or verb.pos_ not in ("AUX", "VERB"):  # "that’s the definition of...", "’s" read as a verb
            continue
        elif _copula(verb):
            if any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
                # "it is irresponsible to cut aid", "it is unacceptable that civilians are
                # targeted": an act judged in a clause, by a word strong enough to judge alone
                # ("it is dangerous to go out" warns).
                if t.lemma_.lower() in lexicon.judgement and t.dep_ == "acomp" and not _negated(t):
                    return True
                continue
            said_of = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
        elif verb.lemma_.lower() in _NAMING_VERBS and word.dep_ == "oprd" and not _negated(verb):
            # "called the wall stupid", "called the plan a disaster": calling something so
            # judges it, whatever it is.
            return True
        elif verb.lemma_.lower() in _NAMING_VERBS or verb.lemma_.lower() == "consider":
            said_of = next((c for c in verb.children if c.dep_ == "dobj"), None)
        else:
            continue
        if said_of is None:
            continue
        if said_of.dep_ == "csubj":
            return True  # "what they did is unacceptable"
        lemma = said_of.lemma_.lower()
        if lemma in ("this", "that", "these", "those", "it", "what"):
            if said_of.tag_ in ("WDT", "WP"):
                continue  # "something that was already flawed": a relative clause describes
            if framed and lemma in _POINTING:
                return True  # "(he said) that was the textbook definition of racism"
            if quoted and (t.lemma_.lower() in of_pronoun or t.lower_ in of_pronoun or framed):
                return True
            continue
        if lemma in lexicon.judged_things or lemma in lexicon.violent_acts or lemma in lexicon.claim_nouns:
            return True
    return False


# "described the visit as a provocation", "sees the move as a violation".
_AS_VERBS = frozenset(
    {"describe", "see", "view", "regard", "consider", "condemn", "denounce", "characterise", "characterize"}
)
# Verbs that say what someone is called: "denounced him as a traitor", "portrayed them as thugs".
_CALLING_AS = frozenset({"condemn", "denounce", "characterise", "characterize", "portray", "paint", "brand"})
# "an act of aggression": the judgement is the "of" phrase of these.
_KIND_OF = frozenset({"act", "case", "example", "form", "instance"})
# "the height of hypocrisy", "the very definition of reckless": a judgement at its utmost, said of
# whatever the subject is, even "that" in indirect speech.
_UTMOST = frozenset({"height", "definition", "epitome", "essence", "hallmark", "embodiment", "pinnacle"})
_PERSONS = frozenset({"he", "she", "they", "you", "him", "her", "them"})
_BODIES = frozenset(
    {"group", "organisation", "organization", "network", "outfit", "movement", "cell", "entity"}
)
_GENUINE = frozenset({"real", "true", "genuine"})


def _a_person(token: Token, lexicon: Lexicon) -> bool:
    """A phrase for a person or body: "he", "Obama", "his rival", "the minister", "critics"."""
    return (
        token.lower_ in _PERSONS
        or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or token.lemma_.lower() in lexicon.speaker_nouns
        or token.lemma_.lower() in lexicon.role_titles
        or any(c.dep_ == "poss" for c in token.children)
    )


def _insulted(
    tokens: list[Token],
    lexicon: Lexicon,
    *,
    labels: frozenset[str] | None = None,
    resolve: Resolver[A] | None = None,
) -> Token | None:
    """The phrase for a person or body the words call something bad ("he is a phony", "they are
    hypocrites", "voters consider him unfit") or deny a quality they claim ("Cruz is not a real
    conservative"). With labels, only one the words call one of them ("Hezbollah is a terrorist
    group"); with resolve, also of any phrase it knows an actor for ("Libyan Dawn", which the
    parser may not tag as a name)."""
    insults = lexicon.insults if labels is None else labels
    for t in tokens:
        small = (
            next((c for c in t.children if c.dep_ == "nsubj"), None) if t.pos_ in ("NOUN", "ADJ") else None
        )
        if small is not None:
            said_of = small  # "consider him a hypocrite", parsed as a clause of its own
        elif (
            t.dep_ == "dobj"
            and t.head.lemma_.lower() in _NAMING_VERBS
            and (first := next((c for c in t.head.children if c.dep_ in ("dobj", "dative")), None))
            is not None
            and first.i < t.i
        ):
            said_of = first  # "branded McConnell a liar", the complement parsed as a second object
        elif (
            t.dep_ in ("pobj", "amod")
            and t.head.lower_ == "as"
            and t.head.dep_ == "prep"
            and t.head.head.lemma_.lower() in _NAMING_VERBS | _CALLING_AS
        ):
            # "described the protesters as hooligans", "denounced him as a traitor"; not a view
            # ("viewed Sanders as a genuine threat": a rival weighed, not insulted)
            said_of = next((c for c in t.head.head.children if c.dep_ == "dobj"), None)
        elif t.dep_ not in ("attr", "acomp", "oprd") or t.head.pos_ not in ("AUX", "VERB"):
            continue
        elif _copula(t.head):
            said_of = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
            if said_of is None and t.head.dep_ == "xcomp":
                # "were declared by parliament to be terror groups", "is considered to be a fraud"
                said_of = next((c for c in t.head.head.children if c.dep_ in ("nsubjpass", "dobj")), None)
        elif t.head.lemma_.lower() in _NAMING_VERBS or t.head.lemma_.lower() == "consider":
            said_of = next((c for c in t.head.children if c.dep_ == "dobj"), None)
        else:
            continue
        if (
            said_of is None
            or _conditional(t)
            or not (
                _a_person(said_of, lexicon) or (resolve is not None and resolve.named(said_of) is not None)
            )
        ):
            continue
        if any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in t.children):
            continue  # "he's our orange buffoon, and we love him": one's own, said fondly
        words = [t, *(c for c in t.children if c.dep_ in ("amod", "conj", "compound"))]
        if labels is not None and t.lemma_.lower() not in _BODIES:
            # "a terrorist group" labels a body; "it's a terrorist attack" an act, not its author.
            words = [w for w in words if w.dep_ != "amod" and w.dep_ != "compound"]
        if any(w.lemma_.lower() in insults or w.lower_ in insults for w in words):
            if not _negated(t):
                return said_of
        elif (
            labels is None
            and _negated(t)
            and any(c.dep_ == "amod" and c.lower_ in _GENUINE for c in t.children)
        ):
            return said_of  # "not a real conservative", "no true friend of Israel"
    return None


_IDEOLOGY = frozenset({"radical", "extremist"})


def _quality_charged(tokens: list[Token], lexicon: Lexicon) -> bool:
    """ "(accused X) of being too reliant on Wall Street", "of being weak on crime": what the
    charge is, is an adjective of no wrong. Not "of being a rapist", "of being corrupt", nor a
    passive "of being influenced by lobbyists"."""
    for t in tokens:
        if t.lower_ != "being" or t.head.lower_ != "of" or t.dep_ != "pcomp":
            continue
        said = [c for c in t.children if c.dep_ in ("acomp", "attr", "oprd")]
        return bool(said) and all(
            c.pos_ == "ADJ"
            and c.lemma_.lower() not in lexicon.accusation_words
            and c.lemma_.lower() not in lexicon.wrongdoer_labels
            and c.lemma_.lower() not in lexicon.atrocities
            for c in said
        )
    return False


def _epithet(tokens: list[Token], lexicon: Lexicon, resolve: Resolver[A]) -> A | None:
    """The actor an insult is attached to as an epithet: "Crooked Hillary", "the incompetent
    Obama administration", "Trump, a bully and a liar,". The insult must qualify the actor's
    own name, not a thing of theirs ("Trump's weak poll numbers")."""
    for t in tokens:
        lemma = t.lemma_.lower()
        if (lemma not in lexicon.insults and t.lower_ not in lexicon.insults) or _negated(t):
            continue
        if lemma in _IDEOLOGY:
            continue  # "radical Islamists", "extremist groups": what they hold, not an insult
        # "the incompetent Obama", "Trump, a bully,", "Crooked Hillary" tagged as part of the name
        if not (
            (t.dep_ == "amod" and t.pos_ == "ADJ")
            or (t.dep_ == "appos" and t.pos_ == "NOUN")
            # A nickname's adjective, the tagger's part of the name ("Crazy Bernie", "Lyin' Ted"),
            # told from a noun by its ending: "Danger Mouse" is a name.
            or (
                t.dep_ == "compound"
                and t.head.pos_ == "PROPN"
                and t.i == t.head.left_edge.i
                and t.lower_.endswith(("ed", "y", "'", "ing"))
            )
        ):
            continue
        named = t.head
        if named.lower_ in lexicon.target_faiths:
            continue  # "radical Islam" names a creed, not an actor judged
        if named.pos_ != "PROPN" and named.lemma_.lower() not in lexicon.role_titles:
            continue
        if (actor := resolve.named(named)) is not None:
            return actor
    return None


def _neither_confirmed(tokens: list[Token]) -> bool:
    """ "would neither confirm nor deny reports": withholding comment answers no claim."""
    words = [_norm(t) for t in tokens]
    return any(w == "neither" and "nor" in words[i + 1 : i + 5] for i, w in enumerate(words))


def _undergone(verb: Token) -> bool:
    """ "our request was rejected", "we were denied access", "calls ... unanswered and dismissed":
    a rejection the words say someone suffered, not one they make."""
    passive = ("auxpass", "nsubjpass")
    if any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children) and not any(
        c.dep_ in ("aux", "agent") for c in verb.children
    ):
        return False  # "these claims are rejected": the speaker's own formal rejection
    return any(c.dep_ in passive for c in verb.children) or (
        verb.tag_ == "VBN"
        and verb.dep_ == "conj"
        and not any(c.dep_ == "nsubj" for c in verb.children)
        and any(c.dep_ in passive for c in (*verb.head.children, *verb.head.head.children))
    )


def _only_withholding(tokens: list[Token], lexicon: Lexicon) -> bool:
    """ "an attempt to deny Muslims liberty", "made up of 13 aircraft": the denial words there do
    not reject anything said."""
    words = [_norm(t) for t in tokens if not t.is_punct]
    kept = list(words)
    for t in tokens:
        lemma = t.lemma_.lower()
        if (
            t.pos_ == "VERB"
            and lemma in ("deny", "reject", "dismiss", "refute")
            and (t.dep_ in ("acl", "relcl") or _undergone(t))
        ):
            kept = [w for w in kept if w != _norm(t)]
        if (
            _norm(t) == "made"
            and t.i + 2 < len(t.doc)
            and t.nbor(1).lower_ == "up"
            and t.nbor(2).lower_ == "of"
        ):
            kept = [w for w in kept if w not in ("made", "up")]
    if kept == words:
        return False
    return not (_has_phrase(kept, lexicon.denial_phrases) or _called_false(kept, lexicon.copula_falsehoods))


def _blame(tokens: list[Token], lexicon: Lexicon, resolve: Resolver[A]) -> tuple[Kind, A] | None:
    """The accusation, else the criticism, the words make of a named actor."""
    criticism: A | None = None
    within = {t.i for t in tokens}
    for t in tokens:
        lemma = t.lemma_.lower()
        if (t.lower_ in lexicon.failures or lemma in lexicon.failures) and not _conditional(t):
            if criticism is None and not _negated(t):
                criticism = _failed_owner(t, resolve)
            if lemma not in lexicon.criticism_words:
                continue
        if lemma not in lexicon.blame_lemmas or _conditional(t):
            continue  # "if they have committed a crime" accuses no one
        if lemma in lexicon.virtue_words and _negated(t) and t.dep_ in ("acomp", "attr"):
            if (
                lemma in _IMPARTIAL
                and not _promised(t)
                and (actor := _aimed(t, resolve, within=within)) is not None
            ):
                return "accusation", actor  # "the judge can't be impartial": a charge of bias
            # "the coalition is not serious about fighting ISIL": a virtue denied is a judgement
            criticism = criticism or _aimed(t, resolve, within=within)
            continue
        if lemma in lexicon.keeping_verbs:
            # "they never respect the rules", "Iran did not honour the deal": a rule not kept is
            # broken.
            if (
                t.pos_ == "VERB"
                and _negated_with(t)
                and any(c.dep_ == "dobj" and c.lemma_.lower() in lexicon.rule_words for c in t.children)
                and (actor := _aimed(t, resolve, within=within)) is not None
            ):
                return "accusation", actor
            if lemma not in lexicon.esteem_verbs:
                continue
        if (
            lemma in lexicon.contempt_verbs
            and t.pos_ == "VERB"
            and not _negated(t)
            and not _conditional(t)
            and criticism is None
        ):
            # "I hate IS because of what happened to her": contempt for an actor ("IS" may be
            # parsed as the verb "is", a clause of "hate")
            obj = next(
                (c for c in t.children if c.dep_ == "dobj" or (c.dep_ == "ccomp" and c.text.isupper())), None
            )
            if obj is not None and (obj.pos_ != "PRON" or obj.lower_ in ("him", "her")):
                criticism = resolve.named(obj)
            continue
        if (
            lemma in lexicon.esteem_verbs
            and t.pos_ == "VERB"
            and _negated_with(t)
            and not _conditional(t)
            and criticism is None
        ):
            # "I never trusted her", "we do not respect Putin": esteem withheld from an actor
            obj = next((c for c in t.children if c.dep_ == "dobj"), None)
            # "it" and "them" there are as often a thing ("I don't like it") or people spoken of in
            # general ("because he doesn't like them") as an actor named before; "him", "her" are
            # the person.
            if obj is not None and (obj.pos_ != "PRON" or obj.lower_ in ("him", "her")):
                criticism = resolve.named(obj)
            continue
        if (lemma in lexicon.worsening_verbs or lemma in lexicon.desire_verbs) and _harm_furthered(
            t, lexicon
        ):
            # "the US is trying to expand the war", "it does not want the crisis to end"
            if (actor := _aimed(t, resolve, within=within)) is not None:
                return "accusation", actor
            continue
        if _negated(t) or not _predicative(t):
            continue
        if (lemma in lexicon.atrocities and t.pos_ == "VERB") or _behind_harm(t, lexicon):
            # "the militia tortured prisoners", "Iran was behind the attack": only an author named
            # in the words is accused, never one guessed from the sentence, nor one a clause only
            # describes ("the man who beheaded him is British": who he is, not what he did).
            if t.dep_ in ("relcl", "acl", "amod") or (
                t.head.dep_ in ("relcl", "acl") and t.dep_ in ("prep", "xcomp", "conj")
            ):
                continue  # also "the gun that he used to slaughter them": which gun, not who did it
            if t.pos_ == "VERB":
                subject = _subject_of(t)
                if (
                    subject is None
                    or subject.i not in within
                    # "she was tortured by the police": the agent of a passive is named as the doer
                    or not any(c.dep_ in ("dobj", "auxpass") for c in t.children)
                ):
                    continue  # "militants claim to have beheaded him": the speaker's own act
                actor = resolve.named(subject)
            else:
                actor = _aimed(t, resolve, within=within)
            if actor is not None:
                return "accusation", actor
            continue
        if lemma in _NEUTRAL_AS_NOUNS and t.pos_ == "NOUN":
            continue  # "the title sponsor", "the bill's sponsor": no wrong
        aiding = lemma in lexicon.aiding_words and _aiding_extremists(t, lexicon, resolve.extremists)
        outcome = lemma in lexicon.outcome_words and _harm_outcome(t, lexicon)
        if (
            lemma in lexicon.accusation_words
            or aiding
            or outcome
            or _breaks_rules(t, lexicon)
            or _plays_card(t)
        ):
            actor = _aimed(t, resolve, guess=True, within=within)
            if actor is not None:
                return "accusation", actor
        elif (
            criticism is None
            and (lemma in lexicon.criticism_words or lemma in lexicon.condemnation_words)
            and t.dep_ != "relcl"  # "Buchanan, who had failed to win": who he is, not a judgement
            # "they might neglect the schools", "we would ignore the rules": not done, only foreseen
            and not (t.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ in _MODALS for c in t.children))
        ):
            criticism = _aimed(t, resolve, within=within)
    return ("criticism", criticism) if criticism is not None else None


def _promised(token: Token) -> bool:
    """Said of the speaker's side or of what will be: "I will not be neutral" is a stance taken."""
    verb = token.head if token.dep_ in ("acomp", "attr") else token
    return any(
        (c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall"))
        or (c.dep_ == "nsubj" and c.lower_ in _FIRST_PERSON)
        for c in verb.children
    )


# Virtues whose denial charges bias, not only judges: "he can't be impartial because he is Mexican".
_IMPARTIAL = frozenset({"impartial", "neutral", "unbiased", "objective", "independent"})


# Accusation words that name no wrong as nouns: "the bill's sponsor" (but "sponsored terrorism").
_NEUTRAL_AS_NOUNS = frozenset({"sponsor"})


# "because of X, we lost": what comes of a named actor's doing.
_CAUSES = frozenset({("because", "of"), ("due", "to"), ("owing", "to")})


def _blamed_cause(tokens: list[Token], lexicon: Lexicon, resolve: Resolver[A]) -> A | None:
    """The actor named as the cause of a loss or harm: "because of McConnell, families lost their
    insurance", "his death was due to the regime". The cause must be an actor's own name or a
    phrase for a person ("because of the war in Syria" blames no one), and what it caused a loss
    ("because of Obama, we have health care" praises)."""
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.i + 1 >= len(t.doc) or (t.lower_, t.nbor(1).lower_) not in _CAUSES:
            continue
        cause = next((g for x in (t, t.nbor(1)) for g in x.children if g.dep_ == "pobj"), None)
        # The cause itself, not a thing of theirs: "because of his Mexican heritage" blames no one.
        if cause is None or not (
            cause.pos_ in ("PROPN", "PRON")
            or cause.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
            or cause.lemma_.lower() in lexicon.speaker_nouns
            or cause.lemma_.lower() in lexicon.role_titles
        ):
            continue
        actor = resolve.named(cause)
        if actor is None:
            continue
        clause = t.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i and clause.dep_ in _UP_DEPS:
            clause = clause.head
        phrase = {x.i for x in t.subtree} | {x.i for x in t.nbor(1).subtree}
        effect = [x for x in clause.subtree if x.i in inside and x.i not in phrase]
        if any(
            (
                x.lemma_.lower() in lexicon.losses
                or x.lower_ in lexicon.losses
                or x.lemma_.lower() in lexicon.harm_words
                or x.lemma_.lower() in lexicon.violent_acts
            )
            and not _negated(x)
            for x in effect
        ) and not _negated(clause):
            return actor
    return None


# "the fault lies with X", "the blame rests on X".
_BLAME_NOUNS = frozenset({"blame", "fault"})


def _blame_placed(tokens: list[Token], lexicon: Lexicon, resolve: Resolver[A]) -> tuple[bool, A | None]:
    """Whether the words lay blame on someone ("the attack was blamed on Hezbollah", "the blame
    lies with the builders", "the fault rests with the Kremlin"), and the actor they name. Not
    negated ("the blame does not lie with him"), not on a condition, and on a person or body:
    "blamed the flooding on poor planning" accuses no one."""
    inside = {t.i for t in tokens}
    for t in tokens:
        lemma = t.lemma_.lower()
        if t.pos_ != "VERB" or _negated(t) or _conditional(t):
            continue
        if lemma == "blame":
            preps = ("on",)
        elif lemma in ("lie", "rest") and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in _BLAME_NOUNS for c in t.children
        ):
            preps = ("with", "on", "at")
        else:
            continue
        blamed = next(
            (
                g
                for c in t.children
                if c.dep_ == "prep" and c.lower_ in preps
                for g in c.children
                if g.dep_ == "pobj"
            ),
            None,
        )
        if blamed is None or blamed.i not in inside or blamed.lower_ in _OWN_PRONOUNS or resolve.own(blamed):
            continue
        actor = resolve.named(blamed)
        if actor is not None or _a_person(blamed, lexicon):
            return True, actor
    return False, None


_OWN_PRONOUNS = frozenset({"i", "we", "us", "me", "myself", "ourselves", "itself", "themselves"})
# "hold X responsible", "X should be held accountable": to hold someone to account for a thing is
# to say it is theirs to answer for.
_ANSWERABLE = frozenset({"responsible", "accountable", "liable", "culpable"})


def _held_to_account(tokens: list[Token], resolve: Resolver[A]) -> tuple[bool, A | None]:
    """Whether the words hold someone to account ("we hold the regime responsible", "the White
    House should be held accountable", "want the sellers held accountable for what happened"),
    and the actor they name as held. Not negated ("we do not hold him responsible"), not on a
    condition, and not the speaker's own side ("we must hold ourselves accountable")."""
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.lemma_.lower() != "hold" or t.pos_ != "VERB" or _negated(t) or _conditional(t):
            continue
        if any(
            a.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in a.children)
            for a in t.children
        ):
            continue  # "if they broke the law, they will be held accountable": a consequence foreseen
        answerable = [c for c in t.children if c.lower_ in _ANSWERABLE and not _negated(c)]
        if not answerable:
            continue
        # Whom: the object, the subject of a passive, or the parser's subject of the adjective
        # ("hold the regime accountable" read as a small clause), or of "held" itself when it
        # reads "the sellers held accountable" as a clause of "want".
        held = next((c for c in t.children if c.dep_ in ("dobj", "nsubjpass")), None)
        held = held or next((c for a in answerable for c in a.children if c.dep_ == "nsubj"), None)
        if held is None and t.dep_ in ("ccomp", "xcomp", "conj"):
            held = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if held is None or held.i not in inside or held.lower_ in _OWN_PRONOUNS or resolve.own(held):
            continue
        return True, resolve.named(held)
    return False, None


# "so that the problem remains unsolved", "so the war goes on": a harm kept as it is.
_LASTING = frozenset({"remain", "stay", "continue", "persist", "last"})
_UNSOLVED = frozenset({"unsolved", "unresolved", "unchecked", "unaddressed", "unabated"})


def _harm_kept(tokens: list[Token], lexicon: Lexicon, resolve: Resolver[A]) -> A | None:
    """The actor the words say acts so that a harm lasts: "is seeking to take out the forces so
    that the problem with ISIL remains unsolved", "they armed the rebels so the war would
    continue". The lasting must be the purpose ("so that", "so"), not a fact ("the problem
    remains unsolved"), and the purposer a named actor."""
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.lemma_.lower() not in _LASTING or t.dep_ != "advcl" or _negated(t):
            continue
        if not any(m.dep_ == "mark" and m.lower_ == "so" for m in t.children):
            continue
        subject = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        unsolved = any(c.dep_ == "acomp" and c.lower_ in _UNSOLVED for c in t.children)
        if not (unsolved or (subject is not None and _harmful(subject, lexicon))):
            continue
        purposer = _subject_of(t.head) if t.head.pos_ in ("VERB", "AUX") else None
        if purposer is not None and purposer.i in inside and (actor := resolve.named(purposer)) is not None:
            return actor
    return None


def _asserted(verb: Token) -> bool:
    """A finite verb said as done, not an infinitive ("exists to charge him", "would like to
    indict") nor what may be or will be ("might neglect", "may be indicted")."""
    if verb.tag_ not in ("VBD", "VBN", "VBZ", "VBP") or verb.dep_ in ("xcomp", "acl", "advcl", "pcomp"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in verb.children)


def _reported_accusation(tokens: list[Token], lexicon: Lexicon, resolve: Resolver[A]) -> A | None:
    """The actor the words say is accused: "Trump was also accused of breaking the rules", "the
    women who accused Clinton of assault". To report that someone is charged with a wrong is to
    put the charge on record against them; a charge of no one ("allegedly") names nobody."""
    for t in tokens:
        lemma = t.lemma_.lower()
        if t.pos_ != "VERB" or lemma == "allege" or lexicon.speech_verbs.get(lemma) != "accusation":
            continue
        if _negated(t) or _conditional(t) or not _asserted(t):
            continue  # "would like to indict her", "she may be charged": no charge yet
        passive = any(c.dep_ == "auxpass" for c in t.children)
        accused = next((c for c in t.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
        # A pronoun accused is as often the speaker ("they accused him of lying", he said): the
        # speaker telling of a charge against himself does not make it.
        if accused is not None and accused.pos_ != "PRON" and (actor := resolve.named(accused)) is not None:
            return actor
    return None


def _called_by_cue(att: Attribution, lexicon: Lexicon, resolve: Resolver[A]) -> tuple[Kind, A | None] | None:
    """ "called Palin a clown", "branded him a liar": a naming cue whose own complement is an
    insult judges whom it names, whatever else the sentence goes on to report. A wrongdoer's name
    ("a liar", "a war criminal") accuses."""
    if att.cue is None or att.lemma not in _NAMING_VERBS or att.lemma == "dismiss" or _negated(att.cue):
        return None
    complements = [c for c in att.cue.children if c.dep_ in ("oprd", "dobj")]
    said_of = _insulted(complements, lexicon)
    if said_of is None:
        return None
    called = [c for c in complements if c.i != said_of.i]
    words = {
        w.lemma_.lower()
        for c in called
        for w in (c, *c.children)
        if w.dep_ in ("oprd", "dobj", "amod", "conj", "compound")
    }
    kind: Kind = (
        "accusation"
        if not words.isdisjoint(lexicon.accusation_words | lexicon.wrongdoer_labels)
        else "criticism"
    )
    return kind, resolve.named(said_of)


def _content_aim(tokens: list[Token], lexicon: Lexicon, resolve: Resolver[A]) -> A | None:
    """Whom the words of a denial, accusation or criticism cue name as aimed at, when the cue
    itself has no object: whose claim is denied, who is blamed in the content."""
    owner = _owned_claim(tokens, resolve)
    if owner is not None:
        return owner
    found = _blame(tokens, lexicon, resolve)
    return found[1] if found else None


def _act_key(token: Token, lexicon: Lexicon) -> int | str:
    """Acts of one family share a key ("beheading", "murder"); any other act is its own lemma."""
    lemma = token.lemma_.lower()
    return lexicon.violent_acts.get(lemma, lemma)


def act_authors(
    doc: Doc, lexicon: Lexicon, named: Callable[[Token], A | None], keys: Container[int | str]
) -> list[tuple[int, int | str, A]]:
    """(token index, act, author) of every act among keys the text names with its author: "the
    murder of X by ISIL", "militants claim to have beheaded X", "IS militants using chlorine",
    "the militants' gas attack"."""
    out: list[tuple[int, int | str, A]] = []
    for t in doc:
        if t.pos_ not in ("VERB", "NOUN") or (key := _act_key(t, lexicon)) not in keys:
            continue
        if t.pos_ == "VERB":
            subject = _subject_of(t)
            phrases = [subject] if subject is not None else []
        else:
            # "the murder of X by Y": the parser often hangs "by Y" from X
            preps = [c for c in t.children if c.dep_ == "prep"]
            preps += [
                p
                for c in preps
                if c.lower_ == "of"
                for g in c.children
                for p in g.children
                if p.dep_ == "prep"
            ]
            phrases = [c for c in t.children if c.dep_ in ("poss", "compound")] + [
                g for c in preps if c.lower_ == "by" for g in c.children if g.dep_ == "pobj"
            ]
        for phrase in phrases:
            author = named(phrase)
            if author is not None:
                out.append((t.i, key, author))
                break
    return out


def condemned_acts(doc: Doc, att: Attribution, lexicon: Lexicon) -> set[int | str]:
    """The acts a statement's words condemn: violent acts it names ("appalled by the brutal
    murder"), and the thing a word of condemnation is said of ("the use of chlorine is an
    abhorrent act")."""
    tokens = _tokens_in(doc, att)
    acts: set[int | str] = {
        lexicon.violent_acts[t.lemma_.lower()] for t in tokens if t.lemma_.lower() in lexicon.violent_acts
    }
    for t in tokens:
        if t.lemma_.lower() in lexicon.condemnation_words or t.lemma_.lower() in lexicon.criticism_words:
            said_of = [*_bearer(t), *filter(None, [_clause_subject(t)])]
            acts.update(_act_key(p, lexicon) for p in said_of if p.pos_ == "NOUN" and _act(p))
    return acts


__all__ = ["Resolver", "Verdict", "act_authors", "classify", "condemned_acts"]
