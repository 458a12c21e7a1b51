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
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from generator.classify.evidence import Evidence, Zone

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "topic_words.json"
MAX_REPEATS = 3
"""As in the lexicon: a word said ten times is not ten times the evidence."""


@dataclass(frozen=True, slots=True)
class WordModel:
    """Word -> (topic slug, weight) pairs, weights > 0 (log-likelihood ratios, in nats)."""

    weights: dict[str, tuple[tuple[str, float], ...]]
    memo: dict[tuple, tuple[Evidence, ...]] = field(default_factory=dict)
    """Clues already made, by (word, zone, count, factor): evidence is immutable, so it is
    shared (bounded by vocabulary x 2 zones x 3 counts x 2 factors)."""


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
    """Evidence for every model word among the (normalised) tokens of each zone."""
    if not model.weights:
        return []
    found: list[Evidence] = []
    seen: dict[str, int] = {}
    for zone, tokens in tokens_by_zone:
        factor = scale * (lead if zone is Zone.LEAD else 1.0)
        counts = Counter(tokens)  # one clue per word and zone: faster
        for token in [t for t in counts if t in model.weights]:  # first-seen order kept
            counted = min(counts[token], MAX_REPEATS - seen.get(token, 0))
            if counted <= 0:
                continue
            seen[token] = seen.get(token, 0) + counted
            key = (token, zone, counted, factor)
            clues = model.memo.get(key)
            if clues is None:
                clues = model.memo[key] = _clues(model.weights[token], token, zone, factor, counted)
            found += clues
    return found


def _clues(
    meanings: tuple[tuple[str, float], ...], token: str, zone: Zone, factor: float, counted: int
) -> tuple[Evidence, ...]:
    return tuple(
        Evidence(target=slug, phrase=token, why="model", zone=zone, weight=w * factor * counted)
        for slug, w in meanings
    )
