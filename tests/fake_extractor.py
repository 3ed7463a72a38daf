"""A small deterministic extractor for worker tests: its output depends only on the text.

Point CLAIMTRACK_EXTRACTOR at `tests.fake_extractor.extract`. Each sentence "X said Y." gives a
claim by X, "X denied Y." a denial by X that rebuts the sentence before it, and "X condemned Y."
a criticism. CLAIMTRACK_TEST_EXTRACT_DELAY (seconds) slows each call down, so a test can kill a
worker mid-job; a text containing EXTRACTOR-FAILS raises, as a bug in the real engine would.
"""

import os
import re
import time

from extraction.types import Actor, ExtractionResult, Link, Statement

EXTRACTOR_VERSION = "fake-1"
_SENTENCE = re.compile(r"(?P<speaker>[A-Z][\w ]*?) (?P<cue>said|denied|condemned) (?P<content>[^.]+)\.")
_KIND = {"said": "claim", "denied": "denial", "condemned": "criticism"}


def extract(text: str) -> ExtractionResult:
    delay = float(os.environ.get("CLAIMTRACK_TEST_EXTRACT_DELAY", "0") or 0)
    if delay:
        time.sleep(delay)
    if "EXTRACTOR-FAILS" in text:
        raise ValueError("the fake extractor was told to fail")
    actors: dict[str, Actor] = {}
    mentions: dict[str, list[tuple[int, int]]] = {}
    statements: list[Statement] = []
    links: list[Link] = []
    for match in _SENTENCE.finditer(text):
        name = match["speaker"]
        actor_id = next((a.id for a in actors.values() if a.name == name), f"a{len(actors) + 1}")
        actors.setdefault(actor_id, Actor(actor_id, name, "organisation"))
        mentions.setdefault(actor_id, []).append(match.span("speaker"))
        statement = Statement(
            id=f"s{len(statements) + 1}",
            kind=_KIND[match["cue"]],
            speaker=actor_id,
            speaker_span=match.span("speaker"),
            cue_span=match.span("cue"),
            content_spans=(match.span("content"),),
            confidence=0.75,
        )
        if statement.kind == "denial" and statements:
            links.append(Link(statement.id, statements[-1].id, "rebuts", 0.6))
        statements.append(statement)
    final = tuple(
        Actor(a.id, a.name, a.kind, mentions=tuple(mentions[a.id]), aliases=(a.name,))
        for a in actors.values()
    )
    return ExtractionResult(EXTRACTOR_VERSION, final, tuple(statements), tuple(links))
