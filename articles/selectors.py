"""Reads on articles alone (pages that also show statements read through claims.selectors)."""

from django.db.models import QuerySet

from .models import Article


def article_list_latest(*, limit: int = 20) -> QuerySet[Article]:
    return Article.objects.defer("body").order_by("-ingested_at", "-id")[:limit]
