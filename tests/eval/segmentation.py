"""Segmentation evaluation: `python tests/eval/segmentation.py CORPUS [--split test]`.

Builds dumps of every shape (page, run, titled, mix) from corpus articles with a known gold
segmentation (tests/eval/segment_dumps.py), runs segment + extract on them and prints, per shape,
exact-span precision, recall and F1, Pk (Beeferman et al. 1999, over non-blank lines, k = half
the mean gold article length) and throughput (segment + extract, articles per CPU second).
The seed is fixed; tune on `dev`, report `test`.
Exits 1 when a shape misses the goal (F1 >= 0.95, Pk <= 0.05, >= 1,000 articles/s).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from generator.extract import extract
from generator.segment import segment
from tests.eval.segment_dumps import SHAPES, Built, build_all, load

SEED = 20251210
PER_SHAPE = 300
GOAL_F1 = 0.95
GOAL_PK = 0.05
GOAL_RATE = 1000.0


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f1: float
    pk: float
    articles: int
    rate: float


def spans_of(built: Built) -> list[tuple[int, int]]:
    return [(s.first, s.last) for s in segment(built.dump).spans]


def span_prf(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> tuple[int, int, int]:
    """Exact matches, predicted count, gold count."""
    return len(set(gold) & set(predicted)), len(predicted), len(gold)


def pk_counts(built: Built, predicted: list[tuple[int, int]]) -> tuple[int, int]:
    """Beeferman's Pk as (disagreements, probes) over the dump's non-blank lines."""
    lines = [n for n, line in enumerate(built.dump.lines, start=1) if line.strip()]
    gold = _labels(lines, list(built.gold))
    pred = _labels(lines, predicted)
    k = max(1, round(len(lines) / len(built.gold) / 2))
    errors = probes = 0
    for i in range(len(lines) - k):
        probes += 1
        errors += (gold[i] == gold[i + k]) != (pred[i] == pred[i + k])
    return errors, probes


def _labels(lines: list[int], spans: list[tuple[int, int]]) -> list[int]:
    """Which span holds each line; a line in no span is a segment of its own."""
    out = []
    for n in lines:
        owner = next((i for i, (a, b) in enumerate(spans) if a <= n <= b), -1 - n)
        out.append(owner)
    return out


def score(dumps: list[Built]) -> Score:
    for built in dumps[:20]:  # warm-up: import caches, regex compilation
        spans_of(built)
    # CPU time of this process: the figure must not depend on what else the machine runs
    started = time.process_time()
    for built in dumps:
        for span in segment(built.dump).spans:
            extract(span)
    seconds = time.process_time() - started
    hit = npred = ngold = errors = probes = 0
    for built in dumps:
        predicted = spans_of(built)
        h, p, g = span_prf(list(built.gold), predicted)
        hit, npred, ngold = hit + h, npred + p, ngold + g
        e, n = pk_counts(built, predicted)
        errors, probes = errors + e, probes + n
    precision, recall = hit / max(npred, 1), hit / max(ngold, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return Score(precision, recall, f1, errors / max(probes, 1), ngold, ngold / seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--per-shape", type=int, default=PER_SHAPE)
    args = parser.parse_args(argv)
    sources = load(args.corpus, args.split, SEED)
    built = build_all(sources, args.per_shape, random.Random(SEED).randrange(2**32))
    print(
        f"split={args.split} seed={SEED} corpus articles={len(sources)} "
        f"dumps/shape={args.per_shape}"
    )
    print(
        f"{'shape':8} {'P':>6} {'R':>6} {'F1':>6} {'Pk':>6} {'articles':>8} {'art/cpu-s':>10}  goal"
    )
    ok = True
    for shape in SHAPES:
        s = score(built[shape])
        met = s.f1 >= GOAL_F1 and s.pk <= GOAL_PK and s.rate >= GOAL_RATE
        ok &= met
        print(
            f"{shape:8} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.pk:6.3f} "
            f"{s.articles:8d} {s.rate:10.0f}  {'met' if met else 'MISSED'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
