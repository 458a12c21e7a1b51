"""Extract: a `Span` of dump lines -> an `Article` with title, kicker, deck, body and credits.

In: one span. Out: one article whose paragraphs are plain text, with credit lines, a headline
line, a dateline and a byline taken out of the body. Extract never decides where a story ends
(segment did) nor what it is about (classify will).
"""

from __future__ import annotations

import hashlib
import re

from generator import text
from generator.model import Article, Span, TitleSource

HEADLINE_MAX_WORDS = 14
"""Longest headline compressed from a lead: news headlines run 6 to 14 words."""
ID_WORDS = 30
"""The id hashes the first words of the body, so a teaser and its full text share an id."""

_KICKER = re.compile(r"^(?P<kicker>[A-Z][A-Z0-9'’&.\- ]{1,40}[A-Z0-9]):\s+(?P<rest>\S.*)$")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- ]{1,30}(?:, [A-Z][A-Za-z.]+)?)"
    r"(?:,? (?P<when>[A-Z][a-z]{2,8}\.? \d{1,2}))?\s*(?:\([A-Za-z ]+\))?\s*[—–-]{1,2}\s*"
)
_BYLINE = re.compile(r"^(?:By [A-Z].{1,80}|.{1,60}/\s*Staff (?:reporter|writer)s?)$")
_LOWER_THEN_CAPITAL = re.compile(r"(?<=[a-z,;])\s+(?=[A-Z][a-z]+\b)")
_TIME_WORDS = re.compile(
    r"\s*\b(?:yesterday|today|tonight|this (?:year|week|month|morning)|last (?:year|week|month)"
    r"|earlier this (?:year|week|month)|on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(
    r",\s*(?:he|she|they|it|an? [\w\s]{1,30}|the [\w\s]{1,40}|[A-Z][\w.\s]{1,40})\s+"
    r"(?:said|says|told [\w\s]{1,30}|reported|announced)(?:\s+\w+)?\.?$"
)
_RELATIVE_BEFORE_TIME = re.compile(
    r"\s+who\s+[^,]*?\s+(?=(?:yesterday|today|on \w+day)\b)", re.IGNORECASE
)
_PRESENT = {
    "said": "says",
    "called": "calls",
    "urged": "urges",
    "announced": "announces",
    "warned": "warns",
    "decried": "decries",
    "highlighted": "highlights",
    "lost": "lose",
    "won": "wins",
    "signed": "signs",
    "launched": "launches",
    "arrived": "arrives",
    "met": "meets",
    "rejected": "rejects",
    "approved": "approves",
}
_BREAK_BEFORE = frozenset(
    "to after as amid given while despite because before following when which that but".split()
)
_TRAILING_STOP = frozenset(
    "a an the of and or to in on at for with by from its their his her".split()
)


def extract(span: Span) -> Article:
    """Build the article held by one span."""
    lines = [line.strip() for line in span.lines if not text.is_blank(line)]
    credits = tuple(
        text.CREDIT.match(line).group("who").strip() for line in lines if text.is_credit(line)
    )
    body = [line for line in lines if not text.is_credit(line)]
    headline = body.pop(0) if len(body) > 1 and _is_title_line(body[0]) else None
    byline = body.pop(0) if body and _BYLINE.match(body[0]) else None
    kicker, deck, body = _split_kicker(body)
    dateline, body = _split_dateline(body)
    paragraphs = tuple(body)
    # A span of credits or a lone byline still needs a lead to be titled and found by.
    lead = paragraphs[0] if paragraphs else (deck or headline or kicker or dateline or byline)
    lead = lead or " ".join(lines)
    title, source = _title(headline, deck, lead)
    return Article(
        id=article_id(paragraphs or (lead,)),
        title=title,
        title_source=source,
        paragraphs=paragraphs,
        sources=(span.ref,),
        date=span.dump.meta.date,
        kicker=kicker,
        deck=deck,
        summary=summarize(lead),
        truncated=bool(paragraphs) and not text.ends_sentence(paragraphs[-1]),
        photo_credits=credits,
        dateline=dateline,
        byline=byline,
        source_names=(span.dump.meta.source,) if span.dump.meta.source else (),
    )


def article_id(paragraphs: tuple[str, ...]) -> str:
    """12 hex digits from the body's first words, lowercased: stable across runs and dumps."""
    opening = " ".join(text.words(" ".join(paragraphs)))
    normalised = " ".join(opening.lower().split()[:ID_WORDS])
    return hashlib.blake2b(normalised.encode("utf-8"), digest_size=6).hexdigest()


def summarize(lead: str) -> str:
    """The lead's first sentence, or two when the first is short."""
    parts = text.sentences(lead)
    if not parts:
        return ""
    summary = parts[0]
    if len(text.words(summary)) < 15 and len(parts) > 1:
        summary = f"{summary} {parts[1]}"
    return summary


def _is_title_line(line: str) -> bool:
    return not text.ends_sentence(line) and len(text.words(line)) <= 20


def _split_kicker(body: list[str]) -> tuple[str | None, str | None, list[str]]:
    """`PROBLEMATIC APP: deck text Body starts here` -> kicker, deck, body."""
    if not body:
        return None, None, body
    match = _KICKER.match(body[0])
    if not match or sum(c.isalpha() for c in match.group("kicker")) < 3:
        return None, None, body
    rest = match.group("rest")
    deck, first = _split_deck(rest)
    paragraphs = [first, *body[1:]] if first else body[1:]
    return match.group("kicker").strip(), deck, paragraphs


def _split_deck(rest: str) -> tuple[str | None, str]:
    """Find where a deck that runs into the body with no punctuation ends.

    The body opens with a capitalised name right after a lower-case word, which never
    happens inside a deck written in sentence case.
    """
    for match in _LOWER_THEN_CAPITAL.finditer(rest):
        deck = rest[: match.start()].strip()
        if len(text.words(deck)) >= 4:
            return deck, rest[match.end() :].strip()
    return None, rest


def _split_dateline(body: list[str]) -> tuple[str | None, list[str]]:
    if not body:
        return None, body
    match = _DATELINE.match(body[0])
    if not match or len(match.group("place")) < 3:
        return None, body
    return match.group(0).strip(" —–-"), [body[0][match.end() :], *body[1:]]


def _title(headline: str | None, deck: str | None, lead: str) -> tuple[str, TitleSource]:
    if headline:
        return headline, TitleSource.LINE
    source, kind = (deck, TitleSource.DECK) if deck else (lead, TitleSource.LEAD)
    # A lead of punctuation alone ("---") compresses to nothing; every page needs a title.
    return compress_headline(source) or " ".join(source.split()[:HEADLINE_MAX_WORDS]), kind


def compress_headline(sentence_text: str) -> str:
    """A headline from a lead sentence: no time words, present tense, at most 14 words."""
    first = (text.sentences(sentence_text) or [sentence_text])[0]
    first = _ATTRIBUTION.sub("", first.rstrip())
    first = _RELATIVE_BEFORE_TIME.sub(" ", first)
    first = _TIME_WORDS.sub("", first).rstrip(" .")
    tokens = first.split()
    if tokens and tokens[0].lower() in {"a", "an", "the"}:
        tokens = tokens[1:]
    tokens = [_PRESENT.get(t, t) for t in tokens]
    tokens = [t for i, t in enumerate(tokens) if not (t in {"were", "was"} and i < 4)]
    tokens = _cut(tokens)
    title = " ".join(tokens).rstrip(",;:—–- ")
    return title[:1].upper() + title[1:]


def _cut(tokens: list[str]) -> list[str]:
    """Cut to HEADLINE_MAX_WORDS at the last clause break that fits."""
    if len(tokens) <= HEADLINE_MAX_WORDS:
        return tokens
    best = HEADLINE_MAX_WORDS
    for i in range(HEADLINE_MAX_WORDS, 3, -1):
        if tokens[i].lower() in _BREAK_BEFORE or tokens[i - 1].endswith(","):
            best = i
            break
    kept = tokens[:best]
    while len(kept) > 4 and kept[-1].lower().strip(",") in _TRAILING_STOP:
        kept.pop()
    return kept
