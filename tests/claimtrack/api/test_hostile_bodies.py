"""Hostile request bodies against every write endpoint: always a 4xx, never a change (issue 14).

The endpoints are not listed by hand: they come from the OpenAPI schema (every POST, PUT, PATCH
and DELETE operation), and the URLconf is checked to hold no write route outside /api/ that takes
JSON, so an endpoint added later is covered without touching this file. Each gets the same bodies
as an authenticated admin, who may write everywhere: the refusal must come from the body, not
from a missing role.
"""

import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator

from accounts.roles import Role
from accounts.services import user_create_with_role
from claims.models import AnalysisJob, Thread
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, ClaimLinkFactory
from tests.support.api import token_client

pytestmark = pytest.mark.django_db

FIFTY_MB = 50 * 1024 * 1024


@dataclass(frozen=True)
class Body:
    name: str
    data: bytes
    content_type: str = "application/json"


def _nested(depth: int) -> bytes:
    return b'{"text": ' + b"[" * depth + b"]" * depth + b"}"


HOSTILE = [
    Body("1,000-deep arrays", b"[" * 1000 + b"]" * 1000),
    Body("1,000-deep inside an object", _nested(1000)),
    Body("100,000-deep arrays", b"[" * 100_000 + b"]" * 100_000),
    Body("50 MB", b'{"text": "' + b"a" * FIFTY_MB + b'"}'),
    Body("NUL byte", b'{"text": "North Korea\x00 denied it.", "version": 1}'),
    Body("NUL escape", b'{"text": "North Korea\\u0000 denied it.", "version": 1}'),
    Body("invalid UTF-8", b'{"text": "North Korea \xff\xfe denied it.", "version": 1}'),
    Body("5,000-digit integer", b'{"version": 1' + b"0" * 5000 + b', "speaker": 1, "article": 1}'),
    Body(
        "integer past 64 bits",
        b'{"version": 18446744073709551616, "speaker": 18446744073709551616, "article": 18446744073709551616, "source": 18446744073709551616, "target": 18446744073709551616, "articles": [18446744073709551616]}',
    ),
    Body("float overflow", b'{"version": 1e400, "confidence": 1e400}'),
    Body("NaN", b'{"version": NaN, "confidence": NaN}'),
    Body("Infinity", b'{"confidence": -Infinity}'),
    Body("duplicate keys", b'{"text": "Russia denied it.", "text": "Russia confirmed it."}'),
    Body("wrong content type", b'{"text": "Russia denied the report."}', "text/plain"),
    Body("form encoded", b"text=Russia+denied+the+report.", "application/x-www-form-urlencoded"),
    Body("no content type", b'{"text": "Russia denied the report."}', ""),
    Body("binary as JSON", bytes(range(256)) * 64),
    Body("binary", bytes(range(256)) * 64, "application/octet-stream"),
    Body("truncated", b'{"text": "Russia denied'),
    Body("empty", b""),
]


@dataclass(frozen=True)
class Endpoint:
    method: str
    template: str  # with {param} placeholders
    body_optional: bool  # an empty body is a valid request here (confirm, delete, cancel)

    def __str__(self) -> str:
        return f"{self.method} {self.template}"


def _api_endpoints() -> list[Endpoint]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema.get("components", {}).get("schemas", {})
    endpoints = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method not in ("post", "put", "patch", "delete"):
                continue
            body = operation.get("requestBody")
            required_fields: list = []
            if body:
                ref = body["content"].get("application/json", {}).get("schema", {}).get("$ref", "")
                required_fields = components.get(ref.rsplit("/", 1)[-1], {}).get("required", [])
            endpoints.append(Endpoint(method.upper(), path, body_optional=not required_fields))
    return endpoints


API_ENDPOINTS = _api_endpoints()


def test_the_generated_lists_cover_the_write_endpoints():
    names = {str(e) for e in API_ENDPOINTS}
    assert {
        "POST /api/v1/articles/",
        "POST /api/v1/claims/",
        "PATCH /api/v1/claims/{id}/",
        "DELETE /api/v1/links/{id}/",
    } <= names
    assert len(API_ENDPOINTS) >= 10


def test_every_json_route_is_under_the_api():
    # The strict body check (claimtrack.middleware.JSONBodyMiddleware) covers /api/; the editing
    # panel's old /edit/ JSON routes are gone, and no JSON write route may appear beside the API.
    routes = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                routes.append(route)

    walk(get_resolver().url_patterns, "")
    assert any(route.startswith("api/v1/") for route in routes)
    assert not [route for route in routes if route.startswith(("edit/", "json/"))]


@pytest.fixture
def rows():
    """One row of each kind an endpoint's path can name."""
    claim = ClaimFactory(speaker=ActorFactory(), target=ActorFactory())
    link = ClaimLinkFactory(source=claim, target=ClaimFactory(article=claim.article))
    return {
        "articles": ArticleFactory().pk,
        "actors": claim.speaker.pk,
        "claims": claim.pk,
        "links": link.pk,
        "jobs": AnalysisJob.objects.create(scope={"all": True}).pk,
        "threads": Thread.objects.create(statement_count=1).pk,
    }


def _path(template: str, rows: dict[str, int]) -> str:
    def fill(match: re.Match) -> str:
        resource = template[: match.start()].rstrip("/").rsplit("/", 1)[-1]
        assert resource in rows, f"{template}: no row for a {{{match[1]}}} of {resource!r}; add one to rows()"
        return str(rows[resource])

    return re.sub(r"\{(\w+)\}", fill, template)


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def _send(client, endpoint: Endpoint, path: str, body: Body):
    return client.generic(endpoint.method, path, data=body.data, content_type=body.content_type)


def _assert_all_refused(client, endpoint: Endpoint, path: str) -> None:
    before = _counts()
    failures = []
    for body in HOSTILE:
        if body.name == "empty" and endpoint.body_optional:
            continue  # a body-less confirm, cancel or delete is the documented request
        response = _send(client, endpoint, path, body)
        if not 400 <= response.status_code < 500:
            failures.append(f"{body.name}: {response.status_code} {response.content[:200]!r}")
        elif (after := _counts()) != before:
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            failures.append(f"{body.name}: {response.status_code} but rows changed {changed}")
    assert not failures, f"{endpoint}:\n" + "\n".join(failures)


@pytest.mark.parametrize("endpoint", API_ENDPOINTS, ids=str)
def test_every_api_write_refuses_every_hostile_body(endpoint, rows):
    admin = user_create_with_role(username="hostile-admin", password="x" * 20, role=Role.ADMIN)
    _assert_all_refused(token_client(admin), endpoint, _path(endpoint.template, rows))


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (HOSTILE[0], 400, "nested more than 64 levels"),
        (HOSTILE[3], 413, "limit"),
        (HOSTILE[6], 400, "not UTF-8"),
        (HOSTILE[7], 400, "too large"),
        (HOSTILE[10], 400, "NaN"),
        (HOSTILE[12], 400, "appears twice"),
        (HOSTILE[13], 415, "application/json"),
        (HOSTILE[16], 400, "not UTF-8"),
    ],
    ids=lambda v: v.name if isinstance(v, Body) else str(v),
)
def test_each_refusal_says_why(body, status, message, rows):
    admin = user_create_with_role(username="hostile-admin", password="x" * 20, role=Role.ADMIN)
    response = token_client(admin).generic(
        "POST", "/api/v1/articles/", data=body.data, content_type=body.content_type
    )
    assert response.status_code == status
    assert message in str(response.json().get("detail", response.json()))
