"""The curator's templates: what they see of site_config, and their errors."""

from __future__ import annotations

import dataclasses

import pytest

from generator.cache import page_fingerprint
from generator.config import Topic
from generator.errors import ConfigError
from generator.render import templates


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
