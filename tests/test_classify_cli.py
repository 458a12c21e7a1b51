"""`python -m generator explain` and the validation of site_config/geography.yml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import gazetteer_for
from generator.config import load_config
from generator.errors import ConfigError
from tests.conftest import ROOT, run_cli, sample_with_fixed_typo

run = run_cli


def test_explain_shows_the_evidence_for_every_story() -> None:
    result = run("explain", "--dumps", "dumps")
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.count(
            "  topic evidence (x2 in the lead; model = word weights learnt from Wikinews):"
        )
        == 5
    )
    assert "'Aomori Prefecture' lead subdivision" in result.stdout
    assert "William Lai (賴清德)" in result.stdout


def test_explain_one_story_by_id() -> None:
    everything = run("explain", "--dumps", "dumps").stdout
    story_id = everything.split()[0]
    result = run("explain", "--dumps", "dumps", "--id", story_id)
    assert result.returncode == 0
    assert result.stdout.startswith(story_id)
    assert result.stdout.count("  topic evidence") == 1


def test_explain_stops_quietly_when_its_reader_does() -> None:
    # `explain | head` on a large archive: the reader leaves, and explain said
    # "error: Broken pipe" with exit code 1
    command = [sys.executable, "-m", "generator", "explain", "--dumps", "dumps"]
    with subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        child.stdout.close()  # before explain writes a line
        error = child.stderr.read()
    assert (child.returncode, error) == (0, b"")


def test_explain_an_unknown_id_exits_1() -> None:
    result = run("explain", "--dumps", "dumps", "--id", "nope")
    assert result.returncode == 1
    assert result.stderr == "error: dumps: no story with id 'nope'\n"


def test_explain_without_id_on_empty_dumps_says_there_is_no_story(
    tmp_path: Path, uncurated_config: Path
) -> None:
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "a.txt").write_bytes(b"")
    (dumps / "b.txt").write_bytes(b"\n \n")
    result = run("explain", "--dumps", str(dumps), "--config", str(uncurated_config))
    assert result.returncode == 1
    assert result.stderr == (
        f"warning: {dumps / 'a.txt'}: empty dump; skipped\n"
        f"warning: {dumps / 'b.txt'}: empty dump; skipped\n"
        f"error: {dumps}: no story in the dumps\n"
    )


@pytest.fixture
def site_config(tmp_path: Path) -> Path:
    folder = tmp_path / "site_config"
    shutil.copytree(ROOT / "site_config", folder)
    return folder


def test_geography_errors_name_file_line_and_suggestion(site_config: Path) -> None:
    (site_config / "geography.yml").write_text(
        "aliases:\n  London: UK\n  Taipei: TW\nsubregion:\n  TW: Eastern Asia\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        gazetteer_for(load_config(site_config))
    path = site_config / "geography.yml"
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:4: unknown key 'subregion' (aliases, ambiguous, demonyms, person_names, "
        "regions, sources, stopwords, subregions)",
        f"{path}:2: unknown country code 'UK' (did you mean 'GB'?)",
    ]


@pytest.mark.parametrize("value", ["[Ontario]", "Ontario", "5"])
@pytest.mark.parametrize("section", ["aliases", "subregions"])
def test_a_geography_section_of_the_wrong_kind_is_located_by_the_cli(
    site_config: Path, tmp_path: Path, section: str, value: str
) -> None:
    # Curation's check of country codes read these sections first and crashed on them.
    path = site_config / "geography.yml"
    path.write_text(f"{section}: {value}\n", encoding="utf-8")
    out = str(tmp_path / "content")
    result = run("generate", "--dumps", "dumps", "--out", out, "--config", str(site_config))
    assert result.returncode == 1
    assert result.stderr == f"error: {path}:1: '{section}' must be a mapping\n"


def test_a_region_name_that_is_not_text_is_refused(site_config: Path) -> None:
    # A list named a region by Python's text for it (regions/asia-europe/).
    text = "subregions:\n  HK: [Asia, Europe]\n  MO: Greater China\nregions:\n  AQ: 5\n"
    assert geography_problems(site_config, text) == [
        "2:7: 'subregion of HK' must be text, not a list",
        "5:7: 'region of AQ' must be text, not a number; put it in quotes",
    ]


def test_a_curator_alias_becomes_evidence(site_config: Path) -> None:
    path = site_config / "geography.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("aliases:\n", "aliases:\n  Narnia: NZ\n", 1),
        encoding="utf-8",
    )
    gazetteer = gazetteer_for(load_config(site_config))
    assert [m[1].codes for m in gazetteer.mentions("They sailed to Narnia.")] == [("NZ",)]


def test_region_pages_nest_region_subregion_country(config) -> None:
    from generator.build import plan

    paths = {p.path for p in plan(ROOT / "dumps", config).pages}
    assert {
        "regions/asia/index.md",
        "regions/eastern-asia/index.md",
        "regions/taiwan/index.md",
    } <= paths
    index = next(p for p in plan(ROOT / "dumps", config).pages if p.path == "regions/index.md")
    text = index.data.decode()
    assert text.index("[Asia](") < text.index("[Eastern Asia](") < text.index("[Taiwan ")


def geography_problems(site_config: Path, text: str) -> list[str]:
    path = site_config / "geography.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        gazetteer_for(load_config(site_config))
    return [str(p).removeprefix(f"{path}:") for p in caught.value.problems]


def test_a_phrase_with_no_word_in_it_is_located(site_config: Path) -> None:
    # Such a phrase can never match; it crashed the phrase table with an IndexError.
    text = 'aliases:\n  Ontario: CA\n  123: CA\n  "...": CA\ndemonyms:\n  "": NZ\n'
    assert geography_problems(site_config, text) == [
        "3: the phrase '123' has no word in it (letters), so it can never match",
        "4: the phrase '...' has no word in it (letters), so it can never match",
        "6: the phrase '' has no word in it (letters), so it can never match",
    ]


def test_a_phrase_with_digits_in_a_word_is_located(site_config: Path) -> None:
    # Digits are not read: "M23" was looked up as "M", so "3M" and "Jay M. Smith" were DR Congo.
    text = "aliases:\n  M23: CD\n  Ligue 1: FR\ndemonyms:\n  G7: FR\n"
    message = "the phrase '{}' has digits in a word; digits are not read, so it would match '{}'"
    assert geography_problems(site_config, text) == [
        "2: " + message.format("M23", "M"),
        "5: " + message.format("G7", "G"),
    ]


def test_a_phrase_given_twice_is_reported(site_config: Path) -> None:
    # YAML keeps one of the two values: the other would be lost without a word.
    text = "aliases:\n  Ontario: CA\n  Taipei: TW\n  Ontario: US\n"
    assert geography_problems(site_config, text) == [
        "4:3: 'Ontario' is given twice (also on line 2)"
    ]


def test_name_lists_must_be_lists(site_config: Path) -> None:
    # A bare name was read letter by letter: "Jordan" made J, o, r, d, a, n person names.
    text = "person_names: Jordan\nstopwords:\n  Split: yes\n"
    assert geography_problems(site_config, text) == [
        "1: 'person_names' must be a list of names, e.g. [Jordan, Chad]",
        "2: 'stopwords' must be a list of names, e.g. [Jordan, Chad]",
    ]


def test_explain_knows_a_story_by_its_published_id_after_a_correction(
    tmp_path: Path, site_config: Path
) -> None:
    # A typo fixed in a dump's opening words changes the story's hash, yet the story keeps
    # its page, its id and its curation.yml entry: explain must find it under that id too
    # (it used to fail on the curation entry: "no article has id ...").
    dumps, out, generate = sample_with_fixed_typo(tmp_path, site_config)
    assert run(*generate).returncode == 0
    explain = ("explain", "--dumps", str(dumps), "--config", str(site_config), "--out", str(out))
    result = run(*explain, "--id", "f20669886f07")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("f20669886f07  ")


def test_explain_reads_a_new_dump_beside_the_archives_curation(tmp_path: Path) -> None:
    # site_config/curation.yml names the sample's stories; a curator trying a new dump
    # before adding it to dumps/ still gets the explanation, not an error about those ids.
    new = tmp_path / "new.txt"
    new.write_text(
        "Flood waters rose in Jakarta on Monday, forcing thousands of residents from their "
        "homes as rescue teams in boats searched the worst-hit districts of the Indonesian "
        "capital.\n",
        encoding="utf-8",
    )
    result = run("explain", "--dumps", str(new))
    assert result.returncode == 0, result.stderr
    assert "countries: ID" in result.stdout
    assert "'Jakarta' lead" in result.stdout
