"""`make deploy` from a laptop: a throwaway copy of the repository with a bare `origin`
receives the built site on its gh-pages branch, addressed for the fork's own SITE_URL."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.site

FORK_URL = "https://someone.github.io/their-digest/"
FILES = ("Makefile", "mkdocs.yml", "pyproject.toml", "uv.lock")
FOLDERS = ("dumps", "generator", "site_config")


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def fork(tmp_path: Path) -> Path:
    """A copy of the repository in its own git repo whose origin is a bare repo beside it."""
    repo = tmp_path / "fork"
    repo.mkdir()
    for name in FILES:
        shutil.copy2(ROOT / name, repo / name)  # copy2 keeps mtimes: make sees nothing stale
    for name in FOLDERS:
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    git(tmp_path, "init", "--quiet", "--bare", "origin.git")
    git(repo, "init", "--quiet", "--initial-branch", "main")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "fork")
    git(repo, "remote", "add", "origin", str(tmp_path / "origin.git"))
    return repo


def test_make_deploy_pushes_the_site_for_the_forks_address(fork: Path) -> None:
    result = subprocess.run(
        # The repository's own environment stands in for the fork's (same lock file).
        ["make", "deploy", f"VENV={ROOT / '.venv'}", f"UV={ROOT / '.tools/bin/uv'}"],
        cwd=fork,
        env={**os.environ, "SITE_URL": FORK_URL},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Publishing for {FORK_URL}" in result.stdout
    origin = fork.parent / "origin.git"
    published = git(origin, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert "index.html" in published
    assert (
        "articles/2025/07/former-japanese-minister-calls-on-japan-taiwan-and-other/index.html"
        in (published)
    )
    not_found = git(origin, "show", "gh-pages:404.html")
    assert 'href="/their-digest/assets/news.css"' in not_found
    assert f"<loc>{FORK_URL}</loc>" in git(origin, "show", "gh-pages:sitemap.xml")
