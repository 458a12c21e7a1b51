"""Curate: a curator's decisions applied to the machine's articles, and nothing invented."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import frontmatter
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import site_build
from generator.build import gazetteer_for, generate, plan
from generator.config import SiteConfig, load_config
from generator.curate import curate
from generator.curation import Curation, Decision
from generator.errors import ConfigError, Problem
from generator.model import Article, TitleSource
from generator.render.links import read_entry
from tests.browser.site import mkdocs_config
from tests.conftest import ROOT

CURATION = Path("site_config/curation.yml")


@pytest.fixture(scope="module")
def articles(config: SiteConfig) -> list[Article]:
    """The sample's articles as the machine makes them (no curation)."""
    return plan(ROOT / "dumps", config).articles


@pytest.fixture(scope="module")
def main_story(articles: list[Article]) -> Article:
    """Lines 1-15 of the sample: the full article."""
    return next(a for a in articles if a.first_source.first == 1)


def apply(config: SiteConfig, articles: list[Article], *decisions: Decision) -> list[Article]:
    curation = Curation(path=CURATION, decisions=decisions)
    return curate(articles, curation, config.topics, gazetteer_for(config))


def curated(config: SiteConfig, article: Article, **values) -> Article:
    (result,) = apply(config, [article], Decision(id=article.id, line=3, **values))
    return result


def test_title_is_the_curators(config: SiteConfig, main_story: Article) -> None:
    result = curated(config, main_story, title="Takaichi urges a quasi-alliance")
    assert result.title == "Takaichi urges a quasi-alliance"
    assert result.title_source is TitleSource.CURATOR
    assert result.edited == ("title",)


def test_summary_is_the_curators(config: SiteConfig, main_story: Article) -> None:
    # a kicker's deck that took the lead's first words left a summary opening mid-sentence
    result = curated(config, main_story, summary="Takaichi calls for a quasi-alliance.")
    assert result.summary == "Takaichi calls for a quasi-alliance."
    assert (result.title, result.edited) == (main_story.title, ("summary",))


def test_iptc_follows_new_topics(config: SiteConfig, main_story: Article) -> None:
    result = curated(config, main_story, topics=("conflict", "economy", "politics"))
    assert result.topics == ("conflict", "economy", "politics")
    assert result.iptc == ("medtop:16000000", "medtop:04000000", "medtop:11000000")
    assert result.edited == ("topics",)


def test_regions_follow_new_countries(config: SiteConfig, main_story: Article) -> None:
    result = curated(config, main_story, countries=("TW", "US", "JP", "DE"))
    assert result.countries == ("TW", "US", "JP", "DE")
    assert result.regions == ("eastern-asia", "northern-america", "western-europe")
    assert result.edited == ("countries",)


def test_date_and_note(config: SiteConfig, main_story: Article) -> None:
    result = curated(config, main_story, date=dt.date(2025, 7, 29), note="Published in July.")
    assert (result.date, result.note) == (dt.date(2025, 7, 29), "Published in July.")
    assert result.edited == ("date",)


def test_value_equal_to_the_machines_is_not_an_edit(config: SiteConfig, main_story: Article):
    same = dict(
        title=main_story.title,
        topics=main_story.topics,
        countries=main_story.countries,
        date=main_story.date,
    )
    result = curated(config, main_story, **same, pin=True)
    assert result.edited == ()
    assert result == dataclasses.replace(main_story, pinned=True)


def test_hide_and_pin_are_flags(config: SiteConfig, articles: list[Article]) -> None:
    first, second = articles[0], articles[1]
    result = apply(
        config,
        articles,
        Decision(id=first.id, line=2, hide=True),
        Decision(id=second.id, line=4, pin=True),
    )
    assert [(a.hidden, a.pinned) for a in result[:2]] == [(True, False), (False, True)]
    assert not any(a.hidden or a.pinned for a in result[2:])


def test_unknown_id_names_the_closest_one(config: SiteConfig, main_story: Article) -> None:
    typo = main_story.id[:-2] + main_story.id[-1] + main_story.id[-2]
    with pytest.raises(ConfigError) as caught:
        apply(config, [main_story], Decision(id=typo, line=7, pin=True))
    assert str(caught.value) == (
        f"{CURATION}:7: no article has id '{typo}' (did you mean '{main_story.id}'?); "
        "ids are in each page's front matter"
    )


def test_unknown_ids_come_with_the_files_other_problems(config, main_story) -> None:
    loaded = Problem(CURATION, 9, "unknown topic 'x' (did you mean 'sport'?)", 14)
    curation = Curation(
        path=CURATION,
        decisions=(Decision(id="aaaaaaaaaaaa", line=2), Decision(id="bbbbbbbbbbbb", line=12)),
        problems=(loaded,),
    )
    with pytest.raises(ConfigError) as caught:
        curate([main_story], curation, config.topics, gazetteer_for(config))
    assert [p.line for p in caught.value.problems] == [2, 9, 12]


def test_an_id_no_story_has_any_more_is_a_warning(config, main_story, caplog) -> None:
    # its dump was removed, which unpublishes its stories: a run must not stop on the
    # entry, but an id never known (a typo) still does
    curation = Curation(
        path=CURATION,
        decisions=(Decision(id="aaaaaaaaaaaa", line=2, hide=True), Decision(id="b" * 12, line=5)),
    )
    with pytest.raises(ConfigError) as caught:
        curate([main_story], curation, config.topics, gazetteer_for(config), retired={"a" * 12})
    assert [p.line for p in caught.value.problems] == [5]
    assert caplog.messages == [
        f"warning: {CURATION}:2: no story has id 'aaaaaaaaaaaa' any more (its dump was removed, "
        "or the story changed); the entry does nothing and can be deleted"
    ]


@given(st.data())
def test_curation_never_invents_or_drops_an_article(config, articles, data) -> None:
    chosen = data.draw(st.lists(st.sampled_from(articles), unique_by=lambda a: a.id))
    decisions = tuple(
        Decision(
            id=a.id,
            line=n,
            hide=data.draw(st.booleans()),
            pin=data.draw(st.booleans()),
            topics=data.draw(st.none() | st.just(("health",))),
            countries=data.draw(st.none() | st.just(("FR",))),
        )
        for n, a in enumerate(chosen, start=2)
    )
    result = apply(config, articles, *decisions)
    assert [a.id for a in result] == [a.id for a in articles]
    assert [a.sources for a in result] == [a.sources for a in articles]
    assert [a.paragraphs for a in result] == [a.paragraphs for a in articles]


# The whole run ---------------------------------------------------------------------


def test_hidden_article_reaches_no_page(config: SiteConfig, main_story: Article) -> None:
    curation = Curation(path=CURATION, decisions=(Decision(id=main_story.id, line=2, hide=True),))
    result = plan(ROOT / "dumps", dataclasses.replace(config, curation=curation))
    assert result.hidden == 1
    # the record that keeps the hidden story hidden in later runs is a dot file, which
    # MkDocs never publishes (test_a_hidden_story_leaves_nothing_in_the_site)
    records = {page.path: page.data for page in result.pages if page.path.startswith(".")}
    assert main_story.id in records[".hidden.json"].decode("ascii")
    for page in result.pages:
        text = page.data.decode("utf-8")
        if page.path != ".hidden.json":
            assert main_story.id not in text, page.path
            assert "Takaichi" not in text, page.path


def test_a_hidden_story_leaves_nothing_in_the_site(
    tmp_path: Path, config: SiteConfig, main_story: Article
) -> None:
    curation = Curation(path=CURATION, decisions=(Decision(id=main_story.id, line=2, hide=True),))
    generate(ROOT / "dumps", tmp_path / "content", dataclasses.replace(config, curation=curation))
    assert (tmp_path / "content" / ".hidden.json").is_file()
    env = {**os.environ, "SITE_URL": config.site_url, "NO_MKDOCS_2_WARNING": "1"}
    site_build.build(mkdocs_config(tmp_path), ROOT / "site_config", 1, least=0, environ=env)
    files = [path for path in (tmp_path / "site").rglob("*") if path.is_file()]
    assert len(files) > 50
    for path in files:
        assert b"hidden" not in path.name.encode(), path
        assert main_story.id.encode() not in path.read_bytes(), path


def test_pinned_brief_leads_the_home_page(config: SiteConfig, articles: list[Article]) -> None:
    brief = next(a for a in articles if a.truncated)
    curation = Curation(path=CURATION, decisions=(Decision(id=brief.id, line=2, pin=True),))
    result = plan(ROOT / "dumps", dataclasses.replace(config, curation=curation))
    page = next(p for p in result.pages if f"\nid: {brief.id}\n".encode() in p.data)
    home = next(p for p in result.pages if p.path == "index.md").data.decode("utf-8")
    first_link = read_entry(frontmatter.loads(home).metadata["top"][0]).url
    # Home entries are front-matter data with the built site's directory URLs.
    assert first_link == page.path.removesuffix(".md") + "/"


def test_repository_curation_dates_the_sample_story(main_story: Article) -> None:
    config = load_config(ROOT / "site_config", site_url="https://example.org/digest/")
    result = plan(ROOT / "dumps", config)
    story = next(a for a in result.articles if a.id == main_story.id)
    assert story.date == dt.date(2025, 7, 29)
    assert story.edited == ("date",)
    page = next(p for p in result.pages if p.path.startswith("articles/2025/07/"))
    assert b"\ndate: 2025-07-29\n" in page.data
    assert b"\nedited:\n- date\n" in page.data


def test_a_hidden_story_whose_dump_is_removed_leaves_a_warning_each_run(
    tmp_path: Path, config: SiteConfig, caplog
) -> None:
    dumps, out = tmp_path / "dumps", tmp_path / "content"
    dumps.mkdir()
    story = "A flood in Tainan displaced hundreds of residents on Monday, city officials said."
    (dumps / "2025-08-01_a.txt").write_text(story + "\n", encoding="utf-8")
    kept = "A fire drill was held in Taipei yesterday at city hall, as hundreds took part."
    (dumps / "2025-08-02_b.txt").write_text(kept + "\n", encoding="utf-8")
    gone = next(a for a in plan(dumps, config).articles if a.summary == story)
    hide = Curation(path=CURATION, decisions=(Decision(id=gone.id, line=2, hide=True),))
    hiding = dataclasses.replace(config, curation=hide)
    generate(dumps, out, hiding)  # hidden from its first run: it has no page, only the record
    (dumps / "2025-08-01_a.txt").unlink()
    for _ in range(2):  # the second run knows the id from the record the first one kept
        caplog.clear()
        generate(dumps, out, hiding)
        assert len(caplog.messages) == 1
        assert caplog.messages[0].startswith(f"warning: {CURATION}:2: no story has id '{gone.id}'")
    generate(dumps, out, config)  # the entry deleted: the record lets the story go
    assert not (out / ".hidden.json").exists()
