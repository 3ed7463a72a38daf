"""Jobs pages: analysts follow analysis and re-threading jobs; editors and admins start, cancel and retry them."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from accounts.permissions import RoleRequiredMixin
from accounts.roles import Role

from ..forms import JobStartForm
from ..models import AnalysisJob
from ..scope import ScopeError
from ..selectors.jobs import job_failures, job_get, job_list, job_scope_descriptions, job_status
from ..services.jobs import JobError, job_cancel, job_create, job_retry_failed


def _job_or_404(job_id: int) -> AnalysisJob:
    job = job_get(job_id=job_id)
    if job is None:
        raise Http404("No such job.")
    return job


def _list_page(request: HttpRequest, form: JobStartForm, status: int = 200) -> HttpResponse:
    jobs = job_list()
    described = job_scope_descriptions(jobs=jobs)
    rows = [(job, described[job.pk]) for job in jobs]
    return render(request, "claims/jobs/list.html", {"rows": rows, "form": form}, status=status)


class JobListView(RoleRequiredMixin, View):
    required_role = Role.ANALYST

    def get(self, request: HttpRequest) -> HttpResponse:
        return _list_page(request, JobStartForm())


class JobStartView(RoleRequiredMixin, View):
    required_role = Role.EDITOR

    def post(self, request: HttpRequest) -> HttpResponse:
        form = JobStartForm(request.POST)
        if not form.is_valid():
            return _list_page(request, form, status=400)
        try:
            job = job_create(
                user=request.user, scope=form.cleaned_data["scope"], task=form.cleaned_data["task"]
            )
        except ScopeError as exc:
            form.add_error(None, str(exc))
            return _list_page(request, form, status=400)
        messages.success(request, f"Job {job.pk} queued.")
        return redirect("job-detail", job_id=job.pk)


class JobDetailView(RoleRequiredMixin, View):
    required_role = Role.ANALYST

    def get(self, request: HttpRequest, job_id: int) -> HttpResponse:
        job = _job_or_404(job_id)
        context = {
            "job": job,
            "scope": job_scope_descriptions(jobs=[job])[job.pk],
            "failures": job_failures(job=job),
            "active": job.is_active,
            # The page's script polls while the status is one of these (static/js/jobs.js).
            "active_statuses": " ".join(AnalysisJob.ACTIVE_STATUSES),
        }
        return render(request, "claims/jobs/detail.html", context)


class JobStatusView(RoleRequiredMixin, View):
    """JSON for the page's progress poller (static/js/jobs.js)."""

    required_role = Role.ANALYST

    def get(self, request: HttpRequest, job_id: int) -> JsonResponse:
        data = job_status(job=_job_or_404(job_id))
        for failure in data["failures"]:
            failure["article_url"] = (
                reverse("article-detail", args=[failure["article_id"]]) if failure["article_id"] else None
            )
        return JsonResponse(data)


class JobCancelView(RoleRequiredMixin, View):
    required_role = Role.EDITOR

    def post(self, request: HttpRequest, job_id: int) -> HttpResponse:
        try:
            job_cancel(user=request.user, job=_job_or_404(job_id))
            messages.success(request, f"Job {job_id} cancelled.")
        except JobError as exc:
            messages.error(request, str(exc))
        return redirect("job-detail", job_id=job_id)


class JobRetryFailedView(RoleRequiredMixin, View):
    required_role = Role.EDITOR

    def post(self, request: HttpRequest, job_id: int) -> HttpResponse:
        try:
            n = job_retry_failed(user=request.user, job=_job_or_404(job_id))
            messages.success(request, f"{n} failed article{'s' if n != 1 else ''} queued again.")
        except JobError as exc:
            messages.error(request, str(exc))
        return redirect("job-detail", job_id=job_id)
