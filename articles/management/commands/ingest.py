import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.errors import IngestError
from articles.ingestion import INGESTIBLE_EXTENSIONS
from articles.ingestion.dates import parse_date_line
from articles.services import (
    ArticleCreated,
    article_ingest_file,
    article_ingest_path,
    article_ingest_url,
)


@dataclass(frozen=True, slots=True)
class _Input:
    label: str
    ingest: Callable[..., ArticleCreated]


class Command(BaseCommand):
    help = (
        "Ingest articles from files, folders (recursively: .txt .md .markdown .html .htm), "
        "http(s) URLs, or '-' for standard input."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("inputs", nargs="+", metavar="PATH|URL|-")
        parser.add_argument("--outlet", default="", help="outlet to record for every input")
        parser.add_argument(
            "--published", default=None, help="publication date for every input (2024-03-12, 12 March 2024)"
        )

    def handle(self, *args, **options) -> None:
        published = _published(options["published"])
        inputs = list(_expand(options["inputs"]))
        if not inputs:
            raise CommandError("No ingestible files found (.txt .md .markdown .html .htm).")
        counts = {"new": 0, "revised": 0, "duplicate": 0, "failed": 0}
        failures: list[str] = []
        width = len(str(len(inputs)))
        for number, item in enumerate(inputs, start=1):
            try:
                created = item.ingest(outlet=options["outlet"], published_at=published)
            except IngestError as exc:
                outcome, reason = "failed", str(exc)
                failures.append(f"{item.label}: {reason}")
                result = f"failed: {reason}"
            else:
                outcome, article = created.outcome, created.article
                result = (
                    f"duplicate of #{article.pk}"
                    if outcome == "duplicate"
                    else f"{outcome} #{article.pk} {article.title[:60]}"
                )
            counts[outcome] += 1
            self.stderr.write(f"[{number:>{width}}/{len(inputs)}] {item.label} … {result}")
        self.stdout.write(", ".join(f"{count} {outcome}" for outcome, count in counts.items()) + ".")
        for failure in failures:
            self.stdout.write(f"  failed: {failure}")
        if failures:
            raise CommandError(f"{len(failures)} of {len(inputs)} inputs failed.", returncode=1)


def _expand(arguments: list[str]) -> Iterator[_Input]:
    for argument in arguments:
        if argument == "-":
            yield _Input("<stdin>", _stdin_ingest)
        elif argument.lower().startswith(("http://", "https://")):
            yield _Input(argument, _bind(article_ingest_url, url=argument))
        elif (path := Path(argument)).is_dir():
            for file in sorted(_walk(path)):
                yield _Input(str(file), _bind(article_ingest_path, path=file))
        else:
            # A missing or unreadable path fails in the service, with a reason, like any bad input.
            yield _Input(argument, _bind(article_ingest_path, path=path))


def _walk(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*"):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if not hidden and path.suffix.lower() in INGESTIBLE_EXTENSIONS and path.is_file():
            yield path


def _bind(service: Callable[..., ArticleCreated], **bound: object) -> Callable[..., ArticleCreated]:
    return lambda **options: service(**bound, **options)


def _stdin_ingest(**options: object) -> ArticleCreated:
    return article_ingest_file(data=sys.stdin.buffer.read(), filename="", **options)


def _published(value: str | None) -> datetime | None:
    if value is None:
        return None
    parsed = parse_date_line(value)
    if parsed is None:
        raise CommandError(f"--published: {value!r} is not a date (try 2024-03-12 or '12 March 2024').")
    return parsed[0]
