"""What every classifier in this package counts: where in an article a clue was found.

The lead of a news story says what it is about; the body adds background. Both the topic
and the place classifiers read an article as zones, and record every clue they count as an
`Evidence` so that `python -m generator explain` can show why a decision was made.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from generator import text
from generator.model import Article, TitleSource


class Zone(StrEnum):
    """Where a clue was found, strongest first."""

    DATELINE = "dateline"
    LEAD = "lead"
    BODY = "body"


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """One clue counted for a topic or a country."""

    target: str
    """The topic slug or country code the clue points to."""
    phrase: str
    """The words of the article that were matched."""
    why: str
    """The rule or vocabulary that matched (a kind of place, a topic term)."""
    zone: Zone
    weight: float


def zones(article: Article) -> tuple[tuple[Zone, str], ...]:
    """(zone, text) pairs: kicker, deck, a headline line and the first sentence are the lead.

    A title compressed from the lead or the deck repeats them, so it is not counted twice.
    """
    lead_parts = [article.kicker or "", article.deck or ""]
    if article.title_source in (TitleSource.LINE, TitleSource.CURATOR):
        lead_parts.insert(0, article.title)
    first, rest = "", list(article.paragraphs)
    if rest:
        sentences = text.sentences(rest[0]) or [rest[0]]
        first = sentences[0]
        rest[0] = " ".join(sentences[1:])
    lead = " ".join(p for p in [*lead_parts, first] if p)
    return ((Zone.LEAD, lead), (Zone.BODY, "\n".join(p for p in rest if p)))
