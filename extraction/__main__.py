"""python -m extraction --out DIR FILE...: one claimtrack.extraction/1 JSON per text file.

The model loads once; texts are parsed in batches. A file that cannot be read as UTF-8 text
(missing, empty, binary, badly encoded) gets a one-line error on stderr and the others go on;
the exit status is non-zero when any file failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path

from .pipeline import EXTRACTOR_VERSION, extract_doc, get_nlp


class InputError(Exception):
    pass


def read_text(path: Path) -> str:
    """The file's text, or InputError with a reason short enough for one line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or type(exc).__name__) from None
    if b"\x00" in data:
        raise InputError("binary file (NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte {exc.start})") from None
    if not text.strip():
        raise InputError("empty file")
    return text


def _readable(paths: Sequence[Path], failed: list[Path]) -> Iterator[tuple[Path, str]]:
    for path in paths:
        try:
            yield path, read_text(path)
        except InputError as exc:
            print(f"extraction: {path}: {exc}", file=sys.stderr)
            failed.append(path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extraction", description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path, help="folder for the <stem>.json files")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"extraction: cannot create {args.out}: {exc.strerror}", file=sys.stderr)
        return 2
    failed: list[Path] = []
    total = len(args.files)
    # Paths of the texts handed to the parser, in order; nlp.pipe reads ahead in batches, so
    # the path of each result is taken from the front as results come back.
    pending: deque[Path] = deque()

    nlp = get_nlp()

    def texts() -> Iterator[str]:
        for path, text in _readable(args.files, failed):
            if len(text) > nlp.max_length:
                print(
                    f"extraction: {path}: too long ({len(text)} characters, at most {nlp.max_length})",
                    file=sys.stderr,
                )
                failed.append(path)
                continue
            pending.append(path)
            yield text

    cr, end = ("\r", "") if sys.stderr.isatty() else ("", "\n")
    done = 0
    for doc in nlp.pipe(texts(), batch_size=args.batch_size):
        path = pending.popleft()
        target = args.out / f"{path.stem}.json"
        try:
            # One document the rules trip over must not stop the hundreds after it.
            data = extract_doc(doc).to_dict()
        except Exception as exc:  # reported on one line; the run goes on
            print(f"extraction: {path}: extraction failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            failed.append(path)
            continue
        try:
            target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        except OSError as exc:
            print(f"extraction: {target}: {exc.strerror}", file=sys.stderr)
            failed.append(path)
        done += 1
        # On a terminal one line that updates; in a log, one line per file.
        print(f"{cr}[{done}/{total}] {path.name}", end=end, file=sys.stderr, flush=True)
    if done and cr:
        print(file=sys.stderr)
    print(
        f"extraction {EXTRACTOR_VERSION}: {total - len(failed)} of {total} files written to {args.out}",
        file=sys.stderr,
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
