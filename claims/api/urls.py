from django.urls import path
from rest_framework.routers import SimpleRouter

from . import exports
from .changes import ChangeFeedView
from .claims import ClaimViewSet
from .jobs import JobViewSet
from .links import LinkViewSet

router = SimpleRouter()
router.register("claims", ClaimViewSet, basename="claim")
router.register("links", LinkViewSet, basename="link")
router.register("jobs", JobViewSet, basename="job")

urlpatterns = [
    path("changes/", ChangeFeedView.as_view(), name="change-feed"),
    path("claims/export/csv/", exports.ClaimCsvExport.as_view(), name="claim-export-csv"),
    path("claims/export/jsonl/", exports.ClaimJsonLinesExport.as_view(), name="claim-export-jsonl"),
    path(
        "claims/export/annotations/",
        exports.ClaimWebAnnotationExport.as_view(),
        name="claim-export-annotations",
    ),
    path("claims/export/schema-org/", exports.ClaimSchemaOrgExport.as_view(), name="claim-export-schema-org"),
    path("claims/export/cameo/", exports.ClaimCameoExport.as_view(), name="claim-export-cameo"),
    *router.urls,
]
