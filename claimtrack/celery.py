import os

from celery import Celery

from .heartbeat import WorkerHeartbeat

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")

app = Celery("claimtrack")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Each worker renews a heartbeat key in Redis, which /readyz/ and the compose health check read.
app.steps["worker"].add(WorkerHeartbeat)
