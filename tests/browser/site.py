"""Build the sample site exactly as `make site` does, into a folder of the test's choosing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.build import generate
from generator.config import load_config
from tests.conftest import ROOT


def build_site(
    work: Path, site_url: str, *, dumps: Path = ROOT / "dumps", pagefind: bool = True
) -> Path:
    """Generate the dumps (the sample by default), `mkdocs build --strict` them, index them
    with Pagefind; -> the site folder."""
    generate(dumps, work / "content", load_config(ROOT / "site_config", site_url))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: content", f"docs_dir: {work / 'content'}")
    config = config.replace("site_dir: site", f"site_dir: {work / 'site'}")
    config = config.replace(
        "custom_dir: site_config/overrides", f"custom_dir: {ROOT / 'site_config/overrides'}"
    )
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    commands = [
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(work / "mkdocs.yml")]
    ]
    if pagefind:
        commands.append(
            [sys.executable, "-m", "pagefind", "--site", str(work / "site"), "--silent"]
        )
    for command in commands:
        result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stderr}"
    return work / "site"
