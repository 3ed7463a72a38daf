"""Which statements get the wrong kind, per gold set: the gold kind, the predicted one, the cue,
the speaker and the words, for writing kind rules on development gold.

    python bench/kind_errors.py GOLD [GOLD ...] [--cache DIR] [--kind denial] [--all]

Matching is score.py's own (imported from its path), at its lenient threshold, as in
bench/link_failures.py. Prints one block per mis-kinded statement and a confusion count per set
(gold kind -> predicted kind). Use it on development gold only (news-dev, the seed): reading the
errors of a held-out set to write rules makes its figures meaningless.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from link_failures import _match  # noqa: E402
from score_extraction import DEFAULT_SCORER, _extract_cached, load_scorer  # noqa: E402

from extraction.pipeline import extract_many, get_nlp  # noqa: E402


def _piece(text: str, spans: list) -> str:
    return " … ".join(text[s:e] for s, e in spans).replace("\n", " ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--cache", type=Path, help="keep parses here between runs (development)")
    parser.add_argument("--kind", help="only statements whose gold or predicted kind is this")
    parser.add_argument("--all", action="store_true", help="also statements whose kind is right")
    args = parser.parse_args(argv)
    scorer = load_scorer(args.scorer)
    nlp = get_nlp()
    for gold_path in args.gold:
        golds = scorer.read_gold(gold_path)
        texts = [g["text"] for g in golds]
        results = _extract_cached(nlp, texts, args.cache, 16) if args.cache else extract_many(texts)
        confusion: Counter = Counter()
        for gold, result in zip(golds, results, strict=True):
            pred = result.to_dict()
            matched = _match(scorer, gold, pred)
            text = gold["text"]
            for g in gold["statements"]:
                p = matched.get(g["id"])
                if p is None or not g["kind"]:
                    continue
                confusion[(g["kind"], p["kind"])] += 1
                if (p["kind"] == g["kind"] and not args.all) or (
                    args.kind and args.kind not in (g["kind"], p["kind"])
                ):
                    continue
                cue = text[p["cue_span"][0] : p["cue_span"][1]] if p.get("cue_span") else None
                speaker = text[g["speaker"][0] : g["speaker"][1]] if g["speaker"] else None
                print(
                    f"{gold['id']} {g['id']} gold {g['kind']} -> pred {p['kind']} "
                    f"(cue {cue!r}, speaker {speaker!r}, quote {p['direct_quote']})\n"
                    f"    gold: {_piece(text, g['content'])[:300]}\n"
                    f"    pred: {_piece(text, p['content_spans'])[:300]}"
                )
        print(f"{gold_path}: " + ", ".join(f"{a}->{b} {n}" for (a, b), n in sorted(confusion.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
