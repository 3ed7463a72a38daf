"""manage.py load_actors: the knowledge base becomes Actor and ActorAlias rows, idempotently."""

from io import StringIO

import pytest
from django.core.management import call_command

from actors.models import Actor, ActorAlias
from extraction.knowledge import load_knowledge_base, normalise_alias
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


def load() -> str:
    out = StringIO()
    call_command("load_actors", stdout=out)
    return out.getvalue()


def test_loading_twice_creates_everything_once():
    kb = load_knowledge_base()
    first = load()
    assert f"Actors: {len(kb)} created" in first
    counts = (Actor.objects.count(), ActorAlias.objects.count())
    second = load()
    assert "Actors: 0 created, 0 updated. Aliases: 0 created" in second
    assert (Actor.objects.count(), ActorAlias.objects.count()) == counts == (len(kb), counts[1])


def test_actors_get_their_aliases_codes_and_affiliations():
    load()
    kb = load_knowledge_base()
    entry = next(e for e in kb.entries() if e.affiliation)
    actor = Actor.objects.get(kb_key=entry.key)
    assert actor.affiliation.kb_key == entry.affiliation
    assert actor.status == Actor.Status.CONFIRMED
    stored = set(actor.aliases.values_list("normalised", flat=True))
    assert {normalise_alias(a) for a in (*entry.aliases, *entry.demonyms)} <= stored
    prk = Actor.objects.get(kb_key="PRK")
    assert (prk.code, prk.kind) == ("PRK", "state")
    assert ActorAlias.objects.get(normalised="north korea").actor == prk


def test_an_alias_an_editor_gave_another_actor_is_left_alone_and_edits_to_kb_fields_are_refreshed():
    mine = ActorFactory(name="My North Korea")
    ActorAlias.objects.create(actor=mine, alias="DPRK", normalised="dprk")
    load()
    assert ActorAlias.objects.get(normalised="dprk").actor == mine
    Actor.objects.filter(kb_key="PRK").update(name="Renamed")
    assert "1 updated" in load()
    assert Actor.objects.get(kb_key="PRK").name != "Renamed"
