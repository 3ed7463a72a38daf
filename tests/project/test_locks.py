"""The hashed locks: every package pinned with hashes, every top-level requirement in its lock.

`make lock-check` (in `make test`) re-resolves the .in files against PyPI; this test needs no
network and catches a hand-edited lock or an .in file that nobody locked.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", re.M)


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _entries(lock: str) -> list[str]:
    # One entry per package: its pin line, its --hash continuation lines, its "# via" comments.
    return re.split(r"\n(?=[A-Za-z0-9])", lock.split("\n", 2)[2].strip())


def _pins(text: str) -> dict[str, str]:
    return {_name(name): version for name, version in PIN.findall(text)}


@pytest.mark.parametrize(
    ("source", "lock"),
    [("requirements.in", "requirements.lock"), ("requirements-dev.in", "requirements-dev.lock")],
)
def test_every_package_in_the_lock_is_pinned_with_hashes(source, lock):
    text = (ROOT / lock).read_text()
    entries = _entries(text)
    assert len(entries) > 50  # transitive dependencies are there, not only the top level
    for entry in entries:
        assert PIN.match(entry), entry[:200]
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), entry[:200]
    locked = _pins(text)
    for name, version in _pins((ROOT / source).read_text()).items():
        assert locked.get(name) == version, f"{name}=={version} from {source} is not in {lock}"


def test_the_dev_lock_holds_the_runtime_lock_at_the_same_versions():
    runtime = _pins((ROOT / "requirements.lock").read_text())
    dev = _pins((ROOT / "requirements-dev.lock").read_text())
    assert {name: dev.get(name) for name in runtime} == runtime


def test_the_lxml_cleaner_that_justext_needs_is_locked():
    # Issue 13: an older pip dropped the lxml[html_clean] extra and migrate failed without it.
    assert "lxml-html-clean" in _pins((ROOT / "requirements.lock").read_text())


def test_the_installer_is_pinned_and_installed_before_the_locks():
    # The venv's bundled pip 23.2 took the newest lxml for justext's lxml[html_clean] extra,
    # outside the lock, and --require-hashes refused it: a fresh install broke on a new release.
    pins = (ROOT / "requirements-pip.txt").read_text()
    assert re.search(r"^pip==[\d.]+ \\\n(    --hash=sha256:[0-9a-f]{64}.*\n)+", pins, re.M)
    for recipe in ("Makefile", "Dockerfile"):
        text = (ROOT / recipe).read_text()
        assert text.index("requirements-pip.txt") < text.index("-r requirements.lock"), recipe
