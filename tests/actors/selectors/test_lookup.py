"""The one rule for finding an actor from typed text (actors/lookup.py)."""

import pytest

from actors.lookup import actors_matching, find_actor
from actors.models import Actor, ActorAlias
from extraction.knowledge import normalise_alias

pytestmark = pytest.mark.django_db


def _actor(name: str, *aliases: str, **fields) -> Actor:
    actor = Actor.objects.create(name=name, kind=fields.pop("kind", Actor.Kind.STATE), **fields)
    for alias in aliases:
        ActorAlias.objects.create(actor=actor, alias=alias, normalised=normalise_alias(alias))
    return actor


def test_an_id_is_an_id_with_or_without_a_hash():
    actor = _actor("Ruritania")
    assert find_actor(str(actor.pk)) == actor
    assert find_actor(f"#{actor.pk}") == actor
    assert find_actor("#999999") is None and find_actor("99999999999999999999999") is None


def test_a_name_wins_over_another_actors_alias():
    named = _actor("Freedonia")
    _actor("Sylvania", "freedonia")
    assert find_actor("  FREEDONIA ") == named
    assert find_actor("sylvania") is not None and find_actor("sylvania") != named


def test_an_alias_finds_its_actor_when_no_name_matches():
    actor = _actor("Kingdom of Elbonia", "elbonia")
    assert find_actor("Elbonia") == actor
    assert find_actor("Atlantis") is None and find_actor("   ") is None


def test_a_merged_actor_leads_to_the_one_it_was_merged_into():
    kept = _actor("Grand Fenwick")
    duplicate = _actor("Fenwick", "fenwick", merged_into=kept)
    assert find_actor(str(duplicate.pk)) == kept
    assert find_actor("fenwick") == kept


def test_the_search_box_matches_parts_of_names_and_aliases_of_live_actors_only():
    live = _actor("Republic of Zubrowka", "zubrowkan state")
    _actor("Old Zubrowka", merged_into=live)
    assert list(actors_matching("zubrow")) == [live]
    assert list(actors_matching("KAN STA")) == [live]


def test_the_search_box_matches_a_whole_code_and_can_include_merged_actors():
    live = _actor("Democratic People's Republic of Korea")
    live.code = "PRK"
    live.save()
    merged = _actor("Old Korea", merged_into=live)
    assert list(actors_matching("prk")) == [live]
    assert list(actors_matching("people")) == [live]  # part of the name
    assert set(actors_matching("korea", live_only=False)) == {live, merged}
