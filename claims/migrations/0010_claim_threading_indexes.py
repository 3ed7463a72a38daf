from django.db import migrations

# Threading's candidate search (claims.selectors.threading.article_candidates) looks up a few
# rare words in the search vector's GIN index and keeps the statements within a time window.
# A BRIN index on the date lets PostgreSQL AND the window into that bitmap for almost nothing
# (statements arrive roughly in date order, so a window is a run of table blocks): without it a
# pair of words common over three years of news fetched every old statement holding them only to
# drop it. Undated statements (their article's ingestion date stands in) get a small GIN index of
# their own, so the search for them never scans the dated archive.
FORWARD = [
    "CREATE INDEX IF NOT EXISTS claim_published_brin_idx ON claims_claim USING brin (published_at)",
    "CREATE INDEX IF NOT EXISTS claim_undated_search_idx ON claims_claim USING gin (search_vector) "
    "WHERE published_at IS NULL",
]
BACKWARD = [
    "DROP INDEX IF EXISTS claim_published_brin_idx",
    "DROP INDEX IF EXISTS claim_undated_search_idx",
]


def _run(statements):
    def run(apps, schema_editor):
        # SQLite (the quick start) has neither index kind; its threading search has no index.
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0009_sync_changes"),
    ]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
