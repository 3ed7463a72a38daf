"""Reads behind the claims API: one query for a page of claims, one for all their links."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Greatest, Substr

from ..models import AnalysisJob, Claim, ClaimLink, ReviewStatus

RELATION_KEYS = {
    # (relation, this claim is the link's source?) -> key in the representation's `links`
    ("rebuts", True): "rebuts",
    ("rebuts", False): "rebutted_by",
    ("supports", True): "supports",
    ("supports", False): "supported_by",
    ("repeats", True): "repeats",
    ("repeats", False): "repeats",
}


@dataclass(frozen=True, slots=True)
class LinkEnd:
    """One link seen from one of its claims: `other` is the claim at the far end."""

    id: int
    relation: str
    origin: str
    review_status: str
    other: Claim
    direction: str  # "out": the claim is the link's source; "in": its target


# What a linked claim's ref shows (claims.api.serializers.claim_ref), and nothing more.
_CLAIM_REF_FIELDS = (
    "id",
    "kind",
    "quote_text",
    "review_status",
    *(f"article__{field}" for field in ("id", "title", "url", "outlet", "published_at")),
    *(f"speaker__{field}" for field in ("id", "name", "kind", "code")),
    *(f"speaker__affiliation__{field}" for field in ("id", "name", "kind", "code")),
)


def attach_links(claims: list[Claim]) -> list[Claim]:
    """Set `claim.link_ids` ({"rebuts": [ids], …}) and `claim.linked` (LinkEnds) on each claim:
    one query for all the links, one for the claims at their other ends that are not on the page
    (so a client, the editing panel among them, can name a linked claim without fetching it).

    Not prefetch_related: that builds a queryset per claim and relation, which cost more than
    the rest of a 50-claim page together. Not one query joining both ends either: its ten joins
    cost more to plan and to turn into objects than the second query does. A rejected link is an
    editor's tombstone for a machine link, not a link, so it is left out.
    """
    by_id = {claim.id: claim for claim in claims}
    for claim in claims:
        claim.link_ids = {key: [] for key in dict.fromkeys(RELATION_KEYS.values())}
        claim.linked = []
    if not by_id:
        return claims
    links = list(
        ClaimLink.objects.filter(Q(source_id__in=by_id) | Q(target_id__in=by_id))
        .exclude(review_status=ReviewStatus.REJECTED)
        .order_by("id")
        .values_list("id", "source_id", "target_id", "relation", "origin", "review_status")
    )
    far = {row[1] for row in links} | {row[2] for row in links}
    others = dict(by_id)
    if far - by_id.keys():
        others.update(
            Claim.objects.filter(id__in=far - by_id.keys())
            .select_related("article", "speaker__affiliation")
            .only(*_CLAIM_REF_FIELDS)
            .in_bulk()
        )
    for link_id, source_id, target_id, relation, origin, status in links:
        if source_id in by_id:
            by_id[source_id].link_ids[RELATION_KEYS[relation, True]].append(target_id)
            by_id[source_id].linked.append(
                LinkEnd(link_id, relation, origin, status, other=others[target_id], direction="out")
            )
        if target_id in by_id:
            by_id[target_id].link_ids[RELATION_KEYS[relation, False]].append(source_id)
            by_id[target_id].linked.append(
                LinkEnd(link_id, relation, origin, status, other=others[source_id], direction="in")
            )
    return claims


def claims_with_links(queryset: QuerySet[Claim], *, chunk_size: int) -> Iterator[Claim]:
    """Every claim of `queryset`, read in chunks (a server-side cursor), links attached per chunk."""
    chunk: list[Claim] = []
    for claim in queryset.iterator(chunk_size=chunk_size):
        chunk.append(claim)
        if len(chunk) == chunk_size:
            yield from attach_links(chunk)
            chunk = []
    yield from attach_links(chunk)


def _text_at(start: str, end: str) -> Substr:
    # Cut by the database (substr counts code points, as the offsets do), so the article body
    # itself never travels to the application for a list page.
    return Substr("article__body", F(start) + 1, F(end) - F(start))


def claim_queryset() -> QuerySet[Claim]:
    """Every claim, rejected ones included, with what the API representation shows but links
    (`attach_links` adds those to a page)."""
    return (
        Claim.objects.select_related("article", "speaker__affiliation", "target__affiliation")
        .defer(
            "search_vector",
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
    )


def claim_get(*, claim_id: int) -> Claim | None:
    claim = claim_queryset().filter(pk=claim_id).first()
    return attach_links([claim])[0] if claim is not None else None


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
