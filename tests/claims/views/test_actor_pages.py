from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from actors.lookup import find_actor
from actors.selectors import actor_list
from claims.charts.months import month_bars
from claims.models import Claim
from claims.selectors.actor_page import actor_page
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_actor_page_gathers_what_it_and_its_officials_said_and_who_attacked_it(
    seed, django_assert_num_queries
):
    with django_assert_num_queries(11):
        page = actor_page(actor_id=seed.prk.id, today=date(2022, 12, 1))
        _ = [a.alias for a in page.actor.aliases.all()], [m.name for m in page.actor.members.all()]
    assert {c.id for c in page.said["denial"]} == {seed.nk_denial.id, seed.dd_denial.id}
    assert [c.id for c in page.said["criticism"]] == [seed.nk_criticises_un.id]
    assert page.said_counts == {"denial": 2, "criticism": 1}
    assert [c.id for c in page.against] == [seed.un_condemns.id]  # the US claim is a claim, not an attack
    assert page.accusers == [(seed.uno, 1)]
    # The chart ends with the actor's latest statement (September 2022), not today.
    assert len(page.months) == 24 and page.months[-1].month == date(2022, 9, 1)
    assert {m.month: m.count for m in page.months}[date(2022, 9, 1)] == 3


def test_an_actor_whose_statements_are_all_undated_gets_no_chart_of_empty_months(client, analyst):
    article = ArticleFactory(published_at=None, body="The ministry denied the report outright.")
    claim = ClaimFactory(article=article, kind="denial")
    assert actor_page(actor_id=claim.speaker_id).months == []
    client.force_login(analyst)
    html = client.get(reverse("actor-detail", args=[claim.speaker_id])).content.decode()
    assert '<svg class="bars"' not in html and "up to the latest statement" not in html
    assert "No dated statements" in html


def test_month_bars_scale_to_the_busiest_month():
    from claims.selectors.actor_page import MonthCount

    bars = month_bars(
        [MonthCount(date(2026, 1, 1), 0), MonthCount(date(2026, 2, 1), 4), MonthCount(date(2026, 3, 1), 2)]
    )
    assert [b.height for b in bars] == [0, 92, 46]
    assert bars[1].y == 8 and bars[0].show_label and not bars[1].show_label


def test_find_by_name_prefers_the_name_then_any_alias(seed):
    assert find_actor("north korea") == seed.prk
    assert find_actor("DPRK") == seed.prk
    assert find_actor("Atlantis") is None and find_actor("  ") is None


def test_actor_list_searches_names_and_aliases(seed):
    assert [a.name for a in actor_list(search="pyong")] == ["North Korea"]
    assert {a.name for a in actor_list(search="united")} == {"United States", "United Nations"}
    assert [a.name for a in actor_list(kind="person")] == [seed.deputy.name]


def test_actor_page_renders_chart_members_aliases_and_escapes(client, analyst, seed):
    seed.prk.description = "<script>x</script>"
    seed.prk.save()
    client.force_login(analyst)
    html = client.get(reverse("actor-detail", args=[seed.prk.id])).content.decode()
    assert '<svg class="bars"' in html and html.count('<rect class="bar"') == 24
    assert "Pyongyang" in html and seed.deputy.name in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html
    assert f"?actor={seed.prk.id}&amp;role=target&amp;kind=accusation&amp;kind=criticism" in html


def test_actor_list_page(client, analyst, seed):
    client.force_login(analyst)
    html = client.get(reverse("actor-list"), {"q": "korea"}).content.decode()
    assert f'href="/actors/{seed.prk.id}/"' in html and "United States" not in html


def test_busy_actor_page_query_count_is_fixed(client, analyst, seed, django_assert_max_num_queries):
    article = ArticleFactory(body="z " * 500, published_at=datetime(2022, 10, 1, tzinfo=UTC))
    for i in range(40):
        ClaimFactory(
            article=article,
            speaker=seed.prk,
            target=seed.usa,
            kind=Claim.Kind.values[i % 4],
            content_start=i * 2,
            content_end=i * 2 + 1,
        )
    client.force_login(analyst)
    with django_assert_max_num_queries(16):  # session, user, role + the page's 11 + its threads' 2
        assert client.get(reverse("actor-detail", args=[seed.prk.id])).status_code == 200
