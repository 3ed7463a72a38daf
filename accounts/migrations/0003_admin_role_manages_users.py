"""The admin role manages users in the admin site (issue 13): its group gets the permissions.

Users: all four. Groups (the roles themselves): view only, so that an admin assigns roles but
cannot widen what a role may do. Login lockouts (django-axes): view and delete, which unlocks.
API tokens: view and change (the revoke action).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    ("auth", "user"): ("add", "change", "delete", "view"),
    ("auth", "group"): ("view",),
    ("axes", "accessattempt"): ("view", "delete"),
    ("axes", "accessfailurelog"): ("view", "delete"),
    ("axes", "accesslog"): ("view",),
    ("accounts", "apitoken"): ("view", "change"),
}


def _permissions(apps):
    # Permissions are normally created after the whole migrate run; on a new database they do
    # not exist yet at this point, so create them first (it is idempotent).
    for label in {app for app, _ in GRANTS}:
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    for (app, model), actions in GRANTS.items():
        for action in actions:
            yield Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    admin, _ = Group.objects.get_or_create(name="admin")
    admin.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    admin = Group.objects.filter(name="admin").first()
    if admin is not None:
        admin.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_api_token"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("axes", "0010_accessattemptexpiration"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
