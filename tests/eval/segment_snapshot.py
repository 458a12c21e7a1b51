"""Segmentation snapshot: `python tests/eval/segment_snapshot.py CORPUS OUT [--split dev]`.

Writes the spans, the audit and a digest of the extracted articles of every built dump of every
shape, one dump per line, to OUT (a file outside the repository: it is derived from corpus text).
A pure speed-up must leave it byte-identical: diff the files written before and after the change.
Optionally profiles or times segment + extract of one shape (`--profile run`, `--time run`).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from generator.extract import extract
from generator.segment import segment
from tests.eval.segment_dumps import SHAPES, build_all, load
from tests.eval.segmentation import PER_SHAPE, SEED


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--profile", choices=SHAPES, help="cProfile segment+extract of a shape")
    parser.add_argument("--sort", default="tottime", help="pstats sort key")
    parser.add_argument("--time", choices=SHAPES, help="CPU-s of segment+extract, 5 runs")
    args = parser.parse_args(argv)
    sources = load(args.corpus, args.split, SEED)
    built = build_all(sources, PER_SHAPE, random.Random(SEED).randrange(2**32))
    # timing and profiling first, as segmentation.py times it: caches cold but for a warm-up
    for b in built[args.time or args.profile or "run"][:20]:
        segment(b.dump)
    if args.time:
        runs = []
        for _ in range(5):
            started = time.process_time()
            for b in built[args.time]:
                for span in segment(b.dump).spans:
                    extract(span)
            runs.append(time.process_time() - started)
        each = " ".join(f"{r:.3f}" for r in runs)
        print(f"{args.time}: cpu-s per run (first cold) {each}; min {min(runs):.3f}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for b in built[args.profile]:
            for span in segment(b.dump).spans:
                extract(span)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(30)
    with args.out.open("w", encoding="utf-8") as out:
        for shape in SHAPES:
            for number, b in enumerate(built[shape]):
                result = segment(b.dump)
                spans = " ".join(f"{s.first}-{s.last}" for s in result.spans)
                audit = " ".join(f"{a.ref.first}:{a.reason!r}" for a in result.audit)
                # extract's output too (hashed: the articles hold corpus text)
                articles = repr([extract(span) for span in result.spans]).encode("utf-8")
                digest = hashlib.blake2b(articles, digest_size=8).hexdigest()
                out.write(f"{shape} {number}\t{spans}\t{audit}\t{digest}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
