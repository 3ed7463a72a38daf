"""History pages (editors read them; admins also revert from them)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView

from accounts.permissions import RoleRequiredMixin
from accounts.roles import Role, can_administer
from articles.models import Article
from claimtrack.errors import EditError
from history.models import ChangeRecord
from history.selectors import article_history, recent_history

from ..models import Claim
from ..selectors.history import claim_history
from ..services.revert import change_revert


class _HistoryView(RoleRequiredMixin, TemplateView):
    required_role = Role.EDITOR
    template_name = "claims/history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(can_revert=can_administer(self.request.user), here=self.request.get_full_path())
        return context


class RecentHistoryView(_HistoryView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(heading="Recent changes", entries=recent_history())
        return context


class ClaimHistoryView(_HistoryView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        claim = Claim.objects.select_related("article").defer("article__body").filter(pk=kwargs["pk"]).first()
        entries = claim_history(claim_id=kwargs["pk"])
        if claim is None and not entries:
            raise Http404("No such statement.")
        context.update(heading=f"History of statement #{kwargs['pk']}", claim=claim, entries=entries)
        return context


class ArticleHistoryView(_HistoryView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = get_object_or_404(Article.objects.only("id", "title"), pk=kwargs["pk"])
        context.update(
            heading=f"Changes in “{article.title}”",
            article=article,
            entries=article_history(article_id=article.pk),
        )
        return context


class ChangeRevertView(RoleRequiredMixin, View):
    # The page lets editors in; the service refuses anyone but an admin (a 403 here).
    required_role = Role.EDITOR

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        change = get_object_or_404(ChangeRecord, pk=pk)
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("history-recent")
        try:
            change_revert(user=request.user, change=change)
        except PermissionDenied:
            raise
        except EditError as exc:
            messages.error(request, f"Not reverted: {' '.join(exc.messages)}")
        else:
            messages.success(request, f"Change #{pk} reverted.")
        return HttpResponseRedirect(back)
