from celery import shared_task
from django.db import OperationalError

from articles.models import Article


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=120,
    time_limit=150,
)
def analyze_article(article_id: int, content_hash: str) -> str:
    """Analyse one article. Safe to run twice: the outcome depends only on the article's text."""
    article = Article.objects.filter(id=article_id).only("id", "content_sha256").first()
    # Deleted, or edited since this task was queued (the edit queued a newer one).
    if article is None or article.content_sha256 != content_hash:
        return "skipped"
    # The extraction engine is not wired in yet: the article stays pending, and no claims are
    # invented meanwhile.
    return "pending"
