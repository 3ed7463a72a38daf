"""Latency of the claims list API under concurrent load, through a real gunicorn server, as JSON.

    createdb claimtrack_api_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_api_bench DEBUG=1
    .venv/bin/python manage.py migrate
    .venv/bin/python bench/api.py --claims 100000 --articles 10000     # generates the data if missing
    .venv/bin/python bench/api.py --claims 1000000 --articles 100000   # in another (empty) database

The data comes from `manage.py generate_demo` (run here when the database holds fewer claims
than asked for; an empty database is filled, a partly filled one is refused). gunicorn serves
the application on 127.0.0.1 with DEBUG off; client threads send requests with an API token,
50 claims per page, each request with its own parameters drawn at random (speakers, kinds,
search words, dates, deep cursors), so caches warm no more than real traffic would warm them.
Latency is measured at the client: network stack, gunicorn, Django, DRF, PostgreSQL.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("CLAIMTRACK_DEMO", "1")  # generate_demo is a command of the demo app

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Max, Min  # noqa: E402

from accounts.api_tokens import api_token_create  # noqa: E402
from accounts.roles import Role  # noqa: E402
from accounts.services import user_create_with_role  # noqa: E402
from claims.models import Claim  # noqa: E402

WORDS = (
    "missile",
    "sanctions",
    "ammunition",
    "drones",
    "ceasefire",
    "shells",
    '"artillery shells"',
    "nuclear",
)
BENCH_USER = "bench-api"


def ensure_data(claims: int, articles: int, seed: int) -> float | None:
    have = Claim.objects.count()
    if have >= claims * 0.95:
        return None
    if have:
        sys.exit(f"The database holds {have:,} claims, fewer than {claims:,}: use an empty database.")
    started = time.perf_counter()
    call_command("generate_demo", articles=articles, claims=claims, seed=seed, stdout=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics after a bulk load, as autovacuum would
    return time.perf_counter() - started


def bench_token() -> str:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=BENCH_USER).first()
    if user is None:
        user = user_create_with_role(
            username=BENCH_USER, password=base64.b64encode(os.urandom(18)).decode(), role=Role.ANALYST
        )
    return api_token_create(user=user, name="bench").key


def _cursor(ordering: str, values: list) -> str:
    payload = json.dumps({"o": ordering, "v": values}, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def scenarios(rng: random.Random) -> dict[str, Callable[[], dict]]:
    """Each scenario draws the query string of one request."""
    speakers = list(
        Claim.objects.values("speaker_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("speaker_id", flat=True)[:200]
    )
    speakers = [s for s in speakers if s is not None]
    outlets = list(Claim.objects.values_list("article__outlet", flat=True).distinct()[:50])
    bounds = Claim.objects.aggregate(first=Min("published_at"), last=Max("published_at"), top=Max("id"))
    span_days = max(1, (bounds["last"] - bounds["first"]).days)
    # Deep pages: cursors at random places in the timeline, as a client resuming a long sync would hold.
    deep = [
        _cursor(
            "-published_at",
            [c.published_at.isoformat() if c.published_at else None, c.article_id, c.content_start, c.id],
        )
        for c in Claim.objects.filter(id__in=[rng.randint(1, bounds["top"]) for _ in range(300)]).only(
            "id", "published_at", "article_id", "content_start"
        )
    ]

    def since() -> str:
        return (bounds["first"] + timedelta(days=rng.randint(0, span_days))).isoformat()

    return {
        "unfiltered first page": lambda: {},
        "unfiltered deep page": lambda: {"cursor": rng.choice(deep)},
        "speaker": lambda: {"speaker": rng.choice(speakers)},
        "actor (speaker or target)": lambda: {"actor": rng.choice(speakers)},
        "kind": lambda: {"kind": rng.choice(["claim", "denial", "accusation", "criticism"])},
        "outlet + 90 days": lambda: {
            "outlet": rng.choice(outlets),
            "published_after": (
                start := bounds["first"] + timedelta(days=rng.randint(0, span_days))
            ).isoformat(),
            "published_before": (start + timedelta(days=90)).isoformat(),
        },
        "full-text q": lambda: {"q": rng.choice(WORDS)},
        "sync: updated_since, ordering=updated_at": lambda: {
            "ordering": "updated_at",
            "updated_since": since(),
        },
    }


def start_server(port: int, workers: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-not-secret"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "THROTTLE_USER": "100000000/minute",
        "LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "claimtrack.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/claims/", timeout=5)
        except urllib.error.HTTPError:
            return server  # 401 without a token: the application is up
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    server.kill()
    sys.exit(f"gunicorn did not start (is port {port} free?)")


def run_load(base: str, token: str, draw: Callable[[], dict], *, requests: int, threads: int) -> dict:
    lock = threading.Lock()
    params = [draw() for _ in range(requests)]
    latencies: list[float] = []
    errors: list[str] = []
    rows: list[int] = []

    def worker(mine: list[dict]) -> None:
        for query in mine:
            request = urllib.request.Request(
                f"{base}/api/v1/claims/?{urlencode({'page_size': 50, **query}, doseq=True)}",
                headers={"Authorization": f"Token {token}"},
            )
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    body = response.read()
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    rows.append(len(json.loads(body)["results"]))
            except urllib.error.HTTPError as exc:
                with lock:
                    errors.append(f"{exc.code} {query}")

    parts = [params[i::threads] for i in range(threads)]
    started = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(part,)) for part in parts]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - started
    ms = sorted(x * 1000 for x in latencies)
    return {
        "requests": len(ms),
        "errors": len(errors),
        "first_errors": errors[:3],
        "p50_ms": round(statistics.median(ms), 1) if ms else None,
        "p95_ms": round(ms[max(0, int(len(ms) * 0.95) - 1)], 1) if ms else None,
        "max_ms": round(ms[-1], 1) if ms else None,
        "requests_per_s": round(len(ms) / wall, 1),
        "mean_rows": round(statistics.mean(rows), 1) if rows else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=None, help="default: claims / 10")
    parser.add_argument("--requests", type=int, default=400, help="per scenario")
    parser.add_argument("--threads", type=int, default=8, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not settings.USING_POSTGRES:
        sys.exit("Set DATABASE_URL to a PostgreSQL database: the figures are about PostgreSQL.")

    generated_in = ensure_data(args.claims, args.articles or max(1, args.claims // 10), args.seed)
    rng = random.Random(args.seed)
    token = bench_token()
    draws = scenarios(rng)
    connection.close()

    load_before = os.getloadavg()
    server = start_server(args.port, args.workers)
    try:
        base = f"http://127.0.0.1:{args.port}"
        for draw in draws.values():  # warm each worker's connection and imports, unmeasured
            run_load(base, token, draw, requests=args.workers * 4, threads=args.workers)
        results = {
            name: run_load(base, token, draw, requests=args.requests, threads=args.threads)
            for name, draw in draws.items()
        }
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    print(
        json.dumps(
            {
                "benchmark": "api claims list",
                "claims": Claim.objects.count(),
                "articles": Claim.objects.values("article_id").distinct().count()
                if args.claims <= 200_000
                else None,
                "generated_in_s": round(generated_in, 1) if generated_in else None,
                "page_size": 50,
                "client_threads": args.threads,
                "gunicorn_workers": args.workers,
                "requests_per_scenario": args.requests,
                "cpus": os.cpu_count(),
                # Other work on the machine shows up in the latencies; this says how much there was.
                "load_average_1m_before_after": [round(load_before[0], 1), round(os.getloadavg()[0], 1)],
                "scenarios": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
