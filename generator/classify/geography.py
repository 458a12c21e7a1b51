"""Validates site_config/geography.yml into a `Gazetteer`: every problem reported at once.

In: the raw mapping config.py loaded (it remembers the line of each key). Out: a Gazetteer.
Unknown keys and unknown country codes are errors naming the file and line, with a
suggestion when a code is a near miss ("UK" -> "GB").
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

import pycountry

from generator.classify.places import Gazetteer, phrase_key
from generator.config import SiteConfig, line_of
from generator.errors import ConfigError, Problem
from generator.yamlfile import check_duplicates, text_problem, value_at

_KEYS = {
    "aliases",
    "demonyms",
    "ambiguous",
    "person_names",
    "stopwords",
    "subregions",
    "regions",
    "sources",
}
_CODES = frozenset(c.alpha_2 for c in pycountry.countries)
_DIGIT_IN_WORD = re.compile(r"[^\W\d_]\d|\d[^\W\d_]")
"""A digit against a letter ("M23", "3M"). Place phrases are read as words of letters, so
"M23" would be looked up as "M", which stands alone in "Jay M. Smith" and "3M". A number
that is a word of its own ("Ligue 1") is skipped on both sides and does no harm."""


def gazetteer_from_config(config: SiteConfig) -> Gazetteer:
    """The run's gazetteer, or a ConfigError listing every problem in geography.yml."""
    path = config.root / "geography.yml"
    raw: Any = config.geography or {}
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        raise ConfigError([Problem(path, None, "expected a mapping of keys to values")])
    for key in sorted(set(raw) - _KEYS, key=str):
        hint = ", ".join(sorted(_KEYS))
        problems.append(Problem(path, line_of(raw, key), f"unknown key '{key}' ({hint})"))
    check_duplicates(path, raw, problems)
    aliases, demonyms, ambiguous = _phrase_tables(raw, path, problems)
    subregions, regions, sources = _code_tables(raw, path, problems)
    person_names = _names(raw, "person_names", path, problems)
    stopwords = _names(raw, "stopwords", path, problems)
    for level, table in (("subregion", subregions), ("region", regions)):
        _check_names(table, level, path, problems)
    if problems:
        raise ConfigError(problems)
    return Gazetteer(
        aliases={str(k): (str(v) if v is not None else None) for k, v in aliases.items()},
        demonyms={str(k): str(v) for k, v in demonyms.items() if v is not None},
        ambiguous={str(k): tuple(str(c) for c in v) for k, v in ambiguous.items()},
        person_names=person_names,
        stopwords=stopwords,
        subregion_overrides={str(k): str(v) for k, v in subregions.items()},
        region_overrides={str(k): str(v) for k, v in regions.items()},
        home={str(k): str(v) for k, v in sources.items()},
    )


def _phrase_tables(raw: dict, path: Path, problems: list[Problem]) -> tuple[dict, dict, dict]:
    """geography.yml's aliases, demonyms and ambiguous phrases, each checked: the phrases and
    the country codes they name."""
    aliases = _mapping(raw, "aliases", path, problems)
    demonyms = _mapping(raw, "demonyms", path, problems)
    ambiguous = _mapping(raw, "ambiguous", path, problems)
    for table in (aliases, demonyms, ambiguous):
        _check_phrases(table, path, problems)
    for table in (aliases, demonyms):
        for phrase, code in table.items():
            if code is not None:
                _check_code(code, path, line_of(table, phrase), problems)
    for phrase, codes in ambiguous.items():
        if not isinstance(codes, list) or not codes:
            problems.append(Problem(path, line_of(ambiguous, phrase), "expected a list of codes"))
            continue
        for code in codes:
            _check_code(code, path, line_of(ambiguous, phrase), problems)
    return aliases, demonyms, ambiguous


def _code_tables(raw: dict, path: Path, problems: list[Problem]) -> tuple[dict, dict, dict]:
    """geography.yml's subregion and region overrides and its sources' home countries, keyed
    by country code (the sources by name), each checked."""
    subregions = _mapping(raw, "subregions", path, problems)
    regions = _mapping(raw, "regions", path, problems)
    sources = _mapping(raw, "sources", path, problems)
    for name, code in sources.items():
        _check_code(code, path, line_of(sources, name), problems)
    for table in (subregions, regions, sources):
        check_duplicates(path, table, problems)
    for table in (subregions, regions):
        for code in table:
            _check_code(code, path, line_of(table, code), problems)
    return subregions, regions, sources


def _mapping(raw: dict, key: str, path: Path, problems: list[Problem]) -> dict:
    value = raw.get(key) or {}
    if not isinstance(value, dict):
        problems.append(Problem(path, line_of(raw, key), f"'{key}' must be a mapping"))
        return {}
    return value


def _check_phrases(table: dict, path: Path, problems: list[Problem]) -> None:
    """Each phrase written once, and holding a word: the text is matched word by word, so a
    phrase of digits or punctuation alone could never match (and broke the phrase table)."""
    check_duplicates(path, table, problems)
    for phrase in table:
        key = phrase_key(str(phrase))
        if not key:
            message = f"the phrase '{phrase}' has no word in it (letters), so it can never match"
            problems.append(Problem(path, line_of(table, phrase), message))
        elif _DIGIT_IN_WORD.search(str(phrase)):
            message = (
                f"the phrase '{phrase}' has digits in a word; digits are not read, "
                f"so it would match '{key}'"
            )
            problems.append(Problem(path, line_of(table, phrase), message))


def _names(raw: dict, key: str, path: Path, problems: list[Problem]) -> frozenset[str]:
    """A list of names; a bare name would otherwise be read as its letters."""
    value = raw.get(key) or []
    if not isinstance(value, list):
        message = f"'{key}' must be a list of names, e.g. [Jordan, Chad]"
        problems.append(Problem(path, line_of(raw, key), message))
        return frozenset()
    return frozenset(str(name) for name in value)


def _check_names(table: dict, level: str, path: Path, problems: list[Problem]) -> None:
    """A sub-region or region override names its place as text: YAML reads `[Asia, Europe]`
    as a list, which made a region named Python's text for it. (Names are not checked
    against UN M49's: `East Asia` for `Eastern Asia` is a curator's choice, not a typo.)"""
    for code, name in table.items():
        if message := text_problem(f"{level} of {code}", name):
            line, column = value_at(table, code)
            problems.append(Problem(path, line, message, column))


def _check_code(code: Any, path: Path, line: int | None, problems: list[Problem]) -> None:
    if str(code) in _CODES:
        return
    near = difflib.get_close_matches(str(code).upper(), sorted(_CODES), n=1)
    hint = {"UK": "GB"}.get(str(code)) or (near[0] if near else None)
    suggestion = f" (did you mean '{hint}'?)" if hint else ""
    problems.append(Problem(path, line, f"unknown country code '{code}'{suggestion}"))
