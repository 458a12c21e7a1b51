"""Word rarity for segmentation: `python tests/eval/segment_idf.py CORPUS`.

Counts in how many articles of the corpus's dev split each content stem occurs (the test split
is never read) and writes generator/data/segment_idf.tsv: `stem<TAB>articles`, stems in at least
MIN_ARTICLES articles, most common first. Cohesion weighs shared words by their rarity (a shared
"Hager" says more than a shared "said"). Run it before tests/eval/segment_train.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from generator import text
from generator.segment.cohesion import ARTICLES_KEY
from tests.eval.document_counts import dev_counts, write_table

MIN_ARTICLES = 3
"""Rarer stems are left out: they weigh as much as an unseen word (keeps the table small)."""
TABLE = Path(__file__).resolve().parents[2] / "generator" / "data" / "segment_idf.tsv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args()
    counts, articles = dev_counts(args.corpus, lambda item: text.content_words(item["text"]))
    header = (
        f"Articles (of {articles}, corpus dev split) that use each content stem; written by",
        "tests/eval/segment_idf.py. Stems in fewer articles are absent (as rare as unseen).",
    )
    kept = write_table(
        TABLE,
        counts,
        articles,
        minimum=MIN_ARTICLES,
        articles_key=ARTICLES_KEY,
        header=header,
        rarest_first=False,
    )
    print(f"wrote {TABLE}: {kept} stems from {articles} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
