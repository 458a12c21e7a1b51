"""Validate pages with the W3C Nu HTML checker (vnu.jar from npm `vnu-jar`, on the machine's Java).

In: page URLs and the allowlist (vnu_allowlist.yml). Out: per page, the errors that count
and those the allowlist excuses, plus the allowlist entries nothing matched (stale entries
must be removed, so the list stays an honest account of what Material's base template does).
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.audit.errors import AuditError

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWLIST = Path(__file__).with_name("vnu_allowlist.yml")
ALLOWLIST_KEYS = {"message", "extract", "reason"}
# The JVM plus a few pages; generous for a busy 2-core machine (seconds).
TIMEOUT = 300


@dataclass(frozen=True, slots=True, kw_only=True)
class Allowed:
    message: re.Pattern[str]
    """Matches the whole checker message."""
    extract: str
    """A piece of the offending markup that must appear in the checker's extract."""
    reason: str
    """Why this comes from Material's base template and cannot be overridden cleanly."""


@dataclass(frozen=True, slots=True, kw_only=True)
class HtmlReport:
    errors: dict[str, tuple[str, ...]]
    """URL -> 'line:column: message' for every error the allowlist does not excuse."""
    allowed: dict[str, int]
    """URL -> how many errors the allowlist excused."""
    unused: tuple[str, ...]
    """Allowlist entries that matched nothing: stale, to be deleted."""


def load_allowlist(path: Path = ALLOWLIST) -> tuple[Allowed, ...]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    allowed = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or set(entry) != ALLOWLIST_KEYS:
            raise AuditError(f"{path}: entry {number} needs exactly {sorted(ALLOWLIST_KEYS)}")
        if not str(entry["reason"]).strip():
            raise AuditError(f"{path}: entry {number} gives no reason")
        allowed.append(
            Allowed(
                message=re.compile(entry["message"]),
                extract=entry["extract"],
                reason=entry["reason"],
            )
        )
    return tuple(allowed)


def _excuse(message: dict, allowlist: tuple[Allowed, ...]) -> int | None:
    """Index of the allowlist entry covering `message`, or None."""
    for index, allowed in enumerate(allowlist):
        if allowed.message.fullmatch(message.get("message", "")) and allowed.extract in message.get(
            "extract", ""
        ):
            return index
    return None


def judge(messages: list[dict], urls: list[str], allowlist: tuple[Allowed, ...]) -> HtmlReport:
    """Sort the checker's error messages into counted and excused, per URL."""
    errors: dict[str, list[str]] = {url: [] for url in urls}
    allowed = dict.fromkeys(urls, 0)
    used: set[int] = set()
    for message in messages:
        # A non-document error means a page went unchecked (unreadable, refused): it counts.
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        index = _excuse(message, allowlist)
        if index is None:
            where = f"{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}"
            errors.setdefault(url, []).append(f"{where}: {message.get('message', '')}")
        else:
            used.add(index)
            allowed[url] = allowed.get(url, 0) + 1
    unused = tuple(a.message.pattern for i, a in enumerate(allowlist) if i not in used)
    return HtmlReport(
        errors={u: tuple(e) for u, e in errors.items()}, allowed=allowed, unused=unused
    )


def run_vnu(paths: list[str]) -> list[dict]:
    """The checker's messages (errors only) for every file, from one JVM; their url is 'file:PATH'.

    Files, not URLs: the checker refuses to fetch from private hosts such as 127.0.0.1, and
    the files are the very bytes the server sends. (A file:// URI is silently not checked.)
    """
    if not VNU_JAR.exists():
        raise AuditError(f"{VNU_JAR} missing; run `npm ci` at the repository root")
    command = ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--stdout"]
    command += paths
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except FileNotFoundError:
        raise AuditError("java not found; the Nu HTML checker needs a Java 17 runtime") from None
    try:
        return json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        raise AuditError(f"vnu.jar failed: {result.stderr.strip()[-800:]}") from None


def check_html(files: dict[str, Path], allowlist: tuple[Allowed, ...]) -> HtmlReport:
    """Check each file; the report is keyed by the names given in `files` (name -> file)."""
    names = {f"file:{path.resolve()}": name for name, path in files.items()}
    messages = [
        {**m, "url": names.get(m.get("url", ""), m.get("url", ""))}
        for m in run_vnu([str(path.resolve()) for path in files.values()])
    ]
    return judge(messages, list(files), allowlist)
