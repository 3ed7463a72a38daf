from django.contrib import admin

from .models import ChangeRecord


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "action", "content_type", "object_id", "article")
    list_filter = ("action", "content_type")
    search_fields = ("user__username",)
    raw_id_fields = ("article", "user", "reverted_by")
    date_hierarchy = "at"
