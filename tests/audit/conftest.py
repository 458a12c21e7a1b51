"""A freshly generated and built sample site for the audit tests, served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.config import load_config
from tests.audit.pages import AuditPage, pick_pages
from tests.audit.server import serve
from tests.browser.site import build_site
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
    """The sample built exactly as the browser tests and `make site` build it (Pagefind too)."""
    site_url = load_config(ROOT / "site_config", curation=False).site_url
    return build_site(work, site_url), work / "content", site_url


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    site, content, site_url = _build(tmp_path_factory.mktemp("audit"))
    with serve(site) as base:
        yield BuiltSite(
            site=site,
            content=content,
            site_url=site_url,
            base=base,
            pages={p.kind: p for p in pick_pages(site)},
        )
