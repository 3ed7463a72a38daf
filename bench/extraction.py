"""Throughput of the extractor next to spaCy's nlp.pipe alone, on a folder of .txt files.

    python bench/extraction.py FOLDER [--rounds N] [--batch-size N]

Both are timed in the same process on the same texts, after a warm-up that loads the model and
builds the knowledge-base matchers (a once-per-process cost, reported separately). Each round
times nlp.pipe and then the whole extractor; the best round of each is kept. Peak memory is
the process's maximum resident set size. Wall-clock and CPU time are both reported: on a
machine shared with other work the CPU-time ratio is the steadier one. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extraction.pipeline import EXTRACTOR_VERSION, extract, extract_doc, extract_many, get_nlp


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
    scale = 1 / 1024 / 1024 if sys.platform == "darwin" else 1 / 1024
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale, 1)


def _timed(run: Callable[[list[Any]], Iterable[object]], items: list[Any]) -> tuple[float, float]:
    """Wall-clock and CPU seconds; CPU time is the steadier figure on a shared machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in run(items):
        pass
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args(argv)
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.folder.glob("*.txt"))]
    if not texts:
        parser.error(f"no .txt files in {args.folder}")
    words = sum(len(t.split()) for t in texts)

    start = time.perf_counter()
    nlp = get_nlp()
    extract(texts[0])  # builds the matchers and reads the lexicons and knowledge base
    warm_up = time.perf_counter() - start

    pipe_best = full_best = (float("inf"), float("inf"))
    for _ in range(args.rounds):
        pipe_best = min(pipe_best, _timed(lambda ts: nlp.pipe(ts, batch_size=args.batch_size), texts))
        full_best = min(full_best, _timed(lambda ts: extract_many(ts, batch_size=args.batch_size), texts))

    def rates(seconds: tuple[float, float]) -> dict[str, float]:
        wall, cpu = seconds
        return {
            "seconds": round(wall, 2),
            "cpu_seconds": round(cpu, 2),
            "articles_per_s": round(len(texts) / wall, 2),
            "words_per_s": round(words / wall, 1),
        }

    peak_rss = _peak_rss_mb()  # before the parsed documents below are held in memory
    # The extractor's own work after parsing, on the same documents: the figure a loaded machine
    # disturbs least, since it does not depend on how the parser's threads were scheduled.
    docs = list(nlp.pipe(texts, batch_size=args.batch_size))
    post_parse = _timed(lambda ds: (extract_doc(d) for d in ds), docs)

    report = {
        "extractor_version": EXTRACTOR_VERSION,
        "articles": len(texts),
        "words": words,
        "rounds": args.rounds,
        "batch_size": args.batch_size,
        "warm_up_seconds": round(warm_up, 2),
        "nlp_pipe": rates(pipe_best),
        "extractor": rates(full_best),
        "throughput_ratio": round(pipe_best[0] / full_best[0], 3),
        "throughput_ratio_cpu": round(pipe_best[1] / full_best[1], 3),
        "post_parse": {"seconds": round(post_parse[0], 2), "cpu_seconds": round(post_parse[1], 2)},
        "post_parse_share_of_pipe_cpu": round(post_parse[1] / pipe_best[1], 3),
        "peak_rss_mb": peak_rss,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
