"""Segment's cohesion evidence: word rarity, word position, and the model's arithmetic."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import text
from generator.segment import cohesion
from generator.segment.cohesion import (
    FEATURES,
    PAIR_FEATURES,
    Model,
    Story,
    features,
    pair_features,
    prepare,
)


def _story(*lines: str) -> Story:
    story = Story()
    for line in lines:
        story.add(prepare(line))
    return story


def test_a_rare_word_weighs_more_than_a_common_one() -> None:
    paragraph = prepare("Officials met the Halvik ferry operators.")
    assert paragraph.bag["halvik"] > paragraph.bag["ferry"] > paragraph.bag["met"] > 0


def test_a_shared_rare_word_binds_more_than_a_shared_common_one() -> None:
    story = Story()
    story.add(prepare("Ministers met to open the Halvik bridge across the estuary."))
    rare = prepare("Crowds cheered at Halvik.")
    common = prepare("Crowds cheered as they met.")
    cos_story = FEATURES.index("cos_story")
    assert features(story, [rare])[cos_story] > features(story, [common])[cos_story]


def test_lead_words_and_closing_words_read_where_a_paragraph_stands() -> None:
    lead = prepare("The minister announced yesterday that the mine had crashed into debt.")
    close = prepare("A decision is expected next month and talks will continue.")
    assert lead.lead_words > close.lead_words
    assert close.closing_words > lead.closing_words


def test_opening_and_closing_tokens_read_where_a_paragraph_stands() -> None:
    pronoun = prepare("He said the talks would go on.")
    dated = prepare("Yesterday, the port authority closed the northern quay.")
    assert dated.opening_token > 0 > pronoun.opening_token
    added = prepare("Talks resume in May, the minister added.")
    assert added.closing_token > prepare("That is all we can do.").closing_token


def test_the_edge_table_holds_no_markup_or_tags_of_the_corpus() -> None:
    """Wikinews' category tags, `__NOTOC__` and list markup are not in real dumps: the table
    must not score them (a category tag opener or a trailing `*` reads as 0)."""
    tokens = [row.split("\t")[1] for row in text.data_table("segment_edges.tsv")]
    assert tokens
    assert not [t for t in tokens if any(piece in t for piece in ("__", "=", "*", "|", "[[", "{{"))]
    assert all(any(c.isalpha() for c in token) for token in tokens)
    assert prepare("__NOTOC__ Markets fell sharply on Monday.").opening_token == 0.0
    assert prepare("Economy and business Markets fell sharply on Monday.").opening_token == 0.0
    assert prepare("The vote is due in May. *").closing_token == 0.0


def test_the_join_model_sees_the_one_paragraph_a_tail_takes_up() -> None:
    """A story's last paragraph may share words with one earlier paragraph only: the best
    match stands out where the cosine with the whole story is diluted."""
    before = _story(
        "Flooding closed roads across the northern valley on Tuesday.",
        "Rescue crews evacuated three villages overnight.",
        "The Halvik dam reservoir reached its highest level since records began.",
    )
    tail = _story("Engineers said the Halvik dam reservoir would be drained slowly.")
    other = _story("Engineers said the new stadium roof would be finished slowly.")
    best = PAIR_FEATURES.index("best_paragraph_whole")
    whole = PAIR_FEATURES.index("cos_whole")
    tail_values = pair_features(before, tail, 0.5, 1.0, None)
    assert tail_values[best] > tail_values[whole]
    assert tail_values[best] > pair_features(before, other, 0.5, 1.0, None)[best]


def test_a_model_refuses_feature_values_it_has_no_weights_for() -> None:
    model = Model(weights=(1.0, 2.0), bias=0.0, threshold=0.5)
    with pytest.raises(ValueError, match="3 feature values for 2 weights"):
        model.probability((1.0, 2.0, 3.0))


@given(st.text(alphabet="ab Z9_'’-.,\u00e9\u8cf4\u0130\t", max_size=40))
def test_the_fast_tokeniser_finds_the_words_the_full_pattern_finds(line: str) -> None:
    """`text.words` tokenises with `\\w` where a line holds no underscore: the same tokens."""
    assert text.words(line) == text._WORD.findall(line)


@given(
    st.lists(
        st.sampled_from(["said", "says", "told", "added", "according to", "x", " ", ".", "”", '"']),
        max_size=12,
    ).map("".join)
)
def test_the_attribution_shortcut_agrees_with_the_pattern(tail: str) -> None:
    assert cohesion._attributed(tail) == bool(cohesion._ATTRIBUTION_END.search(tail))


def test_a_story_s_remembered_dot_follows_the_story_as_it_grows() -> None:
    later = prepare("The Halvik dam reservoir was drained by engineers.")
    story = _story("Engineers inspected the Halvik dam on Tuesday.")
    one = story.dot(later)
    story.add(prepare("The reservoir behind the dam rose overnight."))
    two = story.dot(later)
    shared = story.bag.keys() & later.bag.keys()
    assert two == math.fsum(story.bag[s] * later.bag[s] for s in shared)
    assert two > one > 0
