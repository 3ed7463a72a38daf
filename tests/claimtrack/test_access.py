"""Every page of the site against every role, generated from the URLconf.

The routes come from `get_resolver()`, not from a list kept by hand: a route without a row in
ACCESS fails `test_every_route_has_a_row_in_the_access_table`, so a new page cannot skip its role
check. The API (`/api/`) has its own table (tests/claimtrack/api/test_roles.py) and the Django
admin its own staff check (tests/accounts/views/test_admin_site.py); login and logout are public.
"""

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from claims.models import AnalysisJob
from claims.services.actor_merging import actor_merge
from claims.services.editing import claim_update
from history.models import ChangeRecord

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "analyst", "editor", "admin_user"]
RANK = {"outsider": 0, "analyst": 1, "editor": 2, "admin_user": 3}
READ, EDIT, ADMIN = "analyst", "editor", "admin_user"

# Route prefixes with access tests of their own (see the module docstring).
ELSEWHERE = ("admin/", "api/")
PUBLIC = {"login", "logout"}


@dataclass(frozen=True)
class Access:
    method: str
    least: str  # the least role that gets through
    obj: str | None = None  # what the route's id names


# url name -> who may open it. One row per name; the route's id is filled from `obj`.
ACCESS = {
    "home": Access("get", READ),
    "article-list": Access("get", READ),
    "article-detail": Access("get", READ, "article"),
    "article-status": Access("get", READ, "article"),
    "timeline": Access("get", READ),
    "actor-list": Access("get", READ),
    "actor-detail": Access("get", READ, "actor"),
    "ingest": Access("post", EDIT),
    "review-queue": Access("get", EDIT),
    "review-quality": Access("get", EDIT),
    "review-decide": Access("post", EDIT, "claim"),
    "actor-review": Access("get", EDIT),
    "actor-review-decide": Access("post", EDIT, "actor"),
    "job-list": Access("get", READ),
    "job-start": Access("post", EDIT),
    "job-detail": Access("get", READ, "job"),
    "job-status": Access("get", READ, "job"),
    "job-cancel": Access("post", EDIT, "job"),
    "job-retry-failed": Access("post", EDIT, "job"),
    "history-recent": Access("get", EDIT),
    "history-claim": Access("get", EDIT, "claim"),
    "history-article": Access("get", EDIT, "article"),
    # The page lets editors in; reverting itself is for admins (the service refuses editors).
    "history-revert": Access("post", ADMIN, "change"),
    "actor-edit": Access("get", EDIT, "actor"),
    "actor-alias-add": Access("post", EDIT, "actor"),
    "actor-affiliation": Access("post", EDIT, "actor"),
    "actor-merge": Access("post", EDIT, "actor"),
    "actor-merge-undo": Access("post", ADMIN, "merge"),
}


def _routes(patterns, prefix: str = ""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.name


def site_routes() -> dict[str, str]:
    """url name -> route of every page outside ELSEWHERE (the first route wins, as in resolving)."""
    routes: dict[str, str] = {}
    for route, name in _routes(get_resolver().url_patterns):
        if route.startswith(ELSEWHERE) or name in PUBLIC:
            continue
        routes.setdefault(name, route)
    return routes


def test_every_route_has_a_row_in_the_access_table():
    routes = site_routes()
    assert None not in routes, f"a route without a name cannot be checked: {routes.get(None)}"
    assert sorted(set(routes) - set(ACCESS)) == [], "routes without a row in ACCESS"
    assert sorted(set(ACCESS) - set(routes)) == [], "rows in ACCESS for routes that are gone"


@pytest.fixture
def objects(seed, editor, admin_user):
    """One of each object a route can name, with an editor's change and a merge to undo."""
    claim_update(user=editor, claim=seed.nk_denial, expected_version=1, note="checked")
    merge = actor_merge(user=admin_user, source=seed.deputy, into=seed.prk)
    return {
        "article": seed.article.pk,
        "actor": seed.usa.pk,
        "claim": seed.us_claim.pk,
        "job": AnalysisJob.objects.create(scope={"all": True}, status="running", total=1, enqueued=1).pk,
        "change": ChangeRecord.objects.filter(object_id=seed.nk_denial.pk).latest("id").pk,
        "merge": merge.pk,
    }


def _refused(response) -> str | None:
    """How the page refused: 'login' (sent to log in), 'forbidden', or None (it let the user in)."""
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return "login"
    if response.status_code == 403:
        return "forbidden"
    return None


@pytest.mark.parametrize("name", sorted(ACCESS))
@pytest.mark.parametrize("who", ROLES)
def test_each_role_against_each_page(client, request, objects, name, who):
    access = ACCESS[name]
    url = reverse(name, args=[objects[access.obj]] if access.obj else [])
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = getattr(client, access.method)(url)
    if who == "anonymous":
        assert _refused(response) == "login", (response.status_code, response.content[:200])
    elif RANK[who] >= RANK[access.least]:
        assert _refused(response) is None, (response.status_code, response.content[:200])
        assert response.status_code < 500
    else:
        assert _refused(response) == "forbidden", (response.status_code, response.content[:200])


@pytest.mark.parametrize(("who", "status"), [("analyst", 403), ("editor", 302), ("outsider", 403)])
def test_only_editors_may_post_to_ingest(client, request, seed, who, status):
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("ingest"), {"source": "text", "text": "Talks failed, the ministry said."})
    assert response.status_code == status


def test_anonymous_post_to_ingest_goes_to_login(client):
    response = client.post(reverse("ingest"), {"source": "text", "text": "Talks failed."})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "args"), [("article-detail", [999999]), ("actor-detail", [999999])])
def test_missing_objects_are_404_not_500(client, analyst, name, args):
    client.force_login(analyst)
    assert client.get(reverse(name, args=args)).status_code == 404


def test_missing_article_status_is_a_json_404(client, analyst):
    client.force_login(analyst)
    response = client.get(reverse("article-status", args=[999999]))
    assert response.status_code == 404 and response.json() == {"error": "No such article."}
