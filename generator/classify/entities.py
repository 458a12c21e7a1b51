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
_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PERSON_WITH_CJK = re.compile(rf"(?P<name>{_NAME})\s*\((?P<cjk>{_CJK})\)")


def _initials(words: str) -> str:
    """The first letters of an alternation's words, for a lookahead: `(?=[PM])(?:Party|Ministry)`
    matches what the alternation does, and the engine rejects most places in one step."""
    return "".join(sorted({word[0] for word in words.split("|")}))


# A pattern that starts with a word boundary or a lookbehind begins with a lookahead for how
# its first word can start (a title's initials; a capital or of/the/and/for/de followed by a
# space for an organisation): it matches the same text, and the engine drops most positions
# in one step instead of trying every title or head word at each of them.
_PERSON_AFTER_TITLE = re.compile(
    rf"(?=[{_initials(_TITLES)}])\b(?:{_TITLES})\s+(?P<name>{_NAME})\b"
)
_PERSON_BEFORE_DESCRIPTOR = re.compile(
    rf"(?=[A-Z])(?<![\w\-])(?<![A-Z][a-z] )(?P<name>{_NAME}),\s+(?:a|an|the|who|\d{{1,3}},)\s"
)
_ORG_HEAD = (
    "Party|Ministry|Office|Bank|University|Council|Agency|Commission|Administration|Institute|"
    "Organization|Organisation|Association|Federation|Union|Congress|Court|Parliament|"
    "Assembly|Airlines|Corporation|Company|Authority|Service|Department|Yuan|Committee|"
    "Foundation|Fund|Forces|Army|Navy|Police|Network|Exchange|Museum|Observatory|Convention"
)
_ORG_WORD = r"(?:[A-Z][\w'’&-]*|of|the|and|for|de)"
_ORGANIZATION = re.compile(
    rf"\b(?=[A-Z]|(?:of|the|and|for|de)\s)(?P<name>(?:[A-Z][\w'’&-]*\s+)?(?:{_ORG_WORD}\s+){{0,5}}?"
    rf"(?=[{_initials(_ORG_HEAD)}])(?:{_ORG_HEAD})\b"
    rf"(?:\s+of(?:\s+the)?(?:\s+[A-Z][\w'’-]*){{1,3}})?)"
    rf"(?:\s*\((?P<acronym>[A-Z]{{2,6}})\))?"
)
_ACRONYM_ORG = re.compile(
    rf"\b(?P<name>[A-Z][a-z]+(?:\s+{_ORG_WORD}){{1,6}})\s*\((?P<acronym>[A-Z]{{2,6}})\)"
)
_ACRONYM_IN_BRACKETS = re.compile(r"\([A-Z]{2,6}\)")
"""What `_ACRONYM_ORG` ends with: a text without it is not searched for that pattern."""
_TITLE_WORD = re.compile(rf"(?:{_TITLES})")
_ORG_HEAD_WORD = re.compile(rf"\b(?:{_ORG_HEAD})\b")
_LEADING_NOISE = frozenset(
    "The A An In On At By For From With As But And Its His Her Their".split()
)


def find_people(article: Article) -> tuple[str, ...]:
    """People named in the article, in order of first mention, CJK forms kept."""
    text = _text(article)
    found: dict[str, str] = {}
    # Most stories have no Chinese characters: one quick scan spares the name pattern.
    cjk_names = _PERSON_WITH_CJK.finditer(text) if _CJK_CHAR.search(text) else ()
    for match in cjk_names:
        name = _strip_title(match.group("name"))
        found.setdefault(name, f"{name} ({match.group('cjk')})")
    for pattern in (_PERSON_AFTER_TITLE, _PERSON_BEFORE_DESCRIPTOR):
        for match in pattern.finditer(text):
            name = _strip_title(match.group("name"))
            if name and len(name.split()) >= 2:
                found.setdefault(name, name)
    names = sorted(found, key=lambda n: text.find(n))
    return tuple(found[n] for n in names if not _is_organization(n))[:MAX_PEOPLE]


def find_organizations(article: Article) -> tuple[str, ...]:
    """Organisations named in the article, with their acronym when the article gives one."""
    text = _text(article)
    found: dict[str, str] = {}
    patterns = (
        (_ACRONYM_ORG, _ORGANIZATION) if _ACRONYM_IN_BRACKETS.search(text) else (_ORGANIZATION,)
    )
    for pattern in patterns:
        for match in pattern.finditer(text):
            name = _trim(match.group("name"))
            if len(name.split()) < 2 and not match.group("acronym"):
                continue
            acronym = match.group("acronym")
            found.setdefault(name, f"{name} ({acronym})" if acronym else name)
    names = sorted(found, key=lambda n: text.find(n))
    unique = [n for n in names if not any(n != m and n in m for m in names)]
    return tuple(found[n] for n in unique)[:MAX_ORGANIZATIONS]


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
