"""Routes of the actor editing pages (issue 6)."""

from django.urls import path

from . import edit_views

urlpatterns = [
    path("actors/<int:pk>/edit/", edit_views.ActorEditView.as_view(), name="actor-edit"),
    path("actors/<int:pk>/edit/alias/", edit_views.AliasAddView.as_view(), name="actor-alias-add"),
    path(
        "actors/<int:pk>/edit/affiliation/", edit_views.AffiliationSetView.as_view(), name="actor-affiliation"
    ),
    path("actors/<int:pk>/edit/merge/", edit_views.MergeView.as_view(), name="actor-merge"),
    path("actors/merges/<int:pk>/undo/", edit_views.MergeUndoView.as_view(), name="actor-merge-undo"),
]
