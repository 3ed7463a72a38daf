# ChangeRecord now belongs to the history app (history.0001 takes it over with the same table);
# only Django's state forgets it here: the table and its rows stay.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0005_claim_actor_indexes_cover_kind_status'),
        ('history', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='ChangeRecord')],
            database_operations=[],
        ),
    ]
