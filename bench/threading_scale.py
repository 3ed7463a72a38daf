"""Threading one article against many stored claims: milliseconds and queries per article (JSON).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench_scale \
        .venv/bin/python bench/threading_scale.py [--generate 10000 100000] [--sample 100]

With --generate ARTICLES CLAIMS the database is filled first (`manage.py migrate`, then
`generate_demo --seed 1`; use an empty, throwaway database). Then `article_thread` runs for a
random sample of stored articles, each in a transaction that is rolled back, so every run
measures the same data (after one unmeasured article: a worker loads the matcher's lexicons once):
p50/p95/max milliseconds per article, of which in PostgreSQL (all queries, and the candidate
search alone), the CPU time of this process and its PostgreSQL backend (Linux schedstat: what the
article costs, whatever else runs), the queries per article (a fixed number at most, whatever its
statements) and the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")
os.environ.setdefault("DEBUG", "1")
os.environ["REDIS_URL"] = ""

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article  # noqa: E402
from claims.models import Claim  # noqa: E402
from claims.services.threading import article_thread  # noqa: E402


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _on_cpu_ns(pid: int | str) -> tuple[int, int]:
    """Nanoseconds the process has run on a CPU, and waited for one (Linux schedstat)."""
    ran, waited, _ = Path(f"/proc/{pid}/schedstat").read_text().split()
    return int(ran), int(waited)


def _summary(values: list[float]) -> dict[str, float]:
    return {
        "p50": round(statistics.median(values), 1),
        "p95": round(_percentile(values, 0.95), 1),
        "max": round(max(values), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generate", type=int, nargs=2, metavar=("ARTICLES", "CLAIMS"))
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.generate:
        call_command("migrate", verbosity=0)
        call_command("generate_demo", articles=args.generate[0], claims=args.generate[1], seed=1, verbosity=0)
    load_before = [round(x, 2) for x in os.getloadavg()]
    ids = list(Article.objects.values_list("id", flat=True))
    sample = random.Random(args.seed).sample(ids, min(args.sample, len(ids)))
    # One article first, unmeasured: a worker loads the matcher's lexicons once per process.
    with transaction.atomic():
        article_thread(article_id=random.Random(args.seed + 1).choice(ids))
        transaction.set_rollback(True)
    # The CPU time of this process and of its PostgreSQL backend (the same host): on a shared
    # machine the wall time is mostly waiting for a CPU; the sum of the two CPU times is what an
    # article costs, the latency on an idle machine less the round trips.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    timings, per_statement, sizes, per_article, sql_ms, search_ms = [], [], [], [], [], []
    cpu_ms, waited_ms, python_ms = [], [], []
    for article_id in sample:
        statements = Claim.objects.filter(article_id=article_id).count()
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            mine, theirs = _on_cpu_ns("self"), _on_cpu_ns(backend)
            started = time.perf_counter()
            article_thread(article_id=article_id)
            timings.append((time.perf_counter() - started) * 1000)
            mine_after, theirs_after = _on_cpu_ns("self"), _on_cpu_ns(backend)
            transaction.set_rollback(True)  # the next run measures the same data
        cpu_ms.append((mine_after[0] - mine[0] + theirs_after[0] - theirs[0]) / 1e6)
        python_ms.append((mine_after[0] - mine[0]) / 1e6)
        waited_ms.append((mine_after[1] - mine[1] + theirs_after[1] - theirs[1]) / 1e6)
        sizes.append(statements)
        per_article.append(len(queries))
        sql_ms.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
        search_ms.append(
            sum(float(q["time"]) for q in queries.captured_queries if "CROSS JOIN LATERAL" in q["sql"]) * 1000
        )
        if statements:
            per_statement.append((len(queries) - 1) / statements)  # minus the lock
    print(
        json.dumps(
            {
                "claims": Claim.objects.count(),
                "articles": len(ids),
                "sampled": len(sample),
                "statements_per_article": {"mean": round(statistics.mean(sizes), 1), "max": max(sizes)},
                "ms_per_article": _summary(timings),
                # On a CPU (this process and its backend), and waiting for one.
                "cpu_ms_per_article": _summary(cpu_ms),
                "of_which_python_cpu_ms": _summary(python_ms),
                "cpu_wait_ms_per_article": _summary(waited_ms),
                # Of which in PostgreSQL (all queries, and the term statistics + candidate search).
                "sql_ms_per_article": _summary(sql_ms),
                "search_ms_per_article": _summary(search_ms),
                "queries_per_article": {"min": min(per_article), "max": max(per_article)},
                "load_average_before_after": [load_before, [round(x, 2) for x in os.getloadavg()]],
                "queries_per_statement": {
                    "mean": round(statistics.mean(per_statement), 2),
                    "max": round(max(per_statement), 2),
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
