"""The few exceptions a user can meet. Each carries a file and, where known, a line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, located as `file:line: message`."""

    path: Path | str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class UserError(Exception):
    """Bad input or configuration: reported as messages, exit code 1, no traceback."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class InputError(UserError):
    """A dump cannot be read, decoded or understood."""


class ConfigError(UserError):
    """A file in site_config/ is invalid."""
