"""Decode: the dynamic programme that picks story starts among the model's candidate gaps."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.segment import LengthPrior, Unit, choose_starts
from generator.segment.cohesion import prepare

_PARAGRAPH = prepare("The council met on Monday and approved the budget for next year.")
_FLAT = LengthPrior(complete=(0.0,) * 5, cut=(0.0,) * 5, weight=1.0, bonus=0.0)
"""No length preference: decoding keeps exactly the gaps the model rates above 0.5."""
_NO_SINGLES = LengthPrior(
    complete=(-6.0, -1.0, -1.0, -1.0, -1.0), cut=(-1.0,) * 5, weight=1.0, bonus=1.0
)
"""One-paragraph complete stories are rare; every other length is as likely as the next."""


def _units(verdicts: list[bool | float]) -> list[Unit]:
    return [
        Unit(number=n, paragraph=_PARAGRAPH, verdict=v) for n, v in enumerate(verdicts, start=1)
    ]


def test_without_a_length_preference_the_likely_gaps_open_stories() -> None:
    starts = choose_starts(_units([True, 0.1, 0.9, 0.3, 0.7, 0.05]), _FLAT)
    assert starts == [True, False, True, False, True, False]


def test_a_lone_last_paragraph_stays_with_its_story() -> None:
    # gap 4 looks new (0.7) but the next gap is a clear start: story of one paragraph
    starts = choose_starts(_units([True, 0.01, 0.1, 0.7, 0.99, 0.01, 0.01]), _NO_SINGLES)
    assert starts == [True, False, False, False, True, False, False]


def test_a_rule_verdict_is_never_overridden() -> None:
    starts = choose_starts(_units([True, 0.99, False, True, 0.01]), _NO_SINGLES)
    assert starts[2] is False and starts[3] is True


@given(
    st.lists(
        st.one_of(st.booleans(), st.floats(min_value=0.0, max_value=1.0)),
        min_size=1,
        max_size=40,
    ),
    st.sampled_from([_FLAT, _NO_SINGLES]),
)
def test_decoding_keeps_every_rule_and_the_first_line(verdicts, prior) -> None:
    verdicts[0] = True
    starts = choose_starts(_units(verdicts), prior)
    assert starts[0]
    for verdict, start in zip(verdicts, starts, strict=True):
        if isinstance(verdict, bool):
            assert start is verdict
