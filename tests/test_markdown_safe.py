"""Untrusted text renders as the literal text it is, through the real Markdown pipeline."""

from __future__ import annotations

import html as html_module
import re

import markdown
import pytest
from hypothesis import example, given, settings
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
    'x" onmouseover="alert(1)',
    '[a](http://evil.example "title")',
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
    entities, then in one regex pass a backslash before each character that is Markdown
    anywhere, before a first `+ - ! (`, before the dot after leading digits and before a last
    `!`; a first `~ : = %` as an entity."""
    text = re.sub(r"\s+", " ", re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", " ", value))
    text = html_module.escape(text.strip(), quote=False)
    text = re.sub(
        r"^(\d+)\.|[\\`*_{}\[\]#|]|^[+\-!(]|!$",
        lambda m: m[1] + "\\." if m[1] is not None else "\\" + m[0],
        text,
    )
    entities = {"~": "&#126;", ":": "&#58;", "=": "&#61;", "%": "&#37;"}
    return entities.get(text[:1], text[:1]) + text[1:]


PRINTABLE_PIECES = [*"\\`*_{}[]()#+-.!|&<>\"'~:=% ab賴0١", "  "]
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


# Every place a template puts a value through `| md` (grep -rn '| md' site_config/templates),
# as the Markdown around it; A and B stand for the values. Two values share a block where a
# template puts them together (a dateline's line above the first paragraph), so one value's
# line can meet the other's (setext underlines, table rows).
CONTEXTS = {
    "paragraph": "A\n\nB\n",
    "dateline and paragraph": "**A** —\nB\n\nB\n",
    "listing title": "# A\n\nB\n",
    "home title": "# A { .nd-masthead }\n",
    "count chip": '[A <span class="nd-count">3</span>](a/index.md){: .nd-chip }\n',
    "topic list": '- [A](t/index.md) <span class="nd-count">2</span> — B\n- [B](u.md) — A\n',
    "region headings": "## [A](r/index.md)\n\n### [B](s/index.md)\n",
}
_PLACEHOLDERS = {"A": "Zqa", "B": "Zqb"}
_TAG = re.compile(r"(<[^>]*>)")
_TOC_ID = re.compile(r' id="[^"]*"')
"""The toc extension's heading ids are made from the heading's text, so they differ."""


def _fill(context: str, values: dict[str, str]) -> str:
    return re.sub(r"\b[AB]\b", lambda m: values[m[0]], context)


def _render(source: str) -> list[str]:
    """The page's HTML as its tags (without toc ids) and its texts (entities undone)."""
    html = markdown.markdown(source, extensions=EXTENSIONS)
    pieces = [p for p in _TAG.split(html) if p]
    return [_TOC_ID.sub("", p) if p.startswith("<") else html_module.unescape(p) for p in pieces]


def _literal(value: str) -> str:
    """What a reader should see: the value with its whitespace runs made one space."""
    return " ".join(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", " ", value).split())


ADVERSARIAL = [
    *"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
    *"0123456789",
    " ",
    "  ",
    "\t",
    "a",
    "Zqa",
    "---",
    "===",
    "***",
    "___",
    "- - -",
    "1. x",
    "1) x",
    "2024.",
    "١. ",
    "- x",
    "+ x",
    "* x",
    "# x #",
    " ##",
    "> x",
    "    code",
    "```",
    "~~~",
    "![a](b)",
    "[a](b)",
    '[a](b "t")',
    '(b "t")',
    '" x="y',
    "[a][b]",
    "[a]: http://x",
    "[TOC]",
    "<http://x>",
    "<a@b.c>",
    "<b>",
    "<!-- c -->",
    "{: .c }",
    "{ #i }",
    "&amp;",
    "&#60;",
    "&copy",
    "\\\\",
    "\\",
    "!!! note",
    '!!! note "t"',
    "| a | b |",
    "|---|---|",
    ":--|--:",
    ": def",
    "*[HTML]: x",
    "\x02",
    "\x03",
    "\x0227\x03",
    "  \n",
    "\n",
]
"""Pieces of text that are, or build, Markdown syntax somewhere."""

adversarial_text = st.lists(st.sampled_from(ADVERSARIAL), max_size=12).map("".join) | st.text(
    alphabet=st.characters(codec="ascii"), max_size=20
)


@pytest.mark.parametrize("context", sorted(CONTEXTS))
@settings(max_examples=300, deadline=None)
@given(first=adversarial_text, second=adversarial_text)
@example(first="1. x", second="---")
@example(first="a | b", second="| -")
@example(first="x", second="===")
@example(first="# x #", second="!!! note")
@example(first="[a]", second="(http://x)")
@example(first="a!", second="[b](c)")
@example(first="Cheng Li-wun (x) said.", second="2024. A year + 1 - 2!")
def test_text_renders_as_itself_in_every_template_context(
    context: str, first: str, second: str
) -> None:
    """A value renders as its own text, in the elements the template made and no other: no
    link, image, list, rule, heading, code, emphasis or attribute the text asked for."""
    values = {"A": _literal(first) or "a", "B": _literal(second) or "b"}
    page = _render(
        _fill(CONTEXTS[context], {k: markdown_safe.inline(v) for k, v in values.items()})
    )
    shape = _render(_fill(CONTEXTS[context], _PLACEHOLDERS))
    expected = [
        p if p.startswith("<") else _fill(p.replace("Zqa", "A").replace("Zqb", "B"), values)
        for p in shape
    ]
    assert page == expected


@pytest.mark.parametrize(
    ("prose", "escaped"),
    [
        (
            "Cheng Li-wun (鄭麗文) said it would cost 1.5 bn.",
            "Cheng Li-wun (鄭麗文) said it would cost 1.5 bn.",
        ),
        (
            "Shares rose 3.2% (+0.4) on Monday - wow! a record!",
            "Shares rose 3.2% (+0.4) on Monday - wow! a record\\!",
        ),
        ("2024. The U.S. agreed.", "2024\\. The U.S. agreed."),
        ('He said "no" twice.', 'He said "no" twice.'),
    ],
)
def test_ordinary_prose_is_left_as_typed(prose: str, escaped: str) -> None:
    """Full stops, hyphens, brackets, quotes and a mid-line `!` are not Markdown here, and
    every escape costs MkDocs an inline pass: only a line's start and a final `!` are escaped."""
    assert markdown_safe.inline(prose) == escaped
