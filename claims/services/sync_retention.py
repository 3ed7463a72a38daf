"""Keeping the sync feed (`/api/v1/changes/`) from growing without end.

The triggers add an entry for every write, so the table grows with the work done, not with the
data. The pruner compacts it, as a log is compacted: an entry older than
CLAIMTRACK_SYNC_RETENTION_DAYS goes when a later entry for the same row exists (a client reading
on reaches that one) or when it is a tombstone (the row is gone; a client that syncs within the
retention has seen it). The latest entry of every row that exists is kept, however old, so a
client that starts without `since` still receives every row.

What a client can miss is a pruned tombstone: it would keep a row the server no longer has. The
latest feed position of a pruned tombstone is kept (SyncFeedState.horizon) with a generation
that counts its moves, and every `next` link carries the generation it was made in: a link made
before the horizon last moved, pointing before it, is answered 410 and the client syncs again
from the start (claims/api/changes.py). A client reading the compacted feed from the start
passes positions before the horizon too, with links of the current generation: it never had
the rows whose tombstones are gone.

Runs in every worker's housekeeping loop (claimtrack/housekeeping.py), one batch per round:
SKIP LOCKED on the state row keeps two workers from pruning at once, and each pass walks the old
entries in feed order from where the previous round stopped, up to the first young one; the
next pass starts PASS_INTERVAL after.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from ..models import SyncChange, SyncFeedState

PRUNE_BATCH = 5000
# A pass over the old entries, once finished, starts again only this much later: between passes
# the kept entries (the latest of every live row, many) are not read again every round.
PASS_INTERVAL = timedelta(hours=1)


def sync_changes_prune(*, batch: int = PRUNE_BATCH) -> int:
    """Remove one batch of old entries no client needs (see the module docstring); how many."""
    days = settings.CLAIMTRACK_SYNC_RETENTION_DAYS
    if not days:
        return 0
    cutoff = timezone.now() - timedelta(days=days)
    SyncFeedState.objects.get_or_create(pk=1)
    with transaction.atomic():
        state = SyncFeedState.objects.select_for_update(skip_locked=True).filter(pk=1).first()
        if state is None:
            return 0  # another worker is pruning this round
        starting = (state.scan_txid, state.scan_id) == (0, 0)
        if starting and state.pruned_at and state.pruned_at > timezone.now() - PASS_INTERVAL:
            return 0
        after = Q(txid__gt=state.scan_txid) | Q(txid=state.scan_txid, id__gt=state.scan_id)
        # In feed order, without a date filter: entries are dated as they are written, so the
        # old ones come first and the pass ends at the first young one, instead of reading the
        # whole young part of the feed to find none.
        window = (
            SyncChange.objects.filter(after)
            .order_by("txid", "id")
            .values_list("id", "txid", "deleted", "changed_at")[:batch]
        )
        rows = []
        for row in window:
            if row[3] >= cutoff:
                break
            rows.append(row[:3])
        if not rows:
            # The pass has reached the entries still kept: the next one starts after a while.
            state.scan_txid = state.scan_id = 0
            state.pruned_at = timezone.now()
            state.save(update_fields=["scan_txid", "scan_id", "pruned_at"])
            return 0
        later = SyncChange.objects.filter(kind=OuterRef("kind"), object_id=OuterRef("object_id")).filter(
            Q(txid__gt=OuterRef("txid")) | Q(txid=OuterRef("txid"), id__gt=OuterRef("id"))
        )
        superseded = set(
            SyncChange.objects.filter(id__in=[r[0] for r in rows])
            .filter(Exists(later))
            .values_list("id", flat=True)
        )
        doomed = [row for row in rows if row[2] or row[0] in superseded]
        SyncChange.objects.filter(id__in=[row[0] for row in doomed]).delete()
        tombstones = [(txid, pk) for pk, txid, deleted in doomed if deleted]
        if tombstones:
            state.horizon_txid, state.horizon_id = max(
                (state.horizon_txid, state.horizon_id), max(tombstones)
            )
            state.generation += 1
        state.scan_txid, state.scan_id = rows[-1][1], rows[-1][0]
        state.save()
    return len(doomed)
