"""Where words stand in an article: `python tests/eval/segment_lexicon.py CORPUS`.

Reads the corpus's dev split only (paragraphed as the evaluation dumps are) and writes
generator/data/segment_position.tsv: for every word seen at least MIN_COUNT times, the
log-ratio of its rate in first paragraphs to its rate in the other paragraphs (a lead's words:
"announced", "on Tuesday", "has") and of its rate in last paragraphs to the rest (a closing
paragraph's: "will", "expected", "next"). Segment averages them over a paragraph's words.

It also writes generator/data/segment_edges.tsv: for every paragraph's first and last token (as
written, split at white space) seen at least EDGE_MIN_COUNT times in that place, the log-ratio
of its rate as a first paragraph's opening token to its rate opening other paragraphs ("He",
"But" never open an article; "On", "Yesterday," often do), and of its rate as the last
paragraph's closing token to its rate closing others ("added." ends last paragraphs more often).

Both tables keep only evidence about news writing in general. The corpus is Wikinews: its leads
open with place and category tags ("Zimbabwe", "Economy", "OntarioProvincialElection2007"),
image captions ("right"), `__NOTOC__` and template names ("..._infobox"); its last paragraphs
end in list and heading markup (`*`, `=`); its text holds URLs and link debris ("Israel i").
Real dumps scraped from news sites hold none of these, so a table that learned them would
flatter the evaluation (built from the same corpus) and mislead on real input. Hence the edge
table keeps only openers that are function or time words (`OPENER_WORDS`) and closers holding a
letter, and both tables drop markup (`is_markup`).
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from collections.abc import Callable
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
EDGE_MIN_COUNT = 20
"""Opening or closing tokens seen fewer times than this in that place get no score."""
EDGE_CLIP = 3.0
"""Edge log-ratios are clipped to +-this: a token at a paragraph's edge is one clue among many."""
DATA = Path(__file__).resolve().parents[2] / "generator" / "data"
MARKUP = ("_", "=", "*", "|", "[", "]", "{", "}", "://", "www.", "infobox")
MARKUP += (".jpg", ".png", ".gif", ".svg")
"""Pieces of wiki, list and link syntax, template names (`..._infobox`, "rwanda infobox"),
URLs, image files."""
NOT_OPENERS = frozenset({"new"})
"""Function words that open proper names in the corpus's tagged leads ("New Zealand")."""
TIME_WORDS = frozenset(
    "today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday".split()
)
"""A lead dates its event ("Yesterday, ..."): when a story happened is news writing anywhere."""
QUOTES = "\"“‘'"
"""Opening quote marks, stripped before an opener is looked up in `OPENER_WORDS`."""
TABLE = DATA / "segment_position.tsv"
EDGES = DATA / "segment_edges.tsv"


def _function_words() -> frozenset[str]:
    """The first block of stopwords.txt (function words and news boilerplate: "according",
    "mr"); its second block (people, government, police, president...) are content words."""
    words: list[str] = []
    for line in (DATA / "stopwords.txt").read_text("utf-8").splitlines()[1:]:
        if line.startswith("#"):
            break
        words.extend(line.split())
    return frozenset(words)


OPENER_WORDS = (_function_words() - NOT_OPENERS) | TIME_WORDS
"""Openers the edge table may score: they say how a paragraph continues a story or starts one
("He", "But", "On"), not which story it is nor how the corpus tags it."""


def is_markup(token: str) -> bool:
    """Does the token hold wiki, list or link syntax (`MARKUP`)? News sites' text does not."""
    return any(piece in token for piece in MARKUP)


def transferable_opener(token: str) -> bool:
    """A function or time word, capitalised at most on its first letter ("He", "Yesterday,",
    "\"We"; not "US", a country, a category tag or markup)."""
    word = token.lstrip(QUOTES).rstrip(".,;:!?\"”’')")
    return word[1:] == word[1:].lower() and word.lower() in OPENER_WORDS and not is_markup(token)


def transferable_closer(token: str) -> bool:
    """Words close a story ("added."); a bare `*`, `=` or "2007." is markup or a date."""
    return any(c.isalpha() for c in token) and not is_markup(token)


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
    """Lower-case words only: names and places say which story, not where in it. URLs, template
    names and image files are dropped before splitting into words; so are lone letters other
    than "a" (the corpus' link debris: "Latvia n", "Israel i")."""
    kept = " ".join(t for t in paragraph.split() if not is_markup(t))
    return [w for w in text.words(kept) if w.islower() and (len(w) > 1 or w == "a")]


def _edge_rows(
    kind: str, edge: Counter[str], rest: Counter[str], keep: Callable[[str], bool]
) -> list[str]:
    """`kind token ratio` rows for tokens `keep` accepts seen often enough at this edge."""
    # "#" starts a comment in a data table: a token holding one cannot be stored
    seen = (t for t in edge.keys() | rest.keys() if "#" not in t and keep(t))
    tokens = sorted(t for t in seen if edge[t] + rest[t] >= EDGE_MIN_COUNT)
    edge_total, rest_total = edge.total() + SMOOTHING, rest.total() + SMOOTHING
    rows = []
    for token in tokens:
        ratio = ((edge[token] + SMOOTHING) / edge_total) / ((rest[token] + SMOOTHING) / rest_total)
        rows.append(f"{kind}\t{token}\t{max(-EDGE_CLIP, min(EDGE_CLIP, math.log(ratio))):.2f}")
    return rows


def write_edges(sources: list) -> int:
    """The opening- and closing-token table (see the module docstring); returns its rows."""
    opens, other_opens, closes, other_closes = Counter(), Counter(), Counter(), Counter()
    for source in sources:
        if len(source.paragraphs) < 3:
            continue
        for index, paragraph in enumerate(source.paragraphs):
            tokens = paragraph.split()
            (opens if index == 0 else other_opens)[tokens[0]] += 1
            last = index == len(source.paragraphs) - 1
            (closes if last else other_closes)[tokens[-1]] += 1
    # rates stay over all of a place's tokens: the filter drops rows, it does not rescale them
    rows = _edge_rows("open", opens, other_opens, transferable_opener)
    rows += _edge_rows("close", closes, other_closes, transferable_closer)
    header = [
        "# kind (open: a paragraph's first token, close: its last), token, log(rate in first",
        "# (last) paragraphs / in the others); corpus dev split, tests/eval/segment_lexicon.py",
    ]
    EDGES.write_text("\n".join([*header, *rows]) + "\n", "utf-8")
    return len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args()
    first: Counter[str] = Counter()
    last: Counter[str] = Counter()
    middle: Counter[str] = Counter()
    sources = load(args.corpus, "dev", SEED)
    print(f"wrote {EDGES}: {write_edges(sources)} tokens")
    for source in sources:
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
