"""Golden trees: each case's dumps generate exactly its checked-in expected content tree."""

from __future__ import annotations

from pathlib import Path

import frontmatter
import pytest

from generator.build import generate
from generator.config import load_config
from tests.conftest import GOLDEN, ROOT

CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "dumps").is_dir())


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("case", CASES)
def test_generated_tree_matches_expected(case: str, tmp_path: Path) -> None:
    url = "https://example.org/digest/"
    config = load_config(ROOT / "site_config", site_url=url, curation=False)
    generate(GOLDEN / case / "dumps", tmp_path / "out", config)
    got, expected = _tree(tmp_path / "out"), _tree(GOLDEN / case / "expected")
    assert sorted(got) == sorted(expected), "run `make golden` and read the diff"
    for path in expected:
        assert got[path] == expected[path], f"{path} differs: run `make golden` and read the diff"


@pytest.mark.parametrize("case", CASES)
def test_every_expected_page_parses(case: str) -> None:
    for page in sorted((GOLDEN / case / "expected").rglob("*.md")):
        post = frontmatter.load(page)
        assert post.metadata.get("title"), f"{page} has no title in its front matter"
        assert not post.content.lstrip().startswith("---"), f"{page}: front matter leaked into body"
