"""Untrusted text renders as the literal text it is, through the real Markdown pipeline."""

from __future__ import annotations

import html as html_module
import re

import markdown
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from generator import markdown_safe

# mkdocs.yml's markdown_extensions, then the ones MkDocs always adds.
EXTENSIONS = ["admonition", "attr_list", "toc", "tables", "fenced_code"]

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "# not a heading",
    "--- not a rule",
    "> not a quote",
    "1. not a list",
    "- not a list",
    "| a | b |",
    "```js",
    "~~~ fence",
    "[click](javascript:alert(1))",
    "![img](http://evil.example/x.png)",
    "<http://evil.example>",
    "**not bold** and _not em_",
    "{{ jinja }} {% raw %}",
    '!!! note "not an admonition"',
    'text {: onclick="alert(1)" }',
    "AT&T &amp; &copy; &#60;",
    "back\\slash `code`",
]


def _rendered_text(source: str) -> str:
    return markdown.markdown(markdown_safe.inline(source), extensions=EXTENSIONS)


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_text_renders_as_one_plain_paragraph(source: str) -> None:
    html = _rendered_text(source)
    assert html.startswith("<p>") and html.endswith("</p>"), html
    inner = html[3:-4]
    assert "<" not in inner, html
    assert html_module.unescape(inner) == source


def test_attribute_cannot_close_its_quotes() -> None:
    value = markdown_safe.attribute('x" onload="alert(1)')
    assert '"' not in value
    assert html_module.unescape(value) == 'x" onload="alert(1)'


@pytest.mark.parametrize("source", HOSTILE)
def test_text_gives_back_what_inline_escaped(source: str) -> None:
    assert markdown_safe.text(markdown_safe.inline(source)) == source


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp"))))
def test_text_undoes_inline_for_any_word(word: str) -> None:
    assert markdown_safe.text(markdown_safe.inline(word)) == word


def _one_pass_inline(value: str) -> str:
    """`inline` written as its definition: controls and whitespace runs to one space, HTML
    entities, then a backslash before each Markdown character in one regex pass."""
    text = re.sub(r"\s+", " ", re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", " ", value))
    text = html_module.escape(text.strip(), quote=False).replace('"', "&quot;")
    text = re.sub(r"([\\`*_{}\[\]()#+\-.!|])", r"\\\1", text)
    entities = {"~": "&#126;", ":": "&#58;", "=": "&#61;", "%": "&#37;"}
    return entities.get(text[:1], text[:1]) + text[1:]


PRINTABLE_PIECES = [*"\\`*_{}[]()#+-.!|&<>\"'~:=% ab賴", "  "]
"""Printable text, which `inline` takes a shorter way, with the odd run of spaces."""
OTHER_SPACES = [*"\t\n\x00\x1c\x85\u3000\u2028"]


@given(
    st.lists(st.sampled_from(PRINTABLE_PIECES)).map("".join)
    | st.lists(st.sampled_from(PRINTABLE_PIECES + OTHER_SPACES)).map("".join)
)
@example("a ")
@example(" a")
@example("a  b")
@example("a\u3000b")
def test_inline_escapes_like_its_one_pass_definition(source: str) -> None:
    """Escaping char by char in chained replaces (for speed) gives the one-pass result."""
    assert markdown_safe.inline(source) == _one_pass_inline(source)
