"""Reverting recorded changes: admins only, newest first, nothing overwritten silently."""

import pytest
from django.core.exceptions import PermissionDenied

from claims.models import Claim, ClaimLink
from claims.services.editing import claim_create, claim_reject, claim_update, link_create, link_delete
from claims.services.revert import change_revert
from claimtrack.errors import EditError, VersionConflict
from history.models import ChangeRecord
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db


def _last_record() -> ChangeRecord:
    return ChangeRecord.objects.order_by("-id").first()


@pytest.mark.parametrize(("role", "allowed"), [("analyst", False), ("editor", False), ("admin_user", True)])
def test_only_admins_revert(request, role, allowed, editor):
    user = request.getfixturevalue(role)
    claim = ClaimFactory(kind="claim")
    claim_update(user=editor, claim=claim, expected_version=1, kind="denial")
    change = _last_record()
    if allowed:
        change_revert(user=user, change=change)
    else:
        with pytest.raises(PermissionDenied):
            change_revert(user=user, change=change)
    claim.refresh_from_db()
    assert claim.kind == ("claim" if allowed else "denial")


def test_reverting_an_update_restores_the_fields_bumps_the_version_and_is_recorded(editor, admin_user):
    old, new = ActorFactory(), ActorFactory()
    claim = ClaimFactory(speaker=old)
    claim_update(user=editor, claim=claim, expected_version=1, speaker=new, content_spans=[[2, 9]])
    change = _last_record()
    revert = change_revert(user=admin_user, change=change)
    claim.refresh_from_db()
    assert (claim.speaker, claim.content_spans, claim.review_status, claim.version) == (
        old,
        [[0, 20]],
        "proposed",
        3,
    )
    assert claim.quote_text == claim.article.body[0:20]
    change.refresh_from_db()
    assert change.reverted_by == revert
    assert (revert.action, revert.user, revert.article_id) == ("revert", admin_user, claim.article_id)
    assert revert.after["speaker"]["id"] == old.pk
    with pytest.raises(EditError, match="already reverted"):
        change_revert(user=admin_user, change=change)


def test_a_revert_bumps_the_version_so_an_editor_holding_the_old_one_gets_a_conflict(editor, admin_user):
    claim = ClaimFactory()
    claim_update(user=editor, claim=claim, expected_version=1, note="first")
    change_revert(user=admin_user, change=_last_record())
    with pytest.raises(VersionConflict):
        claim_update(user=editor, claim=claim, expected_version=2, note="second")


def test_a_change_overtaken_by_a_later_one_is_not_reverted_over_it(editor, admin_user):
    claim = ClaimFactory(kind="claim")
    claim_update(user=editor, claim=claim, expected_version=1, kind="denial")
    first = _last_record()
    claim_update(user=editor, claim=claim, expected_version=2, kind="accusation")
    with pytest.raises(EditError, match="kind"):
        change_revert(user=admin_user, change=first)
    claim.refresh_from_db()
    assert claim.kind == "accusation"
    change_revert(user=admin_user, change=_last_record())  # newest first…
    change_revert(user=admin_user, change=first)  # …then the older one applies
    claim.refresh_from_db()
    assert (claim.kind, claim.review_status) == ("claim", "proposed")


def test_reverting_a_rejection_brings_the_statement_back(editor, admin_user):
    claim = ClaimFactory()
    claim_reject(user=editor, claim=claim, expected_version=1)
    change_revert(user=admin_user, change=_last_record())
    assert Claim.objects.visible().filter(pk=claim.pk, review_status="proposed").exists()


def test_reverting_an_editor_created_statement_removes_it(editor, admin_user):
    claim = claim_create(user=editor, article=ArticleFactory(), kind="claim", content_spans=[[0, 4]])
    change_revert(user=admin_user, change=_last_record())
    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert ChangeRecord.objects.filter(object_id=claim.pk, action="revert").exists()


def test_link_create_and_delete_revert_both_ways(editor, admin_user):
    source, target = ClaimFactory(), ClaimFactory()
    link = link_create(user=editor, source=source, target=target, relation="rebuts")
    created = _last_record()
    link_delete(user=editor, link=link)
    deleted = _last_record()
    change_revert(user=admin_user, change=deleted)
    assert ClaimLink.objects.filter(pk=link.pk, review_status="confirmed").exists()
    change_revert(user=admin_user, change=created)
    assert not ClaimLink.objects.filter(pk=link.pk).exists()


def test_reverting_a_machine_link_removal_reinstates_it(editor, admin_user):
    link = ClaimLinkFactory()
    link_delete(user=editor, link=link)
    change_revert(user=admin_user, change=_last_record())
    link.refresh_from_db()
    assert link.review_status == "proposed"


def test_a_revert_cannot_be_reverted(editor, admin_user):
    claim = ClaimFactory()
    claim_update(user=editor, claim=claim, expected_version=1, note="x")
    revert = change_revert(user=admin_user, change=_last_record())
    with pytest.raises(EditError):
        change_revert(user=admin_user, change=revert)
