"""A real Celery worker process on Redis, against the test PostgreSQL database."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection

from claimtrack.celery import app

ROOT = Path(__file__).resolve().parents[2]


def _require_services() -> None:
    if not settings.USING_POSTGRES:
        pytest.fail("Integration tests need DATABASE_URL pointing at PostgreSQL (see README: make test).")
    if not settings.REDIS_URL:
        pytest.fail("Integration tests need REDIS_URL (see README: make test).")


def _test_database_url() -> str:
    db = connection.settings_dict
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    auth = db.get("USER") or "postgres"
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}"


class WorkerProcess:
    """One `celery worker` child process; kill() simulates a crash, stop() a clean shutdown."""

    def __init__(
        self,
        *,
        concurrency: int = 1,
        name: str = "w1",
        env: dict[str, str] | None = None,
        broker_url: str | None = None,
    ) -> None:
        self.name = name
        # A test with a Redis of its own (tests/integration/redis_server.py) names it here.
        self.broker_url = broker_url or settings.REDIS_URL
        env = {
            **os.environ,
            "DATABASE_URL": _test_database_url(),
            "REDIS_URL": self.broker_url,
            "DEBUG": "1",
            "CONN_MAX_AGE": "0",
            # Extra settings for this worker only (e.g. CLAIMTRACK_EXTRACTOR, CELERY_VISIBILITY_TIMEOUT).
            **(env or {}),
        }
        self.log_path = ROOT / "test-artifacts" / f"celery-{name}-{os.getpid()}.log"
        self.log_path.parent.mkdir(exist_ok=True)
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "claimtrack",
                "worker",
                "--pool=prefork",
                f"--concurrency={concurrency}",
                f"--hostname={name}@%h",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"celery worker exited early; see {self.log_path}")
            if self.broker_url != settings.REDIS_URL:
                # Control replies travel through this process's own broker connection pool, so a
                # worker on another Redis cannot be pinged; it says when it is ready in its log.
                if f"{self.name}@" in (log := self.log_path.read_text(errors="replace")) and " ready." in log:
                    return
                time.sleep(0.2)
                continue
            replies = app.control.ping(timeout=0.5) or []
            if any(self.name in next(iter(reply)) for reply in replies):
                return
        raise RuntimeError(f"celery worker not ready after {timeout}s; see {self.log_path}")

    def kill(self) -> None:
        # SIGKILL the whole process group: the prefork children die with their parent, as in a crash.
        subprocess.run(["pkill", "-KILL", "-P", str(self.process.pid)], check=False)
        self.process.kill()
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()


class GunicornProcess:
    """One gunicorn web process on a free port, against the test database unless env says otherwise."""

    def __init__(self, *, name: str = "web", env: dict[str, str] | None = None) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        env = {
            **os.environ,
            "DATABASE_URL": _test_database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "ALLOWED_HOSTS": "127.0.0.1",
            **(env or {}),
        }
        self.log_path = ROOT / "test-artifacts" / f"gunicorn-{name}-{os.getpid()}.log"
        self.log_path.parent.mkdir(exist_ok=True)
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "claimtrack.wsgi",
                "--workers=1",
                f"--bind=127.0.0.1:{self.port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def request(self, method: str, path: str, token: str, **kwargs) -> requests.Response:
        return requests.request(
            method,
            f"http://127.0.0.1:{self.port}{path}",
            headers={"Authorization": f"Token {token}"},
            timeout=kwargs.pop("timeout", 10),
            **kwargs,
        )

    def get(self, path: str, token: str) -> requests.Response:
        return self.request("GET", path, token)

    def wait_ready(self, token: str) -> None:
        def answers() -> bool:
            assert self.process.poll() is None, f"gunicorn exited; see {self.log_path}"
            try:
                return self.get("/api/v1/articles/", token).status_code == 200
            except requests.ConnectionError:
                return False

        wait_until(answers, timeout=30)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()


@pytest.fixture
def real_celery(transactional_db) -> Iterator[type[WorkerProcess]]:
    """Send tasks to Redis for real; the test starts workers with the returned class."""
    _require_services()
    app.conf.task_always_eager = False
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")
    started: list[WorkerProcess] = []

    class _Worker(WorkerProcess):
        def __init__(self, **kwargs) -> None:
            super().__init__(**kwargs)
            started.append(self)

    yield _Worker
    for worker in started:
        worker.stop()


@pytest.fixture
def celery_worker_process(real_celery) -> Iterator[WorkerProcess]:
    yield real_celery()


def wait_until(predicate, *, timeout: float = 60.0, interval: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")
