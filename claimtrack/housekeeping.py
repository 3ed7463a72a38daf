"""The worker's housekeeping loop: periodic work that must happen with nobody acting.

Each `celery worker` starts one thread, in its main process, that calls every function named in
CLAIMTRACK_HOUSEKEEPING (the outbox sweeper, the job watchdog) every
CLAIMTRACK_HOUSEKEEPING_INTERVAL seconds. It comes with the worker, so no deployment can forget a
beat process (docker compose included), and it runs only where a worker runs, which is where the
work it frees can be done. Several workers run it side by side: each function is safe to run
concurrently (row locks with SKIP LOCKED, conditional updates).
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

_stop = threading.Event()


def run_once() -> None:
    """Call each housekeeping function once; one that fails is logged and does not stop the rest."""
    for path in settings.CLAIMTRACK_HOUSEKEEPING:
        try:
            import_string(path)()
        except Exception:
            logger.exception("housekeeping: %s failed", path)
    # The connection is closed after every round: the prefork pool forks replacement children
    # from this process, and a child must not inherit (and later close) a live connection.
    connection.close()


def _loop() -> None:
    while not _stop.wait(settings.CLAIMTRACK_HOUSEKEEPING_INTERVAL):
        close_old_connections()
        run_once()


def start() -> threading.Thread:
    """Start the loop in a daemon thread (called when a worker is ready)."""
    _stop.clear()
    thread = threading.Thread(target=_loop, name="claimtrack-housekeeping", daemon=True)
    thread.start()
    logger.info(
        "housekeeping every %ss: %s",
        settings.CLAIMTRACK_HOUSEKEEPING_INTERVAL,
        ", ".join(settings.CLAIMTRACK_HOUSEKEEPING),
    )
    return thread


def stop() -> None:
    _stop.set()
