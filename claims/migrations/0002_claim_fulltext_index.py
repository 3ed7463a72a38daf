from django.db import migrations

# The expression matches what django.contrib.postgres.search.SearchVector("quote_text",
# config="english") renders, so PostgreSQL uses this index for full-text filters.
CREATE = """
CREATE INDEX IF NOT EXISTS claim_quote_fts_idx ON claims_claim
USING gin (to_tsvector('english'::regconfig, COALESCE(quote_text, '')))
"""
DROP = "DROP INDEX IF EXISTS claim_quote_fts_idx"


def create_index(apps, schema_editor):
    # SQLite (the zero-setup quick start) has no GIN indexes; search there is a plain scan.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
