from django.urls import path
from rest_framework.routers import SimpleRouter

from . import actor_review, exports
from .changes import ChangeFeedView
from .claims import ClaimViewSet
from .jobs import JobViewSet
from .links import LinkViewSet
from .threads import ThreadViewSet

router = SimpleRouter()
router.register("claims", ClaimViewSet, basename="claim")
router.register("links", LinkViewSet, basename="link")
router.register("jobs", JobViewSet, basename="job")
router.register("threads", ThreadViewSet, basename="thread")

urlpatterns = [
    path("changes/", ChangeFeedView.as_view(), name="change-feed"),
    path("actors/<str:pk>/confirm/", actor_review.ActorConfirmView.as_view(), name="actor-confirm"),
    path("actors/<str:pk>/reject/", actor_review.ActorRejectView.as_view(), name="actor-reject"),
    path("actors/<str:pk>/merge/", actor_review.ActorMergeView.as_view(), name="actor-merge-api"),
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
