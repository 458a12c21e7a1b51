"""The front-matter Dumper writes exactly what PyYAML's SafeDumper (aliases off) writes."""

from __future__ import annotations

import datetime as dt

import frontmatter
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.yaml_dumper import Dumper


class Reference(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """What render used before: PyYAML's own representer and resolver, no anchors."""

    def ignore_aliases(self, data: object) -> bool:
        return True


# Strings an implicit resolver claims or nearly claims: they must come out quoted or not
# exactly as PyYAML decides.
_AWKWARD = st.sampled_from(
    ["", "true", "False", "yes", "No", "on", "OFF", "null", "~", "Null", "1", "-2", "0x1f",
     "0o7", "1.5", ".5", ".inf", "-.INF", ".nan", "1_000", "12:30", "2025-07-29",
     "2025-7-9 12:00:00", "<<", "=", "!x", "&a", "*b", "../../topics/", "- x", "a: b", "#c",
     "Tea", "Yesterday", "Ohio", "Nauru", "Fiji", "'q'", '"d"', "x\ny", " lead", "tail "]
)  # fmt: skip
_SCALARS = (
    _AWKWARD
    | st.text(max_size=30)
    | st.booleans()
    | st.integers()
    | st.none()
    | st.dates(min_value=dt.date(1900, 1, 1))
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8) | _AWKWARD, inner, max_size=4)
    ),
    max_leaves=20,
)


@given(st.dictionaries(st.text(max_size=10) | _AWKWARD, _VALUES, max_size=6))
def test_same_bytes_as_pyyaml(meta: dict[str, object]) -> None:
    for options in ({"sort_keys": False, "width": 1000}, {"default_flow_style": None}):
        ours = yaml.dump(meta, Dumper=Dumper, allow_unicode=True, **options)
        theirs = yaml.dump(meta, Dumper=Reference, allow_unicode=True, **options)
        assert ours == theirs


def test_shared_values_are_written_out_not_aliased() -> None:
    chips = ["Politics", "../../topics/politics/"]
    meta = {"a": chips, "b": chips, "c": [chips, chips]}
    text = yaml.dump(meta, Dumper=Dumper, sort_keys=False)
    assert "&" not in text and "*" not in text
    assert text == yaml.dump(meta, Dumper=Reference, sort_keys=False)


def test_front_matter_reads_back() -> None:
    meta = {"id": "3f9a1c0d2b7e", "title": "True", "date": dt.date(2025, 7, 29),
            "truncated": True, "lines": [1, 15], "kicker": None,
            "sources": [{"dump": "x.txt"}]}  # fmt: skip
    post = frontmatter.Post("Body.", **meta)
    text = frontmatter.dumps(post, Dumper=Dumper, sort_keys=False)
    assert frontmatter.loads(text).metadata == meta


def test_other_types_take_pyyaml_path() -> None:
    meta = {"pair": (1, "a"), "ratio": 0.5, "when": dt.datetime(2025, 7, 29, 12, 30)}
    assert yaml.dump(meta, Dumper=Dumper) == yaml.dump(meta, Dumper=Reference)
