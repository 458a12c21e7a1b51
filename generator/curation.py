"""The schema of site_config/curation.yml: a curator's decisions, validated and located.

In: the file, the site's topics and the geography overrides. Out: a frozen `Curation` holding
one `Decision` per article id and every problem found, each as `file:line:column` with the
closest valid value. The format is fixed (evaluation tools write it):

    articles:
      3f9a1c0d2b7e: {title: ..., summary: ..., hide: true, pin: true,
                     topics: [politics], countries: [TW, JP], date: 2025-07-29, note: ...}

Whether an id names a real article is checked by the curate stage, which alone knows the ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pycountry

from generator import yamlfile
from generator.errors import Problem, closest, did_you_mean
from generator.text import SUMMARY_MAX
from generator.yamlfile import Mark

if TYPE_CHECKING:
    from generator.config import Topic

KEYS = ("title", "summary", "hide", "pin", "topics", "countries", "date", "note")
"""The decisions a curator can take about one article."""
COUNTRY_CODE_MISTAKES = {"UK": "GB", "EL": "GR"}
"""Codes in common use that are not ISO 3166-1 alpha-2 (EU usage), with the ISO code meant;
difflib cannot find these because all two-letter codes look alike to it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """What a curator decided about one article; None means "leave as the machine made it"."""

    id: str
    """The article id the decision is about (the page's front matter `id`)."""
    line: int
    """Line of curation.yml where the entry starts, for messages."""
    title: str | None = None
    summary: str | None = None
    """Shown under the title in listings and feeds and as the page's description."""
    hide: bool = False
    """Not published: no page, no listing, no feed, no search entry."""
    pin: bool = False
    """First on the home page."""
    topics: tuple[str, ...] | None = None
    """Site topic slugs, primary first."""
    countries: tuple[str, ...] | None = None
    """ISO 3166-1 alpha-2 codes, focus first."""
    date: dt.date | None = None
    note: str | None = None
    """An editor's note shown on the page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Curation:
    """The validated site_config/curation.yml."""

    path: Path
    decisions: tuple[Decision, ...] = ()
    """At most one per article id, sorted by id."""
    problems: tuple[Problem, ...] = ()
    """What is wrong with the file; the curate stage reports these with any unknown id."""


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """What curation values may be, and hints for suggesting the one that was meant."""

    topics: frozenset[str]
    topic_hints: dict[str, str]
    """Lower-case slug or display name -> slug."""
    topic_words: dict[str, str]
    """Evidence word (topics.yml) -> the slug it weighs most for."""
    countries: frozenset[str]
    country_hints: dict[str, str]
    """Lower-case alpha-3, name or geography alias -> alpha-2 code."""

    def suggest_topic(self, value: str) -> str | None:
        key = value.strip().lower()
        match = key if key in self.topic_hints else closest(key, self.topic_hints)
        if match:
            return self.topic_hints[match]
        # A word the topic is evidence for ("defence" -> conflict) names what was meant.
        match = key if key in self.topic_words else closest(key, self.topic_words)
        return self.topic_words[match] if match else None

    def suggest_country(self, value: str) -> str | None:
        key = value.strip()
        if key.upper() in self.countries:
            return key.upper()
        if key.upper() in COUNTRY_CODE_MISTAKES:
            return COUNTRY_CODE_MISTAKES[key.upper()]
        key = key.lower()
        match = key if key in self.country_hints else closest(key, self.country_hints)
        return self.country_hints[match] if match else None


def _vocabulary(topics: Iterable[Topic], geography: Any) -> _Vocabulary:
    topics = tuple(topics)
    topic_hints = {t.name.lower(): t.slug for t in topics} | {t.slug: t.slug for t in topics}
    weighted = sorted((-w, t.slug, term) for t in topics for term, w in t.evidence)
    topic_words: dict[str, str] = {}
    for _, slug, term in weighted:
        topic_words.setdefault(term, slug)
    geography = _mapping(geography)
    # A country the gazetteer is told to place (e.g. XK) is as valid as an ISO one.
    extra = {str(code) for code in _mapping(geography.get("subregions"))}
    countries = frozenset({c.alpha_2 for c in pycountry.countries} | extra)
    hints: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("alpha_3", "name", "common_name", "official_name"):
            if getattr(country, attr, None):
                hints[getattr(country, attr).lower()] = country.alpha_2
    for phrase, code in _mapping(geography.get("aliases")).items():
        if str(code) in countries:
            hints.setdefault(str(phrase).lower(), str(code))
    slugs = frozenset(t.slug for t in topics)
    return _Vocabulary(slugs, topic_hints, topic_words, countries, hints)


def _mapping(value: object) -> dict[Any, Any]:
    """A geography.yml section as a mapping; any other value as none (classify's loading
    of the file reports it at its line: here it only widens what curation accepts)."""
    return value if isinstance(value, dict) else {}


class _EntryChecker:
    """Validates the entries of `articles:`; problems go to one shared list, located."""

    def __init__(self, path: Path, vocab: _Vocabulary, problems: list[Problem]):
        self.path, self.vocab, self.problems = path, vocab, problems

    def problem(self, at: Mark, message: str) -> None:
        self.problems.append(Problem(self.path, at[0], message, at[1]))

    def decision(self, article_id: str, line: int, entry: Any) -> Decision:
        """The entry's valid decisions; anything invalid is left out and reported."""
        if entry is None:
            return Decision(id=article_id, line=line)
        if not isinstance(entry, dict):
            self.problem((line, 0), f"the entry for '{article_id}' must map keys to decisions")
            return Decision(id=article_id, line=line)
        yamlfile.check_keys(self.path, entry, KEYS, self.problems)
        values = {
            k: self.check(k, entry[k], yamlfile.value_at(entry, k)) for k in KEYS if k in entry
        }
        valid = {k: v for k, v in values.items() if v is not None}
        return Decision(id=article_id, line=line, **valid)

    def check(self, key: str, value: Any, at: Mark) -> Any:
        if key in ("title", "summary", "note"):
            return self.text(key, value, at)
        if key in ("hide", "pin"):
            if not isinstance(value, bool):
                self.problem(at, f"'{key}' must be true or false, not '{value}'")
            return bool(value)
        if key == "date":
            return self.date(value, at)
        return self.codes(key, value, at)

    def text(self, key: str, value: Any, at: Mark) -> str | None:
        if isinstance(value, str) and yamlfile.shows_nothing(value):
            self.problem(at, f"'{key}' is empty: write the text, or remove the key")
            return None
        if message := yamlfile.text_problem(key, value):
            self.problem(at, message)
            return None
        text = " ".join(value.split())
        if key == "summary" and len(text) > SUMMARY_MAX:
            # listings show fifty summaries a page, feeds one an entry
            self.problem(at, f"'summary' is longer than {SUMMARY_MAX} characters: shorten it")
            return None
        return text

    def date(self, value: Any, at: Mark) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and (day := yamlfile.iso_date(value)) is not None:
            return day  # a quoted date is still a date
        self.problem(at, f"'date' must be a real date written YYYY-MM-DD, not '{value}'")
        return None

    def codes(self, key: str, value: Any, at: Mark) -> tuple[str, ...]:
        """A list of topic slugs or country codes: each known, none twice."""
        if isinstance(value, str):  # `topics: politics` means a list of one
            value = [value]
        if not isinstance(value, list):
            example = "[politics, conflict]" if key == "topics" else "[TW, JP]"
            self.problem(at, f"'{key}' must be a list, e.g. {example}")
            return ()
        if key == "topics" and not value:
            self.problem(at, "'topics' needs at least one topic slug")
        known = self.vocab.topics if key == "topics" else self.vocab.countries
        items = [str(v) for v in value]
        for index, item in enumerate(items):
            where = yamlfile.item_at(value, index, at)
            if item not in known:
                self.unknown(key, item, where)
            elif items.index(item) < index:
                self.problem(where, f"'{item}' is listed twice in '{key}'")
        return tuple(items)

    def unknown(self, key: str, item: str, at: Mark) -> None:
        # Nothing close: a far-fetched guess would mislead, so say what is valid instead.
        if key == "topics":
            slugs = ", ".join(sorted(self.vocab.topics))
            hint = did_you_mean(self.vocab.suggest_topic(item)) or f" (valid topics: {slugs})"
            self.problem(at, f"unknown topic '{item}'{hint}")
        else:
            hint = did_you_mean(self.vocab.suggest_country(item)) or " (not an ISO 3166-1 code)"
            self.problem(at, f"unknown country code '{item}'{hint}")


def load_curation(path: Path, topics: Iterable[Topic], geography: Any) -> Curation:
    """Read and check curation.yml (a missing file means no decisions)."""
    problems: list[Problem] = []
    data = yamlfile.load_yaml(path) if path.exists() else {}
    if not yamlfile.check_keys(path, data, ("articles",), problems):
        return Curation(path=path, problems=tuple(problems))
    entries = data.get("articles") or {}
    if not isinstance(entries, dict):
        line, column = yamlfile.value_at(data, "articles")
        problems.append(Problem(path, line, "'articles' must map article ids to decisions", column))
        entries = {}
    checker = _EntryChecker(path, _vocabulary(topics, geography), problems)
    for key, (line, column), hidden in yamlfile.duplicates(entries):
        first = yamlfile.key_at(entries, key)[0]
        message = f"id '{key}' is given twice (also on line {first})"
        problems.append(Problem(path, line, message, column))
        checker.decision(str(key), line, hidden)  # still report what is wrong inside it
    decisions = [
        checker.decision(yamlfile.raw_key(entries, key), yamlfile.key_at(entries, key)[0], entry)
        for key, entry in entries.items()
    ]
    return Curation(
        path=path,
        decisions=tuple(sorted(decisions, key=lambda d: d.id)),
        problems=tuple(sorted(problems, key=lambda p: p.sort_key)),
    )
