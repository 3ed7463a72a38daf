"""Merging duplicate actors, and undoing a merge. It lives in claims because it rewrites statements.

A merge moves the duplicate's aliases, statements (as speaker and as target), mentions, members
and earlier merges onto the kept actor; the duplicate stays as a row whose `merged_into` redirects
to the kept one, so old links and ids still resolve. The ActorMerge row lists the ids it moved.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.roles import Role, require_role
from actors.lookup import canonical
from actors.models import Actor, ActorAlias, ActorMerge, actor_ref
from claimtrack.errors import EditError
from extraction.knowledge import normalise_alias
from history.models import ChangeRecord
from history.services import change_record

from ..models import Claim, Mention


def _lock(*actors: Actor) -> dict[int, Actor]:
    # Always in id order, so that two merges of the same pair cannot deadlock.
    ids = sorted({actor.pk for actor in actors})
    return {actor.pk: actor for actor in Actor.objects.select_for_update().filter(pk__in=ids).order_by("pk")}


def _ids(queryset) -> list[int]:
    return list(queryset.order_by("pk").values_list("pk", flat=True))


def _repoint_claims(ids: list[int], field: str, to: Actor) -> None:
    # The version bump makes any editor holding the old statement get a conflict, not overwrite it.
    Claim.objects.filter(pk__in=ids).update(
        **{field: to}, version=F("version") + 1, updated_at=timezone.now()
    )


@transaction.atomic
def actor_merge(*, user, source: Actor, into: Actor) -> ActorMerge:
    """Merge the duplicate `source` into `into`."""
    require_role(user, Role.EDITOR)
    if not isinstance(source, Actor) or not isinstance(into, Actor):
        raise EditError({"into": ["Choose the actor to merge into."]})
    into = canonical(into)
    if source.pk == into.pk:
        raise EditError({"into": ["An actor cannot be merged into itself."]})
    locked = _lock(source, into)
    source, into = locked[source.pk], locked[into.pk]
    if source.merged_into_id is not None:
        raise EditError({"source": [f"{source.name} was already merged."]})

    moved = {
        "aliases": _ids(ActorAlias.objects.filter(actor=source)),
        "speaker_claims": _ids(Claim.objects.filter(speaker=source)),
        "target_claims": _ids(Claim.objects.filter(target=source)),
        "mentions": _ids(Mention.objects.filter(actor=source)),
        # `into` itself may belong to the duplicate; it cannot become its own member.
        "members": _ids(Actor.objects.filter(affiliation=source).exclude(pk=into.pk)),
        "merged_from": _ids(Actor.objects.filter(merged_into=source)),
        "into_affiliation": into.affiliation_id if into.affiliation_id == source.pk else None,
        "name_alias": None,
    }
    ActorAlias.objects.filter(pk__in=moved["aliases"]).update(actor=into)
    _repoint_claims(moved["speaker_claims"], "speaker", into)
    _repoint_claims(moved["target_claims"], "target", into)
    Mention.objects.filter(pk__in=moved["mentions"]).update(actor=into)
    Actor.objects.filter(pk__in=moved["members"]).update(affiliation=into)
    Actor.objects.filter(pk__in=moved["merged_from"]).update(merged_into=into)
    if moved["into_affiliation"] is not None:
        into.affiliation = None
        into.save(update_fields=["affiliation", "updated_at"])
    # The duplicate's name becomes a way to find the kept actor, unless some alias already holds it.
    normalised = normalise_alias(source.name)
    if normalised and not ActorAlias.objects.filter(normalised=normalised).exists():
        moved["name_alias"] = ActorAlias.objects.create(
            actor=into, alias=source.name, normalised=normalised
        ).pk
    source.merged_into = into
    source.save(update_fields=["merged_into", "updated_at"])

    merge = ActorMerge.objects.create(source=source, into=into, merged_by=user, moved=moved)
    change_record(
        user=user,
        action=ChangeRecord.Action.MERGE,
        obj=source,
        article=None,
        before={"merged_into": None},
        after={"merged_into": actor_ref(into), "merge": merge.pk, "moved": _counts(moved)},
    )
    return merge


def _counts(moved: dict) -> dict[str, int]:
    return {key: len(value) for key, value in moved.items() if isinstance(value, list)}


@transaction.atomic
def actor_merge_undo(*, user, merge: ActorMerge) -> ActorMerge:
    """Split a merge again (admins only). Rows changed by editors since the merge stay as they are."""
    require_role(user, Role.ADMIN)
    merge = ActorMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.is_undone:
        raise EditError("This merge was already undone.")
    locked = _lock(merge.source, merge.into)
    source, into = locked[merge.source_id], locked[merge.into_id]
    if into.merged_into_id is not None:
        raise EditError(f"{into.name} was itself merged since; undo that merge first.")
    moved = merge.moved

    # Each filter on `into` is the guard: a row an editor has re-pointed elsewhere since stays put.
    ActorAlias.objects.filter(pk__in=moved.get("aliases", []), actor=into).update(actor=source)
    if moved.get("name_alias"):
        ActorAlias.objects.filter(pk=moved["name_alias"], actor=into).delete()
    _repoint_claims(
        _ids(Claim.objects.filter(pk__in=moved.get("speaker_claims", []), speaker=into)), "speaker", source
    )
    _repoint_claims(
        _ids(Claim.objects.filter(pk__in=moved.get("target_claims", []), target=into)), "target", source
    )
    Mention.objects.filter(pk__in=moved.get("mentions", []), actor=into).update(actor=source)
    Actor.objects.filter(pk__in=moved.get("members", []), affiliation=into).update(affiliation=source)
    Actor.objects.filter(pk__in=moved.get("merged_from", []), merged_into=into).update(merged_into=source)
    if moved.get("into_affiliation") and into.affiliation_id is None:
        into.affiliation = source
        into.save(update_fields=["affiliation", "updated_at"])
    source.merged_into = None
    source.save(update_fields=["merged_into", "updated_at"])

    merge.undone_at = timezone.now()
    merge.undone_by = user
    merge.save(update_fields=["undone_at", "undone_by"])
    record = change_record(
        user=user,
        action=ChangeRecord.Action.REVERT,
        obj=source,
        article=None,
        before={"merged_into": actor_ref(into)},
        after={"merged_into": None, "merge": merge.pk},
    )
    ChangeRecord.objects.filter(
        content_type=record.content_type,
        object_id=source.pk,
        action=ChangeRecord.Action.MERGE,
        after__merge=merge.pk,
        reverted_by__isnull=True,
    ).update(reverted_by=record)
    return merge
