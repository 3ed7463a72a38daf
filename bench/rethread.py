"""Re-threading throughput on real Celery workers: a `rethread` job with one worker process, then two.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench_threads REDIS_URL=redis://127.0.0.1:6379/5 \
        DEBUG=1 .venv/bin/python bench/rethread.py [--generate 10000 100000] --sample 150

    # the whole database in one job, on two workers, with progress lines while it runs:
    ... .venv/bin/python bench/rethread.py --all [--workers 2]

With --generate ARTICLES CLAIMS an empty, throwaway database is filled first (`migrate`, then
`generate_demo --seed 1`). Each measured run is one re-threading job (claims.services.jobs, task
`rethread`, the same job `manage.py rethread --wait` queues) over a random sample of stored
articles, disjoint from the other runs' samples, so that each run threads articles for the first
time since the data was made; the whole database is the candidate pool. Workers are
`celery worker --concurrency=1` processes, as separate containers would be. Prints JSON: articles
per second, per-article task milliseconds (p50/p95, lock waits included), worker CPU, the 1-minute
load average before and after (the machine is shared), and the 2-vs-1 scaling factor.

With --all, one rethread job over every stored article (JobScope all, as `manage.py rethread
--all`) on --workers processes (default 2): a progress line every --every seconds (articles
counted, failed, the rate overall and over the last interval, the time left at that rate, the
load average), then the same figures as JSON, measured from the job's own start and finish
times. Interrupted (Ctrl-C, --timeout), it prints what was done so far and leaves the job as it
is (cancel it from the Jobs page or the API, or let workers finish it later).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

# bench/reanalysis.py sets up Django and owns the worker helpers; one copy of them.
from reanalysis import ROOT, _cpu_seconds, start_workers, stop_workers  # noqa: E402

from articles.models import Article  # noqa: E402
from claims.models import AnalysisJob, Claim, ClaimLink, Thread  # noqa: E402
from claims.scope import JobScope  # noqa: E402
from claims.services.jobs import job_create  # noqa: E402
from claims.services.threading import article_match, article_thread  # noqa: E402
from claimtrack.celery import app  # noqa: E402


def _percentile(values: list[int], share: float) -> float:
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(share * len(ordered)))]) if ordered else 0.0


def run_job(article_ids: list[int], timeout: float) -> AnalysisJob:
    job = job_create(
        user=None, scope=JobScope(article_ids=tuple(article_ids)), task=AnalysisJob.Task.RETHREAD
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if not job.is_active:
            return job
        time.sleep(0.1)
    raise SystemExit(f"job {job.pk} did not finish in {timeout}s")


def split(article_ids: list[int]) -> dict:
    """In this process, the two halves of re-threading one article: the candidate search before
    the lock (article_match) and the write under it (article_thread), the write rolled back so
    the data stays as it was. The write's share bounds what more workers can gain (Amdahl)."""
    match_ms, write_ms = [], []
    for article_id in article_ids:
        started = time.perf_counter()
        matches = article_match(article_id=article_id)
        match_ms.append(int((time.perf_counter() - started) * 1000))
        started = time.perf_counter()
        with transaction.atomic():
            article_thread(article_id=article_id, matches=matches)
            transaction.set_rollback(True)
        write_ms.append(int((time.perf_counter() - started) * 1000))
    share = sum(write_ms) / max(1, sum(match_ms) + sum(write_ms))
    return {
        "articles": len(article_ids),
        "match_ms_p50": _percentile(match_ms, 0.5),
        "write_ms_p50": _percentile(write_ms, 0.5),
        "write_share": round(share, 3),
        "max_speedup_2_workers": round(2 / (1 + share), 2) if share else 2.0,
        "load_avg_1min": round(os.getloadavg()[0], 2),
    }


def measure(processes: int, warm_up: list[int], sample: list[int], timeout: float) -> dict:
    workers = start_workers(processes)
    load_before = os.getloadavg()[0]
    try:
        # Warm-up: imports, the first connection, the matcher's tables; start-up, not throughput.
        run_job(warm_up, timeout)
        cpu_before = sum(_cpu_seconds(w.pid) for w in workers)
        job = run_job(sample, timeout)
        worker_cpu = sum(_cpu_seconds(w.pid) for w in workers) - cpu_before
    finally:
        stop_workers(workers)
    wall = (job.finished_at - job.created_at).total_seconds()
    task_ms = list(job.completions.exclude(total_ms=None).values_list("total_ms", flat=True))
    return {
        "worker_processes": processes,
        "job": job.pk,
        "status": job.status,
        "articles": job.total,
        "failed": job.failed,
        "wall_s": round(wall, 2),
        "articles_per_s": round(job.total / wall, 3),
        "task_ms_p50": _percentile(task_ms, 0.5),
        "task_ms_p95": _percentile(task_ms, 0.95),
        # Sum of task time over wall time and processes: near 1 while the workers are busy,
        # including time spent waiting for the threading lock.
        "busy_share": round(sum(task_ms) / 1000 / (wall * processes), 3),
        "links_added": job.links_added,
        "links_removed": job.links_removed,
        "threads_created": job.threads_created,
        "threads_merged": job.threads_merged,
        "worker_cpu_s": round(worker_cpu, 2),
        "worker_cpu_ms_per_article": round(worker_cpu * 1000 / max(job.total, 1), 1),
        "load_avg_1min_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def run_all(processes: int, timeout: float, every: float) -> dict:
    """One rethread job over every stored article on `processes` workers, watched until it ends."""
    workers = start_workers(processes)
    load_before = _load()
    cpu_before = sum(_cpu_seconds(w.pid) for w in workers)
    job = job_create(user=None, scope=JobScope(all=True), task=AnalysisJob.Task.RETHREAD)
    started = time.monotonic()
    last_t, last_counted = started, 0
    loads = [load_before]
    interrupted = ""
    print(
        f"job {job.pk}: rethread over all stored articles on {processes} worker(s), "
        f"batch {settings.CLAIMTRACK_RETHREAD_BATCH}, load {load_before}",
        flush=True,
    )
    try:
        while True:
            time.sleep(every)
            job.refresh_from_db()
            now = time.monotonic()
            counted = job.done + job.failed
            rate = counted / (now - started)
            recent = (counted - last_counted) / (now - last_t)
            left = (job.total - counted) / recent if recent else float("inf")
            loads.append(_load())
            print(
                f"{time.strftime('%H:%M:%S', time.gmtime())} {job.status} {counted}/{job.total} "
                f"(failed {job.failed}) {rate:.2f}/s overall, {recent:.2f}/s last {now - last_t:.0f} s, "
                f"~{left / 60:.0f} min left, load {loads[-1]}",
                flush=True,
            )
            last_t, last_counted = now, counted
            if not job.is_active:
                break
            if now - started > timeout:
                interrupted = f"timeout after {timeout:.0f} s"
                break
    except KeyboardInterrupt:
        interrupted = "interrupted"
    finally:
        worker_cpu = sum(_cpu_seconds(w.pid) for w in workers) - cpu_before
        load_after = _load()
        stop_workers(workers)
    job.refresh_from_db()
    counted = job.done + job.failed
    began = job.started_at or job.created_at
    ended = job.finished_at or timezone.now()
    wall = (ended - began).total_seconds()
    task_ms = list(job.completions.exclude(total_ms=None).values_list("total_ms", flat=True))
    return {
        "worker_processes": processes,
        "batch": settings.CLAIMTRACK_RETHREAD_BATCH,
        "job": job.pk,
        "status": job.status,
        "interrupted": interrupted or None,
        "articles": job.total,
        "counted": counted,
        "done": job.done,
        "failed": job.failed,
        "elapsed_s": round(wall, 1),
        "elapsed_from_created_s": round((ended - job.created_at).total_seconds(), 1),
        "articles_per_s": round(counted / wall, 3) if wall else None,
        "task_ms_per_article_p50": _percentile(task_ms, 0.5),
        "task_ms_per_article_p95": _percentile(task_ms, 0.95),
        "busy_share": round(sum(task_ms) / 1000 / (wall * processes), 3) if wall else None,
        "links_added": job.links_added,
        "links_removed": job.links_removed,
        "threads_created": job.threads_created,
        "threads_merged": job.threads_merged,
        "worker_cpu_ms_per_article": round(worker_cpu * 1000 / max(counted, 1), 1),
        "load_avg_1min_before_after": [load_before, load_after],
        "load_avg_1min_min_max_during": [min(loads), max(loads)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--generate", nargs=2, type=int, metavar=("ARTICLES", "CLAIMS"))
    parser.add_argument("--all", action="store_true", help="one job over every stored article")
    parser.add_argument("--every", type=float, default=30, help="--all: seconds between progress lines")
    parser.add_argument("--sample", type=int, default=150, help="articles per measured run")
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=None,
        help="worker processes per run (default 1 2; --all: 2)",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=None, help="seconds (default 3600; --all: 6 h)")
    parser.add_argument(
        "--split-sample", type=int, default=20, help="articles timed in-process, search vs write"
    )
    args = parser.parse_args()
    if not settings.REDIS_URL or not settings.USING_POSTGRES:
        raise SystemExit("needs REDIS_URL and a PostgreSQL DATABASE_URL (see the docstring)")
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    if args.generate:
        call_command("generate_demo", articles=args.generate[0], claims=args.generate[1], seed=1, verbosity=0)
    app.conf.task_always_eager = False
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")

    if args.all:
        processes = (args.workers or [2])[0]
        run = run_all(processes, args.timeout or 6 * 3600, args.every)
        print(
            json.dumps(
                {
                    "benchmark": "rethread --all",
                    "articles_stored": Article.objects.count(),
                    "claims_stored": Claim.objects.count(),
                    "links_stored": ClaimLink.objects.count(),
                    "threads_stored": Thread.objects.count(),
                    "run": run,
                },
                indent=2,
            ),
            flush=True,
        )
        return
    args.workers = args.workers or [1, 2]
    args.timeout = args.timeout or 3600
    ids = list(Article.objects.order_by("id").values_list("id", flat=True))
    needed = len(args.workers) * (args.sample + 4) + args.split_sample
    if len(ids) < needed:
        raise SystemExit(f"{len(ids)} articles stored; {needed} needed for disjoint samples")
    picked = random.Random(args.seed).sample(ids, needed)
    runs = []
    for i, processes in enumerate(args.workers):
        chunk = picked[i * (args.sample + 4) : (i + 1) * (args.sample + 4)]
        runs.append(measure(processes, chunk[:4], chunk[4:], args.timeout))
    by_processes = {r["worker_processes"]: r for r in runs}
    halves = split(picked[len(args.workers) * (args.sample + 4) :]) if args.split_sample else None
    result = {
        "benchmark": "rethread",
        "articles_stored": len(ids),
        "claims_stored": Claim.objects.count(),
        "links_stored": ClaimLink.objects.count(),
        "threads_stored": Thread.objects.count(),
        "settings": {
            name: getattr(settings, name)
            for name in ("THREADING_WINDOW_DAYS", "THREADING_CANDIDATES", "THREADING_TERMS")
        },
        "runs": runs,
        "in_process_halves": halves,
    }
    if 1 in by_processes and 2 in by_processes:
        result["scaling_2_vs_1"] = round(
            by_processes[2]["articles_per_s"] / by_processes[1]["articles_per_s"], 3
        )
    if 2 in by_processes:
        rate = by_processes[2]["articles_per_s"]
        # An extrapolation, not a measurement: it assumes the per-article cost stays that of this
        # database, which it does not (the candidate pool grows with the stored claims).
        result["extrapolated_hours_for_100k_articles_on_2_workers"] = round(100_000 / rate / 3600, 2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
