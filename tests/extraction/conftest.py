"""The extraction tests need neither a database nor Django: plain pytest runs them."""

from __future__ import annotations

from extraction import ExtractionResult, Statement, extract

# The seed article comes from the `seed_text` and `seed_gold` fixtures of tests/conftest.py.


def only(result: ExtractionResult, kind: str | None = None) -> Statement:
    """The one statement of the result (of that kind), failing loudly when there are more."""
    found = [s for s in result.statements if kind is None or s.kind == kind]
    assert len(found) == 1, [(s.kind, s.content_spans) for s in result.statements]
    return found[0]


def content(text: str, statement: Statement) -> str:
    return " | ".join(text[s:e] for s, e in statement.content_spans)


def piece(text: str, span: tuple[int, int] | None) -> str | None:
    return text[span[0] : span[1]] if span else None


def speaker_name(result: ExtractionResult, statement: Statement) -> str | None:
    actor = result.actor(statement.speaker) if statement.speaker else None
    return actor.name if actor else None


def run(text: str) -> ExtractionResult:
    return extract(text)
