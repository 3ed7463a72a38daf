"""Reads on actors alone: the actor list (the actor page, with statements, is claims.selectors.actor_page)."""

from __future__ import annotations

from django.db.models import Q

from extraction.knowledge.base import normalise_alias

from .models import Actor, ActorAlias


def actor_find_by_name(text: str) -> Actor | None:
    """The actor an analyst means by a name they typed: its name first, then any alias."""
    text = text.strip()
    if not text:
        return None
    exact = Actor.objects.filter(name__iexact=text, merged_into__isnull=True).order_by("id").first()
    if exact is not None:
        return exact
    alias = ActorAlias.objects.filter(normalised=normalise_alias(text)).select_related("actor").first()
    return alias.actor if alias else None


def actor_list(*, search: str = "", kind: str = "", limit: int = 100) -> list[Actor]:
    """Actors by name, with their affiliation; `search` matches names and aliases."""
    qs = Actor.objects.filter(merged_into__isnull=True).select_related("affiliation")
    if kind:
        qs = qs.filter(kind=kind)
    if search := search.strip():
        by_alias = ActorAlias.objects.filter(alias__icontains=search).values("actor_id")
        qs = qs.filter(Q(name__icontains=search) | Q(id__in=by_alias))
    return list(qs.order_by("name", "id")[:limit])
