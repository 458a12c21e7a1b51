"""Markdown page: a page's front matter and body -> the bytes of its file in content/.

The format is python-frontmatter's (a YAML block between `---` lines, then the Markdown body);
the YAML is what PyYAML's safe dumper writes, byte for byte, but emitted straight from the
values (`_Emitter`): a node per value through PyYAML's representer was most of render's cost.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Iterable
from typing import Any

import frontmatter
import yaml
import yaml._yaml as yaml_c
import yaml.events as yaml_events

from generator.digest import digest, value_bytes
from generator.model import Page


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """No YAML anchors: a listing's entries are cached dicts, and a page read alone must
    not depend on `&id001` references between its keys."""

    def ignore_aliases(self, data: object) -> bool:
        return True


YAML_WIDTH = 1000
"""Lines the YAML emitter may write before folding a long string: summaries stay one line."""
RESOLVE_CACHE = 1 << 17
"""Front-matter strings whose implicit type is remembered (`_implicit_tag`): keys, chips, URLs
and dates recur on thousands of pages. The 10,000-story archive's front matter holds 71,000
distinct strings; at 16,384 the evictions cost 0.1 of 1.5 CPU s."""
_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "seq", "map"))
_SCALARS: dict[type, tuple[str, Any]] = {
    bool: ("tag:yaml.org,2002:bool", lambda v: "true" if v else "false"),
    int: ("tag:yaml.org,2002:int", str),
    dt.date: ("tag:yaml.org,2002:timestamp", dt.date.isoformat),
    type(None): ("tag:yaml.org,2002:null", lambda v: "null"),
}
"""Front-matter values other than text: their tag and their text, as PyYAML's
SafeRepresenter writes them (`represent_bool`, `represent_int`, `represent_date`,
`represent_none`)."""
_IMPLICIT = yaml.SafeDumper.yaml_implicit_resolvers
"""First character -> (tag, pattern) of the plain scalars that would not read back as text."""


@functools.lru_cache(maxsize=RESOLVE_CACHE)
def _implicit_tag(value: str) -> str:
    """The tag a plain `value` reads back as (PyYAML's `Resolver.resolve`, no path resolvers)."""
    for tag, pattern in _IMPLICIT.get(value[:1], ()):
        if pattern.match(value):
            return tag
    return _STR


class _Emitter:
    """Front matter as YAML: what `yaml.dump(meta, Dumper=_Dumper, sort_keys=False,
    default_flow_style=False, allow_unicode=True, width=YAML_WIDTH)` writes, byte for byte,
    and libyaml's emitter still writes it. PyYAML's representer and serializer in between
    (a node per value, a Python `resolve` call from C twice per string) were 2.5 of render's
    4.1 CPU s of front matter at 10,000 stories; this walks the values and gives libyaml
    the same events they gave, one reused event object each kind.
    Only the types front matter holds (str, bool, int, date, None, list, tuple, dict): anything
    else raises TypeError, and `_Handler.export` falls back to `yaml.dump`."""

    def __init__(self) -> None:
        self.out = io.StringIO()
        self.emitter = yaml_c.CEmitter(self.out, width=YAML_WIDTH, allow_unicode=True)
        self.emit = self.emitter.emit
        # A string is plain when it reads back as text, else quoted (libyaml picks the quotes).
        self.plain = yaml_events.ScalarEvent(None, _STR, (True, True), "")
        self.quoted = yaml_events.ScalarEvent(None, _STR, (False, True), "")
        self.other = yaml_events.ScalarEvent(None, _STR, (True, False), "")
        self.sequence_start = yaml_events.SequenceStartEvent(None, _SEQ, True, flow_style=False)
        self.sequence_end = yaml_events.SequenceEndEvent()
        self.mapping_start = yaml_events.MappingStartEvent(None, _MAP, True, flow_style=False)
        self.mapping_end = yaml_events.MappingEndEvent()

    def document(self, meta: dict[str, object]) -> str:
        self.emit(yaml_events.StreamStartEvent())
        self.emit(yaml_events.DocumentStartEvent(explicit=False))
        self.value(meta)
        self.emit(yaml_events.DocumentEndEvent(explicit=False))
        self.emit(yaml_events.StreamEndEvent())
        return self.out.getvalue()

    def value(self, value: object) -> None:
        kind = type(value)
        if kind is str:
            self.items((value,))
        elif kind is list or kind is tuple:  # a tuple is a list to SafeRepresenter
            self.emit(self.sequence_start)
            self.items(value)  # type: ignore[arg-type]
            self.emit(self.sequence_end)
        elif kind is dict:
            self.emit(self.mapping_start)
            for key, item in value.items():  # type: ignore[attr-defined]
                self.items((key, item))
            self.emit(self.mapping_end)
        elif kind in _SCALARS:
            tag, text = _SCALARS[kind]
            event = self.other
            event.tag = tag
            event.value = written = text(value)
            event.implicit = (_implicit_tag(written) == tag, False)
            self.emit(event)
        else:
            raise TypeError(f"no fast YAML for {kind.__name__}")

    def items(self, values: Iterable[object]) -> None:
        """The values one after the other; strings here, not through `value`: nine values in
        ten are strings, and a call each cost ~0.15 s at 10,000 stories."""
        emit, plain, quoted = self.emit, self.plain, self.quoted
        for item in values:
            if type(item) is str:
                event = plain if _implicit_tag(item) == _STR else quoted
                event.value = item
                emit(event)
            else:
                self.value(item)


class _Handler(frontmatter.YAMLHandler):
    """python-frontmatter's YAML page format, its front matter written by `_Emitter`."""

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        try:
            return _Emitter().document(metadata).strip()
        except TypeError:  # a type `_Emitter` does not know: PyYAML's representer does
            return super().export(metadata, Dumper=_Dumper, sort_keys=False, width=YAML_WIDTH)


_HANDLER = _Handler()


def page_key(path: str, meta: dict[str, object], body: str) -> bytes:
    """Digest of a page's path, front matter (by value and type) and body."""
    return digest(path.encode(), value_bytes(meta), body.encode())


def markdown_page(path: str, meta: dict[str, object], body: str) -> Page:
    post = frontmatter.Post(body)
    post.metadata.update(meta)
    text = frontmatter.dumps(post, handler=_HANDLER) + "\n"
    return Page(path=path, data=text.encode("utf-8"))
