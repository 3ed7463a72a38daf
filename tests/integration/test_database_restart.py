"""PostgreSQL restarts under a running re-analysis job and a web process (issue 14).

The test owns a cluster (tests/integration/postgres_cluster.py), so it can stop the database of
record while a real Celery worker and a real gunicorn use it: the job must still end done with
every article counted exactly once, and the web process must answer its next request.
"""

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from django.conf import settings

from articles.models import Article
from claims.models import AnalysisJob, AnalysisJobArticle, Claim
from claimtrack.celery import app
from tests.integration.conftest import ROOT, GunicornProcess, WorkerProcess, wait_until
from tests.integration.postgres_cluster import PostgresCluster

pytestmark = pytest.mark.integration

ARTICLES = 40
DATABASE = "claimtrack_restart"
# Persistent connections (the production default) are what a restart breaks, so keep them.
COMMON_ENV = {"CONN_MAX_AGE": "60", "CLAIMTRACK_EXTRACTOR": "tests.fake_extractor.extract"}
SEED = f"""
from accounts.api_tokens import api_token_create
from accounts.roles import Role
from accounts.services import user_create_with_role
from claims.scope import JobScope
from claims.services.jobs import job_create
from tests.factories import ArticleFactory

for n in range({ARTICLES}):
    ArticleFactory(body=f"Dispatch {{n}}.\\n\\nThe Ministry said the border was closed on day {{n}}. "
                   "The Embassy denied that the border was closed. The Council condemned the closure.")
user = user_create_with_role(username="reader", password="not-a-secret-1234", role=Role.ANALYST)
print(api_token_create(user=user).key)
# Queued before any worker runs (the message waits in Redis), to save a process start.
job_create(user=None, scope=JobScope(all=True))
"""


@pytest.fixture
def cluster() -> Iterator[PostgresCluster]:
    pg = PostgresCluster()
    try:
        pg.create_database(DATABASE)
        yield pg
    finally:
        pg.remove()


def _manage(cluster: PostgresCluster, *args: str, timeout: float = 90) -> str:
    env = {**os.environ, **COMMON_ENV, "DATABASE_URL": cluster.url(DATABASE), "REDIS_URL": settings.REDIS_URL}
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _job(cluster: PostgresCluster) -> tuple[str, int, int, int] | None:
    rows = cluster.query(
        DATABASE,
        f"SELECT status, total, done, failed FROM {AnalysisJob._meta.db_table} ORDER BY id DESC LIMIT 1",
    )
    return rows[0] if rows else None


def _scalar(cluster: PostgresCluster, sql: str) -> object:
    rows = cluster.query(DATABASE, sql)
    assert rows is not None, cluster.log_tail()
    return rows[0][0]


def test_a_job_and_the_web_survive_a_postgres_restart_and_count_each_article_once(cluster):
    _manage(cluster, "migrate", "--noinput")
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")
    token = _manage(cluster, "shell", "-c", SEED).strip().splitlines()[-1]

    web = GunicornProcess(name="restart", env={**COMMON_ENV, "DATABASE_URL": cluster.url(DATABASE)})
    worker = None
    try:
        worker = WorkerProcess(
            concurrency=2,
            name="restart",
            env={**COMMON_ENV, "DATABASE_URL": cluster.url(DATABASE), "CLAIMTRACK_TEST_EXTRACT_DELAY": "0.3"},
        )
        web.wait_ready(token)  # its one process now holds a persistent connection
        wait_until(lambda: (job := _job(cluster)) is not None and job[2] >= 4, timeout=30, interval=0.05)

        cluster.stop("fast")  # kills the worker's and the web process's sessions mid-task
        time.sleep(2)  # an outage, not only a reconnect: tasks starting now find no server
        cluster.start()
        status, _, done, _ = _job(cluster)
        assert status == "running" and done < ARTICLES, "the job finished before the restart"

        # The web process's connection died with the server; the next request gets a new one.
        response = web.get("/api/v1/articles/", token)
        assert response.status_code == 200, response.text[:500]

        wait_until(lambda: (job := _job(cluster)) is not None and job[0] != "running", timeout=60)
    finally:
        if worker is not None:
            worker.stop()
        web.stop()

    assert _job(cluster) == ("done", ARTICLES, ARTICLES, 0)
    completions = AnalysisJobArticle._meta.db_table
    assert _scalar(cluster, f"SELECT count(*) FROM {completions}") == ARTICLES
    assert _scalar(cluster, f"SELECT count(DISTINCT article_id) FROM {completions}") == ARTICLES
    claims = Claim._meta.db_table
    assert _scalar(cluster, f"SELECT count(*) FROM {claims}") == 3 * ARTICLES
    duplicates = f"SELECT count(*) FROM (SELECT 1 FROM {claims} GROUP BY article_id, kind, content_start, content_end HAVING count(*) > 1) d"
    assert _scalar(cluster, duplicates) == 0
    articles = Article._meta.db_table
    assert _scalar(cluster, f"SELECT count(*) FROM {articles} WHERE analysis_state <> 'done'") == 0
    # The restart really interrupted work: some task hit the dead database and was retried.
    assert "transient error, retrying" in worker.log_path.read_text(errors="replace")
