"""The "start a job" form: turns what an editor typed into a task and a JobScope, or says what is wrong."""

import re

from django import forms

from actors.lookup import find_actor

from .models import AnalysisJob
from .scope import MAX_EXPLICIT_ARTICLES, JobScope, ScopeError


class JobStartForm(forms.Form):
    task = forms.ChoiceField(
        choices=AnalysisJob.Task.choices,
        initial=AnalysisJob.Task.ANALYSIS,
        required=False,
        label="Job",
        help_text="re-analysis extracts again and threads; re-threading only matches the stored statements again",
    )
    all = forms.BooleanField(required=False, label="All articles")
    since = forms.DateField(
        required=False, label="Published from", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label="Published before", widget=forms.DateInput(attrs={"type": "date"})
    )
    outlet = forms.CharField(required=False, max_length=200)
    actor = forms.CharField(required=False, max_length=300, help_text="id or name; speaks or is mentioned")
    articles = forms.CharField(
        required=False,
        label="Article ids",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="separated by spaces or commas",
    )

    def clean_task(self) -> str:
        # A form posted without it (an older page, a script) asks for what it always did.
        return self.cleaned_data["task"] or AnalysisJob.Task.ANALYSIS

    def clean_actor(self) -> int | None:
        value = self.cleaned_data["actor"].strip()
        if not value:
            return None
        actor = find_actor(value)
        if actor is None:
            number = value.lstrip("#")
            raise forms.ValidationError(
                f"There is no actor #{number}." if number.isdigit() else f"No actor is known as {value!r}."
            )
        return actor.pk

    def clean_articles(self) -> tuple[int, ...]:
        parts = [p for p in re.split(r"[\s,]+", self.cleaned_data["articles"]) if p]
        if len(parts) > MAX_EXPLICIT_ARTICLES:
            raise forms.ValidationError(f"At most {MAX_EXPLICIT_ARTICLES:,} ids.")
        if bad := [p for p in parts if not p.isdigit() or int(p) <= 0 or len(p) > 18]:
            raise forms.ValidationError(f"Not an article id: {bad[0][:20]!r}.")
        return tuple(int(p) for p in parts)

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        try:
            data["scope"] = JobScope.from_input(
                all=data.get("all", False),
                since=data.get("since"),
                until=data.get("until"),
                outlet=data.get("outlet", ""),
                actor=data.get("actor"),
                articles=data.get("articles", ()),
            )
        except ScopeError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data
