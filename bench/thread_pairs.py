"""Scoring threads against the news-dev gold's propositions, over pairs of statements in
different articles (the measure of issue 12):

- thread pairs: gold says the same proposition <=> the prediction puts both in one thread;
- rebuttal pairs: gold says the same proposition with opposite stances <=> the prediction
  links them by a rebuttal, directly or through the repeats of either side.

Gold statements are mapped to predicted ones as ``score.py`` maps them (content overlap); a
gold statement with no predicted counterpart is in no thread.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

Key = tuple[str, str]  # (article id, statement id)


@dataclass(frozen=True)
class GoldStatement:
    article: str
    id: str
    kind: str | None
    content: str
    spans: tuple[tuple[int, int], ...]
    proposition: str
    stance: str
    speaker_actor: str | None
    target_actor: str | None

    @property
    def key(self) -> Key:
        return (self.article, self.id)


def load_gold(directory: Path) -> tuple[dict[str, str], list[GoldStatement]]:
    """Texts by article id and every statement that carries a proposition."""
    texts: dict[str, str] = {}
    statements: list[GoldStatement] = []
    for path in sorted(directory.glob("*.gold.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        text = doc.get("text") or (path.parent / doc["text_file"]).read_text(encoding="utf-8")
        texts[doc["id"]] = text
        for s in doc["statements"]:
            if not s.get("proposition"):
                continue
            spans = tuple((int(a), int(b)) for a, b in s["content_spans"])
            statements.append(
                GoldStatement(
                    article=doc["id"],
                    id=s["id"],
                    kind=s.get("kind"),
                    content=" … ".join(text[a:b] for a, b in spans),
                    spans=spans,
                    proposition=s["proposition"],
                    stance=s.get("stance") or ("denies" if s.get("kind") == "denial" else "asserts"),
                    speaker_actor=s.get("speaker_actor"),
                    target_actor=s.get("target_actor"),
                )
            )
    return texts, statements


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Key, Key] = {}

    def find(self, x: Key) -> Key:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Key, b: Key) -> None:
        self.parent[self.find(a)] = self.find(b)


@dataclass(frozen=True)
class PredictedGraph:
    """Threads and rebuttals as the prediction has them, for gold statements' keys."""

    thread_of: Mapping[Key, object]
    repeat_group_of: Mapping[Key, object]
    rebutting_groups: frozenset[frozenset]

    def same_thread(self, a: Key, b: Key) -> bool:
        ta, tb = self.thread_of.get(a), self.thread_of.get(b)
        return ta is not None and ta == tb

    def rebutted(self, a: Key, b: Key) -> bool:
        ga, gb = self.repeat_group_of.get(a), self.repeat_group_of.get(b)
        return ga is not None and gb is not None and frozenset((ga, gb)) in self.rebutting_groups


def graph_from_links(
    links: Iterable[tuple[Key, Key, str]], *, threads: Mapping[Key, object] | None = None
) -> PredictedGraph:
    """Build the graph from (from, to, relation) links. Threads default to the components of
    all links; pass ``threads`` when the system assigns threads itself."""
    links = list(links)
    repeats, everything = _UnionFind(), _UnionFind()
    for a, b, relation in links:
        everything.union(a, b)
        if relation == "repeats":
            repeats.union(a, b)
        else:
            repeats.find(a), repeats.find(b)
    keys = set(everything.parent)
    rebutting = frozenset(
        frozenset((repeats.find(a), repeats.find(b))) for a, b, relation in links if relation == "rebuts"
    )
    thread_of = dict(threads) if threads is not None else {k: everything.find(k) for k in keys}
    return PredictedGraph(thread_of, {k: repeats.find(k) for k in set(repeats.parent)}, rebutting)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


def score_pairs(gold: list[GoldStatement], graph: PredictedGraph, mapping: Mapping[Key, Key]) -> dict:
    """``mapping``: gold key -> predicted key (absent when no predicted statement matched)."""
    counts = {"thread": [0, 0, 0], "rebuttal": [0, 0, 0]}
    for a, b in combinations(gold, 2):
        if a.article == b.article:
            continue
        pa, pb = mapping.get(a.key), mapping.get(b.key)
        same = a.proposition == b.proposition
        predicted_same = pa is not None and pb is not None and graph.same_thread(pa, pb)
        _count(counts["thread"], same, predicted_same)
        opposite = same and a.stance != b.stance
        predicted_rebut = pa is not None and pb is not None and graph.rebutted(pa, pb)
        _count(counts["rebuttal"], opposite, predicted_rebut)
    return {name: _prf(*c) for name, c in counts.items()}


def _count(c: list[int], gold: bool, predicted: bool) -> None:
    if gold and predicted:
        c[0] += 1
    elif predicted:
        c[1] += 1
    elif gold:
        c[2] += 1


def map_by_overlap(
    gold: list[GoldStatement], predicted: Mapping[str, list[tuple[str, tuple[tuple[int, int], ...]]]]
) -> dict[Key, Key]:
    """Each gold statement to the predicted statement of its article covering most of it (> 30 %
    of its content characters, as score.py's lenient threshold); of two covering as much, the
    tighter (overlap over union, score.py's tie-break): a denial nested in the claim that reports
    it ("quoted fighters, saying that she was not captured") maps to the denial, not the claim."""
    mapping: dict[Key, Key] = {}
    for g in gold:
        length = sum(b - a for a, b in g.spans) or 1
        best, best_share = None, (0.3, 0.0)
        for pid, spans in predicted.get(g.article, []):
            covered = sum(max(0, min(b, d) - max(a, c)) for a, b in g.spans for c, d in spans)
            extent = sum(d - c for c, d in spans) + length - covered  # the union (spans disjoint)
            share = (covered / length, covered / max(extent, 1))
            if share[0] > 0.3 and share > best_share:
                best, best_share = pid, share
        if best is not None:
            mapping[g.key] = (g.article, best)
    return mapping
