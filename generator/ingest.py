"""Ingest: dump files on disk -> decoded `Dump` values.

In: a dumps folder (every `*.txt` in it, sorted) or a single file, plus each dump's optional
`<name>.meta.yml` sidecar. Out: `Dump` values holding text lines with the BOM and line ends
removed. This is the only stage that reads input files; it never guesses at article structure.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import charset_normalizer

from generator.config import line_of, load_yaml
from generator.errors import ConfigError, InputError, Problem
from generator.model import Dump, DumpMeta

_ISO_DATE_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Control characters other than tab would render as boxes or vanish; a scraper's stray
# NULs and escape codes are replaced by a space so that words on either side stay apart.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SIDECAR_KEYS = {"date", "source", "url"}


def find_dumps(target: Path) -> list[Path]:
    """The dump files named by `target`: the file itself, or every *.txt in the folder."""
    if target.is_file():
        return [target]
    if target.is_dir():
        return sorted(p for p in target.glob("*.txt") if p.is_file())
    raise InputError([Problem(target, None, "no such file or folder")])


def ingest(target: Path) -> list[Dump]:
    """Read and decode every dump under `target`; all problems are reported together."""
    dumps: list[Dump] = []
    problems: list[Problem] = []
    for path in find_dumps(target):
        try:
            dumps.append(read_dump(path))
        except (InputError, ConfigError) as err:
            problems.extend(err.problems)
    if problems:
        raise InputError(problems)
    return dumps


def read_dump(path: Path) -> Dump:
    """Decode one dump file and its sidecar."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError([Problem(path, None, f"cannot read: {err.strerror}")]) from None
    text, encoding = decode(path, raw)
    lines = tuple(_CONTROL.sub(" ", line) for line in text.splitlines())
    return Dump(name=path.name, path=path, meta=read_meta(path), lines=lines, encoding=encoding)


def decode(path: Path, raw: bytes) -> tuple[str, str]:
    """Bytes -> text. UTF-8 first (the common case), then a BOM, then detection."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _decode_as(path, raw, encoding), encoding
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        raise InputError([Problem(path, _line_at(raw, offset), _not_text(offset))])
    best = charset_normalizer.from_bytes(raw).best()
    if best is None:
        raise InputError([Problem(path, None, _not_text(0))])
    return str(best), best.encoding


def _decode_as(path: Path, raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as err:
        line = _line_at(raw, err.start)
        raise InputError([Problem(path, line, f"not valid {encoding}: {err.reason}")]) from None


def _line_at(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def _not_text(offset: int) -> str:
    return f"not text (binary data at byte {offset}); remove or convert the file"


def read_meta(path: Path) -> DumpMeta:
    """The sidecar `<stem>.meta.yml`, falling back to an ISO date at the start of the name."""
    sidecar = path.with_name(path.stem + ".meta.yml")
    data = load_yaml(sidecar) if sidecar.exists() else {}
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise InputError([Problem(sidecar, None, "expected keys date, source, url")])
    for key in sorted(set(data) - _SIDECAR_KEYS, key=str):
        problems.append(
            Problem(sidecar, line_of(data, key), f"unknown key '{key}' (date, source, url)")
        )
    date = data.get("date")
    if date is not None and not isinstance(date, dt.date):
        problems.append(Problem(sidecar, line_of(data, "date"), f"date '{date}' is not YYYY-MM-DD"))
    if problems:
        raise InputError(problems)
    if isinstance(date, dt.datetime):
        date = date.date()
    if date is None:
        date = _date_from_name(path.name)
    return DumpMeta(date=date, source=_opt_str(data.get("source")), url=_opt_str(data.get("url")))


def _date_from_name(name: str) -> dt.date | None:
    match = _ISO_DATE_PREFIX.match(name)
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)
