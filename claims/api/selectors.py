"""Reads behind the claims API: one query for the claims, one each for their two link directions."""

from django.db.models import F, Prefetch, QuerySet, Value
from django.db.models.functions import Greatest, Substr

from ..models import AnalysisJob, Claim, ClaimLink, ReviewStatus


def _live_links() -> QuerySet[ClaimLink]:
    # A rejected link is an editor's tombstone for a machine link, not a link.
    return ClaimLink.objects.exclude(review_status=ReviewStatus.REJECTED).only(
        "id", "source_id", "target_id", "relation"
    )


def _text_at(start: str, end: str) -> Substr:
    # Cut by the database (substr counts code points, as the offsets do), so the article body
    # itself never travels to the application for a list page.
    return Substr("article__body", F(start) + 1, F(end) - F(start))


def claim_queryset() -> QuerySet[Claim]:
    """Every claim, rejected ones included, with what the API representation shows."""
    return (
        Claim.objects.select_related("article", "speaker__affiliation", "target__affiliation")
        .defer(
            "article__body",
            "article__byline",
            "article__analysis_error",
            "speaker__description",
            "target__description",
            "speaker__affiliation__description",
            "target__affiliation__description",
        )
        .annotate(
            cue_text=_text_at("cue_start", "cue_end"), speaker_text=_text_at("speaker_start", "speaker_end")
        )
        .prefetch_related(
            Prefetch("outgoing_links", queryset=_live_links()),
            Prefetch("incoming_links", queryset=_live_links()),
        )
    )


def claim_get(*, claim_id: int) -> Claim | None:
    return claim_queryset().filter(pk=claim_id).first()


def link_queryset() -> QuerySet[ClaimLink]:
    return ClaimLink.objects.all()


def job_queryset() -> QuerySet[AnalysisJob]:
    return AnalysisJob.objects.all()


def claim_export_queryset() -> QuerySet[Claim]:
    """claim_queryset plus the text around the first content span (for TextQuoteSelector)."""
    context = 32
    before = Greatest(F("content_start") - context, Value(0))
    return claim_queryset().annotate(
        quote_prefix=Substr("article__body", before + 1, F("content_start") - before),
        quote_suffix=Substr("article__body", F("content_end") + 1, Value(context)),
    )
