"""The PyYAML Dumper python-frontmatter writes every page's front matter with.

In: front-matter values (dicts, lists, str, bool, int, None, dates). Out: the YAML PyYAML's
`SafeDumper` writes for them, byte for byte; libyaml's emitter (`CSafeDumper`) when PyYAML has
it. What differs is only the Python work around the emitter, which was most of render's YAML
cost at 10,000 pages (1.5 million values): values of those plain types become nodes in one
type dispatch instead of PyYAML's per-value alias bookkeeping and representer lookups, and a
plain string that no implicit resolver can claim (its first character starts no bool, number,
null or date) is told it is a string without the resolver's list walk. Any other type, and a
Dumper configuration these shortcuts do not cover (sorted keys), takes PyYAML's own path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

_Base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"
_DATE = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class Dumper(_Base):  # type: ignore[misc,valid-type]
    """`SafeDumper` (libyaml's when available) with no YAML anchors and a fast path for the
    plain types. No anchors: a listing's entries are cached lists, and a page read alone must
    not depend on `&id001` references between its keys."""

    def ignore_aliases(self, data: object) -> bool:
        return True

    def represent_data(self, data: object) -> yaml.Node:
        """PyYAML's nodes for the plain types, as `SafeRepresenter` builds them with aliases
        ignored; any other type through PyYAML."""
        kind = type(data)
        if kind is str:
            return ScalarNode(_STR, data, style=self.default_style)
        if kind is list:
            return self._sequence(data)  # type: ignore[arg-type]
        if kind is dict and not self.sort_keys:
            return self._mapping(data)  # type: ignore[arg-type]
        if kind is bool:
            return ScalarNode(_BOOL, "true" if data else "false", style=self.default_style)
        if kind is int:
            return ScalarNode(_INT, str(data), style=self.default_style)
        if data is None:
            return ScalarNode(_NULL, "null", style=self.default_style)
        if kind is dt.date:
            return ScalarNode(_DATE, data.isoformat(), style=self.default_style)  # type: ignore[attr-defined]
        return super().represent_data(data)

    def _sequence(self, items: list[object]) -> SequenceNode:
        represent, style = self.represent_data, self.default_style
        # Most items are strings (chips, entries): made here, not through a call each.
        value = [
            ScalarNode(_STR, item, style=style) if type(item) is str else represent(item)
            for item in items
        ]
        return SequenceNode(_SEQ, value, flow_style=self._flow_style(value))

    def _mapping(self, mapping: dict[object, object]) -> MappingNode:
        represent, style = self.represent_data, self.default_style
        value = [
            (
                ScalarNode(_STR, key, style=style) if type(key) is str else represent(key),
                represent(item),
            )
            for key, item in mapping.items()
        ]
        flow = self._flow_style(node for pair in value for node in pair)
        return MappingNode(_MAP, value, flow_style=flow)

    def _flow_style(self, nodes: Iterable[yaml.Node]) -> bool:
        """`represent_sequence`'s choice: the Dumper's default, else flow style when every
        item is an unstyled scalar."""
        if self.default_flow_style is not None:
            return self.default_flow_style  # type: ignore[no-any-return]
        return all(isinstance(n, ScalarNode) and not n.style for n in nodes)

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        """`BaseResolver.resolve` for a scalar when no path or catch-all resolver is
        registered (the SafeDumper has none): the emitter asks it twice per scalar, and the
        general method builds a list of resolvers on every call."""
        if kind is ScalarNode and not self.yaml_path_resolvers:
            if not implicit[0]:  # asked as quoted: no implicit resolver applies
                return self.DEFAULT_SCALAR_TAG  # type: ignore[no-any-return]
            resolvers = self.yaml_implicit_resolvers
            if None not in resolvers:
                for tag, pattern in resolvers.get(value[:1], ()):
                    if pattern.match(value):
                        return tag  # type: ignore[no-any-return]
                return self.DEFAULT_SCALAR_TAG  # type: ignore[no-any-return]
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]
