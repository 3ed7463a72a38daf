"""The extractor's output: frozen dataclasses that serialise to ``claimtrack.extraction/1``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

Span = tuple[int, int]  # Unicode code points into the text, end exclusive
Kind = Literal["claim", "accusation", "denial", "criticism"]
Relation = Literal["rebuts", "supports", "repeats"]

SCHEMA = "claimtrack.extraction/1"


def within(span: Span | None, spans: Iterable[Span]) -> bool:
    """True when the span lies inside one of the spans."""
    return span is not None and any(s <= span[0] and span[1] <= e for s, e in spans)


def _span(value: Any) -> Span | None:
    return (int(value[0]), int(value[1])) if value else None


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str  # state | organisation | person | media | group
    code: str | None = None
    affiliation: str | None = None  # id of another Actor in the same result
    mentions: tuple[Span, ...] = ()
    kb_key: str | None = None  # knowledge-base key; None when the actor is not in the knowledge base
    aliases: tuple[str, ...] = ()  # surface forms seen in the text

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "code": self.code,
            "affiliation": self.affiliation,
            "mentions": [list(m) for m in self.mentions],
            "kb_key": self.kb_key,
            "aliases": list(self.aliases),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(
            id=data["id"],
            name=data["name"],
            kind=data["kind"],
            code=data.get("code"),
            affiliation=data.get("affiliation"),
            mentions=tuple((int(s), int(e)) for s, e in data.get("mentions", ())),
            kb_key=data.get("kb_key"),
            aliases=tuple(data.get("aliases", ())),
        )


@dataclass(frozen=True, slots=True)
class Statement:
    id: str
    kind: Kind
    speaker: str | None  # Actor id
    speaker_span: Span | None
    cue_span: Span | None
    content_spans: tuple[Span, ...]
    target: str | None = None  # Actor id
    direct_quote: bool = False
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "speaker": self.speaker,
            "speaker_span": list(self.speaker_span) if self.speaker_span else None,
            "cue_span": list(self.cue_span) if self.cue_span else None,
            "content_spans": [list(s) for s in self.content_spans],
            "target": self.target,
            "direct_quote": self.direct_quote,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Statement:
        return cls(
            id=data["id"],
            kind=data["kind"],
            speaker=data.get("speaker"),
            speaker_span=_span(data.get("speaker_span")),
            cue_span=_span(data.get("cue_span")),
            content_spans=tuple((int(s), int(e)) for s, e in data.get("content_spans", ())),
            target=data.get("target"),
            direct_quote=bool(data.get("direct_quote", False)),
            confidence=float(data.get("confidence", 0.5)),
        )


@dataclass(frozen=True, slots=True)
class Link:
    source: str  # Statement id ("from" in JSON)
    target: str  # Statement id ("to" in JSON)
    relation: Relation
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "relation": self.relation,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Link:
        return cls(
            source=data["from"],
            target=data["to"],
            relation=data["relation"],
            confidence=float(data.get("confidence", 0.5)),
        )


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    extractor_version: str
    actors: tuple[Actor, ...] = ()
    statements: tuple[Statement, ...] = ()
    links: tuple[Link, ...] = ()
    _by_id: dict[str, Actor] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen, so the index is filled once here rather than on every actor() call.
        self._by_id.update((a.id, a) for a in self.actors)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "extractor_version": self.extractor_version,
            "actors": [a.to_dict() for a in self.actors],
            "statements": [s.to_dict() for s in self.statements],
            "links": [link.to_dict() for link in self.links],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExtractionResult:
        if data.get("schema", SCHEMA) != SCHEMA:
            raise ValueError(f"unsupported schema {data.get('schema')!r}, expected {SCHEMA}")
        return cls(
            extractor_version=data["extractor_version"],
            actors=tuple(Actor.from_dict(a) for a in data.get("actors", ())),
            statements=tuple(Statement.from_dict(s) for s in data.get("statements", ())),
            links=tuple(Link.from_dict(link) for link in data.get("links", ())),
        )

    def actor(self, actor_id: str) -> Actor | None:
        return self._by_id.get(actor_id)

    def statement(self, statement_id: str) -> Statement | None:
        return next((s for s in self.statements if s.id == statement_id), None)
