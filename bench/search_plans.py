"""In-database plans and timings of the claims list's full-text searches, as JSON.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench_1m
    .venv/bin/python bench/search_plans.py --plans /tmp/search-plans.txt

For each search word of bench/api.py, the first page of `GET /api/v1/claims/?q=…` is built by the
real view (DRF request factory, the benchmark's analyst user, nothing written), and every query it
sends (the user's role, the claims, their links) is captured and run again under EXPLAIN (ANALYZE,
BUFFERS). It reports the PostgreSQL planning + execution time of those queries together (median of
--repeat runs, ms), how many there were, and the scans of the claims table their plans chose: the
part of a page's time that does not depend on Python (it still depends on how busy the CPUs are).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys

from api import BENCH_USER, WORDS  # bench/api.py: the same words, the same user, django set up
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIRequestFactory, force_authenticate

from claims.api.claims import ClaimViewSet

CLAIMS = re.compile(r"\bclaims_claim\b|\bclaim_\w+_idx\b")  # the claims table and its indexes, not the links'
SCAN = re.compile(r"(?:->\s+)?((?:Parallel )?(?:Bitmap Heap|Bitmap Index|Index Only|Index|Seq) Scan[^(]*)")


def page_queries(user, text: str) -> list[str]:
    request = APIRequestFactory().get("/api/v1/claims/", {"q": text, "page_size": 50}, HTTP_HOST="127.0.0.1")
    force_authenticate(request, user=user)
    with CaptureQueriesContext(connection) as captured:
        response = ClaimViewSet.as_view({"get": "list"})(request)
        response.render()
    assert response.status_code == 200, response.content[:300]
    return [q["sql"] for q in captured.captured_queries]


def explain(sql: str) -> tuple[float, list[str]]:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        lines = [row[0] for row in cursor.fetchall()]
    total = sum(
        float(m.group(1))
        for line in lines
        if (m := re.search(r"(?:Planning|Execution) Time: ([\d.]+)", line))
    )
    return total, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--plans", help="write the last run's full plans to this file")
    args = parser.parse_args()
    user = get_user_model().objects.filter(username=BENCH_USER).first()
    if user is None:
        sys.exit(f"No user {BENCH_USER!r}: run bench/api.py on this database first.")
    results, plans = {}, []
    for text in WORDS:
        queries = page_queries(user, text)
        runs, last = [], []
        for _ in range(args.repeat):
            timed = [explain(sql) for sql in queries]
            runs.append(sum(ms for ms, _ in timed))
            last = timed
        # The claims table's scans: what decides a search's cost (the joins' lookups are by key).
        scans = [
            sorted({m.group(1).strip() for line in lines if CLAIMS.search(line) and (m := SCAN.search(line))})
            for _, lines in last
        ]
        results[text] = {
            "queries": len(queries),
            "db_ms_median": round(statistics.median(runs), 1),
            "db_ms_max": round(max(runs), 1),
            "scans": scans,
        }
        for sql, (ms, lines) in zip(queries, last, strict=True):
            plans.append(f"== {text}  ({ms:.1f} ms)\n{sql}\n" + "\n".join(lines) + "\n")
    if args.plans:
        with open(args.plans, "w") as out:
            out.write("\n".join(plans))
    print(json.dumps({"benchmark": "api full-text plans", "repeat": args.repeat, "words": results}, indent=2))


if __name__ == "__main__":
    main()
