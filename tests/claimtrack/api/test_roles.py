"""Each role against each endpoint: anonymous 401, no role 403, analysts read, editors also write."""

import pytest

from accounts.roles import Role
from claims.models import AnalysisJob, Claim, ClaimLink, Thread
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, ClaimLinkFactory, UserFactory
from tests.support.api import token_client

pytestmark = pytest.mark.django_db

READ, WRITE = "read", "write"
# What each role gets back: (read endpoints, write endpoints).
EXPECTED = {
    None: (401, 401),
    "outsider": (403, 403),
    Role.ANALYST: (200, 403),
    Role.EDITOR: (200, "ok"),
    Role.ADMIN: (200, "ok"),
}


@pytest.fixture
def world():
    article = ArticleFactory(
        body="The ministry denied that it had shipped shells. Officials said talks failed."
    )
    claim = ClaimFactory(article=article, content_start=4, content_end=46)
    other = ClaimFactory(article=article, content_start=48, content_end=76)
    link = ClaimLinkFactory(source=claim, target=other, relation=ClaimLink.Relation.REBUTS)
    job = AnalysisJob.objects.create(scope={"all": True})
    actor = ActorFactory()
    # A split must leave a statement in the thread: `stays` is that one.
    stays = ClaimFactory(article=article, content_start=0, content_end=3)
    thread, thread2 = Thread.objects.create(statement_count=2), Thread.objects.create(statement_count=1)
    Claim.objects.filter(pk__in=[claim.pk, stays.pk]).update(thread=thread)
    Claim.objects.filter(pk=other.pk).update(thread=thread2)
    return {
        "article": article,
        "claim": claim,
        "other": other,
        "link": link,
        "job": job,
        "actor": actor,
        "thread": thread,
        "thread2": thread2,
    }


ENDPOINTS = [
    # (kind, method, path, body, success status)
    (READ, "get", "/api/v1/articles/", None, 200),
    (READ, "get", "/api/v1/articles/{article}/", None, 200),
    (WRITE, "post", "/api/v1/articles/", lambda w: {"text": "A new article.\n\nThe minister said so."}, 201),
    (
        WRITE,
        "post",
        "/api/v1/articles/bulk/",
        lambda w: {"articles": [{"text": "Bulk one.\n\nIt said so."}]},
        200,
    ),
    (READ, "get", "/api/v1/actors/", None, 200),
    (READ, "get", "/api/v1/actors/{actor}/", None, 200),
    (READ, "get", "/api/v1/claims/", None, 200),
    (READ, "get", "/api/v1/claims/{claim}/", None, 200),
    (
        WRITE,
        "post",
        "/api/v1/claims/",
        lambda w: {"article": w["article"].id, "kind": "claim", "content_spans": [[48, 76]]},
        201,
    ),
    (WRITE, "patch", "/api/v1/claims/{claim}/", lambda w: {"version": 1, "kind": "denial"}, 200),
    (WRITE, "post", "/api/v1/claims/{claim}/confirm/", lambda w: {"version": 1}, 200),
    (WRITE, "post", "/api/v1/claims/{claim}/reject/", lambda w: {"version": 1}, 200),
    (READ, "get", "/api/v1/links/", None, 200),
    (READ, "get", "/api/v1/links/{link}/", None, 200),
    (
        WRITE,
        "post",
        "/api/v1/links/",
        lambda w: {"source": w["other"].id, "target": w["claim"].id, "relation": "supports"},
        201,
    ),
    (WRITE, "delete", "/api/v1/links/{link}/", None, 204),
    (READ, "get", "/api/v1/jobs/", None, 200),
    (READ, "get", "/api/v1/changes/", None, 200),
    (READ, "get", "/api/v1/jobs/{job}/", None, 200),
    (WRITE, "post", "/api/v1/jobs/", lambda w: {"scope": {"articles": [w["article"].id]}}, 201),
    (WRITE, "post", "/api/v1/jobs/{job}/cancel/", None, 200),
    (WRITE, "post", "/api/v1/links/{link}/confirm/", lambda w: {"version": 1}, 200),
    (WRITE, "post", "/api/v1/links/{link}/reject/", lambda w: {"version": 1}, 200),
    (READ, "get", "/api/v1/threads/", None, 200),
    (READ, "get", "/api/v1/threads/{thread}/", None, 200),
    (
        WRITE,
        "post",
        "/api/v1/threads/{thread}/merge/",
        lambda w: {"into": w["thread2"].id, "version": 1, "into_version": 1},
        200,
    ),
    (
        WRITE,
        "post",
        "/api/v1/threads/{thread}/split/",
        lambda w: {"claims": [w["claim"].id], "version": 1},
        201,
    ),
    (WRITE, "post", "/api/v1/threads/{thread2}/move/", lambda w: {"claim": w["claim"].id, "version": 1}, 200),
    (READ, "get", "/api/v1/claims/export/csv/", None, 200),
    (READ, "get", "/api/v1/claims/export/jsonl/", None, 200),
    (READ, "get", "/api/v1/claims/export/annotations/", None, 200),
    (READ, "get", "/api/v1/claims/export/schema-org/", None, 200),
    (READ, "get", "/api/v1/claims/export/cameo/", None, 200),
]


@pytest.mark.parametrize("role", list(EXPECTED), ids=lambda r: str(r or "anonymous"))
@pytest.mark.parametrize(
    ("kind", "method", "path", "body", "success"), ENDPOINTS, ids=[f"{e[1]} {e[2]}" for e in ENDPOINTS]
)
def test_role_against_endpoint(world, role, kind, method, path, body, success):
    if role is None:
        user = None
    elif role == "outsider":
        user = UserFactory()
    else:
        user = UserFactory(role=role)
    client = token_client(user)
    url = path.format(**{name: obj.pk for name, obj in world.items()})
    before = (Claim.objects.count(), ClaimLink.objects.count(), AnalysisJob.objects.count())

    response = getattr(client, method)(url, body(world) if body else None, format="json")

    expected = EXPECTED[role][0 if kind == READ else 1]
    assert response.status_code == (success if expected == "ok" else expected), response.content[:300]
    if expected != "ok" and kind == WRITE:
        # A refused write leaves everything as it was.
        assert (Claim.objects.count(), ClaimLink.objects.count(), AnalysisJob.objects.count()) == before
        assert Claim.objects.get(pk=world["claim"].pk).version == 1
        assert Claim.objects.get(pk=world["claim"].pk).thread_id == world["thread"].pk
        assert ClaimLink.objects.get(pk=world["link"].pk).review_status == "proposed"
        assert Thread.objects.get(pk=world["thread"].pk).version == 1
