import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.roles import Role
from accounts.services import user_create_with_role


class Command(BaseCommand):
    help = "Create a user with a claimtrack role (analyst, editor or admin)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=[r.value for r in Role], required=True)
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="Prompted for when omitted.")

    def handle(self, *args, username: str, role: str, email: str, password: str | None, **options):
        if password is None:
            password = getpass.getpass("Password: ")
        if not password:
            raise CommandError("A password is required.")
        try:
            user = user_create_with_role(username=username, password=password, role=Role(role), email=email)
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
        self.stdout.write(self.style.SUCCESS(f"Created {role} {user.get_username()}"))
