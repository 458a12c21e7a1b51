"""YAML files a curator edits, loaded with the position of every key, value and list item.

Messages about site_config/ and sidecars name `file:line:column`; PyYAML forgets positions
once it has built Python values, so this loader keeps them beside the values.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ConfigError, Problem, closest, did_you_mean, line_at

MAX_EXPANSION = 100_000
"""Values that aliases may add to a file beyond those written in it: a merge key or a shared
list adds a few; ten anchors of ten aliases each would add ten billion."""

Mark = tuple[int, int]
"""A 1-based (line, column) in a YAML file; (0, 0) when unknown."""


class _Loader(yaml.SafeLoader):
    """A safe loader that remembers where every key, value and list item was written."""


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):  # type: ignore[misc]
    """The same, reading with libyaml: ten times faster, and a run reads a sidecar per dump.
    Its error messages are worded differently, so a file it rejects is read again by
    `_Loader` for the message."""


class _LineDict(dict):
    """A dict that knows where each of its keys and values was written."""

    lines: dict[Any, int]
    """Key -> line of the key (what `line_of` returns)."""
    marks: dict[Any, Mark]
    value_marks: dict[Any, Mark]
    raw_keys: dict[Any, str]
    """Key -> the key exactly as written: an id such as 012345670123 loads as a number."""
    duplicates: list[tuple[Any, Mark, Any]]
    """Keys written again (YAML keeps only the last value): key, where, the value it hid."""


class _LineList(list):
    """A list that knows where each of its items was written."""

    marks: list[Mark]


def _mark(node: yaml.Node) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _LineDict:
    """Like SafeConstructor's, but the first of two equal keys wins and the second is kept
    aside in `duplicates`, so both can be reported and checked."""
    loader.flatten_mapping(node)  # resolves `<<` merge keys as the safe loader does
    mapping = _LineDict()
    mapping.lines, mapping.marks, mapping.value_marks, mapping.raw_keys = {}, {}, {}, {}
    mapping.duplicates = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                None, None, "a key cannot be a list or a mapping", key_node.start_mark
            )
        value = loader.construct_object(value_node, deep=True)
        if key in mapping:
            mapping.duplicates.append((key, _mark(key_node), value))
            continue
        mapping[key] = value
        mapping.lines[key] = key_node.start_mark.line + 1
        mapping.marks[key] = _mark(key_node)
        mapping.value_marks[key] = _mark(value_node)
        mapping.raw_keys[key] = str(key_node.value)
    return mapping


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> _LineList:
    items = _LineList(loader.construct_sequence(node, deep=True))
    items.marks = [_mark(item) for item in node.value]
    return items


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    """A date-looking value that is not a real date stays text, for a located message later."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return str(node.value)


for _loader in (_Loader, _FastLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_date(text: str) -> dt.date | None:
    """`text` as the calendar date it writes as YYYY-MM-DD, else None (Python 3.11's own
    parser also takes `20250729` and `2025-W31-2`, which the messages do not ask for)."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def load_yaml(path: Path, text: str | None = None) -> Any:
    """Parse one YAML file (or its `text`, already read), turning parser errors into a
    located ConfigError."""
    if text is None:
        text = read_utf8(path)
    try:
        return _load(path, text, _FastLoader) or {}
    except yaml.YAMLError as fast_error:
        try:  # the same file again for PyYAML's own wording of the message
            return _load(path, text, _Loader) or {}
        except yaml.YAMLError as err:
            raise _invalid(path, err) from None
        except RecursionError:  # nested deeper than Python's parser can go: libyaml's words
            raise _invalid(path, fast_error) from None


def _load(path: Path, text: str, loader_class: type[_Loader]) -> Any:
    """yaml.load, but a document whose aliases would multiply it is refused before any of
    its values is built, as every later check walks the values with the aliases written out."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "*" in text:  # an alias is written `*name`: without one nothing is repeated
            _check_expansion(path, node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _invalid(path: Path, err: yaml.YAMLError) -> ConfigError:
    mark = getattr(err, "problem_mark", None)
    line = mark.line + 1 if mark else None
    reason = getattr(err, "problem", None) or str(err)
    return ConfigError([Problem(path, line, f"invalid YAML: {reason}")])


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_expansion(path: Path, root: yaml.Node) -> None:
    """Raise a ConfigError when aliases make the document hold more than MAX_EXPANSION values
    beyond those written in it (a "billion laughs": ten anchors of ten aliases each).

    Sizes are counted once per node, from the leaves up and without recursion (a deeply
    nested file must not exhaust Python's stack here either)."""
    size: dict[int, int] = {}
    uses: dict[int, int] = {}
    entered: dict[int, yaml.Node] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            # A node that holds itself (a recursive alias) counts once: .get(..., 0).
            size[id(node)] = 1 + sum(size.get(id(child), 0) for child in _children(node))
            continue
        if id(node) in entered:
            continue
        entered[id(node)] = node
        stack.append((node, True))
        for child in _children(node):
            uses[id(child)] = uses.get(id(child), 0) + 1
            stack.append((child, False))
    if size[id(root)] - len(size) <= MAX_EXPANSION:
        return
    shared = [entered[key] for key, count in uses.items() if count > 1]
    worst = max(shared, key=lambda node: size[id(node)])
    message = (
        f"the anchor here is repeated by aliases into more than {MAX_EXPANSION} values; "
        "write the values out instead"
    )
    raise ConfigError([Problem(path, worst.start_mark.line + 1, message)])


def read_utf8(path: Path) -> str:
    """The text of a file a person edits; a ConfigError says why it cannot be had, in the
    words of the other messages rather than Python's."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise ConfigError([Problem(path, None, f"cannot read: {err.strerror}")]) from None
    return utf8_text(path, raw)


def utf8_text(path: Path, raw: bytes) -> str:
    """`raw`, the bytes of `path`, as UTF-8 text, or a ConfigError naming the line at fault."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        where = f"byte 0x{raw[err.start]:02x} at {err.start}"
        message = f"not UTF-8 ({where}); save the file as UTF-8"
        raise ConfigError([Problem(path, line_at(raw, err.start), message)]) from None


def line_of(mapping: Any, key: Any) -> int | None:
    """The line `key` was written on in `mapping`, when the mapping came from load_yaml."""
    return getattr(mapping, "lines", {}).get(key)


def key_at(mapping: Any, key: Any) -> Mark:
    return getattr(mapping, "marks", {}).get(key, (0, 0))


def value_at(mapping: Any, key: Any) -> Mark:
    return getattr(mapping, "value_marks", {}).get(key, (0, 0))


def item_at(items: Any, index: int, fallback: Mark) -> Mark:
    marks = getattr(items, "marks", [])
    return marks[index] if index < len(marks) else fallback


def raw_key(mapping: Any, key: Any) -> str:
    """The key as the curator typed it (leading zeros and all)."""
    return getattr(mapping, "raw_keys", {}).get(key, str(key))


def duplicates(mapping: Any) -> list[tuple[Any, Mark, Any]]:
    return getattr(mapping, "duplicates", [])


def check_keys(path: Path, mapping: Any, allowed: tuple[str, ...], problems: list[Problem]) -> bool:
    """Report unknown and repeated keys; False when `mapping` is not a mapping at all."""
    if not isinstance(mapping, dict):
        problems.append(Problem(path, None, f"expected a mapping with keys {', '.join(allowed)}"))
        return False
    for key in sorted(set(mapping) - set(allowed), key=str):
        line, column = key_at(mapping, key)
        hint = did_you_mean(closest(str(key), allowed)) or f" (valid keys: {', '.join(allowed)})"
        problems.append(Problem(path, line, f"unknown key '{key}'{hint}", column))
    check_duplicates(path, mapping, problems)
    return True


def check_duplicates(path: Path, mapping: Any, problems: list[Problem]) -> None:
    """Report every key written again: YAML would keep one value and drop the other unseen."""
    for key, (line, column), _ in duplicates(mapping):
        first = key_at(mapping, key)[0]
        message = f"'{key}' is given twice (also on line {first})"
        problems.append(Problem(path, line, message, column))


_BIDI_OVERRIDE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
"""Bidirectional embeddings, overrides and isolates (`ingest._INVISIBLE` drops them from dumps)."""


def text_problem(key: str, value: Any) -> str | None:
    """Why `value` cannot be the text of `key` on a page, or None when it can: YAML reads
    `no`, `1984` or `[a, b]` as other things, which would reach the site as `False`, a
    number or a Python list; a control character breaks the feeds' XML."""
    if not isinstance(value, str):
        message = f"'{key}' must be text, not {_kind(value)}"
        if not isinstance(value, list | dict | None):  # YAML read a scalar as something else
            message += "; put it in quotes"
        return message
    control = next((c for c in value if unicodedata.category(c) == "Cc" and not c.isspace()), "")
    if control:
        return f"'{key}' holds a control character (U+{ord(control):04X}): remove it"
    if override := _BIDI_OVERRIDE.search(value):
        # ingest drops them from a dump's text (the "Trojan Source" trick): a page showing
        # this value would display it in another order than it reads
        return f"'{key}' holds a bidirectional override (U+{ord(override[0]):04X}): remove it"
    return None


def shows_nothing(value: str) -> bool:
    """Whether the text shows nothing: spaces, and characters that take none (a zero-width
    space, a soft hyphen, a word joiner)."""
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in value)


def _kind(value: object) -> str:
    """What YAML made of a value that should have been text, in a curator's words."""
    if value is None:
        return "empty (`~` or nothing after the colon)"
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    return "a mapping" if isinstance(value, dict) else f"a {type(value).__name__}"
