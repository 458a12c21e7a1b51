"""Markdown pages: `markdown_page` writes exactly what python-frontmatter with PyYAML's
representer (`yaml.dump` with its dumper) writes, for any value front matter can hold."""

from __future__ import annotations

import datetime as dt

import frontmatter
import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from generator.render import markdown_file

LOOKALIKES = [
    # read back as another type unless quoted
    *("1", "-1", "+1", "0x1F", "0o17", "1_000", "1e3", "1.5", ".5", "-.inf", ".NaN", "1:30"),
    *("true", "False", "YES", "no", "On", "off", "y", "n", "null", "Null", "~", ""),
    *("2025-01-31", "2025-1-3 10:00:00", "2025-01-31T10:00:00Z", "0001-01-01", "<<", "="),
    # YAML syntax at the start, inside or at the end of a string
    *("- ", "-", "- item", "a: b", ": ", "key:", "# comment", "a #b", "#", "?", "? x", "!x"),
    *("&a", "*a", "|", ">", "%YAML", "@", "`", "{a: 1}", "[1, 2]", "---", "...", ",", "'", '"'),
    *("it's", 'say "hi"', " lead", "trail ", "\t", "a\nb", "a\n\nb\n", "\r\n", "\u2028", "\x85"),
    # non-ASCII and characters YAML escapes
    *("賴清德", "naïve", "\u202e", "\ufeff", "\x00", "\x1b[0m", "\U0001f600", "x" * 1200),
    # what render writes itself
    *("../../topics/politics/", "./", "3 March 2025 – 9 April 2025", "Taiwan, 2025"),
]
text = st.one_of(st.sampled_from(LOOKALIKES), st.text(max_size=30))
scalars = st.one_of(
    text,
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.dates(),
    st.none(),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(text, inner, max_size=4)
    ),
    max_leaves=30,
)
metas = st.dictionaries(text, values, max_size=8)


def pyyaml_page(meta: dict[str, object], body: str) -> bytes:
    """The page as render wrote it through PyYAML's representer."""
    post = frontmatter.Post(body)
    post.metadata.update(meta)
    dumped = frontmatter.dumps(post, Dumper=markdown_file._Dumper, sort_keys=False, width=1000)
    return (dumped + "\n").encode("utf-8")


@given(metas, text)
@example({"title": "2025-01-31", "hide": ["navigation", "toc"], "n": 3, "d": None}, "Body\n")
@example({"entries": [["", "- ", [[], {}], {"a": []}]], "x": {"true": {"1": "null"}}}, "  ")
@example({"date": dt.date(2025, 1, 31), "more": True, "minutes": 0}, "# Heading\n\n")
def test_front_matter_is_pyyaml_s(meta: dict[str, object], body: str) -> None:
    assert markdown_file.markdown_page("a.md", meta, body).data == pyyaml_page(meta, body)


@pytest.mark.parametrize(
    "value", [1.5, dt.datetime(2025, 1, 31, 10, 0), b"bytes", {"a": 2.0}, {1, 2}], ids=repr
)
def test_other_types_are_written_by_pyyaml(value: object) -> None:
    """Types the fast path does not know go to PyYAML's representer, whatever they are."""
    meta = {"title": "x", "value": value}
    assert markdown_file.markdown_page("a.md", meta, "").data == pyyaml_page(meta, "")


class Label(str):
    """A str subclass: SafeRepresenter knows exact types only."""


@pytest.mark.parametrize("value", [Label("x"), object()], ids=["str subclass", "object"])
def test_types_pyyaml_refuses_are_still_refused(value: object) -> None:
    meta = {"title": "x", "value": value}
    with pytest.raises(yaml.representer.RepresenterError):
        pyyaml_page(meta, "")
    with pytest.raises(yaml.representer.RepresenterError):
        markdown_file.markdown_page("a.md", meta, "")
