"""Every shell command in the README's "Quick start" and "Using it" sections, run as written.

A newcomer copies these lines into a new shell on a fresh clone; each must exit 0. They run here
in a fresh copy of the repository (the files git would check out) on a new SQLite database, with
an environment that holds nothing of this test run's: no DATABASE_URL, SECRET_KEY or DEBUG, so
the `.env` that `make` writes is all the commands have, as on a newcomer's machine.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ("Quick start", "Using it")
# `make run` serves until stopped: its setup part runs instead (the installed environment is
# this one's, so make is told not to reinstall it). `make test` is the suite this test is in.
REPLACED = {
    "make run": "make -o .venv/.installed setup",
    "make test": None,
}


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands: list[str] = []
    for title in SECTIONS:
        section = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", text, re.M | re.S)
        assert section, f"README has no '## {title}' section"
        for block in re.findall(r"^```(?:sh|bash|shell)\n(.*?)^```", section[1], re.M | re.S):
            for line in block.replace("\\\n", " ").splitlines():
                if line.strip() and not line.lstrip().startswith("#"):
                    commands.append(line.strip())
    return commands


def _command_name(command: str) -> str:
    return re.sub(r"\s+#.*$", "", command).strip()


def _fresh_copy(destination: Path) -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    # The environment this suite runs in stands for the one `make install` builds.
    (destination / ".venv").symlink_to(Path(sys.prefix))


def test_the_readme_lists_the_commands_a_newcomer_runs():
    names = [_command_name(c) for c in readme_commands()]
    assert "make run" in names
    assert any("createuser" in n for n in names) and any("ingest" in n for n in names)
    assert len(names) >= 8


def test_every_readme_command_succeeds_on_a_fresh_clone(tmp_path):
    repo = tmp_path / "claimtrack"
    _fresh_copy(repo)
    assert not (repo / ".env").exists()
    home = tmp_path / "home"
    home.mkdir()
    environment = {"PATH": os.environ["PATH"], "HOME": str(home), "LANG": "C.UTF-8"}

    ran = []
    for command in readme_commands():
        name = _command_name(command)
        if name in REPLACED:
            if REPLACED[name] is None:
                continue
            command = REPLACED[name]
        result = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", command],
            cwd=repo,
            env=environment,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, (
            f"{command!r} exited {result.returncode}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
        ran.append((command, result))

    outputs = {c: r.stdout + r.stderr for c, r in ran}
    setup = next(o for c, o in outputs.items() if c.startswith("make"))
    assert "demo-admin" in setup  # the demo accounts were printed
    dotenv = (repo / ".env").read_text()
    assert "DEBUG=1" in dotenv and re.search(r"^SECRET_KEY=\S{40,}$", dotenv, re.M)
    created = next(o for c, o in outputs.items() if "createuser" in c)
    assert re.search(r"Password \(shown once\): \S{12,}", created)
    assert len(ran) >= 7, [c for c, _ in ran]
    # Without REDIS_URL nothing talks of a broker host (kombu warned on every command once).
    assert not [c for c, o in outputs.items() if "No hostname was supplied" in o]
    # A second `make` leaves the newcomer's .env as it is.
    subprocess.run(
        ["make", "-o", ".venv/.installed", ".env"], cwd=repo, env=environment, check=True, capture_output=True
    )
    assert (repo / ".env").read_text() == dotenv
