"""Summary: this run's article pages against the content tree already on disk, by id."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import Page
from generator.summary import Changes, compare, compare_written, fingerprint, previous_articles
from generator.write import write


def article(path: str, article_id: str, body: str = "Text.") -> Page:
    data = f"---\nid: {article_id}\ntitle: T\n---\n\n{body}\n".encode()
    return Page(path=f"articles/2025/07/{path}", data=data)


def on_disk(folder: Path, pages: list[Page]) -> Path:
    for page in pages:
        (folder / page.path).parent.mkdir(parents=True, exist_ok=True)
        (folder / page.path).write_bytes(page.data)
    return folder


def test_nothing_on_disk_makes_everything_new(tmp_path: Path) -> None:
    pages = [article("a.md", "aaaaaaaaaaaa"), article("b.md", "bbbbbbbbbbbb")]
    assert compare(previous_articles(tmp_path / "none"), pages) == Changes(2, 0, 0)


def test_same_pages_change_nothing(tmp_path: Path) -> None:
    pages = [article("a.md", "aaaaaaaaaaaa"), Page(path="index.md", data=b"# Home\n")]
    assert compare(previous_articles(on_disk(tmp_path, pages)), pages) == Changes(0, 0, 0)


def test_new_body_or_new_path_is_an_update_removed_page_is_counted(tmp_path: Path) -> None:
    before = [
        article("a.md", "aaaaaaaaaaaa"),
        article("b.md", "bbbbbbbbbbbb"),
        article("c.md", "cccccccccccc"),
    ]
    after = [
        article("a.md", "aaaaaaaaaaaa", body="Corrected."),
        article("better-title.md", "bbbbbbbbbbbb"),
        article("d.md", "dddddddddddd"),
    ]
    assert compare(previous_articles(on_disk(tmp_path, before)), after) == Changes(1, 2, 1)


def test_quoted_all_digit_id_is_read(tmp_path: Path) -> None:
    page = Page(path="articles/x.md", data=b"---\nid: '012345678901'\ntitle: T\n---\nx\n")
    assert list(previous_articles(on_disk(tmp_path, [page]))) == ["012345678901"]


def with_related(article_id: str, title: str, body: str = "Text.") -> Page:
    data = (
        f"---\nid: {article_id}\ntitle: T\nrelated:\n- title: {title}\n  url: ../x/\n"
        f"  day: 1 July 2025\n---\n\n{body}\n"
    )
    return Page(path="articles/2025/07/a.md", data=data.encode())


def test_a_related_story_retitled_is_not_an_update_of_this_one(tmp_path: Path) -> None:
    before = [with_related("aaaaaaaaaaaa", "Old title")]
    disk = previous_articles(on_disk(tmp_path, before))
    assert compare(disk, [with_related("aaaaaaaaaaaa", "New title")]) == Changes(0, 0, 0)
    changed = with_related("aaaaaaaaaaaa", "Old title", body="Corrected.")
    assert compare(disk, [changed]) == Changes(0, 1, 0)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param([], [article("a.md", "aaaaaaaaaaaa")], id="new"),
        pytest.param([article("a.md", "aaaaaaaaaaaa")], [], id="removed"),
        pytest.param(
            [article("a.md", "aaaaaaaaaaaa"), article("b.md", "bbbbbbbbbbbb")],
            [article("a.md", "aaaaaaaaaaaa"), article("b.md", "bbbbbbbbbbbb")],
            id="same",
        ),
        pytest.param(
            [
                article("a.md", "aaaaaaaaaaaa"),
                article("b.md", "bbbbbbbbbbbb"),
                article("c.md", "cccccccccccc"),
                with_related("eeeeeeeeeeee", "Old title"),
                Page(path="index.md", data=b"# Home\n"),
            ],
            [
                article("a.md", "aaaaaaaaaaaa", body="Corrected."),
                article("better-title.md", "bbbbbbbbbbbb"),
                article("d.md", "dddddddddddd"),
                with_related("eeeeeeeeeeee", "New title"),
                Page(path="index.md", data=b"# Home, new\n"),
            ],
            id="mixed",
        ),
    ],
)
def test_what_write_saw_gives_what_reading_the_old_tree_gives(
    tmp_path: Path, before: list[Page], after: list[Page]
) -> None:
    out = on_disk(tmp_path / "content", before)
    expected = compare(previous_articles(out), after)
    report = write(after, out, fingerprint)
    assert compare_written(after, report.same, report.old) == expected
