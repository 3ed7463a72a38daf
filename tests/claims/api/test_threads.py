"""/api/v1/threads/, `thread` on claims and in exports, cross-article links, editor decisions."""

import json
from datetime import timedelta

import pytest

from claims.models import Claim, ClaimLink, Thread
from claims.services.threading import article_thread
from tests.claims.services.test_threading import DAY, SHELLS, statement
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    usa = ActorFactory(name="United States", code="USA")
    prk = ActorFactory(name="North Korea", code="PRK")
    envoy = ActorFactory(name="North Korean ambassador", kind="person", affiliation=prk)
    claim = statement(SHELLS, speaker=usa, target=prk, outlet="Daily A")
    repeat = statement(
        "US officials say North Korea supplies artillery shells to Russia.",
        speaker=usa,
        target=prk,
        when=DAY + timedelta(days=1),
        outlet="Daily B",
    )
    denial = statement(
        "North Korea denied supplying artillery shells to Russia for the war in Ukraine",
        kind="denial",
        speaker=envoy,
        target=usa,
        when=DAY + timedelta(days=2),
        outlet="Daily C",
    )
    unrelated = statement("The central bank raised interest rates by half a point.", when=DAY)
    for c in (claim, repeat, denial, unrelated):
        article_thread(article_id=c.article_id)
    thread = Thread.objects.get()
    return {
        "usa": usa,
        "prk": prk,
        "envoy": envoy,
        "claim": claim,
        "repeat": repeat,
        "denial": denial,
        "unrelated": unrelated,
        "thread": thread,
    }


def ids(response):
    assert response.status_code == 200, response.content[:300]
    return [t["id"] for t in response.json()["results"]]


def test_threads_list_and_filters(as_analyst, story):
    thread = story["thread"]
    assert ids(as_analyst.get("/api/v1/threads/")) == [thread.id]
    listed = as_analyst.get("/api/v1/threads/").json()["results"][0]
    assert listed["counts"] == {
        "statements": 3,
        "articles": 3,
        "claim": 2,
        "accusation": 0,
        "denial": 1,
        "criticism": 0,
    }
    assert listed["title_claim"] == story["claim"].id

    prk, usa = story["prk"].id, story["usa"].id
    # The ambassador speaks for North Korea: North Korea is on the denying side.
    assert ids(as_analyst.get(f"/api/v1/threads/?actor={prk}&side=denying")) == [thread.id]
    assert ids(as_analyst.get(f"/api/v1/threads/?actor={prk}&side=asserting")) == []
    assert ids(as_analyst.get(f"/api/v1/threads/?actor={usa}&side=asserting")) == [thread.id]
    assert ids(as_analyst.get("/api/v1/threads/?kind=denial")) == [thread.id]
    assert ids(as_analyst.get("/api/v1/threads/?kind=criticism")) == []
    assert ids(as_analyst.get("/api/v1/threads/?q=artillery")) == [thread.id]
    assert ids(as_analyst.get("/api/v1/threads/?q=interest")) == []
    assert ids(as_analyst.get("/api/v1/threads/?outlet=Daily+C")) == [thread.id]
    assert ids(as_analyst.get("/api/v1/threads/?outlet=Nowhere")) == []
    assert ids(
        as_analyst.get(f"/api/v1/threads/?since={(DAY + timedelta(days=2)).isoformat()}".replace("+", "%2B"))
    ) == [thread.id]
    assert (
        ids(
            as_analyst.get(
                f"/api/v1/threads/?since={(DAY + timedelta(days=3)).isoformat()}".replace("+", "%2B")
            )
        )
        == []
    )
    assert ids(as_analyst.get(f"/api/v1/threads/?until={DAY.isoformat()}".replace("+", "%2B"))) == []


@pytest.mark.parametrize("query", ["side=sideways", "actor=abc", "kind=rumour", "since=yesterday"])
def test_bad_thread_filters_are_400(as_analyst, story, query):
    assert as_analyst.get(f"/api/v1/threads/?{query}").status_code == 400


def test_thread_detail_has_members_links_and_sides(as_analyst, story):
    response = as_analyst.get(f"/api/v1/threads/{story['thread'].id}/")
    assert response.status_code == 200 and response["ETag"]
    data = response.json()
    assert [m["id"] for m in data["members"]] == [story["claim"].id, story["repeat"].id, story["denial"].id]
    assert all(m["thread"] == story["thread"].id for m in data["members"])
    assert {(link["source"], link["relation"]) for link in data["links"]} >= {(story["denial"].id, "rebuts")}
    assert [a["id"] for a in data["sides"]["asserting"]] == [story["usa"].id]
    assert [a["id"] for a in data["sides"]["denying"]] == [story["envoy"].id]
    assert as_analyst.get("/api/v1/threads/999999/").status_code == 404
    assert as_analyst.get("/api/v1/threads/x/").status_code == 404


def test_claims_carry_their_thread_and_cross_article_links(as_analyst, story):
    denial = as_analyst.get(f"/api/v1/claims/{story['denial'].id}/").json()
    assert denial["thread"] == story["thread"].id
    assert set(denial["links"]["rebuts"]) & {story["claim"].id, story["repeat"].id}
    assert as_analyst.get(f"/api/v1/claims/{story['unrelated'].id}/").json()["thread"] is None


def test_every_export_names_the_thread(as_analyst, story):
    thread = story["thread"].id
    lines = [
        json.loads(line)
        for line in b"".join(as_analyst.get("/api/v1/claims/export/jsonl/").streaming_content).splitlines()
    ]
    assert {line["id"]: line["thread"] for line in lines}[story["claim"].id] == thread
    csv = b"".join(as_analyst.get("/api/v1/claims/export/csv/").streaming_content).decode()
    assert csv.splitlines()[0].endswith(",thread_id")
    cameo = b"".join(as_analyst.get("/api/v1/claims/export/cameo/").streaming_content).decode()
    assert cameo.splitlines()[0].endswith("\tThreadID")
    assert (
        f"threads/{thread}/"
        in b"".join(as_analyst.get("/api/v1/claims/export/annotations/").streaming_content).decode()
    )
    assert (
        f"threads/{thread}/"
        in b"".join(as_analyst.get("/api/v1/claims/export/schema-org/").streaming_content).decode()
    )


def test_updated_since_sees_a_statement_that_changed_thread(as_editor, story):
    later = Claim.objects.get(pk=story["repeat"].pk).updated_at + timedelta(microseconds=1)
    stamp = later.isoformat().replace("+00:00", "Z")
    assert as_editor.get(f"/api/v1/claims/?updated_since={stamp}").json()["results"] == []
    new = as_editor.post(
        f"/api/v1/threads/{story['thread'].id}/split/",
        {"claims": [story["repeat"].id], "version": story["thread"].version},
        format="json",
    )
    assert new.status_code == 201, new.content
    changed = as_editor.get(f"/api/v1/claims/?updated_since={stamp}").json()["results"]
    assert {c["id"]: c["thread"] for c in changed}[story["repeat"].id] == new.json()["id"]
    assert new.json()["id"] in ids(as_editor.get(f"/api/v1/threads/?updated_since={stamp}"))


def test_editor_rejects_a_cross_article_link_and_stale_versions_conflict(as_editor, story):
    link = ClaimLink.objects.filter(source=story["denial"]).first()
    assert (
        as_editor.post(
            f"/api/v1/links/{link.id}/reject/", {"version": link.version + 5}, format="json"
        ).status_code
        == 409
    )
    response = as_editor.post(f"/api/v1/links/{link.id}/reject/", {"version": link.version}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "rejected"
    assert as_editor.post(f"/api/v1/links/{link.id}/reject/", {}, format="json").status_code == 400
    assert (
        as_editor.post(f"/api/v1/links/{link.id}/confirm/", {"version": "1"}, format="json").status_code
        == 400
    )


def test_merge_and_move_through_the_api(as_editor, story):
    thread = story["thread"]
    other = Thread.objects.create(statement_count=0)
    moved = as_editor.post(
        f"/api/v1/threads/{other.id}/move/",
        {"claim": story["unrelated"].id, "version": story["unrelated"].version},
        format="json",
    )
    assert moved.status_code == 200 and moved.json()["counts"]["statements"] == 1
    other.refresh_from_db()
    merged = as_editor.post(
        f"/api/v1/threads/{other.id}/merge/",
        {"into": thread.id, "version": other.version, "into_version": thread.version},
        format="json",
    )
    assert merged.status_code == 200, merged.content
    assert merged.json()["id"] == thread.id and merged.json()["counts"]["statements"] == 4
    gone = as_editor.get(f"/api/v1/threads/{other.id}/").json()
    assert gone["merged_into"] == thread.id
    assert other.id not in ids(as_editor.get("/api/v1/threads/"))
    assert as_editor.post(
        f"/api/v1/threads/{thread.id}/merge/",
        {"into": thread.id, "version": 1, "into_version": 1},
        format="json",
    ).status_code in (400, 409)


def test_an_unknown_thread_or_statement_in_the_body_is_a_400_on_that_field(as_editor, story):
    thread, claim = story["thread"], story["unrelated"]
    merged = as_editor.post(
        f"/api/v1/threads/{thread.id}/merge/",
        {"into": 999999, "version": thread.version, "into_version": 1},
        format="json",
    )
    assert merged.status_code == 400 and merged.json() == {"into": ["No such object: 999999."]}
    moved = as_editor.post(
        f"/api/v1/threads/{thread.id}/move/", {"claim": 999999, "version": 1}, format="json"
    )
    assert moved.status_code == 400 and moved.json() == {"claim": ["No such object: 999999."]}
    assert Thread.objects.get().merged_into_id is None
    assert Claim.objects.get(pk=claim.pk).thread_id is None


@pytest.mark.parametrize(
    "query",
    [
        "q=%16",
        "until=0719-08-20T16%3A48%3A40.8%2B20%3A30",
        "cursor=&q=%16&until=0719-08-20T16%3A48%3A40.8%2B20%3A30",
    ],
)
def test_odd_but_valid_thread_filters_never_fail(as_analyst, story, query):
    assert as_analyst.get(f"/api/v1/threads/?{query}").status_code in (200, 400)


def _stamp(moment) -> str:
    return (moment + timedelta(microseconds=1)).isoformat().replace("+00:00", "Z")


def test_updated_since_sees_statements_a_rethread_job_placed(
    as_editor, story, django_capture_on_commit_callbacks
):
    # Threading state lost, and every statement last changed long ago.
    Thread.objects.all().delete()
    Claim.objects.update(thread=None, updated_at=DAY)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_editor.post(
            "/api/v1/jobs/", {"scope": {"all": True}, "task": "rethread"}, format="json"
        )
    assert response.status_code == 201
    thread = Thread.objects.get()
    changed = as_editor.get(f"/api/v1/claims/?updated_since={_stamp(DAY)}").json()["results"]
    assert {c["id"]: c["thread"] for c in changed} == {
        story[name].id: thread.id for name in ("claim", "repeat", "denial")
    }


def test_updated_since_sees_a_rejected_statement_leave_a_thread_that_is_deleted(as_editor):
    from claims.services.threading import threads_refresh

    thread = Thread.objects.create(statement_count=1)
    claim = statement(SHELLS)
    Claim.objects.filter(pk=claim.pk).update(thread=thread, review_status="rejected", updated_at=DAY)
    threads_refresh(thread_ids=[thread.id])  # no visible member left: the machine's thread goes

    assert not Thread.objects.filter(pk=thread.id).exists()
    changed = as_editor.get(f"/api/v1/claims/?status=rejected&updated_since={_stamp(DAY)}").json()["results"]
    assert [(c["id"], c["thread"]) for c in changed] == [(claim.id, None)]
