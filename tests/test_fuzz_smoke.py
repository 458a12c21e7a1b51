"""The fuzz driver itself keeps working: a few of its inputs through the same pipeline.

`make fuzz N=10000` is the real run (minutes); this keeps the driver in step with the
pipeline's signatures so that a refactor cannot silently break it.
"""

from __future__ import annotations

from pathlib import Path

from generator.build import gazetteer_for
from tests.fuzz.fuzz import make_input, run_one

INPUTS = 40


def test_fuzz_inputs_run_through_the_pipeline(tmp_path: Path, config) -> None:
    gazetteer = gazetteer_for(config)
    outcomes = []
    for index in range(INPUTS):
        path = tmp_path / "2025-12-10_fuzz.txt"
        path.write_bytes(make_input(seed=7, index=index))
        outcomes.append(run_one(path, config, gazetteer)[0])
    assert set(outcomes) <= {"ok", "refused", "empty"}
    assert outcomes.count("ok") >= INPUTS // 2, outcomes
