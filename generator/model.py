"""The values handed from one pipeline stage to the next.

Every value is a frozen dataclass: stages build new values with `dataclasses.replace`
and never mutate what they were given. Everything from ingest on carries where it came
from, so a curator can always trace a page back to the lines of the dump it was made of.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from dataclasses import dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

C = TypeVar("C", bound=type)


def frozen(cls: C) -> C:
    """A frozen, slotted, keyword-only dataclass whose pickled state is a plain tuple.

    The story cache unpickles every story of the archive on each run (~40,000 objects at
    10,000 stories). The state methods dataclasses gives a frozen slotted class look up
    `fields()` for every object: these read the names once per class (the story cache's
    unpickling 0.24 -> 0.15 CPU s at 10,000 stories)."""
    made = dataclass(frozen=True, slots=True, kw_only=True)(cls)
    names = tuple(f.name for f in fields(made))
    made.__getstate__ = _state_of(names)
    made.__setstate__ = _restorer(names)
    return made


def _state_of(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    get = operator.attrgetter(*names)
    if len(names) == 1:  # attrgetter of one name gives the value alone, not a tuple
        return lambda self: (get(self),)
    return lambda self: get(self)  # a function, so that it binds as a method


def _restorer(names: tuple[str, ...]) -> Callable[[Any, tuple[Any, ...]], None]:
    def restore(self: Any, state: tuple[Any, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)  # the class is frozen: its own setattr refuses

    return restore


@frozen
class DumpMeta:
    """What the sidecar `<name>.meta.yml` (or the file name) says about a dump."""

    date: dt.date | None = None
    """The day the dump was collected; every article in it defaults to this date."""
    source: str | None = None
    """Human name of the site the text was taken from."""
    url: str | None = None
    """Address of the page the text was taken from."""


@frozen
class Dump:
    """One decoded input file: text lines with line ends and BOM removed."""

    name: str
    """File name relative to the dumps folder, e.g. `000_9d3f2b9905a01c03.txt`."""
    path: Path
    """Where the file was read from (for messages)."""
    meta: DumpMeta
    lines: tuple[str, ...]
    """Physical lines, 1-based line n is `lines[n - 1]`."""
    encoding: str = "utf-8"
    """The encoding the bytes were decoded from."""


@frozen
class SourceRef:
    """A run of physical lines in one dump, 1-based and inclusive."""

    dump: str
    first: int
    last: int


@frozen
class Span:
    """The lines segment decided form one article."""

    dump: Dump
    first: int
    """1-based first line (inclusive)."""
    last: int
    """1-based last line (inclusive)."""

    @property
    def lines(self) -> tuple[str, ...]:
        return self.dump.lines[self.first - 1 : self.last]

    @property
    def ref(self) -> SourceRef:
        return SourceRef(dump=self.dump.name, first=self.first, last=self.last)


class TitleSource(StrEnum):
    """Where an article's title came from, best first."""

    LINE = "line"
    """A headline line in the dump."""
    DECK = "deck"
    """The deck after an ALL-CAPS kicker."""
    LEAD = "lead"
    """Compressed from the first sentence."""
    CURATOR = "curator"
    """Set in site_config/curation.yml."""


@frozen
class Article:
    """One story, as extracted and then enriched by the later stages."""

    id: str
    """Stable 12-hex-digit id derived from the opening words of the body."""
    title: str
    title_source: TitleSource
    paragraphs: tuple[str, ...]
    """Body paragraphs, plain text (never markup)."""
    sources: tuple[SourceRef, ...]
    date: dt.date | None = None
    kicker: str | None = None
    deck: str | None = None
    summary: str = ""
    truncated: bool = False
    """True when the dump held only the start of the story."""
    photo_credits: tuple[str, ...] = ()
    dateline: str | None = None
    byline: str | None = None
    source_names: tuple[str, ...] = ()
    """Human names of the sites the story was found on."""
    # Filled by classify.
    iptc: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    # Filled by curate.
    pinned: bool = False
    hidden: bool = False
    note: str | None = None
    edited: tuple[str, ...] = ()
    """Names of the fields a curator changed, for the page's notice."""

    @property
    def first_source(self) -> SourceRef:
        return self.sources[0]


@frozen
class AuditEntry:
    """A non-blank line that did not become part of any article, and why."""

    ref: SourceRef
    reason: str


@frozen
class Page:
    """A file the render stage wants written under the output folder."""

    path: str
    """POSIX path relative to the output folder."""
    data: bytes
