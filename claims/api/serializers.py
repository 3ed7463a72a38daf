"""API representations of claims, links and analysis jobs, and the shapes of their writes.

The read serializers build plain dicts by hand: a list page renders 50 claims with nested
actors and links, and DRF's generic field machinery costs more than the query does. The
declared fields are what the OpenAPI schema (and the schemathesis run) check those dicts against.
"""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.api.serializers import ActorRefSerializer, embedded_actor
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
from history.models import ChangeRecord

from ..models import AnalysisJob, Claim, ClaimLink, Origin, ReviewStatus


def iso(value) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def article_ref(article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "published_at": iso(article.published_at),
    }


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


class ClaimRefSerializer(serializers.Serializer):
    """A claim as another claim's link shows it: enough to name it without fetching it."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Claim.Kind.choices)
    speaker = ActorRefSerializer(allow_null=True)
    content = serializers.CharField()
    status = serializers.ChoiceField(choices=ReviewStatus.choices)
    article = ArticleRefSerializer()

    def to_representation(self, claim: Claim) -> dict[str, Any]:
        return claim_ref(claim)


def claim_ref(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "kind": claim.kind,
        "speaker": embedded_actor(claim.speaker),
        "content": claim.quote_text,
        "status": claim.review_status,
        "article": article_ref(claim.article),
    }


def linked_ref(end) -> dict[str, Any]:
    """A claims.api.selectors.LinkEnd as the claim's `linked` entries show it."""
    return {
        "id": end.id,
        "relation": end.relation,
        "direction": end.direction,
        "origin": end.origin,
        "status": end.review_status,
        "claim": claim_ref(end.other),
    }


class LinkedClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The link's id (DELETE /api/v1/links/{id}/ removes it).")
    relation = serializers.ChoiceField(choices=ClaimLink.Relation.choices)
    direction = serializers.ChoiceField(
        choices=["out", "in"], help_text="`out`: this claim is the link's source (it rebuts `claim`)."
    )
    origin = serializers.ChoiceField(choices=Origin.choices)
    status = serializers.ChoiceField(choices=ReviewStatus.choices)
    claim = ClaimRefSerializer(help_text="The claim at the other end.")


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
    linked = LinkedClaimSerializer(
        many=True, help_text="The same links with the claims at their other ends, oldest link first."
    )
    thread = serializers.IntegerField(
        allow_null=True,
        help_text="The thread (proposition across articles) it belongs to; see /api/v1/threads/.",
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def to_representation(self, claim: Claim) -> dict[str, Any]:
        return {
            "id": claim.id,
            "article": article_ref(claim.article),
            "kind": claim.kind,
            "speaker": embedded_actor(claim.speaker),
            "target": embedded_actor(claim.target),
            "content": claim.quote_text,
            "quote": claim.quote_text if claim.direct_quote else None,
            "cue": getattr(claim, "cue_text", None),
            "speaker_text": getattr(claim, "speaker_text", None),
            "spans": {
                "content": claim.content_spans,
                "speaker": claim.speaker_span,
                "cue": claim.cue_span,
            },
            "direct_quote": claim.direct_quote,
            "confidence": claim.confidence,
            "origin": claim.origin,
            "status": claim.review_status,
            "extractor_version": claim.extractor_version,
            "note": claim.note,
            "version": claim.version,
            # Both set by claims.api.selectors.attach_links, one query per page.
            "links": claim.link_ids,
            "linked": [linked_ref(end) for end in claim.linked],
            "thread": claim.thread_id,
            "created_at": iso(claim.created_at),
            "updated_at": iso(claim.updated_at),
        }


class ChangeSerializer(serializers.Serializer):
    """A recorded editor change: who made it, when, and the fields before and after."""

    id = serializers.IntegerField()
    action = serializers.ChoiceField(choices=ChangeRecord.Action.choices)
    user = serializers.CharField(allow_null=True, help_text="The username; null once the account is gone.")
    at = serializers.DateTimeField()
    before = serializers.DictField(allow_null=True)
    after = serializers.DictField(allow_null=True)

    def to_representation(self, change: ChangeRecord) -> dict[str, Any]:
        return {
            "id": change.id,
            "action": change.action,
            "user": change.user.get_username() if change.user else None,
            "at": iso(change.at),
            "before": change.before,
            "after": change.after,
        }


class ClaimConflictSerializer(serializers.Serializer):
    """409: someone else saved the claim first. Nothing was written."""

    detail = serializers.CharField()
    current_version = serializers.IntegerField()
    current = ClaimSerializer(help_text="The claim as it is now.")
    change = ChangeSerializer(allow_null=True, help_text="The change that won (null if none is recorded).")


# --- writes -------------------------------------------------------------------------------

_ACTOR = Actor.objects.all()


class ClaimOptionalFieldsSerializer(StrictSerializer):
    # The claim fields an editor may leave out, on adding a claim as on changing one. (No
    # docstring: the schema would show it in place of StrictSerializer's.)

    speaker = StrictPrimaryKeyRelatedField(queryset=_ACTOR, allow_null=True, required=False)
    target = StrictPrimaryKeyRelatedField(queryset=_ACTOR, allow_null=True, required=False)
    speaker_span = SpanField(allow_null=True, required=False)
    cue_span = SpanField(allow_null=True, required=False)
    direct_quote = StrictBooleanField(required=False)
    note = StrictCharField(allow_blank=True, max_length=5000, required=False)


class ClaimCreateSerializer(ClaimOptionalFieldsSerializer):
    article = StrictPrimaryKeyRelatedField(queryset=Article.objects.only("id", "body", "published_at"))
    kind = serializers.ChoiceField(choices=Claim.Kind.choices)
    content_spans = serializers.ListField(child=SpanField(), min_length=1, max_length=50)


class ClaimUpdateSerializer(ClaimOptionalFieldsSerializer):
    """Only the fields sent change. `version` is the one you read (or send If-Match instead)."""

    version = StrictIntegerField(min_value=1, max_value=2**31 - 1, required=False)
    kind = serializers.ChoiceField(choices=Claim.Kind.choices, required=False)
    content_spans = serializers.ListField(child=SpanField(), min_length=1, max_length=50, required=False)


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
    task = serializers.ChoiceField(
        choices=AnalysisJob.Task.choices,
        required=False,
        default=AnalysisJob.Task.ANALYSIS,
        help_text="`analysis` (extract again, then thread) or `rethread` (thread the stored statements again).",
    )


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
            "task",
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
            "links_added",
            "links_removed",
            "threads_created",
            "threads_merged",
            "created_at",
            "started_at",
            "finished_at",
            "error_summary",
        ]
        read_only_fields = fields
