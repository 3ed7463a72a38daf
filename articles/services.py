"""Writes on articles. Every entry point (form, upload, URL, API, CLI) goes through article_create."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from claimtrack.queueing import enqueue_after_commit

from .errors import IngestError
from .ingestion import (
    ParsedArticle,
    SourceKind,
    check_size,
    decode_bytes,
    fetch_url,
    kind_from_name,
    parse_document,
    parse_text,
)
from .ingestion.formats import kind_from_content_type
from .models import Article, ArticleRevision
from .revisions import text_changes
from .signals import article_revised
from .text import clean_body, content_sha256, first_line

# Queued by name (claimtrack.queueing): the analysis task belongs to claims, a layer above.
ANALYZE_ARTICLE_TASK = "claims.tasks.analyze_article"


@dataclass(frozen=True, slots=True)
class ArticleCreated:
    article: Article
    duplicate: bool
    # The URL was stored before with another text: the article now holds the new one.
    revised: bool = False

    @property
    def outcome(self) -> str:
        """What a person is told: "new", "revised" (same URL, new text) or "duplicate"."""
        return "duplicate" if self.duplicate else "revised" if self.revised else "new"


def article_create(
    *,
    body: str,
    title: str = "",
    url: str | None = None,
    outlet: str = "",
    byline: str = "",
    published_at: datetime | None = None,
    language: str = "en",
    source_kind: str = Article.SourceKind.TEXT,
    user: AbstractBaseUser | None = None,
) -> ArticleCreated:
    """Store one article, or find the one with the same text. Enqueues analysis after commit.

    When no title is given the first line of the text is the title. The body keeps that line:
    headlines carry statements too, and offsets must match the text the extractor read.
    """
    body = clean_body(body)
    _check_body(body)
    digest = content_sha256(body)
    if existing := Article.objects.filter(content_sha256=digest).first():
        return ArticleCreated(article=existing, duplicate=True)
    if url and (existing := Article.objects.filter(url=url).first()):
        # The same URL with a changed text: news is edited after publication.
        return ArticleCreated(
            article=_revise(existing, body=body, digest=digest, title=title), duplicate=False, revised=True
        )
    article = Article(
        title=title.strip()[:500] or first_line(body),
        body=body,
        url=url or None,
        outlet=outlet.strip()[:200],
        byline=byline.strip()[:300],
        published_at=published_at,
        language=language or "en",
        source_kind=source_kind,
        content_sha256=digest,
        ingested_by=user if user is not None and user.is_authenticated else None,
    )
    try:
        article.full_clean(exclude=["content_sha256"], validate_unique=False)
    except ValidationError as exc:
        raise IngestError(_one_line(exc)) from exc
    try:
        # A savepoint, so a concurrent insert of the same text does not poison an outer transaction.
        with transaction.atomic():
            article.save()
    except IntegrityError:
        existing = Article.objects.filter(content_sha256=digest).first()
        if existing is None:
            raise
        return ArticleCreated(article=existing, duplicate=True)
    _enqueue_analysis(article)
    return ArticleCreated(article=article, duplicate=False)


@transaction.atomic
def _revise(article: Article, *, body: str, digest: str, title: str) -> Article:
    """Make `body` the article's new revision; the old text is kept as an ArticleRevision.

    Receivers of article_revised (claims) move their spans to the new text in this transaction;
    then the new text is analysed, and re-analysis keeps the editor decisions that still match.
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
    old_body = article.body
    ArticleRevision.objects.create(
        article=article,
        number=article.revision,
        title=article.title,
        body=old_body,
        content_sha256=article.content_sha256,
        ingested_at=article.revised_at or article.ingested_at,
    )
    now = timezone.now()
    article.body = body
    article.content_sha256 = digest
    article.title = title.strip()[:500] or article.title
    article.revision += 1
    article.revision_changes = text_changes(old_body, body)
    article.revised_at = now
    article.analysis_state = Article.AnalysisState.PENDING
    article.analysis_error = ""
    article.save()
    article_revised.send(sender=Article, article=article, old_body=old_body, new_body=body)
    _enqueue_analysis(article)
    return article


def article_ingest_text(
    *,
    text: str,
    title: str = "",
    url: str | None = None,
    outlet: str = "",
    byline: str = "",
    published_at: datetime | None = None,
    kind: SourceKind | None = None,
    user: AbstractBaseUser | None = None,
) -> ArticleCreated:
    """Store text typed or pasted by a person. Its format is sniffed unless `kind` is given.

    Values passed here win over what the text itself gives (its first line, its byline).
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise IngestError(
            f"The text is not valid Unicode: unpaired surrogate at character {exc.start:,}."
        ) from None
    # Encoded and decoded again so that typed text meets exactly the checks a file meets.
    text = decode_bytes(data, limit=settings.CLAIMTRACK_MAX_ARTICLE_BYTES)
    parsed = parse_text(text, kind=kind, url=url)
    return _store(parsed, title=title, outlet=outlet, byline=byline, published_at=published_at, user=user)


def article_ingest_file(
    *,
    data: bytes,
    filename: str,
    content_type: str | None = None,
    outlet: str = "",
    published_at: datetime | None = None,
    user: AbstractBaseUser | None = None,
) -> ArticleCreated:
    """Store an uploaded file: plain text, HTML or Markdown, told apart by name, type or content."""
    kind = kind_from_name(filename) or kind_from_content_type(content_type)
    parsed = parse_document(data, limit=_raw_limit(kind), filename=filename, content_type=content_type)
    return _store(parsed, outlet=outlet, published_at=published_at, user=user)


def article_ingest_path(
    *,
    path: Path,
    outlet: str = "",
    published_at: datetime | None = None,
    user: AbstractBaseUser | None = None,
) -> ArticleCreated:
    """Store a file from the local disk (the command line), refusing an oversized one unread."""
    limit = _raw_limit(kind_from_name(path.name))
    try:
        check_size(path.stat().st_size, limit=limit)
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    return article_ingest_file(
        data=data, filename=path.name, outlet=outlet, published_at=published_at, user=user
    )


def article_ingest_url(
    *,
    url: str,
    outlet: str = "",
    published_at: datetime | None = None,
    user: AbstractBaseUser | None = None,
) -> ArticleCreated:
    """Fetch a page and store its article, or a new revision of the article at that URL."""
    # A URL stored before is fetched again: its text may have changed (a new revision).
    url = url.strip()
    page = fetch_url(
        url,
        max_bytes=settings.CLAIMTRACK_MAX_FETCH_BYTES,
        timeout=settings.CLAIMTRACK_FETCH_TIMEOUT,
        allow_loopback=settings.CLAIMTRACK_FETCH_ALLOW_LOOPBACK,
    )
    # What the server says it sent outranks the look of the path ("/story.php" is a page).
    path_name = None if kind_from_content_type(page.content_type) else urlsplit(page.url).path
    parsed = parse_document(
        page.data,
        limit=settings.CLAIMTRACK_MAX_FETCH_BYTES,
        filename=path_name,
        content_type=page.content_type,
        url=page.url,
    )
    return _store(parsed, outlet=outlet, published_at=published_at, user=user)


def _store(
    parsed: ParsedArticle,
    *,
    title: str = "",
    outlet: str = "",
    byline: str = "",
    published_at: datetime | None = None,
    user: AbstractBaseUser | None = None,
) -> ArticleCreated:
    return article_create(
        body=parsed.body,
        title=title or parsed.title,
        url=parsed.url,
        outlet=outlet or parsed.outlet,
        byline=byline or parsed.byline,
        published_at=published_at or parsed.published_at,
        source_kind=parsed.source_kind.value,
        user=user,
    )


def _raw_limit(kind: SourceKind | None) -> int:
    # An HTML page carries its markup around the text; the text limit applies after extraction
    # (in article_create), the larger download limit to the page as it arrives.
    if kind is SourceKind.HTML:
        return max(settings.CLAIMTRACK_MAX_ARTICLE_BYTES, settings.CLAIMTRACK_MAX_FETCH_BYTES)
    return settings.CLAIMTRACK_MAX_ARTICLE_BYTES


def _enqueue_analysis(article: Article) -> None:
    enqueue_after_commit(ANALYZE_ARTICLE_TASK, article.id, article.content_sha256)


def _check_body(body: str) -> None:
    if not body.strip():
        raise IngestError("The article text is empty.")
    size = len(body.encode("utf-8"))
    limit = settings.CLAIMTRACK_MAX_ARTICLE_BYTES
    if size > limit:
        raise IngestError(f"The article text is {size:,} bytes; the limit is {limit:,} bytes.")
    if "\x00" in body:
        raise IngestError("The text contains NUL bytes; it looks like binary data, not an article.")


def _one_line(exc: ValidationError) -> str:
    parts = [f"{field}: {' '.join(errors)}" for field, errors in exc.message_dict.items()]
    return "; ".join(parts)
