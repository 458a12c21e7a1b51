"""The committed content/ tree is what the generator makes of dumps/ today.

content/ is the published state; a change to the generator or to site_config/ that is not
followed by `make generate` (and a commit) would publish stale pages.
"""

from __future__ import annotations

from pathlib import Path

from generator.build import generate
from generator.config import load_config
from tests.conftest import ROOT


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_committed_content_matches_a_fresh_generation(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    generate(ROOT / "dumps", tmp_path / "content", load_config(ROOT / "site_config"))
    fresh, committed = _tree(tmp_path / "content"), _tree(ROOT / "content")
    assert sorted(fresh) == sorted(committed), "run `make generate` and commit content/"
    stale = [path for path in fresh if fresh[path] != committed[path]]
    assert not stale, f"stale pages, run `make generate` and commit content/: {stale}"
