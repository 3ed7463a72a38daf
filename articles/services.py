"""Writes on articles. Every entry point (form, upload, URL, API, CLI) goes through article_create."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from .errors import IngestError
from .models import Article
from .text import clean_body, content_sha256, first_line


@dataclass(frozen=True, slots=True)
class ArticleCreated:
    article: Article
    duplicate: bool


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
        return ArticleCreated(article=existing, duplicate=True)
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


def _enqueue_analysis(article: Article) -> None:
    from claims.tasks import analyze_article

    article_id, digest = article.id, article.content_sha256
    # After commit: a worker must never see an article id that is not in the database yet.
    transaction.on_commit(lambda: analyze_article.delay(article_id, digest))


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
