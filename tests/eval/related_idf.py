"""Word rarity for related stories: `python tests/eval/related_idf.py CORPUS`.

Counts in how many articles of the corpus's dev split (the test split is never read) each word
that `generator.related` compares occurs, and writes generator/data/related_idf.tsv:
`word<TAB>articles`, words in at least MIN_ARTICLES articles, rarest first. A fixed table, not
the archive's own counts, so that two stories' score depends on those two stories only and a
new dump re-scores only the stories it touches (see generator/related.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from generator.related import ARTICLES_KEY, IDF_TABLE, words_of
from tests.eval.segment_dumps import held_out

MIN_ARTICLES = 2
"""A word in one article links no two stories; leaving those out keeps the table small."""


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
        counts.update(words_of(f"{item['title']} {item['text']}"))
    kept = sorted(
        ((word, n) for word, n in counts.items() if n >= MIN_ARTICLES), key=lambda r: (r[1], r[0])
    )
    header = [
        f"# Articles (of {articles}, corpus dev split) that use each word; written by",
        "# tests/eval/related_idf.py. Words in fewer articles are absent (as rare as unseen).",
        f"{ARTICLES_KEY}\t{articles}",
    ]
    IDF_TABLE.write_text("\n".join([*header, *(f"{w}\t{n}" for w, n in kept)]) + "\n", "utf-8")
    print(f"wrote {IDF_TABLE}: {len(kept)} words from {articles} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
