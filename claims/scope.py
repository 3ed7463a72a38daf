"""Which articles an analysis job covers, as stored in AnalysisJob.scope."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from django.db.models import Q
from django.utils.dateparse import parse_datetime

from actors.lookup import find_actor
from claimtrack.errors import ServiceError

from .models import Claim, Mention

MAX_EXPLICIT_ARTICLES = 100_000


class ScopeError(ServiceError):
    """A job scope that cannot be run; nothing was written."""


def _moment(value: date | datetime | None) -> datetime | None:
    # A day means its start, in UTC; a time without a zone is taken as UTC.
    if value is None:
        return None
    if not isinstance(value, datetime):
        return datetime.combine(value, time.min, tzinfo=UTC)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class JobScope:
    all: bool = False
    since: datetime | None = None  # published_at >= since
    until: datetime | None = None  # published_at < until
    outlet: str = ""
    actor_id: int | None = None  # speaker of a claim in the article, or mentioned in it
    article_ids: tuple[int, ...] = field(default=())

    @classmethod
    def from_input(
        cls,
        *,
        all: bool = False,
        since: date | datetime | None = None,
        until: date | datetime | None = None,
        outlet: str | None = "",
        actor: int | str | None = None,
        articles: Iterable[int] = (),
    ) -> JobScope:
        """The validated scope from what a person or a client gave: the jobs form, the API and
        `manage.py reanalyze` all come through here. `actor` is an id or a name (actors.lookup).
        Raises ScopeError."""
        actor_id = None
        if isinstance(actor, int) and not isinstance(actor, bool):
            actor_id = actor
        elif isinstance(actor, str) and actor.strip():
            found = find_actor(actor)
            if found is None:
                raise ScopeError(f"No actor is known as {actor.strip()!r}.")
            actor_id = found.pk
        return cls(
            all=bool(all),
            since=_moment(since),
            until=_moment(until),
            outlet=(outlet or "").strip(),
            actor_id=actor_id,
            article_ids=tuple(dict.fromkeys(articles)),
        ).validate()

    def validate(self) -> JobScope:
        if not (self.all or self.since or self.until or self.outlet or self.actor_id or self.article_ids):
            raise ScopeError("Say which articles to analyse: all, a date range, an outlet, an actor or ids.")
        if self.all and (self.since or self.until or self.outlet or self.actor_id or self.article_ids):
            raise ScopeError("'all' cannot be combined with a filter.")
        if self.since and self.until and self.since >= self.until:
            raise ScopeError("'since' must be before 'until'.")
        if len(self.article_ids) > MAX_EXPLICIT_ARTICLES:
            raise ScopeError(f"At most {MAX_EXPLICIT_ARTICLES:,} explicit article ids; use a filter instead.")
        if any(i <= 0 for i in self.article_ids):
            raise ScopeError("Article ids are positive integers.")
        return self

    def as_q(self) -> Q:
        """The filter on Article; subqueries rather than joins, so no article comes twice."""
        q = Q()
        if self.since:
            q &= Q(published_at__gte=self.since)
        if self.until:
            q &= Q(published_at__lt=self.until)
        if self.outlet:
            q &= Q(outlet=self.outlet)
        if self.actor_id:
            q &= Q(id__in=Claim.objects.filter(speaker_id=self.actor_id).values("article_id")) | Q(
                id__in=Mention.objects.filter(actor_id=self.actor_id).values("article_id")
            )
        if self.article_ids:
            q &= Q(id__in=self.article_ids)
        return q

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.all:
            data["all"] = True
        if self.since:
            data["since"] = self.since.isoformat()
        if self.until:
            data["until"] = self.until.isoformat()
        if self.outlet:
            data["outlet"] = self.outlet
        if self.actor_id:
            data["actor"] = self.actor_id
        if self.article_ids:
            data["articles"] = list(self.article_ids)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JobScope:
        return cls(
            all=bool(data.get("all")),
            since=parse_datetime(data["since"]) if data.get("since") else None,
            until=parse_datetime(data["until"]) if data.get("until") else None,
            outlet=data.get("outlet", ""),
            actor_id=data.get("actor"),
            article_ids=tuple(data.get("articles", ())),
        )

    def describe(self, *, actor_name: str | None = None) -> str:
        """The scope in words; `actor_name` names the actor (else only its id is shown)."""
        if self.all:
            return "all articles"
        parts = []
        if self.since:
            parts.append(f"published from {self.since:%Y-%m-%d %H:%M}")
        if self.until:
            parts.append(f"published before {self.until:%Y-%m-%d %H:%M}")
        if self.outlet:
            parts.append(f"outlet {self.outlet}")
        if self.actor_id:
            parts.append(
                f"actor {actor_name} (#{self.actor_id})" if actor_name else f"actor #{self.actor_id}"
            )
        if self.article_ids:
            n = len(self.article_ids)
            parts.append(f"{n} chosen article{'s' if n != 1 else ''}")
        return ", ".join(parts)
