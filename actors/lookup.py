"""Finding an actor from what a person typed: an id ("42", "#42"), a name or an alias."""

from extraction.knowledge import normalise_alias

from .models import Actor, ActorAlias


def find_actor(text: str) -> Actor | None:
    text = text.strip().lstrip("#")
    if not text:
        return None
    if text.isdigit():
        return Actor.objects.filter(pk=int(text)).first()
    alias = ActorAlias.objects.select_related("actor").filter(normalised=normalise_alias(text)).first()
    if alias:
        return alias.actor
    # Live actors first: a merged duplicate may still carry the same name.
    return Actor.objects.filter(name__iexact=text).order_by("merged_into", "id").first()
