"""Text helpers shared by segment and extract."""

from __future__ import annotations

import datetime as dt

import pytest

from generator import text


@pytest.mark.parametrize(
    "line",
    [
        "The bridge reopens on Friday.",
        'Repairs will take a year, she said." *',
        "The vote is set for March. * * *",
        "Results are due next week. =",
    ],
)
def test_a_finished_sentence_ends_the_line_whatever_divider_marks_follow(line: str) -> None:
    assert text.ends_sentence(line)


@pytest.mark.parametrize(
    "line",
    [
        "The mayor said the bridge would reopen once inspectors had",
        "Engineers rated the deck * safe",
        "* * *",
    ],
)
def test_a_line_cut_off_mid_sentence_does_not_end_one(line: str) -> None:
    assert not text.ends_sentence(line)


@pytest.mark.parametrize(
    ("paragraph", "first"),
    [
        (
            "Dr. Lin Wen opened the clinic. It treats 40 patients a day.",
            "Dr. Lin Wen opened the clinic.",
        ),
        (
            "The U.S. envoy arrived on Monday. Talks begin today.",
            "The U.S. envoy arrived on Monday.",
        ),
        # ranks and titles, also joined by a hyphen, and a saint's name in a place's
        (
            "Maj.-Gen. Andrew Lee said the mission would last years. He spoke in Halvik.",
            "Maj.-Gen. Andrew Lee said the mission would last years.",
        ),
        (
            "Lt. Cmdr. Ana Reis led the patrol. It ended at dawn.",
            "Lt. Cmdr. Ana Reis led the patrol.",
        ),
        ("Hon. Dr. Kim spoke first. Then the vote.", "Hon. Dr. Kim spoke first."),
        (
            "Flights to Minneapolis-St. Paul resumed. Delays remain.",
            "Flights to Minneapolis-St. Paul resumed.",
        ),
        ("A single sentence cut off mid", "A single sentence cut off mid"),
        ("", ""),
    ],
)
def test_first_sentence_is_the_first_of_the_paragraphs_sentences(
    paragraph: str, first: str
) -> None:
    assert text.first_sentence(paragraph) == first
    assert (text.sentences(paragraph) or [paragraph])[0] == first


def test_a_short_paragraph_is_one_block() -> None:
    paragraph = "The harbour reopened on Monday. " * 40
    assert len(paragraph) <= text.LONG_PARAGRAPH
    assert text.reading_blocks(paragraph) == [paragraph]


def _long_story() -> str:
    sentences = [f"Crews cleared berth {n} of the harbour by Friday." for n in range(120)]
    return " ".join(sentences)


def test_a_pasted_article_is_shown_as_blocks_of_whole_sentences() -> None:
    paragraph = _long_story()
    blocks = text.reading_blocks(paragraph)
    assert len(blocks) > 5
    assert " ".join(blocks) == paragraph
    assert all(block.endswith("Friday.") for block in blocks)
    assert max(map(len, blocks)) <= text.BLOCK_TARGET + 60  # one sentence over at most


@pytest.mark.parametrize(
    ("paragraph", "longest_piece"),
    [
        ("a*b_c [x] `y` #z | " * 5000, text.BLOCK_MAX),  # no sentence end at all
        ("x" * 9000, text.BLOCK_MAX),  # no space either: cut anywhere
        ("台灣的港口週一重新開放。" * 600, text.BLOCK_MAX),  # sentences with no space
    ],
)
def test_text_with_no_sentence_breaks_is_still_cut_and_keeps_every_character(
    paragraph: str, longest_piece: int
) -> None:
    blocks = text.reading_blocks(paragraph)
    assert len(blocks) > 2
    assert max(map(len, blocks)) <= longest_piece
    assert "".join("".join(blocks).split()) == "".join(paragraph.split())


def test_chinese_text_is_cut_after_a_full_stop() -> None:
    blocks = text.reading_blocks("台灣的港口週一重新開放。" * 600)
    assert all(block.endswith("。") for block in blocks)


@pytest.mark.parametrize(
    "line, day",
    [
        ("2025-11-03 18:00", "2025-11-03"),
        ("Updated: Nov. 4, 2025 9:30 pm", "2025-11-04"),
        ("Published 3 November 2025", "2025-11-03"),
        ("Tue, Dec 09, 2025 - page 3", "2025-12-09"),
        ("18:42", None),  # a time alone names no day
        ("2025-02-30", None),  # no such day
    ],
)
def test_a_stamp_line_gives_the_day_it_names(line: str, day: str | None) -> None:
    assert text.is_stamp(line)
    assert (str(text.stamp_date(line)) if text.stamp_date(line) else None) == day


@pytest.mark.parametrize("line", ["2012", "May 2025", "The 18:42 train left.", "3.5"])
def test_a_number_in_prose_is_no_stamp(line: str) -> None:
    assert not text.is_stamp(line)


@pytest.mark.parametrize(
    "line, who",
    [
        # without a colon
        ("Photo courtesy of Halvik Ferry Museum", "Halvik Ferry Museum"),
        ("Photo by Ana Ruiz", "Ana Ruiz"),
        ("Photo courtesy of the Ministry of Culture / CNA", "the Ministry of Culture / CNA"),
        # the owner before the word
        ("CNA photo Nov. 12, 2025", "CNA"),
        ("Halvik Post file photo", "Halvik Post"),
        ("AFP photos", "AFP"),
    ],
)
def test_a_credit_line_names_who(line: str, who: str) -> None:
    assert text.is_credit(line)
    assert text.credit_of(line) == who


@pytest.mark.parametrize(
    "line", ["Photos by the agency show the flooded pier.", "Photo by Reuters showed the damage"]
)
def test_a_sentence_about_photos_is_no_credit(line: str) -> None:
    assert not text.is_credit(line)
    assert text.caption_of(f"The pier flooded. {line}") is None


def test_a_day_written_in_numbers_is_read_by_the_dump_s_date() -> None:
    collected = dt.date(2025, 11, 13)
    # US and British order read 11/12 as different days: the one nearer the dump's date
    assert text.stamp_date("11/12/2025 08:15 PM", collected) == dt.date(2025, 11, 12)
    assert text.stamp_date("11/12/2025 08:15 PM", dt.date(2025, 12, 14)) == dt.date(2025, 12, 11)
    assert text.stamp_date("11/12/2025") is None  # no way to tell
    assert text.stamp_date("25/11/2025 10:00") == dt.date(2025, 11, 25)


@pytest.mark.parametrize("line", ["The photo was taken at dawn.", "Halvik photo exhibition opens"])
def test_a_line_about_a_photo_is_no_owner_credit(line: str) -> None:
    assert not text.is_credit(line)
