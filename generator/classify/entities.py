"""Entities: the people and organisations an article names, for front matter.

In: an article. Out: names as the article writes them; a name given with its Chinese
characters keeps them ("William Lai (賴清德)"). Patterns, not a model: a name with characters in
brackets, a name after a title ("President", "Minister"), a name with a descriptor after it
("Sanae Takaichi, a senior..."), and organisations by their head word ("... Party",
"Ministry of ...") or their acronym in brackets. Precision over recall: a missed name costs a
related-story link, a wrong one puts nonsense on the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.model import Article

MAX_PEOPLE = 8
MAX_ORGANIZATIONS = 8

_NAME = r"[A-Z][a-z]+(?:-[a-z]+)?(?:\s+[A-Z][a-z]+(?:-[a-z]+)?){1,2}"
_CJK = r"[\u3400-\u9fff\uf900-\ufaff]{2,4}"
_TITLES = (
    "President|Vice President|Premier|Prime Minister|Minister|Chancellor|Secretary|Senator|"
    "Governor|Mayor|Chairman|Chairwoman|Chairperson|Speaker|Legislator|Lawmaker|General|"
    "Director|Ambassador|Spokesman|Spokeswoman|Spokesperson|Judge|Justice|Commissioner|"
    "Governor|Coach|Pope|King|Queen|Prince|Princess|Archbishop|Bishop|Cardinal|Farmer|Director"
)
_OFFICES = frozenset(_TITLES.split("|")) - set(
    "King Queen Prince Princess Bishop Cardinal Farmer Judge Coach Pope".split()
)
"""Titles no name ends on; the others are surnames too (Julie Bishop, Madeline King)."""
_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PERSON_WITH_CJK = re.compile(rf"(?P<name>{_NAME})\s*\((?P<cjk>{_CJK})\)")


def _initials(words: str) -> str:
    """The first letters of an alternation's words, for a lookahead: `(?=[PM])(?:Party|Ministry)`
    matches what the alternation does, and the engine rejects most places in one step."""
    return "".join(sorted({word[0] for word in words.split("|")}))


@dataclass(frozen=True, slots=True)
class _Anchored:
    """A pattern whose every match holds an `anchor` that starts at most `words` runs of
    non-space characters after the match does, so it is tried only there.

    `matches` gives what `pattern.finditer` gives, but the text is scanned for the anchor (a
    literal or an alternation of words, which the regex engine finds fast), and the pattern is
    tried only at the `starts` positions (a cheap condition every match starts with) of the
    words before each anchor; most of a story is never tried at all."""

    pattern: re.Pattern[str]
    anchor: re.Pattern[str]
    starts: re.Pattern[str]
    words: re.Pattern[str]

    def matches(self, text: str, reverse: str) -> Iterator[re.Match[str]]:
        """The matches of the pattern in text; `reverse` is text[::-1] (the words before an
        anchor are read in it, forwards)."""
        end = 0  # where the last match ended: finditer goes on from there
        tried = 0  # positions before this were tried already
        for anchor in self.anchor.finditer(text):
            at = anchor.start()
            first = len(text) - self.words.match(reverse, len(text) - at).end()
            for start in self.starts.finditer(text, max(first, end, tried)):
                if start.start() > at:
                    break
                if start.start() >= end and (match := self.pattern.match(text, start.start())):
                    end = match.end()
                    yield match
            tried = at + 1


def _words_back(n: int) -> re.Pattern[str]:
    """Up to n runs of non-space characters (and the spaces before each), read in reverse."""
    return re.compile(rf"(?:\s*+\S++){{0,{n}}}+")


# A pattern that starts with a word boundary or a lookbehind begins with a lookahead for how
# its first word can start (a capital, or of/the/and/for/de followed by a space for an
# organisation): it matches the same text, and the engine drops most positions in one step.
# These patterns are tried only before their anchors (see _Anchored).
_DESCRIPTOR = r",\s+(?:a|an|the|who|\d{1,3},)\s"
"""What follows a described person's name ("Ann Lee, a nurse"): the name ends at the comma."""
_PERSON_BEFORE_DESCRIPTOR = re.compile(
    rf"(?=[A-Z])(?<![\w\-])(?<![A-Z][a-z] )(?P<name>{_NAME}){_DESCRIPTOR}"
)
_ORG_HEAD = (
    "Party|Ministry|Office|Bank|University|Council|Agency|Commission|Administration|Institute|"
    "Organization|Organisation|Association|Federation|Union|Congress|Court|Parliament|"
    "Assembly|Airlines|Corporation|Company|Authority|Service|Department|Yuan|Committee|"
    "Foundation|Fund|Forces|Army|Navy|Police|Network|Exchange|Museum|Observatory|Convention"
)
_ORG_WORD = r"(?:[A-Z][\w'’&-]*|of|the|and|for|de)"
_ACRONYM = r"\((?P<acronym>[A-Z]{2,6})\)"
"""An acronym in brackets after an organisation's name: "World Health Organization (WHO)"."""
_ORG_START = r"\b(?=[A-Z]|(?:of|the|and|for|de)\s)"
"""Where an organisation's name can start: `_ORGANIZATION` begins with it, and its scan
(`_HEADED`) tries the pattern only where it holds."""
_ORGANIZATION = re.compile(
    rf"{_ORG_START}(?P<name>(?:[A-Z][\w'’&-]*\s+)?(?:{_ORG_WORD}\s+){{0,5}}?"
    rf"(?=[{_initials(_ORG_HEAD)}])(?:{_ORG_HEAD})\b"
    rf"(?:\s+of(?:\s+the)?(?:\s+[A-Z][\w'’-]*){{1,3}})?)"
    rf"(?:\s*{_ACRONYM})?"
)
_ACRONYM_ORG = re.compile(rf"\b(?P<name>[A-Z][a-z]+(?:\s+{_ORG_WORD}){{1,6}})\s*{_ACRONYM}")
_WORD_CHAR = re.compile(r"\w")
_TITLE_THEN_NAME = re.compile(rf"(?:{_TITLES})\s+(?P<name>{_NAME})\b")
"""A title and the name after it; the title must also start a word (see _after_title)."""
_DESCRIBED = _Anchored(
    _PERSON_BEFORE_DESCRIPTOR,
    anchor=re.compile(_DESCRIPTOR),
    starts=re.compile("[A-Z]"),
    words=_words_back(3),  # a name of two or three words
)
_HEADED = _Anchored(
    _ORGANIZATION,
    anchor=re.compile(rf"(?:{_ORG_HEAD})\b"),
    starts=re.compile(_ORG_START),
    words=_words_back(6),  # a first word and up to five words of the name before the head
)
_WITH_ACRONYM = _Anchored(
    _ACRONYM_ORG,
    anchor=re.compile(_ACRONYM),
    starts=re.compile(r"\b[A-Z]"),
    words=_words_back(7),  # a first word and up to six more before the bracket
)
_TITLE_WORD = re.compile(rf"(?:{_TITLES})")
_ORG_HEAD_WORD = re.compile(rf"\b(?:{_ORG_HEAD})\b")
_PLACE_HEAD_WORDS = frozenset(
    "Reservoir Lake River Mountain Mountains Mount Park Temple Shrine Bridge Road Street Avenue "
    "Airport Harbor Harbour Port Island Islands Dam Tunnel Market Square Hall District County "
    "City Township Village Bay Strait Expressway Freeway Highway Railway Line Station Forest "
    "Falls Valley Peak Beach Coast Palace Tower Stadium Arena Garden Gardens Memorial".split()
)
"""Last words of places that news in English writes with their Chinese name in brackets, as it
does people's (`Deji Reservoir (德基水庫)`, `Sun Moon Lake (日月潭)`)."""
_LEADING_NOISE = frozenset(
    "The A An In On At By For From With As But And Its His Her Their".split()
)


def find_people(article: Article) -> tuple[str, ...]:
    """People named in the article, in order of first mention, CJK forms kept."""
    text = _text(article)
    found: dict[str, str] = {}
    # Most stories have no Chinese characters: a flag the string keeps (ASCII only) or one
    # quick scan spares the name pattern.
    has_cjk = not text.isascii() and _CJK_CHAR.search(text)
    cjk_names = _PERSON_WITH_CJK.finditer(text) if has_cjk else ()
    for match in cjk_names:
        name = _strip_title(match.group("name"))
        if name.rsplit(" ", 1)[-1] not in _PLACE_HEAD_WORDS:
            found.setdefault(name, f"{name} ({match.group('cjk')})")
    reverse = text[::-1]
    for match in (*_after_title(text), *_DESCRIBED.matches(text, reverse)):
        name = _strip_title(match.group("name"))
        if len(name.split()) >= 2 and name.rsplit(" ", 1)[-1] not in _OFFICES:
            # `Foreign Secretary, the UK's chief diplomat` is an office, not a person
            found.setdefault(name, name)
    names = sorted(found, key=lambda n: text.find(n))
    return tuple(found[n] for n in names if not _is_organization(n))[:MAX_PEOPLE]


def find_organizations(article: Article) -> tuple[str, ...]:
    """Organisations named in the article, with their acronym when the article gives one."""
    text = _text(article)
    reverse = text[::-1]
    found: dict[str, str] = {}
    for scan in (_WITH_ACRONYM, _HEADED):
        for match in scan.matches(text, reverse):
            name = _trim(match.group("name"))
            if len(name.split()) < 2 and not match.group("acronym"):
                continue
            acronym = match.group("acronym")
            found.setdefault(name, f"{name} ({acronym})" if acronym else name)
    names = sorted(found, key=lambda n: text.find(n))
    unique = [n for n in names if not any(n != m and n in m for m in names)]
    return tuple(found[n] for n in unique)[:MAX_ORGANIZATIONS]


def _after_title(text: str) -> Iterator[re.Match[str]]:
    """A name after a title ("President William Lai"), as `finditer` of the pattern with a word
    boundary in front would give them. Without the boundary, the regex engine skips straight
    to the letters a title starts with; a match that starts inside a word is what the boundary
    would have refused, and the search goes on from its next character."""
    pos = 0
    while match := _TITLE_THEN_NAME.search(text, pos):
        start = match.start()
        if start and _WORD_CHAR.match(text, start - 1):
            pos = start + 1
            continue
        yield match
        pos = match.end()


def _text(article: Article) -> str:
    return " ".join(p for p in (article.deck, *article.paragraphs) if p)


def _strip_title(name: str) -> str:
    words = name.split()
    while words and (_TITLE_WORD.fullmatch(words[0]) or words[0] in _LEADING_NOISE):
        words.pop(0)
    return " ".join(words)


def _trim(name: str) -> str:
    words = name.split()
    while words and words[0].capitalize() in _LEADING_NOISE:
        words.pop(0)
    return " ".join(words)


def _is_organization(name: str) -> bool:
    return bool(_ORG_HEAD_WORD.search(name))
