"""Editor writes on statements and links, through the services."""

import pytest
from django.core.exceptions import PermissionDenied

from claims.models import Claim, ClaimLink, Origin, ReviewStatus
from claims.services.editing import (
    claim_confirm,
    claim_create,
    claim_reject,
    claim_update,
    link_create,
    link_delete,
)
from claimtrack.errors import EditError, VersionConflict
from history.models import ChangeRecord
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db

# Code points, not UTF-16 units: each emoji is one code point here and two in the browser.
EMOJI_BODY = "Leaders 🇺🇳 met. Pyongyang 🚀 denied the report that it shipped shells 💥 to Moscow."


def _records(obj) -> list[ChangeRecord]:
    return list(ChangeRecord.objects.filter(object_id=obj.pk, content_type__model=type(obj)._meta.model_name))


# --- permissions: each role against each action --------------------------------------------

ACTIONS = {
    "create": lambda user, claim, link, other: claim_create(
        user=user, article=claim.article, kind="claim", content_spans=[[0, 5]]
    ),
    "update": lambda user, claim, link, other: claim_update(
        user=user, claim=claim, expected_version=claim.version, kind="denial"
    ),
    "confirm": lambda user, claim, link, other: claim_confirm(
        user=user, claim=claim, expected_version=claim.version
    ),
    "reject": lambda user, claim, link, other: claim_reject(
        user=user, claim=claim, expected_version=claim.version
    ),
    "link_create": lambda user, claim, link, other: link_create(
        user=user, source=claim, target=other, relation="rebuts"
    ),
    "link_delete": lambda user, claim, link, other: link_delete(user=user, link=link),
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize(
    ("role", "allowed"),
    [("anonymous", False), ("outsider", False), ("analyst", False), ("editor", True), ("admin_user", True)],
)
def test_each_role_against_each_edit_action(request, role, allowed, action):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    claim = ClaimFactory()
    other = ClaimFactory()
    link = ClaimLinkFactory(source=ClaimFactory(article=claim.article), target=other)
    changes_before = ChangeRecord.objects.count()
    if allowed:
        ACTIONS[action](user, claim, link, other)
        assert ChangeRecord.objects.count() == changes_before + 1
    else:
        with pytest.raises(PermissionDenied):
            ACTIONS[action](user, claim, link, other)
        assert ChangeRecord.objects.count() == changes_before
        claim.refresh_from_db()
        assert (claim.kind, claim.review_status, claim.version) == ("claim", "proposed", 1)
        assert ClaimLink.objects.filter(pk=link.pk, review_status="proposed").exists()


# --- create ---------------------------------------------------------------------------------


def test_editor_creates_a_confirmed_statement_with_code_point_spans(editor):
    article = ArticleFactory(body=EMOJI_BODY)
    start = EMOJI_BODY.index("denied")
    end = EMOJI_BODY.index(" to Moscow")
    speaker = ActorFactory(name="North Korea")
    claim = claim_create(
        user=editor,
        article=article,
        kind="denial",
        content_spans=[[start, end]],
        speaker=speaker,
        speaker_span=[EMOJI_BODY.index("Pyongyang"), EMOJI_BODY.index(" 🚀")],
        note="found by hand",
    )
    claim.refresh_from_db()
    assert claim.quote_text == "denied the report that it shipped shells 💥"
    assert (claim.origin, claim.review_status, claim.confidence) == (Origin.EDITOR, "confirmed", 1.0)
    assert (claim.content_start, claim.content_end) == (start, end)
    assert claim.published_at == article.published_at
    assert claim.speaker == speaker and claim.updated_by == editor
    [record] = _records(claim)
    assert record.action == "create" and record.user == editor and record.article == article
    assert record.before is None and record.after["speaker"] == {"id": speaker.pk, "name": "North Korea"}


def test_several_spans_are_sorted_and_joined_in_the_quote(editor):
    article = ArticleFactory(body="one two three four")
    claim = claim_create(user=editor, article=article, kind="claim", content_spans=[[14, 18], [0, 3]])
    assert claim.content_spans == [[0, 3], [14, 18]]
    assert (claim.content_start, claim.content_end) == (0, 3)
    assert claim.quote_text == "one … four"


@pytest.mark.parametrize(
    ("fields", "bad_field"),
    [
        ({"content_spans": [[0, 999]]}, "content_spans"),
        ({"content_spans": [[5, 2]]}, "content_spans"),
        ({"content_spans": [[3, 3]]}, "content_spans"),
        ({"content_spans": [[-1, 3]]}, "content_spans"),
        ({"content_spans": []}, "content_spans"),
        ({"content_spans": [[0, 5], [3, 8]]}, "content_spans"),
        ({"content_spans": [["a", "b"]]}, "content_spans"),
        ({"kind": "rumour"}, "kind"),
        ({"speaker_span": [10, 2]}, "speaker_span"),
        ({"cue_span": [0, 10_000]}, "cue_span"),
        ({"note": "x" * 6000}, "note"),
    ],
)
def test_bad_input_is_refused_per_field_and_nothing_is_written(editor, fields, bad_field):
    article = ArticleFactory(body="The ministry said talks had failed.")
    arguments = {"kind": "claim", "content_spans": [[0, 12]], **fields}
    with pytest.raises(EditError) as caught:
        claim_create(user=editor, article=article, **arguments)
    assert bad_field in caught.value.field_errors
    assert not Claim.objects.exists() and not ChangeRecord.objects.exists()


def test_a_merged_speaker_is_replaced_by_the_actor_it_was_merged_into(editor):
    kept = ActorFactory()
    duplicate = ActorFactory(merged_into=kept)
    claim = claim_create(
        user=editor, article=ArticleFactory(), kind="claim", content_spans=[[0, 5]], speaker=duplicate
    )
    assert claim.speaker == kept


# --- update, confirm, reject ---------------------------------------------------------------


def test_update_changes_fields_marks_edited_bumps_version_and_records_only_the_diff(editor):
    old, new = ActorFactory(name="Old"), ActorFactory(name="New")
    claim = ClaimFactory(speaker=old, kind="claim")
    updated = claim_update(user=editor, claim=claim, expected_version=1, speaker=new, kind="denial")
    claim.refresh_from_db()
    assert (claim.speaker, claim.kind, claim.review_status, claim.version) == (new, "denial", "edited", 2)
    assert updated.version == 2
    [record] = _records(claim)
    assert record.action == "update" and record.user == editor
    assert record.before == {
        "kind": "claim",
        "speaker": {"id": old.pk, "name": "Old"},
        "review_status": "proposed",
    }
    assert record.after == {
        "kind": "denial",
        "speaker": {"id": new.pk, "name": "New"},
        "review_status": "edited",
    }


def test_changing_spans_keeps_quote_text_and_first_span_consistent(editor):
    article = ArticleFactory(body=EMOJI_BODY)
    claim = ClaimFactory(article=article)
    start = EMOJI_BODY.index("shells")
    claim_update(user=editor, claim=claim, expected_version=1, content_spans=[[start, start + 8]])
    claim.refresh_from_db()
    assert claim.quote_text == "shells 💥"
    assert (claim.content_start, claim.content_end, claim.content_spans) == (
        start,
        start + 8,
        [[start, start + 8]],
    )


def test_unknown_update_fields_are_refused(editor):
    claim = ClaimFactory()
    with pytest.raises(EditError) as caught:
        claim_update(user=editor, claim=claim, expected_version=1, confidence=0.1, origin="editor")
    assert set(caught.value.field_errors) == {"confidence", "origin"}


def test_a_target_cannot_be_the_speaker(editor):
    claim = ClaimFactory()
    with pytest.raises(EditError) as caught:
        claim_update(user=editor, claim=claim, expected_version=1, target=claim.speaker)
    assert "target" in caught.value.field_errors


def test_a_stale_version_is_refused_with_the_current_statement_and_nothing_is_written(editor, admin_user):
    claim = ClaimFactory(kind="claim")
    claim_update(user=admin_user, claim=claim, expected_version=1, kind="accusation")
    with pytest.raises(VersionConflict) as caught:
        claim_update(user=editor, claim=claim, expected_version=1, kind="denial")
    assert caught.value.current.kind == "accusation" and caught.value.current.version == 2
    assert caught.value.expected_version == 1
    claim.refresh_from_db()
    assert (claim.kind, claim.version) == ("accusation", 2)
    assert len(_records(claim)) == 1


@pytest.mark.parametrize(
    "action",
    [
        lambda user, claim: claim_confirm(user=user, claim=claim, expected_version=1),
        lambda user, claim: claim_reject(user=user, claim=claim, expected_version=1),
        lambda user, claim: claim_update(user=user, claim=claim, expected_version=1, note="x"),
    ],
)
def test_every_status_change_checks_the_version_too(editor, action):
    claim = ClaimFactory(version=3)
    with pytest.raises(VersionConflict):
        action(editor, claim)
    claim.refresh_from_db()
    assert claim.review_status == "proposed" and claim.version == 3


def test_confirm_and_reject_set_the_status_and_record_it(editor):
    claim = ClaimFactory()
    claim_confirm(user=editor, claim=claim, expected_version=1)
    claim_reject(user=editor, claim=claim, expected_version=2)
    claim.refresh_from_db()
    assert (claim.review_status, claim.version) == (ReviewStatus.REJECTED, 3)
    assert [r.after for r in reversed(_records(claim))] == [
        {"review_status": "confirmed"},
        {"review_status": "rejected"},
    ]
    assert not Claim.objects.visible().filter(pk=claim.pk).exists()


def test_confirming_a_confirmed_statement_writes_nothing(editor):
    claim = ClaimFactory(review_status="confirmed")
    claim_confirm(user=editor, claim=claim, expected_version=1)
    claim.refresh_from_db()
    assert claim.version == 1 and not _records(claim)


def test_a_removed_statement_is_reported_not_crashed_on(editor):
    claim = ClaimFactory()
    Claim.objects.filter(pk=claim.pk).delete()
    with pytest.raises(EditError):
        claim_confirm(user=editor, claim=claim, expected_version=1)


# --- links --------------------------------------------------------------------------------


def test_editor_links_a_rebuttal_across_articles(editor):
    denial, claim = ClaimFactory(kind="denial"), ClaimFactory()
    assert denial.article != claim.article
    link = link_create(user=editor, source=denial, target=claim, relation="rebuts")
    assert (link.origin, link.review_status, link.created_by) == ("editor", "confirmed", editor)
    [record] = _records(link)
    assert record.action == "create" and record.article == denial.article


@pytest.mark.parametrize(
    ("relation", "same", "duplicate", "field"),
    [
        ("rebuts", True, False, "target"),
        ("rebuts", False, True, "target"),
        ("ridicules", False, False, "relation"),
    ],
)
def test_bad_links_are_refused(editor, relation, same, duplicate, field):
    source, target = ClaimFactory(), ClaimFactory()
    if duplicate:
        ClaimLinkFactory(source=source, target=target, relation="rebuts")
    with pytest.raises(EditError) as caught:
        link_create(user=editor, source=source, target=source if same else target, relation=relation)
    assert field in caught.value.field_errors
    assert ClaimLink.objects.count() == (1 if duplicate else 0)


def test_deleting_an_editor_link_removes_it(editor):
    link = link_create(user=editor, source=ClaimFactory(), target=ClaimFactory(), relation="rebuts")
    link_delete(user=editor, link=link)
    assert not ClaimLink.objects.filter(pk=link.pk).exists()
    assert [r.action for r in _records(link)] == ["delete", "create"]


def test_deleting_a_machine_link_leaves_a_rejected_tombstone_that_relinking_revives(editor):
    link = ClaimLinkFactory(origin="machine")
    link_delete(user=editor, link=link)
    link.refresh_from_db()
    assert link.review_status == "rejected"
    with pytest.raises(EditError):
        link_delete(user=editor, link=link)
    again = link_create(user=editor, source=link.source, target=link.target, relation="rebuts")
    assert again.pk == link.pk and again.review_status == "confirmed"
    assert ClaimLink.objects.count() == 1
