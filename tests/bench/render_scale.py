"""Render at archive scale: related stories and the whole render for N synthetic stories.

    .venv/bin/python -m tests.bench.render_scale [N] [--site DIR]   # default 5000

With --site, also writes the content tree to DIR/content, builds it with mkdocs and its search
index (generator/search_index.py; one after the other here), and reports the times and the
size of the search bundle.

Synthetic stories (60-word paragraphs from a 20,000-word vocabulary, 800 people, five a day)
stand in for a real archive; the figures are wall-clock seconds after a warm-up on 200.
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
import time
from pathlib import Path

from generator.build import gazetteer_for
from generator.config import load_config
from generator.related import related
from generator.render import render
from generator.write import write
from tests.browser.site import mkdocs_config
from tests.conftest import ROOT
from tests.test_render import make_article


def synthetic(count: int) -> list:
    rng = random.Random(1)
    words = [f"w{i}" for i in range(20_000)]
    return [
        make_article(
            n,
            paragraphs=tuple(" ".join(rng.choices(words, k=60)) for _ in range(8)),
            date=dt.date(2020, 1, 1) + dt.timedelta(n // 5),
            people=(f"P{rng.randrange(800)}",),
        )
        for n in range(count)
    ]


def main(count: int, site_dir: Path | None = None) -> None:
    config = load_config(ROOT / "site_config", "https://example.org/")
    render(config, gazetteer_for(config), synthetic(200))  # warm-up: imports, templates
    articles = synthetic(count)
    start = time.perf_counter()
    related(articles)
    print(f"related: {count} stories in {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    pages = render(config, gazetteer_for(config), articles)
    print(f"render: {count} stories -> {len(pages)} pages in {time.perf_counter() - start:.2f} s")
    if site_dir:
        build(pages, site_dir)


def build(pages: list, work: Path) -> None:
    write(pages, work / "content")
    config = mkdocs_config(work)
    bundle = str(work / "site" / "pagefind")
    for name, command in (
        ("mkdocs build", ["-m", "mkdocs", "build", "-q", "-f", str(config)]),
        (
            "search index",
            ["-m", "generator.search_index", "--content", str(work / "content"), "--out", bundle],
        ),
    ):
        start = time.perf_counter()
        subprocess.run([sys.executable, *command], check=True)
        print(f"{name}: {time.perf_counter() - start:.1f} s")
    bundle = list((work / "site" / "pagefind").rglob("*"))
    size = sum(p.stat().st_size for p in bundle if p.is_file())
    biggest = max(p.stat().st_size for p in bundle if p.is_file())
    print(
        f"pagefind bundle: {len(bundle)} files, {size / 1e6:.1f} MB, largest {biggest / 1e3:.0f} kB"
    )


if __name__ == "__main__":
    args = sys.argv[1:]
    site_dir = Path(args[args.index("--site") + 1]) if "--site" in args else None
    numbers = [a for a in args if a.isdigit()]
    main(int(numbers[0]) if numbers else 5000, site_dir)
