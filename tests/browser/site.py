"""Build the sample site exactly as `make site` does, into a folder of the test's choosing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

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
    """Generate the dumps (the sample by default), `mkdocs build --strict` them and, at the
    same time, build their search index from content/ (as `make site` does); -> the site
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
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(mkdocs_config(work))]
    if not pagefind:
        _check(subprocess.run(mkdocs, capture_output=True, text=True, env=env, check=False))
        return work / "site"
    # As `make site`: the index is built from content/ while mkdocs runs, then moved in.
    stage = work / ".search" / "pagefind"
    index = search_index_command(work / "content", stage, ROOT / "site_config")
    with subprocess.Popen(
        index, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT
    ) as indexing:
        built = subprocess.run(mkdocs, capture_output=True, text=True, env=env, check=False)
        out, err = indexing.communicate()
    _check(built)
    _check(subprocess.CompletedProcess(index, indexing.returncode, out, err))
    install_search_bundle(stage, work / "site")
    return work / "site"


def search_index_command(content: Path, stage: Path, config: Path) -> list[str]:
    """The search index build of `make site`: content/ -> a bundle in `stage`."""
    return [
        *(sys.executable, "-m", "generator.search_index"),
        *("--content", str(content), "--out", str(stage), "--config", str(config)),
    ]


def install_search_bundle(stage: Path, site: Path) -> None:
    """Move the bundle into the built site, once mkdocs (which empties site_dir) is done."""
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    stage.rename(site / "pagefind")


def _check(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, f"{' '.join(result.args)} failed:\n{result.stderr}"
