"""Which target actors are wrong, per gold set, and why: the statement's kind or the target.

    python bench/target_failures.py GOLD [GOLD ...] [--cache DIR] [--verbose]

score.py scores a target on every matched statement whose gold target is set, and accepts the
predicted target when it (or an actor it is affiliated with) carries a name the gold's actors
table accepts. A wrong one is counted as:

- ``no target``: the prediction names none (often a statement that came out as a claim);
- ``wrong kind``: the prediction's kind differs from the gold's, so it was aimed by another rule;
- ``wrong actor``: same kind, another actor.

A target the prediction gives where the gold has none (score.py does not count those) is
``target where gold has none``; a rebutting statement left without one, as in the gold, is
``no target, as gold``.

Matching and actor acceptance are score.py's own (imported from its path), at its lenient
threshold.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from link_failures import _match  # noqa: E402
from score_extraction import DEFAULT_SCORER, _extract_cached, load_scorer  # noqa: E402

from extraction.pipeline import extract_many, get_nlp  # noqa: E402


def diagnose(scorer: Any, gold: dict, pred: dict) -> tuple[Counter, list[str]]:
    text = gold["text"]
    actors = {a["id"]: a for a in pred["actors"]}
    matched = _match(scorer, gold, pred)
    tally: Counter = Counter()
    lines: list[str] = []
    for g in gold["statements"]:
        p = matched.get(g["id"])
        if p is None:
            continue
        if not g["target_actor"]:
            # score.py does not score these; a target here is one the gold does not give (a
            # claim's, or a denial of unattributed reports).
            if p.get("target") is not None:
                tally[f"target where gold has none ({g['kind']} -> {p['kind']})"] += 1
                got = actors[p["target"]]["name"] if p["target"] in actors else None
                s, e = g["content"][0]
                lines.append(
                    f"  gold has none: {g['id']} [{g['kind']} / pred {p['kind']}] pred {got!r}: {text[s:e][:90]!r}"
                )
            elif g["kind"] in ("accusation", "denial", "criticism"):
                tally["no target, as gold"] += 1
            continue
        ok = scorer._actor_matches(actors, p.get("target"), g["target_actor"], gold["aliases"], text)
        tally["scored"] += 1
        if ok:
            tally["right"] += 1
            continue
        if p.get("target") is None:
            why = "no target"
        elif p["kind"] != g["kind"]:
            why = "wrong kind"
        else:
            why = "wrong actor"
        tally[why] += 1
        # By gold kind -> predicted kind, so a set's totals say whether the kind rule or the
        # target rule is at fault without reading its documents.
        tally[f"{why} ({g['kind']} -> {p['kind']})"] += 1
        got = actors[p["target"]]["name"] if p.get("target") in actors else None
        s, e = g["content"][0]
        lines.append(
            f"  {why}: {g['id']} [{g['kind']} / pred {p['kind']}] gold {g['target_actor']!r}, "
            f"pred {got!r}: {text[s:e][:90]!r}"
        )
    return tally, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--cache", type=Path, help="keep parses here between runs (development)")
    parser.add_argument("--verbose", action="store_true", help="print every wrong target")
    args = parser.parse_args(argv)
    scorer = load_scorer(args.scorer)
    nlp = get_nlp()
    out: dict[str, Any] = {}
    for gold_path in args.gold:
        golds = scorer.read_gold(gold_path)
        texts = [g["text"] for g in golds]
        results = _extract_cached(nlp, texts, args.cache, 16) if args.cache else extract_many(texts)
        total: Counter = Counter()
        for gold, result in zip(golds, results, strict=True):
            tally, lines = diagnose(scorer, gold, result.to_dict())
            total.update(tally)
            if args.verbose and lines:
                print(f"{gold_path} {gold['id']}", file=sys.stderr)
                print("\n".join(lines), file=sys.stderr)
        out[str(gold_path)] = dict(sorted(total.items()))
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
