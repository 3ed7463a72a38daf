"""Reads on claims shared by pages and the API."""

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import QuerySet

from ..models import Claim


def claim_filter_text(queryset: QuerySet[Claim], text: str) -> QuerySet[Claim]:
    """Full-text match on the statement text: PostgreSQL's GIN-indexed search, a substring scan on SQLite.

    websearch syntax ("quoted phrases", -exclusions, or) is what analysts already type into search boxes.
    """
    text = text.strip()
    if not text:
        return queryset
    if not settings.USING_POSTGRES:
        return queryset.filter(quote_text__icontains=text)
    # Must render exactly as the index expression in migration claims/0002 for the index to apply.
    vector = SearchVector("quote_text", config="english")
    return queryset.annotate(search_vector=vector).filter(
        search_vector=SearchQuery(text, config="english", search_type="websearch")
    )
