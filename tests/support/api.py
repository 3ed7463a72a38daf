"""API test clients authenticated by token, for every test (a pytest plugin of tests/conftest.py)."""

import pytest
from rest_framework.test import APIClient

from accounts.api_tokens import api_token_create


def token_client(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=user).key}")
    return client


@pytest.fixture
def client_for():
    """A client authenticated by API token as `user` (anonymous for None)."""
    return token_client


@pytest.fixture
def as_analyst(analyst):
    return token_client(analyst)


@pytest.fixture
def as_editor(editor):
    return token_client(editor)


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    # Throttle counters live in the cache; without this, anonymous requests from earlier tests
    # (all from 127.0.0.1) would add up to a 429 somewhere later in the run.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
