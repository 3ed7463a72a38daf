"""The cross-article matcher alone, on gold statements: what threading would score if the
extractor were perfect. Prints JSON (thread pairs and rebuttal pairs, P/R/F1).

    .venv/bin/python bench/threads_oracle.py bench/gold/news-dev [--similarity 0.42]

The gold's own in-article links count as the extractor's (they are its job, scored elsewhere);
the matcher adds only cross-article links, each statement against every statement of the
other articles, as the threading service does against its candidates.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.thread_pairs import GoldStatement, graph_from_links, load_gold, score_pairs
from extraction.matching import Sketch, Thresholds, best_matches


def _sketch(g: GoldStatement) -> Sketch:
    speakers = frozenset({g.speaker_actor} if g.speaker_actor else ())
    targets = frozenset({g.target_actor} if g.target_actor else ())
    return Sketch(f"{g.article}/{g.id}", g.article, g.kind or "claim", g.content, speakers, targets)


def _in_article_links(directory: Path) -> list:
    links = []
    for path in sorted(directory.glob("*.gold.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for link in doc.get("links", []):
            for to in link["to"]:
                links.append(((doc["id"], link["from"]), (doc["id"], to), "rebuts"))
    return links


def run(directory: Path, thresholds: Thresholds) -> dict:
    """Articles arrive one by one (in name order); each statement joins the thread of its best
    match among the earlier articles' statements, as the threading service does."""
    _, gold = load_gold(directory)
    links = _in_article_links(directory)
    by_article: dict[str, list[GoldStatement]] = {}
    for g in gold:
        by_article.setdefault(g.article, []).append(g)
    seen: list[tuple[GoldStatement, Sketch]] = []
    for article in sorted(by_article):
        arriving = [(g, _sketch(g)) for g in by_article[article]]
        for g, sketch in arriving:
            ranked = best_matches(sketch, (s for _, s in seen), thresholds=thresholds)
            if ranked:
                other, m = ranked[0]
                links.append((g.key, tuple(other.key.split("/", 1)), m.relation))
        seen.extend(arriving)
    graph = graph_from_links(links)
    report = score_pairs(gold, graph, {g.key: g.key for g in gold})
    report["statements"] = len(gold)
    report["articles"] = len(by_article)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--similarity", type=float, default=Thresholds().similarity)
    parser.add_argument("--confidence", type=float, default=Thresholds().confidence)
    args = parser.parse_args()
    print(json.dumps(run(args.gold, Thresholds(args.similarity, args.confidence)), indent=2))


if __name__ == "__main__":
    main()
