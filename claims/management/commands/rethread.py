"""manage.py rethread: queue a re-threading job over stored articles (all, or the scopes of
`reanalyze`), optionally wait for it; or thread them in this process."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.models import AnalysisJob
from claims.scope import JobScope, ScopeError
from claims.services.jobs import job_create
from claims.services.threading import articles_rethread

from .reanalyze import add_scope_arguments, scope_from_options, wait_for_job


class Command(BaseCommand):
    help = (
        "Match the statements of stored articles across articles again and bring their threads up "
        "to date, keeping every editor decision: a job on the Celery workers (one task per "
        "article, like reanalyze), or with --in-process here, oldest article first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_scope_arguments(parser)
        parser.add_argument("--wait", action="store_true", help="print progress until the job ends")
        parser.add_argument(
            "--in-process",
            action="store_true",
            help="thread here, one article after the other, instead of queueing a job "
            "(for a database without workers, and for benchmarks)",
        )

    def handle(self, *args, **options) -> None:
        try:
            scope = scope_from_options(options)
            if options["in_process"]:
                self._in_process(scope)
                return
            job = job_create(user=None, scope=scope, task=AnalysisJob.Task.RETHREAD)
        except ScopeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Job {job.pk} queued: re-threading {scope.describe()}.")
        if options["wait"]:
            wait_for_job(self, job)

    def _in_process(self, scope: JobScope) -> None:
        def progress(done: int, total: int) -> None:
            self.stdout.write(f"  {done:,}/{total:,} articles")

        report = articles_rethread(scope=scope, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Rethreaded {report.articles:,} articles ({scope.describe()}): {report.links_added:,} links "
                f"added, {report.links_removed:,} removed, {report.threads_created:,} threads created, "
                f"{report.threads_merged:,} merged."
            )
        )
