"""Build the sample site exactly as `make site` does, into a folder of the test's choosing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from generator import site_build
from generator.build import generate
from generator.config import load_config
from generator.permalinks import FILE as PERMALINKS
from tests.conftest import ROOT


def mkdocs_config(work: Path) -> Path:
    """The repository's mkdocs.yml with its folders pointed at `work`'s content/ and site/
    (the theme overrides stay the repository's); -> the new config file."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for key, value in (
        ("docs_dir", work / "content"),
        ("site_dir", work / "site"),
        ("custom_dir", ROOT / "site_config" / "overrides"),
    ):
        text = re.sub(rf"^(\s*){key}:.*$", rf"\g<1>{key}: {value}", text, count=1, flags=re.M)
    path = work / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def build_site(
    work: Path, site_url: str, *, dumps: Path = ROOT / "dumps", pagefind: bool = True
) -> Path:
    """Generate the dumps (the sample by default) and build their site with its search index
    as `make site` does (or with a plain `mkdocs build --strict`, without); -> the site
    folder.

    The sample is built as `make build` builds it: with the curator's curation.yml and the
    permalinks already published in content/. Other dumps get neither: both name the
    sample's articles.
    """
    sample = dumps == ROOT / "dumps"
    if sample:
        (work / "content").mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / "content" / PERMALINKS, work / "content" / PERMALINKS)
    config = load_config(ROOT / "site_config", site_url, curation=sample)
    generate(dumps, work / "content", config)
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    if pagefind:  # as `make site`, in two shards even for the sample (test_site_build.py)
        site_build.build(mkdocs_config(work), ROOT / "site_config", 2, least=0, environ=env)
        return work / "site"
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(mkdocs_config(work))]
    _check(subprocess.run(mkdocs, capture_output=True, text=True, env=env, check=False))
    return work / "site"


def _check(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, f"{' '.join(result.args)} failed:\n{result.stderr}"
