"""Focus country against Wikinews's own place tags, on real stories.

Many of the corpus's texts open with the tag of the country the story was filed under
("Zimbabwe Inflation in Zimbabwe is now ..."), left there when the page was scraped. That tag
is a label written by Wikinews's editors, so it measures the focus country on ~600 real
stories, where the hand-labelled sets hold 150-240 short ones. The tag is cut off before the
story is classified (left in, it would be the lead's first place and decide the answer).

A bilateral story is tagged with one of its two countries, so agreement cannot reach 100%:
"tag among the countries" says how often the classifier found the tagged country at all.
The halves are `train_topic_model.half`'s: tune on half 0, keep half 1 for checking.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pycountry

from tests.eval.train_topic_model import half

# Short names Wikinews tags with that pycountry spells otherwise ("Russian Federation").
EVERYDAY_NAMES = {
    "Czech Republic": "CZ",
    "Iran": "IR",
    "Laos": "LA",
    "Moldova": "MD",
    "North Korea": "KP",
    "Palestine": "PS",
    "Russia": "RU",
    "South Korea": "KR",
    "Syria": "SY",
    "Tanzania": "TZ",
    "Venezuela": "VE",
    "Vietnam": "VN",
}


@dataclass(frozen=True)
class Tagged:
    id: str
    country: str
    text: str
    """The story without its tag."""


def country_names() -> dict[str, str]:
    names = dict(EVERYDAY_NAMES)
    for country in pycountry.countries:
        for field in ("name", "common_name"):
            if name := getattr(country, field, None):
                names.setdefault(name, country.alpha_2)
    return names


def tagged(rows: Iterable[dict]) -> list[Tagged]:
    """Stories whose text opens with a country's name followed by a capitalised word (the
    tag, then the story or another tag): "Kenya The United Nations ..." but not "Kenya's"."""
    names = country_names()
    longest_first = sorted(names, key=len, reverse=True)
    found = []
    for row in rows:
        text = row["text"]
        for name in longest_first:
            rest = text[len(name) + 1 :]
            if text.startswith(name + " ") and rest[:1].isupper():
                found.append(Tagged(row["id"], names[name], rest))
                break
    return found


def report(stories: list[Tagged], countries_of: Callable[[Tagged], tuple[str, ...]]) -> None:
    """Print agreement per half, and the commonest disagreements."""
    print(f"== Wikinews place tags: {len(stories)} stories open with a country tag (tag removed)")
    for part in (0, 1):
        mine = [s for s in stories if half(s.id) == part]
        found = [countries_of(s) for s in mine]
        focus = sum(f[:1] == (s.country,) for s, f in zip(mine, found, strict=True))
        listed = sum(s.country in f for s, f in zip(mine, found, strict=True))
        n = len(mine)
        print(
            f"  half {part} ({n}): focus = tag {focus / n:6.1%} ({focus}), "
            f"tag among the countries {listed / n:6.1%} ({listed})"
        )
        if part == 0:
            misses = Counter(
                (s.country, f[0] if f else "-")
                for s, f in zip(mine, found, strict=True)
                if f[:1] != (s.country,)
            )
            shown = ", ".join(f"{t}->{p} {c}" for (t, p), c in misses.most_common(12))
            print(f"  half 0 confusions (tag -> focus): {shown}")
