"""Would a small statistical kind classifier add to the rules? Cross-validated by document.

    python bench/kind_classifier_cv.py GOLD [GOLD ...] [--cache DIR] [--folds 5] [--json]

For every gold statement that a prediction matches (score.py's own matching, at its lenient
threshold) and whose gold kind is given, the features are: the kind the rules gave, the cue's
lemma, whether it is a direct quote, and the content's lemmas (nouns, verbs, adjectives,
adverbs, negations). A multinomial logistic regression (numpy, L2, full-batch gradient descent
from zeros: deterministic, a few kilobytes of weights) is trained on the documents of all folds
but one and scored on the held-out documents, never on its own training data. The documents are
dealt to folds in order of their ids. It prints, on the held-out statements, the rules' kind
accuracy and recall per kind beside the classifier's, and the rules-then-classifier
combination (the classifier decides only when it is at least --margin surer than of the rules'
kind).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from score_extraction import DEFAULT_SCORER, load_scorer, parse_cached  # noqa: E402

from extraction.pipeline import extract_doc, get_nlp  # noqa: E402

KINDS = ("claim", "accusation", "denial", "criticism")
_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN"})


def _features(doc: Any, pred: dict) -> list[str]:
    feats = [f"rule={pred['kind']}", f"quote={pred['direct_quote']}"]
    if pred.get("cue_span"):
        cue = doc.char_span(*pred["cue_span"], alignment_mode="expand")
        if cue is not None:
            feats.append("cue=" + cue.root.lemma_.lower())
    for s, e in pred["content_spans"]:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            if t.dep_ == "neg" or t.lower_ in ("no", "never", "not"):
                feats.append("neg")
            elif t.pos_ in _POS and not t.is_stop and t.is_alpha:
                feats.append("w=" + t.lemma_.lower())
    return feats


def _examples(
    scorer: Any, gold_paths: list[Path], cache: Path | None
) -> list[tuple[str, list[str], str, str]]:
    """(document id, features, rules' kind, gold kind) of every matched gold statement with a kind."""
    nlp = get_nlp()
    out = []
    for gold_path in gold_paths:
        golds = scorer.read_gold(gold_path)
        texts = [g["text"] for g in golds]
        docs = parse_cached(nlp, texts, cache) if cache else list(nlp.pipe(texts))
        for gold, doc in zip(golds, docs, strict=True):
            pred = extract_doc(doc).to_dict()
            remaining = [dict(p, content=scorer._spans(p["content_spans"])) for p in pred["statements"]]
            for g in gold["statements"]:
                best, best_score = None, (scorer.THRESHOLDS[0], 0.0)
                for p in remaining:
                    c = scorer._coverage(g["content"], p["content"])
                    if c[0] > scorer.THRESHOLDS[0] and c > best_score:
                        best, best_score = p, c
                if best is None:
                    continue
                remaining.remove(best)
                if g["kind"] in KINDS:
                    out.append((gold["id"], _features(doc, best), best["kind"], g["kind"]))
    return out


def _train(x: np.ndarray, y: np.ndarray, l2: float, steps: int, rate: float) -> np.ndarray:
    w = np.zeros((x.shape[1], len(KINDS)))
    onehot = np.eye(len(KINDS))[y]
    for _ in range(steps):
        z = x @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        w -= rate * (x.T @ (p - onehot) / len(y) + l2 * w)
    return w


def _report(gold: list[str], guess: list[str]) -> dict[str, Any]:
    n = Counter(gold)
    ok = Counter(g for g, p in zip(gold, guess, strict=True) if g == p)
    return {
        "accuracy": round(sum(ok.values()) / len(gold), 4) if gold else None,
        "recall": {k: round(ok[k] / n[k], 3) for k in KINDS if n[k]},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--margin", type=float, default=0.2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    scorer = load_scorer(args.scorer)
    examples = _examples(scorer, args.gold, args.cache)
    docs = sorted({d for d, *_ in examples})
    fold_of = {d: i % args.folds for i, d in enumerate(docs)}
    gold_all, rules_all, model_all, combined_all = [], [], [], []
    for fold in range(args.folds):
        train = [e for e in examples if fold_of[e[0]] != fold]
        test = [e for e in examples if fold_of[e[0]] == fold]
        if not test or not train:
            continue
        vocab = {f: i for i, f in enumerate(sorted({f for _, feats, _, _ in train for f in feats}))}

        def matrix(rows: list, vocab: dict[str, int] = vocab) -> np.ndarray:
            x = np.zeros((len(rows), len(vocab) + 1))
            x[:, -1] = 1.0  # bias
            for r, (_, feats, _, _) in enumerate(rows):
                for f in feats:
                    if f in vocab:
                        x[r, vocab[f]] = 1.0
            return x

        w = _train(matrix(train), np.array([KINDS.index(e[3]) for e in train]), args.l2, args.steps, 1.0)
        z = matrix(test) @ w
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        for row, (_, _, rule, gold) in zip(p, test, strict=True):
            best = KINDS[int(row.argmax())]
            gold_all.append(gold)
            rules_all.append(rule)
            model_all.append(best)
            surer = row.max() - row[KINDS.index(rule)] >= args.margin
            combined_all.append(best if surer else rule)
    report = {
        "statements": len(gold_all),
        "documents": len(docs),
        "folds": args.folds,
        "rules": _report(gold_all, rules_all),
        "classifier": _report(gold_all, model_all),
        "rules_then_classifier": _report(gold_all, combined_all),
    }
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        for name in ("rules", "classifier", "rules_then_classifier"):
            r = report[name]
            recall = ", ".join(f"{k} {v}" for k, v in r["recall"].items())
            print(f"{name:22s} kind accuracy {r['accuracy']} ({recall})")
        print(
            f"held-out statements {len(gold_all)} from {len(docs)} documents, {args.folds} folds by document"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
