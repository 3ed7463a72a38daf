from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"

    def ready(self) -> None:
        # articles sits below claims and cannot call it: it announces a revision, claims follows.
        from articles.signals import article_revised

        from .services.revisions import on_article_revised

        article_revised.connect(on_article_revised, dispatch_uid="claims-follow-revision")
