import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.roles import Role
from accounts.services import user_create_with_role, user_set_role
from articles.services import article_ingest_text
from demo.seed import seed_text


class Command(BaseCommand):
    help = "Load the demo: the seed article, and one account per role (passwords are printed)."

    def handle(self, *args, **options):
        body = seed_text()
        with transaction.atomic():
            # Through the same parsing as `manage.py ingest`, so that ingesting the seed file later
            # finds this article instead of storing a second copy with its page chrome.
            created = article_ingest_text(text=body, outlet="Seed article")
        state = "already loaded" if created.duplicate else "loaded"
        self.stdout.write(f"Seed article {state}: #{created.article.pk} {created.article.title}")

        self.stdout.write("Demo accounts (new passwords on every run; log in at /login/):")
        for role in Role:
            username = f"demo-{role.value}"
            # Fresh random passwords: nothing guessable ships with the project.
            password = secrets.token_urlsafe(9)
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                user_create_with_role(username=username, password=password, role=role)
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
                user_set_role(user=user, role=role)
            self.stdout.write(f"  {role.value:<8} {username:<14} {password}")
