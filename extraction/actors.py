"""Actors: find who is mentioned, and resolve each speaker phrase to one actor.

Mentions come from the knowledge base (names, abbreviations, demonyms, capitals and
institutions as metonyms) and from the parser's named entities. A speaker phrase resolves, in
order of preference, to a named person in it, to a described official ("the deputy
director", given by a role title) affiliated with the state or body the phrase names, or to
the state or organisation it names. Pronouns and short names resolve to the actor named
earlier: the last subject of a fitting kind, as readers of news resolve them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .descriptions import Descriptions
from .knowledge import KBEntry, KnowledgeBase
from .lexicon import Lexicon
from .segment import is_prefixed
from .types import Actor, Span

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_CLAUSE_DEPS = frozenset({"acl", "relcl", "advcl", "ccomp"})
_IT = frozenset({"it", "its", "itself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
_PERSONAL_NAME = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+){2}$")  # three-part names: Kim Son Gyong
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
_ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation", "NORP": "group"}
# Documents speak only for an actor they name: "the ministry's statement", "a UN report".
_DOCUMENTS = frozenset(
    [
        "statement",
        "report",
        "article",
        "video",
        "footage",
        "message",
        "communique",
        "letter",
        "document",
        "tweet",
        "post",
        "broadcast",
        "interview",
        "release",
        "study",
        "survey",
        "poll",
        "account",
        "transcript",
        "recording",
        "audio",
        "clip",
        "editorial",
        "column",
        "story",
        "publication",
        "bulletin",
        "website",
        "assessment",
    ]
)
# Words that tell a person's gender: honorifics before a name, and nouns naming the person.
_MALE = frozenset(
    [
        "mr",
        "mr.",
        "sir",
        "lord",
        "king",
        "prince",
        "sheikh",
        "he",
        "him",
        "his",
        "himself",
        "man",
        "boy",
        "father",
        "brother",
        "son",
        "husband",
        "uncle",
        "nephew",
        "grandfather",
        "spokesman",
        "chairman",
        "businessman",
        "congressman",
        "policeman",
    ]
)
_FEMALE = frozenset(
    [
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "lady",
        "queen",
        "princess",
        "she",
        "her",
        "hers",
        "herself",
        "woman",
        "girl",
        "mother",
        "sister",
        "daughter",
        "wife",
        "aunt",
        "niece",
        "grandmother",
        "spokeswoman",
        "chairwoman",
        "businesswoman",
        "congresswoman",
        "policewoman",
        "actress",
    ]
)
# "The 26-year-old said": a person described by age is the person named before.
_AGED = re.compile(r"^(?:the|this) \d+-year-old$", re.IGNORECASE)
# Nouns that name a body again after its name: "the group's leader", "the movement's spokesman".
_BODY_NOUNS = frozenset(
    [
        "group",
        "organisation",
        "organization",
        "movement",
        "militia",
        "party",
        "government",
        "country",
        "state",
        "community",
    ]
)
# A body named again by what it is: "the group said", "the militia denied".
_GROUP_NOUNS = frozenset(["group", "organisation", "organization", "movement", "militia"])


def _participle_antecedent(pronoun: Token) -> Token | None:
    """The object of the main verb that the object pronoun of a subjectless participle stands for:
    "them" in "expelled three diplomats, accusing them of spying"; "him" only for one person or
    thing ("arrested the mayor, accusing him of fraud")."""
    verb = pronoun.head
    if pronoun.dep_ != "dobj" or verb.tag_ != "VBG" or verb.dep_ != "advcl":
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
    if obj is None or obj.pos_ == "PRON":
        return None
    plural = obj.tag_ in ("NNS", "NNPS")
    return obj if plural == (pronoun.lower_ == "them") else None


# Capitalised words after a place name that make it a city's own service: "Ottawa Police
# Service", "London Fire Brigade", "Toronto Transit Commission", "Lima City Council".
_CITY_SERVICES = frozenset({"City", "Municipal", "Fire", "Transit", "Metropolitan", "Metro"})
_POLICE_BODIES = frozenset({"Service", "Department", "Board"})


def _city_body(doc: Doc, end: int) -> bool:
    """The place matched just before end names a city whose own service follows."""
    if end >= len(doc):
        return False
    after = doc[end]
    if after.text in _CITY_SERVICES:
        return True
    return after.text == "Police" and end + 1 < len(doc) and doc[end + 1].text in _POLICE_BODIES


# Nouns of one state's or body's tie to another: "Ukraine's neighbour Moldova" is Moldova.
_RELATIONS = frozenset({"neighbour", "neighbor", "ally", "partner", "rival", "foe", "enemy", "adversary"})
_SEATED = frozenset({"based", "headquartered", "born"})


def _located(token: Token) -> bool:
    """The place in "Lima-based", "London-headquartered", "Paris-born"."""
    doc = token.doc
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ in _SEATED


# Modifiers that put an institution noun on the side fighting or opposing the state.
_AGAINST_THE_STATE = frozenset(
    {"rebel", "insurgent", "guerrilla", "guerilla", "militant", "separatist", "opposition", "jihadist"}
)
# A state's own bodies, named bare in the story of that state: "the army", "the regime".
_STATE_BODIES = frozenset(["government", "regime", "army", "military", "authorities", "junta", "police"])
# A document's clause that names its author: "a statement attributed to the group", "a video
# released by the ministry", "a communique issued by the rebels".
_AUTHORED = frozenset(
    [
        "attribute",
        "issue",
        "release",
        "publish",
        "post",
        "sign",
        "write",
        "upload",
        "distribute",
        "circulate",
        "carry",
        "read",
    ]
)
# People described by nationality who speak for themselves: "a British man", "an American
# journalist" (while "a British official" or "Syrian troops" speak for their state).
_PRIVATE_PERSONS = frozenset(
    [
        "man",
        "woman",
        "person",
        "journalist",
        "photographer",
        "photojournalist",
        "citizen",
        "national",
        "resident",
        "student",
        "tourist",
        "volunteer",
        "businessman",
        "businesswoman",
        "doctor",
        "nurse",
        "teacher",
        "analyst",
        "expert",
        "researcher",
        "academic",
        "professor",
        "blogger",
        "writer",
        "mother",
        "father",
        "teenager",
    ]
)
# Nouns for those against someone: "his critics", "Trump's rivals" are not of his side.
_ADVERSARIES = frozenset(
    ["critic", "opponent", "rival", "detractor", "adversary", "enemy", "foe", "challenger", "accuser"]
)
# Nouns for one who runs for office: "the Republican candidate", "the Democratic nominee".
_CONTENDERS = frozenset(
    ["candidate", "nominee", "hopeful", "frontrunner", "challenger", "incumbent", "contender"]
)
# "one of his friends", "elements of the army": a part speaks as the group it belongs to.
_PARTS = frozenset(
    [
        "one",
        "some",
        "many",
        "several",
        "most",
        "two",
        "three",
        "none",
        "each",
        "all",
        "elements",
        "members",
        "part",
    ]
)
# Quantifiers that stand alone for part of a group named before: "Several contended that...".
_COUNTED = frozenset(["some", "many", "several", "most", "both", "all"])
# Nouns besides role titles by which an apposition ties a person to a body: "Ahmed Saleh, a
# member of the Syrian parliament", "a Hezbollah fighter".
_MEMBERS = frozenset(["member", "fighter", "militant", "soldier", "source"])
# Prepositions after a title that name whom the post deals with, not whose it is.
_NOT_WHOSE = frozenset(["to", "on", "about", "against", "over", "toward", "towards", "into"])
# Titles of people who speak for a body by office: bare ("a spokesman said"), the body just named.
_SPOKES = frozenset(["spokesman", "spokeswoman", "spokesperson", "representative"])
# Verbs of a relative clause that give a person's post: "who heads the ministry", "who speaks for".
_HOLDS_A_POST = frozenset(["head", "lead", "run", "chair", "command", "represent", "speak", "work", "serve"])
# The preposition a body must follow for some nouns and verbs: "an analyst at Chatham House" (not
# "a Syrian analyst"), "who works for the ministry" (not "works with refugees in Jordan").
_PRIVATE_PREPS = frozenset(["at", "for", "with", "from"])
_POST_PREPS = {verb: frozenset(["for", "at"]) for verb in ("speak", "work", "serve")}
_DETERMINERS = frozenset({"a", "an", "the", "one", "unidentified", "unnamed", "anonymous", "senior", "top"})


@dataclass(slots=True)
class _Draft:
    """An actor while the document is being read; frozen into an Actor at the end."""

    name: str
    kind: str
    code: str | None = None
    kb_key: str | None = None
    affiliation: _Draft | None = None
    role: str | None = None
    mentions: list[Span] = field(default_factory=list)
    words: frozenset[str] = frozenset()  # lowercase name words, to match "Kim" to "Kim Son-gyong"
    # Names as written ("US", "American", "Guterres"); pronouns and descriptions are mentions
    # but not aliases, since an alias is stored as a name of the actor for good.
    names: set[str] = field(default_factory=set)
    gender: str | None = None  # "m" or "f" when the text says (Mr, her brother, "Lucy said she...")
    # People described in the plural ("U.S. officials", "the friends"): "they", never "he".
    plural: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # token indices, end exclusive
    end: int
    actor: _Draft


def _looks_like_a_name(span: SpacySpan) -> bool:
    """Capitalised as a name is, after a leading "the" ("the West", not "the west wing")."""
    first = span[1] if len(span) > 1 and span[0].lower_ == "the" else span[0]
    if first.i < span[-1].i and first.pos_ == "ADJ" and span[-1].tag_ == "NNS":
        # "the western countries", "western powers": a bloc described, written in lower case.
        return True
    return first.is_title or first.is_upper or not first.is_alpha


def _spellings(surface: str) -> set[str]:
    """The name as written and with its hyphens and spaces swapped: "Kim Son Gyong" is also
    written "Kim Son-gyong", "Secretary-General" also "Secretary General"."""
    out = {surface, surface.replace("-", " ")}
    if surface.startswith("The ") and len(surface.split()) > 2:
        # "a Washington Post report": the article goes when the name is used as a modifier.
        out.add(surface[4:])
    if surface.isalpha() and surface.isupper() and 2 <= len(surface) <= 3:
        # "US" is as often written "U.S." in the news: "U.K.", "U.N.", "E.U." the same.
        out.add("".join(f"{c}." for c in surface))
    head, _, last = surface.rpartition(" ")
    if head and _PERSONAL_NAME.match(surface):
        out.add(f"{head}-{last}")
    return out


# Words with an agent's ending that name no one: "the letter said", "the number suggests".
_NOT_AGENTS = frozenset(
    [
        "letter",
        "number",
        "order",
        "matter",
        "water",
        "center",
        "centre",
        "computer",
        "error",
        "factor",
        "sector",
        "other",
        "border",
        "corner",
        "power",
        "river",
        "poster",
        "flyer",
        "banner",
        "trailer",
        "chapter",
        "cover",
        "answer",
        "offer",
        "tower",
        "weather",
        "manner",
        "dinner",
        "summer",
        "winter",
        "quarter",
        "register",
        "motor",
        "mirror",
        "horror",
        "terror",
        "color",
        "colour",
        "honor",
        "honour",
        "floor",
        "door",
        "minor",
        "major",
        "interior",
        "exterior",
        "behavior",
        "behaviour",
        "labor",
        "labour",
        "rumor",
        "rumour",
        "paper",
        "filter",
        "meter",
        "barrier",
        "character",
        "disaster",
        "fighter-jet",
        "layer",
        "lawn",
    ]
)


def _squash(name: str) -> str:
    """A name as a handle spells it: "Hillary Clinton" -> "hillaryclinton"."""
    return "".join(c for c in name.casefold() if c.isalnum())


def _agent_noun(token: Token) -> bool:
    """A common noun that names a doer ("the farmer", "the coach" excepted, "organisers",
    "a physicist", "historians"): news sources are people named by what they do."""
    if token.pos_ != "NOUN":
        return False
    return _agent_word(token.lemma_.lower())


def _agent_word(lemma: str) -> bool:
    return lemma not in _NOT_AGENTS and lemma.endswith(("er", "or", "ist", "ian", "ant")) and len(lemma) > 4


_PRESS = frozenset({"newspaper", "media", "press", "paper", "tabloid", "broadcaster", "outlet"})


def _phrase_span(token: Token) -> Span:
    """The characters from where the phrase a token heads begins to the token's end: the speaker
    span of a noun found by the parse rather than given."""
    return (token.doc[token.left_edge.i].idx, token.idx + len(token))


def _press_word(token: Token) -> bool:
    # The lemmatizer makes "media" "medium".
    return token.lower_ in _PRESS or token.lemma_.lower() in _PRESS


def _is_press(head: Token) -> bool:
    """A phrase naming a country's press: "British newspapers", "Turkish media reports"."""
    if _press_word(head):
        return True
    return head.lemma_.lower() in _DOCUMENTS and any(
        c.dep_ in ("compound", "amod") and _press_word(c) for c in head.children
    )


def _named_as_body(name: Token) -> bool:
    """'the jihadist group al-Shabab', 'al-Shabab, the Somali militia': a name that a body noun
    introduces or describes."""
    near = [*name.children, name.head] if name.dep_ in ("appos", "compound") else list(name.children)
    return any(
        t.dep_ in ("appos", "compound") or t is name.head for t in near if t.lemma_.lower() in _BODY_NOUNS
    )


def _named_as_press(name: Token) -> bool:
    """'Al-Sabaah, an Iraqi newspaper', 'the daily Al-Rayah': a name a press noun describes."""
    near = [*name.children, name.head] if name.dep_ in ("appos", "compound") else list(name.children)
    return any((t.dep_ in ("appos", "compound") or t is name.head) and _press_word(t) for t in near)


def _phrase(tokens: list[Token]) -> str:
    """A description as written ("group's leader", "well-placed source"), its determiners dropped."""
    while tokens and tokens[0].lower_ in _DETERMINERS:
        tokens = tokens[1:]
    return "".join(t.text_with_ws for t in tokens).strip()


def _office_words(name: str, role: str) -> set[str]:
    skip = set(role.split()) | _DETERMINERS | {"for", "of", "at", "in", "to", "'s", "’s"}
    return {w for w in re.findall(r"[\w'’]+", name.lower()) if w not in skip}


def _other_office(before: str, now: str, role: str) -> bool:
    """Two unnamed officials of one title whose descriptions name different offices ("foreign
    ministry spokesman", "defence ministry spokesman"); "a spokesman for the ministry" after
    "a ministry spokesman" is the same office."""
    a, b = _office_words(before, role), _office_words(now, role)
    return bool(a) and bool(b) and a != b


def _against_or_for(token: Token) -> bool:
    """ "the anti-ISIL coalition", "pro-Russian separatists": the name says whom they are for or
    against, not who they are."""
    doc = token.doc
    i = token.i
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("anti", "pro"):
        return True
    return i >= 1 and doc[i - 1].lower_.rstrip("-") in ("anti", "pro") and doc[i - 1].text.endswith("-")


# Who a nationality names without its state: "Syrian rebels", "Kurdish fighters", "Iranian
# dissidents" (troops, officials and diplomats are the state's).
_NON_STATE = frozenset(
    {
        "rebel", "separatist", "insurgent", "militant", "opposition", "activist", "dissident",
        "protester", "protestor", "demonstrator", "guerrilla", "jihadist", "extremist", "fighter",
        "gunman", "gunmen", "exile", "refugee", "volunteer",
    }
)  # fmt: skip
# "the North", "the South" in news about Korea.
_KOREAN_HALVES = {"North": "PRK", "South": "KOR"}
# "KCNA quoted a spokesman as saying": verbs by which an outlet relays an official.
_QUOTING_VERBS = frozenset({"quote", "cite"})
# "State media", "state-run television", "the official news agency": a state's own outlets.
_STATE_OUTLETS = frozenset(
    {"media", "television", "tv", "radio", "agency", "broadcaster", "press", "newspaper"}
)
_STATE_OWNED = frozenset(
    {"state", "state-run", "state-owned", "state-controlled", "government-run", "official"}
)


class ActorIndex:
    """Knowledge-base matchers, built once per process: the per-document work is one matcher pass."""

    def __init__(self, nlp: Language, kb: KnowledgeBase, lexicon: Lexicon) -> None:
        self.kb = kb
        self.lex = lexicon
        self.roles = frozenset(lexicon.role_titles | kb.role_titles())
        self.institutions = kb.institution_nouns()
        # Abbreviations are matched as written ("US", "WHO"), the rest without case.
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact: dict[str, list[Doc]] = {}
        folded: dict[str, list[Doc]] = {}
        for surface, key, _form in kb.surface_forms():
            table = exact if surface.isupper() or any(c.isdigit() for c in surface) else folded
            for variant in _spellings(surface):
                table.setdefault(key, []).append(nlp.make_doc(variant))
        for key, docs in exact.items():
            self.exact.add(key, docs)
        for key, docs in folded.items():
            self.folded.add(key, docs)
        # "@nytimes", "#dailymail": a handle or hashtag spells a name without its spaces.
        self.squashed: dict[str, str] = {}
        for surface, key, _form in kb.surface_forms():
            if len(word := _squash(surface)) >= 5:
                self.squashed.setdefault(word, key)

    def read(self, doc: Doc, text: str) -> DocActors:
        return DocActors(self, doc, text)


class DocActors:
    """The actors of one document, and the resolution of phrases to them."""

    def __init__(self, index: ActorIndex, doc: Doc, text: str) -> None:
        self.index = index
        self.doc = doc
        self.text = text  # doc.text rebuilds the string on every access
        self.drafts: list[_Draft] = []
        self._by_key: dict[str, _Draft] = {}
        self.by_token: dict[int, _Draft] = {}  # token index -> actor, for every mention token
        self._speaker_at: dict[int, _Draft] = {}  # head token of each resolved speaker phrase
        self._speaker_nouns: dict[str, _Draft] = {}  # head noun of a speaker phrase -> its actor
        self._positions: list[tuple[int, _Draft]] | None = (
            None  # mentions by character, once speakers are known
        )
        self._first_person: set[int] = set()  # characters where "I", "we"... mention an actor
        self._supports: dict[int, _Draft] = {}  # "pro-IS": token index -> the actor supported
        self._stateless_at: dict[int, _Draft | None] = {}  # "Syrian rebels" named in what is said
        self._find_mentions()
        self._find_genders()
        self._resolve_descriptions()
        self._resolve_pronouns()

    # -- mentions ------------------------------------------------------------------------------

    def _kb_actor(self, entry: KBEntry) -> _Draft:
        draft = self._by_key.get(entry.key)
        if draft is None:
            affiliation = None
            if entry.affiliation and (parent := self.index.kb.get(entry.affiliation)):
                affiliation = self._kb_actor(parent)
            draft = _Draft(
                name=entry.name,
                kind=entry.kind,
                code=entry.code,
                kb_key=entry.key,
                affiliation=affiliation,
                role=entry.role,
                words=frozenset(entry.name.lower().split()),
                gender=entry.gender,  # the knowledge base's word outranks any cue in the text
            )
            self._by_key[entry.key] = draft
            self.drafts.append(draft)
        return draft

    def _mention(self, draft: _Draft, start: int, end: int) -> None:
        doc = self.doc
        span = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        if span not in draft.mentions:
            draft.mentions.append(span)
        draft.names.add(self.text[span[0] : span[1]])
        for i in range(start, end):
            self.by_token[i] = draft

    def _find_mentions(self) -> None:
        doc, kb = self.doc, self.index.kb
        strings = doc.vocab.strings
        matches = [(s, e, strings[m]) for m, s, e in self.index.exact(doc)]
        # A case-folded match must still look like a name in the text: "chad" is not Chad.
        matches += [(s, e, strings[m]) for m, s, e in self.index.folded(doc) if _looks_like_a_name(doc[s:e])]
        taken: set[int] = set()
        for start, end, key in sorted(matches, key=lambda m: (m[0], -(m[1] - m[0]))):
            if any(i in taken for i in range(start, end)):
                continue
            entry = kb.get(key)
            if entry is None or self._inside_longer_name(start, end, taken):
                continue
            if entry.kind == "state" and _city_body(doc, end):
                continue  # "the Ottawa Police Service", "London Fire Brigade": the city's, not Canada
            taken.update(range(start, end))
            self._mention(self._kb_actor(entry), start, end)
        self._korean_halves(taken)
        for token in doc:
            # "pro-IS sources", "pro-Kremlin media": who they speak for, not a mention of it.
            if token.lower_.startswith("pro-") and (supported := self._kb_word(token.text[4:])) is not None:
                self._supports[token.i] = supported
        for ent in doc.ents:
            kind = _ENTITY_KINDS.get(ent.label_)
            if kind is None or any(i in taken for i in range(ent.start, ent.end)):
                continue
            if len(ent) == 1 and is_prefixed(ent[0]):
                continue  # "Pro-IS" is no one's name, whatever the tagger makes of it
            name = ent.text.removesuffix("’s").removesuffix("'s").strip()
            if not name or name.islower():
                continue  # "the terror group fed a mother": a name is written with a capital
            if kind == "person" and _named_as_body(ent.root):
                kind = "group"  # "the jihadist group al-Shabab": a body, whatever the tagger says
            elif kind == "person" and _named_as_press(ent.root):
                kind = "media"  # "Al-Sabaah, an Iraqi newspaper"
            taken.update(range(ent.start, ent.end))
            self._mention(self._named(name, kind), ent.start, ent.end)
        self._handles(taken)

    def _handles(self, taken: set[int]) -> None:
        """ "@HillaryClinton", ".@BernieSanders", "#dailymail": a social-media handle or hashtag
        names the actor whose name it spells, once that actor is named in the text or known to
        the knowledge base; a name's words are what a reader matches, not the spelling."""
        if "@" not in self.text and "#" not in self.text:
            return  # most articles: no token to read
        doc = self.doc
        for token in doc:
            word = token.text.lstrip(".")
            if word.startswith("@"):
                word = word[1:]
            elif not (token.i > 0 and doc[token.i - 1].text == "#" and not doc[token.i - 1].whitespace_):
                continue  # "#dailymail" is two tokens
            if token.i in taken or token.i in self.by_token or len(squashed := _squash(word)) < 5:
                continue
            draft = next(
                (d for d in self.drafts if any(_squash(n) == squashed for n in (d.name, *d.names))), None
            )
            if draft is None and (key := self.index.squashed.get(squashed)) is not None:
                entry = self.index.kb.get(key)
                draft = self._kb_actor(entry) if entry is not None else None
            if draft is not None:
                taken.add(token.i)
                self._mention(draft, token.i, token.i + 1)

    def _korean_halves(self, taken: set[int]) -> None:
        """ "the North", "the South" in news about Korea: the two Korean states, as the wire
        writes them once either is named (elsewhere "the North" is no one)."""
        if not {"PRK", "KOR"} & set(self._by_key):
            return
        for token in self.doc:
            if token.i in taken or token.text not in _KOREAN_HALVES or token.i == 0:
                continue
            after = self.doc[token.i + 1].text if token.i + 1 < len(self.doc) else ""
            if self.doc[token.i - 1].lower_ != "the" or after in ("Korea", "Korean"):
                continue
            entry = self.index.kb.get(_KOREAN_HALVES[token.text])
            if entry is not None:
                taken.add(token.i)
                self._mention(self._kb_actor(entry), token.i, token.i + 1)

    def _kb_word(self, word: str) -> _Draft | None:
        """The knowledge-base actor one word names ("IS", "Kremlin"), if any."""
        if not word.isalpha():
            return None
        doc = Doc(self.doc.vocab, words=[word])
        for matcher in (self.index.exact, self.index.folded):
            for key, _start, _end in matcher(doc):
                if (entry := self.index.kb.get(self.doc.vocab.strings[key])) is not None:
                    return self._kb_actor(entry)
        return None

    def _inside_longer_name(self, start: int, end: int, taken: set[int]) -> bool:
        """'Philippine National Security Council' is not the UN Security Council: a capitalised
        word that is not itself a known name runs into the match from the left."""
        if start == 0:
            return False
        before = self.doc[start - 1]
        return (
            before.is_title
            and before.pos_ == "PROPN"
            and before.i not in taken
            and start <= before.head.i < end
            and before.ent_type_ not in ("GPE", "NORP")
        )

    def _named(self, name: str, kind: str) -> _Draft:
        """The actor a name refers to; a surname or first name alone joins the full name seen earlier."""
        words = frozenset(name.lower().replace("-", " ").split())
        for draft in reversed(self.drafts):
            # The tagger may call a lone surname an organisation; a person's name words decide.
            same = draft.kind == kind or (draft.kind == "person" and words <= draft.words)
            if same and (words <= draft.words or draft.words <= words):
                if len(name) > len(draft.name) and draft.kb_key is None:
                    draft.name, draft.words = name, words
                return draft
        draft = _Draft(name=name, kind=kind, words=words)
        self.drafts.append(draft)
        return draft

    def _find_genders(self) -> None:
        """A person's gender: from the knowledge base (set in _kb_actor), else where the text gives
        it ("Mr Qureshi", "her brother Luke", "his sister, Lucy"), else by a given name that names
        one gender ("Fatima Hassan"), else by a he/she right after the name in the same sentence
        ("Lucy Somers said she..."), which is the weakest: "Fatima said he was arrested"."""
        doc = self.doc
        for i, draft in self.by_token.items():
            if draft.kind != "person" or draft.gender is not None:
                continue
            token = doc[i]
            near = [doc[i - 1]] if i > 0 else []
            near += [token.head] if token.dep_ in ("appos", "compound") else []
            near += [c for c in token.children if c.dep_ in ("appos", "compound")]
            for t in near:
                word = t.lower_
                if word in _MALE or t.lemma_.lower() in _MALE:
                    draft.gender = "m"
                elif word in _FEMALE or t.lemma_.lower() in _FEMALE:
                    draft.gender = "f"
        lex = self.index.lex
        for draft in self.drafts:
            # "Fatima Hassan": a given name that names one gender. A name of one word is likelier a
            # surname ("Warren said", for Elizabeth Warren), so it is left to the cues around it.
            words = draft.name.split()
            if draft.kind != "person" or draft.gender is not None or draft.plural or len(words) < 2:
                continue
            gender = lex.given_name_gender(words[0])
            # "Marine John Tiegen": a first word that is a rank or a title, before the given name.
            others = {lex.given_name_gender(w) for w in words[1:-1]}
            if gender is not None and ({"m", "f"} - {gender}) & others:
                gender = None
            draft.gender = gender
        for token in doc:
            # "Lucy Somers said she learned...": the subject of what a person says is that person.
            if token.dep_ != "nsubj" or token.lower_ not in ("he", "she") or token.head.dep_ != "ccomp":
                continue
            subject = next((c for c in token.head.head.children if c.dep_ == "nsubj"), None)
            draft = self.by_token.get(subject.i) if subject is not None else None
            if draft is not None and draft.kind == "person" and draft.gender is None:
                draft.gender = "m" if token.lower_ == "he" else "f"

    def _resolve_descriptions(self) -> None:
        """ "the Vermont senator" after "Vermont Sen. Bernie Sanders": a mention of him, before
        pronouns are read (so "he" after the description is him too)."""
        people = [d for d in self.drafts if d.kind == "person" and not d.plural]
        if not people:
            return
        lex = self.index.lex

        def is_title(word: str) -> bool:
            return word in self.index.roles or word in lex.speaker_nouns or _agent_word(word)

        found = Descriptions(
            self.doc,
            self.by_token,
            people,
            {id(d): d.role for d in people},
            is_title,
            {id(d): d.affiliation for d in people},
        )
        for token in self.doc:
            if token.pos_ != "NOUN" or token.i in self.by_token:
                continue
            person = found.described(token)
            if person is None:
                continue
            start = min(c.i for c in token.children if c.dep_ == "det")
            for i in range(start, token.i + 1):
                self.by_token.setdefault(i, person)
            person.mentions.append((self.doc[start].idx, token.idx + len(token)))
            found.mentioned(person, token.i)

    def _subject_actor(self, token: Token) -> _Draft | None:
        """The actor a subject names, through an apposition: "His sister Lucy told..." is Lucy."""
        draft = self.by_token.get(token.i)
        if draft is None and token.pos_ == "NOUN":
            draft = next(
                (self.by_token[c.i] for c in token.children if c.dep_ == "appos" and c.i in self.by_token),
                None,
            )
        return draft

    def _gender_fits(self, pronoun: str, draft: _Draft) -> bool:
        if draft.plural:
            return False  # "U.S. officials ... He notes that...": he is not the officials
        if draft.gender is None:
            return True
        return not (
            (pronoun in _MALE and draft.gender == "f") or (pronoun in _FEMALE and draft.gender == "m")
        )

    def _resolve_pronouns(self) -> None:
        """Subject pronouns take the last subject of their kind ("it" a state, "he" a person)."""
        persons, others = self.index.lex.person_pronouns, self.index.lex.collective_pronouns
        recent: list[_Draft] = []  # persons, the last subject first
        last_other: _Draft | None = None
        for token in self.doc:
            if token.dep_ not in _SUBJECT_DEPS and token.dep_ != "poss":
                continue
            draft = self._subject_actor(token)
            lower = token.lower_
            if draft is None and token.pos_ == "PRON":
                if lower in persons:
                    bound = self._bound(token)
                    draft = next(
                        (d for d in recent if self._gender_fits(lower, d) and id(d) not in bound), None
                    )
                else:
                    draft = last_other if lower in others else None
                if draft is not None and token.dep_ in _SUBJECT_DEPS:
                    self.by_token[token.i] = draft
                    draft.mentions.append((token.idx, token.idx + len(token)))
                continue
            # The subject of a noun is a misparse ("US claims that it..." in a headline), not a subject.
            if draft is not None and token.dep_ in _SUBJECT_DEPS and token.head.pos_ in ("VERB", "AUX"):
                if draft.kind == "person" and not draft.plural:
                    recent = [draft, *(d for d in recent if d is not draft)][:8]
                else:
                    last_other = draft

    # -- speakers and targets ------------------------------------------------------------------

    def speaker(self, head: Token | None, span: Span | None) -> _Draft | None:
        """The actor a speaker phrase names: a person, a described official, or a state or body."""
        if head is None or span is None:
            return None
        named = head.i in self.by_token
        draft = self._speaker(head, span)
        if draft is not None:
            self._speaker_at[head.i] = draft
            if head.pos_ in ("NOUN", "PROPN"):
                self._speaker_nouns[head.lemma_.lower()] = draft
            if (draft.kind == "person" or draft.kb_key is None) and not named and span not in draft.mentions:
                draft.mentions.append(span)  # "the deputy director": a mention by description
        return draft

    def _antecedent(self, pronoun: Token, exclude: frozenset[int] | set[int] = frozenset()) -> _Draft | None:
        """The last subject or speaker before the pronoun whose kind and number fit it; failing
        that, whose kind fits it (a plural "they" for a person named alone is still likelier
        that person than nobody)."""
        lower = pronoun.lower_
        lex = self.index.lex
        exclude = set(exclude) | self._bound(pronoun)
        if lower in lex.person_pronouns:
            strict = lambda d: d.kind == "person" and self._gender_fits(lower, d)  # noqa: E731
            loose = lambda d: d.kind == "person" and self._gender_fits(lower, replace(d, plural=False))  # noqa: E731
        elif lower in lex.collective_pronouns:
            # "they" is a body or people in the plural, not the one person named last.
            # "it" is a body, never people: "Officials said... Al-Rayah said... it claimed".
            def strict(d: _Draft) -> bool:
                return d.kind != "person" or (lower not in _IT and (d.plural or lower in ("we", "our")))

            loose = lambda d: d.kind != "person" or lower in ("they", "we", "their", "our")  # noqa: E731
        else:
            return None
        return self._last_fitting(pronoun, strict, exclude) or self._last_fitting(pronoun, loose, exclude)

    def _last_fitting(
        self, pronoun: Token, fits: Callable[[_Draft], bool], exclude: set[int]
    ) -> _Draft | None:
        lower = pronoun.lower_
        lex = self.index.lex
        for i in range(pronoun.i - 1, max(-1, pronoun.i - 400), -1):
            if lower in _IT and self.doc[i].tag_ in ("NNS", "NNPS"):
                continue  # "accused by Western governments of ..., which it calls ...": not them
            draft = self._speaker_at.get(i)
            if draft is None and self.doc[i].dep_ in _SUBJECT_DEPS:
                # "The group also posted photographs of a house where, it said, ...": the group.
                draft = self._subject_actor(self.doc[i]) or self._definite_body(self.doc[i])
            if draft is not None and fits(draft) and id(draft) not in exclude:
                return draft
            token = self.doc[i]
            if (
                draft is None
                and lower in lex.person_pronouns
                and token.dep_ in _SUBJECT_DEPS
                and token.tag_ == "NN"
                and any(
                    c.dep_ in ("compound", "amod", "poss") and c.i in self.by_token for c in token.children
                )
                and (self._role(token) is not None or token.lemma_.lower() in lex.speaker_nouns)
            ):
                # "Then the ISIS member makes a statement. ... he says": a person described by
                # the body they belong to, named as a subject, is who "he" is.
                described = self._speaker(token, _phrase_span(token))
                # The phrase may resolve to the body itself ("the ISIS member" speaks as ISIS).
                if described is not None and id(described) not in exclude:
                    return described
        return None

    def _bound(self, pronoun: Token) -> set[int]:
        """'he identifies Foley and says...': he is not Foley, whom his own clause names."""
        if pronoun.dep_ not in _SUBJECT_DEPS:
            return set()
        verbs = [pronoun.head, *(c for c in pronoun.head.children if c.dep_ == "conj")]
        return {
            id(self.by_token[g.i])
            for v in verbs
            for c in v.children
            if c.dep_ in ("dobj", "dative")
            for g in c.subtree
            if g.i in self.by_token and g.i != pronoun.i
        }

    def _speaker(self, head: Token, span: Span) -> _Draft | None:
        doc = self.doc
        lex = self.index.lex
        relative = head.head.dep_ in ("relcl", "acl") and head.head.head.i != head.i
        after_comma = head.i > 0 and doc[head.i - 1].text == ","
        if head.lower_ in lex.relative_pronouns and (relative or (head.lower_ == "who" and after_comma)):
            # "officials who said...": the relative pronoun speaks for the noun it follows.
            noun = head.head.head
            found = None
            if relative and noun.i in self._speaker_at:
                found = self._speaker_at[noun.i]  # "two women who have accused him said": the same women
            elif relative and noun.pos_ in ("NOUN", "PROPN", "PRON") and noun.i < head.i:
                found = self._speaker(noun, _phrase_span(noun))
            if found is None and head.lower_ == "who":
                # "Hurriyet, however, who said...", "three middlemen trying to broker the deal,
                # who say...": the parser hung the clause on the wrong word; "who" is a person or
                # a body, the nearest one named before it in the sentence.
                for noun in reversed(doc[max(head.sent.start, head.i - 12) : head.i]):
                    if noun.pos_ in ("NOUN", "PROPN") and (found := self._speaker(noun, _phrase_span(noun))):
                        break
            return found
        if head.pos_ == "PRON" and head.lower_ not in lex.relative_pronouns:
            return self._antecedent(head) or self.by_token.get(head.i)
        if _AGED.match(self.text[span[0] : span[1]]) and (person := self._last_person(head)) is not None:
            return person
        if head.lower_ in _PARTS:
            # "one of his friends", "some of the protesters", "many in the intelligence
            # community": the group the part belongs to.
            group = next(
                (
                    g
                    for p in head.children
                    if p.dep_ == "prep"
                    and (p.lower_ == "of" or (p.lower_ == "in" and head.lower_ in _COUNTED))
                    for g in p.children
                    if g.dep_ == "pobj"
                ),
                None,
            )
            if group is not None:
                draft = self._speaker(group, span)
                if draft is not None:
                    return draft
            elif (
                head.lower_ in _COUNTED
                and head.dep_ in _SUBJECT_DEPS
                and not any(c.dep_ in ("det", "amod", "compound", "nummod") for c in head.children)
            ):
                # "...drew criticism from congressional Republicans. Several contended that...":
                # a bare quantifier is a part of the people or bodies just named, as "they" is.
                draft = self._last_fitting(head, lambda d: d.plural or d.kind != "person", set())
                if draft is not None:
                    return draft
        tokens = [t for t in doc[head.left_edge.i : head.right_edge.i + 1] if span[0] <= t.idx < span[1]] or [
            head
        ]
        if head.i in self.by_token and self.by_token[head.i].kind == "person":
            person = self.by_token[head.i]
            if person.affiliation is None:
                person.affiliation = self._titled_by(head, tokens, person) or self._described_as(
                    head, tokens, person
                )
            return person
        before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
        if (
            before is not None
            and before.pos_ in ("AUX", "VERB")
            and before.is_upper
            and before.i in self.by_token
            and self.by_token[before.i].kind != "person"
        ):
            # "IS media sources alleged": the parser reads the group's initials as the verb "is".
            tokens = [before, *tokens]
        # "the Lima-based group Fair Water": where a body sits is not whose side it speaks for
        tokens_of_side = [t for t in tokens if not _located(t)]
        mentioned = [self.by_token[t.i] for t in tokens_of_side if t.i in self.by_token]
        if head.lemma_.lower() in _ADVERSARIES:
            # "his opponents", "the party's critics": whose they are is whom they oppose, not
            # their side (which would keep their attacks from being aimed at him).
            possessed = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
            mentioned = [
                self.by_token[t.i] for t in tokens_of_side if t.i in self.by_token and t.i not in possessed
            ]
        people = [d for d in mentioned if d.kind == "person"]
        bodies = [d for d in mentioned if d.kind != "person"]
        if head.lemma_.lower() in _RELATIONS:
            named = next(
                (self.by_token[c.i] for c in head.children if c.dep_ == "appos" and c.i in self.by_token),
                None,
            )
            if named is not None and named.kind != "person":
                return named  # "Ukraine's neighbour Moldova said": Moldova, not Ukraine
        if not mentioned and head.lemma_.lower() not in _ADVERSARIES:
            # "the group's leader", "the ministry's spokesman": the body named before.
            owner = next(
                (
                    t
                    for t in tokens
                    # "the group's leader", "a spokesman for the group"
                    if (
                        t.dep_ == "poss"
                        or (t.dep_ == "pobj" and t.head.lower_ in ("for", "of") and t.head.head.i == head.i)
                    )
                    and t.pos_ == "NOUN"
                    and any(c.lower_ == "the" for c in t.children)
                    and (t.lemma_.lower() in self.index.institutions or t.lemma_.lower() in _BODY_NOUNS)
                ),
                None,
            )
            body = self._last_body(owner, ("state", "organisation", "group")) if owner is not None else None
            # "The ministry summoned the envoy. Its spokesman said...": the one "its" refers to.
            pronoun = next(
                (
                    t
                    for t in tokens
                    if t.dep_ == "poss" and t.head.i == head.i and t.lower_ in ("its", "their", "his", "her")
                ),
                None,
            )
            if body is None and pronoun is not None:
                body = self._antecedent(pronoun)
                if body is None and pronoun.lower_ in ("its", "their"):
                    # "The Iranian foreign ministry summoned...": a subject named by its modifier.
                    body = self._last_speaking_body(
                        pronoun, ("state", "organisation", "group"), sentences=2, subjects=True
                    )
            if body is not None:
                bodies = [body]
        role = self._role(head)
        possessors = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
        if (
            people
            and head.pos_ == "NOUN"
            and (role is not None or head.lemma_.lower() in self.index.lex.speaker_nouns)
            and all(t.i in possessors for t in tokens if t.i in self.by_token)
        ):
            # "Emwazi's friends", "Trump's spokesman": not the person named, but someone of theirs.
            if role is not None:
                return self._official(head, tokens, role, people)
            return self._proposed(head, tokens, [])
        if people:
            person = people[-1]
            if person.affiliation is None:
                person.affiliation = bodies[0] if bodies else self._described_as(head, tokens, person)
            return person
        if (
            bodies
            and (head.lemma_.lower() in _PRIVATE_PERSONS or (head.ent_type_ == "NORP" and head.tag_ == "NNP"))
            and tokens[0].lower_ in ("a", "an")
            and all(t.i not in self.by_token or t.ent_type_ == "NORP" for t in tokens if t.i != head.i)
        ):
            # "A British man who went to fight...", "an American journalist", "a brave Briton": a
            # private person of that nationality speaks for themselves, not for their state.
            return self._proposed(head, tokens, []) or self._private(head, tokens)
        if role is not None:
            official = self._official(head, tokens, role, bodies)
            for t in tokens:
                self.by_token.setdefault(t.i, official)
            return official
        if head.i in self.by_token:
            named = self.by_token[head.i]
            if named.kb_key is None and named.kind == "organisation" and named.affiliation is None:
                # "Ukraine's General Staff", "Israel's Shin Bet": a body of the state that owns it
                named.affiliation = next(
                    (
                        self.by_token[t.i]
                        for t in tokens
                        if t.i in self.by_token
                        and self.by_token[t.i] is not named
                        and self.by_token[t.i].kind == "state"
                        and t.dep_ in ("poss", "amod", "compound")
                    ),
                    None,
                )
            return named
        if (
            bodies
            and _is_press(head)
            and not any(b.kind == "media" for b in bodies)
            # "Russian state media": the state speaks through them (below).
            and not any(t.lower_ in _STATE_OWNED for t in tokens)
        ):
            # "British newspapers", "UK media reports": the press of a country, not its state.
            return self._proposed(head, tokens, [])
        if (
            bodies
            and head.lemma_.lower() in _NON_STATE
            and all(b.kind == "state" for b in bodies)
            and all(t.ent_type_ == "NORP" for t in tokens if t.i in self.by_token)
        ):
            # "Syrian rebels", "Ukrainian separatists", "Syrian opposition activists": people of a
            # country against or outside its state, who do not speak for it. (A people's adjective
            # that names a body of its own, "Kurdish fighters", stays that body's.)
            return self._proposed(head, tokens, [])
        if bodies and head.lower_ not in self.index.lex.relative_pronouns:
            # "North Korean officials", "the Russian side": the state speaks.
            entry = self.index.kb.lookup(" ".join(t.text for t in tokens))
            if entry is not None:
                return self._kb_actor(entry)
            attached = [
                t
                for t in tokens
                if t.i in self.by_token
                and t.head.i == head.i
                and t.dep_ in ("compound", "amod", "poss", "nmod")
            ]
            # "Lebanon's Hezbollah group", "Syria's Kurdish YPG militia": the group the noun names
            # speaks, not the country it is of.
            own = [
                self.by_token[t.i]
                for t in attached
                if t.dep_ == "compound" and self.by_token[t.i].kind in ("group", "organisation")
            ]
            if own and any(b.kind == "state" for b in bodies):
                return own[-1]
            if attached:
                return bodies[0]
        if tokens[0].lower_ == "the" and len(tokens) <= 3 and head.lemma_.lower() in self._speaker_nouns:
            # "The Philippine National Security Council said... the council said": the same body.
            return self._speaker_nouns[head.lemma_.lower()]
        if (
            not bodies
            and (head.lower_ in _STATE_OUTLETS or head.lemma_.lower() in _STATE_OUTLETS)
            and any(t.lower_ in _STATE_OWNED for t in tokens)
            and (state := self._last_body(head, kinds=("state",))) is not None
        ):
            # "North Korea fired two missiles... State media said": the state last named speaks
            # through its media, as "North Korea's state media" does.
            return state
        if (
            not bodies
            and tokens[0].lower_ == "the"
            and head.lemma_.lower() in self.index.institutions
            # "the rebel command", "the opposition council": the other side's, not the state's
            and not any(t.lemma_.lower() in _AGAINST_THE_STATE for t in tokens)
            and (body := self._last_body(head)) is not None
        ):
            # "the ministry said": the institution of the state or body last named.
            return body
        if not bodies and (body := self._definite_body(head)) is not None:
            return body
        return self._proposed(head, tokens, bodies)

    def _proposed(self, head: Token, tokens: list[Token], bodies: list[_Draft]) -> _Draft | None:
        """A speaker the knowledge base does not know: a name, or people or a body described by a
        noun ("witnesses", "the union", "Mr Qureshi"). A document or a vague phrase is nobody."""
        lex = self.index.lex
        lemma = head.lemma_.lower()
        if _is_press(head):
            if any(t.lower_ in _STATE_OWNED for t in tokens):
                return None  # "state media" of no state named: nobody an analyst can place
            draft = _Draft(name=_phrase([t for t in tokens if t.i <= head.i]) or head.text, kind="media")
            # "pro-Kremlin media": the side they speak for.
            draft.affiliation = next((self._supports[t.i] for t in tokens if t.i in self._supports), None)
            self.drafts.append(draft)
            return draft
        if lemma in _DOCUMENTS:
            # "a statement attributed to the group", "a report in the Daily Courier", "a video
            # uploaded by a media group loyal to ISIS": a document speaks for the actor it names.
            owner = self._document_owner(head)
            if owner is not None:
                return owner
            for child in head.children:
                # "a survivor's account", "assessments by many in the intelligence community":
                # the people the document is of, though no name says who they are.
                author = child if child.dep_ == "poss" and child.pos_ in ("NOUN", "PROPN") else None
                if child.dep_ == "prep" and child.lower_ == "by":
                    author = next((g for g in child.children if g.dep_ == "pobj"), None)
                if author is not None and (found := self._speaker(author, _phrase_span(author))):
                    return found
            if tokens[0].lower_ in ("the", "this", "that"):
                # "The statement said...": the statement named before, by whoever issued it
                # ("the family said in a statement", "Hamas issued a statement").
                for i in range(head.i - 1, max(-1, head.i - 400), -1):
                    if self.doc[i].lemma_.lower() == lemma and (owner := self._document_owner(self.doc[i])):
                        return owner
            # Not what a relative clause says the document claims ("reports that claimed Kurdish
            # fighter Rehana was beheaded"): that is its content, not its author.
            said = {t.i for c in head.children if c.dep_ == "relcl" for t in c.subtree}
            after = [t for t in head.subtree if t.i > head.i and t.i not in said]
            named = [t for t in after if t.pos_ == "PROPN"]
            if named:
                return self._proposed(named[0], after, bodies)
            # "the Al-Ahad news website said": the name before the document is its outlet.
            outlet = [t for t in tokens if t.i < head.i and t.dep_ == "compound" and t.pos_ == "PROPN"]
            if outlet and any(t.lower_ in ("news", "website", "online") for t in (*tokens, head)):
                words = [t for t in tokens if t.i <= outlet[-1].i and t.lower_ not in _DETERMINERS]
                name = "".join(t.text_with_ws for t in words).strip() or outlet[-1].text
                draft = self._named(name, "media")
                return draft
            return None
        if head.pos_ == "PROPN" or head.ent_type_ in _ENTITY_KINDS:
            ent = next((e for e in self.doc.ents if e.start <= head.i < e.end), None)
            if ent is not None and ent.label_ in (
                "DATE",
                "TIME",
                "PERCENT",
                "MONEY",
                "QUANTITY",
                "CARDINAL",
                "ORDINAL",
            ):
                return None
            words = [
                t
                for t in tokens
                if t.i <= head.i and t.pos_ in ("PROPN", "NOUN", "ADJ", "ADP", "DET", "PART")
            ]
            while words and (words[0].lower_ in _DETERMINERS or words[0].pos_ in ("ADP", "PART")):
                words.pop(0)
            name = " ".join(t.text for t in words) or head.text
            kind = (
                "person"
                if (ent is not None and ent.label_ == "PERSON") or head.ent_type_ == "PERSON"
                else "organisation"
            )
            draft = self._named(name, kind)
        elif lemma in lex.speaker_nouns or head.lower_ in lex.speaker_nouns or _agent_noun(head):
            kind = (
                "person"
                if head.tag_ in ("NN",) and lemma not in self.index.institutions and lemma not in _BODY_NOUNS
                else "group"
            )
            draft = _Draft(
                name=_phrase([t for t in tokens if t.i <= head.i]) or head.text,
                kind=kind,
                plural=head.tag_ in ("NNS", "NNPS"),
            )
            self.drafts.append(draft)
        else:
            return None
        if draft.affiliation is None and bodies:
            draft.affiliation = next((b for b in bodies if b.kind in ("state", "organisation")), bodies[0])
        if draft.affiliation is None:
            draft.affiliation = next((self._supports[t.i] for t in tokens if t.i in self._supports), None)
        return draft
        return None

    def _definite_body(self, noun: Token) -> _Draft | None:
        """'the group', 'the militia' (not 'the group's leader'): the group or organisation last named."""
        if (
            noun.lemma_.lower() not in _GROUP_NOUNS
            or noun.tag_ != "NN"
            or not any(c.lower_ == "the" and c.dep_ == "det" for c in noun.children)
            or any(c.dep_ in ("amod", "compound", "poss", "prep", "relcl", "acl") for c in noun.children)
        ):
            return None
        return self._last_speaking_body(noun, ("group", "organisation")) or self._last_body(
            noun, ("group", "organisation")
        )

    def _spoken_for(self, noun: Token) -> _Draft | None:
        """ "The committee is looking into it," said Dustin Walker, a spokesman: a bare
        spokesman speaks for the body named as a subject or speaker just before him."""
        if noun.lemma_.lower() not in _SPOKES or any(c.dep_ == "poss" for c in noun.children):
            return None
        return self._last_speaking_body(noun, ("state", "organisation", "group"), sentences=2, subjects=True)

    def _last_speaking_body(
        self, before: Token, kinds: tuple[str, ...], sentences: int = 5, subjects: bool = False
    ) -> _Draft | None:
        """The body last named as a speaker in this or the sentences just before: "An
        Islamic State message published by the SITE Intelligence Group said... The group said" is
        the Islamic State, which spoke, not the body named inside a clause."""
        start = before.sent.start
        for _ in range(sentences - 1):
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        for i in range(before.i - 1, start - 1, -1):
            # Speakers only: a subject inside a quotation ("No mujahid was injured") is no speaker.
            draft = self._speaker_at.get(i)
            if draft is None and subjects and self.doc[i].dep_ in _SUBJECT_DEPS:
                # "the Senate armed services committee": the body its modifier names.
                draft = self._subject_actor(self.doc[i]) or next(
                    (
                        self.by_token[c.i]
                        for c in self.doc[i].children
                        if c.dep_ in ("compound", "amod", "poss") and c.i in self.by_token
                    ),
                    None,
                )
            while draft is not None and draft.kind == "person" and draft.affiliation is not None:
                draft = draft.affiliation
            if draft is not None and draft.kind in kinds:
                return draft
        return None

    def described_body(self, noun: Token, exclude: set[int]) -> _Draft | None:
        """ "the terror group", "the militia" as what is said acts: the group or organisation
        last named before, if the phrase names none itself and is not someone's ("the group's")."""
        if (
            noun.lemma_.lower() not in _GROUP_NOUNS
            or not any(c.lower_ == "the" and c.dep_ == "det" for c in noun.children)
            or any(c.dep_ in ("poss", "prep", "relcl", "acl") for c in noun.children)
            or any(t.i in self.by_token for t in noun.subtree)
        ):
            return None
        draft = self._last_body(noun, ("group", "organisation"))
        return draft if draft is not None and id(draft) not in exclude else None

    def described_person(self, noun: Token, exclude: set[int]) -> _Draft | None:
        """ "accused the Republican candidate of...", "charge the American swimmer with...": a
        definite description of one person whose only name is a state's or party's adjective is
        the person last named before it, not that state or party (descriptions.py resolves the
        titles the text gave; this is the reader's guess for the others). A person of another
        state does not fit it ("the Syrian president" after Obama)."""
        lemma = noun.lemma_.lower()
        if (
            noun.pos_ != "NOUN"
            or noun.tag_ != "NN"
            or noun.i in self.by_token
            or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)
            or not (
                lemma in self.index.roles
                or lemma in _PRIVATE_PERSONS
                or lemma in _CONTENDERS
                or _agent_word(lemma)
            )
        ):
            return None
        named = [
            self.by_token[c.i]
            for c in noun.children
            if c.dep_ in ("amod", "compound", "poss") and c.i in self.by_token
        ]
        if not named or any(d.kind == "person" for d in named):
            return None
        owned = any(c.dep_ == "poss" for c in noun.children)
        for i in range(noun.i - 1, max(-1, noun.i - 400), -1):
            draft = self.by_token.get(i)
            if draft is None or draft.kind != "person" or draft.plural or id(draft) in exclude:
                continue
            if owned and all(draft.affiliation is not d for d in named):
                continue  # "the party's nominee": one of the party's, not anyone named before
            # "the Syrian president" is not the US president named before.
            other = draft.affiliation
            states = [d for d in named if d.kind == "state"]
            if other is not None and other.kind == "state" and states and all(other is not d for d in states):
                continue
            return draft
        return None

    def described_state(self, noun: Token, speaker: _Draft | None) -> _Draft | None:
        """ "Egyptian activists said the army had killed protesters", "the opposition leader said
        the government had rigged the election": a state's own bodies named bare are the state of
        the story, the speaker's own when the speaker is a people or person of a state but not
        the state itself; else the state last named before."""
        if (
            noun.lemma_.lower() not in _STATE_BODIES
            or not any(c.lower_ == "the" and c.dep_ == "det" for c in noun.children)
            or any(c.dep_ in ("poss", "compound", "amod", "prep") for c in noun.children)
            or noun.i in self.by_token
        ):
            return None
        state = speaker.affiliation if speaker is not None else None
        while state is not None and state.kind != "state":
            state = state.affiliation
        if state is not None and speaker is not None and speaker.kind != "state":
            return state
        found = self._last_body(noun, ("state",))
        if found is None or (speaker is not None and any(found is d for d in (speaker, speaker.affiliation))):
            return None
        return found

    def _private(self, head: Token, tokens: list[Token]) -> _Draft:
        draft = _Draft(name=_phrase([t for t in tokens if t.i <= head.i]) or head.text, kind="person")
        self.drafts.append(draft)
        return draft

    def _document_owner(self, document: Token) -> _Draft | None:
        """Who a document is of: an actor named in its phrase ("the UN's report", "its statement"),
        or whoever issued or spoke in it ("Hamas issued a statement", "said in a statement")."""
        # Not whom a clause in the phrase names: "a message aimed at the US government" is not
        # the US government's.
        clauses = {t.i for c in document.children if c.dep_ in ("acl", "relcl", "advcl") for t in c.subtree}
        for clause in document.children:
            if clause.dep_ == "acl" and clause.tag_ == "VBN" and clause.lemma_.lower() in _AUTHORED:
                for prep in clause.children:
                    if prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ == "to"):
                        for t in prep.subtree:
                            if (owner := self.by_token.get(t.i)) is not None:
                                return owner
        for t in document.subtree:
            if t.i == document.i or t.i in clauses:
                continue
            owner = self.by_token.get(t.i)
            if owner is None and t.dep_ == "poss" and t.pos_ == "PRON":
                owner = self._antecedent(t)
            if owner is not None:
                return owner
        verb = document.head
        if document.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head
            if verb.lemma_.lower() in _DOCUMENTS and verb.i != document.i:
                # "issued a video with a message...": the message is the video's issuer's.
                return self._document_owner(verb)
        elif document.dep_ != "dobj":
            return None
        if self.index.lex.speech_verbs.get(verb.lemma_.lower(), "claim") != "claim":
            return None  # "supporters trashed the reports": whoever rejects a document is not its author
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        return self._speaker_at.get(subject.i) or self._subject_actor(subject)

    def _last_person(self, before: Token) -> _Draft | None:
        for i in range(before.i - 1, max(-1, before.i - 400), -1):
            draft = self._speaker_at.get(i)
            if draft is None and self.doc[i].dep_ in _SUBJECT_DEPS:
                draft = self._subject_actor(self.doc[i])
            if draft is not None and draft.kind == "person":
                return draft
        return None

    def _last_body(
        self,
        before: Token,
        kinds: tuple[str, ...] = ("state", "organisation"),
        exclude: frozenset[int] | set[int] = frozenset(),
    ) -> _Draft | None:
        for i in range(before.i - 1, max(-1, before.i - 400), -1):
            draft = self.by_token.get(i)
            if draft is not None and draft.kind in kinds and id(draft) not in exclude:
                return draft
        return None

    def _titled_by(self, head: Token, tokens: list[Token], person: _Draft) -> _Draft | None:
        """ "Hamas spokesman Fawzi Barhoum": the body named in the role title before a name is the
        one the person speaks for (not "American journalist James Foley": no role, no body)."""
        for t in tokens:
            if t.i >= head.i or self.by_token.get(t.i) is person or t.dep_ != "compound":
                continue
            if self._role(t) is None:
                continue
            body = next(
                (
                    self.by_token[g.i]
                    for g in t.subtree
                    if g.i in self.by_token
                    and self.by_token[g.i] is not person
                    and self.by_token[g.i].kind in ("state", "organisation", "group")
                ),
                None,
            )
            if body is not None:
                return body
        return None

    def _described_as(self, head: Token, tokens: list[Token], person: _Draft) -> _Draft | None:
        """ "Ahmed Saleh, a spokesman for the interior ministry", "Syria's ambassador to the UN,
        Ahmed Saleh", "Ahmed Saleh, the group's leader": the body an apposition's title names
        (or, for "the group's", the body named before) is the one the person speaks for."""
        taken = {t.i for t in tokens}
        names = [
            t
            for t in tokens
            if self.by_token.get(t.i) is person and self.by_token.get(t.head.i) is not person
        ]
        for name in names or [head]:
            described = [c for c in name.children if c.dep_ == "appos"]
            if name.dep_ == "appos":
                described.append(name.head)
            for clause in name.children:
                # "Karim Haddad, who heads the Syrian foreign ministry": the body of his post.
                if clause.dep_ == "relcl" and clause.lemma_.lower() in _HOLDS_A_POST:
                    body = self._body_in_title(clause, person, after=_POST_PREPS.get(clause.lemma_.lower()))
                    if body is not None:
                        return body
            for noun in described:
                if noun.i not in taken or noun.pos_ != "NOUN":
                    continue
                lemma = noun.lemma_.lower()
                if self._role(noun) is None and lemma not in _MEMBERS:
                    continue
                body = self._body_in_title(
                    noun, person, after=_PRIVATE_PREPS if lemma in _PRIVATE_PERSONS else None
                )
                if body is None and not any(c.dep_ in ("compound", "amod", "prep") for c in noun.children):
                    body = self._spoken_for(noun)
                if body is not None:
                    return body
        return None

    def _body_in_title(self, noun: Token, person: _Draft, after: frozenset[str] | None) -> _Draft | None:
        """The first state or body a title phrase names ("spokesman for the Yemeni interior
        ministry" is Yemen's), not one in a clause hanging from it. Given `after`, only a body
        that follows one of those prepositions: "an analyst at Chatham House" speaks for it, "a
        Syrian analyst" not for Syria."""
        clauses = {t.i for c in noun.children if c.dep_ in _CLAUSE_DEPS for t in c.subtree}
        for t in noun.subtree:
            if t.i == noun.i or t.i in clauses:
                continue
            draft = self.by_token.get(t.i)
            if (
                draft is None
                or draft is person
                or draft.kind not in ("state", "organisation", "group", "media")
            ):
                continue
            if t.dep_ == "pobj" and t.head.head.pos_ == "PROPN" and t.head.head.i not in self.by_token:
                continue  # "an editor at Voice of Israel": a name that names a state inside it
            preps = [a.lower_ for a in t.ancestors if a.i > noun.i and a.dep_ == "prep"]
            if _against_or_for(t) or any(p in _NOT_WHOSE for p in preps):
                continue  # "an envoy to Syria", "an expert on the Iranian military"
            if after is not None and (not preps or preps[0] not in after):
                continue
            return draft
        # "the group's leader", "a spokesman for the movement": the body named before.
        for t in noun.subtree:
            if t.i in clauses or t.pos_ != "NOUN" or not any(c.lower_ == "the" for c in t.children):
                continue
            owned = t.dep_ == "poss" and t.head.i == noun.i
            of = t.dep_ == "pobj" and t.head.lower_ in ("for", "of") and t.head.head.i == noun.i
            lemma = t.lemma_.lower()
            if (owned or of) and (lemma in self.index.institutions or lemma in _BODY_NOUNS):
                return self._last_body(t, ("state", "organisation", "group"))
        return None

    def _role(self, head: Token) -> str | None:
        """The role title a phrase is headed by, the word before included ("deputy director")."""
        lemma = head.lemma_.lower()
        if head.i > 0:
            before = self.doc[head.i - 1].lower_
            for phrase in (f"{before} {head.lower_}", f"{before} {lemma}"):
                if phrase in self.index.roles:
                    return phrase
        return lemma if lemma in self.index.roles else None

    def _official(self, head: Token, tokens: list[Token], role: str, bodies: list[_Draft]) -> _Draft:
        """An official known by title: "the deputy director" again is the deputy director named before."""
        definite = tokens[0].lower_ in ("the", "this", "that")
        name = _phrase(tokens) or role
        colleague: _Draft | None = None
        if definite or not bodies:
            for draft in reversed(self.drafts):
                if (
                    draft.kind == "person"
                    and draft.role == role
                    and draft.plural == (head.tag_ in ("NNS", "NNPS"))
                ):
                    if bodies and not any(draft.affiliation is b for b in bodies):
                        continue  # "the Kremlin's spokesman" is not the Iranian embassy's
                    if definite or not _other_office(draft.name, name, role):
                        return draft
                    # "a defence ministry spokesman" after "a foreign ministry spokesman": another
                    # official, of the same side unless the phrase or its relay says otherwise.
                    colleague = colleague or draft
        affiliation = next(
            (b for b in bodies if b.kind in ("state", "organisation")), bodies[0] if bodies else None
        )
        if affiliation is None and not any(
            t.dep_ in ("compound", "amod", "prep") and t.head.i == head.i for t in tokens
        ):
            affiliation = self._spoken_for(head)
        if affiliation is None:
            affiliation = self._quoted_by_state(head)
        if affiliation is None and colleague is not None:
            affiliation = colleague.affiliation
        draft = _Draft(
            name=name,
            kind="person",
            role=role,
            plural=head.tag_ in ("NNS", "NNPS"),
            affiliation=affiliation,
        )
        self.drafts.append(draft)
        return draft

    def _quoted_by_state(self, head: Token) -> _Draft | None:
        """ "KCNA quoted a foreign ministry spokesman as saying...", "Iran's state TV quoted the
        foreign minister": an official that state media quote without naming the state is one of
        that state's own."""
        verb = head.head
        if head.dep_ != "dobj" or verb.lemma_.lower() not in _QUOTING_VERBS:
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        outlet = self.by_token.get(subject.i) or next(
            (self.by_token[t.i] for t in subject.subtree if t.i in self.by_token), None
        )
        if outlet is None:
            return None
        if outlet.kind == "state":
            return outlet
        if outlet.kind != "media" or outlet.affiliation is None or outlet.affiliation.kind != "state":
            return None
        entry = self.index.kb.get(outlet.kb_key) if outlet.kb_key else None
        # State or party media speak for their state; a public broadcaster (the BBC) does not.
        words = set(re.findall(r"[a-z]+", entry.description.lower())) if entry is not None else set()
        return outlet.affiliation if words & {"state", "party"} else None

    def first_actor(self, spans: list[Span] | tuple[Span, ...], exclude: set[int]) -> _Draft | None:
        """The first actor mentioned inside the given character spans, other than those excluded."""
        if self._positions is None:
            self._positions = sorted((self.doc[i].idx, d) for i, d in self.by_token.items())
            self._first_person = {
                self.doc[i].idx
                for i in self.by_token
                if self.doc[i].pos_ == "PRON" and self.doc[i].lower_ in _FIRST_PERSON  # not "US"
            }
        starts = [p for p, _ in self._positions]
        found: tuple[int, _Draft] | None = None
        for s, e in spans:
            for k in range(bisect_left(starts, s), len(starts)):
                idx, draft = self._positions[k]
                if idx >= e:
                    break
                # "I", "we", "our" in what is said is the speaker, however the pronoun resolved.
                if id(draft) not in exclude and idx not in self._first_person:
                    if found is None or idx < found[0]:
                        found = (idx, draft)
                    break
        return found[1] if found else None

    def rebind_in_quote(self, spans: list[Span] | tuple[Span, ...], exclude: set[int]) -> None:
        """A quotation is its own small discourse: "I was going to vote for Hillary, but I never
        really trusted her," said a voter. A third-person "he" or "she" in it is the last person
        of that gender the quote itself names, whatever role the name had there, before anyone
        named outside it; never the speaker (excluded), who would say "I"."""
        named: list[_Draft] = []
        for s, e in spans:
            span = self.doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                lower = token.lower_
                if token.pos_ == "PRON" and (lower in _MALE or lower in _FEMALE):
                    fits = next(
                        (d for d in reversed(named) if d.gender is not None and self._gender_fits(lower, d)),
                        None,
                    )
                    if fits is not None and self.by_token.get(token.i) is not fits:
                        self.by_token[token.i] = fits
                        fits.mentions.append((token.idx, token.idx + len(token)))
                    continue
                draft = self.by_token.get(token.i)
                if (
                    draft is not None
                    and token.pos_ == "PROPN"
                    and draft.kind == "person"
                    and not draft.plural
                    and id(draft) not in exclude
                ):
                    named.append(draft)

    def resolve_object(self, token: Token, exclude: set[int]) -> _Draft | None:
        """The actor an object names: "accused him of..." is the man named before."""
        if token.pos_ == "PRON":
            if (earlier := _participle_antecedent(token)) is not None:
                # "expelled three Belarusian diplomats, accusing them of spying": the ones expelled
                found = self.in_subtree(earlier, exclude)
                if found is not None:
                    return found
            # The speaker is not the one they accuse: "officers accused him" is someone else.
            return self._antecedent(token, exclude)
        return self.in_subtree(token, exclude)

    def named_in_words(self, token: Token, exclude: set[int], own_words: bool = False) -> _Draft | None:
        """The actor a phrase inside what is said names, or None when that is one excluded: "they"
        in "IS claims they beheaded him" is IS itself, not the group named before it.

        In the speaker's own words (a direct quote) a third-person pronoun is never the speaker,
        who would say "I" or "we": "They burn people alive," said the guard, is about whoever
        "they" were before him."""
        if token.pos_ == "PRON" and own_words:
            draft = self.named_in_words(token, set())
            if draft is not None and id(draft) in exclude and token.lower_ in _PLURAL:
                # "they" is a group far more often than one person: the last other body named
                draft = self._last_body(token, ("state", "organisation", "group"), exclude)
            elif draft is not None and id(draft) in exclude:
                # "He's a very nice boy, but...", says she: "he" is the man before her.
                draft = self._antecedent(token, exclude)
            return draft if draft is not None and id(draft) not in exclude else None
        if token.pos_ == "PRON":
            draft = self.by_token.get(token.i) or self._same_as_before(token) or self._antecedent(token)
            if (draft is None or draft.kind == "person") and token.lower_ in _PLURAL:
                # "they" is a group far more often than one person: the last body named before
                draft = self._last_body(token, ("state", "organisation", "group")) or draft
            return draft if draft is not None and id(draft) not in exclude else None
        # The phrase itself, not a clause hanging from it: "the shelling, first reported by the
        # Post," names no one.
        # "for supporting terrorists" after "the western countries" is what they did, not them.
        clauses = [
            c
            for t in token.subtree
            for c in t.children
            if c.i != token.i
            and (c.dep_ in _CLAUSE_DEPS or (c.dep_ == "prep" and any(g.dep_ == "pcomp" for g in c.children)))
        ]
        inside = {t.i for c in clauses for t in c.subtree}
        phrase = [t for t in token.subtree if t.i not in inside]
        if (stateless := self._stateless(token, phrase)) is not None:
            return stateless if id(stateless) not in exclude else None
        # The phrase's head first: "Republican presidential candidate Donald Trump" names Trump,
        # "Kurdish militants" the militants, before the words that only describe them.
        name = {token.i} | {
            c.i for c in token.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"
        }
        for t in sorted(phrase, key=lambda t: t.i not in name):
            draft = self.by_token.get(t.i)
            if draft is not None and id(draft) not in exclude and not _against_or_for(t):
                return draft
        for t in phrase:
            if t.pos_ == "NOUN" and any(c.lower_ in ("the", "this", "that") for c in t.children):
                draft = self._named_again(t)
                if draft is not None:
                    return draft if id(draft) not in exclude else None
        return None

    def _stateless(self, head: Token, phrase: list[Token]) -> _Draft | None:
        """ "accused Syrian rebels of...", "accused the American journalist of spying": the rebels
        and the journalist, not their state (_NON_STATE, _PRIVATE_PERSONS), once per phrase."""
        if head.pos_ != "NOUN" or head.lemma_.lower() not in _NON_STATE | _PRIVATE_PERSONS:
            return None
        if head.i not in self._stateless_at:
            mapped = [t for t in phrase if t.i in self.by_token]
            self._stateless_at[head.i] = (
                self._proposed(head, phrase, [])
                # A people without a state too: "Kurdish militants" are militants, not the Kurds.
                if mapped
                and all(
                    (d := self.by_token[t.i]).kind == "state" or (d.kind == "group" and d.kb_key is None)
                    for t in mapped
                )
                and all(t.ent_type_ == "NORP" for t in mapped)
                else None
            )
        return self._stateless_at[head.i]

    def _named_again(self, noun: Token) -> _Draft | None:
        """ "the coalition" after "the US-led coalition": a body named again by its head noun."""
        head = noun.lower_
        before = [
            (max(s for s, _ in d.mentions if s < noun.idx), d)
            for d in self.drafts
            if d.kind != "person"
            and d.name.lower().split()[-1:] == [head]
            and any(s < noun.idx for s, _ in d.mentions)
        ]
        return max(before, key=lambda p: p[0])[1] if before else None

    def _same_as_before(self, pronoun: Token) -> _Draft | None:
        """ "They burn people alive, ... there is no limit to their depravity": a plural pronoun
        goes on meaning what the same pronoun, resolved as a subject, meant just before."""
        if pronoun.lower_ not in _PLURAL:
            return None
        for i in range(pronoun.i - 1, max(-1, pronoun.i - 60), -1):
            if self.doc[i].lower_ in _PLURAL and (draft := self.by_token.get(i)) is not None:
                return draft
        return None

    def in_subtree(self, token: Token, exclude: set[int]) -> _Draft | None:
        for t in token.subtree:
            draft = self.by_token.get(t.i)
            if draft is not None and id(draft) not in exclude:
                return draft
        return None

    # -- output -------------------------------------------------------------------------------

    def freeze(self, speakers: list[_Draft | None]) -> tuple[tuple[Actor, ...], dict[int, str]]:
        """Actors that are mentioned or speak, in order of first mention; and their ids by draft."""
        keep = [d for d in self.drafts if d.mentions or any(s is d for s in speakers)]
        # An affiliation must be in the result too (a minister's state).
        for d in list(keep):
            parent = d.affiliation
            while parent is not None and all(parent is not k for k in keep):
                keep.append(parent)
                parent = parent.affiliation
        keep.sort(key=lambda d: min((m[0] for m in d.mentions), default=1 << 30))
        ids = {id(d): f"a{i}" for i, d in enumerate(keep, 1)}
        actors = tuple(
            Actor(
                id=ids[id(d)],
                name=d.name,
                kind=d.kind,
                code=d.code,
                affiliation=ids.get(id(d.affiliation)) if d.affiliation is not None else None,
                mentions=tuple(sorted(d.mentions)),
                kb_key=d.kb_key,
                aliases=tuple(sorted(d.names)),
            )
            for d in keep
        )
        return actors, ids
