"""Small text primitives shared by the stages: line shapes, sentences, words, dates as shown.

Kept apart so that the stages agree on what "a line ends mid-sentence" or "a credit line"
means; each function is pure and works on plain strings.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

# A paragraph that ends in one of these (optionally followed by closing quotes or brackets)
# finished its last sentence; anything else was cut off by the site that made the teaser.
_TERMINAL = re.compile(r"[.!?…:;]['\"’”)\]»]*$|[.!?]['\"’”]*\s*\(?[A-Z]{2,}\)?$")
TERMINAL_TAIL = 40
"""Characters at a line's end searched for `_TERMINAL` first: its matches are a few characters
long, and searching from every character of a long paragraph cost more than the rest of a line's
classification."""
_TERMINAL_RUN = re.compile(r"[A-Z\s'\"’”)\]»(]*")
"""What `_TERMINAL` can match after its first character."""
# Divider marks a page leaves after the last sentence (`... the blast. * * *`, `... House. =`)
# are decoration, not text: they do not make a finished paragraph look cut off.
_MARKS = ("*", "=", "#", "•", "~", "|")
_TRAILING_MARKS = re.compile(r"(?<=[.!?…'\"’”)\]»])(?:\s*[*=#•~|])+\s*$")
_NAMED = r"(?-i:[A-Z])[\w.'’&\-]*(?:(?:\s*[,/]\s*|\s+)(?:(?-i:[A-Z])[\w.'’&\-]*|and|of|the|for))*"
"""Capitalised names and the small words inside them (`Hui Film`, `Ministry of Culture / CNA`)."""
CREDIT = re.compile(
    r"^(?P<kind>Photos?|Graphics?|Images?|Videos?|Illustrations?|Pictures?|Screengrab)"
    r"(?:(?:\s+(?:courtesy\s+of|by|from))?\s*[:：]\s*(?P<who>.{1,80})"
    rf"|\s+(?:courtesy\s+of|by)\s+(?P<named>(?:the\s+)?{_NAMED}))$",
    re.IGNORECASE,
)
"""`Photo: CNA`; with no colon only `Photo courtesy of ...` or `Photo by ...` and names (a
sentence such as `Photos by the agency show ...` is text)."""
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col sgt capt maj brig adm cmdr cpl pvt rep sen gov pres rev hon "
    "st jr sr inc ltd co corp no jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.k u.n e.u a.m p.m vs etc".split()
)
_SENTENCE_END = re.compile(r"[.!?…]['\"’”)\]]*\s+(?=['\"“‘(]?[A-Z0-9])")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)
_WORD_NO_UNDERSCORE = re.compile(r"\w+(?:['’\-]\w+)*")
"""`_WORD` for text without "_": `\\w` is then `[^\\W_]`, and the regex engine tests a
category faster than a negated set (a quarter of segment's tokenising time)."""
_ASCII_WORD = re.compile(_WORD.pattern, re.ASCII)
_ASCII_WORD_NO_UNDERSCORE = re.compile(_WORD_NO_UNDERSCORE.pattern, re.ASCII)
"""The same two for text of ASCII characters only (nine lines in ten; a flag the string keeps,
so asking costs nothing): there `\\w` means what it means in Unicode, and the engine tests a
character in a table instead of looking up its category (30% of tokenising such a line)."""


_MONTHS_SHORT = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_MONTH_WORD = rf"(?:{_MONTHS_SHORT})[a-z]*\.?"
"""A month's name, whole or shortened (`Nov.`, `November`)."""
_MONTH_NAME = "(?P<{}>" + _MONTHS_SHORT + r")[a-z]*\.?"
"""`_MONTH_WORD` with its first three letters caught in the named group (`.format(name)`)."""
_CLOCK = r"\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?"
_DATE = (
    r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})"
    rf"|(?P<day2>\d{{1,2}})\s+{_MONTH_NAME.format('name')},?\s+(?P<year2>\d{{4}})"
    rf"|{_MONTH_NAME.format('name3')}\s+(?P<day3>\d{{1,2}}),?\s+(?P<year3>\d{{4}})"
    r"|(?P<first>\d{1,2})[/.](?P<second>\d{1,2})[/.](?P<year4>\d{4})"
)
STAMP = re.compile(
    r"^(?:(?:last\s+)?(?:updated|published|posted)(?:\s+(?:on|at))?\s*:?\s*)?"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
    rf"(?:(?:(?:{_CLOCK}),?\s+)?(?:{_DATE})(?:,?\s*(?:at\s+)?(?:{_CLOCK}))?|(?:{_CLOCK}))"
    r"(?:\s*\(?(?:GMT|UTC)\s*(?:[+-]\d{1,2}(?::?\d{2})?)?\)?"
    r"|\s+(?:CST|EST|EDT|PST|PDT|BST|CET|CEST|JST|KST|HKT|SGT|AEST|AEDT))?"
    r"(?:\s*[-–—|]?\s*page\s*\d+)?$",
    re.IGNORECASE,
)
"""A line that is only a date and/or a time (`2025-11-03 18:00`, `18:42`, `Updated: Nov. 3,
2025 6:00pm`, `Tue, Dec 09, 2025 - page 3`): when the page posted a story or an update."""
_STAMP_MAX = 60
"""Characters a stamp line runs to at most: longer lines skip the pattern."""


@functools.lru_cache(maxsize=16384)
def is_stamp(line: str) -> bool:
    """A date or time on a line of its own (see `STAMP`)."""
    line = line.strip()
    return len(line) <= _STAMP_MAX and any(c.isdigit() for c in line) and bool(STAMP.match(line))


def stamp_date(line: str, near: dt.date | None = None) -> dt.date | None:
    """The calendar day a stamp line names, or None (a time alone, or no such day).

    `11/12/2025` is 12 November in the US and 11 December in Britain: of the two days it
    can be, the one nearer `near` (the day the dump was collected); None without it."""
    match = STAMP.match(line.strip()) if is_stamp(line) else None
    if match is None:
        return None
    if match["year4"]:
        return _numeric_date(int(match["first"]), int(match["second"]), int(match["year4"]), near)
    if match["year"]:
        year, month, day = match["year"], int(match["month"]), match["day"]
    else:
        name = match["name"] or match["name3"]
        if name is None:
            return None
        year, day = match["year2"] or match["year3"], match["day2"] or match["day3"]
        month = [m[:3] for m in MONTHS].index(name[:3].title()) + 1
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def _numeric_date(first: int, second: int, year: int, near: dt.date | None) -> dt.date | None:
    days = []
    for month, day in ((first, second), (second, first)):
        try:
            days.append(dt.date(year, month, day))
        except ValueError:
            continue
    if len(set(days)) > 1:
        return min(days, key=lambda d: abs(d - near)) if near else None
    return days[0] if days else None


_OWNER_CREDIT = re.compile(
    r"^(?P<who>[A-Z][\w.&'’\-]*(?: [A-Z][\w.&'’\-]*){0,3}) (?:file )?(?:photos?|graphic|image)"
    rf"(?: {_MONTH_WORD} \d{{1,2}}, \d{{4}})?$"
)
"""`CNA photo Nov. 12, 2025`, `Taipei Times file photo`: the owner's name before the word."""


def is_credit(line: str) -> bool:
    """`Photo: CNA`, `Photos: AFP, Reuters`, `Graphic: Taipei Times`, `CNA photo` and the like."""
    line = line.strip()
    return bool(CREDIT.match(line) or _OWNER_CREDIT.match(line))


@functools.lru_cache(maxsize=16384)
def ends_sentence(line: str) -> bool:
    """True when the line's last sentence is complete (divider marks after it aside).

    Cached: segment asks it of every line several times (line kinds, headlines, paragraphs),
    and the regex, anchored at the end, is tried from every character of the line."""
    line = line.rstrip()
    if line.endswith(_MARKS):
        line = _TRAILING_MARKS.sub("", line)
    tail = len(line) - TERMINAL_TAIL
    if tail <= 0:
        return bool(_TERMINAL.search(line))
    if _TERMINAL.search(line, tail):
        return True
    # a match starting before the tail covers all of it with closers, capitals and spaces
    return bool(_TERMINAL_RUN.fullmatch(line, tail)) and bool(_TERMINAL.search(line))


def words(text: str) -> list[str]:
    """Word tokens, letters and digits only (CJK runs count as one word)."""
    return _word_pattern(text).findall(text)


def first_words(text: str, count: int) -> list[str]:
    """`words(text)[:count]`, without tokenising the rest of a long text."""
    return list(itertools.islice(iter_words(text), count))


def iter_words(text: str) -> Iterator[str]:
    """`words(text)` one at a time, for a reader that may stop early."""
    return map(re.Match.group, _word_pattern(text).finditer(text))


def _word_pattern(text: str) -> re.Pattern[str]:
    """`_WORD`, or the fastest pattern that finds the same words in this text."""
    if text.isascii():
        return _ASCII_WORD if "_" in text else _ASCII_WORD_NO_UNDERSCORE
    return _WORD if "_" in text else _WORD_NO_UNDERSCORE


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping common abbreviations and initials intact."""
    return list(_sentences(text))


def first_sentence(text: str) -> str:
    """The first of `sentences(text)`, or the text itself when it has none (without splitting
    the rest: segment and extract want only the lead sentence of every paragraph)."""
    return next(_sentences(text), text)


_LAST_WORD_WINDOW = 64
"""Characters before a full stop read for the word it ends: longer than any abbreviation.
(Reading the whole sentence so far was quadratic: a pasted line of 100,000 initials, `A. A.
A.`, took seconds, one of 5 MB twenty-six minutes.)"""


def _sentences(text: str) -> Iterator[str]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + 1
        words = text[max(start, end - _LAST_WORD_WINDOW) : end].split()
        last = words[-1].rstrip(".").lower() if words else ""
        last = last.rpartition("-")[2]  # `Maj.-Gen. Andrew Leslie`, `Lt.-Col.`
        if last in _ABBREVIATIONS or (len(last) == 1 and "a" <= last <= "z"):  # an initial
            continue
        yield text[start : match.end()].strip()
        start = match.end()
    tail = text[start:].strip()
    if tail:
        yield tail


REPEAT_MIN_WORDS = 8
"""A pull quote is a sentence; a shorter line (`To the province as a whole?`) may well be
said twice in a story."""
REPEAT_MAX_WORDS = 60
"""A pull quote runs a sentence or two; longer lines are not searched for in the others."""
REPEAT_WINDOW = 8
"""Lines searched on either side: a page sets a pull quote beside the paragraph it quotes."""
OPENING_QUOTES = ('"', "“", "‘", "'", "«", "「")
_CLOSING_QUOTES = ('"', "”", "’", "'", "»", "」")


def repeated_lines(lines: Sequence[str]) -> set[int]:
    """Which of a story's paragraph lines (by index) only repeat another's words: a paragraph
    pasted twice (the later copy), or a pull quote (`"For too long, renters had no leverage."`
    set apart near the paragraph that quotes it)."""
    out: set[int] = set()
    first_seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        spaces = line.count(" ")
        if spaces + 1 < REPEAT_MIN_WORDS:
            continue
        # Only a quotation is searched for in the lines nearby: comparing every pair of a
        # long story's lines cost segment 13%.
        # A pull quote is the quotation alone: a line that goes on past it (`"...," she said.`)
        # is a paragraph of the story, which a later one may quote again.
        quotation = (
            spaces < REPEAT_MAX_WORDS
            and line.startswith(OPENING_QUOTES)
            and line.endswith(_CLOSING_QUOTES)
        )
        if first_seen.setdefault(line, i) != i or (quotation and _quoted_nearby(i, lines)):
            out.add(i)
    return out


def _quoted_nearby(i: int, lines: Sequence[str]) -> bool:
    """Are the words of line i all, in order, in a longer line near it?"""
    quote = lines[i].lower()
    probe = " ".join(first_words(quote, 3))  # as typed: most lines lack it, untokenised
    key = None
    for j in range(max(0, i - REPEAT_WINDOW), min(len(lines), i + REPEAT_WINDOW + 1)):
        other = lines[j].lower()
        if j != i and len(other) > len(quote) and probe in other:
            key = key or f" {' '.join(words(quote))} "
            if key in f" {' '.join(words(other))} ":
                return True
    return False


SUMMARY_MAX = 500
"""Characters a summary keeps (extract's, or a curator's at most). It shows under the title in
every listing, 50 a page, and in feeds: a lead with no sentence break (a whole story pasted as
one line) was the summary whole. 0.2% of the corpus's leads have a first sentence this long."""
LONG_PARAGRAPH = 1500
"""Characters above which a paragraph is shown as several. News paragraphs run to a few hundred;
a longer one is usually a whole article pasted as one line, a wall of text on a phone."""
BLOCK_TARGET = 600
"""About how long each of those blocks is: a few sentences."""
BLOCK_MAX = 2000
"""No block is longer. Python-Markdown's inline patterns rebuild the text at every match, so
one paragraph dense in escaped punctuation costs more than the square of its length (480,000
characters of it held `mkdocs build` for 2.5 minutes); short blocks keep the cost linear."""


def reading_blocks(paragraph: str) -> list[str]:
    """The paragraph as the page lays it out: whole when it is short, else runs of whole
    sentences of about BLOCK_TARGET characters; a sentence longer than BLOCK_MAX is cut at a
    space (or, with none near, anywhere). Every word is kept, in order."""
    if len(paragraph) <= LONG_PARAGRAPH:
        return [paragraph]
    blocks: list[str] = []
    run: list[str] = []
    size = 0
    for sentence in (piece for s in _sentences(paragraph) for piece in _cut(s, BLOCK_MAX)):
        if run and size + 1 + len(sentence) > BLOCK_TARGET:
            blocks.append(" ".join(run))
            run, size = [], -1
        run.append(sentence)
        size += 1 + len(sentence)
    blocks.append(" ".join(run))
    return blocks


def _cut(sentence: str, limit: int) -> Iterator[str]:
    """`sentence` in pieces of at most `limit` characters, each ended at the last space or
    ideographic full stop in its second half when it has one (Chinese puts no space between
    sentences, and `_sentences` splits only before a capital or a digit)."""
    while len(sentence) > limit:
        space = sentence.rfind(" ", limit // 2, limit + 1)
        stop = sentence.rfind("。", limit // 2, limit) + 1
        end = max(space, stop) if max(space, stop) > 0 else limit
        yield sentence[:end].rstrip()
        sentence = sentence[end:].lstrip()
    if sentence:
        yield sentence


DATA = Path(__file__).parent / "data"


def data_table(name: str) -> tuple[str, ...]:
    """Non-comment, non-blank lines of `generator/data/<name>`, in file order."""
    rows = (line.split("#", 1)[0].strip() for line in (DATA / name).read_text("utf-8").splitlines())
    return tuple(row for row in rows if row)


STOPWORDS = frozenset(word for row in data_table("stopwords.txt") for word in row.split())
_SUFFIXES = (
    ("ies", "y"),
    ("sses", "ss"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("xes", "x"),
    ("ings", ""),
    ("ing", ""),
    ("ied", "y"),
    ("ed", ""),
    ("s", ""),
)
"""Crude stemming is enough for cohesion: `provinces` and `province` must meet."""


_SUFFIX_LAST_LETTERS = frozenset(suffix[-1] for suffix, _ in _SUFFIXES)


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if word[-1:] not in _SUFFIX_LAST_LETTERS:  # most words: no suffix to try
        return word[:-1] if word.endswith("e") and len(word) > 4 else word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                break
            word = word[: -len(suffix)] + replacement
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def content_words(text: str | list[str]) -> list[str]:
    """Lower-cased stems of the words that carry topic (no stopwords, no short words).

    Takes the text, or its `words()` when the caller already has them.
    """
    tokens = words(text) if isinstance(text, str) else text
    return list(filter(None, map(_content_stem, tokens)))


def content_stem(word: str) -> str:
    """`content_words` of one token: its stem, or "" for a word it drops."""
    return _content_stem(word)


def is_name(word: str) -> bool:
    """`names` of one token: is it a name?"""
    return word[0].isupper() and _is_name(word)


@functools.lru_cache(maxsize=65536)
def _content_stem(word: str) -> str:
    """The stem `content_words` keeps for one token, or "" for a word it drops (cached: news
    vocabulary repeats, and this runs for every word of every paragraph)."""
    low = word.lower()
    if len(low) > 2 and low not in STOPWORDS and not low.isdigit():
        return stem(low)
    return ""


def names(text: str | list[str]) -> set[str]:
    """Capitalised words that are not function words: people, places, organisations."""
    tokens = words(text) if isinstance(text, str) else text
    return {word for word in set(tokens) if word[0].isupper() and _is_name(word)}


@functools.lru_cache(maxsize=65536)
def _is_name(word: str) -> bool:
    """A capitalised token that is not a function word (cached, as `_content_stem`)."""
    return len(word) > 1 and word.lower() not in STOPWORDS


_TRAILING_CREDIT = re.compile(
    r"(?P<end>[.!?]['\"’”]?)\s+(?P<credit>(?:Photos?|Graphics?|Images?)(?:(?:\s+(?:courtesy\s+of|by))?"
    rf"\s*[:：]\s*[^.!?]{{1,60}}|\s+(?:courtesy\s+of|by)\s+{_NAMED}))$"
)


def credit_of(line: str) -> str:
    """Who a credit line or a captioned credit names: `Photo: CNA` -> `CNA`."""
    line = line.strip()
    captioned = _captioned(line)
    credit = captioned.group("credit") if captioned else line
    owner = _OWNER_CREDIT.match(credit)
    if owner is not None:
        return owner.group("who")
    match = CREDIT.match(credit)
    # the two patterns agree on what a credit is; past the colon is the name all the same
    if match is None:
        return credit.partition(":")[2].strip()
    return (match.group("who") or match.group("named")).strip()


_CREDIT_WORDS = ("Photo", "Graphic", "Image")
"""`_TRAILING_CREDIT` (case-sensitive) needs one of these: a substring test skips its scan."""


@functools.lru_cache(maxsize=16384)
def caption_of(line: str) -> str | None:
    """The caption of a line that ends with its photo's credit (`Lai speaks in Taipei
    yesterday. Photo: CNA` -> `Lai speaks in Taipei yesterday.`); None for any other line.

    Cached: segment asks it of every line it classifies, and extract of every body line."""
    captioned = _captioned(line.strip())
    return captioned.string[: captioned.end("end")] if captioned else None


def _captioned(line: str) -> re.Match[str] | None:
    if not any(word in line for word in _CREDIT_WORDS):
        return None
    return _TRAILING_CREDIT.search(line)


MONTHS = (
    "January February March April May June July August September October November December"
).split()


def long_date(day: dt.date | None) -> str:
    """`10 December 2025`: unambiguous for readers everywhere, unlike 12/10/2025."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else "Undated"
