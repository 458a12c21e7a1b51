"""Word rarity for segmentation: `python tests/eval/segment_idf.py CORPUS`.

Counts in how many articles of the corpus's dev split each content stem occurs (the test split
is never read) and writes generator/data/segment_idf.tsv: `stem<TAB>articles`, stems in at least
MIN_ARTICLES articles, most common first. Cohesion weighs shared words by their rarity (a shared
"Hager" says more than a shared "said"). Run it before tests/eval/segment_train.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from generator import text
from generator.segment.cohesion import ARTICLES_KEY
from tests.eval.segment_dumps import held_out

MIN_ARTICLES = 3
"""Rarer stems are left out: they weigh as much as an unseen word (keeps the table small)."""
TABLE = Path(__file__).resolve().parents[2] / "generator" / "data" / "segment_idf.tsv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    articles = 0
    for row in args.corpus.read_text("utf-8").splitlines():
        item = json.loads(row)
        if held_out(item["id"]):
            continue
        articles += 1
        counts.update(set(text.content_words(item["text"])))
    kept = sorted(
        ((stem, n) for stem, n in counts.items() if n >= MIN_ARTICLES), key=lambda r: (-r[1], r[0])
    )
    header = [
        f"# Articles (of {articles}, corpus dev split) that use each content stem; written by",
        "# tests/eval/segment_idf.py. Stems in fewer articles are absent (as rare as unseen).",
        f"{ARTICLES_KEY}\t{articles}",
    ]
    TABLE.write_text("\n".join([*header, *(f"{s}\t{n}" for s, n in kept)]) + "\n", "utf-8")
    print(f"wrote {TABLE}: {len(kept)} stems from {articles} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
