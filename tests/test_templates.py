"""The curator's templates: what they see of site_config, and their errors."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from generator.cache import page_fingerprint
from generator.config import Topic
from generator.errors import ConfigError, Problem
from generator.render import templates
from tests.conftest import ROOT, run_cli


def _changed(value: object) -> object:
    if isinstance(value, str):
        return value + "x"
    assert isinstance(value, tuple) and isinstance(value[0], Topic)
    return (dataclasses.replace(value[0], description=value[0].description + "x"), *value[1:])


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(templates.TemplateSite)])
def test_everything_templates_see_of_the_site_is_in_the_page_fingerprint(config, name) -> None:
    """Else a run that reuses pages would miss an edit that a template shows."""
    value = getattr(config, name)
    edited = dataclasses.replace(config, **{name: _changed(value)})
    assert getattr(templates.template_site(edited), name) != getattr(
        templates.template_site(config), name
    )
    assert page_fingerprint(edited) != page_fingerprint(config)


def test_templates_see_the_topics_without_their_evidence(config) -> None:
    site = templates.template_site(config)
    assert [t.slug for t in site.topics] == [t.slug for t in config.topics]
    assert any(t.evidence for t in config.topics)
    assert not any(t.evidence for t in site.topics)


def test_an_error_of_the_generators_own_code_is_not_put_on_the_template(config) -> None:
    env = templates.environment(config)

    def broken(value: str) -> str:
        raise KeyError("a bug in a filter")

    env.filters["md"] = broken
    with pytest.raises(KeyError, match="a bug in a filter"):
        templates.fill(env, "home.md.j2", {"site": templates.template_site(config)})


def test_a_template_error_names_the_template_and_line(config) -> None:
    env = templates.environment(config)
    with pytest.raises(ConfigError) as raised:
        templates.fill(env, "home.md.j2", {})  # no `site`
    (problem,) = raised.value.problems
    assert problem.path == config.templates.resolve() / "home.md.j2"
    assert problem.line == 4 and "'site' is undefined" in problem.message


def _own_templates(config, tmp_path: Path):
    """The config with a copy of its templates folder, to break."""
    shutil.copytree(config.templates, tmp_path / "templates")
    return dataclasses.replace(config, root=tmp_path)


def _problem_of(config, name: str) -> Problem:
    env = templates.environment(config)
    with pytest.raises(ConfigError) as raised:
        templates.fill(env, name, {"site": templates.template_site(config)})
    (problem,) = raised.value.problems
    return problem


def test_a_missing_template_is_named(config, tmp_path) -> None:
    mine = _own_templates(config, tmp_path)
    (mine.templates / "home.md.j2").unlink()
    problem = _problem_of(mine, "home.md.j2")
    assert Path(problem.path).resolve() == (mine.templates / "home.md.j2").resolve()
    assert problem.line is None and "no such template" in problem.message


def test_an_error_in_an_included_template_is_told_at_its_own_line(config, tmp_path) -> None:
    mine = _own_templates(config, tmp_path)
    (mine.templates / "parts").mkdir()
    (mine.templates / "parts" / "x.j2").write_text("fine\n{{ nothing.here }}\n", "utf-8")
    home = mine.templates / "home.md.j2"
    home.write_text('{% include "parts/x.j2" %}\n' + home.read_text("utf-8"), "utf-8")
    problem = _problem_of(mine, "home.md.j2")
    assert Path(problem.path).resolve() == (mine.templates / "parts" / "x.j2").resolve()
    assert problem.line == 2 and "'nothing' is undefined" in problem.message


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("article.md.j2", '{{ "x" | long_date }}', "'long_date' takes a date, not 'x'"),
        ("home.md.j2", '{{ "3" | count }}', "'count' takes a number of stories, not '3'"),
        (
            "home.md.j2",
            "{{ link(5) }}",
            "'link' takes a content path such as 'topics/index.md', not 5",
        ),
    ],
)
def test_a_value_a_filter_cannot_take_is_the_templates_error(
    tmp_path: Path, name: str, line: str, message: str
) -> None:
    # The filter raised deep in the generator's code: a traceback, with the template's line
    # somewhere inside it.
    config = shutil.copytree(ROOT / "site_config", tmp_path / "site_config")
    template = config / "templates" / name
    text = template.read_text(encoding="utf-8")
    template.write_text(text + line + "\n", encoding="utf-8")
    out = str(tmp_path / "content")
    result = run_cli("generate", "--dumps", "dumps", "--out", out, "--config", str(config))
    assert result.returncode == 1
    at = text.count("\n") + 1
    assert result.stderr == f"error: {template}:{at}: template error: {message}\n"
