"""Shared fixtures: the repository's real site_config and small dumps written per test."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from generator.build import gazetteer_for
from generator.classify.places import Gazetteer
from generator.config import SiteConfig, load_config
from generator.extract import extract
from generator.model import Article, Dump, DumpMeta, Span

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"

# Property tests check behaviour, not speed: hypothesis' per-example deadline (200 ms) is a
# timing assertion that fails on a loaded CI machine (it did once in test_curate).
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator ARGS` from the repository root, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


@dataclass(frozen=True, slots=True)
class Process:
    """What /proc/<pid>/stat tells of a process."""

    pid: str
    state: str
    parent: str
    group: str


def processes() -> Iterator[Process]:
    """Every process of the machine (Linux's /proc) that is still there when read."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # gone meanwhile
            continue
        yield Process(stat.parent.name, fields[0], fields[1], fields[2])


def children_of(pid: int) -> list[str]:
    """The processes whose parent is `pid`, whichever of its threads started them."""
    return [p.pid for p in processes() if p.parent == str(pid)]


def sample_with_fixed_typo(tmp_path: Path, config: Path) -> tuple[Path, Path, tuple[str, ...]]:
    """The sample published (`generate --no-cache`) from a copy of dumps/ into tmp_path,
    then a typo fixed in its first story's opening words, which changes that story's hash
    (the page and the curation entry must survive it); -> the dumps, the content tree and
    the generate arguments."""
    dumps, out = tmp_path / "dumps", tmp_path / "content"
    shutil.copytree(ROOT / "dumps", dumps)
    generate = ("generate", "--dumps", str(dumps), "--out", str(out), "--no-cache")
    generate += ("--config", str(config))
    assert run_cli(*generate).returncode == 0
    dump = next(dumps.glob("*.txt"))
    text = dump.read_text(encoding="utf-8")
    assert "A former Japanese minister" in text.splitlines()[0]
    dump.write_text(text.replace("A former Japanese minister", "A former Japanese ministre", 1))
    return dumps, out, generate


def run_cli_unprivileged(*args: str) -> subprocess.CompletedProcess[str]:
    """`run_cli`, but file permissions bind the run even when tests run as root: it drops
    the capabilities that let root read and write any file (chmod 000 means nothing to
    them), through capsh (Debian's libcap2-bin, which .ci/run installs)."""
    command = [sys.executable, "-m", "generator", *args]
    if os.geteuid() == 0:
        assert shutil.which("capsh"), "as root, these tests need capsh (libcap2-bin)"
        drop = "--drop=cap_dac_override,cap_dac_read_search"
        command = ["capsh", drop, "--", "-c", shlex.join(command)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def config() -> SiteConfig:
    # Without curation.yml: its decisions name articles of dumps/, not of the tests' dumps.
    return load_config(ROOT / "site_config", site_url="https://example.org/digest/", curation=False)


@pytest.fixture(scope="session")
def gazetteer(config: SiteConfig) -> Gazetteer:
    return gazetteer_for(config)


def one_line_article(text: str, source: str | None = None) -> Article:
    """One dump line through the real extract stage, as the pipeline reads it."""
    dump = Dump(name="t.txt", path=Path("t.txt"), meta=DumpMeta(source=source), lines=(text,))
    return extract(Span(dump=dump, first=1, last=1))


@pytest.fixture
def uncurated_config(tmp_path: Path) -> Path:
    """A copy of site_config/ with an empty curation.yml, for CLI runs over the tests' own
    dumps (the repository's curation names the sample's stories)."""
    folder = shutil.copytree(ROOT / "site_config", tmp_path / "uncurated_config")
    (folder / "curation.yml").write_text("articles: {}\n", encoding="utf-8")
    return folder


@pytest.fixture
def write_dump(tmp_path: Path):
    """Write a dump file (text or bytes) into a fresh dumps folder and return its path."""

    def _write(name: str, content: str | bytes, meta: str | None = None) -> Path:
        folder = tmp_path / "dumps"
        folder.mkdir(exist_ok=True)
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        if meta is not None:
            (folder / f"{path.stem}.meta.yml").write_text(meta, encoding="utf-8")
        return path

    return _write
