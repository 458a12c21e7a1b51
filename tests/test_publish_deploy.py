"""`make deploy` from a laptop: a throwaway copy of the repository with a bare `origin`
receives the built site on its gh-pages branch, addressed for the fork's own SITE_URL."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.repo_copy import copy_repository, make

pytestmark = pytest.mark.site

FORK_URL = "https://someone.github.io/their-digest/"


GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **GIT_IDENTITY}
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def fork(tmp_path: Path) -> Path:
    """A copy of the repository in its own git repo whose origin is a bare repo beside it."""
    repo = copy_repository(tmp_path / "fork")
    git(tmp_path, "init", "--quiet", "--bare", "origin.git")
    git(repo, "init", "--quiet", "--initial-branch", "main")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "fork")
    git(repo, "remote", "add", "origin", str(tmp_path / "origin.git"))
    return repo


def test_make_deploy_pushes_the_site_for_the_forks_address(fork: Path) -> None:
    result = make(fork, "deploy", SITE_URL=FORK_URL, **GIT_IDENTITY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Publishing for {FORK_URL}" in result.stdout
    assert "of GitHub Pages' 1,000 MB limit" in result.stdout  # measured before the push
    origin = fork.parent / "origin.git"
    assert f"gh-pages branch of origin: {origin}" in result.stdout  # where it goes, named
    published = git(origin, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert "index.html" in published
    assert ".nojekyll" in published
    story = "articles/2025/07/former-japanese-minister-calls-on-japan-taiwan-to-form/index.html"
    assert story in published
    not_found = git(origin, "show", "gh-pages:404.html")
    assert 'href="/their-digest/assets/news.css"' in not_found
    assert f"<loc>{FORK_URL}</loc>" in git(origin, "show", "gh-pages:sitemap.xml")
