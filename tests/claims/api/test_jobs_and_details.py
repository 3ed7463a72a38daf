"""Analysis jobs through the API, and conditional GET on every detail endpoint."""

import pytest

from claims.models import AnalysisJob
from tests.factories import ActorFactory, ArticleFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db


def test_create_job_records_the_scope_and_who_asked(as_editor, editor, django_capture_on_commit_callbacks):
    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = as_editor.post(
            "/api/v1/jobs/", {"scope": {"articles": [article.id], "outlet": "Wire"}}, format="json"
        )
    assert response.status_code == 201, response.content
    job = AnalysisJob.objects.get(pk=response.json()["id"])
    assert job.scope == {"articles": [article.id], "outlet": "Wire"}
    assert job.requested_by == editor
    assert len(callbacks) == 1  # the fan-out is queued after commit


@pytest.mark.parametrize(
    "scope",
    [
        {},
        {"all": True, "outlet": "Wire"},
        {"since": "2026-02-01T00:00:00Z", "until": "2026-01-01T00:00:00Z"},
        {"articles": [0]},
        {"articles": ["1"]},
        {"actor": 10**7},
        {"articles": [10**7]},
        {"everything": True},
    ],
)
def test_bad_scopes_are_a_400_and_start_nothing(as_editor, scope):
    response = as_editor.post("/api/v1/jobs/", {"scope": scope}, format="json")
    assert response.status_code == 400, response.content
    assert "scope" in response.json()
    assert not AnalysisJob.objects.exists()


def test_cancel_stops_an_active_job_and_a_finished_one_is_a_409(as_editor):
    job = AnalysisJob.objects.create(scope={"all": True})
    response = as_editor.post(f"/api/v1/jobs/{job.id}/cancel/")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    again = as_editor.post(f"/api/v1/jobs/{job.id}/cancel/")
    assert again.status_code == 409 and "detail" in again.json()


@pytest.mark.parametrize("kind", ["articles", "actors", "links", "jobs"])
def test_every_detail_answers_if_none_match_with_304(as_analyst, kind):
    obj = {
        "articles": ArticleFactory,
        "actors": ActorFactory,
        "links": ClaimLinkFactory,
        "jobs": lambda: AnalysisJob.objects.create(scope={"all": True}),
    }[kind]()
    url = f"/api/v1/{kind}/{obj.pk}/"
    etag = as_analyst.get(url).headers["ETag"]
    assert as_analyst.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert as_analyst.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_rethread_job_is_started_and_reported_with_its_task_and_threading_counts(
    as_editor, django_capture_on_commit_callbacks
):
    ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_editor.post(
            "/api/v1/jobs/", {"scope": {"all": True}, "task": "rethread"}, format="json"
        )
    assert response.status_code == 201, response.content
    assert response.json()["task"] == "rethread"
    detail = as_editor.get(f"/api/v1/jobs/{response.json()['id']}/").json()
    assert (detail["task"], detail["status"], detail["total"], detail["done"]) == ("rethread", "done", 1, 1)
    assert {"links_added", "links_removed", "threads_created", "threads_merged"} <= detail.keys()
    assert detail["extractor_version"] == ""


@pytest.mark.parametrize("task", ["dance", 1, None, ["rethread"]])
def test_an_unknown_task_is_a_400_and_starts_nothing(as_editor, task):
    response = as_editor.post("/api/v1/jobs/", {"scope": {"all": True}, "task": task}, format="json")
    assert response.status_code == 400, response.content
    assert "task" in response.json()
    assert not AnalysisJob.objects.exists()
