"""Actors the extractor knows by name: states, organisations, officials, media and blocs."""

from extraction.knowledge.base import (
    KBEntry,
    KnowledgeBase,
    KnowledgeBaseError,
    load_knowledge_base,
    normalise_alias,
)

__all__ = ["KBEntry", "KnowledgeBase", "KnowledgeBaseError", "load_knowledge_base", "normalise_alias"]
