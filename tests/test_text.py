"""Text helpers shared by segment and extract."""

from __future__ import annotations

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
        ("A single sentence cut off mid", "A single sentence cut off mid"),
        ("", ""),
    ],
)
def test_first_sentence_is_the_first_of_the_paragraphs_sentences(
    paragraph: str, first: str
) -> None:
    assert text.first_sentence(paragraph) == first
    assert (text.sentences(paragraph) or [paragraph])[0] == first
