"""The word model: shipped weights, how they join the lexicon, how a model is trained."""

from __future__ import annotations

import json
import re

import pytest

from generator.classify.evidence import Zone
from generator.classify.explain import explain
from generator.classify.topics import MODEL_WEIGHT, find_topics
from generator.classify.wordmodel import (
    NO_MODEL,
    SHIPPED,
    WordModel,
    model_evidence,
    model_from_json,
    shipped_model,
)
from tests.conftest import one_line_article as article
from tests.eval.train_topic_model import name_words, train


def test_the_shipped_model_holds_single_words_of_known_topics(config) -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    slugs = {t.slug for t in config.topics}
    assert set(data["topics"]) <= slugs
    words = [w for table in data["topics"].values() for w in table]
    assert all(re.fullmatch(r"[\w'-]+", w) for w in words)
    assert all(v > 0 for table in data["topics"].values() for v in table.values())
    assert len(shipped_model().weights) == len(set(words))


def test_model_words_add_to_the_lexicon_scaled(config) -> None:
    text = "The zorblat rose on Tuesday."
    model = WordModel({"zorblat": (("economy", 2.0),)})
    with_model = find_topics(article(text), config.topics, model)
    alone = find_topics(article(text), config.topics, NO_MODEL)
    gained = with_model.scores.get("economy", 0.0) - alone.scores.get("economy", 0.0)
    assert gained == pytest.approx(2.0 * MODEL_WEIGHT * 2)  # in the lead: counted double
    assert [(e.phrase, e.why) for e in with_model.evidence if e.why == "model"] == [
        ("zorblat", "model")
    ]


def test_a_word_repeated_counts_at_most_three_times() -> None:
    model = WordModel({"shares": (("economy", 1.0),)})
    tokens = [(Zone.LEAD, ["shares", "shares"]), (Zone.BODY, ["shares"] * 5)]
    evidence = model_evidence(model, tokens, scale=1.0, lead=2.0)
    assert [(e.zone, e.weight) for e in evidence] == [(Zone.LEAD, 4.0), (Zone.BODY, 1.0)]


def test_a_topic_missing_from_the_config_is_ignored(config) -> None:
    model = WordModel({"zorblat": (("no-such-topic", 9.0),)})
    result = find_topics(article("The zorblat rose."), config.topics, model)
    assert "no-such-topic" not in result.scores


def test_explain_sums_the_model_words(config) -> None:
    from generator.build import gazetteer_for

    text = "TOKYO — Shares fell as investors sold stocks and the yen rose, traders said."
    lines = explain(article(text), config, gazetteer_for(config))
    assert any(line.strip().startswith("model ") and "'shares' lead" in line for line in lines)


def _row(number: int, category: str, text: str) -> dict:
    return {"id": f"r{number}", "text": text, "categories": [category]}


def _corpus() -> list[dict]:
    """Four kinds of story, a quarter each: no word is in more than 30% of them."""
    money = "The company said quarterly revenue and dividend payouts grew for shareholders."
    votes = [
        "The lawmakers said the parliament vote on the bill was delayed by the senate.",
        "The governing coalition named a cabinet after weeks of negotiations on ministries.",
        "The opposition candidate conceded the election after ballots were counted overnight.",
    ]
    rows = [_row(i, "Economy and business", money) for i in range(20)]
    for k, text in enumerate(votes):
        rows += [_row(100 * (k + 1) + i, "Politics and conflicts", text) for i in range(20)]
    return rows


def test_training_gives_each_category_its_own_words(config) -> None:
    model = model_from_json(train(_corpus(), config))
    assert dict(model.weights["dividend"])["economy"] > 0
    assert "politics" not in dict(model.weights["dividend"])
    assert "economy" not in dict(model.weights.get("parliament", ()))


def test_training_is_deterministic_and_keeps_no_sentence(config) -> None:
    first = json.dumps(train(_corpus(), config), sort_keys=False)
    assert first == json.dumps(train(list(reversed(_corpus())), config), sort_keys=False)
    assert "quarterly revenue" not in first


def test_capitalised_words_are_names_and_left_out() -> None:
    rows = [{"text": "Smith met Jones. Later smith spoke. Smith left."}]
    assert name_words(rows) == {"smith", "jones", "later"}


def test_a_word_in_most_stories_is_grammar_not_topic(config) -> None:
    # "said" is in half the stories (all economy ones): frequent enough to be left out
    assert "said" not in model_from_json(train(_corpus(), config)).weights


def test_remembered_clues_are_the_same_clues() -> None:
    model = WordModel({"shares": (("economy", 1.0), ("labour", 0.5))})
    tokens = [(Zone.LEAD, ["shares"]), (Zone.BODY, ["shares", "shares"])]
    first = model_evidence(model, tokens, scale=0.5, lead=2.0)
    assert model_evidence(model, tokens, scale=0.5, lead=2.0) == first
    assert [e.weight for e in first] == [1.0, 0.5, 1.0, 0.5]
