"""Shared fixtures: the repository's real site_config and small dumps written per test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.config import SiteConfig, load_config

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator ARGS` from the repository root, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def config() -> SiteConfig:
    return load_config(ROOT / "site_config", site_url="https://example.org/digest/")


@pytest.fixture
def write_dump(tmp_path: Path):
    """Write a dump file (text or bytes) into a fresh dumps folder and return its path."""

    def _write(name: str, content: str | bytes, meta: str | None = None) -> Path:
        folder = tmp_path / "dumps"
        folder.mkdir(exist_ok=True)
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        if meta is not None:
            (folder / f"{path.stem}.meta.yml").write_text(meta, encoding="utf-8")
        return path

    return _write
