"""The thread pages: one thread (proposition, sides, chart, statements, links, editors' actions)
and the list with its filters; fixed query counts; article text escaped."""

from datetime import timedelta

import pytest
from django.urls import reverse

from actors.models import Actor
from articles.models import Article
from claims.models import Claim, ClaimLink, ReviewStatus, Thread
from claims.services.threading import article_thread
from tests.claims.services.test_threading import DAY, SHELLS, statement
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def threaded_story(extra_repeats: int = 0):
    """A US claim, a repeat by an outlet of its own, North Korea's ambassador denying it; threaded."""
    usa = ActorFactory(name="United States", code="USA")
    prk = ActorFactory(name="North Korea", code="PRK")
    russia = ActorFactory(name="Russia", code="RUS")
    envoy = ActorFactory(name="Alexander Yakovenko", kind=Actor.Kind.PERSON, affiliation=russia)
    claims = [
        statement(SHELLS, speaker=usa, target=prk, outlet="Wire One"),
        statement(
            "Officials say North Korea sends artillery shells to Russia.",
            speaker=envoy,
            when=DAY + timedelta(days=1),
            outlet="Daily Two",
        ),
        *(
            statement(
                f"Reports say North Korea ships artillery shells to Russia, day {i}.",
                speaker=usa,
                when=DAY + timedelta(days=2, hours=i),
                outlet=f"Outlet {i}",
            )
            for i in range(extra_repeats)
        ),
        statement(
            "North Korea denied sending artillery shells to Russia",
            kind="denial",
            speaker=prk,
            target=usa,
            when=DAY + timedelta(days=3),
            outlet="KCNA Watch",
        ),
    ]
    for claim in claims:
        article_thread(article_id=claim.article_id)
    for claim in claims:
        claim.refresh_from_db()
    assert len({c.thread_id for c in claims}) == 1 and claims[0].thread_id is not None
    return claims


def _page(client, user, thread_id):
    client.force_login(user)
    return client.get(reverse("thread-detail", args=[thread_id]))


def test_an_analyst_sees_the_proposition_sides_chart_and_statements_in_their_articles(client, analyst):
    claims = threaded_story()
    response = _page(client, analyst, claims[0].thread_id)
    assert response.status_code == 200
    html = response.content.decode()
    page = response.context["page"]
    assert page.thread.title == SHELLS and SHELLS in html
    assert [a.name for a in page.sides["asserting"]] == ["United States", "Alexander Yakovenko"]
    assert [a.name for a in page.sides["denying"]] == ["North Korea"]
    # The envoy speaks for his state, as on the timeline.
    assert 'class="for">for <a' in html and ">Russia</a>" in html
    chart = response.context["chart"]
    assert [lane.label for lane in chart.lanes] == ["Wire One", "Daily Two", "KCNA Watch"]
    sides = {dot.claim.id: dot.side for dot in chart.dots}
    assert sides == {claims[0].id: "asserting", claims[1].id: "asserting", claims[2].id: "denying"}
    # Denials sit below their outlet's line, assertions above; later statements further right.
    lane_of = {lane.label: lane.y for lane in chart.lanes}
    dots = {dot.claim.id: dot for dot in chart.dots}
    assert dots[claims[2].id].y > lane_of["KCNA Watch"] > dots[claims[0].id].y - 100
    assert dots[claims[0].id].x < dots[claims[1].id].x < dots[claims[2].id].x
    for claim in claims:
        assert f'href="/articles/{claim.article_id}/#claim-{claim.id}"' in html
    counts = {kind: n for kind, _, n in page.counts}
    assert (counts["claim"], counts["denial"]) == (2, 1)
    # Analysts get no editing actions, and no script that would offer them.
    assert 'id="thread-edit"' not in html and "js/thread.js" not in html
    assert 'data-action="reject-link"' not in html


def test_an_editor_gets_the_actions_with_the_versions_they_state(client, editor):
    claims = threaded_story()
    html = _page(client, editor, claims[0].thread_id).content.decode()
    thread = Thread.objects.get(pk=claims[0].thread_id)
    assert 'id="thread-edit"' in html and f'data-version="{thread.version}"' in html
    assert "js/thread.js" in html and "csrfmiddlewaretoken" in html
    for link in ClaimLink.objects.filter(source__in=claims):
        assert f'data-action="reject-link" data-link-id="{link.id}" data-version="{link.version}"' in html
    assert html.count('name="split"') == 3
    assert 'data-merge-url="/api/v1/threads/0/merge/"' in html


def test_a_rejected_link_is_listed_as_rejected_without_actions_to_reject_it_again(client, editor):
    claims = threaded_story()
    link = ClaimLink.objects.filter(source=claims[1]).first() or ClaimLink.objects.first()
    ClaimLink.objects.filter(pk=link.pk).update(review_status=ReviewStatus.REJECTED)
    html = _page(client, editor, claims[0].thread_id).content.decode()
    assert f'id="link-{link.id}" data-link-id="{link.id}" data-status="rejected"' in html
    assert f'data-action="reject-link" data-link-id="{link.id}"' not in html


def test_analysts_are_refused_the_thread_writes(client, analyst):
    claims = threaded_story()
    client.force_login(analyst)
    link = ClaimLink.objects.first()
    response = client.post(
        reverse("v1:link-reject", args=[link.id]), {"version": link.version}, content_type="application/json"
    )
    assert response.status_code == 403
    thread = Thread.objects.get(pk=claims[0].thread_id)
    response = client.post(
        reverse("v1:thread-split", args=[thread.id]),
        {"claims": [claims[0].id], "version": thread.version},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert ClaimLink.objects.get(pk=link.pk).review_status == ReviewStatus.PROPOSED
    assert Thread.objects.count() == 1


def test_a_merged_threads_page_leads_to_the_thread_that_took_its_statements(client, analyst):
    survivor = Thread.objects.create(title="kept", statement_count=1)
    gone = Thread.objects.create(title="gone", merged_into=survivor)
    response = _page(client, analyst, gone.id)
    assert response.status_code == 302 and response["Location"] == reverse(
        "thread-detail", args=[survivor.id]
    )


def test_the_thread_page_reads_in_a_fixed_number_of_queries(client, analyst, django_assert_max_num_queries):
    small = threaded_story()
    client.force_login(analyst)
    # Session, user and roles, then the thread, its members and its links.
    with django_assert_max_num_queries(6):
        client.get(reverse("thread-detail", args=[small[0].thread_id]))
    Article.objects.all().delete()
    Thread.objects.all().delete()
    big = threaded_story(extra_repeats=8)
    assert Thread.objects.get(pk=big[0].thread_id).statement_count == 11
    with django_assert_max_num_queries(6):
        response = client.get(reverse("thread-detail", args=[big[0].thread_id]))
    assert len(response.context["page"].members) == 11


PAYLOAD = "<script>alert('x')</script>"


def test_article_text_is_escaped_on_the_thread_page(client, editor):
    text = f"North Korea is supplying artillery shells to Russia {PAYLOAD}"
    article = ArticleFactory(
        title=f"Shells {PAYLOAD}", body=text, outlet=f"Outlet {PAYLOAD}", published_at=DAY
    )
    speaker = ActorFactory(name=f"Speaker {PAYLOAD}")
    claim = ClaimFactory(
        article=article,
        speaker=speaker,
        kind="denial",
        content_start=0,
        content_end=len(text),
        quote_text=text,
    )
    other = statement(SHELLS, when=DAY + timedelta(days=1))
    thread = Thread.objects.create(title=text, statement_count=2, article_count=2)
    Claim.objects.filter(pk__in=[claim.pk, other.pk]).update(thread=thread)
    ClaimLink.objects.create(source=other, target=claim, relation="repeats", confidence=0.8)

    escaped = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
    html = _page(client, editor, thread.id).content.decode()
    assert "<script>alert" not in html and escaped in html
    # The same text where the other pages show the thread: the reader's "denied in …" (the
    # outlet, the denial in the link's title) and the timeline's group header (the title).
    for url in (reverse("article-detail", args=[other.article_id]), reverse("timeline") + "?group=thread"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and escaped in html, url


def test_the_list_filters_threads_by_actor_side_kind_text_outlet_and_dates(client, analyst):
    claims = threaded_story()
    lone = statement("The weather in Lisbon was sunny and warm all week", when=DAY - timedelta(days=400))
    lone_thread = Thread.objects.create(
        title=lone.quote_text,
        statement_count=1,
        article_count=1,
        claim_count=1,
        first_seen=lone.published_at,
        last_seen=lone.published_at,
    )
    Claim.objects.filter(pk=lone.pk).update(thread=lone_thread)
    story = claims[0].thread_id
    prk = claims[0].target
    client.force_login(analyst)

    def ids(**query):
        response = client.get(reverse("thread-list"), query)
        assert response.status_code == 200
        return [t.id for t in response.context["threads"]]

    assert ids() == [story, lone_thread.id]
    assert ids(actor=prk.id) == [story]
    assert ids(actor=prk.id, side="denying") == [story]
    assert ids(actor=claims[0].speaker_id, side="denying") == []
    assert ids(kind="denial") == [story]
    assert ids(q="Lisbon") == [lone_thread.id]
    assert ids(outlet="KCNA Watch") == [story]
    assert ids(since=(DAY - timedelta(days=1)).date().isoformat()) == [story]
    assert ids(until=(DAY - timedelta(days=300)).date().isoformat()) == [lone_thread.id]


def test_bad_list_filters_are_reported_not_a_500(client, analyst):
    client.force_login(analyst)
    response = client.get(reverse("thread-list"), {"actor": "x", "side": "sideways", "since": "yesterday"})
    assert response.status_code == 200
    errors = response.context["query"].errors
    assert len(errors) == 3 and "side must be one of asserting, denying." in errors


# --- the reader and the actor page ---------------------------------------------------------


def test_the_reader_shows_where_else_a_statement_is_and_where_it_is_denied(client, analyst):
    claims = threaded_story()
    claim, denial = claims[0], claims[2]
    client.force_login(analyst)
    response = client.get(reverse("article-detail", args=[claim.article_id]))
    html = response.content.decode()
    note = next(c for c in response.context["page"].statements if c.id == claim.id).thread_note
    assert note.other_articles == 2 and [d.id for d in note.denials] == [denial.id]
    assert f'href="/threads/{claim.thread_id}/#claim-{claim.id}">also in 2 articles</a>' in html
    assert f'class="denied-in" href="/articles/{denial.article_id}/#claim-{denial.id}"' in html
    assert ">KCNA Watch (" in html
    # The denial's own article names no denial elsewhere (there is none), but the thread.
    html = client.get(reverse("article-detail", args=[denial.article_id])).content.decode()
    assert "also in 2 articles" in html and 'class="denied-in"' not in html


def test_the_readers_thread_notes_cost_a_fixed_number_of_queries(
    client, analyst, django_assert_max_num_queries
):
    claims = threaded_story()
    client.force_login(analyst)
    # Session, user, roles; the reader's 4; the statements' threads and their denials 3.
    with django_assert_max_num_queries(10):
        client.get(reverse("article-detail", args=[claims[0].article_id]))
    # Many threaded statements in one article, each in a thread with denials: still 10.
    article = ArticleFactory(body="shells " * 60, published_at=DAY)
    for i in range(12):
        mine = ClaimFactory(article=article, content_start=i * 7, content_end=i * 7 + 6)
        thread = Thread.objects.create(title=f"t{i}", statement_count=3, article_count=2, denial_count=2)
        denials = [ClaimFactory(kind="denial", published_at=DAY) for _ in range(2)]
        Claim.objects.filter(pk__in=[mine.pk, *(d.pk for d in denials)]).update(thread=thread)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("article-detail", args=[article.id]))
    notes = [c.thread_note for c in response.context["page"].statements]
    assert all(n is not None and len(n.denials) == 2 for n in notes) and len(notes) == 12


def test_the_actor_page_lists_the_threads_where_it_claims_denies_or_is_accused(client, analyst):
    claims = threaded_story()
    usa, envoy, prk = claims[0].speaker, claims[1].speaker, claims[2].speaker
    client.force_login(analyst)

    def rows(actor):
        response = client.get(reverse("actor-detail", args=[actor.id]))
        assert response.status_code == 200
        return [(r.thread.id, r.roles) for r in response.context["threads"]], response.content.decode()

    thread = claims[0].thread_id
    assert rows(usa)[0] == [(thread, ["claims"])]
    found, html = rows(prk)
    assert found == [(thread, ["denies", "is accused"])]
    assert f'href="/threads/{thread}/"' in html
    # Russia claims through its envoy, as the actor page counts officials' statements.
    assert rows(envoy.affiliation)[0] == [(thread, ["claims"])]


# --- the timeline, grouped by thread ------------------------------------------------------


def test_the_timeline_groups_a_threads_rows_with_its_counts_and_a_link(client, analyst):
    claims = threaded_story()
    alone = statement("The weather in Lisbon was sunny and warm all week", when=DAY + timedelta(days=10))
    client.force_login(analyst)
    response = client.get(reverse("timeline"), {"group": "thread"})
    groups = response.context["page"].groups
    assert [(g.thread.id if g.thread else None, [c.id for c in g.claims]) for g in groups] == [
        (None, [alone.id]),
        (claims[0].thread_id, [claims[2].id, claims[1].id, claims[0].id]),
    ]
    html = response.content.decode()
    assert f'<a class="title" href="/threads/{claims[0].thread_id}/">' in html
    assert "2 repeats · 1 denial · in 3 articles · 3 here" in html
    assert 'name="group" value="thread" checked' in html
    # Without the toggle the rows stand alone, as before.
    response = client.get(reverse("timeline"))
    assert response.context["page"].groups is None and "thread-group" not in response.content.decode()


def test_grouping_keeps_to_the_next_page_and_its_query_count(django_assert_num_queries, client, analyst):
    from claims.selectors.timeline import TimelineFilters, claim_timeline

    claims = threaded_story(extra_repeats=6)
    filters = TimelineFilters(by_thread=True)
    assert ("group", "thread") in filters.as_query()
    with django_assert_num_queries(4):  # the timeline's 3, and the page's threads
        page = claim_timeline(filters=filters, limit=5)
        for group in page.groups:
            _ = (group.asserting, group.thread.title if group.thread else None)
            for claim in group.claims:
                _ = (claim.speaker.affiliation, claim.article.outlet, claim.answers, claim.answered_by)
    assert len(page.groups) == 1 and len(page.groups[0].claims) == 5
    assert page.groups[0].thread.id == claims[0].thread_id


def test_the_grouped_timeline_page_costs_the_same_for_few_or_many_threads(
    client, analyst, django_assert_max_num_queries
):
    threaded_story()
    client.force_login(analyst)
    with django_assert_max_num_queries(7):  # session, user, roles + the timeline's 3 + threads 1
        client.get(reverse("timeline"), {"group": "thread"})
    for i in range(15):
        claim = statement(
            f"Statement number {i} about grain exports from Odesa", when=DAY + timedelta(days=i)
        )
        thread = Thread.objects.create(title=claim.quote_text, statement_count=1, article_count=1)
        Claim.objects.filter(pk=claim.pk).update(thread=thread)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("timeline"), {"group": "thread"})
    assert len([g for g in response.context["page"].groups if g.thread]) == 16


def test_a_huge_thread_lists_its_earliest_statements_and_says_so(client, analyst, monkeypatch):
    claims = threaded_story()
    monkeypatch.setattr("claims.selectors.thread_pages.MEMBERS_SHOWN", 2)
    response = _page(client, analyst, claims[0].thread_id)
    assert [c.id for c in response.context["page"].members] == [claims[0].id, claims[1].id]
    assert "The earliest 2 of 3 are listed and drawn." in response.content.decode()


def test_the_list_pages_by_keyset_and_keeps_its_filters(client, analyst, monkeypatch):
    monkeypatch.setattr("claims.views.threads.LIST_SIZE", 2)
    made = []
    for i in range(5):
        claim = statement(f"Grain exports from Odesa resumed, report {i}", when=DAY + timedelta(days=i))
        thread = Thread.objects.create(
            title=claim.quote_text, statement_count=1, last_seen=claim.published_at
        )
        Claim.objects.filter(pk=claim.pk).update(thread=thread)
        made.append(thread.id)
    client.force_login(analyst)
    seen, query = [], {"q": "Odesa"}
    while True:
        response = client.get(reverse("thread-list"), query)
        seen += [t.id for t in response.context["threads"]]
        if not response.context["next_query"]:
            break
        assert "q=Odesa" in response.context["next_query"]
        query = response.context["next_query"]
        query = dict(pair.split("=", 1) for pair in query.split("&"))
    assert seen == made[::-1]
    # A cursor the list did not write starts at the first page.
    response = client.get(reverse("thread-list"), {"after": "not-a-cursor"})
    assert [t.id for t in response.context["threads"]] == made[::-1][:2]
