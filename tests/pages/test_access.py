"""Every analyst page against every role: one table, so a new page cannot forget its check."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

READ = "analyst"
EDIT = "editor"

# (url name, needs the id of, least role that may open it)
PAGES = [
    ("home", None, READ),
    ("timeline", None, READ),
    ("article-list", None, READ),
    ("article-detail", "article", READ),
    ("article-status", "article", READ),
    ("actor-list", None, READ),
    ("actor-detail", "actor", READ),
    ("ingest", None, EDIT),
    ("actor-review", None, EDIT),
]
ROLES = ["anonymous", "outsider", "analyst", "editor", "admin_user"]
RANK = {"outsider": 0, "analyst": 1, "editor": 2, "admin_user": 3}


def _url(name, needs, seed):
    if needs is None:
        return reverse(name)
    return reverse(name, args=[seed.article.id if needs == "article" else seed.prk.id])


@pytest.mark.parametrize(("name", "needs", "least"), PAGES)
@pytest.mark.parametrize("who", ROLES)
def test_each_role_against_each_page(client, request, seed, name, needs, least, who):
    url = _url(name, needs, seed)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(url)
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif RANK[who] >= RANK[least]:
        assert response.status_code == 200, response.content[:300]
    else:
        assert response.status_code == 403


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
