"""Region pages: every place gets exactly one page, even when names collide."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.build import gazetteer_for
from generator.config import load_config
from generator.model import Article, SourceRef, TitleSource
from generator.render import render

ROOT = Path(__file__).resolve().parents[1]


def _article(number: int, countries: tuple[str, ...]) -> Article:
    return Article(
        id=f"{number:012x}",
        title=f"Story number {number}",
        title_source=TitleSource.LINE,
        paragraphs=(f"Paragraph of story {number}.",),
        sources=(SourceRef(dump="d.txt", first=number, last=number),),
        date=dt.date(2020, 1, number),
        summary=f"Paragraph of story {number}.",
        topics=("politics",),
        countries=countries,
    )


def test_a_region_its_sub_region_and_country_of_one_name_share_one_page() -> None:
    config = load_config(ROOT / "site_config")
    articles = [_article(1, ("AQ",)), _article(2, ("JP", "AQ")), _article(3, ("JP",))]
    pages = render(config, gazetteer_for(config), articles)
    paths = [page.path for page in pages]
    assert len(paths) == len(set(paths))
    # Antarctica is a region, a sub-region and a country in geography.yml.
    other = next(p for p in pages if p.path == "regions/antarctica/index.md").data.decode()
    assert "Story number 1" in other and "Story number 2" in other
    assert "Story number 3" not in other


def test_countries_are_listed_by_name_not_by_code() -> None:
    # By ISO code Spain (ES) came between Bosnia and Herzegovina (BA) and Greece (GR).
    config = load_config(ROOT / "site_config")
    articles = [_article(n, (code,)) for n, code in enumerate(("GR", "ES", "BA", "HR"), 1)]
    pages = {p.path: p.data.decode() for p in render(config, gazetteer_for(config), articles)}
    index = pages["regions/index.md"]
    names = ["Bosnia and Herzegovina", "Croatia", "Greece", "Spain"]
    places = [index.index(f"[{name} <span") for name in names]
    assert places == sorted(places)
