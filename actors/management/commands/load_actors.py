"""manage.py load_actors: load the shipped actor knowledge base into the database (idempotent)."""

from django.core.management.base import BaseCommand

from actors.services import actors_load_knowledge_base


class Command(BaseCommand):
    help = "Create or update actors and aliases from the knowledge base; safe to run again."

    def handle(self, *args, **options) -> None:
        loaded = actors_load_knowledge_base()
        self.stdout.write(
            f"Actors: {loaded.actors_created} created, {loaded.actors_updated} updated. "
            f"Aliases: {loaded.aliases_created} created, {loaded.aliases_skipped} left with another actor. "
            f"Affiliations set: {loaded.affiliations_set}."
        )
