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


def planned(checkout: Path, target: str, *settings: str) -> str:
    done = subprocess.run(
        ["make", "-n", target, *settings], cwd=checkout, capture_output=True, text=True, check=False
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


def test_a_venv_made_from_another_python_is_synced_again_from_that_one(checkout: Path) -> None:
    # `make build PYTHON=/usr/bin/python3.11` over a .venv made from pyenv's Python: the
    # stamp kept the old .venv, and uv, given the name `python3.11`, would have kept it too.
    other = checkout / ".venv/bin/python"  # a working Python, but whose base is elsewhere
    answer = 'case "$2" in *base_prefix*) echo /another/python ;; esac'
    other.write_text(f"#!/bin/sh\n{answer}\n", encoding="utf-8")
    other.chmod(0o755)
    plan = planned(checkout, "generate", f"PYTHON={sys.executable}")
    assert f"sync --frozen --python {sys.executable} " in plan


def test_make_leaves_site_url_to_site_yml_and_its_messages(checkout: Path) -> None:
    # make read site_url with sed and handed it on as SITE_URL: a mistake in it was blamed on
    # an environment variable nobody set, and a folded YAML value reached the build as '>-'.
    python = checkout / ".venv/bin/python"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    shutil.copytree(ROOT / "dumps", checkout / "dumps")
    site = checkout / "site_config" / "site.yml"
    lines = site.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("site_url:"))
    lines[at] = "site_url: example.org/news/"
    site.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        ["make", "generate"], cwd=checkout, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode != 0
    assert (
        f"error: site_config/site.yml:{at + 1}: site_url 'example.org/news/' is not an "
        "absolute http(s) address" in done.stderr
    ), done.stderr


def test_make_runs_python_in_utf8_mode_whatever_the_locale(checkout: Path) -> None:
    seen = checkout / "seen"
    python = checkout / ".venv/bin/python"
    python.write_text(f'#!/bin/sh\necho "$PYTHONUTF8" > "{seen}"\n', encoding="utf-8")
    python.chmod(0o755)
    env = os.environ | {"LC_ALL": "C", "PYTHONUTF8": "0"}
    done = subprocess.run(["make", "generate"], cwd=checkout, env=env, capture_output=True)
    assert done.returncode == 0, done.stderr
    assert seen.read_text(encoding="utf-8") == "1\n"
