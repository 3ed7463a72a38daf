from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("claimtrack.api.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("claims.urls")),
    path("", include("actors.urls")),
    path("", include("articles.urls")),
]

# JSON under /api/, 503 with Retry-After while the database is down (claimtrack/server_errors.py).
handler500 = "claimtrack.server_errors.server_error"
