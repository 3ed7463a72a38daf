"""Writes and reads on API tokens. The key itself exists only in the return value of api_token_create."""

import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from .models import ApiToken

KEY_PREFIX = "ct_"


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: ApiToken
    key: str  # shown once; only its digest is stored


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(*, user: AbstractBaseUser, name: str = "") -> IssuedToken:
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip()[:100], prefix=key[:10], digest=key_digest(key))
    token.full_clean()
    token.save()
    return IssuedToken(token=token, key=key)


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def api_token_user(key: str) -> AbstractBaseUser | None:
    """The active user a key belongs to, in one query; None for unknown or revoked keys."""
    if not key.startswith(KEY_PREFIX) or len(key) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=key_digest(key), revoked_at__isnull=True)
        .only("id", "user")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token.user
