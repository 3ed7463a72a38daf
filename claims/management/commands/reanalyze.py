"""manage.py reanalyze: queue an analysis job over stored articles, optionally wait for it."""

import time
from datetime import date, datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.dateparse import parse_date, parse_datetime

from claims.models import AnalysisJob
from claims.scope import JobScope, ScopeError
from claims.services.jobs import job_create


def _when(value: str) -> date | datetime:
    parsed = parse_datetime(value) or parse_date(value)
    if parsed is None:
        raise CommandError(f"Not a date: {value!r} (use YYYY-MM-DD or an ISO 8601 date-time).")
    return parsed


def add_scope_arguments(parser: CommandParser) -> None:
    """The options that choose articles, shared by `reanalyze` and `rethread`."""
    parser.add_argument("--all", action="store_true", help="every stored article")
    parser.add_argument("--since", help="published on or after this date (YYYY-MM-DD or ISO date-time)")
    parser.add_argument("--until", help="published before this date")
    parser.add_argument("--outlet", default="", help="articles from this outlet")
    parser.add_argument("--actor", help="articles where this actor (id or name) speaks or is mentioned")
    parser.add_argument("--article", type=int, nargs="+", default=[], metavar="ID", help="these articles")


def scope_from_options(options: dict) -> JobScope:
    """The validated scope the options name (JobScope.from_input); raises ScopeError."""
    return JobScope.from_input(
        all=options["all"],
        since=_when(options["since"]) if options["since"] else None,
        until=_when(options["until"]) if options["until"] else None,
        outlet=options["outlet"],
        actor=options["actor"],
        articles=options["article"],
    )


def wait_for_job(command: BaseCommand, job: AnalysisJob, *, poll: float = 1.0) -> None:
    """Print the job's progress until it ends, then its counts and first failures (shared by
    `reanalyze --wait` and `rethread --wait`)."""
    last = None
    while True:
        job.refresh_from_db()
        line = f"job {job.pk} {job.status}: {job.done + job.failed}/{job.total} ({job.failed} failed)"
        if line != last:
            command.stdout.write(line)
            command.stdout.flush()
            last = line
        if not job.is_active:
            break
        time.sleep(poll)
    threading = (
        f"links added {job.links_added}, removed {job.links_removed}; threads created "
        f"{job.threads_created}, merged {job.threads_merged}"
    )
    if job.task == AnalysisJob.Task.RETHREAD:
        command.stdout.write(
            f"Job {job.pk} {job.status}: {job.done} rethreaded, {job.failed} failed; {threading}."
        )
    else:
        command.stdout.write(
            f"Job {job.pk} {job.status}: {job.done} analysed, {job.failed} failed; claims added "
            f"{job.claims_added}, removed {job.claims_removed}, kept {job.claims_kept}; {threading}."
        )
    for failure in job.failures.all()[:20]:
        command.stderr.write(f"  article {failure.article_id}: {failure.error}")


class Command(BaseCommand):
    help = "Re-analyse stored articles on the Celery workers, keeping every editor decision."

    def add_arguments(self, parser: CommandParser) -> None:
        add_scope_arguments(parser)
        parser.add_argument("--wait", action="store_true", help="print progress until the job ends")

    def handle(self, *args, **options) -> None:
        try:
            scope = scope_from_options(options)
            job = job_create(user=None, scope=scope)
        except ScopeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Job {job.pk} queued: {scope.describe()}.")
        if options["wait"]:
            self._wait(job)

    def _wait(self, job: AnalysisJob) -> None:
        wait_for_job(self, job)
