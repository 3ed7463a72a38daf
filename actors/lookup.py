"""Finding actors from what a person typed: the one rule, used by every page, form, command and
service that takes an actor as text.

`find_actor` picks one actor:
1. an id, written "42" or "#42";
2. otherwise a live actor whose name is the text (case-insensitive);
3. otherwise the actor one of whose aliases the text is (aliases are compared normalised, as
   the extractor compares them: "the DPRK" finds North Korea);
and whichever it finds, it follows merges (`merged_into`) to the actor that stands for it now.
Names come before aliases because a name is what a person reads on the page; an alias of
another actor that happens to equal it must not win.

`actors_matching` is the search box: live actors whose name or an alias contains the text, or
whose code it is ("PRK"). The REST API's `?q=` asks it for merged actors too (`live_only=False`),
since the API lets the client choose with `?merged=`.
"""

from django.db.models import Q, QuerySet

from extraction.knowledge import normalise_alias

from .models import Actor, ActorAlias


def canonical(actor: Actor) -> Actor:
    """Follow merges to the actor that stands for this one now (read from the database, not the
    caller's possibly stale instance)."""
    seen: set[int] = set()
    current_id = actor.pk
    while True:
        merged_into_id = Actor.objects.filter(pk=current_id).values_list("merged_into_id", flat=True).first()
        if merged_into_id is None or merged_into_id in seen:
            break
        seen.add(current_id)
        current_id = merged_into_id
    return actor if current_id == actor.pk else Actor.objects.get(pk=current_id)


def find_actor(text: str) -> Actor | None:
    """The actor meant by `text` (see the module docstring), or None."""
    text = " ".join(text.split())
    if text.startswith("#") and text[1:].isdigit():
        text = text[1:]
    if not text:
        return None
    if text.isascii() and text.isdigit():
        found = Actor.objects.filter(pk=int(text)).first() if len(text) < 19 else None
    else:
        found = Actor.objects.filter(name__iexact=text, merged_into__isnull=True).order_by("id").first()
        if found is None and (normalised := normalise_alias(text)):
            alias = ActorAlias.objects.select_related("actor").filter(normalised=normalised).first()
            found = alias.actor if alias else None
    if found is None or found.merged_into_id is None:
        return found
    return canonical(found)


def unknown_actor_message(text: str) -> str:
    """What to tell a person whose typed actor `find_actor` did not find (the pages' one wording)."""
    text = " ".join(text.split())
    number = text[1:] if text.startswith("#") else text
    if not text:
        return "Type an actor: a name, an alias or #id."
    if number.isascii() and number.isdigit():
        return f"There is no actor #{number}."
    return f"No actor is known as “{text}”."


def actors_matching(text: str, *, live_only: bool = True) -> QuerySet[Actor]:
    """Actors whose name or one of whose aliases contains `text`, or whose code it is (all of them
    when it is empty); only live ones unless `live_only` is off."""
    qs = Actor.objects.filter(merged_into__isnull=True) if live_only else Actor.objects.all()
    if text := " ".join(text.split()):
        by_alias = ActorAlias.objects.filter(alias__icontains=text).values("actor_id")
        qs = qs.filter(Q(name__icontains=text) | Q(id__in=by_alias) | Q(code__iexact=text))
    return qs
