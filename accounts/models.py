from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A key a REST client sends as `Authorization: Token <key>`.

    Only a SHA-256 digest of the key is stored: a database dump or a backup must not hand out
    working credentials. Keys are 256-bit random strings, so a fast hash is enough (a slow,
    salted hash protects guessable passwords, not keys nobody can guess).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    # The first characters of the key, shown to people so they can tell their tokens apart.
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
