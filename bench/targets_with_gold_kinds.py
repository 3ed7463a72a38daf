"""Target and link scores as extracted, and with each statement's gold kind forced on it.

    python bench/targets_with_gold_kinds.py GOLD [GOLD ...] [--cache DIR]

Most wrong targets and missed links on news come from a wrong kind (a denial extracted as a
claim has no target and answers nothing), so the extracted figures mix the kind rules with the
target and link rules. Forcing the gold kind of the gold statement each extracted one matches
(score.py's matching, at its lenient threshold) measures the target and link rules alone: where
the forced kind differs from the extracted one, the words' own aim (kinds.Verdict.aimed_at) is
dropped, since it was computed for another kind. Prints totals only, one line per set and mode.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from score_extraction import DEFAULT_SCORER, load_scorer, parse_cached  # noqa: E402

import extraction.pipeline as pipeline  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--cache", type=Path, required=True, help="keep parses here between runs")
    args = parser.parse_args(argv)
    scorer = load_scorer(args.scorer)
    classify = pipeline.classify
    state: dict[str, Any] = {"gold": None}

    def gold_kind(doc: Any, att: Any, lexicon: Any, **kw: Any) -> Any:
        verdict = classify(doc, att, lexicon, **kw)
        gold = state["gold"]
        if gold is None:
            return verdict
        content = scorer._spans([list(s) for s in att.content])
        best, score = None, (scorer.THRESHOLDS[0], 0.0)
        for g in gold["statements"]:
            c = scorer._coverage(g["content"], content)
            if c[0] > scorer.THRESHOLDS[0] and c > score:
                best, score = g, c
        if best is None or not best["kind"] or best["kind"] == verdict.kind:
            return verdict
        return replace(verdict, kind=best["kind"], aimed_at=None)

    pipeline.classify = gold_kind
    out: dict[str, Any] = {}
    for gold_path in args.gold:
        golds = scorer.read_gold(gold_path)
        docs = list(parse_cached(pipeline.get_nlp(), [g["text"] for g in golds], args.cache, 16))
        for mode in ("as extracted", "gold kinds"):
            total: dict[str, int] = {}
            for gold, doc in zip(golds, docs, strict=True):
                state["gold"] = gold if mode == "gold kinds" else None
                tally = scorer.score_doc(gold, pipeline.extract_doc(doc).to_dict(), scorer.THRESHOLDS[0])
                for key in ("kind_n", "kind_ok", "tgt_n", "tgt_ok", "link_gold", "link_pred", "link_tp"):
                    total[key] = total.get(key, 0) + tally.get(key, 0)
            p = total["link_tp"] / max(total["link_pred"], 1)
            r = total["link_tp"] / max(total["link_gold"], 1)
            out[f"{gold_path} ({mode})"] = {
                "kind": round(total["kind_ok"] / max(total["kind_n"], 1), 3),
                "target": f"{total['tgt_ok']}/{total['tgt_n']}",
                "target_accuracy": round(total["tgt_ok"] / max(total["tgt_n"], 1), 3),
                "links": {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / max(p + r, 1e-9), 3)},
            }
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
