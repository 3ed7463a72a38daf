"""Every gold file under bench/gold/ is well-formed (the format of docs/ANNOTATION.md).

Structure only: the texts live in ../shared and tests stay independent of it, so spans are
checked for shape and order, not read back (the annotator does that when writing them).
"""

import json
import re
from itertools import pairwise
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parents[2] / "bench" / "gold"
FILES = sorted(GOLD.rglob("*.gold.json"))
KINDS = {"claim", "accusation", "denial", "criticism", None}
RELATIONS = {"rebuts", "supports", "repeats"}
PROPOSITION = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")


def _doc(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _is_span(value) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and 0 <= value[0] < value[1]
    )


def _stories(folder: Path) -> str:
    # A folder's propositions are listed in its STORIES.md or, for a story it continues, in a
    # sibling folder's.
    return "\n".join(p.read_text(encoding="utf-8") for p in folder.parent.glob("*/STORIES.md"))


def test_there_is_gold_to_check():
    assert {p.parent.name for p in FILES} >= {"news-dev", "news-check", "news-check2"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_gold_file_is_well_formed(path):
    doc = _doc(path)
    assert doc["id"] == path.name.removesuffix(".gold.json")
    assert ("text" in doc) != ("text_file" in doc)
    if "text_file" in doc:
        # Relative to the gold file, so the project holds no machine paths.
        assert not doc["text_file"].startswith("/") and ":" not in doc["text_file"]
    actors = doc["actors"]
    assert isinstance(actors, dict)
    for name, aliases in actors.items():
        assert name and isinstance(aliases, list) and all(isinstance(a, str) and a for a in aliases), name

    statements = doc["statements"]
    assert statements
    ids = [s["id"] for s in statements]
    assert len(ids) == len(set(ids)), "statement ids repeat"
    for s in statements:
        where = f"{doc['id']}/{s['id']}"
        assert s["kind"] in KINDS, where
        spans = s["content_spans"]
        assert spans and all(_is_span(span) for span in spans), where
        assert all(a[1] <= b[0] for a, b in pairwise(spans)), f"{where}: content spans out of order"
        for key in ("speaker_span", "cue_span"):
            assert s.get(key) is None or _is_span(s[key]), f"{where}: {key}"
        for key in ("speaker_actor", "target_actor"):
            assert s.get(key) is None or s[key] in actors, f"{where}: {key} {s.get(key)!r} not in actors"
        if "proposition" in s:
            assert PROPOSITION.match(s["proposition"]), where
            assert s["stance"] in {"asserts", "denies"}, where
            assert s["stance"] == "asserts" or s["kind"] == "denial", f"{where}: only a denial denies"

    known = set(ids)
    for link in doc["links"]:
        assert link["relation"] in RELATIONS, link
        assert link["from"] in known, link
        targets = link["to"] if isinstance(link["to"], list) else [link["to"]]
        assert targets and all(t in known and t != link["from"] for t in targets), link


def _propositions(folder: Path) -> set[str]:
    return {
        s["proposition"]
        for path in folder.glob("*.gold.json")
        for s in _doc(path)["statements"]
        if s.get("proposition")
    }


# Only the folders annotated for threads (polnear-kinds holds kinds and targets alone).
THREADED = sorted(folder for folder in {p.parent for p in FILES} if _propositions(folder))


def test_the_thread_gold_is_among_the_folders_checked():
    assert {p.name for p in THREADED} >= {"news-dev"}


@pytest.mark.parametrize("folder", THREADED, ids=lambda p: p.name)
def test_every_proposition_is_listed_in_stories(folder):
    propositions = _propositions(folder)
    stories = _stories(folder)
    assert sorted(p for p in propositions if f"`{p}`" not in stories) == []
