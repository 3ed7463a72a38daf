import pytest
from django.urls import reverse

from claims.models import Claim, ReviewStatus
from claims.selectors.reader import article_reader, segments
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def _claim(article, kind="claim", *, speaker=None, cue=None, content):
    return ClaimFactory(
        article=article,
        kind=kind,
        speaker_start=speaker and speaker[0],
        speaker_end=speaker and speaker[1],
        cue_start=cue and cue[0],
        cue_end=cue and cue[1],
        content_start=content[0],
        content_end=content[1],
        content_spans=[list(content)],
        quote_text=article.body[content[0] : content[1]],
    )


def test_segments_rebuild_the_text_exactly_and_innermost_span_wins(seed):
    page = article_reader(article_id=seed.article.id)
    assert "".join(s.text for s in page.segments) == seed.article.body
    assert all(s.text == seed.article.body[s.start : s.end] for s in page.segments)
    by_start = {s.start: s for s in page.segments}
    # "North Korea has denied American claims that it supplies…": the denial's speaker and cue,
    # then the US claim's speaker and cue inside the denial's content.
    assert (by_start[80].text, by_start[80].kind, by_start[80].role) == ("North Korea", "denial", "speaker")
    assert (by_start[92].text, by_start[92].role) == ("has denied", "cue")
    american = by_start[103]
    assert (american.text, american.claim_id, american.role) == ("American", seed.us_claim.id, "speaker")
    assert american.claim_ids == f"{seed.us_claim.id} {seed.nk_denial.id}"
    content = by_start[124]
    assert content.claim_id == seed.us_claim.id and content.kind == "claim"  # shorter than the denial's
    assert not by_start[0].highlighted


def test_offsets_are_code_points_even_after_emoji():
    body = "🎉🇰🇵 The ministry 😀 denied the report."
    article = ArticleFactory(body=body)
    start = body.index("denied")
    claim = _claim(
        article, "denial", speaker=(body.index("The"), body.index("The") + 12), content=(start, start + 17)
    )
    cut = {s.start: s for s in segments(body, [claim])}
    assert cut[start].text == "denied the report"
    assert start == 19  # code points; the same spot is 23 UTF-16 units into the string
    assert len(body[:start].encode("utf-16-le")) // 2 == 23


def test_spans_outside_the_text_are_clipped_and_bad_spans_ignored():
    article = ArticleFactory(body="Short text here.")
    claim = _claim(article, content=(0, 5))
    claim.content_spans = [[6, 999], "junk", [3]]
    claim.speaker_start, claim.speaker_end = None, None
    cut = segments(article.body, [claim])
    assert "".join(s.text for s in cut) == article.body
    assert [(s.start, s.end) for s in cut if s.highlighted] == [(6, 16)]


def test_reader_costs_four_queries(seed, django_assert_num_queries):
    with django_assert_num_queries(4):
        page = article_reader(article_id=seed.article.id)
        for claim in page.statements:
            _ = [(link.target.speaker, link.target.article.title) for link in claim.answers]
            _ = [(link.source.speaker, link.source.article.title) for link in claim.answered_by]
            _ = (claim.speaker.affiliation, claim.target)
    assert [c.id for c in page.statements][:2] == [seed.nk_denial.id, seed.us_claim.id]


def test_reader_page_highlights_links_and_shows_the_source(client, analyst, seed):
    client.force_login(analyst)
    html = client.get(reverse("article-detail", args=[seed.article.id])).content.decode()
    assert (
        f'<mark class="hl kind-denial role-speaker" data-claim-id="{seed.nk_denial.id}" '
        f'data-claims="{seed.nk_denial.id}" data-role="speaker" data-start="80" data-end="91">North Korea</mark>'
    ) in html
    assert f'id="statement-{seed.nk_denial.id}"' in html
    assert f'data-claim-ref="{seed.us_claim.id}" href="#claim-{seed.us_claim.id}"' in html
    assert 'href="https://example.org/nk-denial"' in html and "Seed article" in html


def test_rejected_statements_are_not_highlighted(client, analyst, seed):
    Claim.objects.filter(id=seed.dd_denial.id).update(review_status=ReviewStatus.REJECTED)
    client.force_login(analyst)
    html = client.get(reverse("article-detail", args=[seed.article.id])).content.decode()
    assert f'data-claim-id="{seed.dd_denial.id}"' not in html


def test_article_text_is_escaped_in_every_segment(client, analyst):
    body = 'Intro. <script>alert("x")</script> said the <b>ministry</b> & more.'
    article = ArticleFactory(body=body, title="<i>t</i>")
    _claim(
        article,
        content=(body.index("<script>"), body.index(" said")),
        speaker=(body.index("<b>"), body.index(" &")),
    )
    client.force_login(analyst)
    html = client.get(reverse("article-detail", args=[article.id])).content.decode()
    assert "<script>alert" not in html and "<b>ministry" not in html and "<i>t</i>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;ministry&lt;/b&gt;" in html and " &amp; more." in html


def test_article_list_pages_by_keyset_and_counts_statements(client, analyst, seed):
    for i in range(55):
        ArticleFactory(title=f"Filler {i}", outlet="Filler Times")
    client.force_login(analyst)
    first = client.get(reverse("article-list"), {"outlet": "Filler Times"})
    assert len(first.context["page"].articles) == 50
    rest = client.get(f"{reverse('article-list')}?{first.context['next_query']}")
    titles = {a.title for a in first.context["page"].articles} | {
        a.title for a in rest.context["page"].articles
    }
    assert len(titles) == 55 and rest.context["next_query"] is None
    listed = client.get(reverse("article-list"), {"q": "denies us"}).context["page"].articles
    assert [(a.id, a.statement_count) for a in listed] == [(seed.article.id, 5)]


def test_article_list_costs_two_queries(seed, django_assert_num_queries):
    from claims.selectors.articles import article_list

    for i in range(10):
        ArticleFactory(title=f"Filler {i}")
    with django_assert_num_queries(2):
        page = article_list(search="", outlet="")
    assert len(page.articles) == 11 and {a.statement_count for a in page.articles} == {0, 5}


def test_status_json_reports_state_and_statement_count(client, analyst, seed):
    client.force_login(analyst)
    data = client.get(reverse("article-status", args=[seed.article.id])).json()
    assert data["state"] == "pending" and data["statements"] == 5
    assert data["url"] == reverse("article-detail", args=[seed.article.id])


def test_editors_find_the_articles_rejected_statements_in_the_reader_and_analysts_do_not(
    client, analyst, editor, seed
):
    Claim.objects.filter(pk=seed.dd_denial.pk).update(review_status=ReviewStatus.REJECTED)
    path = reverse("article-detail", args=[seed.article.id])
    client.force_login(editor)
    html = client.get(path).content.decode()
    listed = html[html.index('<div class="rejected-box">') :]
    assert f'<li class="rejected-item" id="statement-{seed.dd_denial.id}"' in listed
    assert 'Rejected <span class="count">1</span>' in listed
    assert f'id="statement-{seed.us_claim.id}"' not in listed  # only the rejected one
    client.force_login(analyst)
    html = client.get(path).content.decode()
    assert "rejected-box" not in html and f'id="statement-{seed.dd_denial.id}"' not in html
