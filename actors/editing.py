"""Editor writes on actors: create one, add an alias, set an affiliation. Each is recorded.

Kept apart from actors/services.py (the knowledge-base loader) so the two evolve separately.
"""

from typing import Any

from django.db import IntegrityError, transaction

from accounts.roles import Role, require_role
from claimtrack.errors import EditError
from extraction.knowledge import normalise_alias
from history.models import ChangeRecord
from history.services import change_record

from .lookup import canonical
from .models import Actor, ActorAlias, actor_ref

MAX_NAME_LENGTH = 300


def actor_snapshot(actor: Actor) -> dict[str, Any]:
    return {
        "name": actor.name,
        "kind": actor.kind,
        "code": actor.code,
        "role": actor.role,
        "description": actor.description,
        "affiliation": actor_ref(actor.affiliation),
        "status": actor.status,
    }


def _clean_name(field: str, value: Any) -> tuple[str, str]:
    if not isinstance(value, str) or not value.strip():
        raise EditError({field: ["Give a name."]})
    value = " ".join(value.split())
    if len(value) > MAX_NAME_LENGTH:
        raise EditError({field: [f"At most {MAX_NAME_LENGTH} characters."]})
    normalised = normalise_alias(value)
    if not normalised:
        raise EditError({field: ["This name has no letters or digits to match on."]})
    return value, normalised


def _alias_owner(normalised: str) -> Actor | None:
    alias = ActorAlias.objects.select_related("actor").filter(normalised=normalised).first()
    return alias.actor if alias else None


def _check_affiliation(actor: Actor | None, affiliation: Actor | None) -> Actor | None:
    if affiliation is None:
        return None
    if not isinstance(affiliation, Actor):
        raise EditError({"affiliation": ["Choose an actor."]})
    affiliation = canonical(affiliation)
    if actor is None:
        return affiliation
    if affiliation.pk == actor.pk:
        raise EditError({"affiliation": ["An actor cannot belong to itself."]})
    # Walk up from the new affiliation: meeting the actor again would make a loop
    # (a minister belonging to a ministry belonging to that minister).
    # Read the chain from the database: the caller's instances may be stale.
    current_id: int | None = affiliation.pk
    seen: set[int] = set()
    while current_id is not None and current_id not in seen:
        if current_id == actor.pk:
            raise EditError({"affiliation": [f"{affiliation.name} already belongs to {actor.name}."]})
        seen.add(current_id)
        current_id = Actor.objects.filter(pk=current_id).values_list("affiliation_id", flat=True).first()
    return affiliation


@transaction.atomic
def actor_create(
    *,
    user,
    name: str,
    kind: str,
    code: str = "",
    role: str = "",
    description: str = "",
    affiliation: Actor | None = None,
) -> Actor:
    """A new confirmed actor, with its name as an alias so the extractor finds it next time."""
    require_role(user, Role.EDITOR)
    name, normalised = _clean_name("name", name)
    if kind not in Actor.Kind.values:
        raise EditError({"kind": [f"Unknown kind {kind!r}; use one of {', '.join(Actor.Kind.values)}."]})
    if owner := _alias_owner(normalised):
        raise EditError({"name": [f"“{name}” is already known as {owner.name} (actor {owner.pk})."]})
    actor = Actor(
        name=name,
        kind=kind,
        code=(code or "").strip().upper()[:16],
        role=(role or "").strip()[:300],
        description=(description or "").strip(),
        affiliation=_check_affiliation(None, affiliation),
        status=Actor.Status.CONFIRMED,
    )
    actor.save()
    ActorAlias.objects.create(actor=actor, alias=name, normalised=normalised)
    change_record(
        user=user,
        action=ChangeRecord.Action.CREATE,
        obj=actor,
        article=None,
        before=None,
        after=actor_snapshot(actor),
    )
    return actor


@transaction.atomic
def alias_add(*, user, actor: Actor, alias: str) -> ActorAlias:
    """Teach claimtrack another name for an actor; a name can belong to one actor only."""
    require_role(user, Role.EDITOR)
    alias, normalised = _clean_name("alias", alias)
    actor = canonical(actor)
    if owner := _alias_owner(normalised):
        if owner.pk == actor.pk:
            raise EditError({"alias": [f"{actor.name} already has the alias “{alias}”."]})
        raise EditError(
            {"alias": [f"“{alias}” already names {owner.name} (actor {owner.pk}); merge the two instead."]}
        )
    try:
        with transaction.atomic():
            row = ActorAlias.objects.create(actor=actor, alias=alias, normalised=normalised)
    except IntegrityError as exc:  # a colleague added the same alias a moment ago
        raise EditError({"alias": [f"“{alias}” was just added to another actor."]}) from exc
    change_record(
        user=user,
        action=ChangeRecord.Action.CREATE,
        obj=row,
        article=None,
        before=None,
        after={"alias": alias, "normalised": normalised, "actor": actor_ref(actor)},
    )
    return row


@transaction.atomic
def actor_set_affiliation(*, user, actor: Actor, affiliation: Actor | None) -> Actor:
    """Say whom an actor speaks for (a minister for a state); None clears it."""
    require_role(user, Role.EDITOR)
    actor = (
        Actor.objects.select_for_update(of=("self",))
        .select_related("affiliation")
        .get(pk=canonical(actor).pk)
    )
    affiliation = _check_affiliation(actor, affiliation)
    if actor.affiliation_id == (affiliation.pk if affiliation else None):
        return actor
    before = actor_ref(actor.affiliation)
    actor.affiliation = affiliation
    return _save_field_recorded(
        user=user, actor=actor, field="affiliation", before=before, after=actor_ref(affiliation)
    )


@transaction.atomic
def actor_review(*, user, actor: Actor, decision: str) -> Actor:
    """An editor's answer on an actor the extractor proposed: `confirm` or `reject` (merging is
    claims.services.actor_merging.actor_merge). Recorded like every other edit."""
    require_role(user, Role.EDITOR)
    status = {"confirm": Actor.Status.CONFIRMED, "reject": Actor.Status.REJECTED}.get(decision)
    if status is None:
        raise EditError({"decision": ["Say confirm or reject."]})
    actor = Actor.objects.select_for_update().get(pk=actor.pk)
    if actor.merged_into_id is not None:
        raise EditError({"actor": [f"{actor.name} was merged into another actor."]})
    if actor.status != Actor.Status.PROPOSED:
        raise EditError({"actor": [f"{actor.name} is {actor.get_status_display().lower()}, not proposed."]})
    before = actor.status
    actor.status = status
    return _save_field_recorded(user=user, actor=actor, field="status", before=before, after=status)


def _save_field_recorded(*, user, actor: Actor, field: str, before: Any, after: Any) -> Actor:
    """Save the one field an editor changed on `actor` and record it as `before` → `after`,
    given as the history shows them (an actor reference, a status)."""
    actor.save(update_fields=[field, "updated_at"])
    change_record(
        user=user,
        action=ChangeRecord.Action.UPDATE,
        obj=actor,
        article=None,
        before={field: before},
        after={field: after},
    )
    return actor
