"""Word rarity for related stories: `python tests/eval/related_idf.py CORPUS`.

Counts in how many articles of the corpus's dev split (the test split is never read) each word
that `generator.related` compares occurs, and writes generator/data/related_idf.tsv:
`word<TAB>articles`, words in at least MIN_ARTICLES articles, rarest first. A fixed table, not
the archive's own counts, so that two stories' score depends on those two stories only and a
new dump re-scores only the stories it touches (see generator/related.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from generator.related import ARTICLES_KEY, IDF_TABLE, words_of
from tests.eval.document_counts import dev_counts, write_table

MIN_ARTICLES = 2
"""A word in one article links no two stories; leaving those out keeps the table small."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args()
    counts, articles = dev_counts(
        args.corpus, lambda item: words_of(f"{item['title']} {item['text']}")
    )
    header = (
        f"Articles (of {articles}, corpus dev split) that use each word; written by",
        "tests/eval/related_idf.py. Words in fewer articles are absent (as rare as unseen).",
    )
    kept = write_table(
        IDF_TABLE,
        counts,
        articles,
        minimum=MIN_ARTICLES,
        articles_key=ARTICLES_KEY,
        header=header,
        rarest_first=True,
    )
    print(f"wrote {IDF_TABLE}: {kept} words from {articles} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
