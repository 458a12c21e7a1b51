"""Headline number: whether a lead's subject is plural, so its verb agrees in the headline.

In: the lead's words around a verb. Out: plural or not. Guessed from the words, not parsed: a
noun in -s or a plural without it (`police`, `people`), a demonym right before the verb, two
nouns joined by `and`; the last word of a name (`John Paul Stevens`), a name in -s that is one
country or firm (`Philippines`, `Reuters`) and a capitalised word before another are singular.
"""

from __future__ import annotations

import functools

from generator.headline.forms import lemmas, word_classes
from generator.headline.vocabulary import _NO_OBJECT, _TRAILING_STOP

_PLURALS = frozenset("police people children men women hundreds thousands millions dozens".split())
"""Plural nouns a subject often is that do not end in -s."""

_SINGULAR_NAMES = frozenset(
    "Philippines Netherlands Bahamas Maldives Seychelles Comoros Barbados Reuters News".split()
)
"""Names in -s that take a singular verb (`Philippines summons`, `Reuters reports`)."""

_NAME_PARTICLES = frozenset(
    "bin ibn ben de del della da das di do dos du van von der den ter".split()
)
"""Lower-case words inside a name (`Tomas de Vries`, `Idris bin Omar`): the words in -s
beside them are names, no plurals."""

_SUBJECT_ADVERBS = frozenset("also still even too now already just nationwide worldwide".split())
"""Adverbs a subject's head may stand before (`prices also rose`, `fares nationwide rose`)."""


def _looks_plural(word: str, before: str = "") -> bool:
    """`Engineers open`, `Taiwanese lose`: a subject noun in -s, or a demonym, takes the plural;
    not the last word of a name (`Filiberto Ojeda Ríos dies`, `John Paul Stevens dies`) unless
    the dictionary knows it as a plural noun (`Senate Democrats vote`)."""
    if word.lower() in _PLURALS or word.endswith("ese"):
        return True
    if _in_name(word, before) and not _dictionary_plural(word.lower()):
        return False
    return _plural_noun(word)


def _dictionary_plural(word: str) -> bool:
    """Whether the dictionary knows `word` as the plural of a noun (`democrats`, `tigers`)."""
    return any(lemma != word for lemma in lemmas(word).get("NOUN", ()))


def _plural_subject(tokens: list[str]) -> bool:
    """Whether the lead opens with a plural noun. `Police`, `people` before a word other than
    a preposition or the like are as often part of a name or title (`Police Chief Lin warns`,
    `police chief resigns`): the verb right after them finds them by `_looks_plural`."""
    if tokens and tokens[0].lower() in _PLURALS:
        return len(tokens) > 1 and tokens[1].lower() in _TRAILING_STOP
    return bool(tokens) and _plural_noun(tokens[0], tokens[1] if len(tokens) > 1 else "")


def _plural_noun(word: str, after: str = "") -> bool:
    """A noun in -s, or one of the plurals without it (`Police arrest`). A demonym that opens
    the lead is as often an adjective (`Taiwanese documentary wins`): it makes the verb plural
    only right before it (`_looks_plural`). A capitalised word in -s before another one names
    someone or something (`Jacques Chirac dies`, `Sales Director Lin says`)."""
    if word.lower() in _PLURALS:
        return True
    if word.endswith(("ss", "'s", "’s")) or word in _SINGULAR_NAMES:
        return False
    if _in_name(word, after):
        return False
    return word.endswith("s") and word[1:].islower()


def _in_name(word: str, beside: str) -> bool:
    """Whether a capitalised `word` is part of a name with the word `beside` it: another
    capitalised word or a name's particle (`Tomas de Vries`)."""
    return word[:1].isupper() and (beside[:1].isupper() or beside in _NAME_PARTICLES)


@functools.lru_cache(maxsize=4096)
def _adverb(word: str) -> bool:
    """Whether `word` is an adverb that may stand between a subject and its verb: the
    dictionary knows it as nothing else (`sharply`; `family`, `rally` are nouns)."""
    if word in _SUBJECT_ADVERBS:
        return True
    return word.isalpha() and word.islower() and word_classes(word) == {"ADV"}


def _head_before(tokens: list[str], at: int) -> int:
    """Where the word a verb at `at` agrees with is: right before it, or before the adverbs
    there (`Fish prices also rose`)."""
    head = at - 1
    while head > 0 and _adverb(tokens[head]):
        head -= 1
    return head


def _plural_before(subject: list[str]) -> bool:
    """Whether the words before a verb make a plural subject. After an opening phrase set off
    by a comma, up to the first preposition (`Sales of homes`, `Rally organised by 30
    groups`: the words before it hold the head): a plural pronoun, two nouns joined by `and`,
    or a head noun in -s in lower case or opening the subject (`CBS News`, `John Edwards`
    are names)."""
    start = max((i + 1 for i, t in enumerate(subject) if t.endswith(",")), default=0)
    words = subject[start:]
    ends = [i for i, t in enumerate(words) if t.lower() in _NO_OBJECT]
    words = words[: ends[0]] if ends and ends[0] else words
    # participles describe the head (`Rally organised by`); `United States` is a name
    words = [t for t in words if not (t.islower() and t.endswith(("ing", "ed")))] or words
    words = words[: _head_before(words, len(words)) + 1]
    if not words:
        return False
    if "and" in words or words[-1].lower() in ("they", "we"):
        return True
    head = words[-1]
    if head.lower() in _PLURALS:
        return True
    return _plural_noun(head) and (head.islower() or head is words[0])
