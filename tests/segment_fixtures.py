"""Invented dumps for the segmentation, extraction and merge tests (no corpus text)."""

from __future__ import annotations

from pathlib import Path

from generator.model import Dump, DumpMeta

BRIDGE = [
    "Engineers in the northern port city of Halvik yesterday opened a new suspension bridge "
    "across the Tarn estuary, ending a ferry crossing that had run for ninety years.",
    "The bridge, which cost 2.4 billion kronor, carries four lanes of traffic and a cycle path "
    "over the estuary, the regional transport agency said.",
    "Photo: AFP",
    "Ferry operators said the crossing would close next month after the last scheduled sailing "
    "across the estuary from the old Halvik pier.",
    "The agency expects about 30,000 vehicles a day to use the bridge by the end of the year.",
]
ORCHESTRA = [
    "Maria Okonkwo, a cellist from Lagos, won the international chamber music prize in Vienna "
    "on Saturday with a performance of three sonatas.",
    "She is the first musician from Nigeria to win the prize, which the jury awards every "
    "four years to a soloist under thirty.",
    "Okonkwo said she would spend the prize money on lessons for young players at the music "
    "school where she first learned the cello.",
]
VACCINE = [
    "Health officials in Quito on Monday began a measles vaccination campaign for two million "
    "children after an outbreak in three coastal provinces.",
    "The ministry said nurses would visit schools and clinics in every province of Ecuador "
    "over the next six weeks.",
    "Additional reporting by Reuters",
]
TEASERS = [
    "RAIL STRIKE: Unions call a national walkout over pensions Train drivers across the "
    "country will stop work for two days next week, the largest union said, after talks with "
    "the rail operator on pension reform broke down late on Friday without any new",
    "A record number of migrating cranes was counted at the Hornborga wetlands this spring, "
    "volunteers said, with more than twenty thousand birds resting on the fields before "
    "flying north to their breeding grounds in",
]


def make_dump(lines: list[str], name: str = "fixture.txt") -> Dump:
    return Dump(name=name, path=Path(name), meta=DumpMeta(), lines=tuple(lines))


def titled(*stories: tuple[str, list[str]]) -> list[str]:
    """Title line, blank line, paragraphs separated by blank lines; two blank lines between."""
    lines: list[str] = []
    for title, paragraphs in stories:
        if lines:
            lines += ["", ""]
        lines += [title, ""]
        for index, paragraph in enumerate(paragraphs):
            lines += ([""] if index and not paragraph.startswith("Photo") else []) + [paragraph]
    return lines
