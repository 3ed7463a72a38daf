"""Reads for the review queue and the extractor quality view (fixed query counts)."""

from dataclasses import dataclass

from django.db.models import Count, Q

from claimtrack.keyset import Keyset, Ordering

from ..models import Claim, Origin, ReviewStatus

PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class ReviewFilters:
    article: int | None = None
    actor: int | None = None
    kind: str = ""

    def as_q(self) -> Q:
        q = Q()
        if self.article is not None:
            q &= Q(article_id=self.article)
        if self.actor is not None:
            q &= Q(speaker_id=self.actor) | Q(target_id=self.actor)
        if self.kind:
            q &= Q(kind=self.kind)
        return q


# Least confident first: the queue stays fast however far an editor pages.
REVIEW_ORDER = Keyset("review", Claim, Ordering(("confidence", "id")))


@dataclass(frozen=True, slots=True)
class ReviewCursor:
    """Keyset position in the review queue."""

    values: tuple

    def encode(self) -> str:
        return REVIEW_ORDER.encode(list(self.values))

    @classmethod
    def decode(cls, token: str) -> "ReviewCursor | None":
        values = REVIEW_ORDER.decode_or_none(token)
        return None if values is None else cls(tuple(values))


@dataclass
class ReviewPage:
    claims: list[Claim]
    next_cursor: str | None


def review_queue(
    *, filters: ReviewFilters, after: ReviewCursor | None = None, limit: int = PAGE_SIZE
) -> ReviewPage:
    """Proposed statements, least confident first: 1 query."""
    qs = (
        Claim.objects.filter(review_status=ReviewStatus.PROPOSED)
        .filter(filters.as_q())
        .select_related("speaker", "target", "article")
        .defer("article__body")
    )
    if after is not None:
        qs = qs.filter(REVIEW_ORDER.after(list(after.values)))
    claims = list(qs.order_by(*REVIEW_ORDER.order_by())[: limit + 1])
    more = len(claims) > limit
    claims = claims[:limit]
    cursor = REVIEW_ORDER.token_after(claims[-1]) if more else None
    return ReviewPage(claims=claims, next_cursor=cursor)


def review_counts(*, filters: ReviewFilters) -> dict[str, int]:
    """How many statements are in each review state, under the same filters: 1 query."""
    aggregates = {status: Count("id", filter=Q(review_status=status)) for status in ReviewStatus.values}
    return Claim.objects.filter(filters.as_q()).aggregate(**aggregates)


@dataclass(frozen=True, slots=True)
class QualityRow:
    extractor_version: str
    total: int
    proposed: int
    confirmed: int
    edited: int
    rejected: int

    @property
    def reviewed(self) -> int:
        return self.confirmed + self.edited + self.rejected

    def percent(self, count: int) -> int | None:
        """Share of the reviewed statements, in whole percent; the proposed ones say nothing yet."""
        return round(100 * count / self.reviewed) if self.reviewed else None

    @property
    def confirmed_percent(self) -> int | None:
        return self.percent(self.confirmed)

    @property
    def edited_percent(self) -> int | None:
        return self.percent(self.edited)

    @property
    def rejected_percent(self) -> int | None:
        return self.percent(self.rejected)


def extractor_quality() -> list[QualityRow]:
    """Per extractor version, what editors did with the machine's statements: 1 query."""
    rows = (
        Claim.objects.filter(origin=Origin.MACHINE)
        .values("extractor_version")
        .annotate(
            total=Count("id"),
            **{status: Count("id", filter=Q(review_status=status)) for status in ReviewStatus.values},
        )
        .order_by("-extractor_version")
    )
    return [
        QualityRow(
            extractor_version=row["extractor_version"] or "(unknown)",
            total=row["total"],
            proposed=row["proposed"],
            confirmed=row["confirmed"],
            edited=row["edited"],
            rejected=row["rejected"],
        )
        for row in rows
    ]
