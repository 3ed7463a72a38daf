"""Writes on actors: loading the shipped knowledge base, and resolving the extractor's actors to rows."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, transaction

from extraction.knowledge import load_knowledge_base, normalise_alias
from extraction.types import Actor as ExtractedActor

from .models import Actor, ActorAlias

logger = logging.getLogger(__name__)

_KINDS = frozenset(Actor.Kind.values)
# Words the extractor may report as the surface form of an actor it resolved ("it said"). They
# must never become global aliases: the next article's "it" would resolve to the same actor.
_PRONOUNS = frozenset(
    {"it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "we", "us", "our"}
    | {"i", "me", "my", "you", "your", "this", "that", "these", "those"}
)
_MAX_FOLLOW = 10  # merged_into chains are short; the bound only guards against a cycle


# --- the knowledge base -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KnowledgeBaseLoaded:
    actors_created: int
    actors_updated: int
    aliases_created: int
    aliases_skipped: int  # the normalised alias already names another actor (an editor's choice)
    affiliations_set: int


@transaction.atomic
def actors_load_knowledge_base() -> KnowledgeBaseLoaded:
    """Upsert every knowledge-base entry as a confirmed Actor with its aliases. Idempotent.

    Rows are matched by kb_key; aliases by their normalised form, which is unique across actors.
    An alias already owned by another actor is left alone: an editor may have put it there.
    Affiliations are set in a second pass, once every entry has a row.
    """
    kb = load_knowledge_base()
    entries = list(kb.entries())
    existing = {a.kb_key: a for a in Actor.objects.filter(kb_key__in=[e.key for e in entries])}
    created = updated = 0
    to_create: list[Actor] = []
    to_update: list[Actor] = []
    fields = ("name", "kind", "code", "description", "role", "status")
    for entry in entries:
        values = {
            "name": entry.name[:300],
            "kind": entry.kind if entry.kind in _KINDS else Actor.Kind.GROUP,
            "code": (entry.code or "")[:16],
            "description": entry.description or "",
            "role": (entry.role or "")[:300],
            "status": Actor.Status.CONFIRMED,
        }
        actor = existing.get(entry.key)
        if actor is None:
            to_create.append(Actor(kb_key=entry.key, **values))
        elif any(getattr(actor, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(actor, f, v)
            to_update.append(actor)
    Actor.objects.bulk_create(to_create, batch_size=500)
    Actor.objects.bulk_update(to_update, fields, batch_size=500)
    created, updated = len(to_create), len(to_update)
    by_key = {a.kb_key: a for a in Actor.objects.filter(kb_key__in=[e.key for e in entries])}

    wanted: dict[str, tuple[str, Actor]] = {}
    for entry in entries:
        for surface in (*entry.aliases, *entry.demonyms):
            norm = normalise_alias(surface)[:300]
            if norm:
                wanted.setdefault(norm, (surface[:300], by_key[entry.key]))
    owners = dict(ActorAlias.objects.filter(normalised__in=wanted).values_list("normalised", "actor_id"))
    new_aliases = [
        ActorAlias(actor=actor, alias=surface, normalised=norm)
        for norm, (surface, actor) in wanted.items()
        if norm not in owners
    ]
    ActorAlias.objects.bulk_create(new_aliases, batch_size=1000)
    skipped = sum(1 for norm, (_, actor) in wanted.items() if owners.get(norm, actor.id) != actor.id)

    affiliations = []
    for entry in entries:
        actor = by_key[entry.key]
        parent = by_key.get(entry.affiliation) if entry.affiliation else None
        parent_id = parent.id if parent else None
        if actor.affiliation_id != parent_id and parent_id != actor.id:
            actor.affiliation_id = parent_id
            affiliations.append(actor)
    Actor.objects.bulk_update(affiliations, ["affiliation"], batch_size=500)
    return KnowledgeBaseLoaded(
        actors_created=created,
        actors_updated=updated,
        aliases_created=len(new_aliases),
        aliases_skipped=skipped,
        affiliations_set=len(affiliations),
    )


# --- resolving the extractor's actors -----------------------------------------------------


def lookup_forms(actor: ExtractedActor) -> list[str]:
    """Normalised forms under which an extracted actor is looked up and, when new, stored.

    The name always counts; other surface forms only when they look like names (a capital
    letter, not a pronoun), because descriptions like "the ministry" would capture every
    ministry in every later article once stored as a unique alias.
    """
    forms = [normalise_alias(actor.name)[:300]]
    for surface in actor.aliases:
        if any(ch.isupper() for ch in surface) and normalise_alias(surface) not in _PRONOUNS:
            forms.append(normalise_alias(surface)[:300])
    seen: set[str] = set()
    return [f for f in forms if f and f not in _PRONOUNS and not (f in seen or seen.add(f))]


def actors_resolve(*, extracted: Sequence[ExtractedActor]) -> dict[str, Actor]:
    """Map each extracted actor's id to an Actor row: by kb_key, then by alias, else a new one.

    New actors unknown to the knowledge base are created with status `proposed` for an editor
    to review. Must run inside a transaction: new rows are serialised by advisory locks so that
    two workers meeting the same unknown actor at once create it once.
    """
    named = [a for a in extracted if a.name.strip()]
    forms = {a.id: lookup_forms(a) for a in named}
    by_key = _actors_by_key({a.kb_key for a in named if a.kb_key})
    by_alias = _actors_by_alias({f for fs in forms.values() for f in fs})

    resolved: dict[str, Actor] = {}
    missing: list[ExtractedActor] = []
    for actor in named:
        row = _find(actor, forms[actor.id], by_key, by_alias)
        if row is None:
            missing.append(actor)
        else:
            resolved[actor.id] = row
    created_ids: set[str] = set()
    if missing:
        # Sorted lock order: two workers creating overlapping sets of actors cannot deadlock.
        _advisory_locks(sorted({name for a in missing for name in _lock_names(a, forms[a.id])}))
        # Someone may have created them while we waited for the locks.
        by_key.update(_actors_by_key({a.kb_key for a in missing if a.kb_key}))
        by_alias.update(_actors_by_alias({f for a in missing for f in forms[a.id]}))
        for actor in missing:
            row = _find(actor, forms[actor.id], by_key, by_alias)
            if row is None:
                row = _create(actor, forms[actor.id])
                created_ids.add(actor.id)
                for form in forms[actor.id]:
                    by_alias.setdefault(form, row)
            resolved[actor.id] = row
    resolved = {aid: _follow_merges(row) for aid, row in resolved.items()}
    _link_affiliations(named, resolved, created_ids)
    return resolved


def _find(
    actor: ExtractedActor, forms: list[str], by_key: dict[str, Actor], by_alias: dict[str, Actor]
) -> Actor | None:
    if actor.kb_key and (row := by_key.get(actor.kb_key)):
        return row
    return next((by_alias[f] for f in forms if f in by_alias), None)


def _actors_by_key(keys: Iterable[str]) -> dict[str, Actor]:
    keys = [k for k in keys if k]
    if not keys:
        return {}
    return {
        a.kb_key: a for a in Actor.objects.filter(kb_key__in=keys).select_related("merged_into").order_by()
    }


def _actors_by_alias(forms: Iterable[str]) -> dict[str, Actor]:
    forms = [f for f in forms if f]
    if not forms:
        return {}
    aliases = ActorAlias.objects.filter(normalised__in=forms).select_related("actor__merged_into").order_by()
    return {alias.normalised: alias.actor for alias in aliases}


def _create(actor: ExtractedActor, forms: list[str]) -> Actor:
    row = Actor.objects.create(
        name=actor.name.strip()[:300],
        kind=actor.kind if actor.kind in _KINDS else Actor.Kind.GROUP,
        code=(actor.code or "")[:16],
        kb_key=actor.kb_key or None,
        # The knowledge base vouches for actors it has a key for; the others wait for an editor.
        status=Actor.Status.CONFIRMED if actor.kb_key else Actor.Status.PROPOSED,
    )
    surfaces = {normalise_alias(s)[:300]: s for s in (*reversed(actor.aliases), actor.name)}
    ActorAlias.objects.bulk_create(
        [ActorAlias(actor=row, alias=surfaces.get(f, f)[:300], normalised=f) for f in forms],
        ignore_conflicts=True,
    )
    logger.info("new actor %s (%s, %s)", row.pk, row.name, row.status)
    return row


def _follow_merges(row: Actor) -> Actor:
    for _ in range(_MAX_FOLLOW):
        if row.merged_into_id is None:
            return row
        row = Actor.objects.select_related("merged_into").get(pk=row.merged_into_id)
    return row


def _link_affiliations(
    named: Sequence[ExtractedActor], resolved: dict[str, Actor], created_ids: set[str]
) -> None:
    # Only actors this run created get an affiliation from the text: an existing actor's
    # affiliation comes from the knowledge base or an editor, and one article must not move it.
    changed = []
    for actor in named:
        if actor.id not in created_ids or not actor.affiliation:
            continue
        row, parent = resolved.get(actor.id), resolved.get(actor.affiliation)
        if row and parent and parent.id != row.id and row.affiliation_id is None:
            row.affiliation = parent
            changed.append(row)
    if changed:
        Actor.objects.bulk_update(changed, ["affiliation"])


def _lock_names(actor: ExtractedActor, forms: list[str]) -> list[str]:
    # Every alias the new actor will take: two transactions inserting the same alias then meet
    # at the advisory lock, in sorted order, rather than deadlocking on each other's index rows.
    return [f"actor:{actor.kb_key}"] * bool(actor.kb_key) + [f"alias:{form}" for form in forms]


def _advisory_locks(names: list[str]) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite serialises writers on its own
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_lock_key(name)])


def _lock_key(name: str) -> int:
    # A fixed namespace in the high 32 bits keeps these apart from any other advisory lock user.
    return (0x6374 << 32) | zlib.crc32(name.encode("utf-8"))
