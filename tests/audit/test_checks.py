"""The audit's own judges, on small hand-made inputs: each must catch what it claims to."""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.audit.errors import AuditError
from tests.audit.feeds import check_feeds
from tests.audit.pages import all_pages, pick_pages
from tests.audit.server import serve
from tests.audit.vnu import Allowed, judge, load_allowlist

SITE_URL = "https://example.org/digest/"
ARTICLE = "articles/2025/12/quake/"


def _site(tmp_path: Path, feed: str) -> tuple[Path, Path]:
    site, content = tmp_path / "site", tmp_path / "content"
    (site / ARTICLE).mkdir(parents=True)
    (site / ARTICLE / "index.html").write_text("<!doctype html><title>q</title>", encoding="utf-8")
    (site / "index.html").write_text("<!doctype html><title>home</title>", encoding="utf-8")
    (site / "feeds").mkdir()
    (site / "feeds" / "all.atom.xml").write_text(feed, encoding="utf-8")
    (content / "articles/2025/12").mkdir(parents=True)
    (content / "articles/2025/12/quake.md").write_text(
        "---\nid: abc\ntitle: Quake\ndate: 2025-12-09\n---\nBody.\n", encoding="utf-8"
    )
    return site, content


def _atom(
    entries: str,
    updated: str = "2025-12-09T00:00:00+00:00",
    self_href: str = SITE_URL + "feeds/all.atom.xml",
) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>{SITE_URL}</id><title>All</title>
<updated>{updated}</updated><link href="{self_href}" rel="self"/>{entries}</feed>"""


def _entry(
    link: str = SITE_URL + ARTICLE,
    entry_id: str = "urn:news-digest:abc",
    when: str = "2025-12-09T00:00:00+00:00",
) -> str:
    return (
        f"<entry><id>{entry_id}</id><title>Quake</title><updated>{when}</updated>"
        f'<link href="{link}" rel="alternate"/></entry>'
    )


def _problems(tmp_path: Path, feed: str) -> tuple[str, ...]:
    site, content = _site(tmp_path, feed)
    (report,) = check_feeds(site, content, SITE_URL)
    return report.problems


def test_a_sound_feed_has_no_problem(tmp_path: Path) -> None:
    assert _problems(tmp_path, _atom(_entry())) == ()


def test_a_feed_that_is_not_well_formed_is_bozo(tmp_path: Path) -> None:
    problems = _problems(tmp_path, _atom(_entry()).replace("</feed>", ""))
    assert problems[0].startswith("not well-formed:")


def test_a_relative_link_is_caught(tmp_path: Path) -> None:
    problems = _problems(tmp_path, _atom(_entry(link="/" + ARTICLE)))
    assert any(p.endswith(f"is not under {SITE_URL}") for p in problems)


def test_a_link_to_no_page_is_caught(tmp_path: Path) -> None:
    assert _problems(tmp_path, _atom(_entry(link=SITE_URL + "articles/gone/"))) == (
        f"link {SITE_URL}articles/gone/ leads to no page in the site",
    )


def test_a_wrong_self_link_is_caught(tmp_path: Path) -> None:
    problems = _problems(tmp_path, _atom(_entry(), self_href=SITE_URL + "feed.xml"))
    assert f"rel=self {SITE_URL}feed.xml is not {SITE_URL}feeds/all.atom.xml" in problems


def test_a_repeated_entry_id_is_caught(tmp_path: Path) -> None:
    assert "entry 2 repeats id urn:news-digest:abc" in _problems(
        tmp_path, _atom(_entry() + _entry())
    )


def test_an_entry_dated_unlike_its_article_is_caught(tmp_path: Path) -> None:
    problems = _problems(
        tmp_path,
        _atom(_entry(when="2025-12-10T00:00:00+00:00"), updated="2025-12-10T00:00:00+00:00"),
    )
    assert problems == ("entry 1 dated 2025-12-10, article says 2025-12-09",)


def test_a_feed_stamped_with_the_build_clock_is_caught(tmp_path: Path) -> None:
    problems = _problems(tmp_path, _atom(_entry(), updated="2026-11-25T22:07:30+00:00"))
    assert problems == (
        "feed updated 2026-11-25 22:07:30+00:00, newest entry 2025-12-09 00:00:00+00:00",
    )


def test_one_story_under_two_ids_across_feeds_is_caught(tmp_path: Path) -> None:
    site, content = _site(tmp_path, _atom(_entry()))
    (site / "feeds" / "topic.atom.xml").write_text(
        _atom(_entry(entry_id="urn:other"), self_href=SITE_URL + "feeds/topic.atom.xml"),
        encoding="utf-8",
    )
    reports = check_feeds(site, content, SITE_URL)
    assert [r.problems for r in reports] == [
        (),
        (f"entry 1: {SITE_URL}{ARTICLE} has id urn:other here, urn:news-digest:abc elsewhere",),
    ]


AUTOCOMPLETE = Allowed(
    message=re.compile(r"Attribute “autocomplete” is only allowed .*"),
    extract='type="checkbox" id="__drawer"',
    reason="base.html",
)


def _error(text: str, extract: str, kind: str = "error") -> dict:
    return {
        "type": kind,
        "url": "a/",
        "message": text,
        "extract": extract,
        "lastLine": 3,
        "firstColumn": 5,
    }


def test_the_allowlist_excuses_only_matching_message_and_markup() -> None:
    messages = [
        _error(
            "Attribute “autocomplete” is only allowed when …",
            '<input type="checkbox" id="__drawer" autocomplete="off">',
        ),
        _error("Attribute “autocomplete” is only allowed when …", '<input id="mine">'),
    ]
    report = judge(messages, ["a/"], (AUTOCOMPLETE,))
    assert report.errors == {"a/": ("3:5: Attribute “autocomplete” is only allowed when …",)}
    assert report.allowed == {"a/": 1}
    assert report.unused == ()


def test_an_allowlist_entry_that_matches_nothing_is_reported() -> None:
    report = judge([], ["a/"], (AUTOCOMPLETE,))
    assert report.unused == (AUTOCOMPLETE.message.pattern,)


def test_a_page_the_checker_could_not_read_counts_as_an_error() -> None:
    report = judge([_error("Forbidden host.", "", kind="non-document-error")], ["a/"], ())
    assert report.errors == {"a/": ("3:5: Forbidden host.",)}


def test_an_allowlist_entry_without_a_reason_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "allow.yml"
    path.write_text("- {message: x, extract: y, reason: ''}\n", encoding="utf-8")
    with pytest.raises(AuditError, match="entry 1 gives no reason"):
        load_allowlist(path)


def test_the_repository_allowlist_loads() -> None:
    assert all(entry.reason for entry in load_allowlist())


def test_the_largest_page_of_each_kind_is_audited(tmp_path: Path) -> None:
    for path, size in [
        ("index.html", 1),
        ("articles/2025/12/a/index.html", 5),
        ("articles/2025/12/b/index.html", 9),
        ("topics/x/index.html", 1),
        ("regions/y/index.html", 1),
        ("regions/z/index.html", 1),
    ]:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x" * size, encoding="utf-8")
    assert [(p.kind, p.path) for p in pick_pages(tmp_path)] == [
        ("home", ""),
        ("article", "articles/2025/12/b/"),
        ("topic", "topics/x/"),
        ("region", "regions/y/"),
    ]


def test_a_site_without_a_kind_of_page_is_refused(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("x", encoding="utf-8")
    with pytest.raises(AuditError, match="no article page"):
        pick_pages(tmp_path)


def _get(url: str, gzip_ok: bool) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_server_compresses_text_like_github_pages(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<p>hello</p>", encoding="utf-8")
    with serve(tmp_path) as base:
        status, headers, body = _get(base + "a/", gzip_ok=True)
        plain = _get(base + "a/", gzip_ok=False)[2]
    assert (status, headers["Content-Encoding"], gzip.decompress(body)) == (
        200,
        "gzip",
        b"<p>hello</p>",
    )
    assert plain == b"<p>hello</p>"


def test_the_server_answers_a_missing_page_with_the_sites_404(tmp_path: Path) -> None:
    (tmp_path / "404.html").write_text("lost", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("no", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "404.html").write_text("lost", encoding="utf-8")
    with serve(site) as base:
        assert _get(base + "nothing/", gzip_ok=False)[::2] == (404, b"lost")
        assert _get(base + "..%2Fsecret.txt", gzip_ok=False)[::2] == (404, b"lost")


def test_every_html_file_is_checked_under_its_url_path(tmp_path: Path) -> None:
    for path in ["index.html", "404.html", "topics/x/index.html", "assets/frag.html"]:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x", encoding="utf-8")
    assert sorted(all_pages(tmp_path)) == ["", "404.html", "assets/frag.html", "topics/x/"]
