"""Why rebuttal links are missed or wrong, per gold set: the linker's fault or an end's.

    python bench/link_failures.py GOLD [GOLD ...] [--cache DIR] [--verbose]

score.py counts a gold link found only when both its ends match predicted statements, so a
missed link is one of:

- ``end missing``: an end (from or to) matched no predicted statement;
- ``end mis-kinded``: both ends were found, but one has the wrong kind (the denial came out as
  a claim, the embedded claim as a denial), so the linker saw something else than the gold;
- ``linker``: both ends found with their gold kinds, and the link not made (or made elsewhere).

Each gold link is also counted by where the answer stands from the nearest claim it may
answer: ``embedded`` (the claim is written inside it), ``same paragraph`` (the same line of
text) or ``across paragraphs``; found links are counted the same way.

A predicted link that is not gold is ``spurious between gold statements`` (both its ends
match gold statements), ``to or from a statement gold lacks``, or a ``supports`` link (gold has
none of those). Matching is score.py's own (imported from its path), at its lenient threshold.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from score_extraction import DEFAULT_SCORER, _extract_cached, load_scorer  # noqa: E402

from extraction.pipeline import extract_many, get_nlp  # noqa: E402


def _match(scorer: Any, gold: dict, pred: dict) -> dict[str, dict]:
    """Gold statement id -> the predicted statement score.py matches to it."""
    remaining = [dict(p, content=scorer._spans(p["content_spans"])) for p in pred["statements"]]
    matched: dict[str, dict] = {}
    for g in gold["statements"]:
        best, best_score = None, (scorer.THRESHOLDS[0], 0.0)
        for p in remaining:
            c = scorer._coverage(g["content"], p["content"])
            if c[0] > scorer.THRESHOLDS[0] and c > best_score:
                best, best_score = p, c
        if best is not None:
            remaining.remove(best)
            matched[g["id"]] = best
    return matched


def diagnose(scorer: Any, gold: dict, pred: dict) -> tuple[Counter, list[str]]:
    text = gold["text"]
    by_gold = {g["id"]: g for g in gold["statements"]}
    matched = _match(scorer, gold, pred)
    to_gold = {p["id"]: gid for gid, p in matched.items()}
    pred_links = {(lk["from"], lk["to"]): lk["relation"] for lk in pred["links"]}
    tally: Counter = Counter()
    lines: list[str] = []

    def show(gid: str) -> str:
        g = by_gold[gid]
        s, e = g["content"][0]
        p = matched.get(gid)
        got = f"pred {p['id']} {p['kind']}" if p else "NOT EXTRACTED"
        return f"{gid} [{g['kind']}] {text[s:e][:70]!r} ({got})"

    good: set[tuple[str, str]] = set()
    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]

    def para(gid: str) -> int:
        start = by_gold[gid]["content"][0][0]
        return next((k for k, (s, e) in enumerate(paras) if s <= start < e), -1)

    for link in gold["links"]:
        targets = link["to"] if isinstance(link["to"], list) else [link["to"]]
        src = matched.get(link["from"])
        # Where the answer is, from the nearest claim it may answer: written inside it
        # ("denied claims that..."), in the same line, or lines away.
        f_start, f_end = by_gold[link["from"]]["content"][0][0], by_gold[link["from"]]["content"][-1][1]
        if any(f_start <= by_gold[t]["content"][0][0] < f_end for t in targets):
            where = "embedded"
        elif any(para(t) == para(link["from"]) for t in targets):
            where = "same paragraph"
        else:
            where = "across paragraphs"
        tally[f"gold {where}"] += 1
        hit = None
        for t in targets:
            dst = matched.get(t)
            if src and dst and (src["id"], dst["id"]) in pred_links:
                hit = (src["id"], dst["id"])
        if hit:
            tally["found"] += 1
            tally[f"found {where}"] += 1
            good.add(hit)
            lines.append(f"  FOUND ({where}): {show(link['from'])}\n      -> {hit[1]}")
            continue
        ends = [link["from"], *targets]
        if src is None or all(matched.get(t) is None for t in targets):
            why = "end missing"
        elif any(
            matched.get(e) is not None and by_gold[e]["kind"] and matched[e]["kind"] != by_gold[e]["kind"]
            for e in (link["from"], next(t for t in targets if matched.get(t)))
        ):
            why = "end mis-kinded"
            for e in (link["from"], next(t for t in targets if matched.get(t))):
                if matched.get(e) is not None and matched[e]["kind"] != by_gold[e]["kind"]:
                    end = "from" if e == link["from"] else "to"
                    tally[f"mis-kinded {end}: {by_gold[e]['kind']} -> {matched[e]['kind']}"] += 1
        else:
            why = "linker"
        tally[f"missed: {why}"] += 1
        lines.append(
            f"  MISSED ({why}): {show(link['from'])}\n      -> " + " | ".join(show(t) for t in ends[1:])
        )
    for (s, t), relation in pred_links.items():
        if (s, t) in good:
            continue
        if relation == "supports":
            why = "supports"
        elif s in to_gold and t in to_gold:
            why = "spurious between gold statements"
        else:
            why = "to or from a statement gold lacks"
        tally[f"wrong: {why}"] += 1
        src = next(p for p in pred["statements"] if p["id"] == s)
        dst = next(p for p in pred["statements"] if p["id"] == t)

        def piece(p: dict) -> str:
            a, b = p["content_spans"][0]
            return f"{p['id']} [{p['kind']}] {text[a:b][:70]!r} (gold {to_gold.get(p['id'])})"

        lines.append(f"  WRONG ({why}, {relation}): {piece(src)}\n      -> {piece(dst)}")
    return tally, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--cache", type=Path, help="keep parses here between runs (development)")
    parser.add_argument("--verbose", action="store_true", help="print every missed and wrong link")
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
            if not gold["links"] and not result.links:
                continue
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
