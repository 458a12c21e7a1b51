"""Run the generator stage by stage and print each stage's time as JSON (bench child process).

    python tests/bench/stages.py --dumps DIR --out DIR

Runs the same stages as generator/build.py, but one stage over all the input at a time so
each can be timed on its own. The output tree is the one `python -m generator generate`
writes (the bench checks that by regenerating with the CLI and expecting no file written).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

STARTED = time.perf_counter()

from generator.build import gazetteer_for  # noqa: E402  (import time counts as startup)
from generator.classify import classify  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.curate import curate  # noqa: E402
from generator.extract import extract  # noqa: E402
from generator.ingest import ingest  # noqa: E402
from generator.merge import merge  # noqa: E402
from generator.render import render  # noqa: E402
from generator.segment import segment  # noqa: E402
from generator.write import write  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dumps", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--config", type=Path, default=Path("site_config"))
    args = parser.parse_args()
    times: dict[str, float] = {}
    cpu: dict[str, float] = {}
    clock = [time.perf_counter(), time.process_time()]
    times["startup"] = clock[0] - STARTED
    cpu["startup"] = clock[1]

    def lap(stage: str) -> None:
        now = [time.perf_counter(), time.process_time()]
        times[stage] = now[0] - clock[0]
        cpu[stage] = now[1] - clock[1]
        clock[:] = now

    config = load_config(args.config)
    gazetteer = gazetteer_for(config)
    lap("config")
    dumps = ingest(args.dumps)
    lap("ingest")
    spans = [span for dump in dumps for span in segment(dump).spans]
    lap("segment")
    extracted = [extract(span) for span in spans]
    lap("extract")
    classified = [classify(article, config, gazetteer) for article in extracted]
    lap("classify")
    merged, _ = merge(classified)
    lap("merge")
    curated = curate(merged, config.curation, config.topics, gazetteer)
    lap("curate")
    pages = render(config, gazetteer, curated)
    lap("render")
    report = write(pages, args.out)
    lap("write")
    print(
        json.dumps(
            {
                "times": times,
                "cpu": cpu,
                "articles": len(curated),
                "pages": len(pages),
                "written": report.written,
            }
        )
    )


if __name__ == "__main__":
    main()
