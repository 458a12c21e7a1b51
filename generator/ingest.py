"""Ingest: dump files on disk -> decoded `Dump` values.

In: a dumps folder (every `*.txt` in it, sorted) or a single file, plus each dump's optional
`<name>.meta.yml` sidecar. Out: `Dump` values holding text lines with the BOM and line ends
removed. This is the only stage that reads input files; it never guesses at article structure.

Dumps are untrusted: they may be in any of the encodings scrapers and editors produce, hold
stray NULs and control characters, or not be text at all. Decoding either yields text that
reads right or stops the run with `file:line: why`; it never guesses its way into mojibake.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import re
import stat
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from generator.config import line_of, load_yaml
from generator.errors import ConfigError, InputError, Problem, line_at
from generator.model import Dump, DumpMeta
from generator.yamlfile import check_duplicates, iso_date, shows_nothing, text_problem, utf8_text

log = logging.getLogger(__name__)

_ISO_DATE_PREFIX = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})")
# Longest BOM first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
LEGACY_ENCODINGS = ("cp1252", "big5", "gb18030")
"""What a non-UTF-8 dump may be in. Detection only chooses among these: left free,
charset-normalizer reads Windows-1252 quotes as cp1250 and short Big5 runs as cp949, and
either choice publishes mojibake (`Săo Paulo`, Korean syllables for 賴清德)."""
MAX_CHAOS = 0.2
"""charset-normalizer's 'mess' ratio above which a decoding is not text (its own default)."""
BINARY_CONTROL_SHARE = 0.25
"""Text has a stray control character here and there; a file where one character in ten is
one is binary data that happens to decode (an image with no NULs, a zip of text)."""
# Control characters other than tab would render as boxes or vanish; a scraper's stray
# NULs, escape codes and Unicode line separators become a space so that words stay apart.
# So do the noncharacters of the first plane: never text, and XML (the feeds) cannot hold
# U+FFFE or U+FFFF at all.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef\ufffe\uffff]"
)
# Bidirectional overrides can make a title display in an order other than it reads
# (the "Trojan Source" trick), and a BOM inside the text is an artefact of concatenation:
# both are formatting, not content, and are dropped.
_INVISIBLE = re.compile(r"[\u202a-\u202e\u2066-\u2069\ufeff]")
# The control codes that mark binary data; form feeds and Unicode separators turn up in text.
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Every character the patterns above act on (_BINARY's are among _CONTROL's): most dumps
# hold none, and one scan for them spares the three passes, each as slow as this one.
_UNUSUAL = re.compile(f"[{_CONTROL.pattern[1:-1]}{_INVISIBLE.pattern[1:-1]}]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060]")
_ZERO_WIDTH_LINE = re.compile(r"[\s\u200b-\u200d\u2060]+")
"""A line of zero-width spaces and joiners shows nothing: it is blank (it made a story whose
title could not be seen). Within text they stay (a joiner shapes Persian and emoji)."""
# The same control codes as bytes, for legacy encodings (none uses them in a multi-byte
# character: Big5 and GB18030 trail bytes start at 0x30).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_CONTROL_TO_SPACE = bytes.maketrans(_CONTROL_BYTES, b" " * len(_CONTROL_BYTES))
_SIDECAR_KEYS = {"date", "source", "url"}
_SIDECAR_SUFFIX = ".meta.yml"
# A sidecar value YAML reads as the very text written: a letter first (no number, date or
# indicator), no `: ` or ` #`, no space at the end, and not one of the words YAML reads as
# a boolean or null. Anything else goes through the YAML loader.
_PLAIN_VALUE = re.compile(r"[A-Za-z](?:[A-Za-z0-9 ()._,/-]*[A-Za-z0-9()._,/-])?")
_BOOLEANS = "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF"
_YAML_WORDS = frozenset([*_BOOLEANS.split(), "null", "Null", "NULL"])


def find_dumps(target: Path) -> list[Path]:
    """The dump files named by `target`: the file itself, or every *.txt in the folder."""
    try:
        mode = target.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        raise InputError([Problem(target, None, "no such file or folder")]) from None
    except OSError as err:
        raise InputError([_cannot_read(target, err)]) from None
    if stat.S_ISREG(mode):
        return [target]
    if stat.S_ISDIR(mode):
        return [target / name for name in _dump_names(target)]
    kind = _kind_of(mode)
    raise InputError([Problem(target, None, f"not a regular file or folder ({kind})")])


def _dump_names(folder: Path) -> list[str]:
    """The names of the dumps in `folder`, sorted; what only looks like one is warned about."""
    # Not Path.glob: it takes a folder it may not read for an empty one, and a run over an
    # empty folder removes every published article.
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as err:
        raise InputError([Problem(folder, None, f"cannot read: {err.strerror}")]) from None
    # A name starting with a dot is an editor's lock or backup file (Emacs' `.#name.txt` is a
    # link to nowhere while the dump is open), never a dump.
    names = [e for e in entries if e.name.endswith(".txt") and not e.name.startswith(".")]
    dumps = [e.name for e in names if _is_dump(folder, e)]
    _warn_orphans(folder, [entry.name for entry in entries])
    _warn_unread(folder, entries)
    return dumps


def _warn_unread(folder: Path, entries: list[os.DirEntry[str]]) -> None:
    """Warn about each entry that is neither a dump nor a sidecar: a dump moved into a
    subfolder, or saved as `x.TXT`, would otherwise drop out of the site without a word (its
    lines in no article and in no audit)."""
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name.endswith((".txt", _SIDECAR_SUFFIX)):
            continue
        where = _shown(folder / name)
        if _is_folder(entry):
            log.warning(
                "warning: %s: a folder; only the *.txt files directly in %s are read; skipped",
                where,
                _shown(folder),
            )
        elif name.lower().endswith(".txt"):
            renamed = name[: -len(".txt")] + ".txt"
            log.warning(
                "warning: %s: a dump's name ends in .txt in lower case (rename it %s); skipped",
                where,
                renamed,
            )
        else:
            log.warning("warning: %s: not a dump (a dump's name ends in .txt); skipped", where)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_dump(folder: Path, entry: os.DirEntry[str]) -> bool:
    """Whether a *.txt entry is to be read: a regular file, or a link that leads to none.
    Such a link meant a dump, which a run without it would unpublish: read_dump refuses it,
    with the run's other problems. Anything else (a folder, a pipe) never was a dump: a
    warning says it is skipped."""
    try:
        if entry.is_file():
            return True
        mode = entry.stat().st_mode
    except OSError:  # a link in a loop, or to nowhere
        return True
    where = _shown(folder / entry.name)
    log.warning("warning: %s: %s, not a dump file; skipped", where, _kind_of(mode))
    return False


def _kind_of(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((kind for test, kind in kinds if test(mode)), "not a regular file")


def _warn_orphans(folder: Path, names: list[str]) -> None:
    """Warn about each sidecar no dump reads: its date and source would be lost unseen."""
    present = set(names)
    for name in names:
        stem = name.removesuffix(_SIDECAR_SUFFIX)
        if stem == name or f"{stem}.txt" in present:
            continue
        detail = f"there is no {stem}.txt"
        if stem.endswith(".txt"):  # named after the dump's whole name
            detail += f"; the sidecar of {stem} is named {stem[:-4]}{_SIDECAR_SUFFIX}"
        log.warning("warning: %s: sidecar of no dump (%s); ignored", _shown(folder / name), detail)


def ingest(target: Path) -> list[Dump]:
    """Read and decode every dump under `target`; all problems are reported together.

    A dump with no text at all is not an error (a scraper found nothing): it is skipped with
    a warning, so that one empty file does not stop a day's build.
    """
    dumps: list[Dump] = []
    problems: list[Problem] = []
    for path in find_dumps(target):
        try:
            dump = read_dump(path)
        except (InputError, ConfigError) as err:
            problems.extend(err.problems)
            continue
        if blank(dump):
            skipped(path)
            continue
        dumps.append(dump)
    if problems:
        raise InputError(problems)
    return dumps


def blank(dump: Dump) -> bool:
    """Whether the dump holds no text at all (`ingest` skips it)."""
    return all(not line.strip() for line in dump.lines)


def skipped(path: Path) -> None:
    """Warn that a blank dump is skipped (build's readers say it in dump order too)."""
    log.warning("warning: %s: empty dump; skipped", path)


def undated(path: Path) -> None:
    """Warn that a dump has no date: its stories are published under articles/undated/, for
    good, where a date named later would have filed them by month."""
    log.warning(
        "warning: %s: no date (start its name with YYYY-MM-DD, or give its sidecar a date); "
        "its stories are published as undated",
        path,
    )


def read_dump(path: Path) -> Dump:
    """Decode one dump file and its sidecar."""
    _refuse_undecodable_name(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError([_cannot_read(path, err)]) from None
    text, encoding = decode(path, raw)
    # Only CR, LF and CRLF end a physical line, so line numbers match an editor's.
    # str.splitlines also splits on form feeds, NEL and U+2028, but decoded text holds none
    # of them (they are control characters, now spaces).
    lines = tuple(text.splitlines())
    if _ZERO_WIDTH.search(text):  # rare: one scan spares a test of every line
        lines = tuple("" if _ZERO_WIDTH_LINE.fullmatch(line) else line for line in lines)
    return Dump(name=path.name, path=path, meta=read_meta(path), lines=lines, encoding=encoding)


def _refuse_undecodable_name(path: Path) -> None:
    """A name that is not UTF-8 reaches Python as lone surrogates, which no page, feed or
    cache key can hold: refused here, before the run fails somewhere far from the cause."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        message = "file name is not UTF-8; rename the file"
        raise InputError([Problem(_shown(path), None, message)]) from None
    if _UNSHOWABLE.search(path.name):
        # printed in every warning and audit line, and shown on the story's page
        message = "file name holds a control character or a bidirectional override; rename the file"
        raise InputError([Problem(_shown(path), None, message)])


def _shown(path: Path) -> str:
    """`path` printable whatever bytes its name holds (those not UTF-8 as \\xff, control
    characters and bidi overrides as \\x1b or \\u202e: a terminal would run the escape codes,
    and a newline would forge a line of the output)."""
    shown = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _UNSHOWABLE.sub(_escaped, shown) if _UNSHOWABLE.search(shown) else shown


_UNSHOWABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What a file name must not hold: control characters, line separators, bidi overrides."""


def _escaped(match: re.Match[str]) -> str:
    return match[0].encode("unicode_escape").decode("ascii")


def decode(path: Path, raw: bytes) -> tuple[str, str]:
    """Bytes -> text and the encoding it was in: a BOM, then UTF-8, then detection.
    The text is NFC, without bidi overrides or inner BOMs, and its control characters but
    tab, CR and LF are spaces.

    Refuses (InputError) bytes that are not text in any encoding we accept.
    """
    marked = [enc for bom, enc in _BOMS if raw.startswith(bom)]
    if marked:
        text, encoding = _decode_marked(path, raw, marked)
    else:
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as err:
            text, encoding = _mended(path, raw, err.start) or _detect(path, raw, err.start)
    if _UNUSUAL.search(text) is None:  # nothing to refuse, drop or replace (NFC adds none)
        return unicodedata.normalize("NFC", text), encoding
    _refuse_binary(path, text)
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    return _CONTROL.sub(" ", text), encoding


STRAYS_MAX = 16
"""Bytes that are not UTF-8 in a UTF-8 dump, read one by one as Windows-1252: a curly quote
pasted from an old page. More, and the file is read as the legacy encoding it is."""


def _mended(path: Path, raw: bytes, first: int) -> tuple[str, str] | None:
    """UTF-8 text holding a few stray Windows-1252 bytes, read as both (warned about at the
    first one's line); None when it is not that. Read whole as Windows-1252, a French dump
    with one such `’` came out `MontrÃ©al`. It is UTF-8 when its valid multi-byte
    characters outnumber the strays: legacy text has next to none."""
    parts: list[str] = []
    strays = 0
    rest = raw
    while True:
        try:
            parts.append(rest.decode("utf-8"))
            break
        except UnicodeDecodeError as err:
            parts.append(rest[: err.start].decode("utf-8"))
            try:
                parts.append(rest[err.start : err.end].decode("cp1252"))
            except UnicodeDecodeError:  # a byte Windows-1252 leaves undefined
                return None
            strays += err.end - err.start
            if strays > STRAYS_MAX:
                return None
            rest = rest[err.end :]
    text = "".join(parts)
    if sum(map(len, _NON_ASCII.findall(text))) - strays <= strays or _plainly_chinese(raw):
        return None  # legacy text: a Big5 pair may also be a valid UTF-8 one
    line = line_at(raw, first)
    bytes_are = "1 byte is" if strays == 1 else f"{strays} bytes are"
    log.warning("warning: %s:%d: %s not UTF-8; read as Windows-1252", path, line, bytes_are)
    return text, "utf-8+cp1252"


NUL_SHARE_MAX = 4
"""Of the characters a UTF-32 mark's file reads as in UTF-16, at most one in this many may be
NUL: more, and it is UTF-32 with a broken byte (its message names that byte's line)."""


def _decode_marked(path: Path, raw: bytes, encodings: list[str]) -> tuple[str, str]:
    """Decode bytes that open with a BOM. FF FE 00 00 is the UTF-32 mark, or the UTF-16 one
    followed by a NUL character: the first encoding that decodes wins."""
    errors = []
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as err:
            errors.append((encoding, err))
            continue
        if not errors or text.count("\0") * NUL_SHARE_MAX < len(text):
            return text, encoding
        break  # UTF-32 text with a broken byte, read as UTF-16: a NUL every other character
    encoding, err = errors[0]  # the mark's first reading (FF FE 00 00: UTF-32 before UTF-16)
    # Counted in the decoded text: in UTF-16 and UTF-32 a line end is not one byte.
    line = _line_ending(raw[: err.start].decode(encoding, "replace"))
    raise InputError([Problem(path, line, f"not valid {encoding}: {err.reason}")])


def _detect(path: Path, raw: bytes, bad_utf8: int) -> tuple[str, str]:
    """Decode bytes that are not UTF-8 as the legacy encoding they read best in."""
    if b"\x00" in raw:
        # No legacy encoding we accept uses NUL; UTF-16 without a BOM lands here too.
        offset = raw.index(b"\x00")
        raise InputError([Problem(path, line_at(raw, offset), _not_text(offset))])
    controls = len(raw) - len(raw.translate(None, _CONTROL_BYTES))
    if controls / len(raw) > BINARY_CONTROL_SHARE:
        offset = next(i for i, byte in enumerate(raw) if byte in _CONTROL_BYTES)
        raise InputError([Problem(path, line_at(raw, offset), _not_text(offset))])
    latin = _plainly_latin(raw)
    if latin is not None:
        return latin, "cp1252"
    chinese = _plainly_chinese(raw)
    if len(chinese) == 1:
        return chinese[0]
    # Imported here: only a dump that is not UTF-8 needs it (0.03 s a run).
    import charset_normalizer

    # charset-normalizer rejects every single-byte code page for a file holding one control
    # byte; they are one-byte characters in all three encodings, so they become spaces first.
    candidates = [encoding for _, encoding in chinese] or list(LEGACY_ENCODINGS)
    best = charset_normalizer.from_bytes(
        raw.translate(_CONTROL_TO_SPACE), cp_isolation=candidates, threshold=MAX_CHAOS
    ).best()
    try:
        if best is not None:
            return str(best), best.encoding
    except UnicodeDecodeError:
        pass
    names = "UTF-8, Windows-1252, Big5 or GB18030"
    message = (
        f"not text in {names} (byte 0x{raw[bad_utf8]:02x} at {bad_utf8} is not UTF-8); "
        "convert the file to UTF-8"
    )
    raise InputError([Problem(path, line_at(raw, bad_utf8), message)])


def _plainly_latin(raw: bytes) -> str | None:
    """The Windows-1252 reading of bytes that can only be Latin text, else None (detection
    decides). In a short English dump, an accented letter's one byte and the letter after it
    also read as a Chinese character in Big5 or GB18030, and charset-normalizer may prefer
    that (`C矌e d'Ivoire`, `S緌 Paulo`). It is Latin when its Windows-1252 reading holds only
    letters and punctuation Latin text uses, and the other readings' non-ASCII characters
    each stand alone, glued to an ASCII letter, as a letter inside a word does; Chinese
    names in English text stand apart (`Lai (賴清德)`), and Chinese text reads as symbols
    in Windows-1252 or runs to words of two characters or more."""
    try:
        latin = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if _NOT_LATIN.search(latin):
        return None
    for encoding in ("big5", "gb18030"):
        try:
            other = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not all(_one_glued(other, run) for run in _NON_ASCII.finditer(other)):
            return None
    return latin


def _plainly_chinese(raw: bytes) -> list[tuple[str, str]]:
    """The Big5 and GB18030 readings of bytes that can only be Chinese in Latin text, when
    their Windows-1252 reading cannot be Latin. In an English dump with a few names in
    Chinese (`Premier Cho Jung-tai (卓榮泰)`), charset-normalizer found the Windows-1252
    reading (`(¨ôºa®õ)`) less chaotic than Big5's. A reading counts when every non-ASCII run
    in it is ideographs (and CJK punctuation) standing apart from ASCII letters, as a name in
    brackets or a Chinese sentence does; an accented letter read as Chinese is glued to the
    letters around it, and the wrong Chinese encoding reads private-use or other symbols."""
    try:
        if not _NOT_LATIN.search(raw.decode("cp1252")):
            return []
    except UnicodeDecodeError:
        pass
    readings = []
    for encoding in ("big5", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        runs = list(_NON_ASCII.finditer(text))
        if runs and all(_ideographs_apart(text, run) for run in runs):
            readings.append((text, encoding))
    return readings


_IDEOGRAPHIC = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e]+")
"""CJK ideographs, CJK symbols and punctuation, and full-width forms (`，`, `（`)."""


def _ideographs_apart(text: str, run: re.Match[str]) -> bool:
    before = text[run.start() - 1 : run.start()]
    after = text[run.end() : run.end() + 1]
    glued = (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())
    return not glued and _IDEOGRAPHIC.fullmatch(run.group()) is not None


_NOT_LATIN = re.compile(
    "[^\x00-\x7f\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0152\u0153\u0160\u0161"
    "\u0178\u017d\u017e\u00a0\u00a1\u00a3\u00a9\u00ab\u00ae\u00b0\u00b7\u00bb\u00bf"
    "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026\u20ac]"
)
"""A character Latin-script news text does not use: Windows-1252's other symbols (², ¼, §,
which Big5 and GB18030 bytes read as) and anything it cannot hold."""


def _one_glued(text: str, run: re.Match[str]) -> bool:
    """One character glued to an ASCII letter: what an accented letter and the letter after
    it read as. Chinese glued to a brand name comes in words of two or more (`TSMC上市`)."""
    if len(run.group()) > 1:
        return False
    before = text[run.start() - 1 : run.start()]
    after = text[run.end() : run.end() + 1]
    return (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())


def _refuse_binary(path: Path, text: str) -> None:
    """Decodable bytes can still be binary: refuse text that is mostly control codes."""
    controls = [m.start() for m in _BINARY.finditer(text)]
    if text and len(controls) / len(text) > BINARY_CONTROL_SHARE:
        line = _line_ending(text[: controls[0]])
        share = f"{len(controls)} of {len(text)} characters are control codes"
        message = f"not text ({share}); remove or convert the file"
        raise InputError([Problem(path, line, message)])


def _line_ending(start: str) -> int:
    """The line number of the last line of `start`, the opening of a decoded dump."""
    raw = start.encode("utf-8", "surrogatepass")
    return line_at(raw, len(raw))


def _not_text(offset: int) -> str:
    return f"not text (binary data at byte {offset}); remove or convert the file"


def sidecar_of(path: Path) -> Path:
    """Where the dump `path`'s sidecar is, if it has one."""
    return path.with_name(path.stem + _SIDECAR_SUFFIX)


def read_meta(path: Path) -> DumpMeta:
    """The sidecar `<stem>.meta.yml`, falling back to an ISO date at the start of the name."""
    sidecar = sidecar_of(path)
    text = _sidecar_text(sidecar)
    data = {} if text is None else _plain_sidecar(text)
    if data is None:
        data = load_yaml(sidecar, text)
    if not isinstance(data, dict):
        raise InputError([Problem(sidecar, None, "expected keys date, source, url")])
    problems = _sidecar_problems(sidecar, data)
    if problems:
        raise InputError(problems)
    date = data.get("date")
    if isinstance(date, dt.datetime):
        date = date.date()
    if date is None:
        date = _date_from_name(path.name)
    return DumpMeta(date=date, source=_opt_str(data.get("source")), url=_opt_str(data.get("url")))


def _sidecar_problems(sidecar: Path, data: dict[object, object]) -> list[Problem]:
    """What is wrong with a sidecar's keys and values, each problem on its line."""
    problems: list[Problem] = []
    for key in sorted(set(data) - _SIDECAR_KEYS, key=str):
        problems.append(
            Problem(sidecar, line_of(data, key), f"unknown key '{key}' (date, source, url)")
        )
    check_duplicates(sidecar, data, problems)
    date = data.get("date")
    if date is not None and not isinstance(date, dt.date):
        message = f"'date' must be a real date written YYYY-MM-DD, not '{date}'"
        problems.append(Problem(sidecar, line_of(data, "date"), message))
    return problems + _text_problems(sidecar, data)


def _text_problems(sidecar: Path, data: dict[object, object]) -> list[Problem]:
    """`source` must be text and `url` a web address: YAML reads `yes` as true and `12` as
    a number, which would be published as 'True' and '12'."""
    problems: list[Problem] = []
    source, url = data.get("source"), data.get("url")
    if source is not None and (message := text_problem("source", source)):
        problems.append(Problem(sidecar, line_of(data, "source"), message))
    elif isinstance(source, str) and shows_nothing(source):  # "Published by ." on its pages
        message = "'source' is empty: write the name, or remove the key"
        problems.append(Problem(sidecar, line_of(data, "source"), message))
    if url is not None and not _web_address(url):
        message = f"url '{url}' is not an absolute http(s) address such as https://example.com/"
        problems.append(Problem(sidecar, line_of(data, "url"), message))
    return problems


def _web_address(value: object) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _sidecar_text(sidecar: Path) -> str | None:
    """The sidecar's text, or None when the dump has none."""
    # Opened without asking first whether it exists: most dumps of a large run have one.
    try:
        raw = _regular_file_bytes(sidecar)
    except FileNotFoundError as err:
        if sidecar.is_symlink():  # a sidecar was meant, and is lost: not the same as none
            raise InputError([_cannot_read(sidecar, err)]) from None
        return None
    except OSError as err:
        if err.errno == errno.ENAMETOOLONG:  # the dump's name leaves no room for one
            return None
        raise InputError([_cannot_read(sidecar, err)]) from None
    return utf8_text(sidecar, raw)


def _regular_file_bytes(path: Path) -> bytes:
    """The bytes of `path`, or OSError ("not a regular file" for a folder, a pipe, a device).
    Opened without blocking: opening a named pipe waits until something writes to it."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "not a regular file", str(path))
        with open(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def _cannot_read(path: Path, err: OSError) -> Problem:
    """Why `path` cannot be read, and where it leads when it is a symbolic link (a link
    to nowhere looks like a file in a listing, and "No such file" alone would puzzle)."""
    reason = f"cannot read: {err.strerror}"
    if path.is_symlink():
        reason += f" (a symbolic link to '{os.readlink(path)}')"
    return Problem(path, None, reason)


def _plain_sidecar(text: str) -> dict[str, object] | None:
    """The sidecar's keys and values, read without the YAML loader, when it is nothing but
    `key: value` lines of known keys, each once, holding a valid calendar date or plain text
    (`_PLAIN_VALUE`): the values YAML would give. Else None, and YAML reads it, for its
    messages with lines. (A run reads a sidecar per dump: the loader took a tenth of a
    second at 1,800 dumps.)"""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    data: dict[str, object] = {}
    for line in lines:
        key, _, value = line.partition(": ")
        if key not in _SIDECAR_KEYS or key in data:
            return None
        if key == "date" and (day := iso_date(value)) is not None:
            data[key] = day
        elif key != "date" and _PLAIN_VALUE.fullmatch(value) and value not in _YAML_WORDS:
            data[key] = value
        else:
            return None
    return data


def _date_from_name(name: str) -> dt.date | None:
    match = _ISO_DATE_PREFIX.match(name)
    return iso_date(match.group(1)) if match else None


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)
