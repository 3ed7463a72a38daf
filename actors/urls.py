from django.urls import path

from . import views

urlpatterns = [
    path("actors/", views.ActorListView.as_view(), name="actor-list"),
    path("actors/<int:pk>/edit/", views.ActorEditView.as_view(), name="actor-edit"),
    path("actors/<int:pk>/edit/alias/", views.AliasAddView.as_view(), name="actor-alias-add"),
    path("actors/<int:pk>/edit/affiliation/", views.AffiliationSetView.as_view(), name="actor-affiliation"),
    # The edit page's merge forms post to claims.urls (a merge rewrites claims).
]
