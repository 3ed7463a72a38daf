import os

import pytest

import demo.seed
from accounts.roles import Role
from tests.factories import UserFactory

pytest_plugins = ["tests.browser_support", "tests.support.api", "tests.support.seed"]


def pytest_sessionfinish(session, exitstatus):
    # In CI a missing service or browser must fail, not skip: a skip there hides a broken install step.
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") and skipped and exitstatus == 0:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; skips are failures in CI.", red=True)
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Hundreds of tests create users; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _celery_eager_by_default():
    """Tasks run in-process unless a test asks for the real worker (see tests/integration)."""
    from claimtrack.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def role_groups(transactional_db) -> None:
    """Committed role groups for transactional tests: their closing flush also empties the groups
    a data migration made."""
    from django.contrib.auth.models import Group

    for role in Role:
        Group.objects.get_or_create(name=role.value)


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article (demo/seed/, its one copy)."""
    return demo.seed.seed_text()


@pytest.fixture
def analyst(db):
    return UserFactory(role=Role.ANALYST)


@pytest.fixture
def editor(db):
    return UserFactory(role=Role.EDITOR)


@pytest.fixture
def admin_user(db):
    return UserFactory(role=Role.ADMIN)


@pytest.fixture
def outsider(db):
    """Logged in, but holds no role."""
    return UserFactory()
