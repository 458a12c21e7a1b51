"""The GitHub Pages workflow: what must hold for a push to main to publish the site.

It cannot run here (no GitHub runner), so this reads it the way a reviewer would."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return workflow["jobs"][job]["steps"]


def step_using(workflow: dict[str, Any], job: str, action: str) -> dict[str, Any]:
    (found,) = [s for s in steps(workflow, job) if s.get("uses", "").startswith(action + "@")]
    return found


def test_runs_on_push_to_main(workflow) -> None:
    assert workflow[True]["push"]["branches"] == ["main"]


def test_may_deploy_to_pages(workflow) -> None:
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_sets_up_the_projects_python(workflow) -> None:
    python = step_using(workflow, "build", "actions/setup-python")
    assert python["with"]["python-version"] == "3.11"
    assert "python3.11" in (ROOT / "Makefile").read_text(encoding="utf-8")


def caches(workflow: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The build's cache steps by the first path each keeps."""
    found = [s for s in steps(workflow, "build") if s.get("uses", "").startswith("actions/cache@")]
    return {s["with"]["path"].split()[0]: s for s in found}


def test_caches_dependencies_keyed_on_the_lock_file(workflow) -> None:
    cache = caches(workflow)["~/.cache/uv"]
    assert "hashFiles('uv.lock'" in cache["with"]["key"]
    assert "steps.python.outputs.python-version" in cache["with"]["key"]


def test_keeps_the_story_and_page_caches_between_builds(workflow) -> None:
    cache = caches(workflow)[".cache"]
    assert "github.run_id" in cache["with"]["key"]  # saved after every build
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"].strip())
    order = [
        s.get("run") or s.get("with", {}).get("path", "-").split()[0]
        for s in steps(workflow, "build")
    ]
    assert order.index(".cache") < order.index("make build")


def test_builds_with_make_for_the_pages_address(workflow) -> None:
    names = [s.get("uses", s.get("run", "")).split("@")[0] for s in steps(workflow, "build")]
    assert names.index("actions/configure-pages") < names.index("make build")
    build = next(s for s in steps(workflow, "build") if s.get("run") == "make build")
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    pages = step_using(workflow, "build", "actions/configure-pages")
    assert pages["id"] == "pages"
    assert names[-1] == "actions/upload-pages-artifact"
    assert step_using(workflow, "build", "actions/upload-pages-artifact")["with"]["path"] == "site"


def test_builds_only_what_passed_the_tests(workflow) -> None:
    # without it a push to main that failed `make test` was published all the same
    assert workflow["jobs"]["test"]["uses"] == "./.github/workflows/test.yml"
    assert workflow["jobs"]["build"]["needs"] == "test"
    tests = yaml.safe_load((WORKFLOW.parent / "test.yml").read_text(encoding="utf-8"))
    assert "workflow_call" in tests[True]
    assert tests["jobs"]["test"]["steps"][-1]["run"] == ".ci/run"
    # and only that once: the Tests workflow's own run on a push to main would repeat them
    assert tests[True]["push"]["branches-ignore"] == ["main"]
    assert "pull_request" in tests[True]


def test_deploys_after_the_build(workflow) -> None:
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert step_using(workflow, "deploy", "actions/deploy-pages")["id"] == "deployment"


USES = re.compile(r"^\s*-?\s*uses:\s*(\S+)(.*)$", re.MULTILINE)


@pytest.mark.parametrize("name", ["pages.yml", "test.yml"])
def test_every_action_is_pinned_to_a_commit(name: str) -> None:
    # A tag such as `@v4` can be moved to other code by whoever controls the action's
    # repository; a commit cannot. The comment keeps the version readable for updates.
    text = (WORKFLOW.parent / name).read_text(encoding="utf-8")
    found = USES.findall(text)
    assert found, f"{name} uses no actions"
    for action, rest in found:
        if action.startswith("./"):  # a workflow of this repository: the commit pins it
            continue
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", rest), f"{action}: no version comment"
