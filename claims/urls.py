from django.urls import path

from . import history_views, review_views, views

urlpatterns = [
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("review/", review_views.ReviewQueueView.as_view(), name="review-queue"),
    path("review/quality/", review_views.ExtractorQualityView.as_view(), name="review-quality"),
    path("review/claims/<int:pk>/decide/", review_views.ReviewDecideView.as_view(), name="review-decide"),
    path("history/", history_views.RecentHistoryView.as_view(), name="history-recent"),
    path("history/claims/<int:pk>/", history_views.ClaimHistoryView.as_view(), name="history-claim"),
    path("history/articles/<int:pk>/", history_views.ArticleHistoryView.as_view(), name="history-article"),
    path("history/changes/<int:pk>/revert/", history_views.ChangeRevertView.as_view(), name="history-revert"),
]
