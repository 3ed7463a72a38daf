"""Article pages that show statements: home, the article list, the reader, the analysis-state poll.

Ingestion, which shows no statements, is articles.views."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from accounts.permissions import RoleRequiredMixin
from accounts.roles import Role, has_role
from articles.selectors import article_list_latest

from ..models import Claim
from ..selectors.articles import article_analysis_status, article_list, proposed_count
from ..selectors.reader import article_reader
from ..selectors.thread_pages import attach_statement_threads
from ..selectors.timeline import claim_rows, timeline_order


class HomeView(RoleRequiredMixin, TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        waiting, more = proposed_count()
        context.update(
            articles=article_list_latest(limit=10),
            statements=list(claim_rows().order_by(*timeline_order())[:10]),
            waiting=waiting,
            waiting_more=more,
        )
        return context


class ArticleListView(RoleRequiredMixin, TemplateView):
    template_name = "articles/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        search = self.request.GET.get("q", "")[:200]
        outlet = self.request.GET.get("outlet", "")[:200]
        page = article_list(search=search, outlet=outlet, after=self.request.GET.get("after", ""))
        next_query = None
        if page.next_cursor:
            keep = [(k, v) for k, v in (("q", search), ("outlet", outlet)) if v]
            next_query = urlencode([*keep, ("after", page.next_cursor)])
        context.update(page=page, search=search, outlet=outlet, next_query=next_query)
        return context


class ArticleReaderView(RoleRequiredMixin, TemplateView):
    template_name = "articles/reader.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = article_reader(article_id=kwargs["pk"], with_rejected=has_role(self.request.user, Role.EDITOR))
        if page is None:
            raise Http404("No such article.")
        attach_statement_threads(page.statements)
        context.update(page=page, kinds=Claim.Kind.choices)
        return context


class ArticleStatusView(RoleRequiredMixin, View):
    """JSON the ingestion page polls until the article's analysis is done or has failed."""

    def get(self, request: HttpRequest, pk: int) -> JsonResponse:
        status = article_analysis_status(article_id=pk)
        if status is None:
            return JsonResponse({"error": "No such article."}, status=404)
        status["url"] = reverse("article-detail", args=[pk])
        return JsonResponse(status)
