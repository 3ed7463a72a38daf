"""Definite descriptions of people: "the Vermont senator", "the former secretary of state",
"the American swimmer" name a person the article introduced by that title ("Vermont Sen.
Bernie Sanders", "Hillary Clinton, the former secretary of state", "American swimmer Ryan
Lochte"). News writers avoid repeating a name this way, and a reader resolves the description
to the last person so titled; this module does the same with the titles the text gave.

Only people, only definite singular descriptions, and only to a person named earlier: a
description whose words name another body ("the Syrian foreign minister" after "Chinese
foreign minister Wang Yi") stays unresolved, for the caller's own reading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

# Abbreviated titles as written before names ("Sen. Sanders", "Gov. Walker").
_ABBREVIATIONS = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "sgt": "sergeant",
    "coun": "councillor",
    "capt": "captain",
    "cmdr": "commander",
    "adm": "admiral",
    "maj": "major",
    "pres": "president",
    "amb": "ambassador",
    "sec": "secretary",
    "atty": "attorney",
    "dr": "doctor",
    "prof": "professor",
    "rev": "reverend",
    "congresswoman": "congressman",
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "businesswoman": "businessman",
    "chairwoman": "chairman",
}
_TITLE_DEPS = frozenset({"compound", "amod", "nmod", "appos"})
_CLAUSES = frozenset({"acl", "relcl", "advcl", "ccomp", "xcomp", "conj", "cc", "punct"})
_SKIPPED_POS = frozenset({"DET", "ADP", "PUNCT", "CCONJ", "PART", "PRON", "NUM", "SYM"})
_DEFINITE = frozenset({"the", "this", "that"})
_INDEFINITE = frozenset({"a", "an", "another", "one"})
# How far back (tokens, a few paragraphs) a description still names the person titled so.
_REACH = 400
# Words that do not tell one titled person from another ("the then senator").
_VAGUE = frozenset({"then", "now", "current", "new", "same", "other", "latter", "former", "late"})
# Nouns that describe anyone: "the official", "the man" are as often someone never named as the
# person titled so, and the caller's own reading (the last speaker, a pronoun) does better.
_ANYONE = frozenset(
    {
        "official", "officer", "source", "man", "woman", "person", "member", "resident",
        "witness", "analyst", "expert", "girl", "boy", "child", "individual", "victim",
    }
)  # fmt: skip


def normal(token: Token) -> str:
    """A title word as compared: lowercase lemma, abbreviations spelled out."""
    word = (token.lemma_ if token.pos_ == "NOUN" else token.text).lower().rstrip(".")
    return _ABBREVIATIONS.get(word, word)


@dataclass(slots=True)
class _Titled:
    """What the text called one person: the title nouns and the words around them."""

    heads: set[str] = field(default_factory=set)
    written: set[str] = field(default_factory=set)  # the heads the text itself gave, not the base's role
    words: set[str] = field(default_factory=set)
    bodies: set[int] = field(default_factory=set)  # ids of actors named in the titles
    first: int = 1 << 30  # the first token naming the person
    last_before: list[int] = field(default_factory=list)  # token indices of name mentions


def _title_phrase(head: Token, skip: set[int]) -> list[Token]:
    """The words of a title phrase (its subtree without clauses or the name itself)."""
    out: list[Token] = []
    stack = [head]
    while stack:
        t = stack.pop()
        if t.i in skip:
            continue
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSES and c.i not in skip)
    return out


class Descriptions:
    """The people of one document by their titles, and the resolution of descriptions to them."""

    def __init__(
        self,
        doc: Doc,
        by_token: Mapping[int, object],
        people: Iterable[object],
        role_of: Mapping[int, str | None],
        is_title: Callable[[str], bool],
        affiliation_of: Mapping[int, object | None] | None = None,
    ) -> None:
        self.doc = doc
        self.by_token = by_token
        self.is_title = is_title
        self.people = {id(p): p for p in people}
        self.titled: dict[int, _Titled] = {pid: _Titled() for pid in self.people}
        self._heads: frozenset[str] | None = None
        for pid, role in role_of.items():
            if role and pid in self.titled:
                # The knowledge base's role ("Spokeswoman for the Russian Foreign Ministry"): its
                # role nouns are titles, not "ministry".
                words = {w.strip("(),.").lower() for w in role.split()}
                words.discard("")
                self.titled[pid].words |= words
                self.titled[pid].heads |= {_ABBREVIATIONS.get(w, w) for w in words if is_title(w)}
        for pid, body in (affiliation_of or {}).items():
            if body is not None and pid in self.titled:
                self.titled[pid].bodies.add(id(body))  # "the US president": Obama, of the US
        self._read_titles()

    def _read_titles(self) -> None:
        doc = self.doc
        tokens_of: dict[int, set[int]] = {}
        for i, draft in self.by_token.items():
            tokens_of.setdefault(id(draft), set()).add(i)
        for i, draft in self.by_token.items():
            pid = id(draft)
            titled = self.titled.get(pid)
            if titled is None:
                continue
            token = doc[i]
            titled.first = min(titled.first, i)
            titled.last_before.append(i)
            if self.by_token.get(token.head.i) is draft and token.head.i != i:
                continue  # not the name's head word
            own = tokens_of[pid]
            heads = [
                c
                for c in token.children
                if c.dep_ in _TITLE_DEPS and c.i not in own and c.pos_ in ("NOUN", "PROPN")
            ]
            if token.dep_ == "appos" and token.head.pos_ == "NOUN":
                heads.append(token.head)  # "the former secretary of state, Hillary Clinton"
            for head in heads:
                if head.i in self.by_token and self.by_token[head.i] is not draft:
                    other = self.by_token[head.i]
                    if id(other) in self.people:
                        continue  # "Clinton spokesman Brian Fallon": Clinton is someone else
                if not self.is_title(normal(head)):
                    continue  # "the Clinton poll": a title names a person, not a thing of theirs
                titled.heads.add(normal(head))
                titled.written.add(normal(head))
                for t in _title_phrase(head, own):
                    if t.pos_ in _SKIPPED_POS:
                        continue
                    titled.words.add(normal(t))
                    body = self.by_token.get(t.i)
                    if body is not None and body is not draft:
                        titled.bodies.add(id(body))

    def _introduced_between(self, head: str, start: int, end: int) -> bool:
        """ "a ministry spokesman said ... the spokesman added": someone new of that title came
        in after the named one, and the description is theirs."""
        return any(
            normal(t) == head
            and t.pos_ == "NOUN"
            and t.i not in self.by_token
            and any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in t.children)
            for t in self.doc[start + 1 : end]
        )

    def mentioned(self, person: object, at: int) -> None:
        """A description resolved to the person at token `at`: their latest mention now."""
        self.titled[id(person)].last_before.append(at)

    def described(self, noun: Token) -> object | None:
        """The person a definite description names, or None."""
        if noun.pos_ != "NOUN" or noun.tag_ != "NN" or noun.i in self.by_token:
            return None
        if self._heads is None:
            self._heads = frozenset(h for t in self.titled.values() for h in t.heads)
        if normal(noun) not in self._heads:
            return None  # the common case, decided before reading the phrase
        if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children):
            return None
        if noun.dep_ == "appos" or any(c.dep_ == "appos" for c in noun.children):
            return None  # "Sanders, the Vermont senator": the apposition is the name's own
        phrase = _title_phrase(noun, set())
        if any(id(self.by_token.get(t.i)) in self.people for t in phrase):
            return None  # a person named in it: the caller's reading
        head = normal(noun)
        if head in _ANYONE:
            return None
        modifiers = [t for t in phrase if t.i != noun.i and t.pos_ not in _SKIPPED_POS]
        found: list[tuple[int, bool, int, object]] = []
        for pid, titled in self.titled.items():
            if head not in titled.heads or titled.first >= noun.i:
                continue
            score = 0
            for t in modifiers:
                word = normal(t)
                body = self.by_token.get(t.i)
                if word in titled.words or (body is not None and id(body) in titled.bodies):
                    score += word not in _VAGUE
                elif body is not None or t.ent_type_ == "NORP":
                    score = -1  # "the Syrian president" is not the president titled "US"
                    break
            if score < 0:
                continue
            recent = max(j for j in titled.last_before if j < noun.i)
            if noun.i - recent > _REACH or self._introduced_between(head, recent, noun.i):
                continue
            found.append((score, head in titled.written, recent, self.people[pid]))
        if not found:
            return None
        best = max(found, key=lambda f: f[:3])
        if not best[1] and sum(1 for f in found if f[:2] == best[:2]) > 1:
            # "Obama and Trump spoke ... the president": titled so only by what the knowledge base
            # knows of them, either may be meant.
            return None
        return best[3]
