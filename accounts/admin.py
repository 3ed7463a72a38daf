from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .api_tokens import api_token_revoke
from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Admins see and revoke tokens; keys are created with `manage.py create_api_token` only,
    because the key is shown once and the admin never has it."""

    list_display = ["prefix", "user", "name", "created_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["user__username", "name", "prefix"]
    readonly_fields = ["user", "prefix", "digest", "created_at", "revoked_at"]
    fields = ["user", "name", "prefix", "digest", "created_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset) -> None:
        for token in queryset:
            api_token_revoke(token=token)
        messages.success(request, f"Revoked {queryset.count()} token(s).")


class RoleAwareUserAdmin(UserAdmin):
    """Admins (the role) manage users and assign roles (groups) here. Only a superuser may make
    superusers or hand out single permissions: either would lift a user above every role."""

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if not request.user.is_superuser:
            fields = (*fields, "is_superuser", "user_permissions")
        return fields

    def has_change_permission(self, request, obj=None) -> bool:
        # Setting a superuser's password would be a way to become one.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


User = get_user_model()
admin.site.unregister(User)
admin.site.register(User, RoleAwareUserAdmin)
