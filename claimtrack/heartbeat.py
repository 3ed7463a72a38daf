"""Worker heartbeats: each Celery worker renews a Redis key that expires unless renewed.

`/healthz/workers/` and `/readyz/` count the live keys without a broadcast round trip (celery's
`inspect ping` waits out its whole timeout for replies); the worker container's health check runs
`python -m claimtrack.heartbeat`, which looks for its own key.
"""

import contextlib
import logging
import os
import socket
import sys
import time

import redis
from celery import bootsteps
from django.conf import settings

KEY_PREFIX = "claimtrack:worker-heartbeat:"

logger = logging.getLogger(__name__)


def redis_client() -> redis.Redis:
    """A client for REDIS_URL that gives up within HEALTH_CHECK_TIMEOUT, not the OS's minutes."""
    timeout = settings.HEALTH_CHECK_TIMEOUT
    return redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=timeout, socket_timeout=timeout, retry_on_timeout=False
    )


def heartbeat_write(*, hostname: str, client: redis.Redis | None = None) -> None:
    client = client or redis_client()
    client.set(KEY_PREFIX + hostname, f"{time.time():.0f}", ex=settings.WORKER_HEARTBEAT_TTL)


def heartbeat_clear(*, hostname: str, client: redis.Redis | None = None) -> None:
    (client or redis_client()).delete(KEY_PREFIX + hostname)


def workers_alive(*, client: redis.Redis | None = None) -> list[str]:
    """Host names of the workers whose heartbeat has not expired."""
    client = client or redis_client()
    return sorted(
        key.decode()[len(KEY_PREFIX) :] for key in client.scan_iter(match=KEY_PREFIX + "*", count=100)
    )


class WorkerHeartbeat(bootsteps.StartStopStep):
    """Renews this worker's key every WORKER_HEARTBEAT_INTERVAL seconds from the worker's timer."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs) -> None:
        super().__init__(worker, **kwargs)
        self.timer_entry = None

    def start(self, worker) -> None:
        self._beat(worker)
        self.timer_entry = worker.timer.call_repeatedly(
            settings.WORKER_HEARTBEAT_INTERVAL, self._beat, (worker,), priority=10
        )

    def stop(self, worker) -> None:
        if self.timer_entry is not None:
            self.timer_entry.cancel()
        # A clean shutdown says so at once; a crash lets the key expire.
        with contextlib.suppress(redis.RedisError):
            heartbeat_clear(hostname=worker.hostname)

    def _beat(self, worker) -> None:
        try:
            heartbeat_write(hostname=worker.hostname)
        except redis.RedisError as exc:
            # The broker is down: the worker reconnects by itself, and the missing key says so.
            logger.warning("worker heartbeat not written: %s", exc)


def main() -> int:
    """Exit 0 when this host's worker has a live heartbeat (the worker container's health check)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")
    django.setup()
    hostname = sys.argv[1] if len(sys.argv) > 1 else f"celery@{socket.gethostname()}"
    try:
        alive = hostname in workers_alive()
    except redis.RedisError as exc:
        print(f"broker unreachable: {exc}", file=sys.stderr)
        return 1
    print(f"{hostname}: {'alive' if alive else 'no heartbeat'}")
    return 0 if alive else 1


if __name__ == "__main__":
    sys.exit(main())
