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
from itertools import chain

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
    """The topic vocabulary compiled for one scan of a zone's words."""

    exact: dict[str, tuple[tuple[str, float], ...]]
    """A term (one word or a phrase) -> (topic slug, weight)."""
    stems: dict[str, tuple[tuple[str, float], ...]]
    """A stem from a term ending in * -> (topic slug, weight); a phrase's stem is its last word."""
    stem_lengths: dict[str, tuple[int, ...]]
    """The words before a stem's last word ("" for a one-word stem) -> the lengths of that last
    word among the stems, longest first: only those prefixes of a word can be a stem."""
    pattern: re.Pattern[str]
    """Every term, as one regex over the words joined by spaces (see _term_pattern)."""
    clues: dict[Zone, _Clues]
    """The clues already made for words found in each zone (see _Clues)."""
    by_slug: dict[str, Topic]
    order: dict[str, int]
    """A topic's place in the config: the tie-break between equal scores."""


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
    freeze = lambda table: {k: tuple(v) for k, v in table.items()}  # noqa: E731
    stem_lengths = {head: tuple(sorted(ns, reverse=True)) for head, ns in lengths.items()}
    pattern = _term_pattern([k for k in exact if k], [k for k in stems if k.rpartition(" ")[2]])
    by_slug = {t.slug: t for t in topics}
    order = {t.slug: i for i, t in enumerate(topics)}
    return _Lexicon(freeze(exact), freeze(stems), stem_lengths, pattern, {}, by_slug, order)


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


def _terms(lexicon: _Lexicon, tokens: list[str]) -> list[str]:
    """The words of every term found, left to right; where terms overlap, the one that starts
    first wins, and of those starting at the same word the longest (in words)."""
    return lexicon.pattern.findall(" " + " ".join(tokens))


def _term_pattern(exact: list[str], stems: list[str]) -> re.Pattern[str]:
    """One regex for all terms, run over " " + the words joined by spaces, so that the regex
    engine scans the words instead of a Python loop over every one of them.

    The terms make a trie of words, and each node's next words a trie of characters. A match
    starts at a space, so at a word. Where a term ends and a longer one goes on, the next word
    is optional but tried first (greedy), so the longest term wins. An exact word must end at
    a space; a stem takes the rest of its word and is tried last: the other ways on from the
    same letters end in the same word or go further."""
    root: dict = {}
    for key in exact:
        node = root
        for word in key.split(" "):
            node = node.setdefault(word, {})
        node[_END] = True
    for key in stems:
        node = root
        *head, last = key.split(" ")
        for word in head:
            node = node.setdefault(word, {})
        node.setdefault(_STEM, set()).add(last)
    return re.compile(f" ({_next_word(root)})")


_END, _STEM = "", "*"
"""Marks in a trie: a term ends here; the stems that may come next. Never a word or a letter
of one: words are never empty and hold no "*"."""


def _next_word(node: dict) -> str:
    """Any word that can follow `node` in a term, then the rest of that term."""
    letters: dict = {}
    for word, child in node.items():
        if word not in (_END, _STEM):
            _add_letters(letters, word)[_END] = child
    for stem in node.get(_STEM, ()):
        _add_letters(letters, stem)[_STEM] = True
    return _letters(letters)


def _add_letters(letters: dict, word: str) -> dict:
    for letter in word:
        letters = letters.setdefault(letter, {})
    return letters


def _letters(letters: dict) -> str:
    options = [
        re.escape(c) + _letters(letters[c]) for c in sorted(letters) if c not in (_END, _STEM)
    ]
    if _END in letters:
        child = letters[_END]
        more = f"(?: {_next_word(child)})" if set(child) - {_END} else ""
        options.append("(?![^ ])" + (more + "?" if more and _END in child else more))
    if _STEM in letters:
        options.append("[^ ]*+")
    if len(options) == 1:
        return options[0]
    return f"(?:{'|'.join(options)})" if options else "(?!)"  # no term at all: never matches


def find_topics(
    article: Article,
    topics: tuple[Topic, ...],
    model: WordModel | None = None,
    parts: tuple[tuple[Zone, str], ...] | None = None,
) -> TopicResult:
    """One to three topics, primary first. `model` defaults to the shipped word model;
    `parts`, the article's `zones`, when the caller has cut them already."""
    parts = zones(article) if parts is None else parts
    tokens_by_zone = [(zone, tokens(text)) for zone, text in parts]
    lexicon = _lexicon(topics)
    evidence = _lexicon_evidence(lexicon, tokens_by_zone)
    by_slug, order = lexicon.by_slug, lexicon.order
    model = shipped_model() if model is None else model
    learnt = model_evidence(model, tokens_by_zone, MODEL_WEIGHT, LEAD_WEIGHT)
    evidence += [e for e in learnt if e.target in by_slug]  # a topic the curator removed
    scores: dict[str, float] = defaultdict(float)
    for item in evidence:
        scores[item.target] += item.weight
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
        clues = lexicon.clues.get(zone)
        if clues is None:
            clues = lexicon.clues[zone] = _Clues(lexicon, zone)
        found = map(clues.__getitem__, _terms(lexicon, zone_tokens))
        for key, clue in chain.from_iterable(found):
            counts[key] += 1
            if counts[key] <= MAX_REPEATS:
                evidence.append(clue)
    return evidence


class _Clues(dict):
    """Words found in one zone -> ((term, topic), clue) for each of their meanings, made on
    first use and then shared: evidence is immutable (a few thousand: the terms' words)."""

    def __init__(self, lexicon: _Lexicon, zone: Zone):
        super().__init__()
        self.lexicon, self.zone = lexicon, zone

    def __missing__(self, words: str) -> tuple[tuple[tuple[str, str], Evidence], ...]:
        factor = LEAD_WEIGHT if self.zone is Zone.LEAD else 1.0
        self[words] = clues = tuple(
            (
                (term, slug),
                Evidence(target=slug, phrase=words, why=term, zone=self.zone, weight=w * factor),
            )
            for term, slug, w in _meanings(self.lexicon, words)
        )
        return clues


def tokens(text: str) -> list[str]:
    """The words of a text as the lexicon and the word model see them."""
    text = _normalise(text)
    return (_ASCII_WORD if text.isascii() else _WORD).findall(text)


def _normalise(text: str) -> str:
    """Lower case, every number written 0: "43-year-old" matches the term "0-year-old"; an
    age of 90 or more is read as the word a feature writer would use (see _great_age)."""
    text = text.lower().replace("’", "'")
    if "-year-old" in text:  # the age pattern costs a scan of the whole text
        text = _AGE.sub(_great_age, text)
    return (_ASCII_DIGITS if text.isascii() else _DIGITS).sub("0", text)


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
_DIGITS = re.compile(r"\d\d*+(?:[.,]\d++)*+")  # a class first: the engine skips to digits
_WORD = re.compile(r"\w\w*+(?:['-]\w++)*+")  # a class first, as _DIGITS
_ASCII_DIGITS = re.compile(_DIGITS.pattern, re.ASCII)
_ASCII_WORD = re.compile(_WORD.pattern, re.ASCII)
"""The same patterns for a text of ASCII characters only (most are, once "’" is "'"; a flag
the string keeps, so asking costs nothing): there `\\w` and `\\d` mean what they mean in
Unicode, and the engine tests a character in a table instead of looking up its Unicode
category (a sixth of topics' tokenising)."""
