"""The Makefile's own logic, read with `make -n` (prints the commands, runs none)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """The Makefile beside what its rules name, with a .venv that was synced once."""
    for name in ("Makefile", "pyproject.toml", "uv.lock"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "site_config", tmp_path / "site_config")
    uv = tmp_path / ".tools" / "bin" / "uv"
    uv.parent.mkdir(parents=True)
    uv.write_text("#!/bin/sh\n", encoding="utf-8")
    uv.chmod(0o755)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / ".synced").touch()
    return tmp_path


def planned(checkout: Path, target: str) -> str:
    done = subprocess.run(
        ["make", "-n", target], cwd=checkout, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_synced_venv_is_not_synced_again(checkout: Path) -> None:
    os.symlink(sys.executable, checkout / ".venv/bin/python")  # the project's own Python
    assert "uv sync" not in planned(checkout, "generate")


def test_a_venv_whose_python_is_gone_is_synced_again(checkout: Path) -> None:
    # The Python it was made from was upgraded or removed: every target failed with
    # ".venv/bin/python: No such file or directory" until `make clean`.
    os.symlink(checkout / "no-such-python", checkout / ".venv/bin/python")
    assert "uv sync" in planned(checkout, "generate")
