import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, ReviewStatus
from claims.selectors.timeline import TimelineCursor, TimelineFilters, claim_timeline, timeline_order
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db


def _filters(query: str) -> TimelineFilters:
    return TimelineFilters.from_query(QueryDict(query))


def _ids(page):
    return [c.id for c in page.claims]


def test_newest_article_first_then_position_in_the_article():
    old = ArticleFactory(published_at=datetime(2024, 1, 1, tzinfo=UTC), body="x" * 100)
    new = ArticleFactory(published_at=datetime(2025, 1, 1, tzinfo=UTC), body="y" * 100)
    late_in_new = ClaimFactory(article=new, content_start=50, content_end=60)
    early_in_new = ClaimFactory(article=new, content_start=5, content_end=10)
    in_old = ClaimFactory(article=old)
    undated = ClaimFactory(article=ArticleFactory(published_at=None))
    page = claim_timeline(filters=TimelineFilters())
    assert _ids(page) == [undated.id, early_in_new.id, late_in_new.id, in_old.id]


def test_keyset_pages_cover_everything_once_across_equal_dates_and_nulls():
    day = datetime(2025, 3, 1, tzinfo=UTC)
    articles = [ArticleFactory(published_at=day, body=f"{i}" * 200) for i in range(3)]
    articles.append(ArticleFactory(published_at=None, body="n" * 200))
    articles.append(ArticleFactory(published_at=day - timedelta(days=1), body="o" * 200))
    for article in articles:
        for start in (0, 0, 30, 60):  # two statements at one position: the id breaks the tie
            ClaimFactory(article=article, content_start=start, content_end=start + 10)
    expected = _ids(claim_timeline(filters=TimelineFilters(), limit=1000))
    seen, cursor = [], None
    while True:
        page = claim_timeline(filters=TimelineFilters(), after=cursor, limit=3)
        seen += _ids(page)
        if page.next_cursor is None:
            break
        cursor = TimelineCursor.decode(page.next_cursor.encode())
    assert seen == expected and len(seen) == 20


@pytest.mark.parametrize(
    ("query", "queries"),
    [
        ("kind=claim&status=proposed&outlet=Example+News", 3),
        # A search reads the undated matches with the newest 90 days, then (the page is not
        # full) the oldest date, which says there is nothing older to read (claim_search_page).
        ("kind=claim&status=proposed&q=shell&outlet=Example+News", 4),
    ],
)
def test_a_page_costs_a_fixed_number_of_queries_however_many_rows_and_links(
    django_assert_num_queries, query, queries
):
    article = ArticleFactory(body="shells " * 100, published_at=timezone.now() - timedelta(days=1))
    claims = [ClaimFactory(article=article, content_start=i * 7, content_end=i * 7 + 6) for i in range(30)]
    for source, target in zip(claims[1:], claims, strict=False):
        ClaimLinkFactory(source=source, target=target)
    with django_assert_num_queries(queries):
        page = claim_timeline(filters=_filters(query))
        assert len(page.claims) == 30
        for claim in page.claims:
            _ = [(link.target.speaker, link.target.article.title) for link in claim.answers]
            _ = [(link.source.speaker, link.source.article.title) for link in claim.answered_by]
            _ = (claim.speaker.affiliation, claim.target, claim.article.outlet)


def test_search_pages_across_date_slices_are_the_plain_query_s_pages():
    newest = datetime(2026, 6, 1, 12, tzinfo=UTC)
    ages = [
        timedelta(0),
        timedelta(days=89, hours=23),
        timedelta(days=90),
        timedelta(days=450),
        timedelta(days=3000),
    ]
    for n, published_at in enumerate([newest - age for age in ages] + [None]):
        article = ArticleFactory(
            published_at=published_at, body=f"Shells were shipped, officials said ({n})."
        )
        for start in (0, 0, 5):
            ClaimFactory(article=article, content_start=start, quote_text=f"shells were shipped {n}")
        ClaimFactory(article=article, content_start=3, quote_text="officials said", kind=Claim.Kind.DENIAL)
    plain = Claim.objects.visible().filter(quote_text__contains="shells").order_by(*timeline_order())
    expected = list(plain.values_list("id", flat=True))
    seen, cursor = [], None
    while True:
        page = claim_timeline(filters=_filters("q=shells&kind=claim"), after=cursor, limit=2)
        seen += _ids(page)
        if page.next_cursor is None:
            break
        cursor = TimelineCursor.decode(page.next_cursor.encode())
    assert seen == expected and len(expected) == 18


def test_filtering_by_actor_adds_one_query(django_assert_num_queries, seed):
    with django_assert_num_queries(4):
        page = claim_timeline(filters=_filters(f"actor={seed.prk.id}"))
    assert page.actor == seed.prk


def test_actor_filter_counts_its_officials_and_respects_the_role(seed):
    as_speaker = _ids(claim_timeline(filters=_filters(f"actor={seed.prk.id}&role=speaker")))
    # The deputy director speaks for North Korea, so their denial is North Korea's too.
    assert set(as_speaker) == {seed.nk_denial.id, seed.dd_denial.id, seed.nk_criticises_un.id}
    as_target = _ids(claim_timeline(filters=_filters(f"actor={seed.prk.id}&role=target")))
    assert set(as_target) == {seed.us_claim.id, seed.un_condemns.id}
    either = _ids(claim_timeline(filters=_filters(f"actor={seed.prk.id}")))
    assert set(either) == set(as_speaker) | set(as_target)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=denial", {"nk_denial", "dd_denial"}),
        ("kind=claim&kind=criticism", {"us_claim", "un_condemns", "nk_criticises_un"}),
        ("q=ammunition", {"us_claim", "nk_denial"}),
        ('q="weapons agreements"', {"dd_denial"}),
        (
            "since=2022-09-22&until=2022-09-22",
            {"us_claim", "nk_denial", "dd_denial", "un_condemns", "nk_criticises_un"},
        ),
        ("since=2022-09-23", set()),
        ("until=2022-09-21", set()),
        ("outlet=Seed+article", {"us_claim", "nk_denial", "dd_denial", "un_condemns", "nk_criticises_un"}),
        ("outlet=Other", set()),
        ("status=confirmed", {"un_condemns"}),
    ],
)
def test_filters(seed, query, expected):
    Claim.objects.filter(id=seed.un_condemns.id).update(review_status=ReviewStatus.CONFIRMED)
    names = {
        getattr(seed, n).id: n
        for n in ("us_claim", "nk_denial", "dd_denial", "un_condemns", "nk_criticises_un")
    }
    assert {names[i] for i in _ids(claim_timeline(filters=_filters(query)))} == expected


def test_rejected_statements_are_hidden(seed):
    Claim.objects.filter(id=seed.us_claim.id).update(review_status=ReviewStatus.REJECTED)
    page = claim_timeline(filters=TimelineFilters())
    assert seed.us_claim.id not in _ids(page)
    denial = next(c for c in page.claims if c.id == seed.nk_denial.id)
    assert denial.answers == []  # nor shown as the claim a denial answers


def test_filters_round_trip_through_the_url_and_bad_values_are_reported_not_raised():
    query = "actor=7&role=target&kind=denial&kind=bogus&since=2026-01-01&until=nope&outlet=TASS&status=edited&q=shells"
    filters = _filters(query)
    assert filters.actor == 7 and filters.actor_role == "target" and filters.kinds == ("denial",)
    assert filters.since == date(2026, 1, 1) and filters.until is None and filters.errors
    assert _filters("&".join(f"{k}={v}" for k, v in filters.as_query())) == filters


@pytest.mark.parametrize("token", ["", "garbage", "W1tdXQ", "bnVsbA", "WyJ4IiwxLDIsM10"])
def test_a_bad_cursor_means_the_first_page(token):
    assert TimelineCursor.decode(token) is None


def test_timeline_page_shows_threads_badges_and_the_lane_chart(client, analyst, seed):
    client.force_login(analyst)
    response = client.get(reverse("timeline"), {"actor": seed.prk.id})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="badge kind-denial"' in html
    assert f'for <a href="/actors/{seed.prk.id}/">North Korea</a>' in html  # the deputy's state
    # The US claim shows the denials that answer it, and each denial the claim it answers.
    assert html.count('<span class="rel">answered by</span>') >= 2
    assert '<span class="rel">answers</span>' in html
    assert 'class="lane-chart"' in html and f"#claim-{seed.nk_denial.id}" in html


def test_typing_an_actor_name_or_alias_redirects_to_the_shareable_url(client, analyst, seed):
    client.force_login(analyst)
    for name in ("North Korea", "dprk", "Pyongyang"):
        response = client.get(reverse("timeline"), {"who": name, "kind": "denial"})
        assert response.status_code == 302
        assert f"actor={seed.prk.id}" in response["Location"] and "kind=denial" in response["Location"]
    response = client.get(reverse("timeline"), {"who": "Atlantis"})
    assert response.status_code == 200 and "No actor is called “Atlantis”" in response.content.decode()


def test_changing_or_emptying_the_actor_box_replaces_the_actor_filtered_by(client, analyst, seed):
    client.force_login(analyst)
    # What the form sends from ?actor=<North Korea>: the box, and the id in a hidden field.
    kept = client.get(reverse("timeline"), {"who": "North Korea", "actor": seed.prk.id, "kind": "denial"})
    assert kept.status_code == 200 and "<h1>Timeline: North Korea</h1>" in kept.content.decode()

    changed = client.get(
        reverse("timeline"), {"who": "United States", "actor": seed.prk.id, "kind": "denial"}
    )
    assert changed.status_code == 302
    landed = client.get(changed["Location"], follow=True)
    assert (
        f"actor={seed.usa.id}" in landed.redirect_chain[-1][0]
        and "kind=denial" in landed.redirect_chain[-1][0]
    )
    assert "<h1>Timeline: United States</h1>" in landed.content.decode()

    emptied = client.get(reverse("timeline"), {"who": "", "actor": seed.prk.id, "kind": "denial"})
    assert (
        emptied.status_code == 302
        and "actor=" not in emptied["Location"]
        and "who=" not in emptied["Location"]
    )
    assert "kind=denial" in emptied["Location"]

    unknown = client.get(reverse("timeline"), {"who": "Atlantis", "actor": seed.prk.id}, follow=True)
    html = unknown.content.decode()
    assert "No actor is called “Atlantis”" in html and "<h1>Timeline</h1>" in html


def test_the_page_query_count_does_not_grow_with_rows(client, analyst, django_assert_max_num_queries):
    article = ArticleFactory(body="v" * 2000)
    speakers = [ActorFactory() for _ in range(15)]
    for i in range(60):
        ClaimFactory(article=article, speaker=speakers[i % 15], content_start=i * 20, content_end=i * 20 + 9)
    client.force_login(analyst)
    # Session, user, role, then the 3 timeline queries: a page of 50 rows, 15 lanes.
    with django_assert_max_num_queries(6):
        response = client.get(reverse("timeline"))
    assert response.status_code == 200 and response.content.count(b'class="statement"') == 50


def test_next_page_link_and_htmx_rows(client, analyst):
    article = ArticleFactory(body="u" * 2000)
    for i in range(55):
        ClaimFactory(article=article, content_start=i * 20, content_end=i * 20 + 9)
    client.force_login(analyst)
    first = client.get(reverse("timeline"), {"kind": "claim"})
    next_query = first.context["next_query"]
    assert "kind=claim" in next_query and "after=" in next_query
    rest = client.get(f"{reverse('timeline')}?{next_query}", headers={"HX-Request": "true"})
    assert rest.content.count(b'class="statement"') == 5
    assert b"<html" not in rest.content and b"Older statements" not in rest.content


def test_statement_text_is_escaped(client, analyst):
    article = ArticleFactory(body='<img src=x onerror="alert(1)"> said the ministry.')
    ClaimFactory(article=article, content_start=0, content_end=30, quote_text=article.body[:30])
    client.force_login(analyst)
    html = client.get(reverse("timeline")).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_the_lane_charts_last_date_label_ends_at_its_tick_inside_the_chart(client, analyst):
    for day in (1, 2):
        ClaimFactory(article=ArticleFactory(published_at=datetime(2026, 12, day, 9, tzinfo=UTC)))
    client.force_login(analyst)
    html = client.get(reverse("timeline")).content.decode()
    ticks = re.findall(r'<text class="tick" x="[\d.]+" y="12" text-anchor="(\w+)">', html)
    assert ticks == ["middle"] * 4 + ["end"]


def test_a_direct_quote_that_holds_its_own_quotation_marks_is_not_given_a_second_pair(client, analyst):
    body = "“We never sent shells,” the envoy said. He called it slander."
    article = ArticleFactory(body=body)
    marked = ClaimFactory(article=article, direct_quote=True, content_start=0, content_end=23)
    bare = ClaimFactory(article=article, direct_quote=True, content_start=40, content_end=61)
    client.force_login(analyst)
    html = client.get(reverse("timeline")).content.decode()
    assert '<blockquote class="quote">“We never sent shells,”</blockquote>' in html
    assert f'<blockquote class="quote direct">{bare.quote_text}</blockquote>' in html
    assert marked.quote_text == "“We never sent shells,”"


@pytest.mark.parametrize("page", ["timeline", "thread-list"])
def test_the_last_date_there_is_is_refused_with_a_message_not_a_500(client, analyst, page):
    client.force_login(analyst)
    response = client.get(reverse(page), {"until": "9999-12-31", "since": "0001-01-01"})
    assert response.status_code == 200
    assert "until must be before 9999-12-31." in response.content.decode()


@pytest.mark.parametrize("page", ["timeline", "thread-list"])
def test_a_date_range_that_ends_before_it_starts_says_so(client, analyst, page):
    client.force_login(analyst)
    response = client.get(reverse(page), {"since": "2026-02-01", "until": "2026-01-01"})
    assert "since (2026-02-01) is after until (2026-01-01): nothing can match." in response.content.decode()
    same_day = client.get(reverse(page), {"since": "2026-01-01", "until": "2026-01-01"})
    assert "nothing can match" not in same_day.content.decode()
