import os

from celery import Celery
from celery.signals import worker_ready, worker_shutting_down

from .heartbeat import WorkerHeartbeat

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")

app = Celery("claimtrack")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Each worker renews a heartbeat key in Redis, which /readyz/ and the compose health check read.
app.steps["worker"].add(WorkerHeartbeat)


@worker_ready.connect
def _start_housekeeping(**kwargs) -> None:
    # Imported here: Django is set up by the time a worker is ready, not when this module loads.
    from claimtrack import housekeeping

    housekeeping.start()


@worker_shutting_down.connect
def _stop_housekeeping(**kwargs) -> None:
    from claimtrack import housekeeping

    housekeeping.stop()
