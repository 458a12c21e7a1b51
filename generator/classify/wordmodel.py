"""Word model: per-topic word weights learnt from Wikinews, a second opinion beside the lexicon.

In: the words of an article and `generator/data/topic_words.json`, written by
`tests/eval/train_topic_model.py` (Naive Bayes log-likelihood ratios: how much more often a word
occurs in one topic's stories than in all of them). Out: `Evidence` with `why="model"`, one item
per word and topic, so `explain` shows these clues beside the lexicon's. The file holds single
lower-case words and numbers only: it cannot give back any text it was learnt from.
It must not decide alone: its weights are scaled down (`MODEL_WEIGHT` in topics.py) and only
add to the curator's lexicon.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import chain, repeat
from operator import getitem, sub
from pathlib import Path

from generator.classify.evidence import Evidence, Zone

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "topic_words.json"
MAX_REPEATS = 3
"""As in the lexicon: a word said ten times is not ten times the evidence."""


@dataclass(frozen=True, slots=True)
class WordModel:
    """Word -> (topic slug, weight) pairs, weights > 0 (log-likelihood ratios, in nats)."""

    weights: dict[str, tuple[tuple[str, float], ...]]
    memo: dict[tuple[Zone, float], _Clues] = field(default_factory=dict)
    """The clues already made, by zone and factor (see _Clues)."""


NO_MODEL = WordModel({})
"""The lexicon alone (used to label training data, so the model never trains on itself)."""


@cache
def shipped_model() -> WordModel:
    """The model committed in generator/data/, read once per process."""
    return model_from_json(json.loads(SHIPPED.read_text(encoding="utf-8")))


def model_from_json(data: dict) -> WordModel:
    """{"topics": {slug: {word: weight}}} -> the index by word, topics in file order."""
    by_word: dict[str, list[tuple[str, float]]] = {}
    for slug, words in data["topics"].items():
        for word, weight in words.items():
            by_word.setdefault(word, []).append((slug, float(weight)))
    return WordModel({w: tuple(v) for w, v in by_word.items()})


def model_evidence(
    model: WordModel, tokens_by_zone: list[tuple[Zone, list[str]]], scale: float, lead: float
) -> list[Evidence]:
    """Evidence for every model word among the (normalised) tokens of each zone: one clue per
    word and zone, words in first-seen order, a word counted at most MAX_REPEATS times in all.

    Counting, the cap and the look-up of each word's clues run as C loops (Counter, map): a
    story has hundreds of model words, and a Python loop over them cost more than the rest."""
    if not model.weights:
        return []
    weights = model.weights
    found: list[Evidence] = []
    seen: dict[str, int] = {}  # times each word was counted in the zones before
    for n, (zone, tokens) in enumerate(tokens_by_zone):
        factor = scale * (lead if zone is Zone.LEAD else 1.0)
        clues = model.memo.get((zone, factor))
        if clues is None:
            clues = model.memo[(zone, factor)] = _Clues(model.weights, zone, factor)
        # Only a quarter of the words are the model's: dropping the rest first makes counting
        # cheaper than counting them all (a comprehension's `in` beats filter's method calls).
        counts = Counter([word for word in tokens if word in weights])
        words = list(counts)
        left: Iterable[int] = repeat(MAX_REPEATS)
        if seen:  # the first zone has no zone before it
            left = map(sub, left, map(seen.get, words, repeat(0)))
        counted = list(map(min, map(counts.__getitem__, words), left))
        found += chain.from_iterable(map(getitem, map(clues.__getitem__, words), counted))
        if n == len(tokens_by_zone) - 1:
            break
        if not seen:
            seen.update(zip(words, counted, strict=True))
        else:
            for word, times in zip(words, counted, strict=True):
                seen[word] = seen.get(word, 0) + times  # never below 0: seen stays <= MAX_REPEATS
    return found


class _Clues(dict):
    """word -> its clues in one zone for each number of times counted (0 to MAX_REPEATS),
    made on first use and then shared: evidence is immutable (bounded by the model's words x
    4 counts, per zone). Indexing by the count spares a (word, count) key for every word."""

    def __init__(
        self, weights: dict[str, tuple[tuple[str, float], ...]], zone: Zone, factor: float
    ):
        super().__init__()
        self.weights, self.zone, self.factor = weights, zone, factor

    def __missing__(self, word: str) -> tuple[tuple[Evidence, ...], ...]:
        self[word] = clues = tuple(self._clues(word, times) for times in range(MAX_REPEATS + 1))
        return clues

    def _clues(self, word: str, times: int) -> tuple[Evidence, ...]:
        scale = self.factor * times
        return tuple(
            Evidence(target=slug, phrase=word, why="model", zone=self.zone, weight=w * scale)
            for slug, w in (self.weights[word] if times > 0 else ())
        )
