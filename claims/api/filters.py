"""Query parameters of the claims list and exports."""

import django_filters as filters
from django import forms
from django.db.models import Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from ..models import Claim, ClaimLink, ReviewStatus
from ..selectors.search import claim_filter_text

MAX_ID = 2**63 - 1


@extend_schema_field(OpenApiTypes.INT64)
class IdFilter(filters.Filter):
    """A whole-number id; anything else is a 400, never a database error."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class ClaimFilter(filters.FilterSet):
    speaker = IdFilter(field_name="speaker_id", help_text="Actor id of the speaker.")
    target = IdFilter(field_name="target_id", help_text="Actor id of the target.")
    actor = IdFilter(method="filter_actor", help_text="Actor id, as speaker or as target.")
    said_by = IdFilter(
        method="filter_said_by",
        help_text="Actor id: claims it made itself or through someone speaking for it (its officials).",
    )
    article = IdFilter(field_name="article_id")
    # distinct=False here and below: django-filter's default SELECT DISTINCT over a whole claim
    # row would sort every matching claim before the LIMIT (seconds at a million claims).
    kind = filters.MultipleChoiceFilter(
        distinct=False, choices=Claim.Kind.choices, help_text="Repeat for several kinds."
    )
    status = filters.MultipleChoiceFilter(
        distinct=False,
        choices=ReviewStatus.choices,
        method="filter_status",
        help_text="Review status; repeat for several. Without it, rejected claims are left out.",
    )
    outlet = filters.CharFilter(field_name="article__outlet", max_length=200)
    published_after = filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="lt")
    updated_since = filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="For incremental sync: claims changed at or after this time (pair with ordering=updated_at).",
    )
    q = filters.CharFilter(
        method="filter_text", max_length=500, help_text="Full-text search (web search syntax)."
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def filter_queryset(self, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.exclude(review_status=ReviewStatus.REJECTED)
        return queryset

    def filter_actor(self, queryset: QuerySet[Claim], name: str, value: int) -> QuerySet[Claim]:
        return queryset.filter(Q(speaker_id=value) | Q(target_id=value))

    def filter_said_by(self, queryset: QuerySet[Claim], name: str, value: int) -> QuerySet[Claim]:
        return queryset.filter(Q(speaker_id=value) | Q(speaker__affiliation_id=value))

    def filter_status(self, queryset: QuerySet[Claim], name: str, value: list[str]) -> QuerySet[Claim]:
        return queryset.filter(review_status__in=value) if value else queryset

    def filter_text(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        return claim_filter_text(queryset, value)


class LinkFilter(filters.FilterSet):
    claim = IdFilter(method="filter_claim", help_text="Links from or to this claim.")
    source = IdFilter(field_name="source_id")
    target = IdFilter(field_name="target_id")
    relation = filters.ChoiceFilter(choices=ClaimLink.Relation.choices)
    status = filters.MultipleChoiceFilter(
        distinct=False,
        choices=ReviewStatus.choices,
        method="filter_status",
        help_text="Without it, rejected links (removed by an editor) are left out.",
    )

    class Meta:
        model = ClaimLink
        fields: list[str] = []

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.exclude(review_status=ReviewStatus.REJECTED)
        return queryset

    def filter_claim(self, queryset, name, value):
        return queryset.filter(Q(source_id=value) | Q(target_id=value))

    def filter_status(self, queryset, name, value):
        return queryset.filter(review_status__in=value) if value else queryset
