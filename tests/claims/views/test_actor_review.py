"""The actor review queue: proposed actors with their statements; confirm, reject or merge, each
through the actor services and recorded in the history; editors only, on the page and the API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from actors.models import Actor
from claims.models import Claim
from claims.selectors.actor_review import actor_review_queue
from history.models import ChangeRecord
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed():
    article = ArticleFactory(title="Border talks")
    minister = ActorFactory(name="Deputy minister Ri", kind="person", status="proposed")
    typo = ActorFactory(name="Noth Korea", status="proposed")
    junk = ActorFactory(name="The Statement", kind="organisation", status="proposed")
    for n in range(4):
        ClaimFactory(article=article, speaker=minister, quote_text=f"the border was closed {n}")
    ClaimFactory(article=article, speaker=typo, quote_text="talks failed")
    return {"minister": minister, "typo": typo, "junk": junk, "korea": ActorFactory(name="North Korea")}


def test_the_queue_lists_proposed_actors_with_their_statements_in_few_queries(
    proposed, django_assert_num_queries
):
    with django_assert_num_queries(3):
        page = actor_review_queue()
    assert [a.name for a in page.actors] == ["Deputy minister Ri", "Noth Korea", "The Statement"]
    minister = page.actors[0]
    assert minister.statement_count == 4 and len(minister.shown_statements) == 3
    assert page.waiting == 3 and page.next_after is None
    assert actor_review_queue(limit=2).next_after == proposed["typo"].pk


def test_an_editor_confirms_rejects_and_merges_from_the_page(proposed, editor, client):
    client.force_login(editor)
    page = client.get(reverse("actor-review")).content.decode()
    assert "Deputy minister Ri" in page and "the border was closed 0" in page and "4 statements" in page

    decide = lambda actor, **data: client.post(reverse("actor-review-decide", args=[actor.pk]), data)  # noqa: E731
    assert decide(proposed["minister"], decision="confirm").status_code == 302
    assert decide(proposed["junk"], decision="reject").status_code == 302
    assert decide(proposed["typo"], decision="merge", into="North Korea").status_code == 302

    minister, junk, typo = (Actor.objects.get(pk=proposed[k].pk) for k in ("minister", "junk", "typo"))
    assert (minister.status, junk.status, typo.merged_into_id) == (
        "confirmed",
        "rejected",
        proposed["korea"].pk,
    )
    assert Claim.objects.get(quote_text="talks failed").speaker_id == proposed["korea"].pk
    records = ChangeRecord.objects.filter(object_id__in=[minister.pk, junk.pk, typo.pk], user=editor)
    assert records.count() == 3
    assert ChangeRecord.objects.get(object_id=minister.pk).after == {"status": "confirmed"}
    assert actor_review_queue().actors == []  # nothing left to ask about

    # Deciding twice is refused with a message, and nothing changes.
    response = client.post(
        reverse("actor-review-decide", args=[minister.pk]), {"decision": "reject"}, follow=True
    )
    assert "is confirmed, not proposed" in response.content.decode()
    assert Actor.objects.get(pk=minister.pk).status == "confirmed"


@pytest.mark.parametrize(
    ("into", "message"),
    [
        ("", "into: Type an actor: a name, an alias or #id."),
        ("#999999", "into: There is no actor #999999."),
        ("  Nowhere   Land ", "into: No actor is known as “Nowhere Land”."),
    ],
)
def test_a_merge_into_an_actor_that_cannot_be_found_says_why(proposed, editor, client, into, message):
    client.force_login(editor)
    typo = proposed["typo"]
    response = client.post(
        reverse("actor-review-decide", args=[typo.pk]), {"decision": "merge", "into": into}, follow=True
    )
    assert f'<p class="message error">{message}</p>' in response.content.decode()
    assert Actor.objects.get(pk=typo.pk).merged_into_id is None


def test_analysts_cannot_open_or_post_the_queue(proposed, analyst, client):
    client.force_login(analyst)
    assert client.get(reverse("actor-review")).status_code == 403
    url = reverse("actor-review-decide", args=[proposed["minister"].pk])
    assert client.post(url, {"decision": "confirm"}).status_code == 403
    assert Actor.objects.get(pk=proposed["minister"].pk).status == "proposed"


@pytest.mark.parametrize(("role", "status"), [("analyst", 403), ("editor", 200), ("admin_user", 200)])
def test_the_api_confirms_rejects_and_merges_for_editors_only(request, proposed, role, status):
    api = APIClient()
    api.force_authenticate(request.getfixturevalue(role))
    listed = api.get("/api/v1/actors/?status=proposed").json()["results"]
    assert {a["name"] for a in listed} == {"Deputy minister Ri", "Noth Korea", "The Statement"}
    minister, junk, typo = proposed["minister"], proposed["junk"], proposed["typo"]
    assert api.post(f"/api/v1/actors/{minister.pk}/confirm/").status_code == status
    assert api.post(f"/api/v1/actors/{junk.pk}/reject/").status_code == status
    merged = api.post(f"/api/v1/actors/{typo.pk}/merge/", {"into": proposed["korea"].pk}, format="json")
    assert merged.status_code == status
    if status == 200:
        assert merged.json()["id"] == proposed["korea"].pk
        assert api.post(f"/api/v1/actors/{minister.pk}/confirm/").status_code == 400  # already decided
        bad = api.post(f"/api/v1/actors/{junk.pk}/merge/", {"into": 999_999}, format="json")
        assert bad.status_code == 400 and "into" in bad.json()
    else:
        assert Actor.objects.filter(status="proposed").count() == 3
