"""Permalinks: once a story has a URL it keeps it, and no URL is ever given to two stories."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import frontmatter
import pytest

from generator import permalinks
from generator.build import generate
from generator.curation import Decision
from generator.errors import InputError
from generator.model import Article, SourceRef, TitleSource
from generator.render import article_paths
from tests.conftest import ROOT


def story(article_id: str, title: str, day: dt.date | None = dt.date(2025, 12, 10)) -> Article:
    return Article(
        id=article_id,
        title=title,
        title_source=TitleSource.LEAD,
        paragraphs=("Body.",),
        sources=(SourceRef(dump="d.txt", first=1, last=1),),
        date=day,
    )


def test_a_known_id_keeps_its_path_whatever_its_title_becomes() -> None:
    known = {"aaaaaaaaaaaa": "articles/2025/12/old-title.md"}
    paths = article_paths([story("aaaaaaaaaaaa", "A much better title")], known)
    assert paths["aaaaaaaaaaaa"] == "articles/2025/12/old-title.md"


def test_a_new_story_gets_a_slug_of_its_title() -> None:
    paths = article_paths([story("bbbbbbbbbbbb", "Typhoon Nears Taipei: Schools Shut")])
    assert paths == {"bbbbbbbbbbbb": "articles/2025/12/typhoon-nears-taipei-schools-shut.md"}


def test_a_slug_cut_short_ends_on_a_word_that_says_something() -> None:
    title = "Classified Pentagon-produced, multiyear assessment — the Overmatch brief — warns"
    paths = article_paths([story("bbbbbbbbbbbb", title)])
    assert paths == {
        "bbbbbbbbbbbb": "articles/2025/12/classified-pentagon-produced-multiyear-assessment.md"
    }


@pytest.mark.parametrize("reverse", [False, True])
def test_colliding_titles_are_told_apart_by_id_in_any_input_order(reverse: bool) -> None:
    articles = [story("222222222222", "Same title"), story("111111111111", "Same title")]
    paths = article_paths(articles[::-1] if reverse else articles)
    assert paths == {
        "111111111111": "articles/2025/12/same-title.md",
        "222222222222": "articles/2025/12/same-title-222222222222.md",
    }


def _from(article: Article, dump: str) -> Article:
    return dataclasses.replace(article, sources=(SourceRef(dump=dump, first=1, last=1),))


@pytest.mark.parametrize("reverse", [False, True])
def test_a_clashing_title_goes_bare_to_the_story_of_the_earlier_dump(reverse: bool) -> None:
    # as an archive that grew a dump at a time published it: the first story took the bare
    # path, the next the suffixed one; a cold run of the same dumps must agree
    articles = [
        _from(story("111111111111", "Same title"), "2025-12-12_b.txt"),
        _from(story("222222222222", "Same title"), "2025-12-11_a.txt"),
    ]
    paths = article_paths(articles[::-1] if reverse else articles)
    assert paths == {
        "222222222222": "articles/2025/12/same-title.md",
        "111111111111": "articles/2025/12/same-title-111111111111.md",
    }
    grown = article_paths([articles[1]])
    assert article_paths(articles, grown) == paths


def test_a_path_is_never_given_to_another_story_even_after_its_own_is_gone() -> None:
    known = {"aaaaaaaaaaaa": "articles/2025/12/same-title.md"}
    paths = article_paths([story("cccccccccccc", "Same title")], known)
    assert paths["cccccccccccc"] == "articles/2025/12/same-title-cccccccccccc.md"
    assert paths["aaaaaaaaaaaa"] == "articles/2025/12/same-title.md"


def test_even_the_id_suffixed_path_is_not_reused() -> None:
    known = {
        "aaaaaaaaaaaa": "articles/2025/12/same-title.md",
        "dddddddddddd": "articles/2025/12/same-title-cccccccccccc.md",
    }
    paths = article_paths([story("cccccccccccc", "Same title")], known)
    assert paths["cccccccccccc"] == "articles/2025/12/same-title-cccccccccccc-2.md"


@pytest.mark.parametrize("title", ["Index", "CON", "nul", "COM1"])
def test_reserved_file_names_are_not_used_bare(title: str) -> None:
    paths = article_paths([story("eeeeeeeeeeee", title)])
    assert paths["eeeeeeeeeeee"] == f"articles/2025/12/{title.lower()}-eeeeeeeeeeee.md"


@pytest.mark.parametrize(
    "title",
    ["行政院宣布暫停小紅書", "../../../etc/passwd", "a/b\\c", ":::---:::", "x" * 500, "É" * 80],
)
def test_slugs_are_ascii_bounded_and_stay_under_articles(title: str) -> None:
    path = article_paths([story("ffffffffffff", title)])["ffffffffffff"]
    assert path.isascii()
    assert path.startswith("articles/2025/12/") and ".." not in path
    assert len(path.rsplit("/", 1)[1]) <= 60 + len("-ffffffffffff.md")


def test_the_map_page_is_sorted_one_entry_a_line() -> None:
    page = permalinks.page({"bb": "articles/b.md", "aa": "articles/a.md"})
    assert page.path == ".permalinks.json"
    assert page.data == b'{\n "aa": "articles/a.md",\n "bb": "articles/b.md"\n}\n'


def test_load_reads_back_what_page_wrote(tmp_path: Path) -> None:
    paths = {"aaaaaaaaaaaa": "articles/2025/12/x.md", "bbbbbbbbbbbb": "articles/undated/y.md"}
    (tmp_path / ".permalinks.json").write_bytes(permalinks.page(paths).data)
    assert permalinks.load(tmp_path) == paths


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{\n "aaaaaaaaaaaa": "articles/x.md",\n',
            "3: invalid JSON: Expecting property name enclosed in double quotes",
        ),
        ('{\n "aaaaaaaaaaaa": "../../etc/passwd.md"\n}\n', "2: '../../etc/passwd.md' is not a"),
        ('{\n "aaaaaaaaaaaa": "/abs/articles/x.md"\n}\n', "2: '/abs/articles/x.md' is not a"),
        ('{\n "a": "articles/x.md",\n "b": "articles/x.md"\n}\n', "3: 'articles/x.md' is also a's"),
        ('{\n "a b": "articles/x.md"\n}\n', "2: 'a b' is not an article id"),
        ("[]\n", "1: expected an object of article id -> page path"),
    ],
)
def test_a_damaged_map_is_reported_with_its_line(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / ".permalinks.json").write_text(text)
    with pytest.raises(InputError) as caught:
        permalinks.load(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / '.permalinks.json'}:{message}")


def test_a_tree_written_before_the_map_existed_keeps_its_paths(tmp_path: Path) -> None:
    page = tmp_path / "articles" / "2025" / "12" / "old-slug.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\nid: 3c809998062b\ntitle: Old\n---\n\nBody.\n")
    (tmp_path / "articles" / "stray.md").write_text("---\n: : bad yaml [\n---\n")
    assert permalinks.load(tmp_path) == {"3c809998062b": "articles/2025/12/old-slug.md"}


def test_a_retitled_story_keeps_its_url_across_runs(tmp_path: Path, config) -> None:
    out = tmp_path / "content"
    first, _ = generate(ROOT / "dumps", out, config)
    before = json.loads((out / ".permalinks.json").read_text())
    retitled = first.articles[0]
    decision = Decision(id=retitled.id, line=1, title="A curator's far better headline")
    curation = dataclasses.replace(config.curation, decisions=(decision,))
    generate(ROOT / "dumps", out, dataclasses.replace(config, curation=curation))
    assert json.loads((out / ".permalinks.json").read_text()) == before
    page = (out / before[retitled.id]).read_text(encoding="utf-8")
    assert "title: A curator's far better headline" in page
    assert not list(out.rglob("a-curator-s-far-better-headline*"))


def _published_page(tree: Path, path: str, **meta: object) -> None:
    (tree / path).parent.mkdir(parents=True, exist_ok=True)
    (tree / path).write_text(frontmatter.dumps(frontmatter.Post("Body.", **meta)) + "\n")


def test_a_story_cut_apart_anew_keeps_its_page_by_its_title(tmp_path: Path) -> None:
    # A headline pasted right above its lead was once read as the lead: the page's summary
    # was the headline. Read as the title now, the story's opening words and summary differ
    # (a new id), but it begins at the same line under the same title: the same page.
    headline = "Keelung harbour reopens after a week of checks on its piers"
    path = "articles/2025/12/keelung-harbour-reopens.md"
    sources = [{"dump": "d.txt", "lines": [1, 2]}]
    _published_page(tmp_path, path, id="aaaaaaaaaaaa", title=headline, summary=headline,
                    sources=sources)  # fmt: skip
    recut = dataclasses.replace(
        story("bbbbbbbbbbbb", headline), summary="Inspectors checked every pier on Thursday."
    )
    other = dataclasses.replace(
        story("cccccccccccc", "Orchestra tours the island"), summary="The orchestra left."
    )
    known = {"aaaaaaaaaaaa": path}
    assert [a.id for a in permalinks.continued([recut], known, tmp_path)] == ["aaaaaaaaaaaa"]
    assert [a.id for a in permalinks.continued([other], known, tmp_path)] == ["cccccccccccc"]


def test_a_story_whose_deck_gives_its_words_back_keeps_its_page_by_its_text(
    tmp_path: Path,
) -> None:
    # A kicker teaser's deck once took the lead's first words (`The roof of Notre`), and its
    # summary opened mid-name. Cut right, the story has other opening words (a new id) and
    # another summary and title; at the same line of the same dump, its text is the page's.
    lead = (
        "The roof of Notre Dame cathedral in the French capital Paris caught fire yesterday"
        " evening, and the spire collapsed as crowds watched from the banks of the Seine."
    )
    path = "articles/2025/12/roof-of-notre.md"
    (tmp_path / "articles/2025/12").mkdir(parents=True)
    before = frontmatter.Post(
        lead.removeprefix("The roof of Notre "),
        id="aaaaaaaaaaaa",
        title="Roof of Notre",
        summary="Dame cathedral in the French capital Paris caught fire yesterday evening.",
        sources=[{"dump": "d.txt", "lines": [3, 3]}],
    )
    (tmp_path / path).write_text(frontmatter.dumps(before) + "\n", encoding="utf-8")
    now = dataclasses.replace(
        story("bbbbbbbbbbbb", "Notre Dame roof burns"),
        summary="The roof of Notre Dame cathedral caught fire.",
        paragraphs=(lead,),
        sources=(SourceRef(dump="d.txt", first=3, last=3),),
    )
    known = {"aaaaaaaaaaaa": path}
    assert [a.id for a in permalinks.continued([now], known, tmp_path)] == ["aaaaaaaaaaaa"]
    # another story at that line of a dump overwritten with other news takes no page
    other = dataclasses.replace(
        now, paragraphs=("The orchestra left for Tainan on Monday after a week of concerts.",)
    )
    assert [a.id for a in permalinks.continued([other], known, tmp_path)] == ["bbbbbbbbbbbb"]


def test_a_standing_head_at_the_same_line_takes_no_page(tmp_path: Path) -> None:
    # `Weather` heads every day's column: at line 1 of a dump overwritten with another day's
    # news, it is another story under the same title.
    path = "articles/2025/12/weather.md"
    sources = [{"dump": "d.txt", "lines": [1, 2]}]
    _published_page(tmp_path, path, id="aaaaaaaaaaaa", title="Weather",
                    summary="Rain spreads north on Monday.", sources=sources)  # fmt: skip
    today = dataclasses.replace(story("bbbbbbbbbbbb", "Weather"), summary="Sunny all week.")
    known = {"aaaaaaaaaaaa": path}
    assert [a.id for a in permalinks.continued([today], known, tmp_path)] == ["bbbbbbbbbbbb"]


def _harbour_page(
    tree: Path, sources: list[dict], summary: str, now: str, at: SourceRef
) -> tuple[dict[str, str], Article]:
    """A published page (id a..a, these sources and summary) and a story of another id that
    begins `at`, summarised `now`: -> the permalink map and the story."""
    path = "articles/2025/12/keelung-harbour-reopens.md"
    title = "Keelung harbour reopens"
    _published_page(tree, path, id="aaaaaaaaaaaa", title=title, summary=summary, sources=sources)
    article = dataclasses.replace(story("bbbbbbbbbbbb", title), summary=now, sources=(at,))
    return {"aaaaaaaaaaaa": path}, article


def test_a_page_goes_on_with_any_of_its_copies(tmp_path: Path) -> None:
    # A short teaser was published first and its full text merged into its page (the id is
    # the teaser's); then the teaser's dump was removed. The full text alone hashes another
    # id, but it began where one of the page's copies began: the page is still its own.
    sources = [{"dump": "a.txt", "lines": [4, 4]}, {"dump": "c.txt", "lines": [7, 12]}]
    summary = "Keelung harbour reopened on Monday."
    known, full = _harbour_page(
        tmp_path, sources, summary, summary, SourceRef(dump="c.txt", first=7, last=12)
    )
    twin = dataclasses.replace(
        full, id="cccccccccccc", sources=(SourceRef(dump="a.txt", first=4, last=4),)
    )
    assert [a.id for a in permalinks.continued([full], known, tmp_path)] == ["aaaaaaaaaaaa"]
    # one story takes a page, however many of its copies' places others begin at
    taken = permalinks.continued([full, twin], known, tmp_path)
    assert [a.id for a in taken] == ["aaaaaaaaaaaa", "cccccccccccc"]


def test_a_corrected_story_a_line_lower_in_its_dump_keeps_its_page(tmp_path: Path) -> None:
    # The same edit fixed a word of the lead (a new id) and pasted a line above the story.
    known, lower = _harbour_page(
        tmp_path,
        [{"dump": "d.txt", "lines": [4, 9]}],
        "Keelung harbour reopened on Monday after checks.",
        "Keelung harbour reopened on Monday after safety checks.",
        SourceRef(dump="d.txt", first=5, last=10),
    )
    at_line = dataclasses.replace(
        lower, id="cccccccccccc", sources=(SourceRef(dump="d.txt", first=4, last=9),)
    )
    elsewhere = dataclasses.replace(lower, sources=(SourceRef(dump="e.txt", first=5, last=10),))
    other = dataclasses.replace(lower, summary="The orchestra left for Tainan on Monday.")

    def ids(*articles: Article) -> list[str]:
        return [a.id for a in permalinks.continued(list(articles), known, tmp_path)]

    assert ids(lower) == ["aaaaaaaaaaaa"]
    assert ids(elsewhere) == ["bbbbbbbbbbbb"]  # another dump: another story
    assert ids(other) == ["bbbbbbbbbbbb"]  # the same dump, another story
    assert ids(lower, at_line) == ["bbbbbbbbbbbb", "aaaaaaaaaaaa"]  # the line's story first


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        (".hidden.json", '{\n "aaaaaaaaaaaa": {"began": [["d.txt"]]}\n}\n', None),
        (".hidden.json", '{\n "aaaaaaaaaaaa": \n', 3),
        (".continued.json", '{\n "bbbbbbbbbbbb": ["aaaaaaaaaaaa"]\n}\n', None),
        (".continued.json", "{\n <<<<<<< HEAD\n", 2),
    ],
)
def test_a_damaged_record_stops_the_run_naming_it(
    tmp_path: Path, name: str, text: str, line: int | None
) -> None:
    # Read as empty, it would publish a hidden story again or move a page.
    (tmp_path / name).write_text(text, encoding="utf-8")
    known = {"aaaaaaaaaaaa": "articles/2025/12/a.md"}
    with pytest.raises(InputError) as raised:
        permalinks.continued([story("cccccccccccc", "A story")], known, tmp_path)
    [problem] = raised.value.problems
    assert (problem.path, problem.line) == (tmp_path / name, line)
    assert "restore it from git" in problem.message


_LEAD = (
    "On Wednesday, Carrie Lam, the cheif executive of Hong Kong, announced that her"
    " government will withdraw a proposed bill that would have allowed extraditions to China."
)
_QUOTE = '"The government will fully withdraw the bill," Lam said in a televised announcement.'


def _typo_twins(tmp_path: Path, config) -> tuple[Path, Path, str, list[Article], dict]:
    """One story in two dumps, the first copy with a typo in its lead (two ids, two pages),
    published: -> the dumps and content folders, the corrected text, the two stories in dump
    order and the permalink map."""
    dumps, out = tmp_path / "dumps", tmp_path / "content"
    dumps.mkdir()
    story = "Hong Kong leader withdraws extradition bill\n{lead}\n" + _QUOTE + "\n"
    (dumps / "2025-12-11_a.txt").write_text(story.format(lead=_LEAD), encoding="utf-8")
    fixed = story.format(lead=_LEAD.replace("cheif", "chief"))
    (dumps / "2025-12-12_b.txt").write_text(fixed, encoding="utf-8")
    plan, _ = generate(dumps, out, config)
    twins = sorted(plan.articles, key=lambda a: a.sources[0].dump)
    return dumps, out, fixed, twins, json.loads((out / ".permalinks.json").read_text())


@pytest.mark.parametrize("hide_second", [False, True], ids=["both shown", "second hidden"])
def test_a_corrected_typo_that_makes_two_pages_one_story_moves_neither(
    tmp_path: Path, config, hide_second: bool
) -> None:
    # The same story came twice, once with a typo in its lead: two ids, two pages. The curator
    # may have hidden the second as a duplicate. Corrected, both copies hash the second's id,
    # and merged they would leave one page a dead address (or the story hidden): both stay as
    # they were, the first with its curator's title.
    dumps, out, fixed, (first, second), paths = _typo_twins(tmp_path, config)
    decisions = [Decision(id=first.id, line=1, title="Lam withdraws the bill")]
    if hide_second:
        decisions.append(Decision(id=second.id, line=3, hide=True))
    curated = dataclasses.replace(
        config, curation=dataclasses.replace(config.curation, decisions=tuple(decisions))
    )
    generate(dumps, out, curated)
    (dumps / "2025-12-11_a.txt").write_text(fixed, encoding="utf-8")
    for _ in range(2):  # and so on every later run
        plan, _ = generate(dumps, out, curated)
        kept, duplicate = sorted(plan.articles, key=lambda a: a.sources[0].dump)
        assert (kept.id, kept.title, kept.hidden) == (first.id, "Lam withdraws the bill", False)
        assert (duplicate.id, duplicate.hidden) == (second.id, hide_second)
        assert (out / paths[first.id]).is_file()
        assert (out / paths[second.id]).is_file() is not hide_second


_FERRY = (
    "Harbour city opens new ferry terminal after long delay\n\n"
    "The harbour city opened its new ferry terminal on Monday after three years of"
    " construction delays, with the mayor promising faster crossings to the outlying islands.\n"
    "Officials said the terminal can handle twelve sailings an hour and has space for four"
    " thousand passengers, twice the capacity of the old wooden pier that it replaces.\n"
)
_VILLAGE = (
    "Mountain village votes to ban cars from its old centre\n\n"
    "Residents of the mountain village voted on Sunday to ban private cars from the narrow"
    " streets of its medieval centre, ending a debate that had divided the community.\n"
    "The council said delivery vans will still be allowed in the early morning, and a shuttle"
    " bus will link the car park at the edge of the village with the main square.\n"
)


def _pages(out: Path) -> dict[str, str]:
    """id -> title of every article page in the tree."""
    pages = (frontmatter.load(p).metadata for p in (out / "articles").rglob("*.md"))
    return {str(m["id"]): str(m["title"]) for m in pages}


def test_a_dump_overwritten_with_a_copy_of_another_story_gives_it_no_page(
    tmp_path: Path, config
) -> None:
    # The ferry story's dump now holds a copy of the village story, at the line where the
    # ferry page began: that is no reason to show the village story under the ferry's
    # address (nor to publish it twice).
    dumps, out = tmp_path / "dumps", tmp_path / "content"
    dumps.mkdir()
    (dumps / "2025-12-01_a.txt").write_text(_FERRY, encoding="utf-8")
    (dumps / "2025-12-02_b.txt").write_text(_VILLAGE, encoding="utf-8")
    plan, _ = generate(dumps, out, config)
    village = next(a.id for a in plan.articles if a.title.startswith("Mountain"))
    (dumps / "2025-12-01_a.txt").write_text(_VILLAGE, encoding="utf-8")
    plan, _ = generate(dumps, out, config)
    assert [a.id for a in plan.articles] == [village]
    assert _pages(out) == {village: "Mountain village votes to ban cars from its old centre"}


def test_a_new_dump_s_story_with_a_like_title_takes_no_page_of_a_removed_dump(
    tmp_path: Path, config
) -> None:
    # Yesterday's dump goes and today's comes in one edit: today's first story, a follow-up
    # under a headline of mostly the same words, is another story, not yesterday's renamed.
    dumps, out = tmp_path / "dumps", tmp_path / "content"
    dumps.mkdir()
    title = "Typhoon Krathon: schools and offices closed in {}\n\n"
    taipei = title.format("Taipei") + (
        "Schools and government offices in Taipei were closed on Wednesday as the typhoon"
        " brought heavy rain and strong winds to the north of the island, the city said.\n"
    )
    kaohsiung = title.format("Kaohsiung") + (
        "Kaohsiung shut its schools on Thursday as the slow-moving storm made landfall in the"
        " south, flooding low-lying districts near the harbour and cutting power to homes.\n"
    )
    (dumps / "2025-12-01_news.txt").write_text(taipei, encoding="utf-8")
    plan, _ = generate(dumps, out, config)
    [before] = plan.articles
    (dumps / "2025-12-01_news.txt").unlink()
    (dumps / "2025-12-02_news.txt").write_text(kaohsiung, encoding="utf-8")
    plan, _ = generate(dumps, out, config)
    [after] = plan.articles
    assert after.id != before.id
    assert list(_pages(out).values()) == [after.title]


def test_two_pages_of_one_story_kept_apart_then_one_s_dump_removed_the_other_stays(
    tmp_path: Path, config
) -> None:
    # A corrected typo made two pages' copies one id, and both pages stayed. Then the dump of
    # the copy whose page carries that id goes: its page goes with it, and the other copy,
    # still in the dumps, keeps its own page instead of taking over the one whose story left.
    dumps, out, fixed, (first, second), paths = _typo_twins(tmp_path, config)
    (dumps / "2025-12-11_a.txt").write_text(fixed, encoding="utf-8")
    generate(dumps, out, config)
    (dumps / "2025-12-12_b.txt").unlink()
    for _ in range(2):  # and so on every later run
        plan, _ = generate(dumps, out, config)
        assert [a.id for a in plan.articles] == [first.id]
        assert (out / paths[first.id]).is_file()
        assert not (out / paths[second.id]).exists()
