"""Headline verb forms: a verb's other forms and what its form says, for headline tense.

In: a word of a lead. Out: the verb it is a form of (lemminflect's dictionary of English
verb forms), the present a headline gives it, and small tests of a word's role around a verb
(a subject's last word, an amount after `by`). No rule here picks the main verb.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from lemminflect import getAllLemmas, getInflection, getLemma

from generator.headline.vocabulary import _CLAUSE_OPENERS

_NOT_SUBJECT_END = frozenset("who which that whose".split()) | frozenset(
    "a an the of to in on at for with by from its their his her as than into over about "
    "after before during under against between among".split()
)
"""Words a subject does not end on: a past form after them is no main verb (`who won`,
`the armed men`, `of elected officials`)."""

_AUXILIARY_VERBS = ("be", "have")
"""Lemmas never put in the present on their own: their forms are auxiliaries to a verb."""


def _also_participle(past: str, lemma: str) -> bool:
    """Whether the past form `past` of `lemma` is also its participle. The dictionary gives
    some verbs only the American participle (`fueled`, not `fuelled`)."""
    participles = getInflection(lemma, "VBN")
    return past in participles or past.replace("lled", "led") in participles


def _ends_subject(word: str) -> bool:
    """Whether a subject can end on `word` (not a comma, a number, an adverb in -ly, a
    relative pronoun, a function word or a possessive: `Tsai's reformed pension system`
    describes a noun)."""
    return not (
        word.endswith((",", "'s", "’s", "s'", "s’"))
        or word.lower() in _NOT_SUBJECT_END
        or word[:1].isdigit()
        or word.endswith("ly")
    )


def _coordinated(after: list[str], tag: str, plural: bool) -> list[str]:
    """`have arrested (two men) and charged`: a verb of the group's form after `and`, in the
    same clause, shares its auxiliary, so it takes the same tense (`arrest ... and charge`)."""
    for i, word in enumerate(after):
        also = _verb_form(word, tag) if i and after[i - 1] in ("and", "or") else None
        if also and also not in _AUXILIARY_VERBS:
            return [*after[:i], _present(also, plural, word), *after[i + 1 :]]
        if word in _CLAUSE_OPENERS or word in ("to", "who") or word.endswith(","):
            break
    return after


def _present(lemma: str, plural: bool, word: str) -> str:
    """`lemma` in the present for a plural subject or a singular one, with the comma `word`
    (the participle it replaces) carried."""
    present = lemma if plural else getInflection(lemma, "VBZ")[0]
    return present + word[len(word.rstrip(",;:")) :]


_MARGINS = frozenset(
    "landslide margin majority percent per percentage point points votes seats goals runs "
    "wickets strokes lengths seconds minutes cents".split()
)
"""Words that after `by` say how far or how much (`won by a landslide`, `rose by 5 percent`,
`passed by 31 votes`): a measure, no agent (`hijacked by 12 gunmen` has one)."""


def _by_measure(tokens: list[str], at: int) -> bool:
    """Whether the past form at `at` is followed by `by` and a measure within three words."""
    if at + 1 >= len(tokens) or tokens[at + 1] != "by":
        return False
    words = [w.lower().rstrip(",;:.") for w in tokens[at + 2 : at + 5]]
    return any(w.endswith("%") or w in _MARGINS for w in words)


@functools.lru_cache(maxsize=1 << 14)
def lemmas(word: str) -> Mapping[str, tuple[str, ...]]:
    """The dictionary's lemmas of `word` by word class (`NOUN`, `ADJ`, `ADV`, ...; empty for
    an unknown word). Remembered: the rules ask it of the same lead words again and again.
    Only read, never changed: every caller shares the answer."""
    return getAllLemmas(word)


def word_classes(word: str) -> frozenset[str]:
    """What the dictionary knows `word` as (`NOUN`, `ADJ`, `ADV`, ...; none for an unknown
    word)."""
    return frozenset(lemmas(word))


def is_past_form(word: str) -> bool:
    """Whether the dictionary knows `word` as a verb's simple past (`seized`, `took`)."""
    return _verb_form(word, "VBD") is not None


@functools.lru_cache(maxsize=1 << 14)
def _verb_form(word: str, tag: str) -> str | None:
    """The verb whose `tag` form `word` is (`VBN`: `elected` -> `elect`, `begun` -> `begin`;
    `VBG`: `proposing` -> `propose`), if the dictionary knows it; trailing commas aside.
    Remembered: every word of a lead before its first known verb is asked about."""
    core = word.rstrip(",;:")
    if not core.replace("-", "").isalpha() or not core.islower():
        return None
    for lemma in getLemma(core, upos="VERB", lemmatize_oov=False):
        if core in getInflection(lemma, tag):
            return lemma
    return None
