"""Reads of article pages that count statements: the article list, the analysis poll, the review count."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from articles.models import Article
from claimtrack.keyset import Keyset, Ordering

from ..models import Claim, ReviewStatus

PAGE_SIZE = 50
# Counting every proposed statement of a million-claim database costs a scan; past this
# number the home page says "more than", which is all a reader needs to know.
COUNT_CAP = 1000
# Newest first; undated articles (published_at NULL) come first, as PostgreSQL sorts them.
ARTICLE_ORDER = Keyset("articles", Article, Ordering(("-published_at", "-id")))


@dataclass
class ArticlePage:
    articles: list[Article]
    next_cursor: str | None


def article_list(
    *, search: str = "", outlet: str = "", after: str = "", limit: int = PAGE_SIZE
) -> ArticlePage:
    """Articles newest first, keyset-paged on (published_at, id), with their statement counts: 2 queries."""
    qs = Article.objects.defer("body")
    if search := search.strip():
        qs = qs.filter(title__icontains=search)
    if outlet := outlet.strip():
        qs = qs.filter(outlet=outlet)
    if (cursor := ARTICLE_ORDER.decode_or_none(after)) is not None:
        qs = qs.filter(ARTICLE_ORDER.after(cursor))
    rows = list(qs.order_by(*ARTICLE_ORDER.order_by())[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    # Counted for the page's rows only, after the LIMIT: a count in the same SELECT would run for
    # every matching article whenever PostgreSQL sorts instead of walking the date index.
    counts = dict(
        Claim.objects.visible()
        .filter(article_id__in=[a.id for a in rows])
        .order_by()
        .values_list("article_id")
        .annotate(n=Count("*"))
        .values_list("article_id", "n")
    )
    for article in rows:
        article.statement_count = counts.get(article.id, 0)
    return ArticlePage(articles=rows, next_cursor=ARTICLE_ORDER.token_after(rows[-1]) if more else None)


def article_analysis_status(*, article_id: int) -> dict | None:
    """What the ingestion page polls while a worker analyses the article."""
    row = (
        Article.objects.filter(id=article_id)
        .annotate(statements=Count("claims", filter=~Q(claims__review_status=ReviewStatus.REJECTED)))
        .values("id", "analysis_state", "analysis_extractor_version", "analysis_error", "statements")
        .first()
    )
    if row is None:
        return None
    return {
        "id": row["id"],
        "state": row["analysis_state"],
        "extractor_version": row["analysis_extractor_version"],
        "error": row["analysis_error"],
        "statements": row["statements"],
    }


def proposed_count(*, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """How many statements wait for review, up to `cap`; True when there are more."""
    counted = Claim.objects.filter(review_status=ReviewStatus.PROPOSED)[: cap + 1].count()
    return min(counted, cap), counted > cap
