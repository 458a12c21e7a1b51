"""Loads and validates everything a curator edits in site_config/, once.

In: the site_config/ folder. Out: a frozen `SiteConfig`. Every problem found is reported
together, each with its file and line; unknown keys are errors. Later stages receive the
validated object and never read files or the environment themselves.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ConfigError, Problem

DEFAULT_SITE_URL = "https://news-digest.github.io/news-digest/"


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
    language: str = "en"
    topics: tuple[Topic, ...] = ()
    geography: dict[str, Any] = field(default_factory=dict)
    """Raw geography overrides (aliases, sub-region overrides), validated by classify."""
    curation: dict[str, Any] = field(default_factory=dict)
    """Raw curation decisions, validated by curate."""

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    def topic(self, slug: str) -> Topic:
        return next(t for t in self.topics if t.slug == slug)


class _Loader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping key."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = _LineDict(loader.construct_mapping(node, deep=True))
    mapping.lines = {
        loader.construct_object(k, deep=True): k.start_mark.line + 1 for k, _ in node.value
    }
    return mapping


class _LineDict(dict):
    """A dict that knows the line each of its keys was written on."""

    lines: dict[Any, int]


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def line_of(mapping: Any, key: Any) -> int | None:
    """The line `key` was written on in `mapping`, when the mapping came from load_yaml."""
    return getattr(mapping, "lines", {}).get(key)


def load_yaml(path: Path) -> Any:
    """Parse one YAML file, turning parser errors into a located ConfigError."""
    try:
        text = path.read_text(encoding="utf-8")
        return yaml.load(text, Loader=_Loader) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(err, "problem", None) or str(err)
        raise ConfigError([Problem(path, line, f"invalid YAML: {reason}")]) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError([Problem(path, None, f"cannot read: {err}")]) from None


def _check_keys(path: Path, mapping: Any, allowed: set[str], problems: list[Problem]) -> None:
    if not isinstance(mapping, dict):
        problems.append(Problem(path, None, "expected a mapping of keys to values"))
        return
    for key in sorted(set(mapping) - allowed, key=str):
        hint = ", ".join(sorted(allowed))
        problems.append(Problem(path, line_of(mapping, key), f"unknown key '{key}' ({hint})"))


def _load_topics(path: Path, problems: list[Problem]) -> tuple[Topic, ...]:
    data = load_yaml(path)
    _check_keys(path, data, {"topics"}, problems)
    topics = []
    for entry in data.get("topics") or []:
        allowed = {"slug", "name", "qcode", "description", "evidence"}
        _check_keys(path, entry, allowed, problems)
        line = line_of(entry, "slug")
        missing = [k for k in ("slug", "name", "qcode") if not entry.get(k)]
        if missing:
            problems.append(Problem(path, line, f"topic needs {', '.join(missing)}"))
            continue
        evidence = tuple(
            (str(term).lower(), float(weight))
            for term, weight in sorted((entry.get("evidence") or {}).items())
        )
        topics.append(
            Topic(
                slug=str(entry["slug"]),
                name=str(entry["name"]),
                qcode=str(entry["qcode"]),
                description=str(entry.get("description") or ""),
                evidence=evidence,
            )
        )
    slugs = [t.slug for t in topics]
    for slug in sorted({s for s in slugs if slugs.count(s) > 1}):
        problems.append(Problem(path, None, f"topic slug '{slug}' is used twice"))
    return tuple(topics)


def load_config(root: Path, site_url: str | None = None) -> SiteConfig:
    """Read and validate site_config/. `site_url` (or $SITE_URL) overrides site.yml."""
    problems: list[Problem] = []
    site_path = root / "site.yml"
    site = load_yaml(site_path)
    _check_keys(site_path, site, {"title", "description", "site_url", "language"}, problems)
    topics = _load_topics(root / "topics.yml", problems)
    geography = load_yaml(root / "geography.yml") if (root / "geography.yml").exists() else {}
    curation = load_yaml(root / "curation.yml") if (root / "curation.yml").exists() else {}
    if problems:
        raise ConfigError(problems)
    url = site_url or os.environ.get("SITE_URL") or site.get("site_url") or DEFAULT_SITE_URL
    return SiteConfig(
        root=root,
        title=str(site.get("title") or "News Digest"),
        description=str(site.get("description") or ""),
        site_url=url if url.endswith("/") else url + "/",
        language=str(site.get("language") or "en"),
        topics=topics,
        geography=geography,
        curation=curation,
    )
