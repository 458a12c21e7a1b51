"""Templates: the curator's Jinja templates in site_config/templates/, and what they see.

In: the site config. Out: the template environment (with the filters the templates use),
`TemplateSite` (the `site` value every template gets) and `fill`, which renders one template
and reports a template the curator broke at its file and line instead of a traceback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import importlib
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jinja2

from generator import markdown_safe
from generator.config import SiteConfig, Topic
from generator.errors import ConfigError, Problem, closest, did_you_mean, template_frame
from generator.render.listings import story_count
from generator.text import long_date


@dataclass(frozen=True, slots=True)
class TemplateSite:
    """What templates see of site_config as `site`: the site's settings and its topics
    without their evidence. Nothing else (curation, geography aliases): the page cache's
    fingerprint (`cache.page_fingerprint`) covers exactly this, so no edit a template could
    show is missed by a run that reuses pages."""

    title: str
    description: str
    site_url: str
    language: str
    topics: tuple[Topic, ...]


def template_site(config: SiteConfig) -> TemplateSite:
    topics = tuple(replace(topic, evidence=()) for topic in config.topics)
    return TemplateSite(config.title, config.description, config.site_url, config.language, topics)


def environment(config: SiteConfig) -> jinja2.Environment:
    """The Jinja environment of the site's templates (one a run: each template is read once),
    with the filters the templates use."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(config.templates),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown output: text is escaped by the `md` filter instead
        keep_trailing_newline=True,
        auto_reload=False,  # read once a run: the up-to-date check stat()ed every page
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Cached: titles, chips and country names recur on many pages.
    env.filters["md"] = functools.lru_cache(maxsize=None)(markdown_safe.inline)
    env.filters["attr"] = markdown_safe.attribute
    env.filters["long_date"] = taking((dt.date, type(None)), "a date", "long_date", long_date)
    env.filters["count"] = taking(int, "a number of stories", "count", story_count)
    return env


class MisusedFilter(jinja2.TemplateRuntimeError):
    """A template gave one of the generator's filters or functions a value it cannot take:
    the template's mistake (told at its line by `fill`), not the generator's."""


def taking(
    kind: type | tuple[type, ...], what: str, name: str, function: Callable[[Any], str]
) -> Callable[[Any], str]:
    """`function`, refusing (MisusedFilter) a value that is not of `kind` (`what`, in words)."""

    def checked(value: Any) -> str:
        if not isinstance(value, kind) or isinstance(value, bool):
            raise MisusedFilter(f"'{name}' takes {what}, not {value!r}")
        return function(value)

    return checked


def fill(env: jinja2.Environment, name: str, context: dict[str, object]) -> str:
    """Template `name` rendered with `context`. A template that does not compile, names
    something it is not given or fails in its own code is the curator's to fix: a
    ConfigError at its line. An error raised in the generator's own code (a filter) is not
    the template's, and goes on as it is."""
    try:
        return env.get_template(name).render(context)
    except Exception as error:
        problem = _problem(env, name, error)
        if problem is None:
            raise
        raise ConfigError([problem]) from None


def _problem(env: jinja2.Environment, name: str, error: Exception) -> Problem | None:
    folder = _folder(env)
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = Path(error.filename) if error.filename else folder / name
        return Problem(where, error.lineno, f"template error: {error.message}")
    frames = [(f.filename, f.lineno) for f in traceback.extract_tb(error.__traceback__)]
    jinja = isinstance(error, jinja2.TemplateError)
    if (found := template_frame(frames, folder, jinja)) is not None:
        message = f"template error: {error}{_hint(str(error))}"
        return Problem(Path(found[0]), found[1], message)
    if jinja:  # no template's code ran: the template itself is missing
        return Problem(folder / name, None, f"template error: no such template ({error})")
    return None


FIELD_CUTOFF = 0.75
"""Stricter than `errors.CLOSE_ENOUGH`: field names are short, and two short names share a
large share of their letters without one being a misspelling of the other."""
_NO_ATTRIBUTE = re.compile(r"'(?P<type>generator\.[\w.]+) object' has no attribute '(?P<name>\w+)'")
"""Jinja's message for a name a value the generator passes (`site`, `article`...) lacks."""


def _hint(message: str) -> str:
    """The field a misspelt name of one of the generator's values most likely meant, or
    the fields it has."""
    if (found := _NO_ATTRIBUTE.fullmatch(message)) is None:
        return ""
    module, _, name = found["type"].rpartition(".")
    kind = getattr(importlib.import_module(module), name, None)
    if kind is None or not dataclasses.is_dataclass(kind):
        return ""
    fields = [field.name for field in dataclasses.fields(kind)]
    close = closest(found["name"], fields, cutoff=FIELD_CUTOFF)
    return did_you_mean(close) if close else f" (it has {', '.join(fields)})"


def _folder(env: jinja2.Environment) -> Path:
    loader = env.loader
    assert isinstance(loader, jinja2.FileSystemLoader)
    return Path(loader.searchpath[0]).resolve()
