"""Editor writes on actors: create, alias, affiliation, merge and its undo."""

import pytest
from django.core.exceptions import PermissionDenied

from actors.editing import actor_create, actor_set_affiliation, alias_add
from actors.models import Actor, ActorAlias, ActorMerge
from claims.services.actor_merging import actor_merge, actor_merge_undo
from claims.services.editing import claim_update
from claims.services.revert import change_revert
from claimtrack.errors import EditError, VersionConflict
from history.models import ChangeRecord
from tests.factories import ActorAliasFactory, ActorFactory, ClaimFactory

pytestmark = pytest.mark.django_db

ROLES = [("analyst", False), ("editor", True), ("admin_user", True)]


def _merge(user):
    return actor_merge(user=user, source=ActorFactory(), into=ActorFactory())


ACTIONS = {
    "actor_create": lambda user: actor_create(user=user, name="Ministry of Truth", kind="organisation"),
    "alias_add": lambda user: alias_add(user=user, actor=ActorFactory(), alias="the Ministry"),
    "actor_set_affiliation": lambda user: actor_set_affiliation(
        user=user, actor=ActorFactory(), affiliation=ActorFactory()
    ),
    "actor_merge": _merge,
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize(("role", "allowed"), ROLES)
def test_each_role_against_each_actor_action(request, role, allowed, action):
    user = request.getfixturevalue(role)
    if allowed:
        ACTIONS[action](user)
        assert ChangeRecord.objects.filter(user=user).count() == 1
    else:
        with pytest.raises(PermissionDenied):
            ACTIONS[action](user)
        assert not ChangeRecord.objects.exists() and not ActorMerge.objects.exists()


@pytest.mark.parametrize(("role", "allowed"), [("analyst", False), ("editor", False), ("admin_user", True)])
def test_only_admins_undo_a_merge(request, role, allowed, editor):
    merge = _merge(editor)
    user = request.getfixturevalue(role)
    if allowed:
        actor_merge_undo(user=user, merge=merge)
    else:
        with pytest.raises(PermissionDenied):
            actor_merge_undo(user=user, merge=merge)
    merge.source.refresh_from_db()
    assert (merge.source.merged_into is None) is allowed


def test_actor_create_adds_its_name_as_alias_and_refuses_a_known_name(editor):
    actor = actor_create(user=editor, name="  Ministry   of Truth ", kind="organisation", code="mot")
    assert (actor.name, actor.code, actor.status) == ("Ministry of Truth", "MOT", "confirmed")
    assert list(actor.aliases.values_list("normalised", flat=True)) == ["ministry of truth"]
    with pytest.raises(EditError, match="already known"):
        actor_create(user=editor, name="The Ministry of Truth", kind="organisation")
    with pytest.raises(EditError) as caught:
        actor_create(user=editor, name="X", kind="planet")
    assert "kind" in caught.value.field_errors


def test_an_alias_belongs_to_one_actor(editor):
    owner = ActorAliasFactory(alias="U.S.", normalised="us").actor
    other = ActorFactory()
    with pytest.raises(EditError, match=owner.name):
        alias_add(user=editor, actor=other, alias="US")
    alias = alias_add(user=editor, actor=other, alias="Washington")
    assert (alias.actor, alias.normalised) == (other, "washington")


def test_affiliation_loops_and_self_affiliation_are_refused(editor, admin_user):
    state, ministry, minister = ActorFactory(), ActorFactory(), ActorFactory()
    actor_set_affiliation(user=editor, actor=ministry, affiliation=state)
    actor_set_affiliation(user=editor, actor=minister, affiliation=ministry)
    with pytest.raises(EditError):
        actor_set_affiliation(user=editor, actor=state, affiliation=minister)
    with pytest.raises(EditError):
        actor_set_affiliation(user=editor, actor=state, affiliation=state)
    change_revert(user=admin_user, change=ChangeRecord.objects.order_by("-id").first())
    minister.refresh_from_db()
    assert minister.affiliation is None


def test_merge_moves_aliases_statements_mentions_members_and_redirects(editor):
    from claims.models import Mention

    kept = ActorFactory(name="North Korea")
    duplicate = ActorFactory(name="DPRK")
    ActorAliasFactory(actor=duplicate, alias="Pyongyang", normalised="pyongyang")
    spoken = ClaimFactory(speaker=duplicate)
    targeted = ClaimFactory(target=duplicate)
    mention = Mention.objects.create(article=spoken.article, actor=duplicate, start=0, end=4, text="DPRK")
    diplomat = ActorFactory(affiliation=duplicate)
    older = ActorFactory(merged_into=duplicate)

    merge = actor_merge(user=editor, source=duplicate, into=kept)

    for row in (duplicate, spoken, targeted, mention, diplomat, older):
        row.refresh_from_db()
    assert duplicate.merged_into == kept
    assert (spoken.speaker, targeted.target, mention.actor) == (kept, kept, kept)
    assert (diplomat.affiliation, older.merged_into) == (kept, kept)
    assert set(kept.aliases.values_list("normalised", flat=True)) == {"pyongyang", "dprk"}
    # Statements moved by the merge changed: an editor holding the old version must reload.
    assert spoken.version == 2
    with pytest.raises(VersionConflict):
        claim_update(user=editor, claim=spoken, expected_version=1, note="stale")
    record = ChangeRecord.objects.get(action="merge")
    assert record.object_id == duplicate.pk and record.after["merge"] == merge.pk
    with pytest.raises(EditError):
        actor_merge(user=editor, source=duplicate, into=ActorFactory())
    with pytest.raises(EditError):
        actor_merge(user=editor, source=kept, into=kept)


def test_merging_into_a_merged_actor_lands_on_the_actor_it_redirects_to(editor):
    final, middle, duplicate = ActorFactory(), ActorFactory(), ActorFactory()
    actor_merge(user=editor, source=middle, into=final)
    merge = actor_merge(user=editor, source=duplicate, into=middle)
    assert merge.into == final


def test_undo_restores_what_moved_but_keeps_later_editor_changes(editor, admin_user):
    kept, duplicate, elsewhere = ActorFactory(), ActorFactory(name="DPRK"), ActorFactory()
    ActorAliasFactory(actor=duplicate, alias="Pyongyang", normalised="pyongyang")
    first, second = ClaimFactory(speaker=duplicate), ClaimFactory(speaker=duplicate)
    merge = actor_merge(user=editor, source=duplicate, into=kept)
    claim_update(user=editor, claim=second, expected_version=2, speaker=elsewhere)

    actor_merge_undo(user=admin_user, merge=merge)

    for row in (duplicate, first, second, merge):
        row.refresh_from_db()
    assert duplicate.merged_into is None and merge.is_undone and merge.undone_by == admin_user
    assert first.speaker == duplicate
    assert second.speaker == elsewhere  # the editor's later decision stands
    assert ActorAlias.objects.get(normalised="pyongyang").actor == duplicate
    assert not ActorAlias.objects.filter(normalised="dprk").exists()
    assert ChangeRecord.objects.get(action="merge").reverted_by.action == "revert"
    with pytest.raises(EditError):
        actor_merge_undo(user=admin_user, merge=merge)


def test_a_merge_reverted_from_the_history_is_undone(editor, admin_user):
    kept, duplicate = ActorFactory(), ActorFactory()
    actor_merge(user=editor, source=duplicate, into=kept)
    change_revert(user=admin_user, change=ChangeRecord.objects.get(action="merge"))
    assert Actor.objects.get(pk=duplicate.pk).merged_into is None
