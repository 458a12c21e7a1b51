"""Fit the run-shape boundary model: `python tests/eval/segment_train.py CORPUS`.

Reads only the corpus's dev split, builds run and mix dumps, walks them with the gold answer to
collect gap features (generator.segment.features), fits an L2-regularised logistic regression by
Newton's method (pure Python: 15 features), picks the threshold that maximises run-shape span F1
on separate dev dumps, and writes generator/data/segment_weights.json.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from generator import segment as seg
from tests.eval.segment_dumps import (
    build,
    load,
)
from tests.eval.segmentation import SEED, score

TRAIN_DUMPS = 700
FIRST_PASS_THRESHOLD = 0.2
"""The first pass over-segments on purpose; the second pass, seeing whole stories, rejoins."""
L2 = 1.0
"""Ridge penalty: keeps weights of rare cues (datelines) from running away."""
WEIGHTS = Path(__file__).resolve().parents[2] / "generator" / "data" / "segment_weights.json"


def collect(dumps) -> tuple[list[tuple[float, ...]], list[int]]:
    rows: list[tuple[float, ...]] = []
    labels: list[int] = []
    for built in dumps:
        starts = {first for first, _ in built.gold}

        def oracle(number: int, values: tuple[float, ...], starts=starts) -> bool:
            rows.append(values)
            labels.append(int(number in starts))
            return number in starts

        seg.walk(built.dump.lines, oracle)
    return rows, labels


def collect_pairs(dumps, gap: seg.Model) -> tuple[list[tuple[float, ...]], list[int]]:
    rows: list[tuple[float, ...]] = []
    labels: list[int] = []
    for built in dumps:
        starts = {first for first, _ in built.gold}

        def oracle(number: int, values: tuple[float, ...], starts=starts) -> bool:
            rows.append(values)
            labels.append(int(number in starts))
            return number in starts

        groups, _ = seg.walk(built.dump.lines, gap.decide)
        seg.rejoin(groups, oracle)
    return rows, labels


def fit(rows: list[tuple[float, ...]], labels: list[int]) -> list[float]:
    """Newton-Raphson for logistic regression; the last weight is the bias."""
    d = len(rows[0]) + 1
    xs = [(*r, 1.0) for r in rows]
    w = [0.0] * d
    for _ in range(25):
        grad = [L2 * wi for wi in w[:-1]] + [0.0]
        hess = [[(L2 if i == j and i < d - 1 else 0.0) for j in range(d)] for i in range(d)]
        for x, y in zip(xs, labels, strict=True):
            z = max(-30.0, min(30.0, sum(a * b for a, b in zip(w, x, strict=True))))
            p = 1 / (1 + math.exp(-z))
            g, h = p - y, p * (1 - p)
            for i in range(d):
                grad[i] += g * x[i]
                hi = h * x[i]
                row = hess[i]
                for j in range(i, d):
                    row[j] += hi * x[j]
        for i in range(d):
            for j in range(i):
                hess[i][j] = hess[j][i]
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [[*row[:], b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col and m[col][col]:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def _show(names: tuple[str, ...], w: list[float]) -> None:
    for name, value in zip(names, w, strict=False):
        print(f"  {name:20} {value:+.3f}")
    print(f"  {'bias':20} {w[-1]:+.3f}")


def _table(names: tuple[str, ...], w: list[float], threshold: float) -> dict[str, object]:
    return {
        "features": list(names),
        "weights": [round(x, 4) for x in w[:-1]],
        "bias": round(w[-1], 4),
        "threshold": threshold,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args()
    sources = load(args.corpus, "dev", SEED)
    rng = random.Random(SEED + 1)
    train = [build(s, sources, rng, n) for n in range(TRAIN_DUMPS) for s in ("run", "mix", "page")]
    rows, labels = collect(train)
    print(f"first pass: {len(rows)} gaps, {sum(labels)} boundaries")
    w = fit(rows, labels)
    _show(seg.FEATURES, w)
    gap = seg.Model(weights=tuple(w[:-1]), bias=w[-1], threshold=FIRST_PASS_THRESHOLD)
    pair_rows, pair_labels = collect_pairs(train, gap)
    print(f"second pass: {len(pair_rows)} candidate starts, {sum(pair_labels)} true")
    v = fit(pair_rows, pair_labels)
    _show(seg.PAIR_FEATURES, v)
    tune = [build("run", sources, rng, n) for n in range(300)]
    tune += [build("mix", sources, rng, n) for n in range(200)]
    tune += [build("page", sources, rng, n) for n in range(200)]
    best = (0.0, 0.5, 0.5)
    for t1 in (0.3, 0.4):
        for t2 in (0.5, 0.6):
            seg._MODEL = seg.Model(weights=tuple(w[:-1]), bias=w[-1], threshold=t1)
            seg._JOIN = seg.Model(weights=tuple(v[:-1]), bias=v[-1], threshold=t2)
            f1 = score(tune).f1
            print(f"  thresholds {t1:.2f} {t2:.2f}: run+mix+page F1 {f1:.3f}")
            best = max(best, (f1, t1, t2))
    model = {
        "trained": f"tests/eval/segment_train.py, dev split, seed {SEED}",
        "gap": _table(seg.FEATURES, w, best[1]),
        "join": _table(seg.PAIR_FEATURES, v, best[2]),
    }
    WEIGHTS.write_text(json.dumps(model, indent=1) + "\n", "utf-8")
    print(f"wrote {WEIGHTS} (thresholds {best[1]}, {best[2]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
