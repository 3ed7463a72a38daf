from django.http import HttpRequest

from .roles import can_administer, can_edit, can_read


def roles(request: HttpRequest) -> dict[str, bool]:
    user = getattr(request, "user", None)
    return {"can_read": can_read(user), "can_edit": can_edit(user), "can_administer": can_administer(user)}
