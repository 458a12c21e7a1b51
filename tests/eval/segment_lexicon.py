"""Where words stand in an article: `python tests/eval/segment_lexicon.py CORPUS`.

Reads the corpus's dev split only (paragraphed as the evaluation dumps are) and writes
generator/data/segment_position.tsv: for every word seen at least MIN_COUNT times, the
log-ratio of its rate in first paragraphs to its rate in the other paragraphs (a lead's words:
"announced", "on Tuesday", "has") and of its rate in last paragraphs to the rest (a closing
paragraph's: "will", "expected", "next"). Segment averages them over a paragraph's words.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from generator import text
from tests.eval.segment_dumps import load
from tests.eval.segmentation import SEED

MIN_COUNT = 50
"""Words rarer than this in the dev split get no score: their ratios are noise."""
SMOOTHING = 1.0
"""Added to every count (Laplace): a word never seen in first paragraphs is not barred from one."""
CLIP = 2.0
"""Log-ratios are clipped to +-this: no single word decides."""
TABLE = Path(__file__).resolve().parents[2] / "generator" / "data" / "segment_position.tsv"


def _ratios(part: Counter[str], rest: Counter[str], words: list[str]) -> list[float]:
    vocabulary = len(part.keys() | rest.keys())
    part_total = part.total() + SMOOTHING * vocabulary
    rest_total = rest.total() + SMOOTHING * vocabulary
    out = []
    for word in words:
        ratio = ((part[word] + SMOOTHING) / part_total) / ((rest[word] + SMOOTHING) / rest_total)
        out.append(max(-CLIP, min(CLIP, math.log(ratio))))
    return out


def _lower_words(paragraph: str) -> list[str]:
    """Lower-case words only: names and places say which story, not where in it."""
    return [w for w in text.words(paragraph) if w.islower()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args()
    first: Counter[str] = Counter()
    last: Counter[str] = Counter()
    middle: Counter[str] = Counter()
    for source in load(args.corpus, "dev", SEED):
        if len(source.paragraphs) < 3:
            continue  # a lead that is also the last paragraph says nothing about either
        first.update(_lower_words(source.paragraphs[0]))
        last.update(_lower_words(source.paragraphs[-1]))
        for paragraph in source.paragraphs[1:-1]:
            middle.update(_lower_words(paragraph))
    total = first + last + middle
    words = sorted(w for w, n in total.items() if n >= MIN_COUNT)
    leads = _ratios(first, last + middle, words)
    closes = _ratios(last, first + middle, words)
    rows = [f"{w}\t{a:.2f}\t{b:.2f}" for w, a, b in zip(words, leads, closes, strict=True)]
    header = [
        "# word, log(rate in first paragraphs / elsewhere), log(rate in last paragraphs /",
        "# elsewhere); corpus dev split, written by tests/eval/segment_lexicon.py",
    ]
    TABLE.write_text("\n".join([*header, *rows]) + "\n", "utf-8")
    print(f"wrote {TABLE}: {len(rows)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
