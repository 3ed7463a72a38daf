"""Jobs pages and the status endpoint: each role against each endpoint, then what they show."""

import re

import pytest
from django.urls import reverse

from claims.models import AnalysisJob, AnalysisJobArticle, AnalysisJobFailure
from tests.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "analyst", "editor", "admin_user"]
# (method, url name, needs a job, expected status per role in ROLES order)
ENDPOINTS = [
    ("get", "job-list", False, [302, 403, 200, 200, 200]),
    ("get", "job-detail", True, [302, 403, 200, 200, 200]),
    ("get", "job-status", True, [302, 403, 200, 200, 200]),
    ("post", "job-start", False, [302, 403, 403, 302, 302]),
    ("post", "job-cancel", True, [302, 403, 403, 302, 302]),
    ("post", "job-retry-failed", True, [302, 403, 403, 302, 302]),
]


@pytest.fixture
def job():
    return AnalysisJob.objects.create(scope={"all": True}, status="running", total=3, enqueued=3, done=1)


@pytest.mark.parametrize(("method", "name", "needs_job", "expected"), ENDPOINTS)
@pytest.mark.parametrize("role_index", range(len(ROLES)))
def test_each_role_against_each_endpoint(client, request, job, method, name, needs_job, expected, role_index):
    role = ROLES[role_index]
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    url = reverse(name, args=[job.pk] if needs_job else [])
    response = getattr(client, method)(url, {"all": "on"} if name == "job-start" else {})
    assert response.status_code == expected[role_index]
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login"))
    job.refresh_from_db()
    if name == "job-cancel":
        assert (job.status == "cancelled") == (expected[role_index] == 302 and role != "anonymous")
    if name == "job-start":
        started = AnalysisJob.objects.exclude(pk=job.pk).exists()
        assert started == (role in ("editor", "admin_user"))


def test_an_editor_starts_a_job_from_the_form(client, editor):
    a, b = ArticleFactory(), ArticleFactory()
    client.force_login(editor)
    response = client.post(reverse("job-start"), {"articles": f"{a.pk}, {b.pk}", "outlet": ""})
    job = AnalysisJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("job-detail", args=[job.pk])
    assert job.scope == {"articles": [a.pk, b.pk]} and job.requested_by == editor


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Say which articles"),
        ({"articles": "12 abc"}, "Not an article id"),
        ({"articles": "999999"}, "There is no article #999999."),
        ({"actor": "Nobody Known"}, "No actor is known"),
        ({"all": "on", "outlet": "X"}, "cannot be combined"),
        ({"since": "2025-01-02", "until": "2025-01-01"}, "must be before"),
        ({"since": "not a date"}, "Enter a valid date"),
    ],
)
def test_a_bad_start_form_says_why_and_starts_nothing(client, editor, data, message):
    client.force_login(editor)
    response = client.post(reverse("job-start"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AnalysisJob.objects.exists()


def test_analysts_see_jobs_but_no_start_form_or_buttons(client, analyst, job):
    client.force_login(analyst)
    listing = client.get(reverse("job-list")).content.decode()
    assert f"#{job.pk}" in listing and "Start job" not in listing
    detail = client.get(reverse("job-detail", args=[job.pk])).content.decode()
    assert "Cancel job" not in detail and "Retry failed" not in detail
    assert 'href="/jobs/"' in client.get(reverse("job-list")).content.decode()  # the nav link


def test_detail_page_has_the_progress_bar_buttons_and_no_inline_script_or_style(client, editor, job):
    client.force_login(editor)
    html = client.get(reverse("job-detail", args=[job.pk])).content.decode()
    assert re.search(r'<progress id="job-progress" max="3" value="1"', html)
    assert f'data-status-url="/jobs/{job.pk}/status.json"' in html
    assert "Cancel job" in html and 'name="csrfmiddlewaretoken"' in html
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert " style=" not in html
    assert "js/jobs.js" in html


def test_failures_are_listed_with_their_reason_and_escaped(client, analyst, job):
    article = ArticleFactory(title="<b>bold title</b>")
    AnalysisJobFailure.objects.create(job=job, article=article, error="ValueError: <script>alert(1)</script>")
    AnalysisJobArticle.objects.create(job=job, article_id=article.pk, outcome="failed")
    client.force_login(analyst)
    html = client.get(reverse("job-detail", args=[job.pk])).content.decode()
    assert "ValueError: &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold title&lt;/b&gt;" in html and "<b>bold" not in html


def test_status_json_has_the_counts_and_failures(client, analyst, job, django_assert_num_queries):
    article = ArticleFactory()
    AnalysisJobFailure.objects.create(job=job, article=article, error="boom")
    client.force_login(analyst)
    client.get(reverse("job-list"))  # warm the session and role caches
    with django_assert_num_queries(5):  # session, user, groups, job, failures
        data = client.get(reverse("job-status", args=[job.pk])).json()
    assert data["status"] == "running" and (data["total"], data["done"], data["failed"]) == (3, 1, 0)
    assert data["progress"] == pytest.approx(1 / 3, abs=1e-3)
    assert data["failures"] == [
        {
            "article_id": article.pk,
            "article_title": article.title,
            "error": "boom",
            "article_url": reverse("article-detail", args=[article.pk]),
        }
    ]


def test_list_page_queries_do_not_grow_with_jobs(client, analyst, editor, django_assert_num_queries):
    client.force_login(analyst)
    client.get(reverse("job-list"))
    for _ in range(5):
        AnalysisJob.objects.create(scope={"outlet": "X"}, requested_by=editor)
    with django_assert_num_queries(4):  # session, user, groups, jobs with their requesters
        assert client.get(reverse("job-list")).status_code == 200


def test_missing_jobs_are_404(client, analyst):
    client.force_login(analyst)
    assert client.get(reverse("job-detail", args=[999999])).status_code == 404
    assert client.get(reverse("job-status", args=[999999])).status_code == 404


@pytest.mark.parametrize("status", [s for s, _ in AnalysisJob.Status.choices])
def test_the_page_is_told_which_statuses_are_still_going_by_the_server(client, analyst, status):
    job = AnalysisJob.objects.create(scope={"all": True}, status=status)
    client.force_login(analyst)
    html = client.get(reverse("job-detail", args=[job.pk])).content.decode()
    assert 'data-active-statuses="queued running"' in html
    data = client.get(reverse("job-status", args=[job.pk])).json()
    assert data["active"] is (status in ("queued", "running")) is job.is_active


def test_an_editor_starts_a_rethread_job_and_the_pages_say_what_it_is(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    response = client.post(reverse("job-start"), {"task": "rethread", "articles": str(article.pk)})
    job = AnalysisJob.objects.get()
    assert response.status_code == 302 and job.task == "rethread"
    detail = client.get(reverse("job-detail", args=[job.pk])).content.decode()
    assert f"Re-threading job {job.pk}" in detail and "nothing extracted" in detail
    assert 'data-field="links_added"' in detail and 'data-field="claims_added"' not in detail
    listing = client.get(reverse("job-list")).content.decode()
    assert "<td>Re-threading</td>" in listing and 'value="rethread"' in listing
    data = client.get(reverse("job-status", args=[job.pk])).json()
    assert (data["task"], data["task_display"]) == ("rethread", "Re-threading")
    assert {"links_added", "links_removed", "threads_created", "threads_merged"} <= data.keys()


def test_an_unknown_task_in_the_form_says_why_and_starts_nothing(client, editor):
    client.force_login(editor)
    response = client.post(reverse("job-start"), {"task": "dance", "all": "on"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert not AnalysisJob.objects.exists()


def test_a_job_started_for_a_typed_actor_name_shows_which_actor_it_found(client, editor):
    actor = ActorFactory(name="Kim Son Gyong")
    client.force_login(editor)
    response = client.post(reverse("job-start"), {"actor": "kim son gyong"}, follow=True)
    job = AnalysisJob.objects.get()
    assert job.scope == {"actor": actor.pk}
    assert f"actor Kim Son Gyong (#{actor.pk})" in response.content.decode()
    assert f"actor Kim Son Gyong (#{actor.pk})" in client.get(reverse("job-list")).content.decode()
    status = client.get(reverse("job-status", args=[job.pk])).json()
    assert status["scope"] == f"actor Kim Son Gyong (#{actor.pk})"
