"""Password guessing (issue 13): five wrong passwords lock that username from that address."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from accounts.roles import Role
from accounts.services import user_create_with_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "the right password, long enough"


@pytest.fixture
def demo_admin():
    user = UserFactory(username="demo-admin", role=Role.ADMIN)
    user.set_password(PASSWORD)
    user.save()
    return user


def _login(client, username, password, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_account_from_that_address_with_a_429_page(client, demo_admin):
    for _ in range(4):
        response = _login(client, "demo-admin", "wrong guess")
        assert response.status_code == 200  # the form again, with its error
    locked = _login(client, "demo-admin", "wrong guess")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert "demo-admin" in locked.content.decode()
    # Locked means locked: even the right password is refused now, and no session starts.
    right = _login(client, "demo-admin", PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_username_and_address(client, demo_admin):
    for _ in range(5):
        _login(client, "demo-admin", "wrong guess", address="10.0.0.1")
    # The same account from another address still logs in: a guesser cannot lock others out.
    elsewhere = _login(client, "demo-admin", PASSWORD, address="10.0.0.2")
    assert elsewhere.status_code == 302
    # And another user from the guesser's address is not affected.
    other = UserFactory(username="other", role=Role.ANALYST)
    other.set_password(PASSWORD)
    other.save()
    client.logout()
    assert _login(client, "other", PASSWORD, address="10.0.0.1").status_code == 302


def test_the_lock_lifts_after_the_cool_off_time(client, demo_admin, settings):
    from datetime import timedelta

    for _ in range(5):
        _login(client, "demo-admin", "wrong guess")
    assert _login(client, "demo-admin", PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    assert _login(client, "demo-admin", PASSWORD).status_code == 302


def test_a_success_before_the_limit_clears_the_count(client, demo_admin):
    for _ in range(4):
        _login(client, "demo-admin", "wrong guess")
    assert _login(client, "demo-admin", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert _login(client, "demo-admin", "wrong guess").status_code == 200


def test_an_admin_unlocks_the_account_in_the_admin_site(client, demo_admin):
    for _ in range(5):
        _login(client, "demo-admin", "wrong guess")
    attempt = AccessAttempt.objects.get(username="demo-admin")
    unlocker = user_create_with_role(username="unlocker", password="x" * 20, role=Role.ADMIN)
    admin_client = client.__class__()
    admin_client.force_login(unlocker)
    url = reverse("admin:axes_accessattempt_changelist")
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url, {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert _login(client, "demo-admin", PASSWORD).status_code == 302
