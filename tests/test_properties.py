"""Properties over generated dumps: no crash, no lost line, same bytes every run, safe text.

Kept to a few seconds: a few dozen examples each. `make fuzz` runs the same strategies over
ten thousand inputs and more.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
import unicodedata
from pathlib import Path

import frontmatter
import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import markdown_safe
from generator.build import generate, plan
from generator.errors import InputError
from generator.ingest import BINARY_CONTROL_SHARE, ingest
from generator.segment import Kind, classify_lines
from tests.strategies import dump_bytes

PIPELINE = settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
dumps_folder = st.lists(dump_bytes(), min_size=1, max_size=3)
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _write(folder: Path, dumps: list[tuple[bytes, str]]) -> None:
    folder.mkdir()
    for number, (raw, _) in enumerate(dumps):
        (folder / f"2025-12-{number + 1:02d}_gen.txt").write_bytes(raw)


def _may_be_refused(raw: bytes, encoding: str) -> bool:
    """Legacy bytes of random text may read as no encoding; text of mostly control codes is
    binary by ingest's rule. Anything else must be accepted."""
    if not encoding.startswith("utf"):
        return True
    text = raw.decode(encoding)
    return bool(text) and len(_BINARY.findall(text)) / len(text) > BINARY_CONTROL_SHARE


@PIPELINE
@given(dumps=dumps_folder)
def test_every_non_blank_line_ends_up_in_an_article_or_the_audit(config, dumps) -> None:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "dumps"
        _write(folder, dumps)
        try:
            result = plan(folder, config)
        except InputError as err:
            assert any(_may_be_refused(raw, enc) for raw, enc in dumps), str(err)
            assert all(str(p).startswith(str(folder)) for p in err.problems)
            return
        covered = {
            (ref.dump, n)
            for article in result.articles
            for ref in article.sources
            for n in range(ref.first, ref.last + 1)
        }
        audited = {(entry.ref.dump, entry.ref.first) for entry in result.audit}
        covered |= audited
        for dump in ingest(folder):
            for number, text in enumerate(dump.lines, start=1):
                if text.strip():
                    assert (dump.name, number) in covered, f"{dump.name}:{number} lost"
        _check_shown(result.articles, list(ingest(folder)), audited)


_WORD = re.compile(r"\w+")
_LABELS = frozenset("photo photos by file courtesy credit image images source".split())
"""Words of a credit line the page writes its own way (`Photo: CNA` shows as a credit)."""


def _words(text: str) -> set[str]:
    return set(_WORD.findall(unicodedata.normalize("NFKC", text).lower()))


def _check_shown(articles, dumps, audited) -> None:
    """Each line a story found in one place holds only words the story shows (title, kicker,
    deck, byline, dateline, body, credits): a line in a story's sources whose text no page
    showed was lost as surely as one in no story. A date line shows as the story's date;
    a merged story shows its fullest copy, so stories of several copies are left out."""
    by_dump = {d.name: d for d in dumps}
    for article in articles:
        if len(article.sources) != 1:
            continue
        (ref,) = article.sources
        fields = (article.title, article.kicker, article.deck, article.byline, article.dateline)
        shown = _words(" ".join([*filter(None, fields), *article.paragraphs]))
        shown |= _words(" ".join(article.photo_credits))
        lines = by_dump[ref.dump].lines
        kinds = classify_lines(lines)
        for number in range(ref.first, ref.last + 1):
            line = lines[number - 1]
            if (ref.dump, number) in audited or kinds[number - 1] is Kind.STAMP:
                continue
            missing = _words(line) - _LABELS - shown
            assert not missing, f"{ref.dump}:{number}: {sorted(missing)} shown nowhere"


@PIPELINE
@given(dumps=dumps_folder)
def test_generation_is_deterministic_and_a_rerun_rewrites_nothing(config, dumps) -> None:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "dumps"
        _write(folder, dumps)
        out = Path(work) / "content"
        try:
            generate(folder, out, config)
        except InputError as err:  # only input that may be refused, as in the test above
            assert any(_may_be_refused(raw, enc) for raw, enc in dumps), str(err)
            return
        first = _tree(out)
        # A second run that plans byte-identical pages writes and removes nothing.
        _, again = generate(folder, out, config)
        assert (again.written, again.removed) == (0, 0)
        assert _tree(out) == first
        _check_pages(out)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _check_pages(folder: Path) -> None:
    """Every article page parses back with a text title, and no body opens a second front matter."""
    for page in (folder / "articles").rglob("*.md") if (folder / "articles").is_dir() else []:
        post = frontmatter.loads(page.read_text(encoding="utf-8"))
        assert post.metadata["id"] and isinstance(post.metadata["title"], str)
        assert not post.content.lstrip().startswith("---")


# mkdocs.yml's markdown_extensions, then the ones MkDocs always adds.
EXTENSIONS = ["admonition", "attr_list", "toc", "tables", "fenced_code"]


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=80))
def test_any_text_renders_as_one_literal_paragraph(source: str) -> None:
    expected = re.sub(r"\s+", " ", re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", " ", source))
    expected = expected.strip()
    rendered = markdown.markdown(markdown_safe.inline(source), extensions=EXTENSIONS)
    if not expected:
        assert rendered == ""
        return
    assert rendered.startswith("<p>") and rendered.endswith("</p>"), rendered
    inner = rendered[3:-4]
    assert "<" not in inner, rendered
    assert html.unescape(inner) == expected
