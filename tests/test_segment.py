"""Segment: where one story ends and the next begins, on every shape of dump."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.extract import extract
from generator.ingest import read_dump
from generator.segment import Kind, classify_lines, segment
from generator.segment.lines import CAPTION_MAX_WORDS
from tests.conftest import run_cli
from tests.segment_fixtures import BRIDGE, ORCHESTRA, TEASERS, VACCINE, make_dump, titled


def spans(lines: list[str]) -> list[tuple[int, int]]:
    return [(s.first, s.last) for s in segment(make_dump(lines)).spans]


def test_page_full_article_then_teasers() -> None:
    assert spans(BRIDGE + TEASERS) == [(1, 5), (6, 6), (7, 7)]


def test_run_of_articles_with_nothing_between() -> None:
    assert spans(BRIDGE + ORCHESTRA + VACCINE) == [(1, 5), (6, 8), (9, 11)]


def test_titled_articles_separated_by_blank_lines() -> None:
    lines = titled(("Halvik bridge opens", BRIDGE), ("Cellist wins Vienna prize", ORCHESTRA))
    first_end = lines.index(BRIDGE[-1]) + 1
    second = lines.index("Cellist wins Vienna prize") + 1
    assert spans(lines) == [(1, first_end), (second, len(lines))]


TRUCE_TEASERS = [
    "After the truce declared by Ariel Sharon and Mahmoud Abbas, the largest Palestinian armed "
    "group in Gaza said on Sunday that it would hold its fire against Israel for as long as",
    "Israeli Prime Minister Ariel Sharon and Palestinian President Mahmoud Abbas today declared "
    "an end to violence against each other in Gaza and the West Bank at a summit in the resort of",
    "Small clashes and claims of sabotage marked an unsteady first day for the Israeli and "
    "Palestinian truce, already strained after militants in Gaza fired mortar shells at",
]


def test_teasers_of_one_news_day_sharing_their_names_stay_apart() -> None:
    # Cut off mid-sentence, a teaser has nothing after it: cohesion joined all three (the
    # names they share), and a typo corrected in one ("Palesinian") could join two.
    result = segment(make_dump(TRUCE_TEASERS))
    assert [(s.first, s.last) for s in result.spans] == [(1, 1), (2, 2), (3, 3)]


def test_mix_titled_then_run_then_teasers() -> None:
    lines = [*titled(("Halvik bridge opens", BRIDGE)), "", *ORCHESTRA, *VACCINE, *TEASERS]
    run_start = lines.index(ORCHESTRA[0]) + 1
    assert spans(lines)[1:] == [
        (run_start, run_start + 2),
        (run_start + 3, run_start + 5),
        (run_start + 6, run_start + 6),
        (run_start + 7, run_start + 7),
    ]


def test_credit_line_stays_with_the_paragraph_before() -> None:
    assert classify_lines(["Photo: AFP"]) == [Kind.CREDIT]
    assert classify_lines(["Delegates arrive for the talks. Photo: CNA"]) == [Kind.CREDIT]
    assert spans(BRIDGE)[0] == (1, 5)


def test_headline_needs_a_blank_line_and_more_text_after_it() -> None:
    head, body = "Harbour bridge reopens to traffic", "The bridge reopened on Monday."
    assert classify_lines([head, "", body]) == [Kind.TITLE, Kind.BLANK, Kind.PARAGRAPH]
    # nothing after the blank line, or no blank line: a short paragraph, not a headline
    assert classify_lines([body, head, "", "  "])[1] is Kind.PARAGRAPH
    assert classify_lines([head, body])[0] is Kind.PARAGRAPH
    # a paragraph cut short, then the next story's real headline: the first is no headline
    cut = "Officials said the work would"
    kinds = classify_lines([body, cut, "", head, "", body])
    assert kinds[1] is Kind.PARAGRAPH
    assert kinds[3] is Kind.TITLE


def test_additional_reporting_closes_the_story() -> None:
    assert spans(VACCINE + BRIDGE) == [(1, 3), (4, 8)]


def test_byline_opens_a_story() -> None:
    assert spans([*BRIDGE, "By Lin Wen / Staff reporter", *ORCHESTRA]) == [(1, 5), (6, 9)]


def test_boilerplate_between_stories_is_audited_with_a_reason() -> None:
    result = segment(make_dump([*BRIDGE, "Advertisement", *TEASERS]))
    assert [(s.first, s.last) for s in result.spans] == [(1, 5), (7, 7), (8, 8)]
    assert [(e.ref.first, e.reason) for e in result.audit] == [
        (6, "site boilerplate, not a story: 'Advertisement'")
    ]


@pytest.mark.parametrize("link", ["https://example.org/news/2025/12/10/bridge", "www.example.org"])
def test_a_line_that_is_a_link_alone_is_audited_not_a_story(link: str) -> None:
    result = segment(make_dump([*BRIDGE, link, *TEASERS]))
    assert [(s.first, s.last) for s in result.spans] == [(1, 5), (7, 7), (8, 8)]
    assert [(e.ref.first, e.reason) for e in result.audit] == [
        (6, f"site boilerplate, not a story: {link!r}")
    ]


def test_trailing_spaces_and_blank_lines_do_not_change_spans() -> None:
    padded = [line + "   " for line in BRIDGE] + ["", "  "] + [t + " " for t in TEASERS]
    assert spans(padded) == [(1, 5), (8, 8), (9, 9)]


WORDS = st.sampled_from(
    "river council budget harbour school festival vote storm court farmer museum rail".split()
)
SENTENCE = st.lists(WORDS, min_size=4, max_size=12).map(lambda w: " ".join(w).capitalize() + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
TITLE = st.lists(WORDS, min_size=2, max_size=8).map(lambda w: " ".join(w).title())
ARTICLE = st.tuples(TITLE, st.lists(PARAGRAPH, min_size=1, max_size=5))
EXTRA = st.sampled_from(
    [
        "Photo: AFP",
        "Advertisement",
        "",
        "   ",
        "By Ana Ruiz / Staff reporter",
        "Divers search the river. Photo: AFP",
    ]
)
LEFT_OUT = (
    "site boilerplate, not a story:",
    "photo caption, only its credit kept:",
    "repeats the story's own words:",
)
"""The audit's reasons for a line a span holds but no article shows the text of."""


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(PARAGRAPH, min_size=1, max_size=5), min_size=1, max_size=6),
    st.lists(st.tuples(st.integers(0, 40), EXTRA), max_size=6),
)
def test_any_concatenation_loses_no_line(articles: list[list[str]], extras) -> None:
    lines = [p for article in articles for p in article]
    for position, extra in extras:
        lines.insert(min(position, len(lines)), extra)
    result = segment(make_dump(lines))
    covered = [n for s in result.spans for n in range(s.first, s.last + 1)]
    audited = [e.ref.first for e in result.audit]
    non_blank = [n for n, line in enumerate(lines, start=1) if line.strip()]
    assert len(covered) == len(set(covered)), "spans overlap"
    assert len(audited) == len(set(audited)), "a line is audited twice"
    for entry in result.audit:
        if entry.ref.first in covered:
            assert entry.reason.startswith(LEFT_OUT), f"in a span and audited: {entry}"
    assert sorted({n for n in covered if lines[n - 1].strip()} | set(audited)) == non_blank


@settings(max_examples=60, deadline=None)
@given(st.lists(ARTICLE, min_size=1, max_size=6))
def test_titled_concatenation_splits_exactly_at_titles(articles) -> None:
    lines = titled(*articles)
    expected = []
    for title, paragraphs in articles:
        first = lines.index(title, expected[-1][1] if expected else 0) + 1
        expected.append((first, first + 2 * len(paragraphs)))
    assert spans(lines) == expected


def test_check_prints_the_audit_and_writes_nothing(tmp_path: Path, uncurated_config: Path) -> None:
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "page.txt").write_text("\n".join([*BRIDGE, "Read more", *TEASERS]) + "\n")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    out = str(tmp_path / "content")  # nothing published yet: every story is new
    result = run_cli(
        "check", "--dumps", str(dumps), "--config", str(uncurated_config), "--out", out
    )
    assert result.returncode == 0, result.stderr
    audit, summary = result.stdout.splitlines()
    assert audit.endswith("page.txt:6: site boilerplate, not a story: 'Read more'")
    assert summary.startswith("1 dumps, 8 lines -> 3 articles (3 new, 0 updated, 0 removed,")
    assert " 1 lines unassigned" in summary
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_a_newsletter_prompt_is_boilerplate() -> None:
    result = segment(make_dump([*BRIDGE[:2], "Subscribe to our newsletter", *BRIDGE[2:]]))
    assert [e.reason for e in result.audit] == [
        "site boilerplate, not a story: 'Subscribe to our newsletter'"
    ]


def test_boilerplate_inside_a_story_is_audited_though_its_span_holds_it() -> None:
    result = segment(make_dump([*BRIDGE[:2], "Advertisement", *BRIDGE[2:]]))
    assert [(s.first, s.last) for s in result.spans] == [(1, len(BRIDGE) + 1)]
    assert [(e.ref.first, e.reason) for e in result.audit] == [
        (3, "site boilerplate, not a story: 'Advertisement'")
    ]


def test_a_photo_caption_is_audited_with_its_text_and_keeps_its_credit() -> None:
    caption = "Divers search the Halvik river yesterday."
    dump = make_dump([*BRIDGE[:2], f"{caption} Photo: AFP", *BRIDGE[2:]])
    result = segment(dump)
    assert [(e.ref.first, e.reason) for e in result.audit] == [
        (3, f"photo caption, only its credit kept: {caption!r}")
    ]
    (article,) = [extract(span) for span in result.spans]
    assert article.photo_credits == ("AFP",)
    assert caption not in article.paragraphs


def test_a_paragraph_with_a_credit_glued_on_keeps_its_text() -> None:
    paragraph = f"{BRIDGE[1]} {BRIDGE[3]}"
    assert len(paragraph.split()) > CAPTION_MAX_WORDS
    result = segment(make_dump([BRIDGE[0], f"{paragraph} Photo: AFP", BRIDGE[4]]))
    (article,) = [extract(span) for span in result.spans]
    assert paragraph in article.paragraphs
    assert article.photo_credits == ("AFP",)
    assert result.audit == ()


def test_a_credit_alone_is_audited_not_made_an_article() -> None:
    result = segment(make_dump(["Photo: AFP", "", "By Ana Ruiz / Staff reporter"]))
    assert result.spans == ()
    assert [(e.ref.first, e.reason) for e in result.audit] == [
        (1, "no story text to attach this line to"),
        (3, "no story text to attach this line to"),
    ]


def test_a_credit_before_any_story_joins_the_first_story() -> None:
    assert spans(["Photo: AFP", *BRIDGE]) == [(1, 6)]


def test_crlf_bom_and_no_final_newline_keep_the_same_spans(write_dump) -> None:
    lines = titled(("Halvik bridge opens", BRIDGE), ("Cellist wins Vienna prize", ORCHESTRA))
    raw = b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8")
    dump = read_dump(write_dump("crlf.txt", raw))
    assert [(s.first, s.last) for s in segment(dump).spans] == spans(lines)
    assert segment(dump).spans[0].lines[0] == "Halvik bridge opens"


WIRE = [
    "Harbour bridge reopens after repairs",
    "",
    "HALVIK (Reuters) - The Halvik harbour bridge reopened to traffic on Monday after a year of"
    " repairs, the city council said.",
    "",
    "Engineers replaced all 48 cables and the deck's steel plates, the council said.",
    "",
    "Reporting by Lin Wen and Ana Ruiz; Additional reporting by Omar Said in Oslo; Editing by"
    " Ken Mori",
    "",
    "Cellist wins Vienna prize",
    "",
    "VIENNA (Reuters) - A cellist from Lima won the Vienna chamber music prize on Sunday.",
    "",
    "(Reporting by Jane Holt; editing by Ken Mori)",
]


def test_a_wire_sign_off_is_the_byline_not_a_paragraph_cut_short() -> None:
    assert [(s.first, s.last) for s in segment(make_dump(WIRE)).spans] == [(1, 7), (9, 13)]
    first, second = (extract(s) for s in segment(make_dump(WIRE)).spans)
    assert first.byline == WIRE[6]
    assert second.byline == WIRE[12]
    assert not first.truncated and not second.truncated
    assert all("Reporting" not in p for p in (*first.paragraphs, *second.paragraphs))


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Lin Wen and Ana Ruiz contributed reporting.", Kind.REPORTING),
        ("Writing by Omar Said; Editing by Ken Mori", Kind.REPORTING),
        ("(By Lin Wen and Ana Ruiz)", Kind.REPORTING),
        # a sentence about reporting stays prose
        ("Reporting by the BBC showed that the ministry paid late.", Kind.PARAGRAPH),
        ("Reporting by Reuters showed the payments were late.", Kind.PARAGRAPH),
    ],
)
def test_sign_offs_are_told_from_sentences_about_reporting(line: str, kind: Kind) -> None:
    assert classify_lines([line]) == [kind]


def test_a_timestamp_under_the_byline_neither_titles_nor_splits_the_story() -> None:
    lines = [
        "Halvik bridge opens",
        "",
        "By Lin Wen / Staff reporter",
        "2025-11-03 18:00",
        "",
        *BRIDGE,
        "",
        "Cellist wins Vienna prize",
        "",
        "By Ana Ruiz / Staff reporter",
        "Updated: Nov. 4, 2025 9:30 pm",
        "",
        *ORCHESTRA,
    ]
    result = segment(make_dump(lines))
    assert result.audit == ()
    assert [(s.first, s.last) for s in result.spans] == [(1, 10), (12, 19)]
    first, second = (extract(s) for s in result.spans)
    assert (first.title, first.byline) == ("Halvik bridge opens", "By Lin Wen / Staff reporter")
    assert (second.title, second.byline) == ("Cellist wins Vienna prize", lines[13])
    # the page's own date for each story, not the dump's
    assert (str(first.date), str(second.date)) == ("2025-11-03", "2025-11-04")
    assert first.paragraphs[0] == BRIDGE[0]


def test_a_live_blog_is_one_story_each_time_heading_its_update() -> None:
    updates = ["Ferries stopped at noon.", "The bridge closed to lorries.", "Winds eased."]
    lines = ["Storm hits Halvik: live", ""]
    for time, update in zip(("18:42", "18:30", "6:05pm"), updates, strict=True):
        lines += [time, update, ""]
    result = segment(make_dump(lines[:-1]))
    assert [(s.first, s.last) for s in result.spans] == [(1, len(lines) - 1)]
    (blog,) = (extract(s) for s in result.spans)
    assert blog.paragraphs == ("18:42", updates[0], "18:30", updates[1], "6:05pm", updates[2])
    assert blog.summary.startswith(updates[0])
    assert not blog.truncated


def test_a_timestamp_goes_with_the_story_it_heads_in_an_untitled_run() -> None:
    lines = ["2025-11-03 10:05", *BRIDGE, "2025-11-03 10:20", *ORCHESTRA]
    assert spans(lines) == [(1, 6), (7, 10)]
    assert classify_lines(["18:42", "Tue, Dec 09, 2025 - page 3"]) == [Kind.STAMP, Kind.STAMP]
    assert classify_lines(["The 18:42 train left."]) == [Kind.PARAGRAPH]


CHROME = [
    "Skip to main content",
    "Home | News | Politics | Business | Sport",
    "We use cookies to give you the best experience on our website.",
    "Accept all cookies",
    "Manage preferences",
]
FOOTER = [
    "Share on Facebook",
    "Share via Email",
    "Copy link",
    "Related Stories",
    "Halvik ferry makes its last crossing",
    "Tarn estuary tolls to rise",
    "Most Popular",
    "Sign up for our daily briefing",
    "Privacy Policy | Terms of Use | Contact Us",
    "© 2025 Halvik Post. All rights reserved.",
]


def test_page_chrome_around_a_story_is_audited_not_made_stories() -> None:
    lines = [*CHROME, "Halvik bridge opens", "", *BRIDGE, "", *FOOTER]
    result = segment(make_dump(lines))
    start = len(CHROME) + 1
    assert [(s.first, s.last) for s in result.spans] == [(start, start + len(BRIDGE) + 1)]
    chrome = [*range(1, start), *range(start + len(BRIDGE) + 3, len(lines) + 1)]
    assert [e.ref.first for e in result.audit] == chrome
    assert all(e.reason.startswith("site boilerplate") for e in result.audit)


@pytest.mark.parametrize(
    "line",
    [
        "Team | Won | Lost | 12 | 3",  # a table's row, not a menu
        "We use cookie cutters shaped like the bridge, the baker said.",
        "Copyright lawyers said the case would take a year.",
    ],
)
def test_story_text_that_looks_like_chrome_stays(line: str) -> None:
    assert classify_lines([line]) == [Kind.PARAGRAPH]


def test_a_headline_after_a_related_list_is_no_link() -> None:
    lines = [
        "Related Stories",
        "Halvik ferry makes its last crossing",
        "",
        *titled(("Cellist wins Vienna prize", ORCHESTRA)),
    ]
    kinds = classify_lines(lines)
    assert kinds[:2] == [Kind.BOILERPLATE, Kind.BOILERPLATE]
    assert kinds[3] is Kind.TITLE


ITEMS = [
    "• Cars pay 40 kronor a crossing.",
    "• Cyclists and pedestrians cross free.",
    "• Lorries over 12 tonnes must use the old ferry road.",
]


def test_a_bulleted_list_stays_in_its_titled_story() -> None:
    # blank lines between paragraphs, none between the list's items
    story = ["Halvik bridge opens", "", BRIDGE[0], "", "The agency set these tolls:", ""]
    story += [*ITEMS, "", BRIDGE[3]]
    lines = [*story, "", "", *titled(("Cellist wins Vienna prize", ORCHESTRA))]
    assert spans(lines) == [(1, len(story)), (len(story) + 3, len(lines))]


def test_dash_items_continue_a_story_only_after_a_colon_or_another_item() -> None:
    dashes = [item.replace("•", "-") for item in ITEMS]
    story = ["Halvik bridge opens", "", BRIDGE[0], "", "The agency set these tolls:", ""]
    lines = [*story, *dashes, "", "", *titled(("Cellist wins Vienna prize", ORCHESTRA))]
    assert spans(lines)[0] == (1, len(story) + len(dashes))


def test_a_lead_opening_with_a_star_after_a_finished_story_is_no_list_item() -> None:
    assert spans([*BRIDGE, f"* {ORCHESTRA[0]}", *ORCHESTRA[1:]]) == [(1, 5), (6, 8)]


PULL_QUOTE = '"The old pier has carried its last car," the harbour master said.'


def test_a_pull_quote_is_audited_and_left_out_of_the_story() -> None:
    quote = "The old pier has carried its last car."
    lines = ["Halvik bridge opens", "", BRIDGE[0], "", PULL_QUOTE, "", f'"{quote}"', "", BRIDGE[1]]
    result = segment(make_dump(lines))
    assert [(s.first, s.last) for s in result.spans] == [(1, 9)]
    assert [(e.ref.first, e.reason) for e in result.audit] == [
        (7, f"repeats the story's own words: {lines[6]!r}")
    ]
    (story,) = (extract(s) for s in result.spans)
    assert story.paragraphs == (BRIDGE[0], PULL_QUOTE, BRIDGE[1])


def test_a_quote_paragraph_that_a_later_one_repeats_stays() -> None:
    # the quotation with its speaker is the story's own paragraph, not a pull quote: a later
    # paragraph may repeat the words (`She said it again ...`)
    said = '"The old pier has carried its last car," the harbour master said.'
    again = f"At the opening she said it once more: {said[:-1]}, to applause."
    lines = ["Halvik bridge opens", "", BRIDGE[0], "", said, "", BRIDGE[1], "", again]
    result = segment(make_dump(lines))
    assert result.audit == ()
    (story,) = (extract(s) for s in result.spans)
    assert story.paragraphs == (BRIDGE[0], said, BRIDGE[1], again)


def test_a_paragraph_pasted_twice_keeps_its_first_copy() -> None:
    result = segment(make_dump([*BRIDGE[:2], BRIDGE[0], *BRIDGE[3:]]))
    assert [e.ref.first for e in result.audit] == [3]
    (story,) = (extract(s) for s in result.spans)
    assert story.paragraphs == (BRIDGE[0], BRIDGE[1], *BRIDGE[3:])


def test_a_short_line_said_twice_stays() -> None:
    lines = [
        BRIDGE[0],
        "The mayor declined to comment.",
        BRIDGE[1],
        "The mayor declined to comment.",
    ]
    assert segment(make_dump(lines)).audit == ()


def test_a_question_headline_opens_its_story() -> None:
    lines = ["Can Halvik keep its ferries?", "", "By Lin Wen / Staff reporter", "", *BRIDGE]
    assert classify_lines(lines)[0] is Kind.TITLE
    assert spans(lines) == [(1, len(lines))]
    # between titled stories, two blank lines before it
    lines = titled(("Halvik bridge opens", BRIDGE), ("Will the cellist play Oslo next?", ORCHESTRA))
    second = lines.index("Will the cellist play Oslo next?") + 1
    assert spans(lines)[1] == (second, len(lines))


@pytest.mark.parametrize(
    "question", ["So what should Halvik do now?", '"Why close the pier now?"', "It worked!"]
)
def test_a_question_inside_a_story_stays_a_paragraph(question: str) -> None:
    lines = ["Halvik bridge opens", "", BRIDGE[0], "", question, "", BRIDGE[1], "", BRIDGE[3]]
    assert classify_lines(lines)[4] is Kind.PARAGRAPH
    assert spans(lines) == [(1, len(lines))]


def test_a_headline_right_above_its_byline_opens_its_story() -> None:
    lines = [*BRIDGE, "", "Cellist wins Vienna prize", "By Ana Ruiz / Staff reporter", *ORCHESTRA]
    assert classify_lines(lines)[6] is Kind.TITLE
    assert spans(lines) == [(1, 5), (7, len(lines))]
    (_, cellist) = (extract(s) for s in segment(make_dump(lines)).spans)
    assert (cellist.title, cellist.byline) == ("Cellist wins Vienna prize", lines[7])
    # packed under a paragraph, the line may as well close the story before
    assert classify_lines([*BRIDGE, *lines[6:]])[5] is Kind.PARAGRAPH


@pytest.mark.parametrize("chrome", ["Home | News | Taiwan | Business", "Advertisement", "Facebook"])
def test_a_headline_under_page_chrome_heads_its_story(chrome: str) -> None:
    # scraped pages put the next headline under a menu, an ad line or a share button as
    # often as under a blank line: the headline is not a story of its own
    lines = [*BRIDGE, chrome, "Cellist wins Vienna prize", "By Ana Ruiz / Staff reporter"]
    lines += ORCHESTRA
    assert classify_lines(lines)[6] is Kind.TITLE
    result = segment(make_dump(lines))
    assert [(s.first, s.last) for s in result.spans] == [(1, 5), (7, len(lines))]
    assert [e.ref.first for e in result.audit] == [6]
    cellist = extract(result.spans[1])
    assert (cellist.title, cellist.byline) == ("Cellist wins Vienna prize", lines[7])


def test_a_headline_pasted_right_above_its_lead_is_the_title() -> None:
    lines = ["Halvik bridge opens to traffic after six years", *BRIDGE]
    assert classify_lines(lines)[0] is Kind.TITLE
    (story,) = (extract(s) for s in segment(make_dump(lines)).spans)
    assert (story.title, story.paragraphs[0]) == (lines[0], BRIDGE[0])
    # after a blank line too, where the story before has ended
    after = [*ORCHESTRA, "", *lines]
    assert classify_lines(after)[len(ORCHESTRA) + 1] is Kind.TITLE
    assert spans(after) == [(1, 3), (5, len(after))]


def test_a_headline_pasted_above_a_short_lead_is_the_title() -> None:
    # a wire lead of 15-24 words is a story's full lead too; the headline keeps every word
    lead = (
        "The Harbor Line ferry between Port Wells and Gull Island resumed service yesterday "
        "after a long pause."
    )
    headline = "Harbor Line ferry resumes service to Gull Island after storm pause, operator says"
    lines = [headline, lead, "The operator said the repaired pier passed its inspection."]
    assert classify_lines(lines)[0] is Kind.TITLE
    (story,) = (extract(s) for s in segment(make_dump(lines)).spans)
    assert (story.title, story.paragraphs[0]) == (headline, lead)


def test_a_headline_after_read_more_is_no_link_title() -> None:
    # `Read more` closes a teaser; the next story's headline, right above its full lead, is
    # not a link of a related-stories list: the chrome line opens its block, as a blank would
    lines = [*ORCHESTRA[:2], "Read more", "Halvik bridge opens to traffic after six years", *BRIDGE]
    assert classify_lines(lines)[3] is Kind.TITLE
    result = segment(make_dump(lines))
    assert [(s.first, s.last) for s in result.spans] == [(1, 2), (4, len(lines))]
    assert [e.ref.first for e in result.audit] == [3]
    assert extract(result.spans[1]).title == lines[3]


def test_a_short_line_above_a_short_one_or_under_a_paragraph_is_no_headline() -> None:
    # a caption's first half, a teaser cut short: what follows is no story's full lead
    assert classify_lines(["Halvik bridge opens to", "Drivers cheered.", *BRIDGE])[0] is not (
        Kind.TITLE
    )
    # packed under a paragraph, it may close the story before (as above a byline)
    packed = [*ORCHESTRA, "Halvik bridge opens to traffic after six years", *BRIDGE]
    assert classify_lines(packed)[len(ORCHESTRA)] is Kind.PARAGRAPH


def test_a_numeric_timestamp_under_the_headline_dates_the_story() -> None:
    lines = ["Halvik bridge opens", "", "11/12/2025 08:15 PM", "", *BRIDGE]
    dump = make_dump(lines)
    dump = replace(dump, meta=replace(dump.meta, date=dt.date(2025, 11, 13)))
    result = segment(dump)
    assert [(s.first, s.last) for s in result.spans] == [(1, len(lines))]
    (story,) = (extract(s) for s in result.spans)
    assert (story.title, story.date) == ("Halvik bridge opens", dt.date(2025, 11, 12))
    assert story.paragraphs[0] == BRIDGE[0]


def test_a_bracketed_byline_under_the_story_signs_it_off() -> None:
    lines = [*BRIDGE, "", "(By Lin Wen and Ana Ruiz)", "", *ORCHESTRA]
    result = segment(make_dump(lines))
    assert [(s.first, s.last) for s in result.spans] == [(1, 7), (9, 11)]
    bridge = extract(result.spans[0])
    assert (bridge.byline, bridge.paragraphs[-1]) == ("(By Lin Wen and Ana Ruiz)", BRIDGE[-1])


def test_a_bracketed_byline_with_the_end_mark_on_its_line_signs_the_story_off() -> None:
    # pasted as one line, CNA's sign-off and end mark are still no story of their own
    lines = [*BRIDGE, "(By Lin Wen) Enditem/ls", "", *ORCHESTRA]
    result = segment(make_dump(lines))
    assert [(s.first, s.last) for s in result.spans] == [(1, 6), (8, 10)]
    assert extract(result.spans[0]).byline == "(By Lin Wen)"


@pytest.mark.parametrize("mark", ["Enditem/AW", "ENDITEM/ls/CM"])
def test_cna_s_end_mark_is_audited(mark: str) -> None:
    result = segment(make_dump([*BRIDGE, mark, "", "Cellist wins Vienna prize", "", *ORCHESTRA]))
    assert [(s.first, s.last) for s in result.spans] == [(1, 5), (8, 12)]
    assert [e.reason for e in result.audit] == [f"site boilerplate, not a story: {mark!r}"]


FIRE = [
    "Fire drill held at Halvik City Hall",
    "By Lin Wen / Staff reporter",
    *BRIDGE[:2],
]


@pytest.mark.parametrize("at", [0, 1], ids=["above the headline", "under the headline"])
def test_a_date_line_by_the_headline_dates_its_story_and_keeps_it_whole(at: int) -> None:
    # the date goes with the line after it: the headline, or the byline under it
    lines = [*FIRE[:at], "Sat, Aug 02, 2025", *FIRE[at:]]
    dump = make_dump(lines)
    dump = replace(dump, meta=replace(dump.meta, date=dt.date(2025, 8, 1)))
    result = segment(dump)
    assert [(s.first, s.last) for s in result.spans] == [(1, len(lines))]
    (story,) = (extract(s) for s in result.spans)
    assert (story.title, story.date, story.byline) == (FIRE[0], dt.date(2025, 8, 2), FIRE[1])
    assert story.paragraphs == tuple(BRIDGE[:2])


def test_a_date_line_under_a_headline_pasted_over_its_lead_keeps_the_headline() -> None:
    lines = [FIRE[0], "Sat, Aug 02, 2025", *BRIDGE[:2]]
    (story,) = (extract(s) for s in segment(make_dump(lines)).spans)
    assert (story.title, story.date) == (FIRE[0], dt.date(2025, 8, 2))


def test_a_date_line_under_a_paragraph_does_not_make_the_next_line_a_headline() -> None:
    # packed under a story, the short line after the date may still be that story's last
    lines = [*ORCHESTRA, "2025-08-02", "Stock market data", *BRIDGE]
    assert classify_lines(lines)[len(ORCHESTRA) + 1] is Kind.PARAGRAPH


@pytest.mark.parametrize(
    "chrome",
    [
        ["Share this article", "Facebook", "Twitter", "LINE"],
        ["Facebook", "Twitter"],
        ["Previous", "1", "2", "3", "Next »"],
        ["Facebook", "", "Twitter", "", "LINE"],
    ],
    ids=["share buttons", "buttons alone", "pagination", "buttons apart"],
)
def test_a_word_or_two_under_a_story_is_chrome_not_a_story_or_its_text(chrome: list[str]) -> None:
    lines = ["Halvik bridge opens to traffic after six years", *BRIDGE, *chrome]
    result = segment(make_dump(lines))
    assert [(s.first, s.last) for s in result.spans] == [(1, len(BRIDGE) + 1)]
    audited = [n for n, line in enumerate(lines, start=1) if line in chrome and line]
    assert [e.ref.first for e in result.audit] == audited
    assert all(e.reason.startswith("site boilerplate, not a story:") for e in result.audit)
    (story,) = (extract(s) for s in result.spans)
    assert story.paragraphs == (*BRIDGE[:2], *BRIDGE[3:])


def test_a_dump_of_single_words_makes_no_article() -> None:
    words = [f"Word{n}" if n % 3 else str(n) for n in range(200)]
    result = segment(make_dump(words))
    assert result.spans == ()
    assert [e.reason for e in result.audit] == [
        f"site boilerplate, not a story: {word!r}" for word in words
    ]


@pytest.mark.parametrize(
    "lines, at, kind",
    [
        (["Halvik", *BRIDGE], 0, Kind.TITLE),  # a dateline over the lead, as before
        ([*ORCHESTRA, "Halvik", *BRIDGE], 3, Kind.PARAGRAPH),
        (["Halvik bridge opens", "HALVIK", *BRIDGE], 1, Kind.PARAGRAPH),
        (["Bridge opens", "", *BRIDGE], 0, Kind.TITLE),
        (["Bridge opens", *BRIDGE], 0, Kind.TITLE),
        (["Halvik bridge opens", "By AFP", *BRIDGE], 1, Kind.BYLINE),
        ([*BRIDGE[:2], "Photo: CNA"], 2, Kind.CREDIT),
        (["颱風來襲", "", "中央氣象署今天發布海上颱風警報。"], 0, Kind.TITLE),
        ([*BRIDGE, "台北", "中央氣象署今天發布海上颱風警報。"], 5, Kind.PARAGRAPH),
        ([*BRIDGE, "台北市舉行防災演習"], 5, Kind.PARAGRAPH),
        ([*BRIDGE, "On Friday,"], 5, Kind.PARAGRAPH),  # a story cut off, not chrome
        # a kicker alone over the headline was an article of one word: chrome is no worse
        (["ANALYSIS", "Halvik bridge opens", "", *BRIDGE], 0, Kind.BOILERPLATE),
    ],
    ids=[
        "dateline first",
        "dateline packed",
        "dateline under headline",
        "short headline",
        "short headline packed",
        "byline",
        "credit",
        "CJK headline",
        "CJK dateline",
        "CJK line",
        "sentence cut off",
        "kicker over a headline",
    ],
)
def test_short_lines_that_head_or_sign_story_text_keep_their_kind(
    lines: list[str], at: int, kind: Kind
) -> None:
    assert classify_lines(lines)[at] is kind


def test_a_word_or_two_closing_a_story_above_the_next_lead_is_audited() -> None:
    # Read alone, the story ends on `Facebook`, which extract leaves out as chrome; the dump
    # read it as a paragraph, the next lead under it. Its text was then shown nowhere and
    # listed nowhere.
    lines = [*ORCHESTRA, "Facebook", *BRIDGE]
    result = segment(make_dump(lines))
    shown = " ".join(p for s in result.spans for p in extract(s).paragraphs)
    assert "Facebook" not in shown
    assert [(e.ref.first, e.reason) for e in result.audit] == [
        (len(ORCHESTRA) + 1, "site boilerplate, not a story: 'Facebook'")
    ]


@pytest.mark.parametrize("chrome", ["Advertisement", "Facebook"])
def test_a_subheading_under_chrome_inside_a_story_heads_no_story(chrome: str) -> None:
    # an ad slot or a share button stands inside a story too: the subheading under it, over
    # the story's next paragraph, is no headline (a byline under it would make it one)
    lines = [
        "Taipei metro fares will rise by five percent in April, the Taipei metro company said "
        "on Monday, citing higher power and staff costs.",
        "The Taipei metro company said the fare rise was the first in ten years and that "
        "monthly metro passes would not change.",
        "Taipei metro officials said power costs for the metro had doubled since 2020 and staff "
        "costs had risen by a fifth in the same period.",
        chrome,
        "Passengers react to the fare rise",
        "Many Taipei metro passengers said the metro fare rise was small but that the metro was "
        "already crowded at peak hours every day.",
        "Taipei metro passengers also asked the metro company to add trains at peak hours after "
        "the fare rise in April.",
        "The Taipei metro company said it would add metro trains at peak hours after the fare "
        "rise takes effect in April.",
    ]
    assert classify_lines(lines)[4] is Kind.PARAGRAPH
    result = segment(make_dump(lines))
    assert [(s.first, s.last) for s in result.spans] == [(1, len(lines))]
