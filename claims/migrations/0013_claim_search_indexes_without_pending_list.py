from django.db import migrations

# GIN's fast update keeps new entries in an unsorted pending list (up to 4 MB) until vacuum
# merges them, and every search reads that list whole: at 1M claims, threading an article took
# 84 ms with the list merged and 323 ms with 350 pages pending (docs/BENCHMARKS.md, Threads).
# Claims are written a few at a time and searched on every analysis and every full-text page,
# so each insert goes straight into the index instead. generate_demo switches the pending list
# back on for its bulk batches only, and merges it before the batch commits.
INDEXES = ("claim_search_vector_idx", "claim_undated_search_idx")


def _set(fastupdate: str):
    def run(apps, schema_editor):
        # SQLite (the quick start) has no GIN indexes.
        if schema_editor.connection.vendor != "postgresql":
            return
        for index in INDEXES:
            schema_editor.execute(f"ALTER INDEX IF EXISTS {index} SET (fastupdate = {fastupdate})")
            if fastupdate == "off":
                schema_editor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0012_merge_threading_indexes_and_job_task"),
    ]

    operations = [migrations.RunPython(_set("off"), _set("on"))]
