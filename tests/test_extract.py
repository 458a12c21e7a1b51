"""Extract: titles, kicker and deck, datelines, bylines, credits, summary, truncation."""

from __future__ import annotations

import pytest

from generator.extract import (
    DECK_MAX_CHARS,
    article_id,
    extract,
)
from generator.model import Span, TitleSource
from generator.text import SUMMARY_MAX, sentences
from tests.segment_fixtures import BRIDGE, TEASERS, VACCINE, make_dump


def article(lines: list[str]):
    dump = make_dump(lines)
    return extract(Span(dump=dump, first=1, last=len(lines)))


def test_credit_leaves_the_body_and_is_recorded() -> None:
    bridge = article(BRIDGE)
    assert bridge.photo_credits == ("AFP",)
    assert len(bridge.paragraphs) == 4


def test_caption_with_credit_is_not_a_paragraph() -> None:
    bridge = article([BRIDGE[0], "Cars queue at the old pier. Photo: CNA", BRIDGE[1]])
    assert bridge.photo_credits == ("CNA",)
    assert bridge.paragraphs == (BRIDGE[0], BRIDGE[1])


def test_a_caption_ending_in_a_quote_gives_its_credit() -> None:
    # the credit was cut after the full stop, so the closing quote was read as part of it
    bridge = article([BRIDGE[0], "Lai said he was “very pleased.” Photo: CNA", BRIDGE[1]])
    assert bridge.photo_credits == ("CNA",)
    assert bridge.paragraphs == (BRIDGE[0], BRIDGE[1])


def test_kicker_deck_and_body_are_split() -> None:
    rail = article([TEASERS[0]])
    assert rail.kicker == "RAIL STRIKE"
    assert rail.deck == "Unions call a national walkout over pensions"
    assert rail.paragraphs[0].startswith("Train drivers across the country")
    assert rail.title == "Unions call national walkout over pensions"
    assert rail.title_source is TitleSource.DECK


@pytest.mark.parametrize(
    "line",
    [
        "RAIL STRIKE: Train drivers to walk out over Lunar New Year",
        "QUAKE: Magnitude 6.1 quake jolts Hualien",
    ],
)
def test_a_name_that_ends_a_kicker_line_stays_in_its_title(line: str) -> None:
    # The deck runs into a lead at a capitalised word; a name of a word or two is no lead.
    story = article([line])
    rest = line.split(": ", 1)[1]
    assert (story.title, story.paragraphs, story.summary) == (rest, (rest,), rest)


def test_headline_line_is_the_title() -> None:
    bridge = article(["Halvik bridge opens", "", *BRIDGE])
    assert (bridge.title, bridge.title_source) == ("Halvik bridge opens", TitleSource.LINE)
    assert bridge.paragraphs[0] == BRIDGE[0]


def test_dateline_and_byline_leave_the_body() -> None:
    lines = ["By Lin Wen / Staff reporter", f"HALVIK, March 3 — {BRIDGE[0]}", BRIDGE[1]]
    bridge = article(lines)
    assert bridge.byline == "By Lin Wen / Staff reporter"
    assert bridge.dateline == "HALVIK, March 3"
    assert bridge.paragraphs[0] == BRIDGE[0]


def test_additional_reporting_is_kept_with_the_byline() -> None:
    vaccine = article(VACCINE)
    assert vaccine.byline == "Additional reporting by Reuters"
    assert not vaccine.truncated
    assert len(vaccine.paragraphs) == 2


def test_teaser_is_truncated_and_full_text_is_not() -> None:
    assert article([TEASERS[1]]).truncated
    assert not article(BRIDGE).truncated


def test_summary_is_the_lead_sentence() -> None:
    assert article(BRIDGE).summary == BRIDGE[0]


def test_a_lead_with_no_sentence_break_gives_a_summary_cut_at_a_word() -> None:
    pasted = "The harbour board said on Monday that " + "crews, tugs and pilots " * 200
    summary = article([pasted]).summary
    assert len(summary) <= SUMMARY_MAX
    assert summary.endswith("…")
    assert pasted.startswith(summary[:-1])
    assert summary[:-1].split()[-1] in {"crews", "tugs", "and", "pilots"}


def test_deck_ends_before_a_full_name_not_at_a_place_inside_it() -> None:
    line = (
        "HARBOUR TALKS: Mayor vows to defend Halvik ferry jobs at rally Mayor Erik Lund "
        "yesterday said the city would retrain every ferry worker, and the union welcomed it."
    )
    story = article([line])
    assert story.deck == "Mayor vows to defend Halvik ferry jobs at rally"
    assert story.paragraphs[0].startswith("Mayor Erik Lund yesterday said")


def test_the_id_depends_on_the_first_thirty_words_not_on_paragraph_breaks() -> None:
    words = [f"word{n}" for n in range(40)]
    whole = (" ".join(words),)
    broken = (" ".join(words[:3]), " ".join(words[3:29]), " ".join(words[29:]))
    changed_tail = (" ".join(words[:30]), "Something else entirely.")
    assert article_id(broken) == article_id(whole) == article_id(changed_tail)
    assert article_id((" ".join(words[1:]),)) != article_id(whole)


def test_a_credit_word_run_into_by_is_no_credit_and_no_crash() -> None:
    bridge = article([BRIDGE[0], "Crews worked through the night on Tuesday. Photoby: CNA"])
    assert bridge.photo_credits == ()
    assert bridge.paragraphs[-1].endswith("Photoby: CNA")


def test_a_kicker_on_the_headline_line_leaves_the_title() -> None:
    story = article(["OPINION: Halvik needs a second bridge", "", *BRIDGE])
    assert (story.kicker, story.title) == ("OPINION", "Halvik needs a second bridge")
    assert story.title_source is TitleSource.LINE
    story = article(["HARBOUR TALKS: Ferry union meets mayor", "", *BRIDGE])
    assert (story.kicker, story.title) == ("HARBOUR TALKS", "Ferry union meets mayor")
    story = article(["Live: Storm Elin reaches Halvik", "", *BRIDGE])
    assert (story.kicker, story.title) == ("Live", "Storm Elin reaches Halvik")
    # a title-case word that names no kind of story stays in the title
    story = article(["Halvik: Ferry union meets mayor", "", *BRIDGE])
    assert (story.kicker, story.title) == (None, "Halvik: Ferry union meets mayor")


def test_a_deck_closed_by_its_attribution_ends_there_not_inside_the_name() -> None:
    line = (
        "FREE LUNCH: Every Halvik school will serve free lunches from autumn, Mayor Erik Lund "
        "said The city will spend 40 million kronor a year on the meals, officials said."
    )
    story = article([line])
    assert (
        story.deck
        == "Every Halvik school will serve free lunches from autumn, Mayor Erik Lund said"
    )
    assert story.paragraphs[0].startswith("The city will spend 40 million kronor")


@pytest.mark.parametrize(
    "headline",
    [
        "WSJ: Halvik bridge cost doubled",
        "NTSB: pilots missed the warning",
        "US: Halvik bridge wins",
    ],
)
def test_a_source_before_a_colon_stays_in_the_headline(headline: str) -> None:
    story = article([headline, "", *BRIDGE])
    assert (story.kicker, story.title) == (None, headline)


def test_a_credit_without_a_colon_leaves_the_body() -> None:
    story = article([*BRIDGE[:2], "Photo courtesy of Halvik Ferry Museum"])
    assert story.paragraphs == tuple(BRIDGE[:2])
    assert story.photo_credits == ("Halvik Ferry Museum",)
    assert not story.truncated


def test_an_owner_credit_under_a_paragraph_leaves_the_body() -> None:
    story = article([BRIDGE[0], "Halvik Post photo Nov. 12, 2025", BRIDGE[1]])
    assert story.paragraphs == (BRIDGE[0], BRIDGE[1])
    assert story.photo_credits == ("Halvik Post",)


@pytest.mark.parametrize(
    "lead",
    [
        "NATO-led forces entered the town of Musa Qala on Friday, officials said.",
        "A CH-46 Sea Knight helicopter crashed north of Baghdad, killing seven.",
        "UN-backed talks resumed in Geneva yesterday after a week's pause.",
    ],
)
def test_a_capitalised_word_joined_by_a_hyphen_is_no_dateline(lead: str) -> None:
    # read as `NATO —`, it made the title "Led forces enter ..." and the body "NATO — led"
    story = article([lead])
    assert (story.dateline, story.paragraphs) == (None, (lead,))


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("HALVIK - The ferry stopped for good.", "HALVIK"),
        ("HALVIK (AP) -- The ferry stopped for good.", "HALVIK (AP)"),
        ("HALVIK—The ferry stopped for good.", "HALVIK"),
    ],
)
def test_a_dateline_s_dash_may_be_a_spaced_hyphen_or_two(line: str, dateline: str) -> None:
    story = article([line])
    assert (story.dateline, story.paragraphs) == (dateline, ("The ferry stopped for good.",))


def test_cna_s_dateline_leaves_the_lead() -> None:
    story = article([f"Halvik, Nov. 12 (CNA) {BRIDGE[0]}", BRIDGE[1]])
    assert story.dateline == "Halvik, Nov. 12 (CNA)"
    assert story.paragraphs[0] == BRIDGE[0]
    # a lead that opens with a place and a date is no dateline without the agency
    lead = "Halvik, March 3 is the day the ferry stopped for good, the council said."
    assert article([lead]).dateline is None


def test_a_deck_is_looked_for_only_near_the_kicker() -> None:
    # Each place a deck might end was checked against all the text before it: a pasted line
    # of 600,000 characters behind a kicker took twelve minutes. Past DECK_MAX_CHARS the
    # line is body text, and no deck ends there.
    filler = "the council met again and talked for hours " * (DECK_MAX_CHARS // 40)
    line = f"CITY HALL: {filler}about it, said Mayor Jane Doe of the city of Halvik today."
    story = article([line])
    assert story.kicker == "CITY HALL"
    assert story.deck is None
    assert story.paragraphs == (line.split(": ", 1)[1],)


def test_a_full_stop_after_a_long_run_of_initials_still_ends_its_sentence() -> None:
    # The word a full stop ends is read from a window before it, not from the whole
    # sentence so far (quadratic on `A. A. A. ...`): initials join, a word ends.
    text = "A. " * 500 + "Smith arrived. Then he left."
    assert sentences(text) == [("A. " * 500 + "Smith arrived.").strip(), "Then he left."]


@pytest.mark.parametrize(
    ("line", "lead"),
    [
        (
            "DEADLY BLAZE: The roof of Notre Dame cathedral in Paris caught fire yesterday and "
            "the spire collapsed, officials said, as hundreds of firefighters fought the",
            "The roof of Notre Dame cathedral",
        ),
        (
            "PATENT SUIT: A lawsuit filed with both the United States District Court in "
            "Delaware and a trade commission claims twenty patent infringements by the",
            "A lawsuit filed with both",
        ),
    ],
)
def test_a_kicker_over_a_lead_is_not_split_inside_a_capitalised_name(line: str, lead: str) -> None:
    # `Notre Dame`, `United States`: the deck ends after a lower-case word, never inside a
    # name whose first word happens to end in a lower-case letter.
    story = article([line])
    assert story.deck is None
    assert story.paragraphs[0].startswith(lead)


def test_a_deck_holds_no_sentence_end() -> None:
    # a deck is one unpunctuated line: text past a full stop is already the lead
    line = (
        "SPY CASE: A government official convicted of working for a foreign power has been "
        "executed, officials said on Monday. The prisoner's name was Tong Daning and he "
        "held a rank just under assistant minister before he was found"
    )
    story = article([line])
    assert story.deck is None
    assert story.paragraphs[0].startswith("A government official convicted")


def test_a_deck_ending_on_a_name_ends_where_an_article_opens_the_lead() -> None:
    # the deck may end on a place (`in Taipei`): the lead's `The` shows the name is whole
    line = (
        "FOOD SAFETY: Night market vendors told to label ingredients clearly in Taipei The "
        "Taipei City Government on Monday ordered night market vendors to label every dish"
    )
    story = article([line])
    assert story.deck == "Night market vendors told to label ingredients clearly in Taipei"
    assert story.paragraphs[0].startswith("The Taipei City Government on Monday")


def test_a_name_before_a_preposition_does_not_end_the_deck() -> None:
    # `After 54 Days` goes on the headline's phrase: only an article opens a lead after a name
    line = (
        "HUNGER STRIKE: Asylum Seeker Ends Hunger Strike After 54 Days in Villawood detention"
        " centre, where he had refused food since the start of the month, officials said on"
        " Monday."
    )
    story = article([line])
    assert not (story.deck or "").endswith("Strike")
