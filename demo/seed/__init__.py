"""The seed article and its gold annotation: the one copy in the project.

`nk-denial.txt` is the canonical example of DESIGN.md; `nk-denial.gold.json` is what a perfect
extractor finds in it (offsets are code points into that exact text). Plain Python, so the
extraction tests read it without Django.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

SEED_DIR = Path(__file__).resolve().parent
SEED_TEXT_PATH = SEED_DIR / "nk-denial.txt"
SEED_GOLD_PATH = SEED_DIR / "nk-denial.gold.json"


@cache
def seed_text() -> str:
    return SEED_TEXT_PATH.read_text(encoding="utf-8")


def seed_gold() -> dict[str, Any]:
    """A fresh copy each call: callers may change it."""
    return json.loads(SEED_GOLD_PATH.read_text(encoding="utf-8"))
