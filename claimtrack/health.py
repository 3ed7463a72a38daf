"""Health endpoints for load balancers, orchestrators and the compose health checks.

- `/healthz/`: the process answers (liveness); touches nothing else.
- `/readyz/`: the database and the broker answer within HEALTH_CHECK_TIMEOUT; 503 when one does
  not. The live workers are reported too, but do not make the web process unready: it serves
  pages without them, and new articles wait for a worker.
- `/healthz/workers/`: 503 unless at least one worker's heartbeat is live.

They are answered by a middleware placed first, before host validation, sessions and auth: a
load balancer probes by IP address, and a probe must not create sessions or depend on them.
"""

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

import redis
from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse

from .heartbeat import redis_client, workers_alive


@dataclass(frozen=True, slots=True)
class Check:
    ok: bool
    detail: str
    seconds: float


def _timed(probe: Callable[[], str], errors: tuple[type[Exception], ...]) -> Check:
    started = time.monotonic()
    try:
        detail, ok = probe(), True
    except errors as exc:
        # The exception's type and first line: enough to act on, and no connection string in it.
        first_line = next(iter(str(exc).strip().splitlines()), "")
        detail, ok = f"{type(exc).__name__}: {first_line[:200]}", False
    return Check(ok=ok, detail=detail, seconds=round(time.monotonic() - started, 3))


def check_database() -> Check:
    def probe() -> str:
        for alias in connections:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
        return "answered"

    return _timed(probe, (DatabaseError,))


def check_broker() -> Check:
    if not settings.REDIS_URL:
        return Check(ok=True, detail="none configured: tasks run in-process", seconds=0.0)
    return _timed(lambda: "answered" if redis_client().ping() else "no answer", (redis.RedisError, OSError))


def check_workers() -> Check:
    if not settings.REDIS_URL:
        return Check(ok=True, detail="none needed: tasks run in-process", seconds=0.0)

    def probe() -> str:
        alive = workers_alive()
        if not alive:
            raise LookupError("no worker heartbeat")
        return f"{len(alive)} alive: {', '.join(alive)}"

    return _timed(probe, (redis.RedisError, OSError, LookupError))


def _answer(checks: dict[str, Check], required: set[str]) -> JsonResponse:
    ready = all(check.ok for name, check in checks.items() if name in required)
    body = {
        "status": "ok" if ready else "unavailable",
        "checks": {name: {**asdict(check), "required": name in required} for name, check in checks.items()},
    }
    response = JsonResponse(body, status=200 if ready else 503)
    response["Cache-Control"] = "no-store"
    return response


def liveness(request: HttpRequest) -> HttpResponse:
    return _answer({}, set())


def readiness(request: HttpRequest) -> HttpResponse:
    return _answer(
        {"database": check_database(), "broker": check_broker(), "workers": check_workers()},
        {"database", "broker"},
    )


def worker_health(request: HttpRequest) -> HttpResponse:
    return _answer({"workers": check_workers()}, {"workers"})


class HealthCheckMiddleware:
    PATHS = {"/healthz/": liveness, "/readyz/": readiness, "/healthz/workers/": worker_health}

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        view = self.PATHS.get(request.path_info)
        if view is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return JsonResponse({"detail": "Use GET."}, status=405, headers={"Allow": "GET, HEAD"})
        return view(request)
