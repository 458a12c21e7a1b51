"""A throwaway copy of the repository that `make` can run in, using this checkout's .venv.

Publishing tests run the real Makefile targets (`make site`, `make deploy`) without touching
the repository itself or building a second environment."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT

FILES = ("Makefile", "mkdocs.yml", "pyproject.toml", "uv.lock")
FOLDERS = ("dumps", "generator", "site_config")


def copy_repository(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copy2(ROOT / name, dest / name)  # copy2 keeps mtimes: make sees nothing stale
    for name in FOLDERS:
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def make(repo: Path, target: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `make target` in the copy with this checkout's environment (same lock file)."""
    return subprocess.run(
        ["make", target, f"VENV={ROOT / '.venv'}", f"UV={ROOT / '.tools/bin/uv'}"],
        cwd=repo,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
