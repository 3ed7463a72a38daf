from django.urls import path

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/", views.ArticleListView.as_view(), name="article-list"),
    path("articles/<int:pk>/", views.ArticleReaderView.as_view(), name="article-detail"),
    path("articles/<int:pk>/status/", views.ArticleStatusView.as_view(), name="article-status"),
    path("ingest/", views.IngestView.as_view(), name="ingest"),
]
