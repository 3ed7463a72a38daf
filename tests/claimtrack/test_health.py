"""/healthz/, /readyz/ and /healthz/workers/ against a real Redis, and against brokers that fail."""

import socket
import time
from collections.abc import Iterator

import pytest
from django.db import OperationalError

from claimtrack.heartbeat import heartbeat_clear, heartbeat_write, redis_client, workers_alive

pytestmark = pytest.mark.django_db


@pytest.fixture
def unanswering_port() -> Iterator[int]:
    """A port that accepts TCP connections and never answers: a hung broker or a black hole."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    yield server.getsockname()[1]
    server.close()


@pytest.fixture
def closed_port() -> int:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now: connections are refused
    return port


@pytest.fixture
def clean_heartbeats(settings) -> Iterator[None]:
    assert settings.REDIS_URL, "these tests need REDIS_URL (see README: make test)"
    client = redis_client()
    for host in workers_alive(client=client):
        heartbeat_clear(hostname=host, client=client)
    yield
    for host in workers_alive(client=client):
        heartbeat_clear(hostname=host, client=client)


def test_liveness_answers_without_the_database_or_a_known_host(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/", HTTP_HOST="10.1.2.3:8000")  # a load balancer probes by IP
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response["Cache-Control"] == "no-store"


def test_readiness_reports_each_check_and_is_ok_when_database_and_broker_answer(client, clean_heartbeats):
    response = client.get("/readyz/")
    assert response.status_code == 200, response.json()
    checks = response.json()["checks"]
    assert checks["database"]["ok"] and checks["database"]["required"]
    assert checks["broker"]["ok"] and checks["broker"]["required"]
    # No worker is running here: reported, but the web process is still ready to serve pages.
    assert not checks["workers"]["ok"] and not checks["workers"]["required"]


@pytest.mark.parametrize("broker", ["unanswering_port", "closed_port"])
def test_a_broker_that_is_down_makes_readiness_503_within_seconds(client, settings, request, broker):
    settings.REDIS_URL = f"redis://127.0.0.1:{request.getfixturevalue(broker)}/0"
    started = time.monotonic()
    response = client.get("/readyz/")
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["ok"]
    assert not body["checks"]["broker"]["ok"]
    assert "Error" in body["checks"]["broker"]["detail"]
    # The broker and the worker check each wait HEALTH_CHECK_TIMEOUT (2 s) at most.
    assert elapsed < 2 * settings.HEALTH_CHECK_TIMEOUT + 1.5, elapsed


def test_a_database_that_fails_makes_readiness_503(client, monkeypatch):
    from django.db import connections

    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    monkeypatch.setattr(connections["default"], "cursor", refuse)
    response = client.get("/readyz/")
    assert response.status_code == 503
    database = response.json()["checks"]["database"]
    assert not database["ok"] and database["detail"].startswith("OperationalError: connection to server")


def test_worker_health_follows_the_heartbeats(client, settings, clean_heartbeats):
    assert client.get("/healthz/workers/").status_code == 503
    heartbeat_write(hostname="celery@box-1")
    response = client.get("/healthz/workers/")
    assert response.status_code == 200
    assert response.json()["checks"]["workers"]["detail"] == "1 alive: celery@box-1"
    assert client.get("/readyz/").json()["checks"]["workers"]["ok"]
    # A worker that stops renewing its key (a crash) drops out once the key expires.
    redis_client().expire("claimtrack:worker-heartbeat:celery@box-1", 1)
    time.sleep(1.2)
    assert client.get("/healthz/workers/").status_code == 503


def test_without_a_broker_everything_runs_in_process_and_is_ready(client, settings):
    settings.REDIS_URL = ""
    body = client.get("/readyz/").json()
    assert body["status"] == "ok" and "in-process" in body["checks"]["broker"]["detail"]
    assert client.get("/healthz/workers/").status_code == 200


def test_health_endpoints_only_answer_get(client):
    assert client.post("/readyz/").status_code == 405


def test_the_worker_health_command_checks_its_own_host(monkeypatch, capsys, clean_heartbeats):
    from claimtrack import heartbeat

    monkeypatch.setattr("sys.argv", ["heartbeat", "celery@box-2"])
    assert heartbeat.main() == 1
    heartbeat_write(hostname="celery@box-2")
    assert heartbeat.main() == 0
    assert "celery@box-2: alive" in capsys.readouterr().out


def test_broker_and_database_time_out_in_seconds(settings):
    from claimtrack.celery import app

    assert app.conf.broker_connection_timeout <= 5
    assert app.conf.broker_transport_options["socket_connect_timeout"] <= 5
    assert app.conf.broker_connection_max_retries is None  # workers reconnect for as long as it takes
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert settings.DATABASES["default"]["OPTIONS"]["connect_timeout"] <= 10


def test_sending_a_task_to_a_hung_broker_fails_within_seconds(unanswering_port):
    # Issue 14: with the broker unreachable, a send once took about 20 s before it failed.
    from celery import Celery
    from kombu.exceptions import OperationalError as BrokerError

    # Not the current app: tasks elsewhere in the run must keep sending to the real broker.
    probe = Celery("probe", set_as_current=False)
    probe.config_from_object("django.conf:settings", namespace="CELERY")
    probe.conf.update(
        broker_url=f"redis://127.0.0.1:{unanswering_port}/0",
        result_backend=f"redis://127.0.0.1:{unanswering_port}/0",
        task_always_eager=False,
    )
    started = time.monotonic()
    with pytest.raises(BrokerError):
        probe.send_task("claims.tasks.analyze_article", args=[1, "digest"], ignore_result=True)
    assert time.monotonic() - started < 5
    probe.close()
