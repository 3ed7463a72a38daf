"""Which statements are wrong, per gold set: false positives, misses, wrong speaker actors.

    python bench/statement_failures.py GOLD [GOLD ...] [--cache DIR] [--limit N] [--only fp,fn,actor]

For development sets only (news-dev, the seed, PolNeAR train): reading a held-out set's failures
to write rules would make its figures optimistic. Matching is score.py's own (imported from its
path), at its lenient threshold, so the counts add up to the figures that
`bench/score_extraction.py` prints. Each line shows the sentence around the statement with the
content in [brackets], the speaker span in {braces}, and the predicted speaker's actor chain
(the actor, then those it speaks for).
"""

from __future__ import annotations

import argparse
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


def _context(
    text: str, content: list[tuple[int, int]], speaker: Any, cue: Any = None, width: int = 60
) -> str:
    """The text around a statement, content bracketed, speaker braced and cue in «», on one line."""
    marks: list[tuple[int, str]] = []
    if cue:
        marks += [(cue[0], "«"), (cue[1], "»")]
    for s, e in content:
        marks += [(s, "["), (e, "]")]
    if speaker:
        marks += [(speaker[0], "{"), (speaker[1], "}")]
    lo = max(0, min(m for m, _ in marks) - width)
    hi = min(len(text), max(m for m, _ in marks) + width)
    out, pos = [], lo
    for at, mark in sorted(marks, key=lambda m: (m[0], m[1] in "]}»")):
        out += [text[pos:at], mark]
        pos = at
    out.append(text[pos:hi])
    return "".join(out).replace("\n", " ¶ ")


def _chain(actors: dict[str, dict], actor_id: str | None) -> str:
    names, seen = [], set()
    while actor_id and actor_id in actors and actor_id not in seen:
        seen.add(actor_id)
        names.append(f"{actors[actor_id]['name']} ({actors[actor_id]['kind']})")
        actor_id = actors[actor_id].get("affiliation")
    return " > ".join(names) or "-"


def diagnose(scorer: Any, gold: dict, pred: dict, only: set[str]) -> tuple[Counter, list[str]]:
    text = gold["text"]
    actors = {a["id"]: a for a in pred["actors"]}
    matched = _match(scorer, gold, pred)
    used = {p["id"] for p in matched.values()}
    tally: Counter = Counter()
    lines: list[str] = []
    for g in gold["statements"]:
        p = matched.get(g["id"])
        if p is None:
            tally["fn"] += 1
            if "fn" in only:
                lines.append(f"  FN {g['id']} [{g['kind']}] {_context(text, g['content'], g['speaker'])}")
            continue
        if "tp" in only:
            lines.append(
                f"  TP {p['id']} [{p['kind']}] "
                + _context(text, scorer._spans(p["content_spans"]), p.get("speaker_span"), p.get("cue_span"))
            )
            continue
        ok = scorer._actor_matches(actors, p.get("speaker"), g["speaker_actor"], gold["aliases"], text)
        if ok is False:
            tally["wrong actor"] += 1
            if "actor" in only:
                lines.append(
                    f"  ACTOR {g['id']} gold {g['speaker_actor']!r} got {_chain(actors, p.get('speaker'))}: "
                    + _context(text, g["content"], p.get("speaker_span"))
                )
    for p in pred["statements"]:
        if p["id"] in used:
            continue
        tally["fp"] += 1
        if "fp" in only:
            spans = scorer._spans(p["content_spans"])
            lines.append(
                f"  FP {p['id']} [{p['kind']}] {_chain(actors, p.get('speaker'))}: "
                + _context(text, spans, p.get("speaker_span"), p.get("cue_span"))
            )
    return tally, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--cache", type=Path, help="keep parses here between runs (development)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents of each set")
    parser.add_argument(
        "--only", default="fp,fn,actor", help="which to print: fp, fn, actor, and tp (right ones)"
    )
    args = parser.parse_args(argv)
    scorer = load_scorer(args.scorer)
    only = set(args.only.split(","))
    nlp = get_nlp()
    for gold_path in args.gold:
        golds = scorer.read_gold(gold_path)
        if args.limit:
            golds = golds[: args.limit]
        texts = [g["text"] for g in golds]
        results = _extract_cached(nlp, texts, args.cache, 16) if args.cache else extract_many(texts)
        total: Counter = Counter()
        for gold, result in zip(golds, results, strict=True):
            tally, lines = diagnose(scorer, gold, result.to_dict(), only)
            total.update(tally)
            if lines:
                print(f"{gold_path} {gold['id']}")
                print("\n".join(lines))
        print(f"{gold_path}: " + ", ".join(f"{k} {v}" for k, v in sorted(total.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
