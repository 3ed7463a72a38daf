"""Comparing two texts of one article: where an old span is in the new text, and what changed.

Pure functions (difflib): the revision service uses them, and so does claims, which moves its
statements' spans to the new text when an article is revised (articles.signals.article_revised).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher

Span = tuple[int, int]
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*[\"'”’)]*")
SHOWN = 20


def span_mapper(old: str, new: str) -> Callable[[int, int], Span | None]:
    """A function from a span of `old` to the span holding the same text in `new`, or None.

    A span inside a block the two texts share moves with that block; otherwise its exact text is
    looked for in the new text, the occurrence nearest to where the span would have moved.
    """
    blocks = SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()

    def shift(position: int) -> int:
        # The offset change of the last shared block starting at or before the position.
        delta = 0
        for a, b, size in blocks:
            if a > position or size == 0:
                break
            delta = b - a
        return delta

    def mapped(start: int, end: int) -> Span | None:
        for a, b, size in blocks:
            if a <= start and end <= a + size:
                return start - a + b, end - a + b
        text = old[start:end]
        if not text:
            return None
        guess = start + shift(start)
        best = None
        at = new.find(text)
        while at != -1:
            if best is None or abs(at - guess) < abs(best - guess):
                best = at
            at = new.find(text, at + 1)
        return None if best is None else (best, best + len(text))

    return mapped


def text_changes(old: str, new: str) -> dict[str, list[str]]:
    """The sentences added and removed from `old` to `new` (at most SHOWN of each)."""
    before = [s.strip() for s in _SENTENCE.findall(old) if s.strip()]
    after = [s.strip() for s in _SENTENCE.findall(new) if s.strip()]
    added: list[str] = []
    removed: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            removed.extend(before[i1:i2])
        if op in ("replace", "insert"):
            added.extend(after[j1:j2])
    return {"added": [s[:300] for s in added[:SHOWN]], "removed": [s[:300] for s in removed[:SHOWN]]}
