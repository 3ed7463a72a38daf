"""Errors raised by claims services; pages and the API turn them into messages, 409s and 400s."""

from typing import Any


class EditError(ValueError):
    """An edit that cannot be applied. `field_errors` maps a field name to its messages."""

    def __init__(self, field_errors: dict[str, list[str]] | str) -> None:
        if isinstance(field_errors, str):
            field_errors = {"non_field_errors": [field_errors]}
        self.field_errors = field_errors
        super().__init__("; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in field_errors.items()))


class VersionConflict(Exception):
    """Someone else changed the object since the caller read it; nothing was written.

    `current` is the object as it is now, so the caller can show the other person's change.
    """

    def __init__(self, current: Any, expected_version: int) -> None:
        self.current = current
        self.expected_version = expected_version
        super().__init__(
            f"{type(current).__name__} {current.pk} was changed by someone else "
            f"(you had version {expected_version}, it is now at version {current.version})."
        )
