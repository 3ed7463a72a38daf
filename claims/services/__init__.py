"""Writes on claims, links and analysis jobs. Modules: extraction_apply, jobs, editing, history."""

from .extraction_apply import apply_extraction as apply_extraction
