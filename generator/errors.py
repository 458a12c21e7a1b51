"""The few exceptions a user can meet. Each carries a file and, where known, a line."""

from __future__ import annotations

import difflib
import os
import signal
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EXIT_INTERRUPTED = 130
"""What the command lines return when Ctrl-C stops them: what a shell reports for a command
that SIGINT stopped (128 + 2)."""
EXIT_TERMINATED = 143
"""The same for SIGTERM (128 + 15): `kill`, `timeout`, a cancelled CI job."""
CLOSE_ENOUGH = 0.6
"""difflib's similarity ratio above which a known value is offered as "did you mean"; 0.6 is
difflib's own default and accepts one or two typos in a word without suggesting noise."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, located as `file:line: message` (or `file:line:col:`)."""

    path: Path | str
    line: int | None
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}"
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}"

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (str(self.path), self.line or 0, self.column or 0, self.message)


def line_at(raw: bytes, offset: int) -> int:
    """The 1-based line holding byte `offset`, where CRLF, CR and LF each end a line: the
    rule ingest splits dumps by, so that a message and an editor point at the same line."""
    breaks = raw.count(b"\n", 0, offset) + raw.count(b"\r", 0, offset)
    return breaks - raw.count(b"\r\n", 0, offset) + 1


def closest(value: str, choices: Iterable[str], cutoff: float = CLOSE_ENOUGH) -> str | None:
    """The choice most like `value` (difflib), or None when nothing is close enough."""
    ordered = sorted(set(choices))
    matches = difflib.get_close_matches(value, ordered, n=1, cutoff=cutoff)
    return matches[0] if matches else None


def did_you_mean(suggestion: str | None) -> str:
    """` (did you mean 'x'?)`, or nothing when there is no suggestion."""
    return f" (did you mean '{suggestion}'?)" if suggestion else ""


def os_error_message(err: OSError) -> str:
    """A file the run could not read or write, as the command lines print it: `error: file:
    reason` (a bad disk or folder is the user's to fix, not a traceback to read)."""
    where = f"{err.filename}: " if err.filename else ""
    return f"error: {where}{err.strerror or err}"


class UserError(Exception):
    """Bad input or configuration: reported as messages, exit code 1, no traceback."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class InputError(UserError):
    """A dump cannot be read, decoded or understood."""


class ConfigError(UserError):
    """A file in site_config/ is invalid."""


def template_frame(
    frames: Sequence[tuple[str, int | None]], folder: Path, by_jinja: bool
) -> tuple[str, int | None] | None:
    """Where in a template of `folder` (resolved) an error was raised, from its traceback's
    frames, (file, line) outermost first: Jinja gives a template's frames its file and line.
    The innermost frame in the folder, when Jinja raised the error (`by_jinja`: a template
    that does not compile, or names what it is not given) or the template's own code did
    (the innermost frame of all is in the folder); else None: the error is not a template's
    (a filter of the generator's own, a library)."""
    inside = [f for f in frames if Path(f[0]).resolve().is_relative_to(folder)]
    if inside and (by_jinja or frames[-1] is inside[-1]):
        return inside[-1]
    return None


class Terminated(KeyboardInterrupt):
    """SIGTERM, taken as Ctrl-C is: the run stops where it is, leaves no file half-written
    and ends its workers. Left to its default, it ended the process at once, and the
    workers it left printed BrokenPipeError tracebacks as they handed back their results."""


_terminated = False
"""SIGTERM came: kept, because Python reports and drops an exception raised in some places
(a fork's callbacks), and a run so signalled went on to write its tree."""


_owner = 0
"""The process that asked for `stop_on_sigterm`: its forks inherit the handler, not the ask."""


def stop_on_sigterm() -> None:
    """Raise Terminated in this process when SIGTERM comes (a command line's start)."""
    global _owner
    _owner = os.getpid()
    signal.signal(signal.SIGTERM, _terminate)
    sys.unraisablehook = _unless_terminated(sys.unraisablehook)


def _unless_terminated(hook: Callable[[Any], object]) -> Callable[[Any], object]:
    """`hook`, silent on a dropped Terminated: `raise_if_terminated` raises it again, and
    its report ("Exception ignored in ...", a traceback) came before the run's message."""

    def report(unraisable: Any) -> object:
        return None if isinstance(unraisable.exc_value, Terminated) else hook(unraisable)

    return report


def stopped_exit_code(stop: KeyboardInterrupt) -> int:
    """What a command line returns when Ctrl-C (EXIT_INTERRUPTED) or SIGTERM stopped it."""
    return EXIT_TERMINATED if isinstance(stop, Terminated) else EXIT_INTERRUPTED


def raise_if_terminated() -> None:
    """Raise Terminated if SIGTERM came, where its own exception may have been dropped."""
    if _terminated:
        raise Terminated


def _terminate(signum: int, _frame: object) -> None:
    global _terminated
    if os.getpid() != _owner:
        # A process forked from this one that keeps its handling (a `parallel.beside` child;
        # a pool's workers start with SIGTERM held, then take the default) ends as the
        # signal's default would: raised there, the exception could be dropped in the fork's
        # callbacks, as it can here, and the fork, which never asks `raise_if_terminated`,
        # would go on.
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    _terminated = True
    raise Terminated
