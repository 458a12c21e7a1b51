"""Line kinds: what each dump line is, judged from the line and the blank lines around it.

In: the dump's lines. Out: one `Kind` per line. Segment reads stories from these kinds and extract
uses them to take headlines, credits and bylines out of the body; neither re-derives them.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from enum import StrEnum

from generator import text

CAPTION_MAX_WORDS = 40
"""A photo caption runs a sentence or two; a longer line that ends with a credit is a story
paragraph the page's credit was glued to (extract keeps its text and takes the credit)."""
QUESTION_TITLE_MAX_WORDS = 14
"""A line ending in `?` or `!` no longer than this may be a headline (news headlines run 6 to
14 words), if it stands where headlines stand."""
TEASER_MIN_WORDS = 21
"""A line cut off mid-sentence this long is a teaser; shorter ones before a blank line are
headlines (news headlines run under 20 words)."""

_BYLINE = re.compile(
    r"^(?:By\s+[A-Z][^.!?]{1,80}|[A-Z][^.!?]{1,60}/\s*(?:Staff|Special)\s+"
    r"(?:reporter|writer|correspondent)s?(?:,?\s+with\s+.{1,60})?)$"
)
_REPORTING = re.compile(r"^(?:-\s*)?Additional reporting by\s+.{1,80}$", re.IGNORECASE)
_END_MARK = r"[Ee][Nn][Dd][Ii][Tt][Ee][Mm](?:\s*/\s*[\w/]{1,20})?"
"""CNA's end mark with its editor's initials (`Enditem/AW`, `ENDITEM/ls/CM`)."""
_NAMES = r"[A-Z][\w.'’\-]*(?:,?\s+(?:[A-Z][\w.'’\-]*|and|in|from|de|da|van|von|bin|al))*"
"""A list of capitalised names (`Ben Blanchard and Faith Hung`, `Liz Lee in Beijing`)."""
_SIGN_OFF = re.compile(
    rf"^\(?(?:(?:Additional\s+)?[Rr]eporting|Writing|Editing|Compiled)\s+by\s+{_NAMES}"
    rf"(?:;\s*(?:(?:Additional\s+)?[Rr]eporting|[Ww]riting|[Ee]diting)\s+by\s+{_NAMES})*\)?$"
    rf"|^{_NAMES}\s+contributed\s+(?:reporting|to\s+this\s+(?:report|story|article))"
    rf"(?:\s+from\s+{_NAMES})?\.?$"
    rf"|^\(By\s+{_NAMES}\)(?:\s*{_END_MARK})?$"
)
"""A wire story's sign-off (`Reporting by ...; Editing by ...`, `X contributed reporting.`,
`(By Lin Chang-shun and Ko Lin)` under a CNA story, its end mark pasted on the same line or
not): who made the story, not a paragraph of it. Names only, so a sentence that opens
`Reporting by the BBC showed ...` stays prose."""
_TRAILING_END_MARK = re.compile(rf"\s*{_END_MARK}$")
_BOILERPLATE = frozenset(text.data_table("boilerplate.txt"))
_LINK_ONLY = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
"""A line that is a web address alone: the page's share or source link, no story text."""
_CHROME = re.compile(
    r"^(?:share (?:on|via|to|with) \S.{0,20}"
    r"|(?:we|this (?:web)?site|our (?:web)?site) uses? cookies\b.{0,200}"
    r"|(?:©|\(c\)|copyright(?: ©)?) ?\d{4}\b.{0,80}"
    r"|(?:sign up|subscribe)(?: now)? (?:for|to) (?:our|the) [\w ]{0,30}"
    r"(?:newsletter|briefing|digest|alerts?|updates)"
    rf"|{_END_MARK})$",
    re.IGNORECASE,
)
"""Page chrome whose wording varies: share buttons, the cookie banner, the copyright footer,
a newsletter prompt, CNA's end mark with its editor's initials (`Enditem/AW`)."""
MENU_MIN_ITEMS = 3
MENU_ITEM_MAX_WORDS = 3
"""`Home | News | Politics | Sport`: a line of three or more short items between bars is a
menu or a footer's links."""
LIST_HEADINGS = frozenset(
    "related|related stories|related news|related articles|more stories|most read|most popular|"
    "most viewed|you may also like|recommended|read next|read more|trending|top stories".split("|")
)
"""Boilerplate lines that head a list of links to other pages: the short, unpunctuated lines
packed under one are those links' titles, not stories of this page."""
STRAY_MAX_WORDS = 2
"""A line of a word or two with no sentence in it is no story and no story's paragraph: where
it heads no text (a headline, a dateline or a kicker over a paragraph) it is the page's chrome,
as share buttons (`Facebook`, `LINE`) and pagination (`2`, `Next »`) are."""
UNSPACED_CHARS_PER_WORD = 2
"""Chinese and Japanese put no space between words, which run one to three characters: a run
of them counts as a word for every two characters, so `分享` is one word, `下一頁` two."""
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Kana and CJK ideographs."""
_CUT_MID_SENTENCE = (",", ";", "，", "、")
"""How a line cut off inside a sentence ends: what it holds is story text, however short."""


class Kind(StrEnum):
    """What a dump line is, judged from the line and its neighbours alone."""

    BLANK = "blank"
    BOILERPLATE = "boilerplate"
    CREDIT = "credit"
    REPORTING = "reporting"
    BYLINE = "byline"
    STAMP = "stamp"
    """A date or time alone: it heads the story or update after it (`2025-11-03 18:00`)."""
    TITLE = "title"
    TEASER = "teaser"
    PARAGRAPH = "paragraph"


PROSE = frozenset({Kind.PARAGRAPH, Kind.TEASER})
"""The kinds of line that are a story's own text (segment compares them, extract keeps them)."""
_HEADED = frozenset({Kind.BYLINE, Kind.STAMP})
"""Lines that stand under a headline: a question above one is a headline."""


def classify_lines(lines: Sequence[str]) -> list[Kind]:
    """The kind of every line, from the line itself and whether blank lines surround it."""
    kinds = [_kind(lines, i) for i in range(len(lines))]
    _mark_link_lists(lines, kinds)
    return kinds


def _mark_link_lists(lines: Sequence[str], kinds: list[Kind]) -> None:
    """The link titles packed under a `Related Stories` heading are boilerplate too.

    Only short unpunctuated lines (`_own_kind` None) read as PARAGRAPH count: a headline
    (a blank line and a story after it, or a full lead right under it: `Read more` closes a
    teaser, and the next story's headline may follow it), a sentence or a teaser ends the list."""
    for i, kind in enumerate(kinds):
        if kind is not Kind.BOILERPLATE or _key(lines[i]) not in LIST_HEADINGS:
            continue
        j = i + 1
        while (
            j < len(lines)
            and _own_kind(lines[j].strip()) is None
            # a link title of a word or two is chrome already: the list goes on past it
            and (kinds[j] is Kind.BOILERPLATE or kinds[j] is Kind.PARAGRAPH)
            and not _above_full_lead(lines, j)
        ):
            kinds[j] = Kind.BOILERPLATE
            j += 1


def _key(line: str) -> str:
    """How boilerplate.txt spells a line: lower-cased, no trailing punctuation."""
    return line.strip().lower().rstrip(" .:!")


def _menu(line: str) -> bool:
    """Three or more short items between bars (`Privacy Policy | Terms of Use | Contact Us`)."""
    if line.count("|") < MENU_MIN_ITEMS - 1:
        return False
    items = [item.strip() for item in line.split("|")]
    return all(
        item
        and len(item.split()) <= MENU_ITEM_MAX_WORDS
        and not text.ends_sentence(item)
        and not any(c.isdigit() for c in item)  # a table's row is story text
        for item in items
    )


def _kind(lines: Sequence[str], i: int) -> Kind:
    kind = _own_kind(lines[i].strip())
    if kind is not None:
        return kind
    if _title_like(lines, i) and not _title_like(lines, _next_text(lines, i)):
        # a story's last paragraph cut short looks like a headline, but then the real
        # headline of the next story follows it
        return Kind.TITLE
    if _above_byline(lines, i) or _above_its_text(lines, i):
        return Kind.TITLE
    if _stray_words(lines, i):
        return Kind.BOILERPLATE
    return Kind.PARAGRAPH


def _stray_words(lines: Sequence[str], i: int) -> bool:
    """A word or two with no sentence in it (see `STRAY_MAX_WORDS`), heading no paragraph.

    Only for a line whose kind its neighbours tell (`_own_kind` None) and that is no headline:
    a short headline is told apart by the blank line and the text under it."""
    line = lines[i].strip()
    if _own_kind(line) is not None or not few_words(line):
        return False
    below = _past_stamps(lines, i + 1)
    return below >= len(lines) or not _story_text(lines[below].strip())


def _story_text(line: str) -> bool:
    """A paragraph: a sentence or a teaser, or a line of Chinese or Japanese longer than a
    word or two (`text.ends_sentence` reads no sentence end of theirs)."""
    kind = _own_kind(line)
    if kind is None:
        return _UNSPACED.search(line) is not None and not few_words(line)
    return kind in PROSE


def few_words(line: str) -> bool:
    """One word or two (see `UNSPACED_CHARS_PER_WORD`), and no sentence in the line: none
    ends in it, nor is one cut off after its first words (`On Friday,`)."""
    if text.ends_sentence(line) or line.endswith(_CUT_MID_SENTENCE):
        return False
    found = text.first_words(line, STRAY_MAX_WORDS + 1)
    count = sum(_word_count(word) for word in found)
    return 0 < count <= STRAY_MAX_WORDS


def _word_count(word: str) -> int:
    """1 for a word of a spaced script; a run of Chinese or Japanese counts its characters
    (and one more for Latin letters or digits glued to it: `iPhone手機`)."""
    unspaced = len(_UNSPACED.findall(word))
    if not unspaced:
        return 1
    glued = 1 if unspaced < len(word) else 0
    return math.ceil(unspaced / UNSPACED_CHARS_PER_WORD) + glued


@functools.lru_cache(maxsize=16384)
def _own_kind(line: str) -> Kind | None:
    """The kind the stripped line has whatever surrounds it; None when only the lines around it
    tell (a headline or a short paragraph). Cached: extract classifies each span's lines again."""
    if not line:
        return Kind.BLANK
    if _key(line) in _BOILERPLATE or _LINK_ONLY.fullmatch(line):
        return Kind.BOILERPLATE
    if _CHROME.match(line) or _menu(line):
        return Kind.BOILERPLATE
    if text.is_credit(line):
        return Kind.CREDIT
    caption = text.caption_of(line)
    if caption is not None:
        if len(text.words(caption)) <= CAPTION_MAX_WORDS:
            return Kind.CREDIT
        line = caption  # a paragraph the page's photo credit was glued to: read as one
    if text.is_stamp(line):
        return Kind.STAMP
    if _REPORTING.match(line) or (_may_sign_off(line) and _SIGN_OFF.match(line)):
        return Kind.REPORTING
    if _BYLINE.match(line):
        return Kind.BYLINE
    if text.ends_sentence(line):
        # a question or an exclamation as short as a headline: the lines around it tell
        return None if _asks_or_exclaims(line) else Kind.PARAGRAPH
    if len(text.words(line)) >= TEASER_MIN_WORDS:
        return Kind.TEASER
    return None


def signed(line: str) -> str:
    """A sign-off or byline line without the end mark pasted after it (`(By Lin Wen)
    Enditem/AW`): the page shows who made the story, not the wire's codes."""
    return _TRAILING_END_MARK.sub("", line)


def _may_sign_off(line: str) -> bool:
    """False where `_SIGN_OFF` cannot match: most lines hold neither of its verbs' words."""
    return "by " in line or "(By " in line or "contributed" in line


def _title_like(lines: Sequence[str], i: int) -> bool:
    """Short, unpunctuated (or a question set apart as headlines are), then a blank line and
    more text."""
    if i >= len(lines):
        return False
    line = lines[i].strip()
    if text.ends_sentence(line) and not (_asks_or_exclaims(line) and _set_apart(lines, i)):
        return False
    return (
        len(text.words(line)) < TEASER_MIN_WORDS
        and not _BYLINE.match(line)
        and not text.is_credit(line)
        and not text.is_stamp(line)
        and _blank_then_text(lines, i)
        # share buttons set apart by blank lines head no story: the text under a headline is
        # more than a word or two
        and not _stray_words(lines, _next_text(lines, i))
    )


def _above_byline(lines: Sequence[str], i: int) -> bool:
    """A short line set apart from the text before it and right above a byline is its
    story's headline, with no blank line under it (`Taipei MRT fares to rise in April` /
    `By Lin Mei-ling / Staff reporter`). Packed under a paragraph, such a line is as often
    that story's last (a corpus article's closing link title, `Stock Market data`). A date
    line between them goes with the byline (`Sat, Aug 02, 2025`)."""
    below = _past_stamps(lines, i + 1)
    if below >= len(lines) or _own_kind(lines[below].strip()) is not Kind.BYLINE:
        return False
    return _opens_block(lines, i)


HEADED_TEXT_MIN_WORDS = 15
"""The paragraph under a headline pasted with no blank line below it is a story's full lead,
this long at least (a teaser or a caption under a short line is not; a wire lead of 15-24
words is: at 25 a 14-word headline over one was taken for the lead, its title cut short)."""


def _above_its_text(lines: Sequence[str], i: int) -> bool:
    """A short unfinished line that opens the dump or a block (`Keelung harbour reopens after
    a week of checks`), right above a full paragraph, is that paragraph's headline: pasted
    with no blank line between them, as some sites' text copies."""
    return _opens_block(lines, i, closers_only=True) and _above_full_lead(lines, i)


STORY_CLOSERS = frozenset("read more|continue reading|read the full story".split("|"))
"""Chrome that ends a teaser: the line under it is the next story's. An `Advertisement` or a
share button stands inside a story as often as between two (a subheading under one is no
headline, unless a byline under it says so)."""


def _opens_block(lines: Sequence[str], i: int, closers_only: bool = False) -> bool:
    """Line i is the dump's first or follows a blank line or a line of page chrome, date
    lines over it aside: a date goes with the line after it, so one over a headline opens
    the block in its place. A scraped page's next headline stands under its menu, an
    `Advertisement` or `Read more` line, or a share button (`Facebook`) as often as under a
    blank line; a story's own last line stands over it only when pasted without one.
    `closers_only`: of the chrome, only a menu or a teaser's `Read more` (`STORY_CLOSERS`)."""
    j = i - 1
    while j >= 0 and _is_stamp_line(lines[j]):
        j -= 1
    if j < 0 or not lines[j].strip():
        return True
    above = lines[j].strip()
    if closers_only:
        return _key(above) in STORY_CLOSERS or _menu(above)
    return _own_kind(above) is Kind.BOILERPLATE or _stray_words(lines, j)


def _past_stamps(lines: Sequence[str], i: int) -> int:
    """The first line from i on that is not a date line (a date under a headline heads the
    byline or lead under it: what stands under the headline is that line)."""
    while i < len(lines) and _is_stamp_line(lines[i]):
        i += 1
    return i


def _is_stamp_line(line: str) -> bool:
    return _own_kind(line.strip()) is Kind.STAMP


def _above_full_lead(lines: Sequence[str], i: int) -> bool:
    """A short unfinished line right above a story's full lead (a date line between them
    aside)."""
    under = _past_stamps(lines, i + 1)
    if under >= len(lines):
        return False
    line, below = lines[i].strip(), lines[under].strip()
    return (
        not text.ends_sentence(line)
        and len(text.words(line)) < TEASER_MIN_WORDS
        and not text.is_stamp(line)
        and _own_kind(below) is Kind.PARAGRAPH
        and len(text.words(below)) >= HEADED_TEXT_MIN_WORDS
    )


def _asks_or_exclaims(line: str) -> bool:
    """`Can Taiwan keep its chip lead?`, `Night markets go cashless!`: as short as a headline
    and not a quotation (`"Why now?" she asked.` is a paragraph)."""
    return (
        line.endswith(("?", "!"))
        and not line.startswith(text.OPENING_QUOTES)
        and len(text.words(line)) <= QUESTION_TITLE_MAX_WORDS
    )


def _set_apart(lines: Sequence[str], i: int) -> bool:
    """Placed as only a headline is: first in the text, after two blank lines, or above a
    byline or a date. A question inside a column (`So what should Taiwan do?`) is not."""
    if not any(lines[j].strip() for j in range(i)):  # a slice would copy every line before
        return True
    if i >= 2 and not (lines[i - 1].strip() or lines[i - 2].strip()):
        return True
    following = _next_text(lines, i)
    return following < len(lines) and _own_kind(lines[following].strip()) in _HEADED


def _next_text(lines: Sequence[str], i: int) -> int:
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j


def _blank_then_text(lines: Sequence[str], i: int) -> bool:
    """A blank line follows line i, and some text follows that."""
    if i + 1 >= len(lines) or lines[i + 1].strip():
        return False
    return any(rest.strip() for rest in lines[i + 2 :])
