"""The Content-Security-Policy header, and pages free of what it forbids."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from claimtrack.middleware import ContentSecurityPolicyMiddleware

pytestmark = pytest.mark.django_db

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'"
)
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def test_every_page_sends_the_policy_and_uses_nothing_it_forbids(client, admin_user, seed):
    urls = [
        reverse("login"),
        reverse("home"),
        reverse("timeline"),
        reverse("article-list"),
        reverse("article-detail", args=[seed.article.id]),
        reverse("actor-list"),
        reverse("actor-detail", args=[seed.prk.id]),
        reverse("ingest"),
    ]
    for i, url in enumerate(urls):
        if i == 1:
            client.force_login(admin_user)
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Security-Policy"] == POLICY, url
        html = response.content.decode()
        assert not INLINE.search(html), (url, INLINE.search(html))


def test_the_policy_comes_from_settings_and_can_exempt_a_path(rf):
    def view(request):
        from django.http import HttpResponse

        return HttpResponse("ok")

    with override_settings(
        CONTENT_SECURITY_POLICY="default-src 'none'", CONTENT_SECURITY_POLICY_EXEMPT_PATHS=["/api/docs/"]
    ):
        middleware = ContentSecurityPolicyMiddleware(view)
        assert middleware(rf.get("/timeline/"))["Content-Security-Policy"] == "default-src 'none'"
        assert "Content-Security-Policy" not in middleware(rf.get("/api/docs/"))
    with override_settings(CONTENT_SECURITY_POLICY=""):
        assert "Content-Security-Policy" not in ContentSecurityPolicyMiddleware(view)(rf.get("/"))


def test_home_shows_latest_articles_statements_and_what_waits_for_review(client, analyst, seed):
    client.force_login(analyst)
    response = client.get(reverse("home"))
    assert response.context["waiting"] == 5 and not response.context["waiting_more"]
    html = response.content.decode()
    assert seed.article.title in html and html.count('class="statement"') == 5
    assert 'href="/ingest/"' not in html  # analysts do not ingest


def test_waiting_count_is_capped(seed):
    from claims.selectors.articles import proposed_count

    assert proposed_count(cap=3) == (3, True)
    assert proposed_count(cap=5) == (5, False)
