from django.urls import path

from . import views

urlpatterns = [
    path("actors/", views.ActorListView.as_view(), name="actor-list"),
]
