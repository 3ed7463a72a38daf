"""The 403 and 404 pages: a person who follows a link they may not open, or one that leads
nowhere, learns why and keeps the site's navigation."""

import pytest
from django.urls import reverse

from actors.models import ActorAlias
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


def test_an_analyst_sent_to_an_editors_page_is_told_which_role_it_needs(client, analyst):
    client.force_login(analyst)
    response = client.get(reverse("review-queue"))
    html = response.content.decode()
    assert response.status_code == 403
    assert f"This page needs the editor role; {analyst.username} is an analyst." in html
    assert f'href="{reverse("timeline")}"' in html  # the site's navigation is still there


def test_a_user_without_a_role_is_told_so(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("timeline"))
    assert response.status_code == 403
    assert (
        f"This page needs the analyst role; {outsider.username} has no role yet." in response.content.decode()
    )


def test_a_missing_page_says_so_on_a_page_of_the_site(client, analyst):
    client.force_login(analyst)
    response = client.get("/actors/999999/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "There is nothing at /actors/999999/" in html and f'href="{reverse("timeline")}"' in html


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/timeline/", {"q": "shells\x00"}),
        ("get", "/articles/", {"outlet": "\x00"}),
        ("get", "/actors/", {"q": "\x00"}),
        ("get", "/threads/", {"q": "a\x00b"}),
        ("get", "/review/", {"actor": "\x00"}),
    ],
)
def test_a_nul_character_in_a_pages_parameters_is_a_400_that_says_so(client, editor, method, path, data):
    client.force_login(editor)
    response = getattr(client, method)(path, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "holds a NUL character (%00)" in html and f'href="{reverse("timeline")}"' in html


def test_a_nul_character_in_a_form_is_a_400_and_changes_nothing(client, editor):
    actor = ActorFactory(name="Ministry of Truth")
    client.force_login(editor)
    response = client.post(reverse("actor-alias-add", args=[actor.pk]), {"alias": "Mini\x00True"})
    assert response.status_code == 400 and "The form holds a NUL character" in response.content.decode()
    assert not ActorAlias.objects.filter(actor=actor).exists()
