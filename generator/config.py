"""Loads and validates everything a curator edits in site_config/, once.

In: the site_config/ folder (and `site_url` from the command line or $SITE_URL). Out: a frozen
`SiteConfig`. Every problem found is reported together, each with its file and line and, where
a near miss is likely, the closest valid value; unknown keys are errors. Later stages receive
the validated object and never read site_config/ or the environment themselves, but for the
templates and pages/ that render loads.

The one check that cannot happen here is whether a curation entry names an article that
exists: ids come out of the pipeline. So curation problems are carried in `Curation.problems`
and raised by the curate stage together with any unknown id, all in one report.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.curation import Curation, load_curation
from generator.errors import ConfigError, Problem
from generator.yamlfile import (
    check_keys,
    item_at,
    line_of,
    load_yaml,
    read_utf8,
    text_problem,
    value_at,
)

__all__ = ["SiteConfig", "Topic", "line_of", "load_config", "load_yaml"]

DEFAULT_SITE_URL = "https://news-digest.github.io/news-digest/"
SITE_KEYS = ("title", "description", "site_url", "language")
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
TOPIC_KEYS = ("slug", "name", "qcode", "description", "evidence")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""What a topic slug may be: it names the topic's folder and address (topics/<slug>/)."""
QCODE = re.compile(r"medtop:[0-9]{8}")
"""An IPTC Media Topic: the pages' `iptc:` key, read by feeds and anyone mapping topics."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Topic:
    """A section of the site, mapped onto one IPTC Media Topic."""

    slug: str
    """URL-safe name used in front matter `topics` and in `topics/<slug>/`."""
    name: str
    """Friendly display name."""
    qcode: str
    """IPTC Media Topic qcode, e.g. `medtop:11000000`."""
    description: str = ""
    evidence: tuple[tuple[str, float], ...] = ()
    """Words and phrases that point to this topic, with their weight."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteConfig:
    """The validated contents of site_config/."""

    root: Path
    title: str
    description: str
    site_url: str
    """Absolute address the site is published at, ending in `/` (may include a sub-path)."""
    language: str = "en"
    topics: tuple[Topic, ...] = ()
    geography: dict[str, Any] = field(default_factory=dict)
    """Raw geography overrides (aliases, sub-region overrides), validated by classify."""
    curation: Curation = field(default_factory=lambda: Curation(path=Path("curation.yml")))

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    def topic(self, slug: str) -> Topic:
        return next(t for t in self.topics if t.slug == slug)


# site.yml and topics.yml -------------------------------------------------------


def _load_topics(path: Path, problems: list[Problem]) -> tuple[Topic, ...]:
    data = load_yaml(path)
    if not check_keys(path, data, ("topics",), problems):
        return ()
    entries = data.get("topics") or []
    if not isinstance(entries, list):
        line, column = value_at(data, "topics")
        problems.append(Problem(path, line, "'topics' must be a list of topics", column))
        return ()
    if not entries:  # an emptied file would publish every story without a topic
        message = "no topics: list at least one (the sample's topics.yml shows the form)"
        problems.append(Problem(path, line_of(data, "topics"), message))
        return ()
    topics: list[Topic] = []
    first_line: dict[str, int] = {}
    for index, entry in enumerate(entries):
        line, column = item_at(entries, index, (0, 0))
        if not isinstance(entry, dict):
            message = f"a topic maps {', '.join(TOPIC_KEYS[:-1])} and evidence; found '{entry}'"
            problems.append(Problem(path, line, message, column))
            continue
        topic = _topic(path, entry, problems)
        if topic is None:
            continue
        line, column = value_at(entry, "slug")
        if topic.slug in first_line:
            message = (
                f"topic slug '{topic.slug}' is used twice (also on line {first_line[topic.slug]})"
            )
            problems.append(Problem(path, line, message, column))
            continue
        first_line[topic.slug] = line
        topics.append(topic)
    return tuple(topics)


def _topic(path: Path, entry: dict, problems: list[Problem]) -> Topic | None:
    """One entry of topics.yml, or None when it is unusable (its problems reported)."""
    known = len(problems)
    check_keys(path, entry, TOPIC_KEYS, problems)
    missing = [k for k in ("slug", "name", "qcode") if not entry.get(k)]
    if missing:
        problems.append(Problem(path, line_of(entry, "slug"), f"topic needs {', '.join(missing)}"))
        return None
    if _texts(path, entry, ("slug", "name", "qcode", "description"), problems):
        return None
    _check_codes(path, entry, problems)
    evidence = _evidence(path, entry, problems)
    if len(problems) > known:
        return None
    return Topic(
        slug=entry["slug"],
        name=entry["name"],
        qcode=entry["qcode"],
        description=entry.get("description") or "",
        evidence=evidence,
    )


def _texts(path: Path, entry: dict, keys: tuple[str, ...], problems: list[Problem]) -> list[str]:
    """Those of `keys` the entry gives that are not one line of text, each reported."""
    wrong = []
    for key in keys:
        if entry.get(key) is not None and (message := text_problem(key, entry[key])):
            line, column = value_at(entry, key)
            problems.append(Problem(path, line, message, column))
            wrong.append(key)
    return wrong


def _check_codes(path: Path, entry: dict, problems: list[Problem]) -> None:
    """The topic's qcode is an IPTC Media Topic, and its slug an address."""
    if not QCODE.fullmatch(qcode := entry["qcode"]):
        line, column = value_at(entry, "qcode")
        message = f"qcode '{qcode}' is not an IPTC Media Topic code such as medtop:01000000"
        problems.append(Problem(path, line, message, column))
    if not SLUG.fullmatch(slug := entry["slug"]):
        # The slug is a folder of the site (topics/<slug>/) and part of its address.
        line, column = value_at(entry, "slug")
        message = (
            f"topic slug '{slug}' may hold only a-z, 0-9 and '-' (it is the topic's address), "
            f"e.g. '{_slug_like(slug)}'"
        )
        problems.append(Problem(path, line, message, column))


def _slug_like(text: str) -> str:
    """A valid slug close to `text`, to suggest."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "arts-culture"


def _evidence(path: Path, entry: dict, problems: list[Problem]) -> tuple[tuple[str, float], ...]:
    """A topic's evidence: words and phrases with a finite weight, sorted."""
    words = entry.get("evidence") or {}
    if not isinstance(words, dict):
        line, column = value_at(entry, "evidence")
        message = "'evidence' must map words to weights, e.g. {storm: 2, rain: 1}"
        problems.append(Problem(path, line, message, column))
        return ()
    evidence = []
    for term, weight in words.items():
        # bool is an int to Python, and NaN or infinity would swamp every other score.
        if (
            isinstance(weight, bool)
            or not isinstance(weight, int | float)
            or not math.isfinite(weight)
        ):
            line, column = value_at(words, term)
            message = f"the weight of '{term}' must be a number such as 2 or 0.5, not '{weight}'"
            problems.append(Problem(path, line, message, column))
            continue
        evidence.append((str(term).lower(), float(weight)))
    return tuple(sorted(evidence))


def _site_url(site_path: Path, site: dict, given: str | None, problems: list[Problem]) -> str:
    """The first of --site-url, $SITE_URL, site.yml's site_url, checked to be absolute."""
    env = os.environ.get("SITE_URL") or None
    if given:
        url, where, line = given, "--site-url", None
    elif env:
        url, where, line = env, "SITE_URL (environment variable)", None
    elif site.get("site_url"):
        url, where, line = str(site["site_url"]), str(site_path), line_of(site, "site_url")
    else:
        return DEFAULT_SITE_URL
    parts = urlsplit(url)
    odd = parts.query or parts.fragment or any(c.isspace() for c in url)
    if parts.scheme not in ("http", "https") or not parts.netloc or odd:
        problems.append(
            Problem(
                where,
                line,
                f"site_url '{url}' is not an absolute http(s) address "
                "such as https://user.github.io/repo/",
            )
        )
    return url if url.endswith("/") else url + "/"


def _language(site_path: Path, site: dict, problems: list[Problem]) -> str:
    """site.yml's language: a language tag (`en`, `zh-TW`), which pages declare as their lang
    and the theme reads to pick its words; `english` would reach neither correctly."""
    language = str(site.get("language") or "en")
    if not _LANGUAGE_TAG.fullmatch(language):
        message = f"language '{language}' is not a language tag such as en, fr or zh-TW"
        problems.append(Problem(site_path, line_of(site, "language"), message))
    return language


LISTINGS = ("topics", "regions", "archive", "articles")
"""The content tree's generated folders: a page of pages/ named so would share one's address."""


def _check_pages(folder: Path, problems: list[Problem]) -> None:
    """The hand-written pages (pages/*.md; render copies them): UTF-8 files, none at the
    address of a page the generator makes (MkDocs would keep one of the two unseen)."""
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else ():
        if path.stem == "index":
            message = "the generator makes the home page; its introduction goes in home.md"
            problems.append(Problem(path, None, message))
        elif path.stem in LISTINGS:
            message = f"the generator makes the {path.stem}/ listing at this page's address"
            problems.append(Problem(path, None, f"{message}: rename the file"))
        elif not path.is_file():
            problems.append(Problem(path, None, "is a folder, not a page"))
        else:
            try:
                _check_front_matter(path, read_utf8(path))
            except ConfigError as err:
                problems.extend(err.problems)


_FRONT_MATTER = re.compile(r"-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
"""A page's front matter as MkDocs finds it (mkdocs.utils.meta)."""


def _check_front_matter(path: Path, page: str) -> None:
    """A ConfigError at its line if the page's front matter is not YAML of keys: MkDocs
    publishes such a block as the page's text, without a word."""
    if found := _FRONT_MATTER.match(page):
        # The opening `---` as an empty line: YAML's line numbers are then the file's.
        meta = load_yaml(path, "\n" + found.group(1))
        if not isinstance(meta, dict):
            raise ConfigError([Problem(path, 2, "the front matter must be keys and values")])


def load_config(root: Path, site_url: str | None = None, *, curation: bool = True) -> SiteConfig:
    """Read and validate site_config/. `site_url` (or $SITE_URL) overrides site.yml.

    `curation=False` leaves curation.yml out: golden trees and tests show what the machine
    makes of their own dumps, which the repository's curation decisions do not name.
    """
    problems: list[Problem] = []
    site_path = root / "site.yml"
    site = load_yaml(site_path)
    if not check_keys(site_path, site, SITE_KEYS, problems):
        site = {}
    for key in _texts(site_path, site, SITE_KEYS, problems):
        del site[key]  # YAML read it as a list, a number or yes/no: reported, not used
    topics = _load_topics(root / "topics.yml", problems)
    geography = load_yaml(root / "geography.yml") if (root / "geography.yml").exists() else {}
    url = _site_url(site_path, site, site_url, problems)
    language = _language(site_path, site, problems)
    decisions = root / "curation.yml"
    curated = load_curation(decisions, topics, geography) if curation else Curation(path=decisions)
    _check_pages(root / "pages", problems)
    for name in ("site", "topics", "geography", "curation"):
        if (misnamed := root / f"{name}.yaml").exists():  # its decisions would be lost unseen
            problems.append(Problem(misnamed, None, f"never read: name it {name}.yml"))
    if problems:
        raise ConfigError(problems + list(curated.problems))
    return SiteConfig(
        root=root,
        title=str(site.get("title") or "News Digest"),
        description=str(site.get("description") or ""),
        site_url=url,
        language=language,
        topics=topics,
        geography=geography,
        curation=curated,
    )
