"""The classifiers' fast matchers against plain statements of what they must find.

Each fast path (one regex over all topic terms, entity patterns tried only near their
anchors) must give exactly what the plain loop or `finditer` gives: the plain versions live
here as references, and hypothesis feeds both the words and shapes that make them differ
(overlapping terms, stems, names next to titles, brackets, odd spacing).
"""

from __future__ import annotations

import re
from itertools import accumulate

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.classify import entities, topics, wordmodel
from generator.classify.evidence import Evidence, Zone
from generator.classify.places import Entry, Gazetteer, Kind
from generator.classify.topics import _lexicon, _meanings, _terms
from generator.classify.wordmodel import WordModel
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


# Places: the token-by-token scan the gazetteer used to make, as the reference.
BARE_TOKEN = re.compile(r"([^\W\d_]+(?:(?:\.[^\W\d_]+)+\.?)?)")


def reference_mentions(geo: Gazetteer, text: str) -> list[tuple[str, Entry, int, int]]:
    parts = BARE_TOKEN.split(text)
    offsets = list(accumulate(map(len, parts), initial=0))
    bare = parts[1::2]

    def gap_after(i: int) -> bool:
        between = parts[2 * i + 2]
        return (
            bare[i].endswith(".") or bool(re.search(r"[.!?\"“”:;—–(]", between)) or ("," in between)
        )

    def name_word(j: int, k: int) -> bool:
        if not 0 <= j < len(bare) or not bare[j][:1].isupper() or bare[j] in geo.starts:
            return False
        if gap_after(min(j, k)):
            return False
        return j > k or (j > 0 and not gap_after(j - 1))

    found, covered = [], 0
    for i in range(len(bare)):
        if i < covered or bare[i] not in geo.starts:
            continue
        key, hit = bare[i], None
        for n in range(1, min(geo.starts[bare[i]], len(bare) - i) + 1):
            if n > 1:
                if key not in geo.prefixes:
                    break
                key = f"{key} {bare[i + n - 1]}"
            if key in geo.table:
                hit = n, geo.table[key]
        if hit is None:
            continue
        n, entry = hit
        phrase = " ".join(bare[i : i + n])
        person = phrase in geo.person_names
        named = (person or (n == 1 and entry.kind is Kind.CITY)) and (
            name_word(i - 1, i) or (person and name_word(i + n, i + n - 1))
        )
        if entry.codes and not named:
            start, last = offsets[2 * i + 1], i + n - 1
            end = offsets[2 * last + 1] + len(bare[last])
            found.append((text[start:end], entry, start, end))
        covered = i + n
    return found


def small_gazetteer() -> Gazetteer:
    """Phrases that nest, start lower case, carry dots, or are also people's names."""
    geo = Gazetteer(person_names=frozenset({"Jordan", "Georgia May"}))
    city, name = Kind.CITY, Kind.NAME
    geo.__dict__["table"] = {
        "Jordan": Entry(("JO",), name),
        "Georgia": Entry(("GE", "US"), name),
        "Georgia May": Entry(("US",), city),
        "Paris": Entry(("FR",), city),
        "Paris the": Entry(("FR",), city),
        "New York": Entry(("US",), city),
        "New York City": Entry(("US",), city),
        "York": Entry(("GB",), city),
        "Republic of the Congo": Entry(("CG",), name),
        "Democratic Republic of the Congo": Entry(("CD",), name),
        "U.S.": Entry(("US",), name),
        "U.S": Entry(("GB",), name),
        "St Kitts": Entry(("KN",), name),
        "St.Lucia": Entry(("LC",), name),
        "the mainland": Entry(("CN",), name),
        "the U.S": Entry(("GB",), name),
        "the mainland of China": Entry(("CN",), name),
        "mainland China": Entry(("CN",), name),
        "s Hertogenbosch": Entry(("NL",), city),
        "Nowhere": Entry((), name),
        "a b c d e f g": Entry(("ZZ",), name),
        "Éire": Entry(("IE",), name),
    }
    return geo


PLACE_PIECES = [
    "Jordan", "Georgia", "May", "Paris", "New", "York", "City", "Republic", "of", "the",
    "Democratic", "Congo", "U.S.", "U.S", "St", "St.", "Kitts", "Lucia", "mainland", "China",
    "s", "Hertogenbosch", "Nowhere", "Michael", "Jack", "said", "e.g.", "a", "b", "c", "d",
    "e", "f", "g", "Éire", "x", " ", " ", " ", "  ", ".", ",", "'", "’", "-", "—", "(", ")",
    ":", "\n", "3", "_", "é",
]  # fmt: skip
place_texts = st.lists(st.sampled_from(PLACE_PIECES), max_size=40).map(" ".join) | st.lists(
    st.sampled_from(PLACE_PIECES), max_size=40
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(place_texts)
@example("Paris the mainland China")  # a lower-case phrase inside one that is not counted
@example("the mainland.x and the mainland.")  # a token that goes on after a full stop
@example("St.Kitts, U.S.A and U.S.. and St. Kitts, the U.S. and the U.S")
def test_place_mentions_are_those_of_the_token_scan(text: str) -> None:
    geo = small_gazetteer()
    assert geo.mentions(text) == reference_mentions(geo, text)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_place_mentions_with_the_site_gazetteer(gazetteer, data) -> None:
    pieces = [*PLACE_PIECES, "Taipei", "Kinmen", "Chinese", "Taiwan", "Strait", "Hong", "Kong"]
    text = data.draw(st.lists(st.sampled_from(pieces), max_size=40).map(" ".join))
    assert gazetteer.mentions(text) == reference_mentions(gazetteer, text)


def reference_tokens(text: str) -> list[str]:
    """Lower case, every number 0 (an age of 90 or more aside), then the words."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"\b(\d{2,3})-year-old\b", lambda m: topics._great_age(m), text)
    return re.findall(r"\w+(?:['-]\w+)*", re.sub(r"\d+(?:[.,]\d+)*", "0", text))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["1", "23", "4.5", ",", ".", "-", "'", "’", "a", "B", " ", "x-1",
                                 "102-year-old", "_", "é", "1,000.5", "..", "--"]), max_size=30)
       .map("".join))  # fmt: skip
def test_topic_tokens_read_numbers_as_the_plain_patterns_do(text: str) -> None:
    assert topics.tokens(text) == reference_tokens(text)


def test_a_lexicon_without_terms_finds_none() -> None:
    bare = (Topic(slug="society", name="Society", qcode="medtop:14000000"),)
    assert _terms(_lexicon(bare), ["a", "b"]) == []


_MODEL = WordModel(
    {"vote": (("politics", 1.5),), "court": (("crime-law", 2.0), ("politics", 0.25))}
)


def _model_evidence_by_loop(tokens_by_zone, scale: float, lead: float) -> list:
    """The word model's evidence read word by word: what `model_evidence` must give."""
    found, seen = [], {}
    for zone, tokens in tokens_by_zone:
        factor = scale * (lead if zone is Zone.LEAD else 1.0)
        counts: dict[str, int] = {}
        for word in tokens:
            if word in _MODEL.weights:
                counts[word] = counts.get(word, 0) + 1
        for word, count in counts.items():
            times = min(count, wordmodel.MAX_REPEATS - seen.get(word, 0))
            seen[word] = seen.get(word, 0) + times
            found += [
                Evidence(
                    target=slug, phrase=word, why="model", zone=zone, weight=w * factor * times
                )
                for slug, w in (_MODEL.weights[word] if times > 0 else ())
            ]
    return found


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([Zone.LEAD, Zone.BODY]),
            st.lists(st.sampled_from(["vote", "court", "the", "rain"]), max_size=12),
        ),
        max_size=3,
    )
)
def test_model_evidence_is_that_of_a_word_by_word_loop(tokens_by_zone) -> None:
    expected = _model_evidence_by_loop(tokens_by_zone, scale=0.5, lead=2.0)
    assert wordmodel.model_evidence(_MODEL, tokens_by_zone, scale=0.5, lead=2.0) == expected
