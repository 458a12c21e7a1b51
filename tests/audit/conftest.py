"""A freshly generated and built sample site for the audit tests, served on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.build import generate
from generator.config import load_config
from tests.audit.pages import AuditPage, pick_pages
from tests.audit.server import serve
from tests.conftest import ROOT


@dataclass(frozen=True, slots=True, kw_only=True)
class BuiltSite:
    site: Path
    content: Path
    site_url: str
    base: str
    """Where the site is served, ending in '/'."""
    pages: dict[str, AuditPage]
    """Page kind -> the page audited for it."""


def _build(work: Path) -> tuple[Path, Path, str]:
    config = load_config(ROOT / "site_config")
    generate(ROOT / "dumps", work / "content", config)
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    mkdocs = mkdocs.replace("docs_dir: content", f"docs_dir: {work / 'content'}")
    mkdocs = mkdocs.replace("site_dir: site", f"site_dir: {work / 'site'}")
    mkdocs = mkdocs.replace(
        "custom_dir: site_config/overrides", f"custom_dir: {ROOT / 'site_config/overrides'}"
    )
    (work / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(work / "mkdocs.yml")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    return work / "site", work / "content", config.site_url


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    site, content, site_url = _build(tmp_path_factory.mktemp("audit"))
    with serve(site) as base:
        yield BuiltSite(site=site, content=content, site_url=site_url, base=base,
                        pages={p.kind: p for p in pick_pages(site)})
