"""The seed article against its gold annotation, scored the way ../shared/eval/score.py scores.

Matching: a prediction matches a gold statement when it covers more than 30% of the gold
content characters (best coverage, then overlap over union); each prediction matches once.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from demo.seed import seed_gold
from extraction import ExtractionResult, extract

THRESHOLD = 0.3


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "").lower().replace("’", "'")
    s = re.sub(r"^the\s+", "", s.strip())
    return re.sub(r"[^\w]+", " ", s).strip()


def _chars(spans) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


@pytest.fixture(scope="module")
def scored(seed_text: str) -> dict[str, float]:
    gold = seed_gold()
    result = extract(seed_text)
    return _score(gold, result, seed_text)


def _actor_ok(result: ExtractionResult, actor_id: str | None, accept: set[str], text: str) -> bool:
    seen = set()
    while actor_id and actor_id not in seen and (actor := result.actor(actor_id)):
        seen.add(actor_id)
        names = {_norm(actor.name), _norm(actor.code or "")} | {_norm(text[s:e]) for s, e in actor.mentions}
        if names & accept:
            return True
        actor_id = actor.affiliation
    return False


def _score(gold: dict, result: ExtractionResult, text: str) -> dict[str, float]:
    aliases = {name: {_norm(name), *map(_norm, alts)} for name, alts in gold["actors"].items()}
    remaining = list(result.statements)
    matched: dict[str, str] = {}
    actor_hits = actor_n = kind_hits = kind_n = 0
    for g in gold["statements"]:
        g_chars = _chars(g["content_spans"])
        best, best_key = None, (THRESHOLD, 0.0)
        for p in remaining:
            p_chars = _chars(p.content_spans)
            key = (len(g_chars & p_chars) / len(g_chars), len(g_chars & p_chars) / len(g_chars | p_chars))
            if key[0] > THRESHOLD and key > best_key:
                best, best_key = p, key
        if best is None:
            continue
        remaining.remove(best)
        matched[g["id"]] = best.id
        if g.get("speaker_actor"):
            actor_n += 1
            actor_hits += _actor_ok(result, best.speaker, aliases[g["speaker_actor"]], text)
        if g.get("kind"):
            kind_n += 1
            kind_hits += best.kind == g["kind"]
    tp = len(matched)
    precision, recall = tp / len(result.statements), tp / len(gold["statements"])
    predicted_links = {(lk.source, lk.target, lk.relation) for lk in result.links}
    link_hits = 0
    for link in gold["links"]:
        ends = [(matched.get(link["from"]), matched.get(t), link["relation"]) for t in link["to"]]
        link_hits += any(None not in end and end in predicted_links for end in ends)
    link_p = link_hits / len(predicted_links) if predicted_links else 0.0
    link_r = link_hits / len(gold["links"])
    return {
        "f1": 2 * precision * recall / (precision + recall) if tp else 0.0,
        "speaker_actor": actor_hits / actor_n,
        "kind": kind_hits / kind_n,
        "links_f1": 2 * link_p * link_r / (link_p + link_r) if link_hits else 0.0,
    }


def test_seed_statements_f1(scored):
    assert scored["f1"] >= 0.90


def test_seed_speaker_actor_accuracy(scored):
    assert scored["speaker_actor"] >= 0.90


def test_seed_kind_accuracy(scored):
    assert scored["kind"] >= 0.85


def test_seed_links_f1(scored):
    assert scored["links_f1"] >= 0.75


def test_seed_output_is_the_documented_json(seed_text: str):
    data = extract(seed_text).to_dict()
    assert data["schema"] == "claimtrack.extraction/1"
    assert data["extractor_version"] == "2026.12.7"
    assert {"from", "to", "relation", "confidence"} <= set(data["links"][0])
    assert ExtractionResult.from_dict(json.loads(json.dumps(data))).to_dict() == data
    north_korea = next(a for a in data["actors"] if a["code"] == "PRK")
    assert [0, 11] in north_korea["mentions"]
