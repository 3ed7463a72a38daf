"""Pages for articles: home, list, reader, the analysis-state poll, and ingestion."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from accounts.permissions import RoleRequiredMixin
from accounts.roles import Role
from claims.models import Claim
from claims.timeline import claim_rows, timeline_order

from . import services
from .errors import IngestError
from .models import Article
from .reader import article_reader
from .selectors import article_analysis_status, article_list, article_list_latest, proposed_count


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
        page = article_reader(article_id=kwargs["pk"])
        if page is None:
            raise Http404("No such article.")
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


class IngestForm(forms.Form):
    SOURCES = (("text", "Paste text"), ("file", "Upload files"), ("url", "From a URL"))

    source = forms.ChoiceField(choices=SOURCES, initial="text", widget=forms.RadioSelect)
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 12}))
    title = forms.CharField(required=False, max_length=500)
    url = forms.URLField(required=False, max_length=2000, assume_scheme="https")
    outlet = forms.CharField(required=False, max_length=200)

    def clean(self):
        data = super().clean()
        source = data.get("source")
        if source == "text" and not data.get("text", "").strip():
            self.add_error("text", "Paste the article's text.")
        if source == "url" and not data.get("url"):
            self.add_error("url", "Give the address of the article.")
        return data


class IngestView(RoleRequiredMixin, View):
    """Editors bring articles in; each result says plainly what happened to each input."""

    required_role = Role.EDITOR
    template_name = "articles/ingest.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, IngestForm(), results=self._results_from_query(request))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = IngestForm(request.POST)
        files = request.FILES.getlist("files")
        if not form.is_valid():
            return self._render(request, form, status=400)
        source = form.cleaned_data["source"]
        if source == "file" and not files:
            form.add_error(None, "Choose one or more files to upload.")
            return self._render(request, form, status=400)
        results, failed = [], False
        for name, call in self._inputs(form.cleaned_data, files, request.user):
            try:
                created = call()
            except IngestError as exc:
                failed = True
                results.append({"name": name, "error": str(exc)})
                continue
            results.append({"name": name, "article": created.article, "duplicate": created.duplicate})
        if failed:
            # Nothing to redirect to for the failures: show every outcome on this response.
            return self._render(request, form, results=results, status=400 if len(results) == 1 else 200)
        query = urlencode(
            [("article", r["article"].id) for r in results]
            + [("duplicate", r["article"].id) for r in results if r["duplicate"]]
        )
        return redirect(f"{reverse('ingest')}?{query}")

    def _inputs(self, data: dict, files: list, user) -> list[tuple[str, object]]:
        outlet = data["outlet"]
        if data["source"] == "text":
            return [
                (
                    data["title"] or "pasted text",
                    lambda: services.article_ingest_text(
                        text=data["text"], title=data["title"], outlet=outlet, user=user
                    ),
                )
            ]
        if data["source"] == "url":
            return [
                (data["url"], lambda: services.article_ingest_url(url=data["url"], outlet=outlet, user=user))
            ]
        return [
            (
                upload.name,
                lambda upload=upload: services.article_ingest_file(
                    data=upload.read(),
                    filename=upload.name,
                    content_type=upload.content_type,
                    outlet=outlet,
                    user=user,
                ),
            )
            for upload in files
        ]

    def _results_from_query(self, request: HttpRequest) -> list[dict]:
        ids = [int(v) for v in request.GET.getlist("article") if v.isdigit()][:50]
        duplicates = {int(v) for v in request.GET.getlist("duplicate") if v.isdigit()}
        found = Article.objects.defer("body").in_bulk(ids)
        return [
            {"name": found[i].title, "article": found[i], "duplicate": i in duplicates}
            for i in ids
            if i in found
        ]

    def _render(self, request, form, *, results=(), status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {"form": form, "results": results}, status=status)
