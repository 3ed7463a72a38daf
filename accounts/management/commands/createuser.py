import getpass
import secrets
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.roles import Role
from accounts.services import user_create_with_role


class Command(BaseCommand):
    help = (
        "Create a user with a claimtrack role (analyst, editor or admin). Without --password, "
        "a terminal is asked for one; without a terminal, a random one is generated and printed."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=[r.value for r in Role], required=True)
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="Prompted for on a terminal; generated and printed otherwise.")

    def handle(self, *args, username: str, role: str, email: str, password: str | None, **options):
        generated = False
        if password is None:
            if sys.stdin.isatty():
                password = getpass.getpass("Password: ")
            else:
                # A script or a container entry point has no terminal to type into: getpass would
                # end in an EOFError, so the account gets a strong password that is shown once.
                password, generated = secrets.token_urlsafe(12), True
        if not password:
            raise CommandError("A password is required.")
        try:
            user = user_create_with_role(username=username, password=password, role=Role(role), email=email)
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
        self.stdout.write(self.style.SUCCESS(f"Created {role} {user.get_username()}"))
        if generated:
            self.stdout.write(f"Password (shown once): {password}")
