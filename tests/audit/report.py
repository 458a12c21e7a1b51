"""Run the three audits on a served site and lay their results out as one table.

In: the site and content directories, site_url, page kinds and presets. Out: an `AuditRun`
and its text table; `failures()` lists what misses the bar, each with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.audit.feeds import FeedReport, check_feeds
from tests.audit.lighthouse import CATEGORIES, LighthouseResult, median_run
from tests.audit.pages import AuditPage, all_pages, pick_pages
from tests.audit.server import serve
from tests.audit.vnu import HtmlReport, check_html, load_allowlist

# The bar set by issue #9: every Lighthouse category at least this on every page and preset.
MIN_SCORE = 0.98
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditRun:
    pages: tuple[AuditPage, ...]
    lighthouse: dict[tuple[str, str], LighthouseResult]
    """(page kind, preset) -> result."""
    html: HtmlReport
    """Keyed by page path ('' for home)."""
    feeds: tuple[FeedReport, ...]


def run_audit(
    site: Path,
    content: Path,
    site_url: str,
    kinds: tuple[str, ...],
    presets: tuple[str, ...],
    runs: int = 1,
    reports: Path | None = None,
) -> AuditRun:
    """Audit the chosen page kinds; Lighthouse `runs` times per page and preset (median kept),
    its JSON reports copied into `reports` if given."""
    pages = tuple(p for p in pick_pages(site) if p.kind in kinds)
    with serve(site) as base:
        # One at a time: parallel Chromiums on 2 cores would distort the performance timings.
        lighthouse = {
            (p.kind, preset): median_run(
                base + p.path,
                preset,
                runs,
                reports / f"{p.kind}-{preset}.json" if reports else None,
            )
            for p in pages
            for preset in presets
        }
    # Markup is cheap to check (one JVM): every page of the site, not only the chosen ones.
    html = check_html(all_pages(site), load_allowlist())
    return AuditRun(
        pages=pages, lighthouse=lighthouse, html=html, feeds=check_feeds(site, content, site_url)
    )


def failures(run: AuditRun) -> list[str]:
    """Everything below the bar, one line each; empty when the site passes."""
    found = []
    for (kind, preset), result in run.lighthouse.items():
        low = [c for c in CATEGORIES if result.scores[c] < MIN_SCORE]
        if low:
            lost = "; ".join(result.losses)
            found.append(f"lighthouse {kind}/{preset}: {', '.join(low)} < {MIN_SCORE} ({lost})")
    for path, errors in run.html.errors.items():
        found += [f"html /{path} {error}" for error in errors]
    found += [f"html allowlist entry matched nothing, delete it: {u}" for u in run.html.unused]
    if not run.feeds:
        found.append("feeds: the site has no feed")
    found += [f"feed {f.path}: {p}" for f in run.feeds for p in f.problems]
    return found


def table(run: AuditRun) -> str:
    """One row per page x preset (category scores, Nu HTML errors) and one per feed (problems)."""
    rows = [["kind", "path", "preset", *(SHORT[c] for c in CATEGORIES), "errors", "note"]]
    # note: for a page, the Nu HTML errors the allowlist excused and Lighthouse's CPU
    # benchmark index (lower = busier machine); for a feed, its entry count.
    for page in run.pages:
        errors = str(len(run.html.errors.get(page.path, ())))
        allowed = run.html.allowed.get(page.path, 0)
        for (kind, preset), result in run.lighthouse.items():
            if kind == page.kind:
                note = f"{allowed} allowlisted, cpu {result.benchmark_index}"
                scores = [f"{result.scores[c]:.2f}" for c in CATEGORIES]
                rows.append([kind, f"/{page.path}", preset, *scores, errors, note])
    blank = [""] * len(CATEGORIES)
    every = run.html.errors
    rows.append(
        [
            "html",
            f"all {len(every)} pages",
            "",
            *blank,
            str(sum(len(e) for e in every.values())),
            f"{sum(run.html.allowed.values())} allowlisted",
        ]
    )
    rows += [
        ["feed", f"/{f.path}", "", *blank, str(len(f.problems)), f"{f.entries} entries"]
        for f in run.feeds
    ]
    if not run.feeds:
        rows.append(["feed", "(none found)", "", *blank, "1", ""])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )
