"""A database outage answers 503 with Retry-After (JSON under /api/), never Django's HTML 500."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import IntegrityError, OperationalError, connection
from django.test import Client

from tests.support.api import token_client

pytestmark = pytest.mark.django_db


@contextmanager
def database_down() -> Iterator[None]:
    """Every query fails the way psycopg reports a server that went away."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(refuse):
        yield


def test_an_api_request_during_an_outage_gets_json_503(analyst):
    client = token_client(analyst)  # the token is created before the outage
    client.raise_request_exception = False
    with database_down():
        response = client.get("/api/v1/claims/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "The database is not answering; try again in a moment."}
    assert response["Retry-After"] == "30"


def test_a_page_during_an_outage_gets_a_plain_503_page(analyst):
    client = Client(raise_request_exception=False)
    client.force_login(analyst)
    with database_down():
        response = client.get("/")  # the session lookup in middleware fails first
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"Temporarily unavailable" in response.content
    assert b"Traceback" not in response.content


def test_a_bug_stays_a_500_without_retry_after(analyst, monkeypatch):
    from claims.api import claims as claims_api

    def broken(*args, **kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(claims_api.ClaimViewSet, "list", broken)
    client = token_client(analyst)
    client.raise_request_exception = False
    response = client.get("/api/v1/claims/")
    assert response.status_code == 500
    assert response.json() == {"detail": "The server failed to answer this request."}
    assert "Retry-After" not in response
