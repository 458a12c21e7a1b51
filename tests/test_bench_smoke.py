"""`make bench` keeps running: the whole benchmark on a tiny corpus written here.

The real figures come from `make bench CORPUS=...` on the shared corpus (minutes); this only
keeps the script in step with the pipeline, which it drives through several interfaces.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.site, pytest.mark.browser]

PLACES = ["Taipei", "Osaka", "Lyon", "Quito", "Perth", "Accra", "Oslo", "Lima", "Hanoi", "Tunis"]


def _corpus(path: Path) -> Path:
    rows = []
    for number, place in enumerate(PLACES):
        text = (
            f"Officials in {place} opened a new library on Monday, the city council said. "
            f"The building holds {number + 2} floors of books and a reading room for students. "
            f"Residents of {place} queued before dawn to see it, a spokesperson added. "
            "Work on a second branch is due to start next spring, officials said."
        )
        # Two months: the older one's stories are search's archive bundle.
        date = f"2025-0{5 + number % 2}-01"
        rows.append(
            {"id": number, "title": f"Library opens in {place}", "date": date, "text": text}
        )
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_bench_runs_end_to_end_on_a_tiny_corpus(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl")
    result = subprocess.run(
        [
            sys.executable,
            "tests/bench/bench.py",
            "--corpus",
            str(corpus),
            "--sizes",
            "10",
            "--out",
            str(tmp_path / "bench-out"),
            "--repeats",
            "2",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "full / bare" in result.stdout
    rounds = next(r for r in result.stdout.splitlines() if r.startswith("full / bare, each round"))
    assert len(rounds.split("|")[1].split(",")) == 2, rounds  # --repeats 2
    quality = next(line for line in result.stdout.splitlines() if "right story first" in line)
    first, total = quality.split("|")[1].split()[0].split("/")
    assert int(first) == int(total) > 0  # the rare words here are each in one story
    assert "incremental (+1 dump, warm cache) s" in result.stdout
    over = next(r for r in result.stdout.splitlines() if r.startswith("full site build over"))
    assert float(over.split("|")[1].split()[0]) > 0, over
    assert "articles/ MB (files, kB a file)" in result.stdout
    identical = next(r for r in result.stdout.splitlines() if r.startswith("CLI cold tree =="))
    assert identical.split("|")[1].strip() == "yes"
    same = next(r for r in result.stdout.splitlines() if r.startswith("incremental tree =="))
    assert same.split("|")[1].strip() == "yes"
    for label in ("after a topics.yml edit:", "after a template edit:"):
        edited = next(r for r in result.stdout.splitlines() if r.startswith(label))
        assert edited.split("|")[1].strip() == "yes", label
    found = next(r for r in result.stdout.splitlines() if r.startswith("rarest word of"))
    assert found.split("|")[1].count(": yes") == 3, found
    pages = next(r for r in result.stdout.splitlines() if r.startswith("GitHub Pages: files"))
    files, tar, packed = (float(x.split()[0]) for x in pages.split("|")[1].split(" / "))
    assert tar > files > packed > 0, pages  # tar adds headers; the site's text compresses
