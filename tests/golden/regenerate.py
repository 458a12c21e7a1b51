"""Regenerate every golden tree: `python tests/golden/regenerate.py` (or `make golden`).

Read the diff (`git diff tests/golden`) before committing it: the expected trees are what a
reader of the site would see.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.build import generate  # noqa: E402
from generator.config import load_config  # noqa: E402

GOLDEN_SITE_URL = "https://example.org/digest/"


def regenerate(case: Path) -> None:
    # The machine's output only: curation.yml is the curator's to edit and is tested apart.
    config = load_config(ROOT / "site_config", site_url=GOLDEN_SITE_URL, curation=False)
    # From scratch, as the golden test does: the old tree's permalinks must not leak in.
    shutil.rmtree(case / "expected", ignore_errors=True)
    generate(case / "dumps", case / "expected", config)


if __name__ == "__main__":
    for case in sorted(p for p in (ROOT / "tests" / "golden").iterdir() if (p / "dumps").is_dir()):
        regenerate(case)
        print(f"regenerated {case.relative_to(ROOT)}")
