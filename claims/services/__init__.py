"""Writes on claims, links and analysis jobs. Modules: extraction_apply, jobs, editing, history."""
