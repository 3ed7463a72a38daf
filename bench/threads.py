"""Threads end to end on the news-dev gold: ingest -> analysis -> threading through the real
services, then thread pairs and rebuttal pairs P/R/F1 against the gold's propositions (JSON).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/threads.py bench/gold/news-dev [--keep] [--reuse]

Runs in a throwaway PostgreSQL database of its own (`claimtrack_bench_threads` on the server
DATABASE_URL names, or THREADS_BENCH_DB; dropped and created again, dropped at the end unless
--keep). Articles are ingested one by one in name order, as the threads oracle takes them;
analysis runs in-process
(no REDIS_URL), in the same service flow a worker runs (article_analyze: extraction, apply, then
threading). Gold statements are mapped to predicted ones by content overlap (thread_pairs).
--reuse takes the database a --keep run left, forgets the machine's threading (its cross-article
links and threads) and threads every article again (manage.py rethread's service), without
extracting again: for trying THREADING_* settings (environment variables) quickly.
--gap adds where each gold thread pair is lost (``gap``): an end not extracted, both in one
thread, or else whether the later statement's candidate search found the earlier one and whether
the matcher accepts the pair as extracted; each count also for the pairs the oracle
(bench/threads_oracle.py, gold statements) threads, so the pipeline's loss can be told from the
matcher's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# Overridable (THREADS_BENCH_DB) so that two people benchmarking on one server do not drop each
# other's database.
BENCH_DB = os.environ.get("THREADS_BENCH_DB", "claimtrack_bench_threads")


def _throwaway_database(keep_url: str) -> str:
    import environ
    import psycopg2

    config = environ.Env.db_url_config(keep_url)
    if not config["ENGINE"].endswith("postgresql"):
        raise SystemExit("bench/threads.py needs DATABASE_URL pointing at a PostgreSQL server.")
    server = psycopg2.connect(
        dbname="postgres",
        user=config.get("USER") or "postgres",
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or "127.0.0.1",
        port=config.get("PORT") or 5432,
    )
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}"')
        cursor.execute(f'CREATE DATABASE "{BENCH_DB}"')
    server.close()
    return _bench_url(keep_url)


def _bench_url(server_url: str) -> str:
    import environ

    config = environ.Env.db_url_config(server_url)
    auth = config.get("USER") or "postgres"
    if config.get("PASSWORD"):
        auth += f":{config['PASSWORD']}"
    return f"postgres://{auth}@{config.get('HOST') or '127.0.0.1'}:{config.get('PORT') or 5432}/{BENCH_DB}"


def _drop_database(url: str) -> None:
    from django.db import connections

    connections.close_all()
    import environ
    import psycopg2

    config = environ.Env.db_url_config(url)
    server = psycopg2.connect(
        dbname="postgres",
        user=config.get("USER") or "postgres",
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or "127.0.0.1",
        port=config.get("PORT") or 5432,
    )
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}"')
    server.close()


def run(gold_dir: Path, *, reuse: bool = False, gap: bool = False) -> dict:
    from django.core.management import call_command

    from articles.services import article_create
    from bench.thread_pairs import load_gold
    from claims.services import threading as threading_service

    texts, _ = load_gold(gold_dir)
    # A kept database may predate a migration of the branch being measured.
    call_command("migrate", verbosity=0)
    if reuse:
        report = _rethread_and_score(gold_dir)
        return report | ({"gap": _gap(gold_dir)} if gap else {})
    call_command("load_actors", verbosity=0)

    import claims.services.analysis as analysis

    # Time threading alone, inside the real analysis flow.
    timings: list[float] = []
    started = time.perf_counter()
    with _timing(analysis, "article_thread", threading_service.article_thread, timings):
        for name in sorted(texts):
            article_create(body=texts[name], title=name, outlet=name)
    elapsed = time.perf_counter() - started

    report = _score(gold_dir, timings)
    report["ingest_and_analysis_s"] = round(elapsed, 1)
    if gap:
        report["gap"] = _gap(gold_dir)
    return report


def _gap(gold_dir: Path) -> dict[str, int]:
    """Where the gold thread pairs are lost: extraction, the candidate search or the matcher."""
    from collections import Counter
    from itertools import combinations

    from articles.models import Article
    from bench.thread_pairs import load_gold, map_by_overlap
    from bench.threads_oracle import simulate
    from claims.models import Claim
    from claims.selectors.threading import article_statements, article_window
    from claims.services import threading as threading_service
    from extraction.matching import Thresholds, match

    _, gold = load_gold(gold_dir)
    title_of = dict(Article.objects.values_list("id", "title"))
    predicted: dict[str, list] = {}
    for claim_id, article_id, spans in Claim.objects.values_list("id", "article_id", "content_spans"):
        predicted.setdefault(title_of[article_id], []).append((str(claim_id), tuple(map(tuple, spans))))
    mapping = map_by_overlap(gold, predicted)
    rows, candidates = {}, {}
    for article_id in title_of:
        statements = [s for s in article_statements(article_id=article_id) if not s.rejected]
        rows.update({s.id: s for s in statements})
        window = article_window(article_id=article_id)
        candidates.update(threading_service._candidates(article_id, statements, window) if window else {})
    oracle = simulate(gold_dir, Thresholds())
    counts: Counter[str] = Counter()
    for a, b in combinations(gold, 2):
        if a.article == b.article or a.proposition != b.proposition:
            continue
        a, b = sorted((a, b), key=lambda g: g.article)  # the later article searches the earlier
        ma, mb = mapping.get(a.key), mapping.get(b.key)
        if ma is None or mb is None:
            where = "an end not extracted"
        else:
            pa, pb = rows.get(int(ma[1])), rows.get(int(mb[1]))
            if pa is None or pb is None:
                where = "an end not extracted"
            elif pa.thread_id is not None and pa.thread_id == pb.thread_id:
                where = "same thread"
            else:
                found = "candidate" if pa.id in candidates.get(pb.id, {}) else "not a candidate"
                accepted = "matched" if match(pb.sketch, pa.sketch) else "not matched"
                where = f"{found}, {accepted}"
        counts[where] += 1
        if oracle.same_thread(a.key, b.key):
            counts[f"{where} (oracle threads it)"] += 1
    return dict(sorted(counts.items()))


def _rethread_and_score(gold_dir: Path) -> dict:
    from django.db.models import F

    from claims.models import Claim, ClaimLink, Origin, ReviewStatus, Thread
    from claims.scope import JobScope
    from claims.services import threading as threading_service

    ClaimLink.objects.exclude(source__article_id=F("target__article_id")).filter(
        origin=Origin.MACHINE, review_status=ReviewStatus.PROPOSED
    ).delete()
    Claim.objects.update(thread=None)
    Thread.objects.all().delete()
    timings: list[float] = []
    with _timing(threading_service, "article_thread", threading_service.article_thread, timings):
        threading_service.articles_rethread(scope=JobScope(all=True))
    return _score(gold_dir, timings)


@contextmanager
def _timing(module: object, name: str, function: Callable, timings: list[float]) -> Iterator[None]:
    """Replace module.name by a wrapper of function that appends each call's milliseconds."""

    def timed(**kwargs):
        started = time.perf_counter()
        try:
            return function(**kwargs)
        finally:
            timings.append((time.perf_counter() - started) * 1000)

    original = getattr(module, name)
    setattr(module, name, timed)
    try:
        yield
    finally:
        setattr(module, name, original)


def _score(gold_dir: Path, timings: list[float]) -> dict:
    from django.conf import settings
    from django.db.models import F, Q

    from articles.models import Article
    from bench.thread_pairs import graph_from_links, load_gold, map_by_overlap, score_pairs
    from claims.models import Claim, ClaimLink, ReviewStatus, Thread

    texts, gold = load_gold(gold_dir)
    article_of = {pk: title for pk, title in Article.objects.values_list("id", "title")}
    # Offsets: article_create cleans the text; gold offsets refer to the raw file. The gold set's
    # texts are already clean (checked here, so a change in cleaning cannot skew the figures).
    shifted = [n for pk, n in article_of.items() if Article.objects.get(pk=pk).body != texts[n]]

    claims = list(
        Claim.objects.exclude(review_status=ReviewStatus.REJECTED).values_list(
            "id", "article_id", "content_spans", "thread_id"
        )
    )
    predicted: dict[str, list] = {}
    threads = {}
    for claim_id, article_id, spans, thread_id in claims:
        key = (article_of[article_id], str(claim_id))
        predicted.setdefault(key[0], []).append((key[1], tuple(tuple(s) for s in spans)))
        if thread_id is not None:
            threads[key] = thread_id
    key_of = {claim_id: (article_of[article_id], str(claim_id)) for claim_id, article_id, _, _ in claims}
    links = [
        (key_of[s], key_of[t], relation)
        for s, t, relation in ClaimLink.objects.exclude(review_status=ReviewStatus.REJECTED)
        .filter(Q(relation="repeats") | Q(relation="rebuts"))
        .values_list("source_id", "target_id", "relation")
        if s in key_of and t in key_of
    ]
    mapping = map_by_overlap(gold, predicted)
    report = score_pairs(gold, graph_from_links(links, threads=threads), mapping)
    cross = ClaimLink.objects.exclude(source__article_id=F("target__article_id"))
    report.update(
        {
            "articles": len(texts),
            "gold_statements": len(gold),
            "gold_statements_mapped": len(mapping),
            "predicted_statements": len(claims),
            "threads": Thread.objects.filter(statement_count__gt=0).count(),
            "cross_article_links": cross.count(),
            "texts_changed_by_cleaning": shifted,
            "settings": {
                name: getattr(settings, name) for name in dir(settings) if name.startswith("THREADING_")
            },
            "threading_ms_per_article": {
                "p50": round(statistics.median(timings), 1) if timings else None,
                "p95": round(sorted(timings)[int(0.95 * (len(timings) - 1))], 1) if timings else None,
            },
        }
    )
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument("--reuse", action="store_true", help="thread again in the database --keep left")
    parser.add_argument("--gap", action="store_true", help="where each gold thread pair is lost")
    args = parser.parse_args()
    server_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    url = _bench_url(server_url) if args.reuse else _throwaway_database(server_url)
    os.environ["DATABASE_URL"] = url
    os.environ["REDIS_URL"] = ""  # analysis in-process, on commit, as the quick start runs it
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")
    os.environ.setdefault("DEBUG", "1")
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)
    try:
        print(json.dumps(run(args.gold, reuse=args.reuse, gap=args.gap), indent=2))
    finally:
        if not (args.keep or args.reuse):
            _drop_database(url)


if __name__ == "__main__":
    main()
