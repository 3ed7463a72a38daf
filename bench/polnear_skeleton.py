"""Skeletons of claimtrack gold for PolNeAR articles: PolNeAR's own attributions (content,
source and cue spans of the first annotator, as score.py reads them) as statements whose kind,
speaker actor and target are left for an annotator to fill in (docs/ANNOTATION.md).

    python bench/polnear_skeleton.py ../shared/data/polnear/train ARTICLE.txt [...] \
        --out bench/gold/polnear-kinds --preview /tmp/polnear-preview

The gold files hold offsets only, with ``text_file`` pointing into the PolNeAR folder (its
texts never come into the project). ``--preview`` writes, outside the project, one Markdown
page per article with each statement's words and its paragraph, for reading while annotating.
An existing gold file is never overwritten: annotation is the work to keep.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

Span = tuple[int, int]


def _first_annotation(split: Path, stem: str) -> Path:
    files = sorted((split / "attributions").glob(f"{stem}_*.ann"))
    if not files:
        raise SystemExit(f"{stem}: no PolNeAR attribution file in {split / 'attributions'}")
    return files[0]  # score.py's choice: the first annotator in name order


def _spans(lines: list[str]) -> dict[str, tuple[str, list[Span]]]:
    spans: dict[str, tuple[str, list[Span]]] = {}
    for line in lines:
        if re.match(r"T\d+\t", line):
            tid, info, *_ = line.split("\t")
            label, offsets = info.split(" ", 1)
            frags = [(int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))]
            spans[tid] = (label, frags)
    return spans


def _in_order(fragments: list[Span]) -> list[list[int]]:
    """PolNeAR lists a content's fragments in annotation order; the gold format wants them in
    text order, and never overlapping."""
    merged: list[list[int]] = []
    for a, b in sorted(fragments):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return merged


def statements(split: Path, stem: str) -> list[dict]:
    """PolNeAR's attributions of one article as claimtrack gold statements, kinds left open."""
    lines = _first_annotation(split, stem).read_text(encoding="utf-8").splitlines()
    spans = _spans(lines)
    out = []
    for line in lines:
        if not re.match(r"E\d+\t", line):
            continue
        eid, args = line.split("\t")[:2]
        roles = dict(a.split(":") for a in args.split())
        content = spans.get(roles.get("Content", ""), ("", []))[1]
        if not content:
            continue
        source = spans.get(roles.get("Source", ""), ("", []))[1]
        cue = spans.get(roles.get("Cue", ""), ("", []))[1]
        out.append(
            {
                "id": eid,
                "content_spans": _in_order(content),
                "speaker_span": [source[0][0], source[-1][1]] if source else None,
                "cue_span": [cue[0][0], cue[-1][1]] if cue else None,
                "kind": None,
                "speaker_actor": None,
                "target_actor": None,
            }
        )
    return sorted(out, key=lambda s: s["content_spans"][0][0])


def _paragraph(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : end if end != -1 else len(text)].strip()


def preview(text: str, stmts: list[dict]) -> str:
    rows = []
    for s in stmts:
        content = " … ".join(text[a:b] for a, b in s["content_spans"])
        speaker = text[slice(*s["speaker_span"])] if s["speaker_span"] else "—"
        cue = text[slice(*s["cue_span"])] if s["cue_span"] else "—"
        rows.append(
            f"### {s['id']}\n\n- speaker: {speaker}\n- cue: {cue}\n- content: {content}\n\n"
            f"> {_paragraph(text, s['content_spans'][0][0])}\n"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", type=Path, help="a PolNeAR split folder (text/ and attributions/)")
    parser.add_argument("articles", nargs="+", help="article file names in text/")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--preview", type=Path)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.preview:
        args.preview.mkdir(parents=True, exist_ok=True)
    for name in args.articles:
        stem = Path(name).stem
        text_path = args.split / "text" / f"{stem}.txt"
        text = text_path.read_text(encoding="utf-8")
        stmts = statements(args.split, stem)
        gold_path = args.out / f"{stem}.gold.json"
        if not gold_path.exists():
            doc = {
                "id": stem,
                "text_file": os.path.relpath(text_path.resolve(), args.out.resolve()),
                "actors": {},
                "statements": stmts,
                "links": [],
            }
            gold_path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if args.preview:
            (args.preview / f"{stem}.md").write_text(f"# {stem}\n\n{preview(text, stmts)}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
