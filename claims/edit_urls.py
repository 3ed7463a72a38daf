"""Routes of editor annotation: the JSON edit endpoints, the review queue and the history pages."""

from django.urls import path

from . import edit_views
from .views import history as history_views
from .views import review as review_views

urlpatterns = [
    path("edit/claims/search/", edit_views.claim_search_view, name="edit-claim-search"),
    path("edit/claims/<int:pk>/", edit_views.claim_detail, name="edit-claim"),
    path("edit/claims/<int:pk>/update/", edit_views.claim_update_view, name="edit-claim-update"),
    path("edit/claims/<int:pk>/confirm/", edit_views.claim_confirm_view, name="edit-claim-confirm"),
    path("edit/claims/<int:pk>/reject/", edit_views.claim_reject_view, name="edit-claim-reject"),
    path("edit/articles/<int:pk>/claims/", edit_views.claim_create_view, name="edit-claim-create"),
    path("edit/links/", edit_views.link_create_view, name="edit-link-create"),
    path("edit/links/<int:pk>/delete/", edit_views.link_delete_view, name="edit-link-delete"),
    path("edit/actors/search/", edit_views.actor_search_view, name="edit-actor-search"),
    path("edit/actors/", edit_views.actor_create_view, name="edit-actor-create"),
    path("review/", review_views.ReviewQueueView.as_view(), name="review-queue"),
    path("review/quality/", review_views.ExtractorQualityView.as_view(), name="review-quality"),
    path("review/claims/<int:pk>/decide/", review_views.ReviewDecideView.as_view(), name="review-decide"),
    path("history/", history_views.RecentHistoryView.as_view(), name="history-recent"),
    path("history/claims/<int:pk>/", history_views.ClaimHistoryView.as_view(), name="history-claim"),
    path("history/articles/<int:pk>/", history_views.ArticleHistoryView.as_view(), name="history-article"),
    path("history/changes/<int:pk>/revert/", history_views.ChangeRevertView.as_view(), name="history-revert"),
]
