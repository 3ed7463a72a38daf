import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article

pytestmark = pytest.mark.django_db


def test_load_demo_loads_the_seed_article_once_and_prints_accounts(capsys):
    call_command("load_demo")
    call_command("load_demo")
    out = capsys.readouterr().out
    assert Article.objects.count() == 1
    assert "already loaded" in out
    for role in ("analyst", "editor", "admin"):
        assert f"demo-{role}" in out


def test_home_lists_articles_for_analysts_and_escapes_titles(client, analyst):
    from tests.factories import ArticleFactory

    ArticleFactory(title="<script>alert(1)</script> Talks fail")
    client.force_login(analyst)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; Talks fail" in response.content
    assert b"<script>alert(1)" not in response.content


def test_home_sends_anonymous_users_to_login_and_refuses_users_without_role(client, outsider):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(outsider)
    assert client.get(reverse("home")).status_code == 403
