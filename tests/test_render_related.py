"""Related stories: shared people, organisations and words make stories related."""

from __future__ import annotations

import dataclasses

from generator.related import CANDIDATES, RELATED_MAX, related
from tests.test_render import make_article


def test_shared_person_beats_shared_topic() -> None:
    base = make_article(1, people=("Cheng Li-wun",), paragraphs=("Ships dock at dawn.",))
    same_person = make_article(2, people=("Cheng Li-wun",), paragraphs=("Tea prices rose.",))
    same_topic = make_article(3, paragraphs=("Snow fell in the hills.",))
    result = related([base, same_person, same_topic])
    assert result[base.id][0] == same_person.id


def test_similar_text_makes_stories_related() -> None:
    text = "Xiaohongshu suspension fraud censorship platform Ministry Interior security"
    a = make_article(1, paragraphs=(text + " cases",), topics=(), countries=())
    b = make_article(2, paragraphs=(text + " users",), topics=(), countries=())
    c = make_article(3, paragraphs=("Earthquake Aomori magnitude tourists video",), topics=())
    result = related([a, b, c])
    assert result[a.id] == (b.id,)
    assert result[c.id] == ()


def test_never_itself_and_at_most_the_maximum() -> None:
    articles = [
        make_article(n, people=("Sanae Takaichi",), organizations=("KMT",)) for n in range(1, 12)
    ]
    result = related(articles)
    for article in articles:
        assert article.id not in result[article.id]
        assert len(result[article.id]) == RELATED_MAX


def test_order_of_input_does_not_matter() -> None:
    articles = [make_article(n, people=("A B",) if n % 2 else ("C D",)) for n in range(1, 9)]
    assert related(articles) == related(list(reversed(articles)))


def test_unrelated_stories_get_none() -> None:
    lone = dataclasses.replace(
        make_article(1), topics=(), countries=(), paragraphs=("Quilts and kites.",)
    )
    other = dataclasses.replace(
        make_article(2), topics=(), countries=(), paragraphs=("Volcano lava flows.",)
    )
    assert related([lone, other]) == {lone.id: (), other.id: ()}


def test_best_match_found_among_many_sharing_a_person() -> None:
    # More articles share the person than CANDIDATES: the one that also shares rare words wins.
    text = "Xiaohongshu suspension fraud censorship platform"
    crowd = [
        make_article(n, people=("Cheng Li-wun",), paragraphs=(f"Item {n} of the day.",))
        for n in range(2, CANDIDATES + 12)
    ]
    base = make_article(1, people=("Cheng Li-wun",), paragraphs=(text + " cases",))
    twin = make_article(99, people=("Cheng Li-wun",), paragraphs=(text + " users",))
    assert related([base, *crowd, twin])[base.id][0] == twin.id
