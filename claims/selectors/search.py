"""Reads on claims shared by pages and the API."""

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db.models import QuerySet

from ..models import Claim


def claim_filter_text(queryset: QuerySet[Claim], text: str) -> QuerySet[Claim]:
    """Full-text match on the statement text: the stored, GIN-indexed vector on PostgreSQL
    (claims/0007), a substring scan on SQLite.

    websearch syntax ("quoted phrases", -exclusions, or) is what analysts already type into search boxes.
    """
    text = text.strip()
    if not text:
        return queryset
    if not settings.USING_POSTGRES:
        return queryset.filter(quote_text__icontains=text)
    return queryset.filter(search_vector=SearchQuery(text, config="english", search_type="websearch"))
