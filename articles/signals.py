"""Signals articles sends, so that higher layers react without articles importing them."""

from django.dispatch import Signal

# Sent inside the revising transaction, after Article.body holds the new text and before the
# analysis of it is queued: receivers move whatever points into the old text (claims does).
# Arguments: article, old_body, new_body.
article_revised = Signal()
