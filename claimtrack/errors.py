"""The errors services raise, as base classes every app subclasses.

They live at the bottom layer so that pages, the API and the command line can turn any app's
refusal into a message without importing that app: claimtrack/api/errors.py maps these classes
only.
"""

from typing import Any

NON_FIELD = "non_field_errors"


class ServiceError(ValueError):
    """A request a service refuses; nothing was written. `field_errors` maps a field to its messages.

    A plain string is a message about the request as a whole (under `non_field_errors`).
    """

    def __init__(self, field_errors: dict[str, list[str]] | str) -> None:
        if isinstance(field_errors, str):
            message = field_errors
            field_errors = {NON_FIELD: [field_errors]}
        else:
            message = "; ".join(
                " ".join(msgs) if field == NON_FIELD else f"{field}: {' '.join(msgs)}"
                for field, msgs in field_errors.items()
            )
        self.field_errors = field_errors
        super().__init__(message)

    @property
    def messages(self) -> list[str]:
        """Every message, in field order: what a page shows when it has no form to attach them to."""
        return [message for messages in self.field_errors.values() for message in messages]


class EditError(ServiceError):
    """An editor's change (to a statement, a link, an actor, or a revert) that cannot be applied."""


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
