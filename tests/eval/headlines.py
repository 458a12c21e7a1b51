"""Headline check: `python tests/eval/headlines.py CORPUS [--show N] [--seed S]`.

A story without a headline line is titled from its lead (`headline.compress_headline`). This
compresses the first sentence of every corpus article and counts the headlines a reader would
see as broken: those ending on a word that cannot close an English clause (an article, a
preposition, a conjunction, an auxiliary, a subject pronoun, `according`, `due`, ...), those
opening with a pronoun, and those left with fewer than four words. It prints the counts, the
commonest last words, and with `--show` a random sample of leads' headlines beside the
corpus's own titles (which read differently: Wikinews titles are written, not compressed).

The word lists here are the check's own, from English grammar; they are not the generator's.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from generator import text
from generator.headline import compress_headline

CANNOT_END = frozenset(
    (
        # articles, possessive and demonstrative determiners
        "a an the its their his her our my your this these those every each"
        # prepositions and conjunctions
        " of to in on at for with by from as than into over about against between among"
        " after before during under and or but nor so that which who whose whom whether if"
        " while because although though since until unless"
        # auxiliaries and modals
        " is are was were be been being has have had do does did will would can could may"
        " might must shall should"
        # subject pronouns
        " he she they we i it"
        # words that demand what follows
        " according due such known able likely going set scheduled"
    ).split()
)
REPORTING = frozenset(
    # reporting verbs whose clause was cut away (a participle may end a passive headline);
    # matched in lower case only: `United States` may end a headline
    "say says said state states claim claims announce announces confirm confirms report reports"
    " reveal reveals warn warns tell tells told decide decides".split()
)
NOUN_BEFORE = frozenset(
    "a an the of in on at for with by from into about over after before against between"
    " among during his her its their our my your this these those".split()
)
PRONOUNS = frozenset("he she they it we i his her their its this these those".split())
TITLES = frozenset(
    ["His Majesty", "Her Majesty", "His Holiness", "His Excellency", "Her Excellency", "Her Royal"]
)
"""A royal or papal title opens a headline as a name does (`His Majesty King Tupou dies`)."""
MIN_WORDS = 4


def last_word(headline: str) -> str:
    words = headline.split()
    return words[-1].lower().strip(",;:\"'”’") if words else ""


def reporting_verb_at_end(words: list[str]) -> bool:
    """A reporting word in lower case ends the headline as a verb, not as a noun: a noun is what
    follows an article, a preposition or a possessive (`into reports`, `its claims`)."""
    last = words[-1].strip(",;:\"'”’") if words else ""
    if last not in REPORTING:
        return False
    before = words[-2] if len(words) > 1 else ""
    return not (before.lower() in NOUN_BEFORE or before.endswith(("'s", "’s")))


def broken(headline: str) -> list[str]:
    """What is wrong with a headline, as short labels (none: it reads as a headline)."""
    words = headline.split()
    problems = []
    last = last_word(headline)
    if last in CANNOT_END or reporting_verb_at_end(words):
        problems.append("ends on a word that needs more")
    if words and words[0].lower() in PRONOUNS and " ".join(words[:2]) not in TITLES:
        problems.append("opens with a pronoun")
    if len(words) < MIN_WORDS:
        problems.append("too short")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--show", type=int, default=0, help="print this many random headlines")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    with args.corpus.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    rows = [r for r in rows if r.get("text", "").strip()]
    made = [(compress_headline(text.first_sentence(r["text"].strip())), r) for r in rows]
    counts: Counter[str] = Counter()
    endings: Counter[str] = Counter()
    for headline, _ in made:
        problems = broken(headline)
        counts.update(problems)
        counts["any problem"] += bool(problems)
        if "ends on a word that needs more" in problems:
            endings[last_word(headline)] += 1
    total = len(made)
    print(f"{total} leads compressed")
    for label in ("any problem", "ends on a word that needs more", "opens with a pronoun"):
        print(f"  {label:32} {counts[label]:5}  {counts[label] / total:6.1%}")
    print(f"  {'too short':32} {counts['too short']:5}  {counts['too short'] / total:6.1%}")
    print("  commonest broken endings:", ", ".join(f"{w} {n}" for w, n in endings.most_common(12)))
    for headline, row in random.Random(args.seed).sample(made, min(args.show, total)):
        print(f"- {headline}\n    corpus title: {row['title']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
