"""Evaluate classify on hand-labelled sets, the sample dump and (optionally) Wikinews.

    python tests/eval/classification.py [--dev FILE] [--test FILE] [--test2 FILE]
                                        [--test3 FILE] [--only SET|tuning]
                                        [--corpus wikinews.jsonl]

Each labelled line is {"id", "text", "primary_topic", "topics", "focus_country", "countries"}
with IPTC qcodes and ISO 3166-1 alpha-2 codes; every line is validated before use. Each text
goes through the real extract and classify stages, as one dump line would. Prints primary-topic
accuracy, topic F1, focus-country accuracy, country F1, the confusions and the throughput of
extract + classify on one core (after a warm-up).

Tuning sets (dev, and test and test2, which were measured and studied in earlier rounds, so
they are no longer held out) come first; the held-out set (test3) is printed apart, after
them. `--only tuning` skips the held-out set while the classifier is being tuned.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.build import gazetteer_for, plan  # noqa: E402
from generator.classify import classify  # noqa: E402
from generator.classify.topics import find_topics  # noqa: E402
from generator.classify.wordmodel import NO_MODEL, WordModel, model_from_json  # noqa: E402
from generator.config import SiteConfig, load_config  # noqa: E402
from generator.extract import extract  # noqa: E402
from generator.model import Dump, DumpMeta, Span  # noqa: E402
from tests.eval import place_tags  # noqa: E402
from tests.eval.train_topic_model import half, read_rows, train  # noqa: E402

DATA = ROOT / "tests" / "eval" / "data"
SAMPLE = ROOT / "dumps" / "000_9d3f2b9905a01c03.txt"
SAMPLE_TRUTH = [
    # the sample's stories as a careful reader files them:
    # (first line, primary topic, topics, focus, countries)
    (1, "politics", ("politics", "conflict"), "JP", ("JP", "TW", "US")),
    (16, "politics", ("politics", "crime-law"), "TW", ("TW", "CN", "RU")),
    (17, "disaster", ("disaster", "human-interest"), "JP", ("JP", "TW")),
    (18, "politics", ("politics", "crime-law", "arts-culture"), "TW", ("TW", "CN")),
    (19, "conflict", ("conflict", "politics"), "US", ("US", "CN", "TW")),
]
FIELDS = {"id", "text", "primary_topic", "topics", "focus_country", "countries"}
THROUGHPUT_ROUNDS = 5
TUNING = ("dev", "test", "test2")
HELD_OUT = "test3"


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    primary: str
    topics: tuple[str, ...]
    focus: str
    countries: tuple[str, ...]


def load(path: Path, qcodes: set[str]) -> list[Item]:
    """Read and validate a labelled set; stop with `file:line: what` on the first bad line."""
    codes = {c.alpha_2 for c in pycountry.countries}
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        problems = [f"missing {k}" for k in sorted(FIELDS - set(row))]
        problems += [f"unknown topic {q}" for q in row.get("topics", []) if q not in qcodes]
        problems += [f"unknown country {c}" for c in row.get("countries", []) if c not in codes]
        if not problems and row["topics"][0] != row["primary_topic"]:
            problems.append("topics must start with primary_topic")
        if not problems and row["countries"][:1] != [row["focus_country"]]:
            problems.append("countries must start with focus_country")
        if problems:
            sys.exit(f"{path}:{number}: {'; '.join(problems)}")
        items.append(
            Item(
                row["id"],
                row["text"],
                row["primary_topic"],
                tuple(row["topics"]),
                row["focus_country"],
                tuple(row["countries"]),
            )
        )
    return items


def article_of(item: Item):
    dump = Dump(name=item.id, path=Path(item.id), meta=DumpMeta(), lines=(item.text,))
    return extract(Span(dump=dump, first=1, last=1))


def f1(gold: Iterable[tuple[str, ...]], pred: Iterable[tuple[str, ...]]) -> float:
    """Micro-averaged F1 over the label sets of every item."""
    tp = fp = fn = 0
    for g, p in zip(gold, pred, strict=True):
        tp += len(set(g) & set(p))
        fp += len(set(p) - set(g))
        fn += len(set(g) - set(p))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def evaluate(name: str, items: list[Item], config: SiteConfig, gazetteer) -> None:
    articles = [article_of(i) for i in items]
    results = [classify(a, config, gazetteer) for a in articles]  # also the warm-up
    started = time.process_time()
    for _ in range(THROUGHPUT_ROUNDS):
        for item in items:
            classify(article_of(item), config, gazetteer)
    seconds = time.process_time() - started
    pred_topics = [r.iptc for r in results]
    pred_countries = [r.countries for r in results]
    n = len(items)
    primary = sum(bool(p) and p[0] == i.primary for i, p in zip(items, pred_topics, strict=True))
    focus = sum(bool(p) and p[0] == i.focus for i, p in zip(items, pred_countries, strict=True))
    print(f"== {name}: {n} items")
    print(f"primary topic accuracy  {primary / n:6.1%}  ({primary}/{n})")
    print(f"topic F1 (micro)        {f1([i.topics for i in items], pred_topics):6.3f}")
    print(f"focus country accuracy  {focus / n:6.1%}  ({focus}/{n})")
    print(f"country F1 (micro)      {f1([i.countries for i in items], pred_countries):6.3f}")
    print(
        f"throughput              {THROUGHPUT_ROUNDS * n / seconds:6.0f} articles/s "
        "(extract + classify, one core, CPU time)"
    )
    slug = {t.qcode: t.slug for t in config.topics}
    topic_conf = Counter(
        (slug[i.primary], slug.get(p[0], "-") if p else "-")
        for i, p in zip(items, pred_topics, strict=True)
        if not p or p[0] != i.primary
    )
    place_conf = Counter(
        (i.focus, p[0] if p else "-")
        for i, p in zip(items, pred_countries, strict=True)
        if not p or p[0] != i.focus
    )
    print(
        "topic confusions (gold -> predicted, count): "
        + ", ".join(f"{g}->{p} {c}" for (g, p), c in topic_conf.most_common())
        or "none"
    )
    print(
        "focus confusions (gold -> predicted, count): "
        + ", ".join(f"{g}->{p} {c}" for (g, p), c in place_conf.most_common())
        or "none"
    )
    if "--verbose" in sys.argv and not name.startswith(HELD_OUT):  # never list held-out misses
        for i, t, c in zip(items, pred_topics, pred_countries, strict=True):
            if (t[:1] != (i.primary,)) or (c[:1] != (i.focus,)):
                print(
                    f"  {i.id}: topic {slug[i.primary]}->{[slug[q] for q in t]} "
                    f"focus {i.countries}->{list(c)} | {i.text[:110]}"
                )


def sample(config: SiteConfig) -> None:
    articles = {a.first_source.first: a for a in plan(SAMPLE, config).articles}
    print(f"== sample dump {SAMPLE.name} (as a careful reader files it)")
    for first, primary, topics, focus, countries in SAMPLE_TRUTH:
        a = articles.get(first)
        if a is None:
            print(f"line {first:>2}: no article starts here")
            continue
        ok = "ok " if a.topics[:1] == (primary,) and a.countries[:1] == (focus,) else "MISS"
        print(
            f"line {first:>2}: {ok} topics {list(a.topics)} (expected {list(topics)}), "
            f"countries {list(a.countries)} (expected {list(countries)})"
        )


POLITICS = {"politics", "conflict"}
GOLD_OF = {"Politics and conflicts": "politics", "Economy and business": "economy"}


def wikinews(path: Path, config: SiteConfig, gazetteer) -> None:
    """Politics-and-conflicts vs economy-and-business, as Wikinews's own categories say, and
    the focus country against the stories' place tags (tests/eval/place_tags.py).

    The shipped word model was trained on this corpus, so the whole-corpus figures are not
    held out; the second block trains the same model on one half and measures the other."""
    rows = read_rows(path)
    stories = [(gold, row) for row in rows if (gold := _one_category(row))]
    articles = [_article(row, path) for _, row in stories]
    golds = [gold for gold, _ in stories]
    print(f"== Wikinews {path.name}: {len(stories)} stories with exactly one of the two categories")
    print("shipped model (trained on this corpus: not held out):")
    _politics_vs_economy(golds, articles, config, None)
    half_model = model_from_json(train([r for r in rows if half(r["id"]) == 0], config))
    other = [i for i, (_, row) in enumerate(stories) if half(row["id"]) == 1]
    for label, model in (
        ("lexicon only", NO_MODEL),
        ("model trained on the other half", half_model),
    ):
        print(f"half 1 ({len(other)} stories), {label}:")
        _politics_vs_economy([golds[i] for i in other], [articles[i] for i in other], config, model)
    started = time.process_time()
    for article in articles:
        classify(article, config, gazetteer)
    seconds = time.process_time() - started
    words = sum(len(" ".join(a.paragraphs).split()) for a in articles) / len(articles)
    print(
        f"throughput on these stories (mean {words:.0f} words): "
        f"{len(articles) / seconds:.0f} articles/s (classify, one core, CPU time)"
    )
    place_tags.report(
        place_tags.tagged(rows),
        lambda story: (
            classify(
                _article({"id": story.id, "text": story.text}, path), config, gazetteer
            ).countries
        ),
    )


def _one_category(row: dict) -> str | None:
    golds = {GOLD_OF[c] for c in row.get("categories", []) if c in GOLD_OF}
    return golds.pop() if len(golds) == 1 else None


def _article(row: dict, path: Path):
    dump = Dump(name=row["id"], path=path, meta=DumpMeta(), lines=(row["text"],))
    return extract(Span(dump=dump, first=1, last=1))


def _politics_vs_economy(golds, articles, config: SiteConfig, model: WordModel | None) -> None:
    table: Counter[tuple[str, str]] = Counter()
    forced = 0
    for gold, article in zip(golds, articles, strict=True):
        result = find_topics(article, config.topics, model)
        first = result.topics[0].slug if result.topics else "-"
        table[(gold, "politics" if first in POLITICS else first)] += 1
        pol = sum(result.scores.get(s, 0.0) for s in POLITICS)
        guess = "politics" if pol >= result.scores.get("economy", 0.0) else "economy"
        forced += guess == gold
    for gold in ("politics", "economy"):
        row = {p: c for (g, p), c in table.items() if g == gold}
        n = sum(row.values())
        hit = row.get(gold, 0)
        spread = ", ".join(f"{p} {c}" for p, c in sorted(row.items(), key=lambda kv: -kv[1])[:6])
        label = "politics or conflict" if gold == "politics" else gold
        print(f"  {gold:>9}: primary topic is {label} for {hit}/{n} = {hit / n:.1%}; {spread} ...")
    total = len(golds)
    print(f"  forced choice politics-vs-economy by score: {forced}/{total} = {forced / total:.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DATA / "classify_dev.jsonl")
    parser.add_argument("--test", type=Path, default=DATA / "classify_test.jsonl")
    parser.add_argument("--test2", type=Path, default=DATA / "classify_test2.jsonl")
    parser.add_argument("--corpus", type=Path, help="Wikinews JSONL with a `categories` field")
    parser.add_argument("--test3", type=Path, default=DATA / "classify_test3.jsonl")
    parser.add_argument(
        "--only",
        choices=[*TUNING, HELD_OUT, "tuning"],
        help="evaluate one set only, or the tuning sets only",
    )
    parser.add_argument("--verbose", action="store_true", help="list every miss of the tuning sets")
    args = parser.parse_args()
    config = load_config(ROOT / "site_config")
    gazetteer = gazetteer_for(config)
    qcodes = {t.qcode for t in config.topics}
    print("######## tuning sets (dev; test and test2 were measured before: not held out)")
    for name in TUNING:
        if args.only in (None, "tuning", name):
            items = load(getattr(args, name), qcodes)
            evaluate(f"{name} ({getattr(args, name).name})", items, config, gazetteer)
    sample(config)
    if args.only in (None, HELD_OUT):
        print("######## held out (never tuned on)")
        items = load(args.test3, qcodes)
        evaluate(f"{HELD_OUT} ({args.test3.name})", items, config, gazetteer)
    if args.corpus:
        wikinews(args.corpus, config, gazetteer)


if __name__ == "__main__":
    main()
