import pytest

from .seed import Seed, create_seed


@pytest.fixture
def seed(db) -> Seed:
    """The seed article with the US claim, North Korea's denials and the rebuts links."""
    return create_seed()
