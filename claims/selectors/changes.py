"""The sync feed: changes to claims, links, actors and threads in commit-safe order."""

from django.db.models import QuerySet, Subquery
from django.db.models.expressions import RawSQL

from ..models import SyncChange, SyncFeedState

# The horizon: the oldest transaction id still writing in this database (pg_stat_activity knows
# each session's assigned xid), or the next id to be assigned when none is. Every change below it
# is final, and every change still to come belongs to a transaction at or above it, so it sorts
# after everything served: a client's cursor can move forward without skipping a late commit.
# Transactions of other databases on the same server do not hold the feed back, as the global
# snapshot xmin would. backend_xid is 32 bits; its epoch is taken from the snapshot's xmax.
_HORIZON = RawSQL(
    """(
    WITH s AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax)
    SELECT COALESCE(
        MIN(
            CASE WHEN a.backend_xid::text::bigint <= (s.xmax & 4294967295)
                 THEN ((s.xmax >> 32) << 32) + a.backend_xid::text::bigint
                 ELSE (((s.xmax >> 32) - 1) << 32) + a.backend_xid::text::bigint
            END
        ),
        MIN(s.xmax)
    )
    FROM s LEFT JOIN pg_stat_activity a
        ON a.datname = current_database() AND a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()
    )""",
    [],
)


def change_feed() -> QuerySet[SyncChange]:
    """Every settled change; the caller orders and pages it by (txid, id)."""
    return SyncChange.objects.filter(txid__lt=_HORIZON)


def sync_feed_state() -> tuple[int, int, int]:
    """(horizon txid, horizon id, generation) of the pruned feed (claims.services.sync_retention)."""
    state = SyncFeedState.objects.filter(pk=1).values_list("horizon_txid", "horizon_id", "generation").first()
    return state or (0, 0, 0)


def annotate_feed_state(queryset: QuerySet[SyncChange]) -> QuerySet[SyncChange]:
    """The feed's pruning state on every row of a page, so a page costs one query."""
    state = SyncFeedState.objects.filter(pk=1)
    return queryset.annotate(
        feed_horizon_txid=Subquery(state.values("horizon_txid")[:1]),
        feed_horizon_id=Subquery(state.values("horizon_id")[:1]),
        feed_generation=Subquery(state.values("generation")[:1]),
    )


def position_expired(*, position: tuple[int, int], generation: int, state: tuple[int, int, int]) -> bool:
    """Whether a client's feed position predates a pruning it has not seen: deletions before the
    horizon may be gone, so a `next` link made before the feed's current generation and pointing
    before the horizon can no longer be replayed (the client syncs again from the start)."""
    horizon, current = state[:2], state[2]
    return generation < current and position < horizon
