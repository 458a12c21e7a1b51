"""Configuration: site.yml and curation.yml validated once, every problem located and
reported together, with the closest valid value when one is near."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.config import DEFAULT_SITE_URL, load_config
from generator.errors import ConfigError
from tests.conftest import ROOT

TOPICS = """\
topics:
  - {slug: politics, name: Politics, qcode: medtop:11000000}
  - {slug: conflict, name: "Conflict, War & Peace", qcode: medtop:16000000,
     evidence: {defence: 2, military: 2.5}}
  - {slug: crime-law, name: "Crime, Law & Justice", qcode: medtop:02000000}
  - {slug: sport, name: Sport, qcode: medtop:15000000}
"""


@pytest.fixture
def site_config(tmp_path: Path) -> Path:
    """A copy of the repository's site_config/ that a test may edit, with four topics."""
    folder = tmp_path / "site_config"
    shutil.copytree(ROOT / "site_config", folder)
    (folder / "topics.yml").write_text(TOPICS, encoding="utf-8")
    return folder


def curation_problems(folder: Path, text: str) -> list[str]:
    (folder / "curation.yml").write_text(text, encoding="utf-8")
    return [str(p) for p in load_config(folder).curation.problems]


def _refusal(site_config: Path) -> str:
    """What load_config says when it refuses the folder."""
    with pytest.raises(ConfigError) as caught:
        load_config(site_config)
    return str(caught.value)


def test_valid_entry_becomes_a_decision(site_config: Path) -> None:
    text = (
        "articles:\n"
        "  f20669886f07:\n"
        "    title: '  A better   headline '\n"
        "    hide: false\n"
        "    pin: true\n"
        "    topics: [conflict, politics]\n"
        "    countries: [TW, JP]\n"
        "    date: 2025-07-29\n"
        "    note: Checked against the original.\n"
    )
    assert curation_problems(site_config, text) == []
    (decision,) = load_config(site_config).curation.decisions
    assert decision.id == "f20669886f07"
    assert decision.line == 2
    assert decision.title == "A better headline"
    assert (decision.hide, decision.pin) == (False, True)
    assert decision.topics == ("conflict", "politics")
    assert decision.countries == ("TW", "JP")
    assert decision.date == dt.date(2025, 7, 29)
    assert decision.note == "Checked against the original."


@pytest.mark.parametrize(
    ("entry", "field", "value"),
    [
        ("topics: politics", "topics", ("politics",)),
        ("summary: Lin  resigns.\n      Talks  go on.", "summary", "Lin resigns. Talks go on."),
        # 500 characters as written: a `|` block's closing newline is no character of it
        (f"summary: |\n      {'x' * 500}", "summary", "x" * 500),
        ("countries: TW", "countries", ("TW",)),
        ("date: '2025-07-29'", "date", dt.date(2025, 7, 29)),
        ("date: 2025-07-29 08:30:00", "date", dt.date(2025, 7, 29)),
    ],
)
def test_forms_a_curator_may_write(site_config: Path, entry: str, field: str, value) -> None:
    assert curation_problems(site_config, f"articles:\n  f20669886f07:\n    {entry}\n") == []
    (decision,) = load_config(site_config).curation.decisions
    assert getattr(decision, field) == value


def test_unset_fields_stay_unset(site_config: Path) -> None:
    curation_problems(site_config, "articles:\n  f20669886f07:\n    pin: true\n")
    (decision,) = load_config(site_config).curation.decisions
    assert (decision.title, decision.topics, decision.countries, decision.date) == (None,) * 4


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("topics: [politcs]", "4:14: unknown topic 'politcs' (did you mean 'politics'?)"),
        ("topics: [Politics]", "4:14: unknown topic 'Politics' (did you mean 'politics'?)"),
        ("topics: [crime]", "4:14: unknown topic 'crime' (did you mean 'crime-law'?)"),
        ("topics: [defence]", "4:14: unknown topic 'defence' (did you mean 'conflict'?)"),
        (
            "topics: [zzz]",
            "4:14: unknown topic 'zzz' (valid topics: conflict, crime-law, politics, sport)",
        ),
        ("topics: []", "4:13: 'topics' needs at least one topic slug"),
        ("topics: {politics: 1}", "4:13: 'topics' must be a list, e.g. [politics, conflict]"),
        ("countries: UK", "4:16: unknown country code 'UK' (did you mean 'GB'?)"),
        ("countries: [UK]", "4:17: unknown country code 'UK' (did you mean 'GB'?)"),
        ("countries: [tw]", "4:17: unknown country code 'tw' (did you mean 'TW'?)"),
        ("countries: [JPN]", "4:17: unknown country code 'JPN' (did you mean 'JP'?)"),
        ("countries: [Taiwanese]", "4:17: unknown country code 'Taiwanese' (did you mean 'TW'?)"),
        ("countries: [TW, TW]", "4:21: 'TW' is listed twice in 'countries'"),
        ("hidden: true", "4:5: unknown key 'hidden' (did you mean 'hide'?)"),
        (
            "colour: red",
            "4:5: unknown key 'colour' "
            "(valid keys: title, summary, hide, pin, topics, countries, date, note)",
        ),
        ("hide: maybe", "4:11: 'hide' must be true or false, not 'maybe'"),
        (
            "date: 2025-02-30",
            "4:11: 'date' must be a real date written YYYY-MM-DD, not '2025-02-30'",
        ),
        (
            "date: 29 July 2025",
            "4:11: 'date' must be a real date written YYYY-MM-DD, not '29 July 2025'",
        ),
        ("date: 20250729", "4:11: 'date' must be a real date written YYYY-MM-DD, not '20250729'"),
        (
            "date: '2025-W31-2'",
            "4:11: 'date' must be a real date written YYYY-MM-DD, not '2025-W31-2'",
        ),
        ("title: ''", "4:12: 'title' is empty: write the text, or remove the key"),
        ("title: 2025", "4:12: 'title' must be text, not a number; put it in quotes"),
        ("note: [a, b]", "4:11: 'note' must be text, not a list"),
        ("summary: ' '", "4:14: 'summary' is empty: write the text, or remove the key"),
        (
            'summary: "\\u200b\\u00ad"',
            "4:14: 'summary' is empty: write the text, or remove the key",
        ),
        ("summary: ~", "4:14: 'summary' must be text, not empty (`~` or nothing after the colon)"),
        (
            f"summary: {'Harbour strikes go on. ' * 22}",
            "4:14: 'summary' is longer than 500 characters: shorten it",
        ),
        # A control character passed into the front matter, and made the feed writer crash.
        (
            'title: "Harbour\\u0001strike"',
            "4:12: 'title' holds a control character (U+0001): remove it",
        ),
        ('note: "red \\e[31m"', "4:11: 'note' holds a control character (U+001B): remove it"),
    ],
)
def test_bad_value_is_located_and_explained(site_config: Path, entry: str, message: str) -> None:
    text = f"articles:\n  # the sample's main story\n  f20669886f07:\n    {entry}\n"
    assert curation_problems(site_config, text) == [f"{site_config / 'curation.yml'}:{message}"]


def test_every_problem_is_reported_together_in_file_order(site_config: Path) -> None:
    text = (
        "articles:\n"
        "  f20669886f07:\n"
        "    countries: [XX, JP]\n"
        "    topics: [sports]\n"
        "  f20669886f07:\n"
        "    pinned: true\n"
        "extra: 1\n"
    )
    path = site_config / "curation.yml"
    assert curation_problems(site_config, text) == [
        f"{path}:3:17: unknown country code 'XX' (not an ISO 3166-1 code)",
        f"{path}:4:14: unknown topic 'sports' (did you mean 'sport'?)",
        f"{path}:5:3: id 'f20669886f07' is given twice (also on line 2)",
        f"{path}:6:5: unknown key 'pinned' (did you mean 'pin'?)",
        f"{path}:7:1: unknown key 'extra' (valid keys: articles)",
    ]


def test_id_made_of_digits_keeps_its_leading_zero(site_config: Path) -> None:
    curation_problems(site_config, "articles:\n  012345670123: {pin: true}\n")
    assert [d.id for d in load_config(site_config).curation.decisions] == ["012345670123"]


def test_missing_or_empty_curation_means_no_decisions(site_config: Path) -> None:
    (site_config / "curation.yml").unlink()
    assert load_config(site_config).curation.decisions == ()
    assert curation_problems(site_config, "articles:\n") == []


def test_curation_can_be_left_out(site_config: Path) -> None:
    (site_config / "curation.yml").write_text("articles: [oops]\n", encoding="utf-8")
    assert load_config(site_config, curation=False).curation.problems == ()


def test_curation_problems_join_other_config_problems(site_config: Path) -> None:
    (site_config / "site.yml").write_text("titel: News\n", encoding="utf-8")
    (site_config / "curation.yml").write_text("articles:\n  x: {pin: 1}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(site_config)
    assert [str(p) for p in caught.value.problems] == [
        f"{site_config / 'site.yml'}:1:1: unknown key 'titel' (did you mean 'title'?)",
        f"{site_config / 'curation.yml'}:2:12: 'pin' must be true or false, not '1'",
    ]


# site_url ----------------------------------------------------------------------


def test_site_url_comes_from_site_yml(site_config: Path, monkeypatch) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    (site_config / "site.yml").write_text("site_url: https://me.github.io/fork\n", "utf-8")
    assert load_config(site_config).site_url == "https://me.github.io/fork/"


def test_environment_overrides_site_yml(site_config: Path, monkeypatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://you.github.io/your-fork/")
    assert load_config(site_config).site_url == "https://you.github.io/your-fork/"


@pytest.mark.parametrize("language", ["en", "fr", "zh-TW", "pt-BR"])
def test_a_language_tag_is_the_sites_language(site_config: Path, language: str) -> None:
    (site_config / "site.yml").write_text(f"title: X\nlanguage: {language}\n", "utf-8")
    assert load_config(site_config).language == language


@pytest.mark.parametrize("language", ["english", "EN", "en_US", "zh TW"])
def test_a_language_that_is_no_tag_is_located(site_config: Path, language: str) -> None:
    (site_config / "site.yml").write_text(f"title: X\nlanguage: {language}\n", "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(site_config)
    assert [str(p) for p in caught.value.problems] == [
        f"{site_config / 'site.yml'}:2: language '{language}' is not a language tag such as "
        "en, fr or zh-TW"
    ]


@pytest.mark.parametrize(("text", "where"), [("", ""), ("topics: []\n", ":1"), ("topics:\n", ":1")])
def test_a_topics_file_with_no_topics_is_refused(site_config: Path, text: str, where: str) -> None:
    (site_config / "topics.yml").write_text(text, "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(site_config, curation=False)
    assert [str(p) for p in caught.value.problems] == [
        f"{site_config / 'topics.yml'}{where}: no topics: list at least one (the sample's "
        "topics.yml shows the form)"
    ]


def test_command_line_overrides_environment(site_config: Path, monkeypatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://you.github.io/your-fork/")
    assert load_config(site_config, "http://127.0.0.1:8000/repo").site_url == (
        "http://127.0.0.1:8000/repo/"
    )


def test_empty_environment_variable_is_ignored(site_config: Path, monkeypatch) -> None:
    monkeypatch.setenv("SITE_URL", "")
    (site_config / "site.yml").write_text("title: T\n", "utf-8")
    assert load_config(site_config).site_url == DEFAULT_SITE_URL


@pytest.mark.parametrize(
    "url", ["news-digest.github.io/repo/", "ftp://host/x/", "/repo/", "https://host/my news/"]
)
def test_relative_or_odd_site_url_is_refused(site_config: Path, monkeypatch, url: str) -> None:
    monkeypatch.setenv("SITE_URL", url)
    assert _refusal(site_config) == (
        f"SITE_URL (environment variable): site_url '{url}' is not an absolute http(s) "
        "address such as https://user.github.io/repo/"
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("title: [News, Digest]", "'title' must be text, not a list"),
        ("description: {a: 1}", "'description' must be text, not a mapping"),
        # Norwegian's tag: YAML 1.1 reads it as false, which became English unseen.
        ("language: no", "'language' must be text, not a true/false value; put it in quotes"),
        ("site_url: 5", "'site_url' must be text, not a number; put it in quotes"),
        ('title: "Harbour\\u0001Watch"', "'title' holds a control character (U+0001): remove it"),
    ],
)
def test_a_site_yml_value_that_is_not_text_is_located(
    site_config: Path, monkeypatch, line: str, message: str
) -> None:
    # These reached every page as Python's text for a list, or the feeds as invalid XML.
    monkeypatch.delenv("SITE_URL", raising=False)
    (site_config / "site.yml").write_text(f"# the site\n{line}\n", "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(site_config, curation=False)
    column = line.index(":") + 3
    assert [str(p) for p in caught.value.problems] == [
        f"{site_config / 'site.yml'}:2:{column}: {message}"
    ]


def test_bad_site_url_in_site_yml_names_its_line(site_config: Path, monkeypatch) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    (site_config / "site.yml").write_text("title: T\nsite_url: example.org\n", "utf-8")
    assert _refusal(site_config) == (
        f"{site_config / 'site.yml'}:2: site_url 'example.org' is not an absolute http(s) "
        "address such as https://user.github.io/repo/"
    )


def test_curation_not_in_utf8_names_its_line(site_config: Path) -> None:
    path = site_config / "curation.yml"
    path.write_bytes(b"articles:\r\n  f20669886f07:\r\n    note: caf\xe9\r\n")
    assert _refusal(site_config) == f"{path}:3: not UTF-8 (byte 0xe9 at 41); save the file as UTF-8"


# topics.yml ---------------------------------------------------------------------


def topic_problems(folder: Path, text: str) -> list[str]:
    (folder / "topics.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(folder, curation=False)
    return [str(p).removeprefix(f"{folder / 'topics.yml'}:") for p in caught.value.problems]


@pytest.mark.parametrize(
    ("weight", "shown"),
    [("high", "high"), ("[1]", "[1]"), ("", "None"), (".nan", "nan"), ("true", "True")],
)
def test_an_evidence_weight_that_is_no_number_is_located(
    site_config: Path, weight: str, shown: str
) -> None:
    text = TOPICS + "  - slug: weather\n    name: Weather\n    qcode: medtop:17000000\n"
    text += f"    evidence:\n      storm: 2\n      rain: {weight}\n"
    assert topic_problems(site_config, text) == [
        f"12:{12 if weight == '' else 13}: the weight of 'rain' must be a number such as 2 or "
        f"0.5, not '{shown}'"
    ]


def test_evidence_must_map_words_to_weights(site_config: Path) -> None:
    text = TOPICS + "  - {slug: weather, name: Weather, qcode: medtop:17000000, evidence: [rain]}\n"
    assert topic_problems(site_config, text) == [
        "7:70: 'evidence' must map words to weights, e.g. {storm: 2, rain: 1}"
    ]


def test_a_slug_must_be_fit_for_an_address(site_config: Path) -> None:
    text = TOPICS + "  - {slug: Arts Culture, name: Arts, qcode: medtop:01000000}\n"
    text += "  - {slug: ../up, name: Up, qcode: medtop:01000000}\n"
    assert topic_problems(site_config, text) == [
        "7:12: topic slug 'Arts Culture' may hold only a-z, 0-9 and '-' (it is the topic's "
        "address), e.g. 'arts-culture'",
        "8:12: topic slug '../up' may hold only a-z, 0-9 and '-' (it is the topic's address), "
        "e.g. 'up'",
    ]


def test_topic_texts_and_qcode_are_checked(site_config: Path) -> None:
    text = TOPICS + "  - {slug: weather, name: [Wea, Ther], qcode: medtop:17000000}\n"
    text += "  - {slug: storms, name: Storms, qcode: 17000000}\n"
    text += "  - {slug: rain, name: Rain, qcode: medtop:17}\n"
    assert topic_problems(site_config, text) == [
        "7:27: 'name' must be text, not a list",
        "8:41: 'qcode' must be text, not a number; put it in quotes",
        "9:37: qcode 'medtop:17' is not an IPTC Media Topic code such as medtop:01000000",
    ]


def test_a_slug_used_twice_names_both_lines(site_config: Path) -> None:
    text = TOPICS + "  - {slug: sport, name: Sports, qcode: medtop:15000000}\n"
    assert topic_problems(site_config, text) == [
        "7:12: topic slug 'sport' is used twice (also on line 6)"
    ]


def test_a_topic_that_is_no_mapping_names_its_line(site_config: Path) -> None:
    assert topic_problems(site_config, TOPICS + "  - weather\n") == [
        "7:5: a topic maps slug, name, qcode, description and evidence; found 'weather'"
    ]


# YAML that would take the run down -----------------------------------------------


def _laughs(levels: int) -> str:
    """A "billion laughs": each anchor's list holds ten aliases of the one before it."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels + 1):
        aliases = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + f"\narticles:\n  f20669886f07:\n    topics: *a{levels}\n"


def test_an_alias_bomb_is_refused_before_it_is_walked(site_config: Path) -> None:
    # Ten levels would be 10^10 values once written out: checking it never ended.
    (site_config / "curation.yml").write_text(_laughs(5), encoding="utf-8")
    assert _refusal(site_config) == (
        f"{site_config / 'curation.yml'}:6: the anchor here is repeated by aliases into more "
        "than 100000 values; write the values out instead"
    )


def test_a_merge_key_alias_is_still_fine(site_config: Path) -> None:
    text = "base: &base {pin: true}\narticles:\n  f20669886f07:\n    <<: *base\n"
    (site_config / "curation.yml").write_text(text, encoding="utf-8")
    problems = [str(p) for p in load_config(site_config).curation.problems]
    assert problems == [
        f"{site_config / 'curation.yml'}:1:1: unknown key 'base' (valid keys: articles)"
    ]


def test_nesting_too_deep_for_the_parser_is_a_located_message(site_config: Path) -> None:
    text = "articles:\n  f20669886f07:\n    topics: " + "[" * 3000 + "]" * 3000 + "\n"
    (site_config / "curation.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(site_config)
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{site_config / 'curation.yml'}:3: invalid YAML")


# pages/ --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("index.md", "the generator makes the home page; its introduction goes in home.md"),
        (
            "topics.md",
            "the generator makes the topics/ listing at this page's address: rename the file",
        ),
        ("home.md", "1: not UTF-8 (byte 0xe9 at 3); save the file as UTF-8"),
        ("extra.md/", "is a folder, not a page"),
    ],
)
def test_a_page_the_site_cannot_publish_is_refused(
    site_config: Path, name: str, message: str
) -> None:
    # These crashed render (index.md, a folder, Latin-1), or MkDocs dropped one of two pages
    # at one address unseen (topics.md).
    path = site_config / "pages" / name.rstrip("/")
    if name.endswith("/"):
        path.mkdir()
    else:
        path.write_bytes(b"Caf\xe9 news\n")
    with pytest.raises(ConfigError) as caught:
        load_config(site_config, curation=False)
    separator = "" if message[0].isdigit() else " "
    assert [str(p) for p in caught.value.problems] == [f"{path}:{separator}{message}"]


def test_a_config_file_saved_as_yaml_is_not_lost_unseen(site_config: Path) -> None:
    (site_config / "curation.yml").rename(site_config / "curation.yaml")
    with pytest.raises(ConfigError) as caught:
        load_config(site_config)
    assert [str(p) for p in caught.value.problems] == [
        f"{site_config / 'curation.yaml'}: never read: name it curation.yml"
    ]


def test_a_pages_front_matter_that_is_not_yaml_is_located(site_config: Path) -> None:
    # MkDocs published the broken block as the page's text, without a word.
    path = site_config / "pages" / "about.md"
    path.write_text("---\ntitle: About\nhide: [navigation\n---\n\nText.\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(site_config, curation=False)
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == (path, 4)
    assert problem.message.startswith("invalid YAML")
