"""`python -m tests.audit`: audit a built site and print one table; exit 1 below the bar.

Usage: python -m tests.audit [--site site] [--content content] [--kinds ...] [--presets ...]
                            [--runs 3] [--reports DIR]
The site is served on 127.0.0.1 while Lighthouse and the Nu HTML checker fetch it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.config import load_config
from tests.audit.errors import AuditError
from tests.audit.lighthouse import PRESETS
from tests.audit.pages import PAGE_KINDS
from tests.audit.report import failures, run_audit, table

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.audit", description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site directory")
    parser.add_argument(
        "--content",
        type=Path,
        default=ROOT / "content",
        help="content tree the site was built from (for article dates)",
    )
    parser.add_argument("--kinds", nargs="+", choices=list(PAGE_KINDS), default=list(PAGE_KINDS))
    parser.add_argument("--presets", nargs="+", choices=PRESETS, default=list(PRESETS))
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="Lighthouse runs per page and preset; the median is reported",
    )
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's JSON reports here")
    args = parser.parse_args(argv)
    # The site_url the site was built with: $SITE_URL (the Makefile exports it) or site.yml.
    site_url = load_config(ROOT / "site_config").site_url
    try:
        run = run_audit(
            args.site,
            args.content,
            site_url,
            tuple(args.kinds),
            tuple(args.presets),
            args.runs,
            args.reports,
        )
    except AuditError as error:
        print(f"audit: {error}", file=sys.stderr)
        return 1
    print(
        f"site {args.site} (site_url {site_url}); Lighthouse 12.2.3, median of {args.runs} "
        f"run(s) per page and preset\n"
    )
    print(table(run))
    problems = failures(run)
    print(
        "\n".join(
            ["", f"{len(problems)} below the bar:", *problems]
            if problems
            else ["", "all pages and feeds meet the bar"]
        )
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
