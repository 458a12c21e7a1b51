"""Site size: the built site -> its bytes and files, held against GitHub Pages' limit.

In: the built site folder. Out: one line (bytes, files, share of the limit) on stdout; a
warning past `WARN_SHARE` of the limit; exit 1 past the limit itself. `make deploy` and the
Pages workflow run it before they publish, so a curator hears of the limit from the build,
well ahead, instead of from a deploy that fails or a site cut off.

GitHub Pages publishes sites of at most 1 GB. The site grows by ~16 kB a story (808.6 MB at
50,552 bench stories, tests/bench/HISTORY.md: 517 MB of it article pages), so the limit is
reached at about 62,000 stories. Counted: the bytes of the files, what is published. The Pages
workflow uploads them as a tar archive, ~14% larger with its headers and padding (924.5 MB at
50,552 stories; 199.9 MB through `gzip -6`), which `actions/upload-artifact` zips (zlib level
6 by default). GitHub's own tooling checks less than this module: `actions/deploy-pages`
(v4.0.5, as pinned) only warns when that zip passes 1 GiB, Pages refuses a tar over 10 GB, and
a deployment gets 10 minutes. So the files are held against the documented 1 GB.

Must not: write anything; follow a link out of the folder.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

PAGES_LIMIT_MB = 1000
"""GitHub Pages' limit on a published site ("no larger than 1 GB"), in MB of 10^6 bytes: the
smaller reading of a GB."""
WARN_SHARE = 0.8
"""The share of the limit past which every publish warns: ~12,000 stories of headroom left
at 16 kB a story."""
MB = 1_000_000


@dataclass(frozen=True, slots=True)
class SiteSize:
    bytes: int
    files: int


@dataclass(frozen=True, slots=True)
class Verdict:
    level: str
    """"ok", "warning" or "error"."""
    message: str


def measure(folder: Path) -> SiteSize:
    """The regular files under `folder` (links are not followed): their bytes and count."""
    total = count = 0
    pending = [str(folder)]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    total += entry.stat(follow_symlinks=False).st_size
                    count += 1
    return SiteSize(bytes=total, files=count)


def verdict(size: SiteSize, name: str, limit_mb: int = PAGES_LIMIT_MB) -> Verdict:
    """What to tell the curator about a site of this size, under a host's limit."""
    share = size.bytes / (limit_mb * MB)
    host = "GitHub Pages'" if limit_mb == PAGES_LIMIT_MB else "the host's"
    line = (
        f"{name}: {size.bytes / MB:,.1f} MB in {size.files:,} file{'s' * (size.files != 1)},"
        f" {_percent(share)} of {host} {limit_mb:,} MB limit"
    )
    if share > 1:
        return Verdict(
            "error",
            f"{line}: a larger site is refused or cut off. Publish {name} to a host that takes"
            " it (it is plain files), and give that host's limit with --limit-mb",
        )
    if share >= WARN_SHARE:
        return Verdict(
            "warning",
            f"{line}; the site grows ~16 kB a story: plan a host for {name} that takes more"
            " before it is full",
        )
    return Verdict("ok", line)


def _percent(share: float) -> str:
    return "under 1%" if share < 0.01 else f"{share:.0%}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator.site_size",
        description="Measure the built site against GitHub Pages' size limit.",
    )
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"))
    parser.add_argument(
        "--limit-mb",
        type=int,
        default=PAGES_LIMIT_MB,
        help=f"the host's limit in MB (default {PAGES_LIMIT_MB}, GitHub Pages')",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.limit_mb <= 0:
        parser.error("--limit-mb must be more than 0")
    name = args.site.as_posix().rstrip("/") + "/"
    if not args.site.is_dir():
        print(f"error: {name}: no built site here; run `make site` first", file=sys.stderr)
        return 1
    if not (args.site / "index.html").is_file():  # a build cut short: publish no half site
        print(f"error: {name}: no index.html, not a whole site; run `make site`", file=sys.stderr)
        return 1
    try:
        size = measure(args.site)
    except OSError as error:
        print(f"error: {name}: {error}", file=sys.stderr)
        return 1
    found = verdict(size, name, args.limit_mb)
    if found.level == "ok":
        print(found.message)
        return 0
    print(f"{found.level}: {found.message}", file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        # a workflow command: the run's summary page shows it, not only its log
        print(f"::{found.level} title=Site size::{_workflow_data(found.message)}")
    return 1 if found.level == "error" else 0


def _workflow_data(text: str) -> str:
    """`text` as a workflow command's data: GitHub reads `%`, CR and LF there as escapes."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


if __name__ == "__main__":
    sys.exit(main())
