from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("claimtrack.api.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("articles.urls")),
    path("", include("claims.urls")),
    path("", include("claims.jobs_urls")),  # analysis jobs (issue 4)
    path("", include("actors.urls")),
    path("", include("actors.edit_urls")),  # actor edit pages
]
