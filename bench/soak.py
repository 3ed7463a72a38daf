"""A bounded soak: mixed reads and writes through gunicorn with a real Celery worker, as JSON.

    export REDIS_URL=redis://127.0.0.1:6379/8     # a Redis database of its own: its queue is purged
    .venv/bin/python bench/soak.py --duration 180

It creates the PostgreSQL database `--database` (default ct_soak) on the server of DATABASE_URL
(default: local, user postgres) when missing, migrates it, and seeds it once with the demo (the
seed article and `generate_demo`). Then it starts gunicorn (2 workers, DEBUG off) and a Celery
worker with the real extractor, and for `--duration` seconds client threads send a weighted mix
of requests: API reads (claims list with filters, claim detail, articles, actors, exports),
pages (timeline, article reader, with a session from the real login form) and writes (new
articles through the API, PATCH of a claim's note by an editor, version checked).

An error is a 5xx or a failed connection; there must be none. It reports per class the count,
p50 and p95 at the client, the resident memory of each gunicorn worker and of the Celery worker
(main process and pool) at start, after warm-up and at the end, and whether the articles it
wrote were analysed. Every process it starts is stopped on the way out, failure or not.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg2
import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

USERS = {"analyst": "soak-analyst", "editor": "soak-editor"}
WORDS = ("missile", "sanctions", "ammunition", "drones", "ceasefire", "shells", "nuclear", "talks")
STATES = ("North Korea", "Russia", "the United States", "China", "Iran", "Ukraine", "Japan", "South Korea")
THINGS = ("artillery shells", "drones", "missile parts", "fuel", "rifles", "satellite images")


def _database_url(name: str) -> str:
    base = urlsplit(os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres")
    return urlunsplit(base._replace(path=f"/{name}"))


def _ensure_database(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    conn = psycopg2.connect(urlunsplit(urlsplit(url)._replace(path="/postgres")))
    try:
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()


def _setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("CLAIMTRACK_DEMO", "1")  # for load_demo and generate_demo, in this process only
    import django

    django.setup()


def seed(*, articles: int, claims: int) -> dict:
    """Migrate; load the demo once; users and tokens for this run. Returns the ids to draw from."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from accounts.api_tokens import api_token_create
    from accounts.roles import Role
    from accounts.services import user_create_with_role, user_set_role
    from actors.models import Actor
    from articles.models import Article
    from claims.models import Claim

    call_command("migrate", verbosity=0, interactive=False)
    if not Claim.objects.exists():
        call_command("load_demo", stdout=sys.stderr)
        call_command("generate_demo", articles=articles, claims=claims, seed=14, stdout=sys.stderr)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    accounts = {}
    for role_name, username in USERS.items():
        password = secrets.token_urlsafe(12)
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            user = user_create_with_role(username=username, password=password, role=Role(role_name))
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
            user_set_role(user=user, role=Role(role_name))
        accounts[role_name] = {
            "username": username,
            "password": password,
            "token": api_token_create(user=user, name="soak").key,
        }
    return {
        "accounts": accounts,
        "claim_ids": list(Claim.objects.order_by("?").values_list("id", flat=True)[:2000]),
        "article_ids": list(Article.objects.order_by("?").values_list("id", flat=True)[:2000]),
        "actor_ids": list(
            Claim.objects.exclude(speaker=None).values_list("speaker_id", flat=True).distinct()[:300]
        ),
        "all_actor_ids": list(Actor.objects.values_list("id", flat=True)[:2000]),
        "outlets": list(Article.objects.values_list("outlet", flat=True).distinct()[:50]),
        "counts": {"articles": Article.objects.count(), "claims": Claim.objects.count()},
    }


# --- processes -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name may hold spaces and parentheses; the fields after the last ")" do not.
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


@dataclass
class Services:
    env: dict[str, str]
    logs: Path
    port: int = field(default_factory=_free_port)
    web: subprocess.Popen | None = None
    worker: subprocess.Popen | None = None

    def start(self, *, web_workers: int, concurrency: int) -> None:
        self.web = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "claimtrack.wsgi",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={web_workers}",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=(self.logs / "gunicorn.log").open("wb"),
            stderr=subprocess.STDOUT,
        )
        self.worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "claimtrack",
                "worker",
                "--pool=prefork",
                f"--concurrency={concurrency}",
                "--hostname=soak@%h",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=(self.logs / "celery.log").open("wb"),
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, web_workers: int, concurrency: int, timeout: float = 120) -> None:
        from claimtrack.celery import app

        deadline = time.monotonic() + timeout
        web_up = worker_up = False
        while time.monotonic() < deadline:
            for name, process in (("gunicorn", self.web), ("celery", self.worker)):
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited early; see {self.logs}")
            if not web_up:
                with contextlib.suppress(requests.RequestException):
                    web_up = (
                        requests.get(f"http://127.0.0.1:{self.port}/login/", timeout=5).status_code == 200
                    )
            if not worker_up:
                worker_up = any("soak@" in next(iter(r)) for r in app.control.ping(timeout=0.5) or [])
            # Every pool process forked: memory at start means the whole worker, not half of it.
            if (
                web_up
                and worker_up
                and len(_children(self.web.pid)) >= web_workers
                and len(_children(self.worker.pid)) >= concurrency
            ):
                return
            time.sleep(0.3)
        raise RuntimeError(f"services not ready after {timeout}s; see {self.logs}")

    def memory(self) -> dict:
        web = {str(pid): _rss_mb(pid) for pid in _children(self.web.pid)}
        pool = {str(pid): _rss_mb(pid) for pid in _children(self.worker.pid)}
        main = _rss_mb(self.worker.pid)
        return {
            "web_workers_mb": web,
            "web_total_mb": round(sum(v or 0 for v in web.values()), 1),
            "celery_main_mb": main,
            "celery_pool_mb": pool,
            "celery_total_mb": round((main or 0) + sum(v or 0 for v in pool.values()), 1),
        }

    def stop(self) -> None:
        for process in (self.web, self.worker):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (self.web, self.worker):
            if process is None:
                continue
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                for child in _children(process.pid):
                    os.kill(child, signal.SIGKILL)
                process.kill()
                process.wait()


# --- traffic ---------------------------------------------------------------------------------


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0
    written: list[int] = field(default_factory=list)

    def record(self, kind: str, started: float, response: requests.Response | None, exc: Exception | None):
        elapsed = time.perf_counter() - started
        with self.lock:
            self.latencies[kind].append(elapsed)
            code = str(response.status_code) if response is not None else "connection-error"
            self.statuses[kind][code] += 1
            if response is None or response.status_code >= 500:
                self.error_count += 1
                if len(self.errors) < 20:
                    self.errors.append(
                        {
                            "class": kind,
                            "status": code,
                            "url": response.request.url if response is not None else "",
                            "detail": (response.text[:300] if response is not None else repr(exc)),
                        }
                    )


def _article_text(rng: random.Random, n: int) -> str:
    a, b, c = rng.sample(STATES, 3)
    thing = rng.choice(THINGS)
    return (
        f"Dispatch {n}\n\n"
        f"{a} denied claims by {b} that it had supplied {thing} to {c}. "
        f'"These accusations are groundless," a spokesman for the foreign ministry said on day {n}. '
        f"{b} accused {a} of violating sanctions. "
        f"The United Nations Secretary-General condemned the transfers of {rng.choice(WORDS)}."
    )


class Client:
    """One client thread's sessions: token for the API, the login form's session for pages."""

    def __init__(self, base: str, data: dict, stats: Stats, rng: random.Random) -> None:
        self.base, self.data, self.stats, self.rng = base, data, stats, rng
        accounts = data["accounts"]
        self.api = requests.Session()
        self.api.headers["Authorization"] = f"Token {accounts['analyst']['token']}"
        self.editor = requests.Session()
        self.editor.headers["Authorization"] = f"Token {accounts['editor']['token']}"
        self.pages = requests.Session()
        self._login(accounts["analyst"])

    def _login(self, account: dict) -> None:
        page = self.pages.get(f"{self.base}/login/", timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        response = self.pages.post(
            f"{self.base}/login/",
            data={
                "username": account["username"],
                "password": account["password"],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.base}/login/"},
            timeout=30,
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"login failed: {response.status_code} {response.text[:200]}")

    def _timed(self, kind: str, send: Callable[[], requests.Response]) -> requests.Response | None:
        started = time.perf_counter()
        try:
            response = send()
        except requests.RequestException as exc:
            self.stats.record(kind, started, None, exc)
            return None
        self.stats.record(kind, started, response, None)
        return response

    def _get(
        self, session: requests.Session, label: str, path: str, params: dict | None = None
    ) -> requests.Response | None:
        query = f"?{urlencode(params, doseq=True)}" if params else ""
        return self._timed(label, lambda: session.get(f"{self.base}{path}{query}", timeout=60))

    # Each request class, drawn by weight in CLASSES below.
    def claims_list(self) -> None:
        rng, d = self.rng, self.data
        params = rng.choice(
            [
                {},
                {"speaker": rng.choice(d["actor_ids"])},
                {"actor": rng.choice(d["actor_ids"])},
                {"kind": rng.choice(["claim", "denial", "accusation", "criticism"])},
                {"q": rng.choice(WORDS)},
                {"outlet": rng.choice(d["outlets"]), "ordering": "updated_at"},
            ]
        )
        response = self._get(self.api, "api: claims list", "/api/v1/claims/", {"page_size": 50, **params})
        if response is not None and response.ok and (cursor := response.json().get("next")):
            # Follow one page on, as a syncing client does.
            self._timed("api: claims list", lambda: self.api.get(cursor, timeout=60))

    def claim_detail(self) -> None:
        self._get(self.api, "api: claim detail", f"/api/v1/claims/{self.rng.choice(self.data['claim_ids'])}/")

    def articles(self) -> None:
        if self.rng.random() < 0.5:
            self._get(self.api, "api: articles", "/api/v1/articles/")
        else:
            self._get(
                self.api, "api: articles", f"/api/v1/articles/{self.rng.choice(self.data['article_ids'])}/"
            )

    def actors(self) -> None:
        if self.rng.random() < 0.5:
            self._get(self.api, "api: actors", "/api/v1/actors/")
        else:
            self._get(
                self.api, "api: actors", f"/api/v1/actors/{self.rng.choice(self.data['all_actor_ids'])}/"
            )

    def export(self) -> None:
        fmt = self.rng.choice(["csv", "jsonl", "annotations", "schema-org", "cameo"])
        scope = self.rng.choice(
            [
                {"article": self.rng.choice(self.data["article_ids"])},
                {"speaker": self.rng.choice(self.data["actor_ids"])},
            ]
        )
        self._get(self.api, "api: export", f"/api/v1/claims/export/{fmt}/", scope)

    def timeline(self) -> None:
        params = self.rng.choice(
            [
                {},
                {"actor": self.rng.choice(self.data["actor_ids"])},
                {"kind": "denial"},
                {"q": self.rng.choice(WORDS)},
            ]
        )
        self._get(self.pages, "page: timeline", "/timeline/", params)

    def reader(self) -> None:
        self._get(self.pages, "page: reader", f"/articles/{self.rng.choice(self.data['article_ids'])}/")

    def write_article(self) -> None:
        # Not from the seeded generator: a second run must post new texts, not duplicates.
        n = secrets.randbelow(10**12)
        response = self._timed(
            "write: POST article",
            lambda: self.editor.post(
                f"{self.base}/api/v1/articles/",
                json={"text": _article_text(self.rng, n), "outlet": "Soak Wire"},
                timeout=60,
            ),
        )
        if response is not None and response.status_code == 201:
            with self.stats.lock:
                self.stats.written.append(response.json()["article"]["id"])

    def patch_claim(self) -> None:
        claim_id = self.rng.choice(self.data["claim_ids"])
        current = self._get(self.editor, "api: claim detail", f"/api/v1/claims/{claim_id}/")
        if current is None or current.status_code != 200:
            return
        self._timed(
            "write: PATCH claim",
            lambda: self.editor.patch(
                f"{self.base}/api/v1/claims/{claim_id}/",
                json={"version": current.json()["version"], "note": f"soak {secrets.token_hex(3)}"},
                timeout=60,
            ),
        )


CLASSES: dict[str, tuple[Callable[[Client], None], int]] = {
    "claims_list": (Client.claims_list, 20),
    "claim_detail": (Client.claim_detail, 15),
    "articles": (Client.articles, 10),
    "actors": (Client.actors, 10),
    "export": (Client.export, 5),
    "timeline": (Client.timeline, 12),
    "reader": (Client.reader, 12),
    "write_article": (Client.write_article, 6),
    "patch_claim": (Client.patch_claim, 6),
}


def drive(
    base: str, data: dict, stats: Stats, *, threads: int, until: float, think: float, seed: int
) -> None:
    names = list(CLASSES)
    weights = [CLASSES[n][1] for n in names]

    def loop(index: int) -> None:
        rng = random.Random(seed + index)
        try:
            client = Client(base, data, stats, rng)
        except (requests.RequestException, RuntimeError) as exc:
            stats.record("login", time.perf_counter(), None, exc)
            return
        while time.monotonic() < until:
            name = rng.choices(names, weights)[0]
            try:
                CLASSES[name][0](client)
            except Exception as exc:
                # A response the client cannot read (not JSON, a field missing) is a finding too;
                # the thread goes on, so the load does not quietly shrink.
                stats.record(f"unreadable response ({name})", time.perf_counter(), None, exc)
            if think:
                time.sleep(rng.uniform(0, 2 * think))

    workers = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


def _summary(stats: Stats, seconds: float) -> dict:
    classes = {}
    for kind in sorted(stats.latencies):
        values = sorted(stats.latencies[kind])
        classes[kind] = {
            "requests": len(values),
            "p50_ms": round(statistics.median(values) * 1000, 1),
            "p95_ms": round(values[min(len(values) - 1, int(len(values) * 0.95))] * 1000, 1),
            "max_ms": round(values[-1] * 1000, 1),
            "statuses": dict(sorted(stats.statuses[kind].items())),
        }
    total = sum(c["requests"] for c in classes.values())
    return {
        "requests": total,
        "requests_per_s": round(total / seconds, 1),
        "errors": stats.error_count,
        "client_errors_4xx": sum(
            n for c in classes.values() for code, n in c["statuses"].items() if code.startswith("4")
        ),
        "classes": classes,
        "error_samples": stats.errors,
    }


def _sample_memory(services: Services, samples: list[dict], began: float, until: float, every: float) -> None:
    # A leak keeps climbing; a warming cache levels off. One figure at each end cannot tell them apart.
    while (now := time.monotonic()) < until:
        memory = services.memory()
        samples.append(
            {
                "t_s": round(now - began),
                "web_total_mb": memory["web_total_mb"],
                "celery_total_mb": memory["celery_total_mb"],
            }
        )
        time.sleep(min(every, max(0.0, until - time.monotonic())))


def _log_problems(logs: Path) -> dict:
    found = {}
    for name in ("gunicorn.log", "celery.log"):
        text = (logs / name).read_text(errors="replace")
        found[name] = {
            "tracebacks": text.count("Traceback (most recent call last)"),
            "error_lines": sum(1 for line in text.splitlines() if " ERROR" in line or "CRITICAL" in line),
        }
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=180, help="seconds of traffic (after warm-up)")
    parser.add_argument(
        "--warmup", type=float, default=30, help="seconds of traffic before memory is measured"
    )
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--think", type=float, default=0.05, help="mean pause between a thread's requests, s")
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=1, help="Celery pool processes")
    parser.add_argument("--database", default="ct_soak")
    parser.add_argument("--articles", type=int, default=2000, help="demo articles, when seeding")
    parser.add_argument("--claims", type=int, default=20000, help="demo statements, when seeding")
    parser.add_argument(
        "--drain", type=float, default=120, help="at most this long for written articles to be analysed, s"
    )
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--sample-every", type=float, default=30, help="memory sample interval, s")
    args = parser.parse_args()
    if not os.environ.get("REDIS_URL"):
        sys.exit(
            "REDIS_URL is required: the soak drives a real Celery worker (use a Redis database of its own)."
        )

    database_url = _database_url(args.database)
    _ensure_database(database_url)
    _setup_django(database_url)
    started = time.perf_counter()
    data = seed(articles=args.articles, claims=args.claims)
    seeded_s = time.perf_counter() - started

    from claimtrack.celery import app

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")  # nothing left over from an earlier run
    logs = Path(tempfile.mkdtemp(prefix="ct-soak-"))
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",  # plain HTTP on loopback: the session cookie must travel
        "THROTTLE_USER": "1000000/minute",
        "LOG_LEVEL": "WARNING",
    }
    services = Services(env=env, logs=logs)
    report: dict = {"database": args.database, "data": data["counts"], "seed_s": round(seeded_s, 1)}
    try:
        services.start(web_workers=args.web_workers, concurrency=args.concurrency)
        services.wait_ready(args.web_workers, args.concurrency)
        base = f"http://127.0.0.1:{services.port}"
        memory = {"start": services.memory()}
        load = {"start": os.getloadavg()[0]}

        warm = Stats()
        # Memory "after warm-up" means after the worker loaded its model and analysed something:
        # warm up until an article has been written, then until it is analysed.
        for _ in range(10):
            drive(
                base,
                data,
                warm,
                threads=args.threads,
                until=time.monotonic() + args.warmup,
                think=args.think,
                seed=args.seed,
            )
            if warm.written:
                break
        _wait_analysed(warm.written, args.drain)
        memory["after_warmup"] = services.memory()

        stats = Stats()
        began = time.monotonic()
        samples: list[dict] = []
        sampler = threading.Thread(
            target=_sample_memory,
            args=(services, samples, began, began + args.duration, args.sample_every),
            daemon=True,
        )
        sampler.start()
        drive(
            base,
            data,
            stats,
            threads=args.threads,
            until=began + args.duration,
            think=args.think,
            seed=args.seed + 1000,
        )
        seconds = time.monotonic() - began
        memory["end"] = services.memory()
        sampler.join()
        memory["samples"] = samples
        load["end"] = os.getloadavg()[0]

        written = warm.written + stats.written
        drain_s = _wait_analysed(written, args.drain)
        states = _states(written)
        report.update(
            {
                "duration_s": round(seconds, 1),
                "warmup": {
                    "requests": sum(len(v) for v in warm.latencies.values()),
                    "errors": warm.error_count,
                },
                **_summary(stats, seconds),
                "written_articles": {
                    "posted": len(written),
                    "analysis_states": states,
                    "drain_s": round(drain_s, 1),
                },
                "memory": memory,
                "memory_growth_mb": {
                    # A leak grows in the second half too; warm-up growth is over by then.
                    **_second_half_growth(samples, memory["end"], seconds),
                    "web_total_after_warmup_to_end": round(
                        memory["end"]["web_total_mb"] - memory["after_warmup"]["web_total_mb"], 1
                    ),
                    "celery_total_after_warmup_to_end": round(
                        memory["end"]["celery_total_mb"] - memory["after_warmup"]["celery_total_mb"], 1
                    ),
                    "web_total_start_to_end": round(
                        memory["end"]["web_total_mb"] - memory["start"]["web_total_mb"], 1
                    ),
                    "celery_total_start_to_end": round(
                        memory["end"]["celery_total_mb"] - memory["start"]["celery_total_mb"], 1
                    ),
                },
                "load_average_1m": load,
                "config": {
                    "threads": args.threads,
                    "think_s": args.think,
                    "web_workers": args.web_workers,
                    "celery_concurrency": args.concurrency,
                    "extractor": os.environ.get("CLAIMTRACK_EXTRACTOR", "extraction.pipeline.extract"),
                },
            }
        )
    finally:
        services.stop()
    report["server_logs"] = {"dir": str(logs), **_log_problems(logs)}
    print(json.dumps(report, indent=2))
    if report.get("errors"):
        sys.exit(1)


def _second_half_growth(samples: list[dict], end: dict, seconds: float) -> dict:
    mid = min(samples, key=lambda sample: abs(sample["t_s"] - seconds / 2))
    return {
        "second_half_from_s": mid["t_s"],
        "web_total_second_half": round(end["web_total_mb"] - mid["web_total_mb"], 1),
        "celery_total_second_half": round(end["celery_total_mb"] - mid["celery_total_mb"], 1),
    }


def _wait_analysed(ids: list[int], timeout: float) -> float:
    """Seconds until none of these articles waits for analysis (or the timeout)."""
    from articles.models import Article

    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if not Article.objects.filter(id__in=ids, analysis_state=Article.AnalysisState.PENDING).exists():
            break
        time.sleep(1)
    return time.monotonic() - started


def _states(ids: list[int]) -> dict[str, int]:
    from django.db.models import Count

    from articles.models import Article

    return {
        row["analysis_state"]: row["n"]
        for row in Article.objects.filter(id__in=ids).values("analysis_state").annotate(n=Count("id"))
    }


if __name__ == "__main__":
    main()
