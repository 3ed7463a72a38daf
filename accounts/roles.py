"""Roles and the permission helpers that services, views and the API share.

Roles are nested: an admin may do all an editor may, and an editor all an analyst may.
They are stored as Django groups (created by a migration) so that the admin can assign them.
"""

from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied


class Role(StrEnum):
    ANALYST = "analyst"
    EDITOR = "editor"
    ADMIN = "admin"


_RANK = {Role.ANALYST: 1, Role.EDITOR: 2, Role.ADMIN: 3}

AnyUser = AbstractBaseUser | AnonymousUser


def user_role(user: AnyUser | None) -> Role | None:
    """The highest role the user holds, or None for anonymous and role-less users."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    cached = getattr(user, "_claimtrack_role", False)
    if cached is not False:
        return cached
    # One query per request at most: the result is cached on the user object.
    names = set(user.groups.values_list("name", flat=True))
    held = [role for role in Role if role.value in names]
    role = max(held, key=_RANK.__getitem__) if held else None
    user._claimtrack_role = role
    return role


def has_role(user: AnyUser | None, role: Role) -> bool:
    held = user_role(user)
    return held is not None and _RANK[held] >= _RANK[role]


def can_read(user: AnyUser | None) -> bool:
    return has_role(user, Role.ANALYST)


def can_edit(user: AnyUser | None) -> bool:
    return has_role(user, Role.EDITOR)


def can_administer(user: AnyUser | None) -> bool:
    return has_role(user, Role.ADMIN)


def require_role(user: AnyUser | None, role: Role) -> None:
    """Raise PermissionDenied unless the user holds `role` (or a higher one)."""
    if not has_role(user, role):
        raise PermissionDenied(f"This action needs the {role.value} role.")
