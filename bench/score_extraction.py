"""Extraction quality on several gold sets in one run: the model loads once.

    python bench/score_extraction.py GOLD [GOLD ...] [--scorer PATH] [--limit N] [--json]
    e.g. python bench/score_extraction.py ../shared/seed ../shared/data/polnear/dev \
             ../wt-gold/bench/gold/news-dev

Each GOLD is anything `../shared/eval/score.py` reads (a claimtrack gold file or folder, a
PolNeAR split folder). The texts come from the gold itself; the extractor's output for each set
is written to a temporary folder and scored by score.py's own `score` command, imported from
its path, so the figures are those score.py prints and nothing here re-implements them.

PolNeAR counts every attribution, reports and polls included, while a claim tracker emits only
statements with an actor behind them (issue 11). So a PolNeAR set is also scored restricted to
gold attributions whose source is an actor: a source is an actor when it holds a named
person, organisation, state or nationality (spaCy's entities), a personal pronoun, or a noun
that names people or bodies (a list below, independent of the extractor's lexicons).
Predictions that match a dropped (non-actor) gold attribution are dropped too: they are
neither right nor wrong under that reading. Prints one summary line per set, or --json.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import io
import json
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from extraction.pipeline import EXTRACTOR_VERSION, extract_doc, extract_many, get_nlp  # noqa: E402

DEFAULT_SCORER = REPO.parent / "shared" / "eval" / "score.py"

# Head nouns of source phrases that name people or bodies able to speak. Deliberately generic
# (English news roles), and kept apart from the extractor's lexicons so the restriction does
# not follow what the extractor happens to know.
_ACTOR_NOUNS = frozenset(
    [
        "official",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "representative",
        "aide",
        "adviser",
        "advisor",
        "staffer",
        "secretary",
        "minister",
        "president",
        "governor",
        "senator",
        "congressman",
        "congresswoman",
        "lawmaker",
        "legislator",
        "mayor",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "chief",
        "leader",
        "candidate",
        "nominee",
        "campaign",
        "team",
        "government",
        "administration",
        "agency",
        "department",
        "ministry",
        "committee",
        "council",
        "court",
        "judge",
        "prosecutor",
        "attorney",
        "lawyer",
        "police",
        "officer",
        "commander",
        "general",
        "military",
        "army",
        "authority",
        "party",
        "member",
        "democrat",
        "republican",
        "conservative",
        "liberal",
        "voter",
        "supporter",
        "critic",
        "opponent",
        "expert",
        "analyst",
        "economist",
        "scientist",
        "researcher",
        "professor",
        "strategist",
        "pollster",
        "activist",
        "people",
        "man",
        "woman",
        "person",
        "resident",
        "citizen",
        "worker",
        "employee",
        "executive",
        "ceo",
        "founder",
        "owner",
        "union",
        "group",
        "organization",
        "organisation",
        "company",
        "firm",
        "bank",
        "board",
        "office",
        "embassy",
        "diplomat",
        "ambassador",
        "envoy",
        "source",
        "observer",
        "witness",
        "insider",
        "friend",
        "family",
        "father",
        "mother",
        "son",
        "daughter",
        "wife",
        "husband",
        "brother",
        "sister",
        "journalist",
        "reporter",
        "editor",
        "columnist",
        "writer",
        "author",
        "host",
        "anchor",
        "correspondent",
        "newspaper",
        "network",
        "station",
        "magazine",
        "outlet",
        "media",
        "press",
        "delegate",
        "donor",
        "fundraiser",
        "lobbyist",
        "manager",
        "operative",
        "consultant",
        "surrogate",
        "speaker",
        "whip",
        "caucus",
        "house",
        "senate",
        "congress",
        "white_house",
        "pentagon",
        "fbi",
        "cia",
    ]
)
_PERSON_PRONOUNS = frozenset(["i", "we", "you", "he", "she", "they", "who", "me", "us", "him", "her", "them"])
_ACTOR_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("claimtrack_eval_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"score_extraction: cannot import the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def source_is_actor(nlp: Any, text: str, span: tuple[int, int] | None) -> bool:
    """Whether a gold source phrase names someone who can speak (see the module docstring)."""
    if span is None:
        return False
    phrase = nlp(text[span[0] : span[1]])
    if any(ent.label_ in _ACTOR_ENTITIES for ent in phrase.ents):
        return True
    for token in phrase:
        lower = token.lower_
        if lower in _PERSON_PRONOUNS or token.lemma_.lower() in _ACTOR_NOUNS or lower in _ACTOR_NOUNS:
            return True
    return False


def parse_cached(nlp: Any, texts: list[str], cache: Path, batch_size: int = 16) -> list[Any]:
    """Parses kept on disk between runs, one file per text: while developing rules the parse is
    the slow part and does not change."""
    from spacy.tokens import DocBin

    # The components too: a parse made by another pipeline is another parse.
    # The tokenizer's special cases too: the extractor adds some (abbreviated ranks).
    rules = hashlib.sha256(repr(sorted(nlp.tokenizer.rules)).encode()).hexdigest()[:8]
    model = f"{nlp.meta['name']}-{nlp.meta['version']}-{'+'.join(nlp.pipe_names)}-{rules}"
    paths = [cache / f"{hashlib.sha256((model + chr(0) + t).encode()).hexdigest()[:24]}.spacy" for t in texts]
    missing = [i for i, p in enumerate(paths) if not p.exists()]
    cache.mkdir(parents=True, exist_ok=True)
    for i, doc in zip(missing, nlp.pipe((texts[i] for i in missing), batch_size=batch_size), strict=True):
        DocBin(docs=[doc]).to_disk(paths[i])
    return [next(DocBin().from_disk(p).get_docs(nlp.vocab)) for p in paths]


def _extract_cached(nlp: Any, texts: list[str], cache: Path, batch_size: int) -> list[Any]:
    """The extractor on cached parses: its output is the same as without the cache."""
    return [extract_doc(doc) for doc in parse_cached(nlp, texts, cache, batch_size)]


def _score(scorer: ModuleType, gold_path: Path, pred_dir: Path) -> dict[str, Any]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        scorer.cmd_score(argparse.Namespace(gold=str(gold_path), pred=str(pred_dir), json=True))
    return json.loads(out.getvalue())


def _restricted(
    scorer: ModuleType, nlp: Any, golds: list[dict], preds: dict[str, dict], work: Path
) -> tuple[Path, Path, dict[str, int]]:
    """A claimtrack-format copy of the gold holding only actor-sourced attributions, and the
    predictions minus those that match a dropped attribution (score.py's own coverage test)."""
    gold_dir, pred_dir = work / "gold-actors", work / "pred-actors"
    gold_dir.mkdir()
    pred_dir.mkdir()
    counts = {"gold_all": 0, "gold_actor_sourced": 0, "predictions_dropped": 0}
    threshold = scorer.THRESHOLDS[0]
    for gold in golds:
        kept, dropped = [], []
        for g in gold["statements"]:
            (kept if source_is_actor(nlp, gold["text"], g["speaker"]) else dropped).append(g)
        counts["gold_all"] += len(gold["statements"])
        counts["gold_actor_sourced"] += len(kept)
        doc = {
            "id": gold["id"],
            "text": gold["text"],
            "statements": [
                {
                    "id": g["id"],
                    "content_spans": [list(s) for s in g["content"]],
                    "speaker_span": g["speaker"],
                }
                for g in kept
            ],
        }
        (gold_dir / f"{gold['id']}.json").write_text(json.dumps(doc), encoding="utf-8")
        pred = preds[gold["id"]]
        statements = list(pred["statements"])
        for g in dropped:
            # score.py matches gold statements to predictions one by one, best coverage first.
            best, best_score = None, (threshold, 0.0)
            for p in statements:
                c = scorer._coverage(g["content"], scorer._spans(p["content_spans"]))
                if c[0] > threshold and c > best_score:
                    best, best_score = p, c
            if best is not None and not any(
                scorer._coverage(k["content"], scorer._spans(best["content_spans"]))[0] > threshold
                for k in kept
            ):
                statements.remove(best)
                counts["predictions_dropped"] += 1
        (pred_dir / f"{gold['id']}.json").write_text(
            json.dumps(dict(pred, statements=statements)), encoding="utf-8"
        )
    return gold_dir, pred_dir, counts


def _summary(report: dict[str, Any]) -> str:
    lo, hi = report["0.3"], report["0.8"]
    s, links = lo["statements"], lo["links"]
    kinds = ", ".join(f"{k} {v}" for k, v in lo["kind_recall"].items())
    return (
        f"statements @0.3 P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} "
        f"(gold {s['gold']}, predicted {s['predicted']}) | @0.8 F1 {hi['statements']['f1']:.3f} | "
        f"speaker span {lo['speaker_span_accuracy']} | speaker actor {lo['speaker_actor_accuracy']} | "
        f"kind {lo['kind_accuracy']}"
        + (f" ({kinds})" if kinds else "")
        + f" | target {lo['target_actor_accuracy']} | "
        f"links P {links['precision']:.3f} R {links['recall']:.3f} F1 {links['f1']:.3f} (gold {links['gold']})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="path of score.py")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N documents of each set")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--cache", type=Path, help="keep parses here between runs (development)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    scorer = load_scorer(args.scorer)
    nlp = get_nlp()
    results: dict[str, Any] = {"extractor_version": EXTRACTOR_VERSION, "sets": {}}
    for gold_path in args.gold:
        golds = scorer.read_gold(gold_path)
        if args.limit:
            golds = golds[: args.limit]
        polnear = gold_path.is_dir() and (gold_path / "attributions").is_dir()
        started = time.perf_counter()
        texts = [g["text"] for g in golds]
        results_iter = (
            _extract_cached(nlp, texts, args.cache, args.batch_size)
            if args.cache
            else extract_many(texts, batch_size=args.batch_size)
        )
        preds = {g["id"]: result.to_dict() for g, result in zip(golds, results_iter, strict=True)}
        seconds = time.perf_counter() - started
        with tempfile.TemporaryDirectory(prefix="score-extraction-") as tmp:
            work = Path(tmp)
            pred_dir = work / "pred"
            pred_dir.mkdir()
            for doc_id, pred in preds.items():
                (pred_dir / f"{doc_id}.json").write_text(json.dumps(pred), encoding="utf-8")
            if args.limit:
                # score.py reads the whole set; a limited run scores a claimtrack copy of the subset.
                sub = work / "gold-subset"
                sub.mkdir()
                for g in golds:
                    doc = {
                        "id": g["id"],
                        "text": g["text"],
                        "actors": {k: sorted(v) for k, v in g["aliases"].items()},
                        "links": g["links"],
                        "statements": [
                            {
                                "id": s["id"],
                                "content_spans": [list(x) for x in s["content"]],
                                "speaker_span": s["speaker"],
                                "kind": s["kind"],
                                "speaker_actor": s["speaker_actor"],
                                "target_actor": s["target_actor"],
                            }
                            for s in g["statements"]
                        ],
                    }
                    (sub / f"{g['id']}.json").write_text(json.dumps(doc), encoding="utf-8")
                scored_gold = sub
            else:
                scored_gold = gold_path
            entry: dict[str, Any] = {
                "documents": len(golds),
                "extract_seconds": round(seconds, 1),
                "all": _score(scorer, scored_gold, pred_dir),
            }
            if any(g["links"] for g in golds):
                # The gold annotates rebuttals only (docs/ANNOTATION.md §5). The extractor emits
                # no other links since 2026-12-04; rebuttals are still scored on their own so
                # that runs of older extractors, which linked floating quotations as "supports",
                # compare.
                rebuts_dir = work / "pred-rebuts"
                rebuts_dir.mkdir()
                for doc_id, pred in preds.items():
                    kept = [lk for lk in pred["links"] if lk["relation"] == "rebuts"]
                    (rebuts_dir / f"{doc_id}.json").write_text(
                        json.dumps(dict(pred, links=kept)), encoding="utf-8"
                    )
                entry["rebuttal_links"] = _score(scorer, scored_gold, rebuts_dir)["0.3"]["links"]
            if polnear:
                gold_dir, actor_pred_dir, counts = _restricted(scorer, nlp, golds, preds, work)
                entry["actor_sourced"] = _score(scorer, gold_dir, actor_pred_dir)
                entry["actor_sourced_counts"] = counts
        results["sets"][str(gold_path)] = entry
        if not args.json:
            print(f"{gold_path} ({len(golds)} documents, extracted in {seconds:.1f} s)")
            print("  all:           " + _summary(entry["all"]))
            if "rebuttal_links" in entry:
                r = entry["rebuttal_links"]
                print(
                    f"  rebuttal links only (no 'supports'): P {r['precision']:.3f} R {r['recall']:.3f} "
                    f"F1 {r['f1']:.3f} (gold {r['gold']})"
                )
            if polnear:
                c = entry["actor_sourced_counts"]
                print(
                    "  actor-sourced: "
                    + _summary(entry["actor_sourced"])
                    + f" [{c['gold_actor_sourced']} of "
                    f"{c['gold_all']} gold; {c['predictions_dropped']} predictions on non-actor sources ignored]"
                )
            sys.stdout.flush()
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
