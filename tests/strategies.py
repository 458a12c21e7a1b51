"""Hypothesis strategies for dumps as scrapers produce them, shared by the property tests
and the fuzz run (tests/fuzz/fuzz.py).

A dump is a list of lines: news-like sentences, headlines, teasers cut mid-sentence, credit
lines, blank lines, hostile markup, control characters and arbitrary Unicode, then encoded
in one of the encodings ingest accepts, with one of the three line ends.
"""

from __future__ import annotations

from hypothesis import strategies as st

NAMES = ["Lai", "Takaichi", "Cheng Li-wun", "the Pentagon", "Taipei", "Aomori", "KMT", "Xi"]
WORDS = ["said", "plan", "yesterday", "alliance", "fraud", "earthquake", "the", "of", "on"]
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "# heading",
    "---",
    "> quote",
    "1. item",
    "| a | b |",
    "```",
    "~~~",
    "[x](javascript:alert(1))",
    "{{ config }}",
    "{% raw %}",
    "title: forged",
    "!!! note",
    "{: onclick=x }",
    "Photo: CNA",
    "PROBLEMATIC APP: deck runs on Body",
    "賴清德",
    "小紅書",
    "\x00",
    "\x1b[0m",
    "\u202e",
    "\u2028",
    "\ufeff",
    "\t",
]

word = st.one_of(
    st.sampled_from(NAMES + WORDS + HOSTILE),
    st.text(min_size=1, max_size=12),
)
sentence = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(word, min_size=1, max_size=30),
    st.sampled_from([".", "", "?", "…", ",", ":", ".”", " (CNA)"]),
)
line = st.one_of(sentence, st.just(""), st.sampled_from(HOSTILE))
lines = st.lists(line, min_size=0, max_size=25)

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "big5", "gb18030"]


@st.composite
def dump_bytes(draw) -> tuple[bytes, str]:
    """A dump as bytes, and the encoding it was written in."""
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(draw(lines))
    if draw(st.booleans()):
        text += "\n"
    encoding = draw(st.sampled_from(ENCODINGS))
    try:
        return text.encode(encoding), encoding
    except UnicodeEncodeError:
        return text.encode("utf-8"), "utf-8"
