"""Build a realistic dumps folder of N articles from the Wikinews corpus (bench input only).

In: the corpus path (JSON lines: title, date, text) and N. Out: `<folder>/*.txt` dumps, each
holding several titled articles separated by blank lines, one paragraph a line, with a
`<name>.meta.yml` sidecar giving the dump's date. The corpus holds 5,847 articles; beyond
that each article is reused with a different opening sentence (so its id differs) and a date
shifted by whole weeks, so a 50,000-article archive still has distinct stories spread over
years. Deterministic: the same corpus and N give byte-identical dumps.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

ARTICLES_PER_DUMP = (3, 5, 8, 6, 4, 7)
"""Real dumps hold a handful of stories; cycling through these sizes avoids a uniform shape."""
SENTENCES_PER_PARAGRAPH = 2
"""The corpus lost its paragraph breaks; news paragraphs run one to three sentences."""
VARIANT_SHIFT_DAYS = 7
"""Each reuse of the corpus moves its stories a week on, spreading dates further."""
DONOR_STEP = 997
"""A prime step, so the variants of one story borrow openings from different stories."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


@dataclass(frozen=True, slots=True)
class Story:
    title: str
    date: dt.date
    paragraphs: tuple[str, ...]


def load_corpus(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    usable = (r for r in rows if r.get("text") and r.get("title") and r.get("date"))
    return sorted(usable, key=lambda r: r["id"])


def stories(corpus: list[dict], count: int) -> list[Story]:
    """`count` stories: the corpus in order, then variants of it."""
    result = []
    for index in range(count):
        variant, row = divmod(index, len(corpus))
        result.append(_story(corpus, corpus[row], variant, index))
    return sorted(result, key=lambda s: (s.date, s.title, s.paragraphs))


def _story(corpus: list[dict], row: dict, variant: int, index: int) -> Story:
    sentences = _SENTENCE_END.split(" ".join(row["text"].split()))
    if variant:
        # A different opening sentence changes the first words, hence the id.
        # The donor depends on the variant too: with the row alone every reuse of a story got
        # the same opening (and id), and the 50,000 archive merged down to 13,000 stories.
        donor_row = (index * 7919 + variant * DONOR_STEP) % len(corpus)
        donor = _SENTENCE_END.split(" ".join(corpus[donor_row]["text"].split()))
        # Its shortest sentence, so the story's own words still fall within the id's words.
        sentences = [min(donor, key=lambda d: (len(d.split()), d)), *sentences]
    paragraphs = tuple(
        " ".join(sentences[i : i + SENTENCES_PER_PARAGRAPH])
        for i in range(0, len(sentences), SENTENCES_PER_PARAGRAPH)
    )
    date = dt.date.fromisoformat(row["date"][:10]) + dt.timedelta(days=VARIANT_SHIFT_DAYS * variant)
    # A headline ends without punctuation (the segmenter's cue); titles ending in one would
    # read as the first paragraph of a story instead.
    return Story(title=row["title"].strip().rstrip(".!?"), date=date, paragraphs=paragraphs)


def write_dumps(items: list[Story], folder: Path, prefix: str = "bench") -> int:
    """Write the stories as dumps into `folder`; returns the number of dump files."""
    folder.mkdir(parents=True, exist_ok=True)
    start = number = 0
    while start < len(items):
        size = ARTICLES_PER_DUMP[number % len(ARTICLES_PER_DUMP)]
        chunk = items[start : start + size]
        name = f"{prefix}_{number:06d}"
        text = "\n\n".join(f"{s.title}\n\n" + "\n".join(s.paragraphs) for s in chunk) + "\n"
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        meta = f"date: {chunk[-1].date.isoformat()}\nsource: Wikinews (bench)\n"
        (folder / f"{name}.meta.yml").write_text(meta, encoding="utf-8")
        start += size
        number += 1
    return number


def newest_dump(corpus: list[dict], after: dt.date, folder: Path) -> Path:
    """One more dump of unseen stories dated the day after `after` (the incremental run)."""
    count = ARTICLES_PER_DUMP[0]
    last = range(len(corpus) - count, len(corpus))
    fresh = [_story(corpus, corpus[i], variant=99, index=i) for i in last]
    day = after + dt.timedelta(days=1)
    fresh = [Story(title=s.title, date=day, paragraphs=s.paragraphs) for s in fresh]
    staging = folder.parent / ".newest"
    write_dumps(fresh, staging, prefix="zz_newest")
    for path in sorted(staging.iterdir()):
        path.rename(folder / path.name)
    staging.rmdir()
    return folder / "zz_newest_000000.txt"
