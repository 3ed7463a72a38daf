"""apply_extraction: write one extraction result for one article, keeping every editor decision."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from actors.models import Actor
from actors.services import actors_resolve
from articles.models import Article
from claims.models import Claim, ClaimLink, Mention, Origin, ReviewStatus, join_spans
from extraction.types import ExtractionResult, Statement

logger = logging.getLogger(__name__)

Span = tuple[int, int]
_KINDS = frozenset(Claim.Kind.values)
_RELATIONS = frozenset(ClaimLink.Relation.values)


@dataclass(frozen=True, slots=True)
class ApplyOutcome:
    added: int  # machine claims this run inserted
    removed: int  # machine claims of earlier runs that this run no longer finds
    kept: int  # claims that were there before and still are: editor decisions and unchanged machine claims
    skipped_statements: int = 0  # statements whose spans did not fit the text


class StaleAnalysis(Exception):
    """The article's text changed between extraction and writing; a newer task is queued."""


@transaction.atomic
def apply_extraction(*, article: Article, result: ExtractionResult) -> ApplyOutcome:
    """Replace the machine's mentions, claims and links of `article` with those in `result`.

    Every claim and link an editor confirmed, edited, rejected or created stays exactly as it
    is. A statement that matches an editor's claim (same kind, overlapping content) is not
    added again: a rejected one stays rejected, a confirmed or edited one is not duplicated.
    Machine claims found again unchanged keep their rows (and ids); the rest are replaced.
    Idempotent: applying the same result twice changes nothing the second time.
    """
    # select_for_update holds the article row until commit, so two workers analysing the same
    # article run this one after the other and the second sees the first one's rows.
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if locked.content_sha256 != article.content_sha256:
        raise StaleAnalysis(f"article {article.pk} changed since it was read")
    body = locked.body
    statements, skipped = _valid_statements(result, len(body), article_id=locked.pk)
    actors = actors_resolve(extracted=result.actors)
    _replace_mentions(locked, result, actors, len(body))

    # Locked too: an editor confirming a machine claim right now either commits before this
    # read (and the claim counts as a decision) or waits until this run has committed.
    existing = list(Claim.objects.filter(article=locked).order_by().select_for_update())
    editor_links = list(
        ClaimLink.objects.filter(Q(source__article=locked) | Q(target__article=locked))
        .exclude(origin=Origin.MACHINE, review_status=ReviewStatus.PROPOSED)
        .order_by()
    )
    # A machine claim at either end of an editor's link is part of that decision: keep it.
    pinned = {cid for link in editor_links for cid in (link.source_id, link.target_id)}
    decisions = [c for c in existing if c.is_editor_decision or c.id in pinned]
    machine = {_signature(c): c for c in existing if not (c.is_editor_decision or c.id in pinned)}

    by_statement: dict[str, Claim | None] = {}  # None: the editor rejected this statement
    new_claims: list[Claim] = []
    refreshed: list[Claim] = []
    found_again: set[int] = set()
    for statement in statements:
        if decision := _matching_decision(statement, decisions):
            rejected = decision.review_status == ReviewStatus.REJECTED
            by_statement[statement.id] = None if rejected else decision
            continue
        claim = _build_claim(statement, locked, actors, result.extractor_version)
        old = machine.get(_signature(claim))
        if old is not None and old.id not in found_again:
            found_again.add(old.id)
            fresh = (claim.confidence, claim.extractor_version, claim.published_at)
            if (old.confidence, old.extractor_version, old.published_at) != fresh:
                old.confidence, old.extractor_version, old.published_at = fresh
                refreshed.append(old)
            by_statement[statement.id] = old
        else:
            new_claims.append(claim)
            by_statement[statement.id] = claim

    stale_ids = [c.id for c in machine.values() if c.id not in found_again]
    # The machine's links inside this article are rebuilt from the result; links to other
    # articles' claims (threads) and every editor link stay.
    ClaimLink.objects.filter(
        source__article=locked,
        target__article=locked,
        origin=Origin.MACHINE,
        review_status=ReviewStatus.PROPOSED,
    ).delete()
    if stale_ids:
        Claim.objects.filter(id__in=stale_ids).delete()
    Claim.objects.bulk_create(new_claims)
    if refreshed:
        Claim.objects.bulk_update(refreshed, ["confidence", "extractor_version", "published_at"])
    _create_links(result, by_statement, editor_links)

    locked.analysis_state = Article.AnalysisState.DONE
    locked.analysis_extractor_version = result.extractor_version[:32]
    locked.analysis_error = ""
    locked.analyzed_at = timezone.now()
    locked.save(
        update_fields=["analysis_state", "analysis_extractor_version", "analysis_error", "analyzed_at"]
    )
    return ApplyOutcome(
        added=len(new_claims),
        removed=len(stale_ids),
        kept=len(existing) - len(stale_ids),
        skipped_statements=skipped,
    )


# --- statements -----------------------------------------------------------------------------


def _valid_statements(
    result: ExtractionResult, length: int, *, article_id: int
) -> tuple[list[Statement], int]:
    valid, skipped = [], 0
    for statement in result.statements:
        problem = _statement_problem(statement, length)
        if problem:
            skipped += 1
            # The extractor is still evolving: one bad statement must not lose the whole article.
            logger.warning("article %s: statement %s skipped: %s", article_id, statement.id, problem)
        else:
            valid.append(statement)
    return valid, skipped


def _statement_problem(statement: Statement, length: int) -> str | None:
    if statement.kind not in _KINDS:
        return f"unknown kind {statement.kind!r}"
    if not statement.content_spans:
        return "no content span"
    spans = [("content", s) for s in statement.content_spans]
    spans += [
        (name, s) for name, s in (("speaker", statement.speaker_span), ("cue", statement.cue_span)) if s
    ]
    for name, span in spans:
        if not _span_fits(span, length):
            return f"{name} span {span!r} outside the text (length {length})"
    return None


def _span_fits(span: Sequence[int], length: int) -> bool:
    try:
        start, end = int(span[0]), int(span[1])
    except (TypeError, ValueError, IndexError):
        return False
    return 0 <= start < end <= length


def _content_spans(statement: Statement) -> list[list[int]]:
    return sorted([int(s), int(e)] for s, e in statement.content_spans)


def _build_claim(
    statement: Statement, article: Article, actors: dict[str, Actor], extractor_version: str
) -> Claim:
    spans = _content_spans(statement)
    speaker_span = statement.speaker_span or (None, None)
    cue_span = statement.cue_span or (None, None)
    return Claim(
        article=article,
        published_at=article.published_at,
        speaker=actors.get(statement.speaker) if statement.speaker else None,
        target=actors.get(statement.target) if statement.target else None,
        speaker_start=speaker_span[0],
        speaker_end=speaker_span[1],
        cue_start=cue_span[0],
        cue_end=cue_span[1],
        content_start=spans[0][0],
        content_end=spans[0][1],
        content_spans=spans,
        quote_text=join_spans(article.body, spans),
        kind=statement.kind,
        direct_quote=bool(statement.direct_quote),
        confidence=_confidence(statement.confidence),
        origin=Origin.MACHINE,
        review_status=ReviewStatus.PROPOSED,
        extractor_version=extractor_version[:32],
        extracted_as={"kind": statement.kind, "spans": spans},
    )


def _confidence(value: float) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        return 0.5
    return 0.5 if math.isnan(value) else min(1.0, max(0.0, value))


def _signature(claim: Claim) -> tuple:
    """What makes a machine claim the same claim in the next run; confidence may change."""
    return (
        claim.kind,
        tuple(tuple(s) for s in claim.content_spans),
        claim.speaker_id,
        claim.target_id,
        claim.speaker_start,
        claim.speaker_end,
        claim.cue_start,
        claim.cue_end,
        claim.direct_quote,
    )


# --- matching editor decisions --------------------------------------------------------------


def _matching_decision(statement: Statement, decisions: Sequence[Claim]) -> Claim | None:
    """The editor's claim this statement is a new reading of: same kind and overlapping content.

    An edited claim is compared both as it is now and as the machine first produced it, so a
    statement the editor re-kinded or re-spanned is still recognised.
    """
    spans = _content_spans(statement)
    best, best_overlap = None, 0
    for claim in decisions:
        for kind, claim_spans in _readings(claim):
            if kind != statement.kind:
                continue
            overlap = _overlap(spans, claim_spans)
            if overlap > best_overlap:
                best, best_overlap = claim, overlap
    return best


def _readings(claim: Claim) -> Iterable[tuple[str, list]]:
    yield claim.kind, claim.content_spans or [[claim.content_start, claim.content_end]]
    original = claim.extracted_as
    if isinstance(original, dict) and original.get("kind") and original.get("spans"):
        yield original["kind"], original["spans"]


def _overlap(a: Iterable[Sequence[int]], b: Iterable[Sequence[int]]) -> int:
    b = list(b)
    total = 0
    for s1, e1 in a:
        for s2, e2 in b:
            total += max(0, min(e1, e2) - max(s1, s2))
    return total


# --- mentions and links ---------------------------------------------------------------------


def _replace_mentions(
    article: Article, result: ExtractionResult, actors: dict[str, Actor], length: int
) -> None:
    wanted: dict[tuple[int, int, int], Mention] = {}
    for extracted in result.actors:
        actor = actors.get(extracted.id)
        if actor is None:
            continue
        for span in extracted.mentions:
            if _span_fits(span, length):
                wanted.setdefault(
                    (actor.id, span[0], span[1]),
                    Mention(
                        article=article,
                        actor=actor,
                        start=span[0],
                        end=span[1],
                        text=article.body[span[0] : span[1]][:500],
                        origin=Origin.MACHINE,
                    ),
                )
    # Only the difference is written: a re-analysis usually finds the same mentions again, and
    # rewriting a hundred rows per article would be most of its database time.
    existing = dict(
        ((actor_id, start, end), pk)
        for pk, actor_id, start, end in Mention.objects.filter(article=article, origin=Origin.MACHINE)
        .order_by()
        .values_list("id", "actor_id", "start", "end")
    )
    stale = [pk for key, pk in existing.items() if key not in wanted]
    if stale:
        Mention.objects.filter(id__in=stale).delete()
    Mention.objects.bulk_create([m for key, m in wanted.items() if key not in existing])


def _create_links(
    result: ExtractionResult, by_statement: dict[str, Claim | None], editor_links: Sequence[ClaimLink]
) -> None:
    taken = {(link.source_id, link.target_id, link.relation) for link in editor_links}
    rows = []
    for link in result.links:
        source, target = by_statement.get(link.source), by_statement.get(link.target)
        # Either end unknown, or an end the editor rejected: the link has nothing to stand on.
        if source is None or target is None or source.pk == target.pk or link.relation not in _RELATIONS:
            continue
        key = (source.pk, target.pk, link.relation)
        if key in taken:
            continue
        taken.add(key)
        rows.append(
            ClaimLink(
                source=source,
                target=target,
                relation=link.relation,
                origin=Origin.MACHINE,
                confidence=_confidence(link.confidence),
                review_status=ReviewStatus.PROPOSED,
            )
        )
    ClaimLink.objects.bulk_create(rows)
