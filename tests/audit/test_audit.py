"""The small audit in CI: one page per kind on desktop, Nu HTML errors on every page, every feed.

`make audit` runs the full version (mobile and desktop) and prints the table.
"""

from __future__ import annotations

import pytest

from tests.audit.conftest import BuiltSite
from tests.audit.feeds import check_feeds
from tests.audit.lighthouse import CATEGORIES, run_lighthouse
from tests.audit.pages import PAGE_KINDS, all_pages
from tests.audit.report import MIN_SCORE
from tests.audit.vnu import check_html, load_allowlist

pytestmark = pytest.mark.audit


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_lighthouse_desktop_scores_meet_the_bar(built_site: BuiltSite, kind: str) -> None:
    result = run_lighthouse(built_site.base + built_site.pages[kind].path, "desktop")
    low = {c: result.scores[c] for c in CATEGORIES if result.scores[c] < MIN_SCORE}
    assert not low, f"{low}; points lost on: {'; '.join(result.losses)}"


def test_pages_have_no_html_error_outside_the_allowlist(built_site: BuiltSite) -> None:
    report = check_html(all_pages(built_site.site), load_allowlist())
    assert {path: errors for path, errors in report.errors.items() if errors} == {}
    assert report.unused == ()


def test_every_feed_reads_cleanly(built_site: BuiltSite) -> None:
    reports = check_feeds(built_site.site, built_site.content, built_site.site_url)
    assert reports, "the site has no feed"
    assert {r.path: r.problems for r in reports if r.problems} == {}
