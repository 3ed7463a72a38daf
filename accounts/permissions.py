"""Role checks for pages and the REST API, built on accounts.roles."""

from django.contrib.auth.mixins import AccessMixin
from rest_framework.permissions import SAFE_METHODS, BasePermission

from .roles import Role, has_role, user_role


class RoleRequiredMixin(AccessMixin):
    """Class-based views: anonymous users go to the login page, role-less users get 403."""

    required_role: Role = Role.ANALYST

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not has_role(request.user, self.required_role):
            self.raise_exception = True
            # Shown on the 403 page (templates/403.html): a person sent a link to a page their
            # role does not open should learn why, not read a bare "403 Forbidden".
            held = user_role(request.user)
            self.permission_denied_message = (
                f"This page needs the {self.required_role.value} role; {request.user.get_username()} "
                f"{f'is an {held.value}' if held else 'has no role yet'}. Ask an admin if you need it."
            )
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class ReadAnalystWriteEditor(BasePermission):
    """Analysts read; editors (and admins) also write."""

    message = "Reading needs the analyst role; changing needs the editor role."

    def has_permission(self, request, view) -> bool:
        needed = Role.ANALYST if request.method in SAFE_METHODS else Role.EDITOR
        return has_role(request.user, needed)


class IsEditor(BasePermission):
    message = "This action needs the editor role."

    def has_permission(self, request, view) -> bool:
        return has_role(request.user, Role.EDITOR)


class IsAdmin(BasePermission):
    message = "This action needs the admin role."

    def has_permission(self, request, view) -> bool:
        return has_role(request.user, Role.ADMIN)
