"""manage.py rethread: thread stored articles again (all, or the scopes of `reanalyze`)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.scope import ScopeError
from claims.services.threading import articles_rethread

from .reanalyze import add_scope_arguments, scope_from_options


class Command(BaseCommand):
    help = (
        "Match the statements of stored articles across articles again and bring their threads up "
        "to date, oldest article first, keeping every editor decision. Runs in this process: "
        "threading holds one lock at a time anyway (see claims.services.threading)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_scope_arguments(parser)

    def handle(self, *args, **options) -> None:
        try:
            scope = scope_from_options(options)
        except ScopeError as exc:
            raise CommandError(str(exc)) from exc

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
