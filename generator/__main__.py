"""The command line: parse arguments, call build, turn user errors into messages.

    python -m generator generate --dumps DIR_OR_FILE --out DIR
    python -m generator check --dumps DIR
    python -m generator explain --dumps DIR_OR_FILE [--id ID]

Exit codes: 0 ok, 1 bad input or configuration, 2 usage.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator.build import generate, plan
from generator.classify.explain import explain_dumps
from generator.config import load_config
from generator.errors import UserError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description=__doc__.splitlines()[0]
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
    check = commands.add_parser("check", help="validate dumps and configuration; write nothing")
    check.add_argument("--dumps", type=Path, required=True, help="a dumps folder or one dump file")
    check.add_argument(
        "--config", type=Path, default=Path("site_config"), help="site_config folder"
    )
    explain = commands.add_parser("explain", help="show why stories got their topics and places")
    explain.add_argument("--dumps", type=Path, required=True, help="a dumps folder or one dump")
    explain.add_argument("--id", help="only the story with this id")
    explain.add_argument("--config", type=Path, default=Path("site_config"), help="site_config")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started = time.monotonic()
    try:
        config = load_config(args.config, getattr(args, "site_url", None))
        if args.command == "explain":
            print("\n".join(explain_dumps(args.dumps, config, args.id)))
            return 0
        if args.command == "check":
            result = plan(args.dumps, config)
            print(_summary(result, time.monotonic() - started))
            for entry in result.audit:
                print(f"{entry.ref.dump}:{entry.ref.first}: {entry.reason}")
            return 0
        result, report = generate(args.dumps, args.out, config)
        print(_summary(result, time.monotonic() - started))
        print(
            f"wrote {report.written} files to {args.out}, "
            f"{report.unchanged} unchanged, {report.removed} removed"
        )
        return 0
    except UserError as err:
        if args.debug:
            raise
        for problem in err.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1


def _summary(result, seconds: float) -> str:
    return (
        f"{result.dumps} dumps, {result.lines} lines -> {len(result.articles)} articles "
        f"({result.merged} merged, {sum(a.hidden for a in result.articles)} hidden), "
        f"{len(result.audit)} lines unassigned, {seconds:.2f} s"
    )


if __name__ == "__main__":
    sys.exit(main())
