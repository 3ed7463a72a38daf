"""Work survives a broker outage (issue 14): writes answer promptly, and the work runs later.

The test owns its Redis (tests/integration/redis_server.py): with it down, a real gunicorn
answers POST /api/v1/articles/ and POST /api/v1/jobs/ with 201 within 5 s and `manage.py ingest`
succeeds; the tasks wait in the outbox. Once that Redis and a real worker start, the worker's
housekeeping loop sends them, with nobody acting, and the work gets done within a minute.
"""

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from accounts.api_tokens import api_token_create
from accounts.roles import Role
from articles.models import Article
from claims.models import AnalysisJob
from outbox.models import OutboxMessage
from tests.factories import ArticleFactory, UserFactory
from tests.integration.conftest import ROOT, GunicornProcess, _test_database_url, wait_until
from tests.integration.redis_server import RedisServer

pytestmark = pytest.mark.integration

FAST_HOUSEKEEPING = {
    "CLAIMTRACK_EXTRACTOR": "tests.fake_extractor.extract",
    "CLAIMTRACK_HOUSEKEEPING_INTERVAL": "1",
    "CLAIMTRACK_OUTBOX_GRACE": "1",
}
TEXT = "Dispatch {n}.\n\nThe Ministry said the border was closed on day {n}. The Embassy denied that the border was closed."


@pytest.fixture
def own_redis(real_celery) -> Iterator[RedisServer]:
    server = RedisServer()  # not started: the broker is down
    try:
        yield server
    finally:
        server.remove()


@pytest.fixture
def web(own_redis) -> Iterator[GunicornProcess]:
    process = GunicornProcess(name="outage", env={**FAST_HOUSEKEEPING, "REDIS_URL": own_redis.url()})
    yield process
    process.stop()


@pytest.fixture
def token(role_groups) -> str:
    return api_token_create(user=UserFactory(role=Role.EDITOR)).key


def _timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def test_articles_posted_and_ingested_while_the_broker_is_down_are_analysed_once_it_is_back(
    real_celery, own_redis, web, token
):
    web.wait_ready(token)
    response, seconds = _timed(
        lambda: web.request("POST", "/api/v1/articles/", token, json={"text": TEXT.format(n=1)})
    )
    assert response.status_code == 201, response.text[:500]
    assert seconds < 5, f"POST took {seconds:.1f} s with the broker down"
    analysis = response.json()["article"]["analysis"]
    assert (analysis["state"], analysis["detail"]) == ("pending", "Waiting for a worker to analyse it.")

    env = {
        **os.environ,
        **FAST_HOUSEKEEPING,
        "DATABASE_URL": _test_database_url(),
        "REDIS_URL": own_redis.url(),
    }
    ingest, ingest_seconds = _timed(
        lambda: subprocess.run(
            [sys.executable, "manage.py", "ingest", "-"],
            input=TEXT.format(n=2),
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    )
    assert ingest.returncode == 0, ingest.stdout + ingest.stderr
    assert Article.objects.count() == 2 and set(Article.objects.values_list("analysis_state", flat=True)) == {
        "pending"
    }
    unsent = OutboxMessage.objects.filter(sent_at__isnull=True)
    assert unsent.count() == 2 and all("Connection refused" in m.last_error for m in unsent)
    time.sleep(2)  # an outage, not a blip

    own_redis.start()
    back = time.monotonic()
    real_celery(name="outage", env=FAST_HOUSEKEEPING, broker_url=own_redis.url())
    wait_until(
        lambda: set(Article.objects.values_list("analysis_state", flat=True)) == {"done"},
        timeout=60,
        interval=0.5,
    )
    print(
        f"POST with broker down: {seconds:.2f} s; manage.py ingest: {ingest_seconds:.2f} s; "
        f"analysed {time.monotonic() - back:.1f} s after the broker came back"
    )
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
    detail = web.get(f"/api/v1/articles/{response.json()['article']['id']}/", token).json()
    assert detail["analysis"]["state"] == "done"


def test_a_job_started_while_the_broker_is_down_runs_once_it_is_back(real_celery, own_redis, web, token):
    for n in range(3):
        ArticleFactory(body=TEXT.format(n=n))
    web.wait_ready(token)
    response, seconds = _timed(
        lambda: web.request("POST", "/api/v1/jobs/", token, json={"scope": {"all": True}})
    )
    assert response.status_code == 201, response.text[:500]
    assert seconds < 5, f"POST took {seconds:.1f} s with the broker down"
    job = AnalysisJob.objects.get()
    assert job.status == "queued"
    assert OutboxMessage.objects.get().task_name == "claims.tasks.fan_out_job"

    own_redis.start()
    real_celery(name="outage-job", env=FAST_HOUSEKEEPING, broker_url=own_redis.url())

    def done() -> bool:
        job.refresh_from_db()
        return job.status == "done"

    wait_until(done, timeout=60, interval=0.5)
    assert (job.total, job.done, job.failed) == (3, 3, 0)
