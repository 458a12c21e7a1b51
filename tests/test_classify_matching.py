"""The classifiers' fast matchers against plain statements of what they must find.

Each fast path (one regex over all topic terms, entity patterns tried only near their
anchors) must give exactly what the plain loop or `finditer` gives: the plain versions live
here as references, and hypothesis feeds both the words and shapes that make them differ
(overlapping terms, stems, names next to titles, brackets, odd spacing).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.classify import entities
from generator.classify.topics import _lexicon, _meanings, _terms
from generator.config import Topic


def reference_terms(lexicon, tokens: list[str]) -> list[str]:
    """Left to right, the longest term starting at each word not inside a term found."""
    longest: dict[str, int] = {}
    for key in [*lexicon.exact, *lexicon.stems]:
        words = key.split(" ")
        longest[words[0]] = max(longest.get(words[0], 1), len(words))
    found, covered = [], 0
    for i, token in enumerate(tokens):
        if i < covered:
            continue
        for n in range(min(longest.get(token, 1), len(tokens) - i), 0, -1):
            words = " ".join(tokens[i : i + n])
            if _meanings(lexicon, words):
                found.append(words)
                covered = i + n
                break
    return found


SMALL = (
    Topic(
        slug="one",
        name="One",
        qcode="medtop:01000000",
        evidence=(("a", 1), ("a b", 2), ("a b c*", 3), ("ab*", 1), ("b c", 1), ("x y*", 2)),
    ),
    Topic(
        slug="two",
        name="Two",
        qcode="medtop:02000000",
        evidence=(("a*", 1), ("a b c d", 2), ("b*", 1), ("a-b", 1), ("x", 1), ("c d e f", 1)),
    ),
)
SMALL_WORDS = ["a", "ab", "abc", "b", "bc", "c", "cd", "d", "e", "f", "x", "y", "yz", "a-b", "q"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(SMALL_WORDS), max_size=30))
def test_terms_overlapping_phrases_and_stems(tokens: list[str]) -> None:
    lexicon = _lexicon(SMALL)
    assert _terms(lexicon, tokens) == reference_terms(lexicon, tokens)


def _site_words(config) -> list[str]:
    words = {"said", "the", "0", "of"}
    for topic in config.topics:
        for term, _ in topic.evidence:
            for word in term.rstrip("*").split():
                words.update({word, word + "s", word[:-1], word + "ing"})
    return sorted(w for w in words if w)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_terms_of_the_site_lexicon(config, data) -> None:
    tokens = data.draw(st.lists(st.sampled_from(_site_words(config)), max_size=60))
    lexicon = _lexicon(config.topics)
    assert _terms(lexicon, tokens) == reference_terms(lexicon, tokens)


# Entities: the patterns as plain finditer references.
AFTER_TITLE = re.compile(rf"\b(?:{entities._TITLES})\s+(?P<name>{entities._NAME})\b")
PIECES = [
    "President", "Vice President", "Prime Minister", "Minister", "General", "King",
    "xPresident", "Lai", "Ching-te", "William", "Smith", "Jo", "Ann", "Lee", "Chen",
    "Party", "Ministry", "Union", "Court", "Bank", "Fund", "Foundation", "Yuan",
    "Democratic", "Progressive", "National", "Taiwan", "U.S.-Japan", "O'Neil", "A&B",
    "of", "the", "and", "for", "de", "a", "an", "who", "said", "on", "(KMT)", "(AB)",
    "(Ab)", "(ABCDEFG)", "(", ")", ",", ", a", ", an", ", the", ", who", ", 45,", ", 123,",
    ".", "-", "'", "’", "3", " ", " ", " ", "  ", "\n", "\t",
]  # fmt: skip


def _spans(matches) -> list[tuple]:
    return [(m.span(), m.groupdict()) for m in matches]


texts = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join) | st.lists(
    st.sampled_from(PIECES), max_size=40
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(texts)
def test_entity_matches_are_those_of_finditer(text: str) -> None:
    reverse = text[::-1]
    assert _spans(entities._after_title(text)) == _spans(AFTER_TITLE.finditer(text))
    for anchored in (entities._DESCRIBED, entities._HEADED, entities._WITH_ACRONYM):
        expected = _spans(anchored.pattern.finditer(text))
        assert _spans(anchored.matches(text, reverse)) == expected
