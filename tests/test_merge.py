"""Merge: a teaser and its full text, or one article twice, become one page."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import merge as merge_module
from generator.extract import extract
from generator.merge import MIN_SHARED_WORDS, _Opening, _same, merge
from generator.model import Span, TitleSource
from tests.segment_fixtures import BRIDGE, ORCHESTRA, TEASERS, make_dump

RAIL_FULL = [
    "Train drivers across the country will stop work for two days next week, the largest union "
    "said, after talks with the rail operator on pension reform broke down late on Friday "
    "without any new offer.",
    "The operator said it regretted the decision and would run a reduced timetable.",
]


def occurrence(lines: list[str], name: str):
    dump = make_dump(lines, name)
    return extract(Span(dump=dump, first=1, last=len(lines)))


def teaser_of(paragraphs: list[str], words: int) -> list[str]:
    return [" ".join(" ".join(paragraphs).split()[:words])]


def test_stories_opening_alike_keep_apart_with_ids_of_their_own() -> None:
    # The same first paragraph (a shared wire lead), then different stories: the opening
    # words the id hashes are the same, yet neither text starts the other.
    first = occurrence([RAIL_FULL[0], "Commuters were told to work from home."], "001_a.txt")
    second = occurrence([RAIL_FULL[0], "Freight firms said shelves would empty."], "002_b.txt")
    assert first.id == second.id
    stories, folded = merge([second, first])
    assert folded == 0
    assert [s.sources[0].dump for s in stories] == ["001_a.txt", "002_b.txt"]
    assert stories[0].id == first.id  # the earliest keeps the id its pages have
    assert stories[1].id != first.id
    assert merge(list(reversed(stories))) == (stories, 0)  # stable, and merging again


def test_teaser_merges_into_its_full_text() -> None:
    teaser = occurrence(teaser_of(BRIDGE, 40), "001_front.txt")
    full = occurrence(BRIDGE, "002_story.txt")
    [story], folded = merge([full, teaser])
    assert folded == 1
    assert story.paragraphs == full.paragraphs
    assert [s.dump for s in story.sources] == ["001_front.txt", "002_story.txt"]
    assert story.id == teaser.id
    assert not story.truncated


def test_copies_that_keep_two_published_pages_stay_apart() -> None:
    # One story had two pages (a typo in one copy's lead gave it another id); corrected, the
    # copies hash one id. Merged, one page would go: each keeps its own instead, and a third
    # copy that made no page joins the first.
    first = occurrence(BRIDGE, "001_a.txt")
    second = occurrence(BRIDGE, "002_b.txt")
    third = occurrence(teaser_of(BRIDGE, 40), "003_c.txt")
    assert first.id == second.id
    published = {"aaaaaaaaaaaa", second.id}
    places = {second.id: ("002_b.txt", 1)}
    claims = {("001_a.txt", 1): "aaaaaaaaaaaa"}
    stories, folded = merge([third, second, first], published, places.get, claims)
    assert folded == 1
    assert [(s.id, [r.dump for r in s.sources]) for s in stories] == [
        ("aaaaaaaaaaaa", ["001_a.txt", "003_c.txt"]),
        (second.id, ["002_b.txt"]),
    ]
    # without the claim (no page lost its id) the copies are one story, as always
    assert merge([third, second, first], published, places.get)[1] == 2


def test_a_longer_copy_cut_off_beats_a_shorter_complete_one() -> None:
    # The complete-looking copy won, and the other copy's further paragraphs were in no
    # article: lines of a dump lost, though its sources named them.
    shorter = occurrence(BRIDGE[:2], "001_a.txt")
    cut = BRIDGE[3].rsplit(" ", 3)[0]  # "... across the estuary from the"
    longer = occurrence([*BRIDGE[:2], cut], "002_b.txt")
    assert (shorter.truncated, longer.truncated) == (False, True)
    [story], folded = merge([shorter, longer])
    assert folded == 1
    assert story.paragraphs == longer.paragraphs
    assert story.truncated  # the page says it holds only the start
    assert story.id == shorter.id


def test_a_teaser_opening_two_stories_does_not_join_them() -> None:
    # The teaser starts both; pairwise joins made the three one story, and the shorter
    # story's own paragraph was in no article.
    first = occurrence([RAIL_FULL[0], "Commuters were told to work from home."], "001_a.txt")
    longer = [RAIL_FULL[0], "Freight firms said shelves would empty within the week."]
    second = occurrence(longer, "002_b.txt")
    teaser = occurrence(teaser_of([RAIL_FULL[0]], 20), "003_front.txt")
    stories, folded = merge([teaser, second, first])
    assert folded == 1
    assert [s.paragraphs for s in stories] == [first.paragraphs, second.paragraphs]
    assert [d.dump for d in stories[1].sources] == ["002_b.txt", "003_front.txt"]
    assert len({s.id for s in stories}) == 2
    assert merge(list(reversed(stories))) == (stories, 0)


def test_a_published_id_is_kept_whatever_the_dumps_are_named() -> None:
    # A short teaser hashes fewer words than its full text: the two have different ids. The
    # teaser was published first, from a dump whose name sorts after the full text's.
    teaser = occurrence(teaser_of(BRIDGE, 20), "wire-dec13.txt")
    full = occurrence(BRIDGE, "cna-dec14.txt")
    assert teaser.id != full.id
    [story], _ = merge([teaser, full], published={teaser.id})
    assert story.id == teaser.id
    assert story.paragraphs == full.paragraphs
    [unpublished], _ = merge([teaser, full])
    assert unpublished.id == full.id  # the earliest occurrence by dump name


def test_teaser_under_a_kicker_merges_with_the_untitled_full_text() -> None:
    teaser = occurrence([TEASERS[0]], "001_front.txt")
    full = occurrence(RAIL_FULL, "002_story.txt")
    [story], folded = merge([teaser, full])
    assert folded == 1
    assert story.kicker == "RAIL STRIKE"
    assert story.paragraphs == tuple(RAIL_FULL)


def test_a_byline_and_dateline_only_the_shorter_copy_has_stay_on_the_page() -> None:
    # The longer copy wins, and the shorter one's sources stay on the page: its byline and
    # dateline lines were claimed by the page, yet shown nowhere (and in no audit).
    shorter = occurrence(
        ["By Jane Doe, Staff Reporter", f"LONDON, May 5 (Reuters) — {BRIDGE[0]}", *BRIDGE[1:2]],
        "001_a.txt",
    )
    longer = occurrence(BRIDGE, "002_b.txt")
    assert (shorter.byline, shorter.dateline) != (None, None)
    assert (longer.byline, longer.dateline) == (None, None)
    [story], _ = merge([shorter, longer])
    assert story.paragraphs == longer.paragraphs
    assert (story.byline, story.dateline) == (shorter.byline, shorter.dateline)


def test_a_headline_only_the_shorter_copy_has_titles_the_page() -> None:
    # A front page's teaser under its headline, and the full text pasted without one: the
    # full text won and the page was titled from its lead, while the headline line, claimed
    # by the page's sources, was shown nowhere and in no audit.
    teaser = occurrence(["Storm batters east coast", "", BRIDGE[0]], "001_front.txt")
    full = occurrence(BRIDGE, "002_story.txt")
    assert (teaser.title_source, full.title_source) == (TitleSource.LINE, TitleSource.LEAD)
    [story], _ = merge([full, teaser])
    assert story.paragraphs == full.paragraphs
    assert (story.title, story.title_source) == ("Storm batters east coast", TitleSource.LINE)


def test_same_article_twice_is_one_page() -> None:
    a = occurrence(BRIDGE, "001_a.txt")
    b = occurrence([line + "  " for line in BRIDGE], "002_b.txt")
    [story], folded = merge([a, b])
    assert folded == 1 and len(story.sources) == 2


def test_different_stories_stay_apart() -> None:
    merged, folded = merge([occurrence(BRIDGE, "a.txt"), occurrence(ORCHESTRA, "b.txt")])
    assert (len(merged), folded) == (2, 0)


def test_a_short_shared_opening_is_not_enough() -> None:
    a = occurrence(["Police said on Monday that the road was closed."], "a.txt")
    b = occurrence(["Police said on Monday that the bridge was open."], "b.txt")
    assert len(merge([a, b])[0]) == 2


POOL = [
    occurrence(BRIDGE, "003_c.txt"),
    occurrence(teaser_of(BRIDGE, 25), "001_a.txt"),
    occurrence(teaser_of(BRIDGE, 50), "002_b.txt"),
    occurrence(ORCHESTRA, "002_b.txt"),
    occurrence(teaser_of(ORCHESTRA, 30), "004_d.txt"),
    occurrence([TEASERS[0]], "001_a.txt"),
    occurrence(RAIL_FULL, "005_e.txt"),
]


@settings(max_examples=50, deadline=None)
@given(st.permutations(POOL))
def test_merging_is_order_free_and_idempotent(articles) -> None:
    once, _ = merge(list(articles))
    assert once == merge(POOL)[0]
    assert merge(once) == (once, 0)
    assert len(once) == 3


def _takes_for_the_same_story(short: list[str], long: list[str]) -> bool:
    """The rule written out plainly: the shorter, less a last word that may be cut in half,
    starts the longer and keeps at least MIN_SHARED_WORDS words; or the two are equal."""
    if len(short) > len(long):
        short, long = long, short
    head = short[:-1] if len(short) < len(long) else short
    return len(head) >= min(MIN_SHARED_WORDS, len(long)) and long[: len(head)] == head


_TAILS = [[], ["a"], ["b"], ["a", "c"], ["b", "c"], ["a", "c", "c"]]


def test_openings_are_read_only_as_far_as_the_rule_needs_and_judged_by_it() -> None:
    # Every shared length around MIN_SHARED_WORDS and the reading's slices (16, then 32
    # more words), then tails that end, go on or differ: the lazy reading must judge every
    # pair as the rule does.
    for shared in range(50):
        for tail_a in _TAILS:
            for tail_b in _TAILS:
                a, b = ["w"] * shared + tail_a, ["w"] * shared + tail_b
                expected = _takes_for_the_same_story(a, b)
                first, second = _Opening(("a",), iter(a)), _Opening(("b",), iter(b))
                assert _same(first, second) is expected, (a, b)
                first, second = _Opening(("a",), iter(a)), _Opening(("b",), iter(b))
                assert _same(second, first) is expected, (b, a)


_WORDS = st.sampled_from(["a", "b", "c"])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(_WORDS, min_size=0, max_size=6), min_size=2, max_size=12),
    st.integers(min_value=MIN_SHARED_WORDS, max_value=MIN_SHARED_WORDS + 3),
)
def test_sorted_candidates_find_every_pair_all_pairs_find(tails, shared) -> None:
    # Many openings of one key are sorted and paired by prefix instead of all with all:
    # the stories merged must be the same. Openings: one common start, then short tails
    # that end, go on or differ (a teaser's cut word among them).
    base = ["w"] * shared
    stories = [occurrence([" ".join(base + tail)], f"{n:03d}.txt") for n, tail in enumerate(tails)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(merge_module, "FEW_OPENINGS", 10**9)  # every pair
        every_pair = merge(list(stories))
        patch.setattr(merge_module, "FEW_OPENINGS", 0)  # sorted, whatever their number
        assert merge(list(stories)) == every_pair


def test_stories_opening_alike_are_not_compared_all_with_all(monkeypatch) -> None:
    # 300 stories sharing their first 20 words (a daily template), each going on with its
    # own: comparing every pair made 2,000 such stories take 5.6 s to merge.
    calls = []
    counted = merge_module._same
    monkeypatch.setattr(merge_module, "_same", lambda x, y: calls.append(1) or counted(x, y))
    template = "The weather office said on the day that heavy rain would fall across the north"
    stories = [
        occurrence(
            [f"{template} and the east, forecast number {n} of the season, {n} says."], f"{n}.txt"
        )
        for n in range(300)
    ]
    merged, folded = merge(stories)
    assert (len(merged), folded) == (300, 0)
    assert len(calls) < 3 * len(stories)  # all pairs: 44,850


def test_copies_of_a_published_story_read_no_page_when_no_page_lost_its_id() -> None:
    # `owner` reads a page from disk: asked for every copy of every story found twice (a
    # teaser and its full text), an unchanged rerun read a page per copy.
    first, second = occurrence(BRIDGE, "001_a.txt"), occurrence(BRIDGE, "002_b.txt")
    asked = []

    def owner(article_id: str) -> tuple[str, int] | None:
        asked.append(article_id)
        return ("001_a.txt", 1)

    stories, folded = merge([first, second], {first.id}, owner, {})
    assert (len(stories), folded, asked) == (1, 1, [])
