"""Build raw dumps of every shape from corpus articles, with their gold segmentation.

The corpus (JSON lines with `id`, `title`, `text`) lost its paragraph breaks, so texts are split
into paragraphs of 2-4 sentences here. Decorations a real news page carries (credits, captions,
datelines, bylines, `Additional reporting by`, kickers, site boilerplate, CRLF, BOM, trailing
spaces, no final newline) are added with invented strings, never corpus text. Nothing built here
is written to the repository.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from generator.ingest import decode
from generator.model import Dump, DumpMeta

SHAPES = ("page", "run", "titled", "mix")
TEST_SHARE = 5
"""One article in five (by a hash of its id) is held out for the reported test figures."""

_PLACES = ("LONDON", "TAIPEI", "NEW YORK", "NAIROBI", "SYDNEY", "BERLIN", "LIMA")
_MONTHS = ("Jan.", "March", "May", "July", "Aug.", "Oct.", "Dec.")
_AGENCIES = ("AFP", "AP", "Reuters", "CNA", "EPA", "Bloomberg")
_REPORTERS = ("Lin Wen", "Jane Holt", "Omar Said", "Ana Ruiz", "Ken Mori")
_KICKERS = ("BIG MOVE", "TRADE TALKS", "ON THE RECORD", "SAFETY FIRST", "HOT SEAT")
_CAPTIONS = (
    "Officials speak to reporters at the scene.",
    "Visitors queue outside the building.",
    "Delegates arrive for the meeting.",
)


@dataclass(frozen=True, slots=True)
class Source:
    """One corpus article, split into paragraphs."""

    id: str
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Built:
    """A dump built from corpus text, and the (first, last) lines of every gold article."""

    shape: str
    dump: Dump
    gold: tuple[tuple[int, int], ...]


def load(corpus: Path, split: str, seed: int) -> list[Source]:
    """Articles of the `dev` or `test` split, paragraphed with a fixed seed."""
    rng = random.Random(seed)
    out = []
    for row in corpus.read_text("utf-8").splitlines():
        item = json.loads(row)
        if held_out(item["id"]) != (split == "test"):
            continue
        paragraphs = _paragraphs(item["text"], rng)
        if paragraphs:
            out.append(Source(item["id"], " ".join(item["title"].split()), paragraphs))
    return out


def held_out(article_id: str) -> bool:
    """Is the article in the test split? (The trainers must never read those.)"""
    return hashlib.blake2b(article_id.encode()).digest()[0] % TEST_SHARE == 0


def _paragraphs(body: str, rng: random.Random) -> tuple[str, ...]:
    sentences = _gold_sentences(" ".join(body.split()))
    out = []
    while sentences:
        take = rng.randint(2, 4)
        out.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    return tuple(out)


# The gold paragraphs are cut at sentence ends by rules of the eval's own, frozen as
# generator/text.py had them when the published figures were measured (2026-11-27): cut by
# text.sentences, the gold dumps themselves changed whenever the generator learnt an
# abbreviation, and figures before and after such a change compared different inputs.
_GOLD_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col sgt capt rep sen gov pres st jr sr inc ltd co corp no "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m vs etc".split()
)
_GOLD_SENTENCE_END = re.compile(r"[.!?…]['\"’”)\]]*\s+(?=['\"“‘(]?[A-Z0-9])")


def _gold_sentences(body: str) -> list[str]:
    found, start = [], 0
    for end in _GOLD_SENTENCE_END.finditer(body):
        words = body[start : end.start() + 1].split()
        last = words[-1].rstrip(".").lower() if words else ""
        if last in _GOLD_ABBREVIATIONS or (len(last) == 1 and "a" <= last <= "z"):
            continue  # an abbreviation or an initial
        found.append(body[start : end.end()].strip())
        start = end.end()
    return [*found, body[start:].strip()] if body[start:].strip() else found


def build(shape: str, sources: list[Source], rng: random.Random, number: int) -> Built:
    """One dump of `shape`: blocks of lines, each block one gold article (or None: not one)."""
    picks = rng.sample(sources, 12)
    if shape == "page":
        blocks = [_full(picks[0], rng)] + [_teaser(s, rng) for s in picks[1 : rng.randint(4, 7)]]
    elif shape == "run":
        blocks = [_full(s, rng) for s in picks[: rng.randint(3, 8)]]
    elif shape == "titled":
        blocks = _titled(picks[: rng.randint(3, 6)], rng)
    else:
        blocks = _mix(picks, rng)
    return _assemble(shape, blocks, rng, number)


Block = tuple[list[str], bool]
"""Lines, and whether they are a gold article (False: separator blank lines)."""


def _full(source: Source, rng: random.Random, blank_between: bool = False) -> Block:
    lines: list[str] = []
    if rng.random() < 0.1:
        lines.append(f"By {rng.choice(_REPORTERS)} / Staff reporter")
    lead = source.paragraphs[0]
    if rng.random() < 0.15:
        lead = f"{rng.choice(_PLACES)}, {rng.choice(_MONTHS)} {rng.randint(1, 28)} — {lead}"
    for index, paragraph in enumerate((lead, *source.paragraphs[1:])):
        if blank_between and index:
            lines.append("")
        lines.append(paragraph)
        if rng.random() < 0.08:
            lines.append(f"Photo: {rng.choice(_AGENCIES)}")
        elif rng.random() < 0.03:
            lines.append(f"{rng.choice(_CAPTIONS)} Photo: {rng.choice(_AGENCIES)}")
        elif rng.random() < 0.02 and index + 1 < len(source.paragraphs):
            lines.append("Advertisement")
    if rng.random() < 0.1:
        lines.append(f"Additional reporting by {rng.choice(_AGENCIES)}")
    return lines, True


def _teaser(source: Source, rng: random.Random) -> Block:
    """The opening words of a story on one line, cut mid-sentence, sometimes under a kicker."""
    words = " ".join(source.paragraphs).split()
    cut = rng.randint(40, 120)
    while cut < len(words) - 1 and words[cut - 1][-1] in '.!?"”':
        cut += 1
    line = " ".join(words[: min(cut, len(words) - 1)])
    if rng.random() < 0.2:
        line = f"{rng.choice(_KICKERS)}: {line}"
    return [line], True


def _titled(sources: list[Source], rng: random.Random) -> list[Block]:
    blocks: list[Block] = []
    for source in sources:
        if blocks:
            blocks.append(([""] * rng.randint(1, 2), False))
        lines, _ = _full(source, rng, blank_between=True)
        blocks.append(([source.title, "", *lines], True))
    return blocks


def _mix(picks: list[Source], rng: random.Random) -> list[Block]:
    sections = [
        _titled(picks[0:2], rng),
        [_full(s, rng) for s in picks[2 : rng.randint(4, 6)]],
        [_teaser(s, rng) for s in picks[6 : rng.randint(8, 11)]],
    ]
    rng.shuffle(sections)
    blocks: list[Block] = []
    for section in sections:
        if blocks:
            blocks.append(([""], False))
        blocks.extend(section)
    return blocks


def _assemble(shape: str, blocks: list[Block], rng: random.Random, number: int) -> Built:
    lines: list[str] = []
    gold = []
    for block, is_article in blocks:
        start = len(lines) + 1
        lines.extend(block)
        if is_article:
            numbers = [start + i for i, line in enumerate(block) if line.strip()]
            gold.append((numbers[0], numbers[-1]))
    lines = [line + " " * rng.randint(1, 3) if rng.random() < 0.05 else line for line in lines]
    ending = "\r\n" if rng.random() < 0.3 else "\n"
    raw = ending.join(lines) + (ending if rng.random() < 0.7 else "")
    data = (b"\xef\xbb\xbf" if rng.random() < 0.2 else b"") + raw.encode("utf-8")
    name = f"{shape}_{number:04d}.txt"
    decoded, encoding = decode(Path(name), data)
    dump = Dump(
        name=name,
        path=Path(name),
        meta=DumpMeta(),
        lines=tuple(decoded.splitlines()),
        encoding=encoding,
    )
    if len(dump.lines) != len(lines):
        raise ValueError(f"{name}: line count changed in decoding")
    return Built(shape=shape, dump=dump, gold=tuple(gold))


def build_all(sources: list[Source], per_shape: int, seed: int) -> dict[str, list[Built]]:
    rng = random.Random(seed)
    return {shape: [build(shape, sources, rng, n) for n in range(per_shape)] for shape in SHAPES}
