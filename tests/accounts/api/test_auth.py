"""Token authentication (keys stored hashed), session authentication, throttling."""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from accounts.api_tokens import api_token_create, api_token_revoke
from accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def _get(header: str | None):
    client = APIClient()
    if header is not None:
        client.credentials(HTTP_AUTHORIZATION=header)
    return client.get("/api/v1/claims/")


def test_only_a_digest_of_the_key_is_stored(analyst):
    issued = api_token_create(user=analyst, name="sync")
    row = ApiToken.objects.values().get(pk=issued.token.pk)
    assert issued.key not in {str(v) for v in row.values()}
    assert row["digest"] != issued.key and len(row["digest"]) == 64
    assert _get(f"Token {issued.key}").status_code == 200
    assert _get(f"Bearer {issued.key}").status_code == 200


@pytest.mark.parametrize(
    "header", [None, "Token", "Token a b", "Token ct_not-a-real-key", "Token ünïcode", "Basic dXNlcjpwYXNz"]
)
def test_missing_or_bad_credentials_are_a_401(header):
    response = _get(header)
    assert response.status_code == 401
    assert "WWW-Authenticate" in response


def test_revoked_tokens_and_inactive_users_are_refused(analyst):
    revoked = api_token_create(user=analyst)
    api_token_revoke(token=revoked.token)
    assert _get(f"Token {revoked.key}").status_code == 401
    live = api_token_create(user=analyst)
    analyst.is_active = False
    analyst.save()
    assert _get(f"Token {live.key}").status_code == 401


def test_create_api_token_command_prints_a_working_key(editor, capsys):
    call_command("create_api_token", editor.username, "--name", "ci")
    key = capsys.readouterr().out.strip()
    assert _get(f"Token {key}").status_code == 200
    assert ApiToken.objects.get(user=editor).name == "ci"


def test_session_authentication_works_and_needs_csrf_for_writes(editor):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.get("/api/v1/claims/").status_code == 200
    refused = client.post("/api/v1/articles/", {"text": "Hello.\n\nIt said so."}, format="json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]


def test_throttling_limits_token_clients(analyst, monkeypatch):
    from django.core.cache import cache
    from rest_framework.throttling import UserRateThrottle

    cache.clear()
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/minute", "anon": "3/minute"})
    key = api_token_create(user=analyst).key
    statuses = [_get(f"Token {key}").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    cache.clear()
