"""Writes on users and their roles."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction

from .roles import Role


@transaction.atomic
def user_create_with_role(*, username: str, password: str, role: Role, email: str = "") -> AbstractBaseUser:
    """Create a user holding exactly one role; admins may also use the Django admin."""
    User = get_user_model()
    user = User(username=username, email=email, is_staff=role == Role.ADMIN)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set([Group.objects.get(name=role.value)])
    return user


@transaction.atomic
def user_set_role(*, user: AbstractBaseUser, role: Role) -> None:
    user.groups.remove(*Group.objects.filter(name__in=[r.value for r in Role]))
    user.groups.add(Group.objects.get(name=role.value))
    user.is_staff = role == Role.ADMIN
    user.save(update_fields=["is_staff"])
