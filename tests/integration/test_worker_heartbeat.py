"""A real worker writes its heartbeat while it runs and clears it when it stops."""

import pytest

from claimtrack.heartbeat import heartbeat_clear, workers_alive
from tests.integration.conftest import wait_until

pytestmark = pytest.mark.integration


def test_a_running_worker_is_counted_alive_and_a_stopped_one_is_not(real_celery, client):
    for host in workers_alive():
        heartbeat_clear(hostname=host)
    worker = real_celery(name="beat")
    wait_until(lambda: any(host.startswith("beat@") for host in workers_alive()), timeout=30)
    response = client.get("/healthz/workers/")
    assert response.status_code == 200 and "beat@" in response.json()["checks"]["workers"]["detail"]
    worker.stop()
    assert not any(host.startswith("beat@") for host in workers_alive())
    assert client.get("/healthz/workers/").status_code == 503
