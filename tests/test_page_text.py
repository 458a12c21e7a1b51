"""page_text writes the text python-frontmatter + PyYAML write, byte for byte, faster."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import frontmatter
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import page_text as page_text_module
from generator.page_text import WIDTH, page_text

# Pieces that matter to YAML somewhere in a scalar, and text that does not.
PIECES = [
    "word", "Taipei", "賴清德", "é", " ", "  ", ": ", ":", " #", "#", "-", "- ", "? ", "?", "'",
    '"', "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "%", "@", "`", "~", ".", "...",
    "---", "0", "12", "1.5", "2020-01-02", "yes", "No", "null", "true", "=", "<<",
    "\u00a0", "\u3000", "\ufeff", "\t", "\n", "\x85", "\u2028", "\x7f", "\x00", "😀",
]  # fmt: skip
UNSAFE = {"\ufeff", "\t", "\n", "\x85", "\u2028", "\x7f", "\x00", "😀"}
"""What libyaml escapes or breaks a line at (not U+00A0 or U+3000, unprintable to Python)."""
SAFE_PIECES = [p for p in PIECES if p not in UNSAFE]


def _reference(meta: dict[str, object], body: str) -> str:
    post = frontmatter.Post(body)
    post.metadata.update(meta)
    dumper = page_text_module._Dumper
    return frontmatter.dumps(post, Dumper=dumper, sort_keys=False, width=WIDTH)


def _strings(pieces: list[str]) -> st.SearchStrategy[str]:
    short = st.lists(st.sampled_from(pieces), max_size=6).map("".join)
    # Words up to near the width, then pieces where libyaml folds (or does not).
    words = st.integers(WIDTH - 60, WIDTH).map(lambda n: ("word " * (WIDTH // 4))[:n])
    tail = st.lists(st.sampled_from(["word", " ", "  ", "'", *pieces]), min_size=5, max_size=40)
    return short | st.builds(str.__add__, words, tail.map("".join))


def _values(strings: st.SearchStrategy[str]) -> st.SearchStrategy[object]:
    leaves = (
        strings
        | st.booleans()
        | st.integers(-(10**6), 10**6)
        | st.none()
        | st.dates()
        | st.just([])
        | st.just({})
    )
    keys = st.sampled_from(["title", "url", "day", "stories", "pager", "a_b"])
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, min_size=1, max_size=4)
            | st.dictionaries(keys, inner, min_size=1, max_size=4)
        ),
        max_leaves=12,
    )


KEYS = ["id", "title", "summary", "stories", "related", "hide"]


def _metas(
    strings: st.SearchStrategy[str], keys: list[str] = KEYS
) -> st.SearchStrategy[dict[str, object]]:
    return st.dictionaries(st.sampled_from(keys), _values(strings), max_size=6)


@settings(max_examples=300, deadline=None)
@given(
    meta=_metas(_strings(PIECES), [*KEYS, "yes", "Title"]),  # keys PyYAML quotes, or may
    body=st.sampled_from(["", "# T\n\ntext\n", "\n x \n\n"]),
)
def test_same_text_as_python_frontmatter(meta: dict[str, object], body: str) -> None:
    assert page_text(meta, body) == _reference(meta, body)


@settings(max_examples=200, deadline=None)
@given(meta=_metas(_strings(SAFE_PIECES)))
def test_printable_values_are_written_without_pyyaml(meta: dict[str, object]) -> None:
    """Printable one-line strings and the plain types never take PyYAML's slow path."""
    expected = _reference(meta, "body")
    with mock.patch.object(frontmatter, "dumps", _fail if meta else frontmatter.dumps):
        assert page_text(meta, "body") == expected  # (an empty mapping is PyYAML's `{}`)


def _fail(*args: object, **kwargs: object) -> str:
    raise AssertionError("fell back to python-frontmatter")


@pytest.mark.parametrize(
    "value", ["", "yes", "2020-01-02", "1.5", "~", "null", "a: b", "#x", "x #y", "- x", "x:", " x"]
)
def test_strings_yaml_would_misread_are_quoted(value: str) -> None:
    text = page_text({"title": value}, "")
    assert text == _reference({"title": value}, "")
    assert text.startswith("---\ntitle: '")


def test_long_values_fold_where_pyyaml_folds() -> None:
    summary = " ".join(["It's a long sentence of words"] * 60)
    meta = {
        "summary": summary,
        "quoted": "'" + summary,
        "stories": [[summary, [summary]], {"title": summary}],
        "pager": {"older": [summary]},
    }
    text = page_text(meta, "")
    assert text == _reference(meta, "")
    assert max(len(line) for line in text.splitlines()) < WIDTH + 40


def test_dates_and_other_types() -> None:
    meta = {"date": dt.date(2025, 3, 9), "n": 3, "ok": False, "none": None, "x": 1.5}
    assert page_text(meta, "body\n") == _reference(meta, "body\n")
