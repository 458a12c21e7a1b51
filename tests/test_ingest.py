"""Ingest: bytes on disk -> clean text lines, with dates from sidecars or file names."""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import re
import signal
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator import ingest as ingest_module
from generator.errors import InputError, UserError
from generator.ingest import decode, ingest, read_dump
from generator.yamlfile import load_yaml
from tests.conftest import run_cli, run_cli_unprivileged


@pytest.mark.parametrize(
    "raw",
    [
        b"one\ntwo\n",
        b"one\r\ntwo\r\n",
        "\ufeffone\ntwo".encode(),
        b"one\rtwo\r",
        "one\r\ntwo\r\n".encode("utf-16"),
    ],
    ids=["lf", "crlf", "bom-no-final-newline", "cr", "utf16-bom"],
)
def test_line_ends_and_bom_are_normalised(write_dump, raw: bytes) -> None:
    assert read_dump(write_dump("d.txt", raw)).lines == ("one", "two")


# News-like lines written for these tests: Traditional Chinese as Taiwan's papers print it
# (Big5), Simplified as the mainland's do (GB18030), and English with Windows-1252 quotes.
TRADITIONAL = (
    "行政院昨日宣布，將暫停小紅書在台灣的服務一年，理由是相關詐騙案件已超過一千件。",
    "國民黨主席批評此舉形同審查言論，總統府則表示支持這項決定。",
)
SIMPLIFIED = (
    "国务院新闻办公室昨天举行发布会，介绍今年前三季度的经济运行情况。",
    "发言人表示，消费市场保持稳定增长，就业形势总体稳定。",
)
MIXED_BIG5 = ("President William Lai (賴清德) said on Monday the plan “would protect democracy.”",)
WESTERN = (
    "The minister’s “quasi-security alliance” plan was debated at length in the café today.",
    "São Paulo’s mayor said the reforms cost €3m – about 15¢ a ride… Señor Müller agreed.",
)


# One line of Latin text with an accent or two: each accented letter's byte and the letter
# after it also read as one Chinese character in Big5 and GB18030.
SHORT_WESTERN = (
    ("Côte d'Ivoire held elections on Sunday.",),
    ("Protests in São Paulo",),
    ("€100 and £50 were paid in fines.",),
    ("Größe und Müßiggang: the ações fell.",),
)
SHORT_BIG5 = ("Lai (賴清德) spoke.",)


@pytest.mark.parametrize(
    ("lines", "encoding"),
    [
        (TRADITIONAL, "big5"),
        (MIXED_BIG5, "big5"),
        (SHORT_BIG5, "big5"),
        (SIMPLIFIED, "gb18030"),
        (TRADITIONAL, "gb18030"),
        (WESTERN, "cp1252"),
        *((lines, "cp1252") for lines in SHORT_WESTERN),
    ],
    ids=[
        "big5",
        "big5-mixed-with-english",
        "big5-short",
        "gb18030",
        "gb18030-traditional",
        "cp1252",
        *(f"cp1252-short-{n}" for n in range(len(SHORT_WESTERN))),
    ],
)
def test_legacy_encodings_decode_to_the_text_written(write_dump, lines, encoding) -> None:
    raw = "\r\n".join(lines).encode(encoding) + b"\r\n"
    dump = read_dump(write_dump("d.txt", raw))
    assert dump.lines == lines
    assert dump.encoding == encoding


# English with two names in Chinese and nothing else outside ASCII: charset-normalizer alone
# preferred the Windows-1252 reading of the Big5 bytes (`Cho Jung-tai (¨ôºa®õ)`).
NAMES_BIG5 = (
    "Premier Cho Jung-tai (卓榮泰) visited flooded villages in Hualien on Monday.",
    "County Commissioner Hsu Chen-wei (徐榛蔚) said 300 homes were damaged.",
)
NAMES_GB18030 = (
    "Premier Li Qiang (李强) visited flooded villages in Guangdong on Monday.",
    "Vice Premier He Lifeng (何立峰) said 300 homes were damaged.",
)


@pytest.mark.parametrize(
    ("lines", "encoding"), [(NAMES_BIG5, "big5"), (NAMES_GB18030, "gb18030")], ids=["big5", "gb"]
)
def test_english_with_chinese_names_decodes_to_the_names(write_dump, lines, encoding) -> None:
    raw = "\n".join(lines).encode(encoding) + b"\n"
    dump = read_dump(write_dump("d.txt", raw))
    assert dump.lines == lines
    assert dump.encoding == encoding


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_with_a_bom_decodes(write_dump, codec: str) -> None:
    bom = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff"}.get(codec, "")
    raw = (bom + "\n".join(TRADITIONAL + WESTERN)).encode(codec)
    assert read_dump(write_dump("d.txt", raw)).lines == TRADITIONAL + WESTERN


def test_random_bytes_are_refused_as_not_text(write_dump) -> None:
    raw = b"\xff" + random.Random(8).randbytes(4096).replace(b"\x00", b"\x01")
    path = write_dump("noise.txt", raw)
    with pytest.raises(InputError) as caught:
        read_dump(path)
    assert str(caught.value) == (
        f"{path}:1: not text in UTF-8, Windows-1252, Big5 or GB18030 "
        "(byte 0xff at 0 is not UTF-8); convert the file to UTF-8"
    )


def test_valid_utf8_that_is_mostly_control_codes_is_refused(write_dump) -> None:
    path = write_dump("blob.txt", b"ok\n" + b"\x01\x02\x03\x04data" * 50)
    with pytest.raises(InputError) as caught:
        read_dump(path)
    message = "not text (200 of 403 characters are control codes); remove or convert the file"
    assert str(caught.value) == f"{path}:2: {message}"


def test_utf16_without_a_bom_is_refused_at_its_first_nul(write_dump) -> None:
    path = write_dump("wide.txt", "héllo wörld\n".encode("utf-16-le"))
    with pytest.raises(InputError) as caught:
        read_dump(path)
    assert str(caught.value) == (
        f"{path}:1: not text (binary data at byte 1); remove or convert the file"
    )


# Eleven lines ended as classic Mac OS ended them (CR only), then the line at fault.
_CR_ONLY = b"A line of text.\r" * 11
_NOISE = random.Random(8).randbytes(4096).replace(b"\x00", b"\x01")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (_CR_ONLY + b"Bad \xff\x00 here.\r", "not text (binary data at byte 181)"),
        (_CR_ONLY + b"\xff" + b"\x01\x02\x03\x04data" * 100, "not text (binary data at byte 177)"),
        (
            _CR_ONLY + b"\x01\x02\x03\x04data" * 100,
            "not text (400 of 976 characters are control codes)",
        ),
        (
            b"one\r\ntwo\rthree\nfour\r\r\n" * 2 + b"\r\nline twelve \xff\x00",
            "not text (binary data at byte 59)",
        ),
        (
            ("A line of text.\r" * 11).encode("utf-16") + b"\x00\xd8",
            "not valid utf-16: unexpected end of data",
        ),
        (
            _CR_ONLY + b"\xff" + _NOISE,
            "not text in UTF-8, Windows-1252, Big5 or GB18030 (byte 0xff at 176 is not UTF-8)",
        ),
    ],
    ids=["nul", "control-bytes", "control-characters", "mixed-ends", "utf16", "not-text"],
)
def test_line_numbers_count_cr_crlf_and_lf_as_the_split_does(write_dump, raw, message) -> None:
    path = write_dump("d.txt", raw)
    with pytest.raises(InputError) as caught:
        read_dump(path)
    assert str(caught.value).startswith(f"{path}:12: {message}")


def test_stray_nul_and_control_characters_become_spaces(write_dump) -> None:
    raw = b"Taipei\x00said\x1b[31m it\x07 would\x7f act.\n"
    assert read_dump(write_dump("d.txt", raw)).lines == ("Taipei said [31m it  would  act.",)


def test_noncharacters_become_spaces_as_xml_cannot_hold_them(write_dump) -> None:
    raw = "A bridge\uffffwould open\ufffe soon\ufdd0here.\n".encode()
    assert read_dump(write_dump("d.txt", raw)).lines == ("A bridge would open  soon here.",)


def test_only_cr_and_lf_end_lines_so_numbers_match_an_editor(write_dump) -> None:
    raw = "one\u2028still one\x0cand\x85one\r\ntwo\x0bof two\rthree\n".encode()
    lines = read_dump(write_dump("d.txt", raw)).lines
    assert lines == ("one still one and one", "two of two", "three")


# Letters, line ends, the other breaks str.splitlines knows, controls, bidi marks, an inner
# BOM and a combining accent: decoding's clean path and its slow path must agree with the
# rule (split on CR, LF, CRLF only; controls become spaces; NFC) for every mix of them.
_MIXED = (
    "abe é\r\n\x0b\x0c\x1c\x1e\x85\u2028\u2029\x00\x1b\x7f\x9f"
    "\u202e\u2066\ufeff\u0301\t\uffff\ufdd5"
)


@settings(max_examples=300, deadline=None)
@example("Cafe\u0301\r\nnext\rline\n")  # the clean path: nothing but NFC to do
@example("Cafe\u0301\x0bsame\u2028line\r\n\u202eend")
@given(st.text(alphabet=_MIXED, max_size=40).map(lambda noise: "Plain words here. " * 4 + noise))
def test_decoded_lines_follow_the_line_rule_for_any_characters(text: str) -> None:
    raw = text.encode()
    lines = tuple(decode(Path("d.txt"), raw)[0].splitlines())
    clean = unicodedata.normalize("NFC", re.sub("[\u202a-\u202e\u2066-\u2069\ufeff]", "", text))
    expected = re.split("\r\n|\r|\n", clean)
    if expected[-1] == "":
        expected.pop()
    controls = "[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef\ufffe\uffff]"
    assert lines == tuple(re.sub(controls, " ", line) for line in expected)


def test_bidi_overrides_and_inner_boms_are_dropped(write_dump) -> None:
    raw = "Evil\u202egnp.exe\u202c title\ufeff here\n".encode()
    assert read_dump(write_dump("d.txt", raw)).lines == ("Evilgnp.exe title here",)


def test_decomposed_accents_are_composed(write_dump) -> None:
    raw = "Cafe\u0301 owner\n".encode()
    assert read_dump(write_dump("d.txt", raw)).lines == ("Café owner",)


def test_a_megabyte_line_is_one_line(write_dump) -> None:
    line = "The council met again. " * 45_000
    lines = read_dump(write_dump("d.txt", f"first\n{line}\nlast\n")).lines
    assert lines == ("first", line, "last")


@pytest.mark.parametrize(
    "raw", [b"", b"\xef\xbb\xbf", b" \r\n\t\n\n"], ids=["zero", "bom", "blank"]
)
def test_empty_dump_is_skipped_with_a_warning(write_dump, caplog, raw: bytes) -> None:
    empty = write_dump("a-empty.txt", raw)
    write_dump("b-real.txt", "Real text.\n")
    with caplog.at_level(logging.WARNING):
        dumps = ingest(empty.parent)
    assert [d.name for d in dumps] == ["b-real.txt"]
    assert caplog.messages == [f"warning: {empty}: empty dump; skipped"]


def test_binary_file_is_refused_with_its_name(write_dump) -> None:
    path = write_dump("bad.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00")
    with pytest.raises(InputError) as caught:
        read_dump(path)
    assert str(caught.value).startswith(f"{path}:")
    assert "not text" in str(caught.value)


def test_date_comes_from_sidecar(write_dump) -> None:
    path = write_dump("d.txt", "x\n", meta="date: 2025-07-29\nsource: Example Times\n")
    meta = read_dump(path).meta
    assert meta.date == dt.date(2025, 7, 29)
    assert meta.source == "Example Times"


def test_date_comes_from_iso_file_name(write_dump) -> None:
    assert read_dump(write_dump("2024-02-29_wire.txt", "x\n")).meta.date == dt.date(2024, 2, 29)


def test_unknown_sidecar_key_is_reported_with_line(write_dump) -> None:
    path = write_dump("d.txt", "x\n", meta="date: 2025-07-29\nsauce: oops\n")
    with pytest.raises(InputError) as caught:
        read_dump(path)
    assert (
        str(caught.value)
        == f"{path.with_name('d.meta.yml')}:2: unknown key 'sauce' (date, source, url)"
    )


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ("date: 2025-07-29\nsource: [a, b]\n", "2: 'source' must be text, not a list"),
        # written as asked, but no day: the message must not say the form is wrong
        (
            "date: 2025-02-30\n",
            "1: 'date' must be a real date written YYYY-MM-DD, not '2025-02-30'",
        ),
        (
            "date: 29/07/2025\n",
            "1: 'date' must be a real date written YYYY-MM-DD, not '29/07/2025'",
        ),
        ("source: yes\n", "1: 'source' must be text, not a true/false value; put it in quotes"),
        ("source: 1984\n", "1: 'source' must be text, not a number; put it in quotes"),
        ('source: "Wire\\u0007"\n', "1: 'source' holds a control character (U+0007): remove it"),
        # the "Trojan Source" trick the dump's own text loses: the page said "Published by"
        # a name displayed in another order than it reads
        (
            'source: "Taipei \\u202eTimes"\n',
            "1: 'source' holds a bidirectional override (U+202E): remove it",
        ),
        ('source: "   "\n', "1: 'source' is empty: write the name, or remove the key"),
        ('source: "\\u200b"\n', "1: 'source' is empty: write the name, or remove the key"),
        (
            "url: 12\n",
            "1: url '12' is not an absolute http(s) address such as https://example.com/",
        ),
        (
            "source: Wire\nurl: ftp://example.com/a\n",
            "2: url 'ftp://example.com/a' is not an absolute http(s) address "
            "such as https://example.com/",
        ),
        ("date: 2025-07-29\ndate: 2025-07-30\n", "2:1: 'date' is given twice (also on line 1)"),
        ("# wire\nsource: A\nsource: B\n", "3:1: 'source' is given twice (also on line 2)"),
    ],
    ids=[
        "list",
        "no-such-day",
        "day-first",
        "boolean",
        "number",
        "control",
        "bidi-override",
        "blank",
        "invisible",
        "url-number",
        "url-ftp",
        "two-dates",
        "two-sources",
    ],
)
def test_a_sidecar_value_yaml_misreads_is_refused_with_its_line(write_dump, meta, message) -> None:
    path = write_dump("d.txt", "x\n", meta=meta)
    with pytest.raises(InputError) as caught:
        read_dump(path)
    assert str(caught.value) == f"{path.with_name('d.meta.yml')}:{message}"


def test_a_folder_that_cannot_be_listed_is_refused(write_dump, monkeypatch) -> None:
    folder = write_dump("d.txt", "x\n").parent

    def denied(path: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", denied)
    with pytest.raises(InputError) as caught:
        ingest(folder)
    assert str(caught.value) == f"{folder}: cannot read: Permission denied"


def test_links_that_lead_to_no_dump_are_refused(write_dump) -> None:
    folder = write_dump("a.txt", "x\n").parent
    (folder / "b.txt").symlink_to("moved-away.txt")
    (folder / "c.txt").symlink_to("c.txt")
    with pytest.raises(InputError) as caught:
        ingest(folder)
    assert str(caught.value).splitlines() == [
        f"{folder / 'b.txt'}: cannot read: No such file or directory "
        "(a symbolic link to 'moved-away.txt')",
        f"{folder / 'c.txt'}: cannot read: Too many levels of symbolic links "
        "(a symbolic link to 'c.txt')",
    ]


def test_what_is_no_dump_file_is_skipped_with_a_warning(write_dump, caplog) -> None:
    folder = write_dump("b.txt", "x\n").parent
    os.mkfifo(folder / "a.txt")
    (folder / "c.txt").mkdir()
    with caplog.at_level(logging.WARNING):
        assert [d.name for d in ingest(folder)] == ["b.txt"]
    assert caplog.messages == [
        f"warning: {folder / 'a.txt'}: a named pipe, not a dump file; skipped",
        f"warning: {folder / 'c.txt'}: a folder, not a dump file; skipped",
    ]


def test_what_is_neither_dump_nor_sidecar_is_named_in_a_warning(write_dump, caplog) -> None:
    # a dump tidied into a subfolder or saved as X.TXT dropped out of the site unseen: its
    # lines in no article and in no audit, and the run said "0 lines unassigned"
    folder = write_dump("a.txt", "x\n").parent
    (folder / "2025").mkdir()
    (folder / "2025" / "b.txt").write_text("y\n", encoding="utf-8")
    (folder / "c.TXT").write_text("z\n", encoding="utf-8")
    (folder / "notes.md").write_text("n\n", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\0")
    with caplog.at_level(logging.WARNING):
        assert [d.name for d in ingest(folder)] == ["a.txt"]
    assert caplog.messages == [
        f"warning: {folder / '2025'}: a folder; only the *.txt files directly in {folder} are "
        "read; skipped",
        f"warning: {folder / 'c.TXT'}: a dump's name ends in .txt in lower case (rename it "
        "c.txt); skipped",
        f"warning: {folder / 'notes.md'}: not a dump (a dump's name ends in .txt); skipped",
    ]


@pytest.mark.parametrize("kind", ["pipe", "folder"])
def test_a_sidecar_that_is_no_file_is_refused_without_waiting(write_dump, kind: str) -> None:
    dump = write_dump("a.txt", "x\n")
    sidecar = dump.with_name("a.meta.yml")
    os.mkfifo(sidecar) if kind == "pipe" else sidecar.mkdir()

    def waited(signum: int, frame: object) -> None:
        raise TimeoutError("reading the sidecar waits for a writer")

    # a read that waits for a writer fails the test instead of hanging the run
    previous = signal.signal(signal.SIGALRM, waited)
    signal.alarm(20)
    try:
        with pytest.raises(InputError) as caught:
            read_dump(dump)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert str(caught.value) == f"{sidecar}: cannot read: not a regular file"


def test_a_sidecar_of_no_dump_is_warned_about(write_dump, caplog) -> None:
    folder = write_dump("a.txt", "x\n").parent
    for name in ("a.txt.meta.yml", "gone.meta.yml"):
        (folder / name).write_text("date: 2025-07-29\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        ingest(folder)
    assert caplog.messages == [
        f"warning: {folder / 'a.txt.meta.yml'}: sidecar of no dump (there is no a.txt.txt; "
        "the sidecar of a.txt is named a.meta.yml); ignored",
        f"warning: {folder / 'gone.meta.yml'}: sidecar of no dump (there is no gone.txt); ignored",
    ]


def test_folder_is_read_in_sorted_order(write_dump) -> None:
    write_dump("b.txt", "b\n")
    path = write_dump("a.txt", "a\n")
    assert [d.name for d in ingest(path.parent)] == ["a.txt", "b.txt"]


def test_utf16_opening_with_a_nul_is_not_taken_for_utf32(write_dump) -> None:
    raw = "\x00<p> said.\n".encode("utf-16")
    assert read_dump(write_dump("d.txt", raw)).lines == (" <p> said.",)


@pytest.mark.parametrize("broken", [b"\xff\xff\xff\xff", b"\x00\xd8\x00\x00"])
def test_a_broken_utf32_file_is_refused_with_its_line(write_dump, broken: bytes) -> None:
    # its mark opens UTF-16's too: read as UTF-16 it was half NULs, refused as binary at line
    # 1, or (a lone surrogate, which UTF-16 refuses too) named as broken UTF-16
    raw = "\ufeffok\nfine\n".encode("utf-32-le") + broken
    path = write_dump("d.txt", raw)
    with pytest.raises(InputError) as caught:
        read_dump(path)
    assert str(caught.value).startswith(f"{path}:3: not valid utf-32: ")


def test_a_broken_utf16_file_is_refused_with_its_line(write_dump) -> None:
    path = write_dump("d.txt", "ok\nfine\n".encode("utf-16-le").join([b"\xff\xfe", b"\x00\xd8"]))
    with pytest.raises(InputError) as caught:
        read_dump(path)
    assert str(caught.value) == f"{path}:3: not valid utf-16: unexpected end of data"


def test_a_file_name_not_in_utf8_is_refused_showing_its_bytes(
    write_dump, tmp_path, uncurated_config
) -> None:
    text = "Rescuers reached the hikers on Sunday, officials said.\n"
    path = write_dump(os.fsdecode(b"2025-01-04_\xff\xfe.txt"), text)
    write_dump("2025-01-05_fine.txt", text)
    out, config = str(tmp_path / "out"), str(uncurated_config)
    result = run_cli("generate", "--dumps", str(path.parent), "--out", out, "--config", config)
    shown = f"{path.parent}/2025-01-04_\\xff\\xfe.txt"
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"error: {shown}: file name is not UTF-8; rename the file\n"
    assert not (tmp_path / "out").exists()


def test_the_cli_warns_about_an_empty_dump_and_builds_the_rest(
    write_dump, tmp_path, uncurated_config
) -> None:
    empty = write_dump("2025-12-01_empty.txt", b"")
    write_dump("2025-12-02_real.txt", "Rescuers reached the hikers on Sunday, officials said.\n")
    out, config = str(tmp_path / "out"), str(uncurated_config)
    result = run_cli("generate", "--dumps", str(empty.parent), "--out", out, "--config", config)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"warning: {empty}: empty dump; skipped\n"
    assert "\n1 dumps, 1 lines -> 1 articles (1 new" in result.stdout


@pytest.mark.parametrize(
    ("lines", "encoding"),
    [(WESTERN, "cp1252"), (TRADITIONAL, "big5"), (SIMPLIFIED, "gb18030")],
    ids=["cp1252", "big5", "gb18030"],
)
def test_stray_control_bytes_in_a_legacy_dump_become_spaces(write_dump, lines, encoding) -> None:
    raw = b"\x1b\x07\n".join(line.encode(encoding) for line in lines)
    dump = read_dump(write_dump("d.txt", raw))
    assert dump.encoding == encoding
    assert dump.lines == tuple(line + "  " for line in lines[:-1]) + lines[-1:]


_SIDECAR_LINES = st.tuples(
    st.sampled_from(["date", "source", "url", "source", "url", "sauce", "Date", " date"]),
    st.sampled_from([": ", ": ", ": ", ":", ":  ", " : "]),
    st.one_of(
        st.sampled_from(["2025-07-29", "2025-02-30", "2025-7-29", "yes", "Null", "~", "12", "1.5"]),
        st.text(alphabet="aZ09 -_.,:#()/'\"&*!|>%@`\t", max_size=12),
    ),
).map("".join)


@settings(max_examples=400, deadline=None)
@example(["date: 2025-07-29", "source: Wikinews (bench)", "url: https"], True)
@example(["source: yes"], False)  # YAML: True
@example(["source: a #b"], True)  # YAML: a comment
@given(st.lists(_SIDECAR_LINES, max_size=4), st.booleans())
def test_sidecars_read_without_yaml_read_as_yaml_does(tmp_path_factory, lines, final) -> None:
    """The plain-sidecar shortcut gives what the YAML loader gives, or leaves it to YAML."""
    sidecar = tmp_path_factory.mktemp("meta") / "d.meta.yml"
    sidecar.write_text("\n".join(lines) + ("\n" if final else ""), encoding="utf-8")
    plain = ingest_module._plain_sidecar(sidecar.read_bytes().decode("utf-8"))
    if plain is not None:
        assert plain == dict(load_yaml(sidecar))


def test_a_usual_sidecar_is_read_without_yaml(write_dump, monkeypatch) -> None:
    def unexpected(*_: object) -> None:
        raise AssertionError("the YAML loader read a plain sidecar")

    monkeypatch.setattr(ingest_module, "load_yaml", unexpected)
    path = write_dump("d.txt", "x\n", meta="date: 2025-07-29\nsource: Example Times (wire)\n")
    meta = read_dump(path).meta
    assert (meta.date, meta.source, meta.url) == (
        dt.date(2025, 7, 29),
        "Example Times (wire)",
        None,
    )


def test_a_sidecar_not_in_utf8_is_refused_at_its_line(write_dump) -> None:
    path = write_dump("d.txt", "x\n")
    sidecar = path.with_name("d.meta.yml")
    sidecar.write_bytes(b"date: 2025-07-29\rsource: Caf\xe9 Times\r")
    with pytest.raises(UserError) as caught:
        read_dump(path)
    message = "not UTF-8 (byte 0xe9 at 28); save the file as UTF-8"
    assert str(caught.value) == f"{sidecar}:2: {message}"


def test_an_unreadable_sidecar_is_refused_plainly(write_dump, tmp_path, uncurated_config) -> None:
    path = write_dump("2025-12-02_real.txt", "Rescuers reached the hikers on Sunday.\n")
    sidecar = path.with_name("2025-12-02_real.meta.yml")
    sidecar.write_text("source: Example Times\n", encoding="utf-8")
    sidecar.chmod(0)
    out = tmp_path / "out"
    result = run_cli_unprivileged(
        *("generate", "--dumps", str(path.parent), "--out", str(out)),
        *("--config", str(uncurated_config)),
    )
    assert (result.returncode, result.stderr) == (
        1,
        f"error: {sidecar}: cannot read: Permission denied\n",
    )
    assert not out.exists()


def test_a_sidecar_linked_to_nowhere_is_refused(write_dump) -> None:
    path = write_dump("d.txt", "x\n")
    sidecar = path.with_name("d.meta.yml")
    sidecar.symlink_to("gone.meta.yml")
    with pytest.raises(InputError) as caught:
        read_dump(path)
    reason = "cannot read: No such file or directory (a symbolic link to 'gone.meta.yml')"
    assert str(caught.value) == f"{sidecar}: {reason}"


def test_an_editors_lock_file_is_no_dump(write_dump, caplog) -> None:
    # Emacs marks a dump open for editing with a link to nowhere named `.#<name>`.
    folder = write_dump("2025-07-29_a.txt", "x\n").parent
    (folder / ".#2025-07-29_a.txt").symlink_to("user@host.12345:1700000000")
    with caplog.at_level(logging.WARNING):
        assert [d.name for d in ingest(folder)] == ["2025-07-29_a.txt"]
    assert caplog.messages == []


def test_chinese_glued_to_brand_names_is_not_read_as_windows_1252(write_dump) -> None:
    # In Windows-1252 these GB18030 bytes are accented letters between Latin ones. Too few
    # Chinese characters to tell GB18030 by: the dump is refused, with the way out, rather
    # than published as mojibake (test_gb18030_text_is_read below: a page of it is read).
    raw = "Apple新iPhone\nGoogle与OpenAI\nTSMC上市\n".encode("gb18030")
    with pytest.raises(InputError, match=r"d\.txt:1: not text in UTF-8, .*convert the file"):
        read_dump(write_dump("d.txt", raw))


def test_gb18030_text_is_read(write_dump) -> None:
    text = "台灣積體電路製造公司今天宣布，新廠將於明年投產。\n蘋果公司也表示將擴大在台投資。\n"
    dump = read_dump(write_dump("d.txt", text.encode("gb18030")))
    assert (dump.encoding, dump.lines) == ("gb18030", tuple(text.splitlines()))


FRENCH = (
    "Le maire de Montréal a annoncé lundi un nouveau budget pour la ville.",
    "Il prévoit des investissements importants dans les écoles et les hôpitaux.",
    "« C’est un budget ambitieux », a déclaré la conseillère Hélène Côté.",
)


def test_utf8_with_a_stray_windows_1252_byte_reads_as_both(write_dump, caplog) -> None:
    # A curly quote pasted from an old page, as its one Windows-1252 byte: the whole file was
    # read as Windows-1252, every accent turned to mojibake (`MontrÃ©al`).
    raw = "\n".join(FRENCH).encode("utf-8").replace("’".encode(), b"\x92") + b"\n"
    path = write_dump("d.txt", raw)
    with caplog.at_level(logging.WARNING):
        dump = read_dump(path)
    assert dump.lines == FRENCH
    assert caplog.messages == [f"warning: {path}:3: 1 byte is not UTF-8; read as Windows-1252"]


def test_windows_1252_text_is_not_read_as_utf8_with_strays(write_dump) -> None:
    # Each accent is a stray to UTF-8, and there are no UTF-8 characters among them.
    dump = read_dump(write_dump("d.txt", "\n".join(FRENCH).encode("cp1252") + b"\n"))
    assert dump.lines == FRENCH
    assert dump.encoding == "cp1252"


def test_a_line_of_zero_width_characters_is_blank(write_dump) -> None:
    # It showed nothing, yet made a story with an invisible title (slug `story`).
    text = "First line.\n\u200b\u200b\n \u2060\u200d \nA joiner\u200dstays.\n"
    dump = read_dump(write_dump("d.txt", text))
    assert dump.lines == ("First line.", "", "", "A joiner\u200dstays.")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (
            "2025-01-04_\x1b]0;x\x07.txt",
            "2025-01-04_\\x1b]0;x\\x07.txt",
        ),
        ("2025-01-04_a\nerror: b.txt", "2025-01-04_a\\nerror: b.txt"),
        ("2025-01-04_\u202etxt.exe.txt", "2025-01-04_\\u202etxt.exe.txt"),
    ],
    ids=["terminal-escape", "newline", "bidi-override"],
)
def test_a_file_name_holding_control_characters_is_refused_showing_them(
    write_dump, name: str, shown: str
) -> None:
    # Such a name was printed as it is in every warning and audit line (a terminal ran its
    # escape codes; a newline forged a line of the output) and shown on the story's page.
    path = write_dump(name, "Rescuers reached the hikers on Sunday, officials said.\n")
    with pytest.raises(InputError) as caught:
        read_dump(path)
    problem = "file name holds a control character or a bidirectional override; rename the file"
    assert str(caught.value) == f"{path.parent}/{shown}: {problem}"
