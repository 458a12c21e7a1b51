"""Ingest: bytes on disk -> clean text lines, with dates from sidecars or file names."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.errors import InputError
from generator.ingest import ingest, read_dump


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


def test_windows_1252_is_detected(write_dump) -> None:
    text = "The minister’s “quasi-security alliance” plan was debated at length in the café today."
    dump = read_dump(write_dump("d.txt", text.encode("cp1252")))
    assert dump.lines == (text,)


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


def test_folder_is_read_in_sorted_order(write_dump) -> None:
    write_dump("b.txt", "b\n")
    path = write_dump("a.txt", "a\n")
    assert [d.name for d in ingest(path.parent)] == ["a.txt", "b.txt"]
