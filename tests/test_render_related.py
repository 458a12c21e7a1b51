"""Related stories: shared people, organisations and words make stories related."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
import pickle
import random
import subprocess
import sys
from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import related as related_module
from generator.digest import value_digest
from generator.model import Article
from generator.related import CANDIDATES, RELATED_MAX, related, update
from tests.conftest import ROOT
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


PEOPLE = ("Ana Ruiz", "Ben Okoro", "Chen Wei", "Dara Lim")
ORGANIZATIONS = ("KMT", "WHO", "UN")
COUNTRIES = ("TW", "JP", "FR", "BR", "KE")
WORDS = (
    "harbour typhoon election senate vaccine refinery glacier tariff ceasefire drought "
    "satellite museum strike merger verdict lighthouse xiaohongshu kaohsiung"
).split()


def random_article(rng: random.Random, n: int) -> Article:
    """A story drawn from small vocabularies, so many stories share things."""
    return make_article(
        n,
        people=tuple(rng.sample(PEOPLE, rng.randint(0, 2))),
        organizations=tuple(rng.sample(ORGANIZATIONS, rng.randint(0, 1))),
        countries=tuple(rng.sample(COUNTRIES, rng.randint(0, 2))),
        paragraphs=(" ".join(rng.sample(WORDS, rng.randint(1, 6))),),
        date=dt.date(2025, 1 + rng.randrange(12), 1 + rng.randrange(28)),
    )


def digests(articles: list[Article]) -> dict[str, bytes]:
    return {a.id: value_digest(a) for a in articles}


@pytest.mark.parametrize("seed", range(6))
def test_an_update_gives_what_a_cold_run_gives(seed: int, monkeypatch) -> None:
    # Small limits, so that candidate lists fill up and features cross the posting limit.
    monkeypatch.setattr(related_module, "CANDIDATES", 4)
    monkeypatch.setattr(related_module, "MAX_POSTING", 8)
    rng = random.Random(seed)
    articles = [random_article(rng, n) for n in range(1, 30)]
    _, state = update(articles, digests(articles), None)
    for step in range(8):
        articles = rng.sample(articles, len(articles) - rng.randint(0, 3))  # removed
        for number in rng.sample(range(len(articles)), 2):  # changed: same id, new text
            changed = random_article(rng, 0)
            articles[number] = dataclasses.replace(changed, id=articles[number].id)
        articles += [random_article(rng, 100 * (step + 1) + n) for n in range(rng.randint(0, 3))]
        found, state = update(articles, digests(articles), state)
        cold, cold_state = update(articles, digests(articles), None)
        assert found == cold
        assert state == cold_state


def test_the_word_table_gives_back_each_storys_words() -> None:
    rng = random.Random(5)
    articles = [random_article(rng, n) for n in range(1, 40)]
    rarity = related_module._rarity()
    words = {a.id: related_module._words(a, rarity) for a in articles}
    words["none"] = related_module._Words(ranks=array("i"), unknown=(), norm=0.0)
    table = pickle.loads(pickle.dumps(related_module._WordTable.of(words)))
    assert dict(table.items()) == words
    assert any(w.unknown for w in words.values()) and any(not w.ranks for w in words.values())


def test_adding_a_story_scores_only_the_stories_it_reaches(monkeypatch) -> None:
    rng = random.Random(7)
    articles = [random_article(rng, n) for n in range(1, 200)]
    newcomer = make_article(999, people=("Ana Ruiz",), paragraphs=("glacier verdict",))
    more = [*articles, newcomer]
    before, after = related(articles), related(more)
    _, state = update(articles, digests(articles), None)
    scored: list[int] = []
    original = related_module._Scorer.scores

    def counting(
        self: related_module._Scorer, mine: list[str], others: list[tuple[str, ...]]
    ) -> list[list[float]]:
        scored.extend(len(ids) for ids in others)
        return original(self, mine, others)

    monkeypatch.setattr(related_module._Scorer, "scores", counting)
    assert update(articles, digests(articles), state)[0] == before
    assert sum(scored) == 0  # an unchanged archive is not scored at all
    assert update(more, digests(more), state)[0] == after
    assert 0 < sum(scored) < len(articles) * CANDIDATES // 4


def test_an_unchanged_archive_keeps_the_state_it_was_given(monkeypatch) -> None:
    rng = random.Random(11)
    articles = [random_article(rng, n) for n in range(1, 60)]
    found, state = update(articles, digests(articles), None)
    cold = related_module._Index.of

    def unexpected(features: dict[str, tuple[str, ...]]) -> related_module._Index:
        raise AssertionError("an unchanged archive was indexed again")

    monkeypatch.setattr(related_module._Index, "of", unexpected)
    shuffled = rng.sample(articles, len(articles))
    again, same = update(shuffled, digests(shuffled), state)
    assert again == found and same is state
    monkeypatch.setattr(related_module._Index, "of", cold)
    changed = [*articles[:-1], dataclasses.replace(articles[-1], title="Another title")]
    assert update(changed, digests(changed), state)[1] != state  # a change is no rerun


def test_workers_read_and_score_what_one_process_does(monkeypatch) -> None:
    # A low limit, so that two processes read every story's words and score the candidates.
    monkeypatch.setattr(related_module, "PARALLEL_MIN", 10)
    rng = random.Random(11)
    articles = [random_article(rng, n) for n in range(1, 80)]
    one, one_state = update(articles, digests(articles), None, jobs=1)
    two, two_state = update(articles, digests(articles), None, jobs=2)
    assert two == one
    assert two_state == one_state
    assert any(one.values())


def plain_related(articles: list[Article]) -> dict[str, tuple[str, ...]]:
    """`related` by its definition, in plain Python: count shared features per article
    (Counter), take the CANDIDATES best by count then id, score each with math.fsum over the
    shared words' weights, keep the best RELATED_MAX (score rounded, newer first, then id)."""
    rarity = related_module._rarity()
    by_id = {a.id: a for a in articles}
    words = {a.id: related_module._words(a, rarity) for a in articles}
    features = {i: related_module._features(by_id[i], words[i], rarity) for i in sorted(by_id)}
    index = related_module._Index.of(features)
    found = {}
    for a in articles:
        shared = index.shared(a.id, features[a.id])
        scored = []
        for _, other_id in sorted((-c, i) for i, c in shared.items())[: related_module.CANDIDATES]:
            b, norm = by_id[other_id], words[a.id].norm * words[other_id].norm
            common = related_module.terms(a) & related_module.terms(b)
            text = math.fsum(rarity.weight[w] for w in common) / norm if norm else 0.0
            score = (
                3.0 * len(set(a.people) & set(b.people))
                + 2.0 * len(set(a.organizations) & set(b.organizations))
                + 0.5 * len(set(a.topics) & set(b.topics))
                + 0.5 * len(set(a.countries) & set(b.countries))
                + 4.0 * text
            )
            if score >= related_module.MIN_SCORE:
                newest_first = -b.date.toordinal() if b.date else 0
                scored.append((-round(score, 9), newest_first, other_id))
        found[a.id] = tuple(i for _, _, i in sorted(scored)[:RELATED_MAX])
    return found


def wordy_article(rng: random.Random, n: int, vocabulary: list[str]) -> Article:
    """A story of words from the rarity table (weights of every size) and a few it lacks."""
    words = rng.sample(vocabulary, rng.randint(0, 60)) + rng.sample(WORDS, rng.randint(0, 3))
    return dataclasses.replace(
        random_article(rng, n),
        paragraphs=(" ".join(words), f"Zyx{rng.randrange(5)}q quux{rng.randrange(3)}tor"),
        date=rng.choice([None, dt.date(2025, 1 + rng.randrange(12), 1)]),
    )


@pytest.mark.parametrize("seed", range(3))
def test_related_is_its_plain_definition(seed: int, monkeypatch) -> None:
    # Few candidates and a low posting limit, so that counting and ties decide; a batch
    # smaller than the archive, so that stories are scored in several batches.
    monkeypatch.setattr(related_module, "CANDIDATES", 6)
    monkeypatch.setattr(related_module, "MAX_POSTING", 40)
    monkeypatch.setattr(related_module, "SCORE_BATCH", 7)
    rng = random.Random(seed)
    vocabulary = rng.sample(related_module._rarity().words[:3000], 150)
    articles = [wordy_article(rng, n, vocabulary) for n in range(1, 90)]
    assert related(articles) == plain_related(articles)


def test_scores_are_the_fsum_scores_to_the_bit() -> None:
    rng = random.Random(5)
    rarity = related_module._rarity()
    vocabulary = rarity.words[::7]  # common and rare words: weights of every size
    articles = [
        dataclasses.replace(
            make_article(n, people=tuple(rng.sample(PEOPLE, rng.randint(0, 2)))),
            paragraphs=(" ".join(rng.sample(vocabulary, rng.randint(1, 400))),),
        )
        for n in range(1, 40)
    ]
    scorer = related_module._Scorer(rarity)
    for article in articles:
        scorer.add(article, related_module._words(article, rarity))
    others = tuple(a.id for a in articles)
    scores = scorer.scores([a.id for a in articles], [others] * len(articles))
    for a, mine in zip(articles, scores, strict=True):
        for b, score in zip(articles, mine, strict=True):
            norm = related_module._words(a, rarity).norm * related_module._words(b, rarity).norm
            common = related_module.terms(a) & related_module.terms(b)
            text = math.fsum(rarity.weight[w] for w in common) / norm
            expected = 3.0 * len(set(a.people) & set(b.people)) + 0.5 + 0.5 + 4.0 * text
            assert score == expected


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60) | st.sampled_from(
    ["Café “quoted” — naïve", "Taipei 台北 KMT", "䷀䷁ hexagram", "x_y__z abc123def", "İstanbul",
     "it’s “the” end…ok", "ab?cd?efg", "tab\tsep\x00nul\x7fdel{abc}[xyz]`qqq`~www~", "aB Cde FGHI"]
))  # fmt: skip
def test_words_of_takes_the_ascii_scan_only_where_it_finds_the_same_words(text: str) -> None:
    expected = set(related_module._WORD.findall(text.lower())) - related_module._STOPWORDS
    assert related_module.words_of(text) == expected
    assert related_module.words_of(text + " plain words") == expected | {"plain", "words"}


def test_a_state_pickles_to_the_same_bytes_in_every_process() -> None:
    """The page cache keeps the state again only when its bytes change; a set's order follows
    the strings' hashes, which each process seeds its own way."""
    script = (
        "import pickle, sys\n"
        "from generator.related import State\n"
        "capped = frozenset(f'word{n}' for n in range(200))\n"
        "sys.stdout.buffer.write(pickle.dumps(State({}, {}, capped, {}, {}, None), protocol=5))\n"
    )
    found = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(found) == 1
    state = pickle.loads(found.pop())
    assert state.capped == frozenset(f"word{n}" for n in range(200))
