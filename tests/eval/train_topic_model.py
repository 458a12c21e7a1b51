"""Train the word model (generator/data/topic_words.json) from Wikinews stories.

    python tests/eval/train_topic_model.py --corpus wikinews.jsonl [--out FILE]

Wikinews files each story under "Politics and conflicts" or "Economy and business". Those
categories are weak labels; where the lexicon alone (site_config/topics.yml, no model) is
confident that a story is about another topic (a court case, a strike, an earthquake), its
topic wins. A multinomial Naive Bayes over each story's words, shrunk toward the word's share in
all stories, then gives each word its log-likelihood ratio per topic; the positive ones worth
shipping are written. The output holds single words and numbers, never text. Same corpus and
lexicon -> byte-identical file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.classify.topics import find_topics, tokens  # noqa: E402
from generator.classify.wordmodel import MAX_REPEATS, NO_MODEL, SHIPPED  # noqa: E402
from generator.config import SiteConfig, load_config  # noqa: E402
from generator.extract import extract  # noqa: E402
from generator.model import Dump, DumpMeta, Span  # noqa: E402

CATEGORIES = {"Politics and conflicts": "politics", "Economy and business": "economy"}
CONFIDENT = 8.0
"""Lexicon score a story needs before its lexicon topic overrides the category (about two
strong words in the lead); below it the category is the label."""
MARGIN = 2.0
"""...and the lexicon topic must score twice the runner-up."""
PSEUDO_COUNT = 5.0
"""Added to a word's count in a topic and to the count expected from its share of all stories:
(n + k) / (expected + k). A word seen twice where 0.1 was expected is not a 20-fold sign."""
MIN_STORIES = 5
"""A word found in fewer stories is dropped: it says little, and rare words point to one story."""
MAX_STORY_SHARE = 0.3
"""A word found in more than this share of all stories ("its", "from") is grammar, not topic.
Measured with the half split: no change in the figures (dev 144-145/150, forced choice 93.2%
at 1.0, 0.3, 0.15, 0.08); it keeps 18 such words out of the clues explain shows."""
MIN_WEIGHT = 0.4
"""Ratios below e^0.4 = 1.5 add noise and size, not evidence."""
NAME_SHARE = 0.5
"""A word capitalised more often than this is a name (Bush, Iraq): names date the corpus and
belong to places.py, so they are left out."""
_LEADING = re.compile(r"\w+(?:['-]\w+)*")


def article_of(row: dict):
    dump = Dump(name=row["id"], path=Path(row["id"]), meta=DumpMeta(), lines=(row["text"],))
    return extract(Span(dump=dump, first=1, last=1))


def weak_label(row: dict, config: SiteConfig) -> str | None:
    """The category's topic, unless the lexicon is sure of another; None without one category."""
    golds = {CATEGORIES[c] for c in row.get("categories", []) if c in CATEGORIES}
    if len(golds) != 1:
        return None
    gold = golds.pop()
    scores = find_topics(article_of(row), config.topics, NO_MODEL).scores
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked:
        return gold
    top, score = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if top not in ("politics", "economy") and score >= CONFIDENT and score >= MARGIN * second:
        return top
    return "conflict" if gold == "politics" and top == "conflict" else gold


def name_words(rows: Iterable[dict]) -> set[str]:
    """Words capitalised more often than NAME_SHARE of the times they occur."""
    capital: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row in rows:
        for word in _LEADING.findall(row["text"]):
            lower = word.lower()
            total[lower] += 1
            capital[lower] += word[0].isupper()
    return {w for w, n in total.items() if capital[w] > NAME_SHARE * n}


def train(rows: list[dict], config: SiteConfig) -> dict:
    """{"topics": {slug: {word: weight}}, "stories": {slug: count}} from labelled rows."""
    names = name_words(rows)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    stories_with: Counter[str] = Counter()
    stories: Counter[str] = Counter()
    for row in rows:
        label = weak_label(row, config)
        if label is None:
            continue
        stories[label] += 1
        words = Counter(w for w in tokens(row["text"]) if _useful(w, names))
        stories_with.update(words.keys())
        counts[label].update({w: min(n, MAX_REPEATS) for w, n in words.items()})
    return {
        "stories": dict(sorted(stories.items())),
        "topics": _weights(counts, stories_with, stories.total(), config),
    }


def _useful(word: str, names: set[str]) -> bool:
    return len(word) > 2 and "0" not in word and word not in names


def _weights(counts, stories_with, n_stories: int, config: SiteConfig):
    everywhere: Counter[str] = Counter()
    for words in counts.values():
        everywhere.update(words)
    total = sum(everywhere.values())
    out = {}
    for topic in config.topics:
        words = counts.get(topic.slug, Counter())
        size = sum(words.values())
        kept = {}
        for word, n in sorted(words.items()):
            share = everywhere[word] / total
            ratio = math.log((n + PSEUDO_COUNT) / (size * share + PSEUDO_COUNT))
            common = stories_with[word] > MAX_STORY_SHARE * n_stories
            if stories_with[word] >= MIN_STORIES and ratio >= MIN_WEIGHT and not common:
                kept[word] = round(ratio, 2)
        if kept:
            out[topic.slug] = kept
    return out


def half(row_id: str) -> int:
    """A fixed split of the corpus in two, by a hash of the story id."""
    return hashlib.blake2b(row_id.encode(), digest_size=4).digest()[0] % 2


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="Wikinews JSONL")
    parser.add_argument("--out", type=Path, default=SHIPPED)
    args = parser.parse_args()
    config = load_config(ROOT / "site_config")
    model = train(read_rows(args.corpus), config)
    model = {"source": f"Wikinews categories + lexicon ({args.corpus.name})", **model}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    size = sum(len(v) for v in model["topics"].values())
    print(f"{args.out}: {size} word weights; stories per label {model['stories']}")


if __name__ == "__main__":
    main()
