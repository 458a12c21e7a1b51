"""The sample dump, read as a careful reader reads it (generator/segment/__init__.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.build import plan
from tests.conftest import ROOT

SAMPLE = ROOT / "dumps" / "000_9d3f2b9905a01c03.txt"


@pytest.fixture(scope="module")
def articles(config):
    return sorted(plan(SAMPLE, config).articles, key=lambda a: a.first_source.first)


def test_five_articles_with_exact_spans(articles) -> None:
    spans = [(a.first_source.first, a.first_source.last) for a in articles]
    assert spans == [(1, 15), (16, 16), (17, 17), (18, 18), (19, 19)]


def test_only_the_full_article_is_complete(articles) -> None:
    assert [a.truncated for a in articles] == [False, True, True, True, True]


def test_photo_credit_leaves_the_body(articles) -> None:
    full = articles[0]
    assert full.photo_credits == ("CNA",)
    assert all(not p.startswith("Photo:") for p in full.paragraphs)
    assert len(full.paragraphs) == 14


def test_kicker_and_deck_are_split_from_the_body(articles) -> None:
    app = articles[3]
    assert app.kicker == "PROBLEMATIC APP"
    assert app.deck.endswith("calling it censorship")
    assert app.paragraphs[0].startswith("Chinese Nationalist Party (KMT) Chairwoman Cheng Li-wun")


def test_every_article_has_a_short_title(articles) -> None:
    for article in articles:
        assert 3 <= len(article.title.split()) <= 16, article.title
        assert not article.title.lower().endswith("said")


def test_kicker_article_title_says_what_happened(articles) -> None:
    title = articles[3].title
    assert "suspend" in title and "Xiaohongshu" in title, title
    assert "(" not in title


def test_titles_drop_parenthesised_glosses_and_time_words(articles) -> None:
    for article in articles:
        assert "(" not in article.title and "yesterday" not in article.title.lower()


def test_dates_come_from_the_sidecar(articles) -> None:
    assert {a.date for a in articles} == {dt.date(2025, 12, 10)}


@pytest.mark.parametrize(
    ("index", "primary", "focus"),
    [
        (0, "politics", "JP"),
        (1, "politics", "TW"),
        (2, "disaster", "JP"),
        (3, "politics", "TW"),
        (4, "conflict", "US"),
    ],
)
def test_primary_topic_and_focus_country(articles, index: int, primary: str, focus: str) -> None:
    assert articles[index].topics[0] == primary
    assert articles[index].countries[0] == focus


def test_ids_are_stable_hex(articles) -> None:
    assert all(len(a.id) == 12 and int(a.id, 16) >= 0 for a in articles)
    assert len({a.id for a in articles}) == 5
