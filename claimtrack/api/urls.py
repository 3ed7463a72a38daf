"""/api/: version 1 of the REST API, its OpenAPI schema and the interactive docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView


class _DocsView(SpectacularSwaggerSplitView):
    # The stock template carries an inline <style>, which the site's Content-Security-Policy blocks.
    template_name = "api/swagger_ui.html"


urlpatterns = [
    # Each app mounts its own API; included by name, so this module imports none of them. The
    # namespace keeps the routers' names ("actor-list") apart from the pages' ("v1:actor-list").
    path(
        "v1/",
        include(
            (
                [
                    path("", include("articles.api.urls")),
                    path("", include("actors.api.urls")),
                    path("", include("claims.api.urls")),
                ],
                "v1",
            )
        ),
    ),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", _DocsView.as_view(url_name="api-schema"), name="api-docs"),
]
