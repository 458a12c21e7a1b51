"""The command line: parse arguments, call build, turn user errors into messages.

    python -m generator generate --dumps DIR_OR_FILE --out DIR
    python -m generator check --dumps DIR
    python -m generator explain --dumps DIR_OR_FILE [--id ID] [--out content]

Exit codes: 0 ok, 1 bad input or configuration, 2 usage, 130 interrupted (Ctrl-C), 143
terminated (SIGTERM).
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import time
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from generator import permalinks
from generator.build import NoProgress, Plan, Progress, generate, plan
from generator.cache import StoryCache, open_cache
from generator.classify.explain import explain_dumps
from generator.config import SiteConfig, load_config
from generator.errors import (
    Problem,
    UserError,
    os_error_message,
    stop_on_sigterm,
    stopped_exit_code,
)
from generator.parallel import WorkerLost, default_jobs
from generator.summary import (
    Changes,
    compare,
    compare_written,
    fingerprint,
    previous_articles,
)
from generator.write import WriteReport, check_out

if TYPE_CHECKING:
    from rich.console import Console

PROGRESS_MIN_ITEMS = 20
"""Fewer dumps than this finish in about a second: a bar would only flicker."""
AUDIT_SHOWN = 20
"""Unassigned lines `generate` lists one by one; beyond this a count says how many more
(`check` lists them all)."""
AUDIT_WIDTH = 300
"""Characters of an audit line shown: its line number finds the rest."""

INTERRUPTED = "interrupted: no file was left half-written (the content tree is a whole run's)"

T = TypeVar("T")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Turn news dumps into the site's content tree, or check or explain them.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="write the content tree from the dumps")
    gen.add_argument("--dumps", type=Path, required=True, help="a dumps folder or one dump file")
    gen.add_argument("--out", type=Path, required=True, help="the content folder to write")
    gen.add_argument("--config", type=Path, default=Path("site_config"), help="site_config folder")
    gen.add_argument(
        "--site-url", help="public address of the site (default: $SITE_URL or site.yml)"
    )
    _speed_options(gen)
    check = commands.add_parser("check", help="validate dumps and configuration; write nothing")
    check.add_argument("--dumps", type=Path, required=True, help="a dumps folder or one dump file")
    check.add_argument(
        "--config", type=Path, default=Path("site_config"), help="site_config folder"
    )
    check.add_argument(
        "--out",
        type=Path,
        default=Path("content"),
        help="content tree to compare with, read only (default: content)",
    )
    _speed_options(check)
    explain = commands.add_parser("explain", help="show why stories got their topics and places")
    explain.add_argument("--dumps", type=Path, required=True, help="a dumps folder or one dump")
    explain.add_argument("--id", help="only the story with this id")
    explain.add_argument("--config", type=Path, default=Path("site_config"), help="site_config")
    explain.add_argument(
        "--out",
        type=Path,
        default=Path("content"),
        help="the published content tree, read only: stories keep its ids (default: content)",
    )
    return parser


def _speed_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--jobs",
        type=_positive,
        default=default_jobs(),
        help="worker processes (default: one per processor); output is the same for any number",
    )
    command.add_argument(
        "--cache",
        type=Path,
        help="story cache folder (default: .cache beside the --out folder)",
    )
    command.add_argument(
        "--no-cache", action="store_true", help="read every dump again; use no cache"
    )


def _positive(value: str) -> int:
    """A count of at least one; anything else is a usage error (exit 2)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def _cache(args: argparse.Namespace, config: SiteConfig) -> StoryCache | None:
    """The story cache; `check` reads it but never adds to it (it writes nothing)."""
    if args.no_cache:
        return None
    folder = args.cache or args.out.resolve().parent / ".cache"
    return open_cache(folder, config, writable=args.command == "generate")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started = time.monotonic()
    try:
        config = load_config(args.config, getattr(args, "site_url", None))
        if args.command == "explain":
            return _print_lines(explain_dumps(args.dumps, config, args.id, args.out))
        check_out(args.out)  # before the cache beside it is made, or a dump is read
        if args.command == "generate":
            _check_replaceable(args.out, {"--dumps": args.dumps, "--config": args.config})
        if args.command == "check":
            result, changes = _check(args, config)
            _print_audit(result, args, every=True)
        else:
            result, changes, report = _generate(args, config)
            _print_audit(result, args, every=False)
            print(
                f"wrote {report.written} files to {args.out}, "
                f"{report.unchanged} unchanged, {report.removed} removed"
            )
        print(summary(result, changes, time.monotonic() - started))
        return 0
    except UserError as err:
        if args.debug:
            raise
        for problem in err.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    except OSError as err:  # a file the run cannot read or write: not a bug, no traceback
        if args.debug:
            raise
        print(os_error_message(err), file=sys.stderr)
        return 1
    except WorkerLost as err:
        if args.debug:
            raise
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as stop:
        if args.debug:
            raise
        # write() swaps a whole staged tree in, or drops it: nothing is left half-written.
        print(INTERRUPTED, file=sys.stderr)
        return stopped_exit_code(stop)


def _print_lines(lines: list[str]) -> int:
    """Print the lines; exit code 0, also when the reader stops early (`explain | head`)."""
    try:
        print("\n".join(lines))
        sys.stdout.flush()
    except BrokenPipeError:
        # what is left in the buffer would fail again as the interpreter exits, with a message
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _check_replaceable(out: Path, inputs: dict[str, Path]) -> None:
    """Raise UserError unless `out` may be replaced whole: it is new, empty or a content
    tree (its permalink map or articles/ folder), and holds none of the run's `inputs`
    (option -> path). A mistyped `--out` (the dumps, the repository) would
    otherwise be swapped out of the way and lost with the next run's spare tree."""
    target = out.resolve()
    for option, path in inputs.items():
        if path.resolve() == target:
            raise UserError([Problem(out, None, f"is also the {option} path; {_ELSEWHERE}")])
        if target in path.resolve().parents:
            raise UserError([Problem(out, None, f"holds the {option} path {path}; {_ELSEWHERE}")])
    try:
        names = {entry.name for entry in os.scandir(out)} if out.is_dir() else set()
    except OSError as err:
        raise UserError([Problem(out, None, err.strerror or str(err))]) from None
    if names and not names & {permalinks.FILE, "articles"}:
        reason = "is not a content tree (it has no articles/ or .permalinks.json)"
        raise UserError([Problem(out, None, f"{reason}; {_ELSEWHERE}")])
    if "index.html" in names:  # a built site has articles/ too (`--out site`)
        reason = "is a built site (it has index.html), not a content tree"
        raise UserError([Problem(out, None, f"{reason}; {_ELSEWHERE}")])


_ELSEWHERE = (
    "generate replaces the whole --out folder, so name a new or empty folder, "
    "or the content folder of an earlier run"
)


def _check(args: argparse.Namespace, config: SiteConfig) -> tuple[Plan, Changes]:
    """`check`: the plan, and how it differs from the content tree on disk (nothing written)."""
    # The paths already published, as generate would keep them: same summary.
    known = permalinks.load(args.out)
    cache = _cache(args, config)
    result = plan(args.dumps, config, _progress(), known, cache, args.jobs, args.out)
    return result, compare(previous_articles(args.out), result.pages)


def _generate(args: argparse.Namespace, config: SiteConfig) -> tuple[Plan, Changes, WriteReport]:
    """`generate`: the plan, how it differs from the tree it replaced, and what was written."""
    cache = _cache(args, config)
    result, report = generate(
        args.dumps, args.out, config, _progress(), cache, args.jobs, fingerprint
    )
    # write tells the old pages it replaces: the tree is not read twice.
    return result, compare_written(result.pages, report.same, report.old), report


def summary(result: Plan, changes: Changes, seconds: float) -> str:
    """The one line every run ends with."""
    return (
        f"{result.dumps} dumps, {result.lines} lines -> {len(result.articles)} articles "
        f"({changes.new} new, {changes.updated} updated, {changes.removed} removed, "
        f"{result.merged} merged, {result.hidden} hidden), "
        f"{len(result.audit)} lines unassigned, {seconds:.2f} s"
    )


def _print_audit(result: Plan, args: argparse.Namespace, every: bool) -> None:
    """The unassigned lines: all of them for `check`, the first AUDIT_SHOWN for `generate`
    (a run over a new archive can leave thousands), each reason cut to AUDIT_WIDTH."""
    shown = result.audit if every else result.audit[:AUDIT_SHOWN]
    for entry in shown:
        reason = entry.reason
        if len(reason) > AUDIT_WIDTH:  # a reason quotes its line, which may be megabytes
            reason = reason[: AUDIT_WIDTH - 1] + "…"
        print(f"unassigned: {entry.ref.dump}:{entry.ref.first}: {reason}")
    if len(result.audit) > len(shown):
        more = len(result.audit) - len(shown)
        print(f"unassigned: ... and {more} more lines (all of them: {_check_command(args)})")


def _check_command(args: argparse.Namespace) -> str:
    """The `check` that lists every unassigned line of this run: its dumps, tree and config
    (against another tree, its counts of new and removed stories would differ)."""
    words = ["python", "-m", "generator", "check", "--dumps", str(args.dumps)]
    if args.out != Path("content"):
        words += ["--out", str(args.out)]
    if args.config != Path("site_config"):
        words += ["--config", str(args.config)]
    return shlex.join(words)


class _Bar:
    """A rich progress bar and spinners on stderr, drawn only once a long loop is seen."""

    def __init__(self, console: Console):
        self.console = console
        self.long = False

    def track(self, items: Sequence[T], label: str) -> Iterable[T]:
        self.long = self.long or len(items) >= PROGRESS_MIN_ITEMS
        if not self.long:
            yield from items
            return
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as RichProgress

        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with RichProgress(*columns, console=self.console, transient=True) as bar:
            yield from bar.track(items, description=label)

    def stage(self, label: str) -> AbstractContextManager[object]:
        return self.console.status(label) if self.long else nullcontext()


def _progress() -> Progress:
    """Progress on stderr when it is a terminal; otherwise nothing at all."""
    # rich costs 0.15 s to import: not when stderr is no terminal and nothing forces one
    # (rich's own test below reads these same settings).
    forced = "FORCE_COLOR" in os.environ or os.environ.get("TTY_COMPATIBLE") == "1"
    if not (forced or sys.stderr.isatty()):
        return NoProgress()
    from rich.console import Console

    console = Console(stderr=True)
    return _Bar(console) if console.is_terminal else NoProgress()


def _rerun_in_utf8_mode() -> None:
    """Run again in Python's UTF-8 mode if the locale gives file names another encoding.
    Dump names are UTF-8 and are written into pages and records: under a Latin-1 locale
    `näws.txt` was recorded as `nÃ¤ws.txt`, under a plain C locale refused as not UTF-8.
    `make` sets PYTHONUTF8; this covers a generator run by hand."""
    if not sys.flags.utf8_mode and sys.getfilesystemencoding() != "utf-8":
        os.execv(sys.executable, [sys.executable, "-X", "utf8", *sys.orig_argv[1:]])


if __name__ == "__main__":
    _rerun_in_utf8_mode()
    stop_on_sigterm()
    code = main()
    # A large run ends holding ~1 GB of objects: freeing them one by one, and the collector's
    # last pass, cost ~0.3 s at 10,000 stories while nothing is left to do (every pool and
    # file is closed by now); the kernel frees the whole process at once.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
