"""The thread matcher oracle on held-out articles joining the development gold's threads.

    .venv/bin/python bench/threads_heldout.py bench/gold/news-dev bench/gold/news-check

Runs ``bench/threads_oracle.py``'s simulation (the matcher alone, on gold statements, articles
in name order) on the union of the two folders, then scores the cross-article pairs in three
groups: both statements in the development folder, one in each (a held-out article joining a
development thread), both held out. The last two are the held-out estimate: the matcher's
thresholds were chosen on the development folder. Prints JSON (P/R/F1 of thread and rebuttal
pairs per group). ``--as-service`` runs the service's rule instead (``simulate_service``;
``--no-thread-check`` without its best-thread rule).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.thread_pairs import _prf, load_gold
from bench.threads_oracle import simulate, simulate_service
from extraction.matching import Thresholds

GROUPS = ("development", "held-out joins development", "held-out only")


def _write_union(folders: list[Path], into: Path) -> dict[str, int]:
    """Each gold file with its text inline, so the union needs no relative text paths."""
    origin: dict[str, int] = {}
    for index, folder in enumerate(folders):
        for path in sorted(folder.glob("*.gold.json")):
            doc = json.loads(path.read_text(encoding="utf-8"))
            if doc["id"] in origin:
                sys.exit(
                    f"{doc['id']} is in more than one folder: a held-out article must not be in development"
                )
            if "text_file" in doc:
                doc["text"] = (path.parent / doc.pop("text_file")).read_text(encoding="utf-8")
            (into / path.name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
            origin[doc["id"]] = index
    return origin


def run(
    development: Path,
    held_out: Path,
    thresholds: Thresholds,
    *,
    service: bool = False,
    thread_check: bool = True,
) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        union = Path(tmp)
        origin = _write_union([development, held_out], union)
        _, gold = load_gold(union)
        if service:
            graph = simulate_service(union, thresholds, thread_check=thread_check)
        else:
            graph = simulate(union, thresholds)
    counts = {group: {"thread": [0, 0, 0], "rebuttal": [0, 0, 0]} for group in GROUPS}
    for a, b in combinations(gold, 2):
        if a.article == b.article:
            continue
        c = counts[GROUPS[origin[a.article] + origin[b.article]]]
        same = a.proposition == b.proposition
        for measure, truth, predicted in (
            ("thread", same, graph.same_thread(a.key, b.key)),
            ("rebuttal", same and a.stance != b.stance, graph.rebutted(a.key, b.key)),
        ):
            if truth or predicted:
                c[measure][0 if truth and predicted else 1 if predicted else 2] += 1
    report: dict = {group: {m: _prf(*c) for m, c in by.items()} for group, by in counts.items()}
    held = {
        m: [x + y for x, y in zip(counts[GROUPS[1]][m], counts[GROUPS[2]][m], strict=True)]
        for m in counts[GROUPS[1]]
    }
    report["held-out (both groups)"] = {m: _prf(*c) for m, c in held.items()}
    report["articles"] = {
        "development": sum(1 for v in origin.values() if v == 0),
        "held-out": sum(origin.values()),
    }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("development", type=Path)
    parser.add_argument("held_out", type=Path)
    parser.add_argument("--similarity", type=float, default=Thresholds().similarity)
    parser.add_argument("--confidence", type=float, default=Thresholds().confidence)
    parser.add_argument(
        "--restatement",
        type=float,
        default=Thresholds().restatement,
        help="in-article restatement threshold (2.0: none)",
    )
    parser.add_argument("--as-service", action="store_true", help="the service's rule (simulate_service)")
    parser.add_argument(
        "--no-thread-check", action="store_true", help="with --as-service: pair matches into any thread"
    )
    args = parser.parse_args()
    thresholds = Thresholds(args.similarity, args.confidence, restatement=args.restatement)
    report = run(
        args.development,
        args.held_out,
        thresholds,
        service=args.as_service,
        thread_check=not args.no_thread_check,
    )
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
