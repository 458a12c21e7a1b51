"""Document counts for the rarity tables in generator/data/ (the *_idf.tsv files).

Both tables say in how many articles of the corpus's dev split (the test split is never read)
each term occurs, with the number of articles read under a key of its own; the scripts that
write them differ only in what a term is, how rare a term may be, and the order of rows.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from tests.eval.segment_dumps import held_out


def dev_counts(corpus: Path, terms: Callable[[dict], Iterable[str]]) -> tuple[Counter[str], int]:
    """-> (articles holding each term, articles read), over the dev split of `corpus`
    (JSON lines); `terms` gives the terms of one corpus row."""
    counts: Counter[str] = Counter()
    articles = 0
    for row in corpus.read_text("utf-8").splitlines():
        item = json.loads(row)
        if held_out(item["id"]):
            continue
        articles += 1
        counts.update(set(terms(item)))
    return counts, articles


def write_table(
    table: Path,
    counts: Counter[str],
    articles: int,
    *,
    minimum: int,
    articles_key: str,
    header: tuple[str, str],
    rarest_first: bool,
) -> int:
    """Write `term<TAB>articles` for the terms in at least `minimum` articles, under the two
    comment lines of `header` and the `articles_key` row; -> rows written."""
    kept = [(term, n) for term, n in counts.items() if n >= minimum]
    kept.sort(key=(lambda r: (r[1], r[0])) if rarest_first else (lambda r: (-r[1], r[0])))
    lines = [f"# {header[0]}", f"# {header[1]}", f"{articles_key}\t{articles}"]
    table.write_text("\n".join([*lines, *(f"{t}\t{n}" for t, n in kept)]) + "\n", "utf-8")
    return len(kept)
