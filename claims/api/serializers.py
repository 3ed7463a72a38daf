"""API representations of claims, links and analysis jobs, and the shapes of their writes.

The read serializers build plain dicts by hand: a list page renders 50 claims with nested
actors and links, and DRF's generic field machinery costs more than the query does. The
declared fields are what the OpenAPI schema (and the schemathesis run) check those dicts against.
"""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.models import Actor
from articles.models import Article
from claimtrack.api.fields import (
    SpanField,
    StrictBooleanField,
    StrictCharField,
    StrictIntegerField,
    StrictPrimaryKeyRelatedField,
    StrictSerializer,
)

from ..models import AnalysisJob, Claim, ClaimLink, Origin, ReviewStatus


def iso(value) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def actor_ref(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    affiliation = actor.affiliation
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "code": actor.code,
        "affiliation": None
        if affiliation is None
        else {
            "id": affiliation.id,
            "name": affiliation.name,
            "kind": affiliation.kind,
            "code": affiliation.code,
        },
    }


def _span(start: int | None, end: int | None) -> list[int] | None:
    return None if start is None else [start, end]


class AffiliationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Actor.Kind.choices)
    code = serializers.CharField(allow_blank=True)


class ActorRefSerializer(AffiliationSerializer):
    affiliation = AffiliationSerializer(allow_null=True)


class ArticleRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField(allow_null=True)
    outlet = serializers.CharField(allow_blank=True)
    published_at = serializers.DateTimeField(allow_null=True)


class SpansSerializer(serializers.Serializer):
    content = serializers.ListField(child=serializers.ListField(child=serializers.IntegerField()))
    speaker = serializers.ListField(child=serializers.IntegerField(), allow_null=True)
    cue = serializers.ListField(child=serializers.IntegerField(), allow_null=True)


class ClaimLinksSerializer(serializers.Serializer):
    rebuts = serializers.ListField(child=serializers.IntegerField(), help_text="Claims this one rebuts.")
    rebutted_by = serializers.ListField(child=serializers.IntegerField())
    supports = serializers.ListField(child=serializers.IntegerField())
    supported_by = serializers.ListField(child=serializers.IntegerField())
    repeats = serializers.ListField(
        child=serializers.IntegerField(), help_text="The same claim in other articles (either direction)."
    )


class ClaimSerializer(serializers.Serializer):
    """A statement: who said what, about whom, where in which article."""

    id = serializers.IntegerField()
    article = ArticleRefSerializer()
    kind = serializers.ChoiceField(choices=Claim.Kind.choices)
    speaker = ActorRefSerializer(allow_null=True)
    target = ActorRefSerializer(allow_null=True)
    content = serializers.CharField(help_text="The statement's text (its content spans, joined by ' … ').")
    quote = serializers.CharField(
        allow_null=True, help_text="The quoted words when the statement is a direct quote."
    )
    cue = serializers.CharField(
        allow_null=True, help_text="The word that marks the statement ('denied', 'said')."
    )
    speaker_text = serializers.CharField(allow_null=True, help_text="The speaker as the article names them.")
    spans = SpansSerializer(help_text="Unicode code point offsets into the article text, end exclusive.")
    direct_quote = serializers.BooleanField()
    confidence = serializers.FloatField()
    origin = serializers.ChoiceField(choices=Origin.choices)
    status = serializers.ChoiceField(choices=ReviewStatus.choices)
    extractor_version = serializers.CharField(allow_blank=True)
    note = serializers.CharField(allow_blank=True)
    version = serializers.IntegerField(help_text="Send it back with a write (or the ETag as If-Match).")
    links = ClaimLinksSerializer()
    thread = serializers.IntegerField(
        allow_null=True,
        help_text="The thread (proposition across articles) it belongs to; see /api/v1/threads/.",
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def to_representation(self, claim: Claim) -> dict[str, Any]:
        article = claim.article
        return {
            "id": claim.id,
            "article": {
                "id": article.id,
                "title": article.title,
                "url": article.url,
                "outlet": article.outlet,
                "published_at": iso(article.published_at),
            },
            "kind": claim.kind,
            "speaker": actor_ref(claim.speaker),
            "target": actor_ref(claim.target),
            "content": claim.quote_text,
            "quote": claim.quote_text if claim.direct_quote else None,
            "cue": getattr(claim, "cue_text", None),
            "speaker_text": getattr(claim, "speaker_text", None),
            "spans": {
                "content": claim.content_spans,
                "speaker": _span(claim.speaker_start, claim.speaker_end),
                "cue": _span(claim.cue_start, claim.cue_end),
            },
            "direct_quote": claim.direct_quote,
            "confidence": claim.confidence,
            "origin": claim.origin,
            "status": claim.review_status,
            "extractor_version": claim.extractor_version,
            "note": claim.note,
            "version": claim.version,
            # Set by claims.api.selectors.attach_links, one query per page.
            "links": claim.link_ids,
            "thread": claim.thread_id,
            "created_at": iso(claim.created_at),
            "updated_at": iso(claim.updated_at),
        }


# --- writes -------------------------------------------------------------------------------

_ACTOR = Actor.objects.all()


class ClaimCreateSerializer(StrictSerializer):
    article = StrictPrimaryKeyRelatedField(queryset=Article.objects.only("id", "body", "published_at"))
    kind = serializers.ChoiceField(choices=Claim.Kind.choices)
    content_spans = serializers.ListField(child=SpanField(), min_length=1, max_length=50)
    speaker = StrictPrimaryKeyRelatedField(queryset=_ACTOR, allow_null=True, required=False)
    target = StrictPrimaryKeyRelatedField(queryset=_ACTOR, allow_null=True, required=False)
    speaker_span = SpanField(allow_null=True, required=False)
    cue_span = SpanField(allow_null=True, required=False)
    direct_quote = StrictBooleanField(required=False)
    note = StrictCharField(allow_blank=True, max_length=5000, required=False)


class ClaimUpdateSerializer(StrictSerializer):
    """Only the fields sent change. `version` is the one you read (or send If-Match instead)."""

    version = StrictIntegerField(min_value=1, max_value=2**31 - 1, required=False)
    kind = serializers.ChoiceField(choices=Claim.Kind.choices, required=False)
    content_spans = serializers.ListField(child=SpanField(), min_length=1, max_length=50, required=False)
    speaker = StrictPrimaryKeyRelatedField(queryset=_ACTOR, allow_null=True, required=False)
    target = StrictPrimaryKeyRelatedField(queryset=_ACTOR, allow_null=True, required=False)
    speaker_span = SpanField(allow_null=True, required=False)
    cue_span = SpanField(allow_null=True, required=False)
    direct_quote = StrictBooleanField(required=False)
    note = StrictCharField(allow_blank=True, max_length=5000, required=False)


class ClaimReviewSerializer(StrictSerializer):
    version = StrictIntegerField(min_value=1, max_value=2**31 - 1, required=False)


class LinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    source = serializers.IntegerField(help_text="The claim that rebuts, supports or repeats.")
    target = serializers.IntegerField()
    relation = serializers.ChoiceField(choices=ClaimLink.Relation.choices)
    origin = serializers.ChoiceField(choices=Origin.choices)
    confidence = serializers.FloatField()
    status = serializers.ChoiceField(choices=ReviewStatus.choices)
    version = serializers.IntegerField(help_text="Send it back to confirm or reject the link.")
    created_at = serializers.DateTimeField()

    def to_representation(self, link: ClaimLink) -> dict[str, Any]:
        return {
            "id": link.id,
            "source": link.source_id,
            "target": link.target_id,
            "relation": link.relation,
            "origin": link.origin,
            "confidence": link.confidence,
            "status": link.review_status,
            "version": link.version,
            "created_at": iso(link.created_at),
        }


_CLAIM = Claim.objects.select_related("article").only("id", "article__id")


class LinkCreateSerializer(StrictSerializer):
    source = StrictPrimaryKeyRelatedField(queryset=_CLAIM)
    target = StrictPrimaryKeyRelatedField(queryset=_CLAIM)
    relation = serializers.ChoiceField(choices=ClaimLink.Relation.choices)


class JobScopeSerializer(StrictSerializer):
    """Which articles to re-analyse: `all`, or any of the filters, or explicit `articles`."""

    all = StrictBooleanField(required=False)
    since = serializers.DateTimeField(required=False)
    until = serializers.DateTimeField(required=False)
    outlet = StrictCharField(required=False, max_length=200)
    actor = StrictIntegerField(required=False, min_value=1, max_value=2**63 - 1)
    articles = serializers.ListField(
        child=StrictIntegerField(min_value=1, max_value=2**63 - 1), required=False, max_length=100_000
    )


class JobCreateSerializer(StrictSerializer):
    scope = JobScopeSerializer()


@extend_schema_field({"type": "object", "additionalProperties": True})
class _ScopeField(serializers.JSONField):
    pass


class JobSerializer(serializers.ModelSerializer):
    scope = _ScopeField()
    progress = serializers.FloatField()

    class Meta:
        model = AnalysisJob
        fields = [
            "id",
            "scope",
            "extractor_version",
            "status",
            "total",
            "done",
            "failed",
            "progress",
            "claims_added",
            "claims_removed",
            "claims_kept",
            "created_at",
            "started_at",
            "finished_at",
            "error_summary",
        ]
        read_only_fields = fields
