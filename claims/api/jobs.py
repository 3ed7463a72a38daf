"""Analysis jobs: analysts follow them; editors start and cancel them."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.permissions import ReadAnalystWriteEditor
from claimtrack.api.pagination import Ordering
from claimtrack.api.schema import error_response
from claimtrack.api.views import ListRetrieveViewSet, parse_id

from ..models import AnalysisJob
from ..scope import JobScope, ScopeError
from ..services.jobs import JobError, job_cancel, job_create
from .selectors import job_queryset
from .serializers import JobCreateSerializer, JobSerializer


@extend_schema_view(
    list=extend_schema(summary="List analysis jobs"), retrieve=extend_schema(summary="One job")
)
class JobViewSet(ListRetrieveViewSet):
    permission_classes = [ReadAnalystWriteEditor]
    serializer_class = JobSerializer
    orderings = {"-created_at": Ordering(("-created_at", "-id"))}
    default_ordering = "-created_at"
    queryset = AnalysisJob.objects.none()

    def get_queryset(self):
        return job_queryset()

    @extend_schema(
        summary="Start a re-analysis or a re-threading (editors)",
        description=(
            '`scope`: `{"all": true}`, or any of since/until/outlet/actor, or `articles: [ids]`. '
            "`task`: `analysis` (default: extract again, then thread) or `rethread` (match the "
            "stored statements across articles again, extracting nothing)."
        ),
        request=JobCreateSerializer,
        responses={201: JobSerializer},
    )
    def create(self, request: Request) -> Response:
        serializer = JobCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            scope = JobScope.from_input(**serializer.validated_data["scope"])
            job = job_create(user=request.user, scope=scope, task=serializer.validated_data["task"])
        except ScopeError as exc:
            return Response({"scope": [str(exc)]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(JobSerializer(job).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Cancel a job (editors)",
        request=None,
        responses={200: JobSerializer, 409: error_response("The job has already finished.")},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        job = get_object_or_404(job_queryset(), pk=parse_id(pk))
        try:
            job = job_cancel(user=request.user, job=job)
        except JobError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        return Response(JobSerializer(job).data)
