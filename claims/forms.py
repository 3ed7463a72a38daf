"""The "start a job" form: turns what an editor typed into a JobScope, or says what is wrong."""

import re
from datetime import UTC, datetime, time

from django import forms

from actors.models import Actor, ActorAlias
from extraction.knowledge import normalise_alias

from .scope import MAX_EXPLICIT_ARTICLES, JobScope, ScopeError


class JobStartForm(forms.Form):
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

    def clean_actor(self) -> int | None:
        value = self.cleaned_data["actor"].strip()
        if not value:
            return None
        if value.isdigit():
            if not Actor.objects.filter(pk=int(value)).exists():
                raise forms.ValidationError(f"There is no actor #{value}.")
            return int(value)
        alias = ActorAlias.objects.filter(normalised=normalise_alias(value)).first()
        if alias:
            return alias.actor_id
        raise forms.ValidationError(f"No actor is known as {value!r}.")

    def clean_articles(self) -> tuple[int, ...]:
        parts = [p for p in re.split(r"[\s,]+", self.cleaned_data["articles"]) if p]
        if len(parts) > MAX_EXPLICIT_ARTICLES:
            raise forms.ValidationError(f"At most {MAX_EXPLICIT_ARTICLES:,} ids.")
        if bad := [p for p in parts if not p.isdigit() or int(p) <= 0 or len(p) > 18]:
            raise forms.ValidationError(f"Not an article id: {bad[0][:20]!r}.")
        return tuple(dict.fromkeys(int(p) for p in parts))

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        since, until = data.get("since"), data.get("until")
        scope = JobScope(
            all=data.get("all", False),
            since=datetime.combine(since, time.min, tzinfo=UTC) if since else None,
            until=datetime.combine(until, time.min, tzinfo=UTC) if until else None,
            outlet=data.get("outlet", "").strip(),
            actor_id=data.get("actor"),
            article_ids=data.get("articles", ()),
        )
        try:
            data["scope"] = scope.validate()
        except ScopeError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data
