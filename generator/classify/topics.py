"""Topics: an article -> one to three IPTC Media Topics, primary first, with the evidence.

In: an article and the topics of site_config/topics.yml, each with weighted words and phrases a
curator edits, plus the word model learnt from Wikinews (wordmodel.py), scaled down. Out: the
chosen topics and every word that counted. The lexicon is compiled into an index once per run,
so scoring an article is one pass over its words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from generator.classify.evidence import Evidence, Zone, zones
from generator.classify.wordmodel import WordModel, model_evidence, shipped_model
from generator.config import Topic
from generator.model import Article

MAX_TOPICS = 3
LEAD_WEIGHT = 2.0
"""Words in the headline and the first sentence say more than a passing mention further down."""
SECONDARY_SHARE = 0.6
"""A second topic needs this share of the primary's score. With the word model's small clues
for many topics, dev topic F1 is 0.868 at 0.5, 0.880 at 0.6, 0.886 at 0.65; at 0.65 the
sample's teasers lose second topics (sample topic F1 0.76 -> 0.70), so 0.6."""
MAX_REPEATS = 3
"""A word counted more often than this adds nothing: one story about one court is not more
about crime for saying "court" ten times."""
MODEL_WEIGHT = 0.5
"""The word model's weights are scaled by this before they join the lexicon's. Chosen with a
model trained on one half of Wikinews, measured on the dev set and the other half
(tests/eval/classification.py --corpus prints the same check): without the model dev 144/150,
politics-vs-economy 91.7%, primary topic agrees with the category 66.7%; at 0.5 dev 145/150,
93.2%, 69.5%; at 0.8 dev drops to 141/150, because the model knows little of small topics."""
FALLBACK = "society"
"""With no evidence at all a story is filed under Society, the broadest section."""


@dataclass(frozen=True, slots=True)
class TopicResult:
    """The topics of one article, primary first, and every word that counted."""

    topics: tuple[Topic, ...]
    scores: dict[str, float]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The topic vocabulary indexed for a single left-to-right pass over word tokens."""

    exact: dict[str, tuple[tuple[str, float], ...]]
    """A term (one word or a phrase) -> (topic slug, weight)."""
    stems: dict[str, tuple[tuple[str, float], ...]]
    """A stem from a term ending in * -> (topic slug, weight); a phrase's stem is its last word."""
    stem_lengths: dict[str, tuple[int, ...]]
    """The words before a stem's last word ("" for a one-word stem) -> the lengths of that last
    word among the stems, longest first: only those prefixes of a word can be a stem."""
    phrase_starts: dict[str, int]
    """First word of every phrase of two or more words -> most words in a phrase starting
    with it."""
    memo: dict[str, list[tuple[str, str, float]]]
    """Meanings of single words already looked up (a cache, filled as articles are read)."""
    useful: set[str]
    """Words where a match can begin: the phrase starts and the memo's words with a meaning.
    Every other word is passed over without a look-up."""
    clues: dict[tuple[str, Zone], tuple[tuple[tuple[str, str], Evidence], ...]]
    """The clues already made for words found in a zone (see _clues)."""


def _lexicon(topics: tuple[Topic, ...]) -> _Lexicon:
    """The index for this topic tuple, built once (keyed by identity: hashing 17 topics and
    their vocabularies for every article cost more than scoring it)."""
    cached = _LEXICONS.get(id(topics))
    if cached is None or cached[0] is not topics:
        cached = _LEXICONS[id(topics)] = (topics, _build_lexicon(topics))
    return cached[1]


_LEXICONS: dict[int, tuple[tuple[Topic, ...], _Lexicon]] = {}


def _build_lexicon(topics: tuple[Topic, ...]) -> _Lexicon:
    exact: dict[str, list[tuple[str, float]]] = defaultdict(list)
    stems: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for topic in topics:
        for term, weight in topic.evidence:
            words = " ".join(_WORD.findall(_normalise(term.rstrip("*"))))
            table = stems if term.endswith("*") else exact
            table[words].append((topic.slug, weight))
    lengths: dict[str, set[int]] = defaultdict(set)
    for stem in stems:
        head, _, last = stem.rpartition(" ")
        if last:
            lengths[head].add(len(last))
    starts: dict[str, int] = {}
    for key in [*exact, *stems]:
        words = key.split(" ")
        if len(words) > 1:
            starts[words[0]] = max(starts.get(words[0], 1), len(words))
    freeze = lambda table: {k: tuple(v) for k, v in table.items()}  # noqa: E731
    stem_lengths = {head: tuple(sorted(ns, reverse=True)) for head, ns in lengths.items()}
    return _Lexicon(freeze(exact), freeze(stems), stem_lengths, starts, {}, set(starts), {})


def _meanings(lexicon: _Lexicon, words: str) -> list[tuple[str, str, float]]:
    """(term, topic, weight) for some words: their exact entry, then for each topic not yet
    matched the longest stem they start with. A stem never reaches across a space."""
    found = [(words, slug, weight) for slug, weight in lexicon.exact.get(words, ())]
    seen = {slug for _, slug, _ in found}
    head, _, last = words.rpartition(" ")
    for end in lexicon.stem_lengths.get(head, ()):
        if end > len(last):
            continue
        stem = f"{head} {last[:end]}" if head else last[:end]
        for slug, weight in lexicon.stems.get(stem, ()):
            if slug not in seen:
                found.append((stem + "*", slug, weight))
                seen.add(slug)
    return found


def _matches(
    lexicon: _Lexicon, tokens: list[str]
) -> list[tuple[str, list[tuple[str, str, float]]]]:
    """(words, meanings) for every term found, longest phrase first, left to right."""
    _learn(lexicon, tokens)
    found = []
    covered = 0  # tokens before this index are part of a term already found
    for i in [i for i, token in enumerate(tokens) if token in lexicon.useful]:
        if i < covered:
            continue
        n, meanings = _longest(lexicon, tokens, i)
        if meanings:
            found.append((tokens[i] if n == 1 else " ".join(tokens[i : i + n]), meanings))
            covered = i + n
    return found


def _learn(lexicon: _Lexicon, tokens: list[str]) -> None:
    """Look up the single words not met before, once each, so that `useful` knows them."""
    for word in set(tokens).difference(lexicon.memo):
        meanings = lexicon.memo[word] = _meanings(lexicon, word)
        if meanings:
            lexicon.useful.add(word)


def _longest(
    lexicon: _Lexicon, tokens: list[str], i: int
) -> tuple[int, list[tuple[str, str, float]]]:
    """The longest term starting at token i: (its length in tokens, its meanings), else
    (1, []). Phrases are tried longest first, then the single word (memoised)."""
    longest = lexicon.phrase_starts.get(tokens[i])
    if longest is None:  # most words: no phrase starts with them
        return 1, lexicon.memo[tokens[i]]
    for n in range(min(longest, len(tokens) - i), 1, -1):
        meanings = _meanings(lexicon, " ".join(tokens[i : i + n]))
        if meanings:
            return n, meanings
    return 1, lexicon.memo[tokens[i]]


def find_topics(
    article: Article, topics: tuple[Topic, ...], model: WordModel | None = None
) -> TopicResult:
    """One to three topics, primary first. `model` defaults to the shipped word model."""
    tokens_by_zone = [(zone, tokens(text)) for zone, text in zones(article)]
    evidence = _lexicon_evidence(_lexicon(topics), tokens_by_zone)
    by_slug = {t.slug: t for t in topics}
    model = shipped_model() if model is None else model
    learnt = model_evidence(model, tokens_by_zone, MODEL_WEIGHT, LEAD_WEIGHT)
    evidence += [e for e in learnt if e.target in by_slug]  # a topic the curator removed
    scores: dict[str, float] = defaultdict(float)
    for item in evidence:
        scores[item.target] += item.weight
    order = {t.slug: i for i, t in enumerate(topics)}
    ranked = sorted((s for s in scores if scores[s] > 0), key=lambda s: (-scores[s], order[s]))
    if not ranked:
        fallback = tuple(t for t in topics if t.slug == FALLBACK)[:1]
        return TopicResult(fallback, {}, ())
    top = scores[ranked[0]]
    chosen = [s for s in ranked if scores[s] >= top * SECONDARY_SHARE][:MAX_TOPICS]
    return TopicResult(tuple(by_slug[s] for s in chosen), dict(scores), tuple(evidence))


def _lexicon_evidence(
    lexicon: _Lexicon, tokens_by_zone: list[tuple[Zone, list[str]]]
) -> list[Evidence]:
    """One clue per lexicon term found, the lead counted double, repeats capped."""
    evidence: list[Evidence] = []
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for zone, zone_tokens in tokens_by_zone:
        for words, meanings in _matches(lexicon, zone_tokens):
            for key, clue in _clues(lexicon, words, meanings, zone):
                counts[key] += 1
                if counts[key] <= MAX_REPEATS:
                    evidence.append(clue)
    return evidence


def _clues(
    lexicon: _Lexicon, words: str, meanings: list[tuple[str, str, float]], zone: Zone
) -> tuple[tuple[tuple[str, str], Evidence], ...]:
    """((term, topic), clue) for each meaning of words found in a zone. Evidence is immutable,
    so each is made once per run and shared (a few thousand: the terms' words x 2 zones)."""
    clues = lexicon.clues.get((words, zone))
    if clues is None:
        factor = LEAD_WEIGHT if zone is Zone.LEAD else 1.0
        clues = lexicon.clues[(words, zone)] = tuple(
            (
                (term, slug),
                Evidence(target=slug, phrase=words, why=term, zone=zone, weight=w * factor),
            )
            for term, slug, w in meanings
        )
    return clues


def tokens(text: str) -> list[str]:
    """The words of a text as the lexicon and the word model see them."""
    return _WORD.findall(_normalise(text))


def _normalise(text: str) -> str:
    """Lower case, every number written 0: "43-year-old" matches the term "0-year-old"; an
    age of 90 or more is read as the word a feature writer would use (see _great_age)."""
    text = text.lower().replace("’", "'")
    if "-year-old" in text:  # the age pattern costs a scan of the whole text
        text = _AGE.sub(_great_age, text)
    return _DIGITS.sub("0", text)


def _great_age(match: re.Match[str]) -> str:
    """ "102-year-old" -> "centenarian", "94-year-old" -> "nonagenarian", else unchanged: a very
    old person in the lead is a human-interest clue (5 of the 6 such stories in the tuning
    sets are human interest), where "0-year-old" says nothing about the topic."""
    age = int(match.group(1))
    if age >= CENTENARIAN:
        return "centenarian"
    return "nonagenarian" if age >= NONAGENARIAN else match.group(0)


NONAGENARIAN = 90
CENTENARIAN = 100
_AGE = re.compile(r"\b(\d{2,3})-year-old\b")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"\w+(?:['-]\w+)*")
