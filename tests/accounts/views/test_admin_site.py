"""The admin role manages users in the admin site (issue 13); lower roles cannot open it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import Role, user_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.ANALYST, 302), (Role.EDITOR, 302), (Role.ADMIN, 200)],
)
def test_only_the_admin_role_opens_user_management(client, role, status):
    from accounts.services import user_create_with_role

    user = user_create_with_role(username=f"u-{role.value}", password="x" * 20, role=role)
    client.force_login(user)
    for url in (reverse("admin:auth_user_changelist"), reverse("admin:auth_user_add")):
        assert client.get(url).status_code == status, url


def test_an_admin_gives_a_user_a_role_through_the_admin_site(client):
    from accounts.services import user_create_with_role

    admin = user_create_with_role(username="boss", password="x" * 20, role=Role.ADMIN)
    target = UserFactory(username="newcomer")
    client.force_login(admin)
    url = reverse("admin:auth_user_change", args=[target.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        k: v
        for k, v in form.initial.items()
        if v is not None and k not in ("password", "groups", "user_permissions", "last_login")
    }
    data.update(
        {
            "username": "newcomer",
            "groups": [Group.objects.get(name="editor").pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
            "is_active": "on",
            "is_superuser": "on",  # read-only for a non-superuser: must be ignored
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )
    target.refresh_from_db()
    delattr(target, "_claimtrack_role") if hasattr(target, "_claimtrack_role") else None
    assert user_role(target) == Role.EDITOR
    assert not target.is_superuser


def test_an_admin_cannot_change_a_superuser(client):
    from accounts.services import user_create_with_role

    admin = user_create_with_role(username="boss", password="x" * 20, role=Role.ADMIN)
    root = get_user_model().objects.create_superuser("root", password="y" * 20)
    client.force_login(admin)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[root.pk]),
        {"password1": "z" * 20, "password2": "z" * 20},
    )
    assert response.status_code == 403
    root.refresh_from_db()
    assert root.check_password("y" * 20)
