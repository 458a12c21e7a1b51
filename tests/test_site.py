"""The real site: mkdocs build --strict on the generated sample, and what a reader gets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import generate
from generator.config import load_config
from tests.conftest import ROOT

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generate the sample into a temporary docs dir and build it with the repo's mkdocs.yml."""
    work = tmp_path_factory.mktemp("site")
    generate(ROOT / "dumps", work / "content", load_config(ROOT / "site_config"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: content", f"docs_dir: {work / 'content'}")
    config = config.replace("site_dir: site", f"site_dir: {work / 'site'}")
    config = config.replace(
        "custom_dir: site_config/overrides", f"custom_dir: {ROOT / 'site_config/overrides'}"
    )
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(work / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return work / "site"


def test_every_article_has_a_page(built_site: Path) -> None:
    pages = sorted(built_site.glob("articles/*/*/*/index.html"))
    assert len(pages) == 5


def test_search_index_finds_xiaohongshu(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    hits = [doc["location"] for doc in index["docs"] if "Xiaohongshu" in doc["text"]]
    assert any(h.startswith("articles/") for h in hits)


def test_no_third_party_font_or_script(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html
    assert "fonts.gstatic.com" not in html


def test_dump_html_never_reaches_the_site_as_markup(built_site: Path) -> None:
    for page in built_site.glob("articles/**/index.html"):
        assert "<script>alert" not in page.read_text(encoding="utf-8")
