from django.urls import path

from . import jobs_views

urlpatterns = [
    path("jobs/", jobs_views.JobListView.as_view(), name="job-list"),
    path("jobs/start/", jobs_views.JobStartView.as_view(), name="job-start"),
    path("jobs/<int:job_id>/", jobs_views.JobDetailView.as_view(), name="job-detail"),
    path("jobs/<int:job_id>/status.json", jobs_views.JobStatusView.as_view(), name="job-status"),
    path("jobs/<int:job_id>/cancel/", jobs_views.JobCancelView.as_view(), name="job-cancel"),
    path("jobs/<int:job_id>/retry-failed/", jobs_views.JobRetryFailedView.as_view(), name="job-retry-failed"),
]
