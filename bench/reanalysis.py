"""Re-analysis throughput on real Celery workers: one worker process against two.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench REDIS_URL=redis://127.0.0.1:6379/5 \
        DEBUG=1 .venv/bin/python bench/reanalysis.py --texts ../shared/data/polnear/train/text --articles 240

Stores the articles (tagged with their own outlet, so the rest of the database is untouched),
analyses them once, then re-analyses all of them as one job with 1 and then 2 worker processes
(`celery worker --concurrency=1` each, as separate containers would be). Prints JSON:
articles per second for each, the scaling factor, and the share of time spent outside
extraction, both inside the tasks (database writes, locks, counting) and end to end (that plus
queueing, fan-out and idle workers). Without --texts it generates articles.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Sum  # noqa: E402

from articles.models import Article  # noqa: E402
from articles.text import clean_body, content_sha256  # noqa: E402
from claims.models import AnalysisJob, Claim  # noqa: E402
from claims.scope import JobScope  # noqa: E402
from claims.services.jobs import job_create  # noqa: E402
from claimtrack.celery import app  # noqa: E402

OUTLET = "bench-reanalysis"
CELERY = [sys.executable, "-m", "celery", "-A", "claimtrack", "worker", "--pool=prefork", "--concurrency=1"]
CELERY += ["--loglevel=WARNING", "--without-gossip", "--without-mingle"]


def load_texts(directory: str | None, n: int) -> list[str]:
    if directory:
        files = sorted(Path(directory).glob("*.txt"))[:n]
        if not files:
            raise SystemExit(f"no .txt files in {directory}")
        return [f.read_text(encoding="utf-8") for f in files]
    rng = random.Random(4)
    speakers = ["The State Department", "North Korea", "The Kremlin", "A UN spokesman", "The ministry"]
    cues = ["said", "denied", "claimed", "accused Washington of", "condemned"]
    texts = []
    for i in range(n):
        sentences = [
            f"{rng.choice(speakers)} {rng.choice(cues)} that shipments number {i}-{j} had crossed the border."
            for j in range(30)
        ]
        texts.append(f"Report {i}\n\n" + " ".join(sentences))
    return texts


def store(texts: list[str]) -> int:
    Article.objects.filter(outlet=OUTLET).delete()
    rows, seen = [], set()
    for i, text in enumerate(texts):
        body = clean_body(text)
        digest = content_sha256(body)
        if digest in seen or Article.objects.filter(content_sha256=digest).exists():
            continue
        seen.add(digest)
        rows.append(Article(title=f"bench {i}", body=body, outlet=OUTLET, content_sha256=digest))
    # bulk_create enqueues nothing: the bench decides when the workers see the articles.
    Article.objects.bulk_create(rows, batch_size=200)
    return len(rows)


def start_workers(n: int) -> list[subprocess.Popen]:
    env = dict(os.environ)
    log = open(ROOT / "test-artifacts" / "bench-reanalysis-workers.log", "ab")  # noqa: SIM115
    workers = [
        subprocess.Popen(
            [*CELERY, f"--hostname=bench{i}@%h"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for i in range(n)
    ]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        replies = app.control.ping(timeout=0.5) or []
        if sum(1 for r in replies if next(iter(r)).startswith("bench")) >= n:
            return workers
    raise SystemExit("workers did not start; see test-artifacts/bench-reanalysis-workers.log")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its live children (the pool processes), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def stop_workers(workers: list[subprocess.Popen]) -> None:
    for w in workers:
        w.terminate()
    for w in workers:
        w.wait(timeout=60)


def run_job(scope: JobScope, timeout: float = 1800) -> AnalysisJob:
    job = job_create(user=None, scope=scope)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in (AnalysisJob.Status.DONE, AnalysisJob.Status.FAILED, AnalysisJob.Status.CANCELLED):
            return job
        time.sleep(0.05)
    raise SystemExit(f"job {job.pk} did not finish in {timeout}s")


def measure(processes: int, article_ids: list[int]) -> dict:
    workers = start_workers(processes)
    load_before = os.getloadavg()[0]
    try:
        # Warm-up: each worker process loads the spaCy model on its first task; that is start-up
        # cost, not re-analysis throughput.
        run_job(JobScope(article_ids=tuple(article_ids[: 4 * processes])))
        cpu_before = sum(_cpu_seconds(w.pid) for w in workers)
        job = run_job(JobScope(outlet=OUTLET))
        worker_cpu = sum(_cpu_seconds(w.pid) for w in workers) - cpu_before
    finally:
        stop_workers(workers)
    wall = (job.finished_at - job.created_at).total_seconds()
    sums = job.completions.aggregate(extract=Sum("extract_ms"), total=Sum("total_ms"))
    extract_s, task_s = (sums["extract"] or 0) / 1000, (sums["total"] or 0) / 1000
    return {
        "worker_processes": processes,
        "articles": job.total,
        "failed": job.failed,
        "wall_s": round(wall, 2),
        "articles_per_s": round(job.total / wall, 2),
        "claims_added": job.claims_added,
        "claims_removed": job.claims_removed,
        "claims_kept": job.claims_kept,
        "extraction_s": round(extract_s, 2),
        "task_s": round(task_s, 2),
        "outside_extraction_in_tasks": round(1 - extract_s / task_s, 4) if task_s else None,
        "outside_extraction_end_to_end": round(1 - extract_s / (wall * processes), 4),
        # CPU the worker processes used: unlike wall time, it does not depend on what else runs.
        "worker_cpu_s": round(worker_cpu, 2),
        "worker_cpu_ms_per_article": round(worker_cpu * 1000 / max(job.total, 1), 1),
        # This machine has 2 cores; anything else running skews the scaling figure.
        "load_avg_1min_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--texts", help="folder of .txt articles (e.g. PolNeAR's train/text); default: generated"
    )
    parser.add_argument("--articles", type=int, default=240)
    args = parser.parse_args()
    if not settings.REDIS_URL or not settings.USING_POSTGRES:
        raise SystemExit("needs REDIS_URL and a PostgreSQL DATABASE_URL (see the docstring)")
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    app.conf.task_always_eager = False
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")

    n = store(load_texts(args.texts, args.articles))
    ids = list(Article.objects.filter(outlet=OUTLET).order_by("id").values_list("id", flat=True))
    # First analysis, so that the measured runs are re-analyses of articles that have claims.
    first = measure(2, ids)
    one = measure(1, ids)
    two = measure(2, ids)
    print(
        json.dumps(
            {
                "benchmark": "reanalysis",
                "source": "PolNeAR texts" if args.texts else "generated",
                "articles": n,
                "claims_stored": Claim.objects.filter(article__outlet=OUTLET).count(),
                "extractor": settings.CLAIMTRACK_EXTRACTOR,
                "first_analysis": first,
                "one_worker": one,
                "two_workers": two,
                "scaling_2_vs_1": round(two["articles_per_s"] / one["articles_per_s"], 3),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
