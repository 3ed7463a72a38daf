"""Template filters for the analyst pages."""

import functools

from django import template
from django.urls import get_script_prefix, reverse

register = template.Library()


@register.filter
def clip(value: object, length: int) -> str:
    """Shorten to `length` characters with an ellipsis.

    Django's truncatechars walks the text character by character for combining marks; on a
    timeline page of fifty statements and their threads that was a fifth of the render time.
    Cutting a combining mark off its letter here costs at most one odd glyph in a preview.
    Autoescaping applies to the result as to any other value.
    """
    text = "" if value is None else str(value)
    if len(text) <= length:
        return text
    return text[: max(0, length - 1)].rstrip() + "…"


@functools.lru_cache(maxsize=8192)
def _url(name: str, pk: int, prefix: str) -> str:
    return reverse(name, args=[pk])


@register.filter
def article_url(pk: int) -> str:
    """The reader's address for an article id. A timeline page links the same few articles and
    actors dozens of times; `reverse` on each link was a fifth of its render time."""
    return _url("article-detail", pk, get_script_prefix())


@register.filter
def actor_url(pk: int) -> str:
    return _url("actor-detail", pk, get_script_prefix())


@register.filter
def thread_url(pk: int) -> str:
    return _url("thread-detail", pk, get_script_prefix())


@register.filter
def plural(count: int, word: str) -> str:
    """ "1 denial", "3 denials": the counts of a thread as the timeline and reader show them."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@register.filter
def attr_count(thread: object, kind: str) -> int:
    """A thread's count of one kind of statement (`claim_count`, `denial_count`, …)."""
    return int(getattr(thread, f"{kind}_count", 0) or 0)
