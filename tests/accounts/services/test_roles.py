import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from accounts.roles import Role, can_administer, can_edit, can_read, require_role, user_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_migration_creates_one_group_per_role():
    assert set(Group.objects.values_list("name", flat=True)) >= {"analyst", "editor", "admin"}


@pytest.mark.parametrize(
    ("role", "read", "edit", "administer"),
    [
        (None, False, False, False),
        (Role.ANALYST, True, False, False),
        (Role.EDITOR, True, True, False),
        (Role.ADMIN, True, True, True),
    ],
)
def test_roles_are_nested(role, read, edit, administer):
    user = UserFactory(role=role)
    assert (can_read(user), can_edit(user), can_administer(user)) == (read, edit, administer)


def test_anonymous_and_inactive_users_hold_no_role():
    inactive = UserFactory(role=Role.ADMIN, is_active=False)
    assert user_role(AnonymousUser()) is None
    assert user_role(inactive) is None
    assert user_role(None) is None


def test_superuser_counts_as_admin_without_a_group():
    assert user_role(UserFactory(is_superuser=True)) == Role.ADMIN


def test_require_role_raises_with_a_message_naming_the_role():
    with pytest.raises(PermissionDenied, match="editor"):
        require_role(UserFactory(role=Role.ANALYST), Role.EDITOR)
    require_role(UserFactory(role=Role.EDITOR), Role.EDITOR)


def test_role_lookup_is_cached_on_the_user(django_assert_num_queries):
    user = UserFactory(role=Role.EDITOR)
    with django_assert_num_queries(1):
        assert can_edit(user) and can_read(user) and not can_administer(user)


def test_createuser_command_creates_a_user_in_the_role_group():
    call_command("createuser", "ed", "--role", "editor", "--password", "a long enough password")
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="ed")
    assert user.check_password("a long enough password")
    assert user_role(user) == Role.EDITOR and not user.is_staff


def test_createuser_refuses_a_taken_username_and_changes_nothing():
    UserFactory(username="taken")
    with pytest.raises(CommandError, match="username"):
        call_command("createuser", "taken", "--role", "admin", "--password", "a long enough password")
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(username="taken").count() == 1


def test_createuser_without_a_terminal_generates_and_prints_a_password(monkeypatch):
    import io
    import re

    from django.contrib.auth import get_user_model

    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a script: no terminal, nothing to read
    out = io.StringIO()
    call_command("createuser", "scripted", "--role", "analyst", stdout=out)
    password = re.search(r"Password \(shown once\): (\S+)", out.getvalue())[1]
    assert len(password) >= 12
    assert get_user_model().objects.get(username="scripted").check_password(password)
