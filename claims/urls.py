"""The pages of claims: the home page, articles with their statements, the timeline, actors'
pages, the review queue, analysis jobs and the history of editor changes."""

from django.urls import path

from .views import actor_review, actors, articles, history, jobs, review, timeline

urlpatterns = [
    path("", articles.HomeView.as_view(), name="home"),
    path("articles/", articles.ArticleListView.as_view(), name="article-list"),
    path("articles/<int:pk>/", articles.ArticleReaderView.as_view(), name="article-detail"),
    path("articles/<int:pk>/status/", articles.ArticleStatusView.as_view(), name="article-status"),
    path("timeline/", timeline.TimelineView.as_view(), name="timeline"),
    path("actors/<int:pk>/", actors.ActorDetailView.as_view(), name="actor-detail"),
    path("actors/<int:pk>/edit/merge/", actors.ActorMergeView.as_view(), name="actor-merge"),
    path("actors/merges/<int:pk>/undo/", actors.ActorMergeUndoView.as_view(), name="actor-merge-undo"),
    path("review/", review.ReviewQueueView.as_view(), name="review-queue"),
    path("review/actors/", actor_review.ActorReviewQueueView.as_view(), name="actor-review"),
    path(
        "review/actors/<int:pk>/decide/",
        actor_review.ActorReviewDecideView.as_view(),
        name="actor-review-decide",
    ),
    path("review/quality/", review.ExtractorQualityView.as_view(), name="review-quality"),
    path("review/claims/<int:pk>/decide/", review.ReviewDecideView.as_view(), name="review-decide"),
    path("jobs/", jobs.JobListView.as_view(), name="job-list"),
    path("jobs/start/", jobs.JobStartView.as_view(), name="job-start"),
    path("jobs/<int:job_id>/", jobs.JobDetailView.as_view(), name="job-detail"),
    path("jobs/<int:job_id>/status.json", jobs.JobStatusView.as_view(), name="job-status"),
    path("jobs/<int:job_id>/cancel/", jobs.JobCancelView.as_view(), name="job-cancel"),
    path("jobs/<int:job_id>/retry-failed/", jobs.JobRetryFailedView.as_view(), name="job-retry-failed"),
    path("history/", history.RecentHistoryView.as_view(), name="history-recent"),
    path("history/claims/<int:pk>/", history.ClaimHistoryView.as_view(), name="history-claim"),
    path("history/articles/<int:pk>/", history.ArticleHistoryView.as_view(), name="history-article"),
    path("history/changes/<int:pk>/revert/", history.ChangeRevertView.as_view(), name="history-revert"),
]
