from django.db import migrations

# A BRIN index answers "which table blocks hold these dates" only for the block ranges it has
# summarised; every range it has not is returned whole. Ranges filled after the index was made
# stay unsummarised until a VACUUM (or autosummarize) reaches them, so a bulk-loaded table (1M
# claims from generate_demo, on a server whose autovacuum has not run) had almost no summaries:
# the newest 30 days' bitmap covered half the table. Full-text pages search newest-first in date
# slices through this index (claims.selectors.search), so it is summarised now and from then on
# as each range fills (autosummarize queues it for autovacuum).
INDEX = "claim_published_brin_idx"


def forward(apps, schema_editor):
    # SQLite (the quick start) has no BRIN indexes.
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} SET (autosummarize = on)")
    schema_editor.execute(
        "SELECT brin_summarize_new_values(oid) FROM pg_class WHERE relname = %s AND relkind = 'i'", [INDEX]
    )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} RESET (autosummarize)")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0015_claim_foreign_keys_without_own_index"),
    ]

    operations = [migrations.RunPython(forward, backward)]
