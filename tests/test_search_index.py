"""The search index is read from content/: every word of a story's text, none of its markup."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import frontmatter
import pytest

from generator import search_index
from generator.search_index import SearchPage, page_html, search_pages
from tests.conftest import GOLDEN, ROOT

HOSTILE = GOLDEN / "hostile" / "expected"
SAMPLE = GOLDEN / "sample" / "expected"
MARKUP_DUMP = GOLDEN / "hostile" / "dumps" / "2025-12-01_markup.txt"
# Markdown and template structure that must never reach the index as text.
_LEFTOVER = re.compile(r"\\[\\`*_{}\[\]()#+\-.!|]|\]\(|\{:|\*\*|<span|<aside|&[a-z#0-9]+;")


def _pages(content: Path) -> dict[str, SearchPage]:
    return {page.path: page for page in search_pages(content)}


def _text(page: SearchPage) -> str:
    return " ".join(page.blocks)


def test_every_article_and_nothing_else_is_a_search_page() -> None:
    articles = sorted(SAMPLE.glob("articles/*/*/*.md"))
    paths = [f"{p.relative_to(SAMPLE).with_suffix('').as_posix()}/" for p in articles]
    assert list(_pages(SAMPLE)) == paths
    assert all(path.startswith("articles/") for path in paths)


def test_title_comes_from_the_front_matter_not_the_body() -> None:
    page = _pages(SAMPLE)["articles/2025/12/taiwanese-praised-for-their-composure/"]
    assert page.title == "Taiwanese praised for their composure"
    assert "" in page.blocks  # the heading's place; its text is not repeated in the blocks
    assert not any(b.startswith("Taiwanese praised for their composure") for b in page.blocks)


def test_cjk_names_are_kept_as_written() -> None:
    texts = [_text(page) for page in _pages(SAMPLE).values()]
    assert any("President William Lai (賴清德)" in text for text in texts)


def test_boxes_left_out_of_search_are_left_out() -> None:
    # Every sample article names its dump in "Where it was found" (a front-matter box).
    for page in _pages(SAMPLE).values():
        assert "000_9d3f2b9905a01c03" not in _text(page)
        assert "Where it was found" not in _text(page)


def test_no_markdown_or_template_markup_is_left_in_the_text() -> None:
    # The sample's dumps hold no markup, so any found here came from the page's structure.
    for page in _pages(SAMPLE).values():
        for block in (page.title, *page.blocks):
            assert not _LEFTOVER.search(block), (page.path, block)


def test_markup_typed_in_a_dump_is_indexed_as_the_characters_typed() -> None:
    blocks = {block for page in _pages(HOSTILE).values() for block in page.blocks}
    lines = MARKUP_DUMP.read_text(encoding="utf-8").splitlines()
    for line in lines[2:7]:  # the paragraphs of the story whose text is markup, one a block
        assert line in blocks


@pytest.mark.parametrize(
    ("body", "blocks"),
    [
        (
            "**TAIPEI** —\nThe Legislative Yuan's vote\\.",
            ["TAIPEI — The Legislative Yuan's vote."],
        ),
        (
            "\\[not a link\\]\\(x\\) \\*\\*not bold\\*\\* &lt;b&gt;",
            ["[not a link](x) **not bold** <b>"],
        ),
    ],
    ids=["dateline", "escaped"],
)
def test_body_structure_becomes_plain_text(tmp_path: Path, body: str, blocks: list[str]) -> None:
    page = tmp_path / "articles" / "2025" / "12" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_text(f"---\ntitle: X\nminutes: 1\n---\n\n{body}\n", encoding="utf-8")
    byline = ["Undated"]
    assert _pages(tmp_path)["articles/2025/12/x/"].blocks == ("", *blocks, *byline)


def test_the_page_head_and_tail_come_from_the_front_matter(tmp_path: Path) -> None:
    # What main.html's article_head and article_tail show, the line under the title last
    # (excerpts open with the story); the boxes kept out of search (sources, related
    # stories) and the other keys stay out.
    page = tmp_path / "articles" / "2025" / "12" / "x.md"
    page.parent.mkdir(parents=True)
    front = {
        "id": "0123456789ab",
        "title": "The <b>title</b>",
        "date": dt.date(2025, 12, 10),
        "kicker": "BIG  NEWS",
        "deck": "A deck: [x](javascript:y)",
        "summary": "Not indexed twice.",
        "truncated": True,
        "sources": [{"dump": "secret-dump.txt", "lines": [1, 2]}],
        "photo_credits": ["CNA", "<AFP>"],
        "people": ["Nobody Indexed"],
        "edited": ["title", "date"],
        "minutes": 3,
        "chips": ["Politics", "../../../../topics/politics/", "Taiwan", "../x/"],
        "note": "Checked {: onclick=x }.",
        "related": [{"title": "Other story", "url": "../y/", "day": "1 May 2025"}],
    }
    post = frontmatter.Post("**TAIPEI** —\nText\\.", **front)
    page.write_text(frontmatter.dumps(post, sort_keys=False) + "\n", encoding="utf-8")
    found = _pages(tmp_path)["articles/2025/12/x/"]
    assert found.title == "The <b>title</b>"
    assert found.blocks == (
        "BIG NEWS",
        "",
        "A deck: [x](javascript:y)",
        '"Editor\'s note" Checked {: onclick=x }.',
        "TAIPEI — Text.",
        "Photos in the original report: CNA, <AFP>",
        "10 December 2025",
        "Politics Taiwan",
    )  # not the page's notes about itself: reading time, "only the start", a curator's edits


def test_a_front_matter_the_key_split_cannot_read_is_read_whole(tmp_path: Path) -> None:
    page = tmp_path / "articles" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\n{title: Flow, kicker: K}\n---\n\nText\\.\n", encoding="utf-8")
    found = _pages(tmp_path)["articles/x/"]
    assert (found.title, found.blocks[:2]) == ("Flow", ("K", ""))


def test_page_html_escapes_the_text_and_weights_the_title() -> None:
    page = SearchPage(
        path="articles/2025/12/x/",
        title="</title><script>alert(1)</script>",
        blocks=("kicker", "", "<img src=x onerror=alert(1)> & more"),
    )
    html = page_html(page, "en")
    assert '<html lang="en">' in html
    assert "<script>" not in html and "<img" not in html
    heading = (
        '<h1 data-pagefind-weight="10">&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>'
    )
    # The blocks keep their order around the title: the kicker comes first, as on the page.
    assert html.index("<p>kicker</p>") < html.index(heading) < html.index("&lt;img src=x")


def test_a_dated_story_tells_its_date_to_the_results_and_an_undated_one_nothing() -> None:
    page = SearchPage(path="articles/2025/12/x/", title="T", blocks=("",), day="29 July 2025")
    meta = '<meta data-pagefind-meta="date[content]" content="29 July 2025">'
    assert meta in page_html(page, "en")
    undated = SearchPage(path="articles/undated/x/", title="T", blocks=("",))
    assert "date[content]" not in page_html(undated, "en")
    days = {p.path: p.day for p in search_pages(SAMPLE)}
    assert set(days.values()) == {"10 December 2025"}  # the golden sample: no curation


def test_build_writes_a_bundle_of_the_articles(tmp_path: Path) -> None:
    out = tmp_path / "stage" / "pagefind"
    assert search_index.build(SAMPLE, out, "en") == 5
    entry = json.loads((out / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 5
    assert sorted(p.name for p in out.parent.iterdir()) == ["pagefind"]  # no scratch left


def test_the_same_content_gives_the_same_bundle_byte_for_byte(tmp_path: Path) -> None:
    bundles = [tmp_path / "a" / "pagefind", tmp_path / "b" / "pagefind"]
    for bundle in bundles:
        search_index.build(SAMPLE, bundle, "en")
    files = [
        {p.relative_to(b): p.read_bytes() for p in b.rglob("*") if p.is_file()} for b in bundles
    ]
    assert files[0] == files[1]


def _months(tmp_path: Path) -> Path:
    """The sample's articles (all of December 2025) and two of them again in older months."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE / "articles", content / "articles")
    first, second = sorted((content / "articles").rglob("*.md"))[:2]
    for source, month in ((first, "2024/03"), (second, "2025/11")):
        copy = content / "articles" / month / f"old-{source.name}"
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(source.read_text("utf-8").replace("title: ", "title: Old ", 1), "utf-8")
    return content


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _built(tmp_path: Path, archive_pages: int = 1) -> tuple[Path, Path, Path]:
    """`_months`, its bundles built once with their pages kept: (content, bundles, pages).
    One page closes an archive bundle: each older month is a bundle of its own."""
    content = _months(tmp_path)
    out, pages = tmp_path / "site" / "pagefind", tmp_path / "pages"
    search_index.build(content, out, "en", pages, archive_pages=archive_pages)
    return content, out, pages


def _as_built_whole(content: Path, out: Path, tmp_path: Path, archive_pages: int = 1) -> bool:
    """Whether `out` holds the bundles a build from nothing makes of `content`."""
    full = tmp_path / "full" / "pagefind"
    search_index.build(content, full, "en", archive_pages=archive_pages)
    return _files(out) == _files(full)


def _pages_in(bundle: Path) -> int:
    return json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))["languages"]["en"][
        "page_count"
    ]


def _merged(out: Path) -> list[str]:
    script = (out / "bundles.js").read_text("utf-8")
    assert script.startswith("window.ndSearchBundles = ") and script.endswith(";\n")
    return json.loads(script.removeprefix("window.ndSearchBundles = ").removesuffix(";\n"))


def _stamps(folder: Path) -> dict[Path, int]:
    """When each file of the bundles was written (bundles.js is rewritten only if it differs,
    and is left out: the tests name the bundles it lists)."""
    return {
        p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file() and p.name != "bundles.js"
    }


def _retitle(source: Path) -> str:
    """Change the article's title; -> its path in content/ (`articles/<y>/<m>/<name>.md`)."""
    source.write_text(source.read_text("utf-8").replace("title: ", "title: New ", 1), "utf-8")
    return source.relative_to(source.parents[3]).as_posix()


def test_older_months_are_cut_into_bundles_of_about_the_threshold() -> None:
    counts = {"2024/01": 3, "2024/02": 1, "2024/03": 2, "2024/05": 4, "2024/06": 1, "2025/01": 1}
    plan = search_index.bundles(counts, archive_pages=4)
    assert [(b.folder, b.months) for b in plan] == [
        ("", ("2025/01",)),
        ("archive/2024-01", ("2024/01", "2024/02")),
        ("archive/2024-03", ("2024/03", "2024/05")),
        ("archive/2024-06", ("2024/06",)),
    ]
    # A page more or less that leaves each run at or over the threshold moves no month.
    counts["2024/02"], counts["2024/05"] = 2, 3
    assert search_index.bundles(counts, archive_pages=4) == plan
    assert search_index.bundles({"2025/01": 9}, archive_pages=4) == [plan[0]]
    # Under the default threshold these few pages are one bundle.
    whole = ("archive/2024-01", ("2024/01", "2024/02", "2024/03", "2024/05", "2024/06"))
    plain = search_index.bundles(counts)
    assert [(b.folder, b.months) for b in plain] == [("", ("2025/01",)), whole]
    assert plan[2].glob == "articles/{2024/03,2024/05}/*/index.html"


def test_the_newest_month_and_the_older_ones_are_separate_bundles(tmp_path: Path) -> None:
    content = _months(tmp_path)
    out = tmp_path / "site" / "pagefind"
    assert search_index.build(content, out, "en") == 7
    assert (_pages_in(out), _pages_in(out / "archive" / "2024-03")) == (5, 2)
    assert _merged(out) == ["archive/2024-03/"]
    # With a threshold of one page, each older month is a bundle, listed newest first.
    small = tmp_path / "small" / "pagefind"
    search_index.build(content, small, "en", archive_pages=1)
    assert _merged(small) == ["archive/2025-11/", "archive/2024-03/"]
    assert [_pages_in(small / b) for b in ("", *_merged(small))] == [5, 1, 1]
    # One month: one bundle, and nothing to merge.
    single = tmp_path / "single" / "pagefind"
    search_index.build(SAMPLE, single, "en")
    assert not (single / "archive").exists()
    assert _merged(single) == []


def test_a_change_indexes_again_only_its_bundle(tmp_path: Path) -> None:
    content, out, pages = _built(tmp_path)
    before = _stamps(out)
    older = next((content / "articles" / "2024" / "03").glob("*.md"))
    search_index.build(content, out, "en", pages, [_retitle(older)], archive_pages=1)
    after = _stamps(out)
    redone = {p.relative_to(out).parts[:2] for p in after if after[p] != before.get(p)}
    assert redone == {("archive", "2024-03")}
    assert _as_built_whole(content, out, tmp_path)


def test_a_change_search_does_not_show_indexes_nothing_again(tmp_path: Path) -> None:
    content, out, pages = _built(tmp_path)
    before = _stamps(out)
    older = next((content / "articles" / "2024").rglob("*.md"))
    text = older.read_text("utf-8")
    assert "\nrelated:\n" in text  # a box the article page shows and search leaves out
    older.write_text(text.replace("\nrelated:\n", "\nrelated: []\nold_related:\n", 1), "utf-8")
    changed = [older.relative_to(content).as_posix()]
    search_index.build(content, out, "en", pages, changed, archive_pages=1)
    assert _stamps(out) == before


def test_a_bundle_deleted_from_the_site_is_made_again(tmp_path: Path) -> None:
    content, out, pages = _built(tmp_path)
    shutil.rmtree(out / "archive" / "2025-11")
    recent = sorted((content / "articles" / "2025" / "12").glob("*.md"))[0]
    search_index.build(content, out, "en", pages, [_retitle(recent)], archive_pages=1)
    assert _as_built_whole(content, out, tmp_path)


def test_a_build_stopped_halfway_is_finished_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, out, pages = _built(tmp_path)
    older = next((content / "articles" / "2024" / "03").glob("*.md"))
    changed = [_retitle(older)]

    def stopped(*args: object) -> None:
        raise KeyboardInterrupt  # the pages are written; no bundle is

    with monkeypatch.context() as patch:
        patch.setattr(search_index, "_pagefind", stopped)
        with pytest.raises(KeyboardInterrupt):
            search_index.build(content, out, "en", pages, changed, archive_pages=1)
    # The same change again: its page is already written, yet its bundle is made.
    search_index.build(content, out, "en", pages, changed, archive_pages=1)
    assert _as_built_whole(content, out, tmp_path)


def test_a_full_build_keeps_the_right_pages_and_drops_the_rest(tmp_path: Path) -> None:
    content, out, pages = _built(tmp_path)
    before = {name: _state(pages / name) for name in _files(pages) if name != "bundles.json"}
    gone = next((content / "articles" / "2024" / "03").glob("*.md"))
    gone.unlink()
    retitled = _retitle(next((content / "articles" / "2025" / "11").glob("*.md")))
    stray = pages / "articles" / "2020" / "01" / "stray" / "index.html"
    stray.parent.mkdir(parents=True)
    stray.write_text("<p>left by hand</p>", "utf-8")
    search_index.build(content, out, "en", pages, archive_pages=1)  # no changes named: full
    fresh = tmp_path / "fresh"
    search_index.build(content, tmp_path / "elsewhere" / "pagefind", "en", fresh, archive_pages=1)
    assert _files(pages) == _files(fresh)
    assert not (pages / "articles" / "2020").exists() and not (pages / "articles" / "2024").exists()
    page = f"{retitled.removesuffix('.md')}/index.html"
    assert b"New " in (pages / page).read_bytes()
    untouched = {name for name in before if "2024" not in name and name != page}
    assert len(untouched) == len(before) - 2
    assert {name: _state(pages / name) for name in untouched} == {
        name: before[name] for name in untouched
    }
    assert _as_built_whole(content, out, tmp_path)


def _state(path: Path) -> tuple[int, int]:
    """A file's inode and modification time: both kept only by a file nobody wrote."""
    info = path.stat()
    return info.st_ino, info.st_mtime_ns


def test_a_new_month_moves_the_last_one_into_the_archive(tmp_path: Path) -> None:
    content, out, pages = _built(tmp_path, archive_pages=0)
    source = sorted((content / "articles" / "2025" / "12").glob("*.md"))[0]
    new = content / "articles" / "2026" / "01" / source.name
    new.parent.mkdir(parents=True)
    new.write_text(source.read_text("utf-8"), "utf-8")
    search_index.build(content, out, "en", pages, [new.relative_to(content).as_posix()])
    assert (_pages_in(out), _pages_in(out / "archive" / "2024-03")) == (1, 7)
    assert _as_built_whole(content, out, tmp_path, 0)


def test_removing_the_archive_s_articles_removes_its_bundles(tmp_path: Path) -> None:
    content, out, pages = _built(tmp_path)
    gone = sorted(p for p in (content / "articles").rglob("*.md") if "/2025/12/" not in str(p))
    removed = []
    for source in gone:
        source.unlink()
        removed.append(source.relative_to(content).with_suffix("").as_posix() + "/index.html")
    changed = [p.relative_to(content).as_posix() for p in gone]
    assert search_index.build(content, out, "en", pages, changed, removed, archive_pages=1) == 5
    assert not (out / "archive").exists()
    assert _merged(out) == []
    assert sorted(p.name for p in (pages / "articles").iterdir()) == ["2025"]


def test_an_older_layout_of_bundles_is_replaced(tmp_path: Path) -> None:
    """Sites built before the archive was cut into bundles hold it whole in `archive/`."""
    content = _months(tmp_path)
    out = tmp_path / "site" / "pagefind"
    (out / "archive" / "fragment").mkdir(parents=True)
    (out / "archive" / "pagefind-entry.json").write_text("{}", "utf-8")
    pages = tmp_path / "pages"
    (pages / "recent" / "articles").mkdir(parents=True)
    search_index.build(content, out, "en", pages, [], archive_pages=1)
    assert not (pages / "recent").exists()
    assert _as_built_whole(content, out, tmp_path)


def test_cli_names_an_article_without_a_title(tmp_path: Path) -> None:
    page = tmp_path / "content" / "articles" / "2025" / "12" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\nid: abc\n---\n\nText.\n", encoding="utf-8")
    result = run_cli_index(tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"error: {page}:1: the front matter has no title\n"
    assert not (tmp_path / "out").exists()


def test_cli_refuses_a_folder_without_articles(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    result = run_cli_index(tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"error: {tmp_path / 'content'}: no articles/ folder to index\n"


def run_cli_index(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`python -m generator.search_index` as the Makefile runs it, from the repository root."""
    command = [sys.executable, "-m", "generator.search_index", "--content"]
    command += [str(tmp_path / "content"), "--out", str(tmp_path / "out")]
    command += ["--config", str(ROOT / "site_config")]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    "front",
    [
        "id: x\ntitle: 'It''s: a \"title\" # not a comment'\ndate: 2025-01-02",
        'title: >-\n  It\'s: a "title"\n  # not a comment\nid: x',  # folded: the full parse
        'id: x\ntitle: "It\'s: a \\"title\\" \\\n  # not a comment"',  # continued quoted line
    ],
)
def test_a_title_is_read_as_yaml_however_it_is_written(tmp_path: Path, front: str) -> None:
    page = tmp_path / "articles" / "2025" / "01" / "a.md"
    page.parent.mkdir(parents=True)
    page.write_text(f"---\n{front}\n---\n\nBody text.\n", encoding="utf-8")
    [found] = search_pages(tmp_path)
    assert found.title == 'It\'s: a "title" # not a comment'
    assert found.blocks[1] == "Body text."


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("AT&T and R&D", "AT&amp;T and R&amp;D"),
        ("&lt;b&gt; &#x3C;", "&amp;amp;lt;b&amp;amp;gt; &amp;amp;#x3C;"),
        ("?id=5&section=2 &copy 2025", "?id=5&amp;amp;section=2 &amp;amp;copy 2025"),
    ],
    ids=["words", "references", "old-names-without-semicolon"],
)
def test_an_ampersand_a_browser_would_decode_reaches_pagefind_escaped(
    typed: str, written: str
) -> None:
    page = search_index.SearchPage(path="articles/x/", title="T", blocks=("", typed))
    assert f"<p>{written}</p>" in search_index.page_html(page, "en")


def test_a_title_reaches_pagefind_escaped_for_excerpts_and_exact_for_the_result_title() -> None:
    # Pagefind quotes the title heading in excerpts (shown as HTML, only < and > escaped), so
    # its `&` needs the paragraphs' escape; the result's title comes from the meta tag, whose
    # attribute value a parser decodes back to the exact title.
    title = 'AT&T quoted &lt;b&gt; and "&copy"'
    page = search_index.SearchPage(path="articles/x/", title=title, blocks=("", "Text."))
    html_page = page_html(page, "en")
    escaped = 'AT&amp;T quoted &amp;amp;lt;b&amp;amp;gt; and "&amp;amp;copy"'
    assert f'<h1 data-pagefind-weight="10">{escaped}</h1>' in html_page
    meta = re.search(r'<meta data-pagefind-meta="title\[content\]" content="([^"]*)">', html_page)
    assert meta and html.unescape(meta.group(1)) == title
