from django.contrib import admin

from .models import Actor, ActorAlias


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 0
    fields = ("alias", "normalised")


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "code", "affiliation", "status", "merged_into")
    list_filter = ("kind", "status")
    search_fields = ("name", "code", "aliases__alias", "kb_key")
    list_select_related = ("affiliation", "merged_into")
    raw_id_fields = ("affiliation", "merged_into")
    inlines = [ActorAliasInline]


@admin.register(ActorAlias)
class ActorAliasAdmin(admin.ModelAdmin):
    list_display = ("alias", "normalised", "actor")
    search_fields = ("alias", "normalised", "actor__name")
    list_select_related = ("actor",)
    raw_id_fields = ("actor",)
