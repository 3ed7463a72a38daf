"""Reads on actors alone: the actor list (the actor page, with statements, is claims.selectors.actor_page)."""

from __future__ import annotations

from .lookup import actors_matching
from .models import Actor


def actor_list(*, search: str = "", kind: str = "", limit: int = 100) -> list[Actor]:
    """Actors by name, with their affiliation; `search` matches names and aliases."""
    qs = actors_matching(search).select_related("affiliation")
    if kind:
        qs = qs.filter(kind=kind)
    return list(qs.order_by("name", "id")[:limit])
