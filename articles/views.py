"""The ingestion page (the article pages that show statements are claims.views.articles)."""

from __future__ import annotations

from datetime import datetime, time
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from accounts.permissions import RoleRequiredMixin
from accounts.roles import Role

from . import services
from .errors import IngestError
from .models import Article


class IngestForm(forms.Form):
    SOURCES = (("text", "Paste text"), ("file", "Upload files"), ("url", "From a URL"))

    source = forms.ChoiceField(choices=SOURCES, initial="text", widget=forms.RadioSelect)
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 12}))
    title = forms.CharField(required=False, max_length=500)
    url = forms.URLField(required=False, max_length=2000, assume_scheme="https")
    outlet = forms.CharField(required=False, max_length=200)
    # Without a date an article is "undated": the timeline, the charts and the threads place it
    # by when it was ingested. The API and fetched pages can give one; a pasted text could not.
    published = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

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
        # The start of that day in the site's time zone, as the timeline's date filters read a day.
        day = data.get("published")
        published_at = timezone.make_aware(datetime.combine(day, time.min)) if day else None
        if data["source"] == "text":
            return [
                (
                    data["title"] or "pasted text",
                    lambda: services.article_ingest_text(
                        text=data["text"],
                        title=data["title"],
                        outlet=outlet,
                        published_at=published_at,
                        user=user,
                    ),
                )
            ]
        if data["source"] == "url":
            return [
                (
                    data["url"],
                    lambda: services.article_ingest_url(
                        url=data["url"], outlet=outlet, published_at=published_at, user=user
                    ),
                )
            ]
        return [
            (
                upload.name,
                lambda upload=upload: services.article_ingest_file(
                    data=upload.read(),
                    filename=upload.name,
                    content_type=upload.content_type,
                    outlet=outlet,
                    published_at=published_at,
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
