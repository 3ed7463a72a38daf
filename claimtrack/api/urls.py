"""/api/: version 1 of the REST API, its OpenAPI schema and the interactive docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from actors.api import ActorViewSet
from articles.api import ArticleViewSet


class _DocsView(SpectacularSwaggerSplitView):
    # The stock template carries an inline <style>, which the site's Content-Security-Policy blocks.
    template_name = "api/swagger_ui.html"


router = SimpleRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("actors", ActorViewSet, basename="actor")

urlpatterns = [
    path("v1/", include([*router.urls, path("", include("claims.api.urls"))])),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", _DocsView.as_view(url_name="api-schema"), name="api-docs"),
]
