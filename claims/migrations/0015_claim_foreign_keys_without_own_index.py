# The claims' article, speaker and target keys lose their own single-column indexes: the
# composite indexes claim_article_pos_idx, claim_speaker_idx and claim_target_idx begin with the
# same columns and serve the same lookups (cascades included), and each index is one more write
# for every statement stored or re-threaded (threading rewrites an article's statements).
# Only the indexes go: Django would otherwise drop and re-add the foreign keys, which re-checks
# every row of the table.

import django.db.models.deletion
from django.db import migrations, models


# Django's names for them (the same on PostgreSQL and SQLite).
INDEXES = {
    "article_id": "claims_claim_article_id_6731be49",
    "speaker_id": "claims_claim_speaker_id_e031226b",
    "target_id": "claims_claim_target_id_1e7228b8",
}


class Migration(migrations.Migration):

    dependencies = [
        ('actors', '0003_actor_status_rejected'),
        ('articles', '0004_article_salient_names'),
        ('claims', '0014_merge_search_indexes_and_sync_pruning'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.AlterField(
            model_name='claim',
            name='article',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='claims', to='articles.article'),
        ),
        migrations.AlterField(
            model_name='claim',
            name='speaker',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='statements', to='actors.actor'),
        ),
        migrations.AlterField(
            model_name='claim',
            name='target',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='targeted_by', to='actors.actor'),
        ),
    ],
            database_operations=[
                migrations.RunSQL(
                    [f"DROP INDEX IF EXISTS {name}" for name in INDEXES.values()],
                    [f"CREATE INDEX IF NOT EXISTS {name} ON claims_claim ({column})" for column, name in INDEXES.items()],
                ),
            ],
        ),
    ]
