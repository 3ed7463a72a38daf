"""The actor editing pages over HTTP."""

import pytest
from django.test import Client
from django.urls import reverse

from actors.models import ActorMerge
from claims.services.actor_merging import actor_merge
from tests.factories import ActorAliasFactory, ActorFactory

pytestmark = pytest.mark.django_db


def _client(request, role: str) -> Client:
    client = Client()
    client.force_login(request.getfixturevalue(role))
    return client


@pytest.mark.parametrize(("role", "allowed"), [("analyst", False), ("editor", True), ("admin_user", True)])
def test_each_role_against_each_actor_form(request, role, allowed):
    client = _client(request, role)
    actor, state, duplicate = ActorFactory(), ActorFactory(name="Freedonia"), ActorFactory()
    expected = 302 if allowed else 403
    assert client.get(reverse("actor-edit", args=[actor.pk])).status_code == (200 if allowed else 403)
    assert (
        client.post(reverse("actor-alias-add", args=[actor.pk]), {"alias": "Ministry"}).status_code
        == expected
    )
    assert (
        client.post(
            reverse("actor-affiliation", args=[actor.pk]), {"affiliation": f"#{state.pk}"}
        ).status_code
        == expected
    )
    assert (
        client.post(reverse("actor-merge", args=[duplicate.pk]), {"into": str(actor.pk)}).status_code
        == expected
    )
    actor.refresh_from_db()
    duplicate.refresh_from_db()
    assert actor.aliases.filter(normalised="ministry").exists() is allowed
    assert (actor.affiliation == state) is allowed
    assert (duplicate.merged_into == actor) is allowed


@pytest.mark.parametrize(("role", "allowed"), [("editor", False), ("admin_user", True)])
def test_only_admins_undo_a_merge_over_http(request, role, allowed, editor):
    merge = actor_merge(user=editor, source=ActorFactory(), into=ActorFactory())
    client = _client(request, role)
    page = client.get(reverse("actor-edit", args=[merge.source_id])).content.decode()
    assert ("Undo merge" in page) is allowed
    response = client.post(reverse("actor-merge-undo", args=[merge.pk]))
    assert response.status_code == (302 if allowed else 403)
    assert ActorMerge.objects.get(pk=merge.pk).is_undone is allowed


def test_merge_by_alias_redirects_to_the_kept_actor_and_errors_are_shown(client, editor):
    kept = ActorAliasFactory(alias="DPRK", normalised="dprk").actor
    duplicate = ActorFactory()
    client.force_login(editor)
    response = client.post(reverse("actor-merge", args=[duplicate.pk]), {"into": "the DPRK"})
    assert response.url == reverse("actor-edit", args=[kept.pk])
    response = client.post(reverse("actor-merge", args=[kept.pk]), {"into": "Atlantis"}, follow=True)
    assert "No actor is known as “Atlantis”" in response.content.decode()
