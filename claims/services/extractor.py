"""The extraction function workers call, chosen by the CLAIMTRACK_EXTRACTOR setting."""

from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from extraction.types import ExtractionResult

Extractor = Callable[[str], ExtractionResult]


def get_extractor() -> Extractor:
    return _import(settings.CLAIMTRACK_EXTRACTOR)


def extractor_version() -> str:
    """The configured extractor's EXTRACTOR_VERSION (the module that defines the function)."""
    return str(_import(settings.CLAIMTRACK_EXTRACTOR.rsplit(".", 1)[0] + ".EXTRACTOR_VERSION"))


@cache
def _import(dotted_path: str):
    return import_string(dotted_path)
