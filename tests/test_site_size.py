"""The built site held against GitHub Pages' size limit before it is published
(generator/site_size.py, run by `make deploy` and the Pages workflow)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator import site_size
from generator.site_size import MB, PAGES_LIMIT_MB, SiteSize, main, measure, verdict
from tests.conftest import ROOT


def write(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)


def test_measure_counts_every_file_in_every_folder(tmp_path: Path) -> None:
    write(tmp_path / "index.html", 100)
    write(tmp_path / "articles" / "2025" / "07" / "a" / "index.html", 2_000)
    write(tmp_path / "pagefind" / "fragment" / "f.pf_fragment", 30)
    (tmp_path / "empty").mkdir()
    assert measure(tmp_path) == SiteSize(bytes=2_130, files=3)


def test_measure_does_not_follow_a_link_out_of_the_site(tmp_path: Path) -> None:
    site, outside = tmp_path / "site", tmp_path / "outside"
    write(site / "index.html", 10)
    write(outside / "big.bin", 50_000)
    (site / "linked").symlink_to(outside, target_is_directory=True)
    (site / "big.bin").symlink_to(outside / "big.bin")
    assert measure(site) == SiteSize(bytes=10, files=1)


def test_a_site_well_under_the_limit_gets_one_line(tmp_path, capsys) -> None:
    write(tmp_path / "site" / "index.html", 1_500_000)
    assert main([str(tmp_path / "site")]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.strip().endswith("1.5 MB in 1 file, under 1% of GitHub Pages' 1,000 MB limit")


def test_past_four_fifths_of_the_limit_it_warns_and_publishes(tmp_path, capsys) -> None:
    write(tmp_path / "site" / "index.html", 860_000)
    assert main([str(tmp_path / "site"), "--limit-mb", "1"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"warning: {(tmp_path / 'site').as_posix()}/: 0.9 MB in 1 file, 86%")
    assert "plan a host" in err


def test_past_the_limit_it_stops_the_publish(tmp_path, capsys) -> None:
    write(tmp_path / "site" / "index.html", 600_000)
    write(tmp_path / "site" / "b" / "index.html", 600_000)
    assert main([str(tmp_path / "site"), "--limit-mb", "1"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "error:" in err and "1.2 MB in 2 files, 120% of the host's 1 MB limit" in err
    assert "Traceback" not in err


def test_the_limit_itself_is_allowed_a_byte_more_is_not() -> None:
    at_limit = SiteSize(bytes=PAGES_LIMIT_MB * MB, files=1)
    assert verdict(at_limit, "site/").level == "warning"
    over = SiteSize(bytes=PAGES_LIMIT_MB * MB + 1, files=1)
    assert verdict(over, "site/").level == "error"
    under = SiteSize(bytes=int(PAGES_LIMIT_MB * MB * site_size.WARN_SHARE) - 1, files=1)
    assert verdict(under, "site/").level == "ok"


def test_in_a_workflow_the_warning_is_an_annotation(tmp_path, capsys, monkeypatch) -> None:
    write(tmp_path / "site" / "index.html", 1_200_000)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main([str(tmp_path / "site"), "--limit-mb", "1"]) == 1
    out, _ = capsys.readouterr()
    (annotation,) = out.splitlines()
    # `%` would start an escape in a workflow command's data
    assert annotation.startswith("::error title=Site size::")
    assert "120%25 of the host's 1 MB limit" in annotation


def test_a_missing_site_is_a_message_not_a_traceback(tmp_path, capsys) -> None:
    assert main([str(tmp_path / "nothing")]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"error: {(tmp_path / 'nothing').as_posix()}/: no built site here;" + (
        " run `make site` first"
    )


def test_a_site_without_its_home_page_is_not_published(tmp_path, capsys) -> None:
    # what a build cut short leaves: the search bundle and no page
    write(tmp_path / "site" / "pagefind" / "pagefind-entry.json", 100)
    assert main([str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"error: {(tmp_path / 'site').as_posix()}/: no index.html, not a " + (
        "whole site; run `make site`"
    )


def test_a_limit_of_nothing_is_a_usage_error(tmp_path) -> None:
    (tmp_path / "site").mkdir()
    with pytest.raises(SystemExit) as stopped:
        main([str(tmp_path / "site"), "--limit-mb", "0"])
    assert stopped.value.code == 2


def test_both_ways_of_publishing_check_the_size_first() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    deploy = makefile.split("\ndeploy:", 1)[1].split("\n\n", 1)[0]
    assert deploy.index("-m generator.site_size site") < deploy.index("ghp-import")
    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text("utf-8"))
    runs = [
        s.get("run") or s.get("uses", "").split("@")[0] for s in workflow["jobs"]["build"]["steps"]
    ]
    check = runs.index(".venv/bin/python -m generator.site_size site")
    assert runs.index("make build") < check < runs.index("actions/upload-pages-artifact")
