"""Segment's cohesion evidence: word rarity, word position, and the model's arithmetic."""

from __future__ import annotations

import pytest

from generator.segment.cohesion import FEATURES, Model, Story, features, prepare


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


def test_a_model_refuses_feature_values_it_has_no_weights_for() -> None:
    model = Model(weights=(1.0, 2.0), bias=0.0, threshold=0.5)
    with pytest.raises(ValueError, match="3 feature values for 2 weights"):
        model.probability((1.0, 2.0, 3.0))
