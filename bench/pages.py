"""Server time of the analyst pages on a large database: p50 and p95 per page, as JSON.

    createdb claimtrack_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench DEBUG=1
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_demo --articles 10000 --claims 100000 --seed 100
    .venv/bin/python bench/pages.py --requests 200          # the 100k figures
    .venv/bin/python manage.py generate_demo --articles 90000 --claims 900000 --seed 101
    .venv/bin/python bench/pages.py --requests 200          # the 1M figures

Each request goes through the whole Django stack in-process (Django's test client: middleware,
session, role check, selectors, templates), so the time is the server's, without the network.
Every request of a page uses different parameters drawn at random (actors, articles, cursors,
search words), so caches warm no more than real traffic would warm them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from accounts.roles import Role  # noqa: E402
from accounts.services import user_create_with_role  # noqa: E402
from actors.models import Actor  # noqa: E402
from articles.models import Article  # noqa: E402
from claims.models import Claim  # noqa: E402
from claims.selectors.timeline import TimelineCursor  # noqa: E402

WORDS = (
    "missile",
    "sanctions",
    "ammunition",
    "drones",
    "ceasefire",
    "journalists",
    '"artillery shells"',
    "border",
)


def _analyst() -> object:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username="bench-analyst").first()
    # No usable password: the benchmark logs in with force_login only.
    return user or user_create_with_role(
        username="bench-analyst", password=secrets.token_urlsafe(), role=Role.ANALYST
    )


def _samples(rng: random.Random) -> dict[str, Callable[[], str]]:
    top = list(
        Claim.objects.values("speaker_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("speaker_id", flat=True)[:40]
    )
    any_actor = list(
        Actor.objects.filter(statements__isnull=False).distinct().values_list("id", flat=True)[:2000]
    )
    last_article = Article.objects.order_by("-id").values_list("id", flat=True).first()
    first_article = Article.objects.order_by("id").values_list("id", flat=True).first()
    outlets = list(Article.objects.values_list("outlet", flat=True).distinct()[:50])
    newest = Claim.objects.order_by("-published_at").values_list("published_at", flat=True).first()
    max_claim = Claim.objects.order_by("-id").values_list("id", flat=True).first()
    min_claim = Claim.objects.order_by("id").values_list("id", flat=True).first()

    def deep_page() -> str:
        # A cursor taken from a random statement: page N of the timeline, N anywhere.
        while True:
            claim = Claim.objects.filter(id=rng.randint(min_claim, max_claim)).first()
            if claim:
                return "/timeline/?" + urlencode({"after": TimelineCursor.after(claim).encode()})

    def dates() -> str:
        until = newest - timedelta(days=rng.randint(0, 900))
        since = until - timedelta(days=rng.randint(7, 90))
        return "/timeline/?" + urlencode(
            {
                "kind": rng.choice(Claim.Kind.values),
                "since": since.date().isoformat(),
                "until": until.date().isoformat(),
            }
        )

    return {
        "timeline": lambda: "/timeline/",
        "timeline_deep_page": deep_page,
        "timeline_actor_top": lambda: f"/timeline/?actor={rng.choice(top)}&role=either",
        "timeline_actor_any_speaker": lambda: f"/timeline/?actor={rng.choice(any_actor)}&role=speaker",
        "timeline_kind_dates": dates,
        "timeline_outlet_status": lambda: (
            "/timeline/?"
            + urlencode({"outlet": rng.choice(outlets), "status": rng.choice(["confirmed", "edited"])})
        ),
        "timeline_search": lambda: "/timeline/?" + urlencode({"q": rng.choice(WORDS)}),
        "article_reader": lambda: f"/articles/{rng.randint(first_article, last_article)}/",
        "actor_page_top": lambda: f"/actors/{rng.choice(top)}/",
        "actor_page_any": lambda: f"/actors/{rng.choice(any_actor)}/",
    }


def _measure(client: Client, url_for: Callable[[], str], requests: int, warmup: int) -> dict:
    times, cpu, sql, queries = [], [], [], []
    for i in range(warmup + requests):
        url = url_for()
        started, cpu_started = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as counted:
            response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code not in (200, 404):
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        if i >= warmup:
            times.append(elapsed)
            # On a shared machine wall time includes waiting for a core; these two split it into
            # this process's own work and the database's (as seen from here).
            cpu.append((time.process_time() - cpu_started) * 1000)
            sql.append(sum(float(q["time"]) for q in counted.captured_queries) * 1000)
            queries.append(len(counted.captured_queries))
    return {
        "requests": requests,
        "p50_ms": _pct(times, 50),
        "p95_ms": _pct(times, 95),
        "max_ms": round(max(times), 1),
        "python_cpu_p50_ms": _pct(cpu, 50),
        "python_cpu_p95_ms": _pct(cpu, 95),
        "sql_p50_ms": _pct(sql, 50),
        "sql_p95_ms": _pct(sql, 95),
        "queries_max": max(queries),
    }


def _pct(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, max(0, round(len(ordered) * pct / 100) - 1))], 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=100, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", nargs="*", help="page names to run")
    args = parser.parse_args()
    if not settings.USING_POSTGRES:
        raise SystemExit("Benchmark PostgreSQL: set DATABASE_URL (see the docstring).")
    setup_test_environment()
    client = Client()
    client.force_login(_analyst())
    rng = random.Random(args.seed)
    samples = _samples(rng)
    results = {
        name: _measure(client, url_for, args.requests, args.warmup)
        for name, url_for in samples.items()
        if not args.only or name in args.only
    }
    print(
        json.dumps(
            {
                "benchmark": "pages",
                "claims": Claim.objects.count(),
                "articles": Article.objects.count(),
                "actors": Actor.objects.count(),
                "load_average": [round(x, 2) for x in os.getloadavg()],
                "cpus": os.cpu_count(),
                "pages": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
