"""Segmentation errors in detail: `python tests/eval/segment_errors.py CORPUS [--show N]`.

Dev split only (tuning must never read test). Counts false and missed story starts of one shape
by where they fall (paragraphs from the true article's start and end, article length) and prints
the paragraphs around the first N of each, to read what the model gets wrong.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from generator.segment import segment
from tests.eval.segment_dumps import SHAPES, build_all, load
from tests.eval.segmentation import SEED


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--shape", choices=SHAPES, default="run")
    parser.add_argument("--per-shape", type=int, default=1000)
    parser.add_argument("--show", type=int, default=0, help="print context of this many errors")
    args = parser.parse_args(argv)
    sources = load(args.corpus, "dev", SEED)
    built = build_all(sources, args.per_shape, random.Random(SEED).randrange(2**32))[args.shape]
    false, missed = Counter(), Counter()
    shown = 0
    for b in built:
        lines = b.dump.lines
        gold_starts = {first for first, _ in b.gold}
        spans = segment(b.dump).spans
        pred_starts = {s.first for s in spans}
        for first, last in b.gold:
            body = [n for n in range(first, last + 1) if lines[n - 1].strip()]
            for n in body[1:]:
                if n in pred_starts:
                    index = body.index(n)
                    false[(f"from_end={len(body) - index}", f"len={min(len(body), 9)}")] += 1
            if first not in pred_starts:
                missed[(f"len={min(len(body), 9)}",)] += 1
        for n in sorted((pred_starts - gold_starts) | (gold_starts - pred_starts)):
            if shown >= args.show:
                break
            shown += 1
            kind = "FALSE START" if n in pred_starts else "MISSED START"
            print(f"=== {b.dump.name}:{n} {kind}")
            for m in range(max(1, n - 3), min(len(lines), n + 3) + 1):
                mark = "G" if m in gold_starts else " "
                mark += "P" if m in pred_starts else " "
                print(f"{mark} {m:3} {lines[m - 1][:300]}")
    print("false starts inside gold articles (paragraphs from end, article length):")
    for key, count in sorted(false.items()):
        print(f"  {' '.join(key):24} {count}")
    print(f"  total {sum(false.values())}")
    print("missed starts by article length:")
    for key, count in sorted(missed.items()):
        print(f"  {' '.join(key):24} {count}")
    print(f"  total {sum(missed.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
