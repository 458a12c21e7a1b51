"""Headline main verb: which past form of a lead is its main clause's verb.

In: a lead's words. Out: the words with that verb in the present (`Caloundra defeated
Wynnum` -> `defeats`), past forms that describe a noun (`a former mayor convicted of`, `home
made bombs`) or open a reduced relative (`Suspects detained Monday confessed`) left as they
are. Guessed from the words around each past form, not parsed.
"""

from __future__ import annotations

import re

from generator.headline.forms import (
    _AUXILIARY_VERBS,
    _NOT_SUBJECT_END,
    _also_participle,
    _by_measure,
    _coordinated,
    _ends_subject,
    _present,
    _verb_form,
    word_classes,
)
from generator.headline.number import (
    _plural_before,
    _plural_noun,
)
from generator.headline.vocabulary import (
    _AUXILIARIES,
    _BETWEEN,
    _CLAUSE_OPENERS,
    _INTRANSITIVE,
    _NO_OBJECT,
    _VERBS,
)

_FUNCTION_WORDS = _NOT_SUBJECT_END | _NO_OBJECT

_ADJECTIVAL = frozenset(
    "based located situated named called dubbed titled entitled known born accredited put set "
    "armed aged".split()
)
"""Past forms that in a lead all but always describe a noun (`Taipei-based`, `a region
located in`, `a unit named`): never taken for its main verb."""

_NUMBERS = frozenset(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty hundred hundreds thousand thousands dozen dozens several".split()
)
"""Counts open a noun phrase: a past form right after one, or after one and a singular word
(`four declared candidates`, `three home made bombs`), describes the noun that follows."""

_DETERMINERS = frozenset(
    "a an the this these those his her its their our my your some any no every each".split()
)

_STOP_RELATIVE = frozenset("and or & to who which that when while but".split())
"""Words a reduced relative clause does not run across: what follows is another clause, or a
verb coordinated with the participle (`fired and landed`)."""

_CLAUSE_TAKING = frozenset(
    "find show reveal claim believe fear think know admit deny suggest warn estimate expect "
    "hope insist argue confirm report announce indicate predict allege acknowledge agree "
    "decide learn feel discover conclude prove note state say tell add mean demonstrate "
    "accept assume promise hear see notice understand explain concede testify assert "
    "determine declare suspect maintain stress".split()
)
"""Verbs whose object may be a clause without `that` (`a study found smokers lived`): a past
form after their object is that clause's verb, not the main one."""

_TIME_AFTER = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday here there overnight earlier "
    "recently".split()
)
"""Time and place words a reduced relative may end on (`Suspects detained Monday confessed`)."""

_FINITE = frozenset(
    "is are was were has have had will would can could may might must should".split()
)
"""Finite auxiliaries and modals: after a participle and the noun it describes they are the
main verb (`long awaited iTunes store is available`)."""

_PRONOUNS = frozenset("i you he she it we they him her them us".split())

RELATIVE_MAX_WORDS = 6
"""Longest reduced relative clause looked across for the main verb after it."""

_NOUNS = frozenset("crew wound ground spat forecast broadcast".split())
"""Nouns the dictionary also knows as past forms (`crew` of `crow`): in a lead's subject they
are the nouns (`cabin crew went on strike`, `weather forecast predicted`)."""


def _simple_past(tokens: list[str]) -> tuple[list[str], str]:
    """The lead's main verb in the simple past, said in the present (`Caloundra defeated
    Wynnum` -> `defeats`): the first past form before any known verb that follows a word a
    subject can end on, unless it is also a participle and a preposition follows it
    (`acquitted on charges`, `mobbed by protesters` are passives that already read as
    headlines). The verb it made, as `_headline_tense`, or ""."""
    for at in range(1, len(tokens) - 1):
        word = tokens[at]
        if word in _VERBS:
            break
        lemma = _verb_form(word, "VBD")
        if lemma is None:
            continue
        before, after = tokens[at - 1], tokens[at + 1].lower()
        if not (_ends_subject(before) or _closes_aside(tokens, at)):
            continue  # an adjective (`Tsai's reformed system`) or a relative clause's verb
        if word in _ADJECTIVAL or word in _NOUNS:
            continue  # `previously owned homes`
        if lemma in _AUXILIARY_VERBS:
            break
        # `fell`, `took`: a past form no participle shares is active whatever follows
        if not _also_participle(word.rstrip(",;:"), lemma):
            return _in_present(tokens, at, lemma, _plural_before_aside(tokens, at))
        describes = _opens_noun_phrase(tokens, at)
        main = _main_verb_after(tokens, at, lemma, describes)
        if main is not None:
            # a reduced relative, and the verb after it the main one: one the tense table
            # or an auxiliary made already is left as it is
            if tokens[main] in _VERBS:
                return tokens, ""
            # the subject's head is the one before a participle with words of its own
            # (`Suspects detained Monday`), or else the noun it describes (`made bombs`)
            own_phrase = main == at + 1 or _opens_phrase(tokens[at + 1])
            plural = _plural_before(tokens[:at]) if own_phrase else _plural_noun(tokens[main - 1])
            return _in_present(tokens, main, _verb_form(tokens[main], "VBD") or "", plural)
        if describes:
            continue
        if after in _NO_OBJECT and lemma not in _INTRANSITIVE and not _by_measure(tokens, at):
            break
        return _in_present(tokens, at, lemma, _plural_before_aside(tokens, at))
    return tokens, ""


def _opens_noun_phrase(tokens: list[str], at: int) -> bool:
    """Whether the past form at `at` stands among a noun phrase's first words, where it
    describes the noun after it: after a count (`four declared candidates`, `three home made
    bombs`), after `and`/`or` (`union and retired dock workers`), after a word the dictionary
    knows only as an adjective (`narrow upset victory`), or inside an appositive opened by
    `a`/`an` after a comma and closed by one before a verb (`The Club, a socialist inspired
    youth group, lost`)."""
    before = tokens[at - 1].lower()
    if _count(before) or before in ("and", "or", "&"):
        return True
    # a count before a singular word: that word is no head (`three home made bombs`), as
    # it is after a measure (`magnitude 5.2 earthquake hit`)
    if at > 1 and tokens[at - 2].lower() in _NUMBERS and not _plural_noun(before):
        return True
    if tokens[at - 1].islower() and word_classes(before) == {"ADJ"}:
        return True
    return _in_appositive(tokens, at)


def _count(word: str) -> bool:
    """Whether `word` counts something (`four`, `300`, `2,500`), not a date's number (`3,`,
    `2008`) or a measure (`5.2`)."""
    if word in _NUMBERS:
        return True
    return re.fullmatch(r"\d{1,3}(?:,\d{3})*", word) is not None


def _in_appositive(tokens: list[str], at: int) -> bool:
    """`X, a [1-3 words] PAST [1-3 words], VERB`: the phrase between the commas names X."""
    opens = [i for i in range(max(1, at - 4), at) if tokens[i] in ("a", "an")]
    if not opens or not tokens[opens[-1] - 1].endswith(","):
        return False
    for close in range(at + 1, min(len(tokens) - 1, at + 4)):
        if tokens[close].endswith(","):
            following = tokens[close + 1]
            return following in _VERBS or _verb_form(following, "VBD") is not None
    return False


def _main_verb_after(tokens: list[str], at: int, lemma: str, describes: bool) -> int | None:
    """Where the main verb is if the participle at `at` opens a reduced relative clause, or
    None. The participle's own words end at a verb: right after it (`Students injured
    returned to`), after time words (`detained Monday confessed`), after a phrase it opens
    (`cancelled because of the storm resumed`), or after the noun it describes (`a socialist
    inspired youth group held`)."""
    after = tokens[at + 1]
    if _made_verb(after) or _verb_form(after, "VBD"):
        # only before a function word: not before a noun it describes (`bombed suspected
        # insurgents`)
        following = tokens[at + 2].lower() if at + 2 < len(tokens) else ""
        return at + 1 if following in _FUNCTION_WORDS or following in _DETERMINERS else None
    if after.lower() in _TIME_AFTER:
        j = at + 1
        while j < len(tokens) and tokens[j].lower() in _TIME_AFTER:
            j += 1
        return j if j < len(tokens) and _main_verb_at(tokens, j, strict=False) else None
    if _opens_phrase(after):
        return _verb_after_phrase(tokens, at + 2)
    if lemma in _CLAUSE_TAKING:
        return None  # `a study found smokers lived`: the object is a clause
    return _verb_after_noun(tokens, at + 1, describes)


def _opens_phrase(word: str) -> bool:
    """Whether a participle's own phrase opens with `word`: a preposition, `because` or a
    time word (`detained by police`, `cancelled because of`, `detained Monday`)."""
    low = word.lower()
    return low in _NO_OBJECT or low == "because" or low in _TIME_AFTER


def _verb_after_phrase(tokens: list[str], start: int) -> int | None:
    """The main verb after a participle's phrase that runs from `start`, or None if the phrase
    is a clause's end or longer than RELATIVE_MAX_WORDS."""
    for j in range(start, min(len(tokens), start + RELATIVE_MAX_WORDS)):
        if _main_verb_at(tokens, j, strict=True):
            return j
        word = tokens[j]
        if word.endswith((",", ";", ":")) or _stops_relative(word):
            return None
    return None


def _verb_after_noun(tokens: list[str], start: int, describes: bool) -> int | None:
    """The main verb after the nouns from `start` that a participle describes (`inspired youth
    group held`, `long awaited iTunes store is`), or None where an object's words are there."""
    for j in range(start, min(len(tokens), start + 4)):
        word = tokens[j]
        if j > start and (word in _FINITE or _main_verb_at(tokens, j, strict=not describes)):
            return j
        noun = word[:1].isupper() or "NOUN" in word_classes(word.lower())
        if not noun or word.lower() in _BETWEEN or word.endswith((",", ";", ":")):
            return None
        if _stops_relative(word) or word.lower() in _DETERMINERS:
            return None
    return None


def _made_verb(word: str) -> bool:
    """Whether `word` is a finite verb: an auxiliary or modal that is, or a form the tense
    table made that no noun shares (`deny`, not `claims`, which may have been in the lead)."""
    if word in _FINITE:
        return True
    return word in _VERBS and word not in _AUXILIARIES and "NOUN" not in word_classes(word)


def _stops_relative(word: str) -> bool:
    """Whether a reduced relative clause cannot run across `word`: it opens another clause,
    joins a verb to the participle (`fired and landed`) or is a verb or a pronoun."""
    low = word.lower()
    return low in _STOP_RELATIVE or low in _CLAUSE_OPENERS or low in _PRONOUNS or word in _VERBS


def _main_verb_at(tokens: list[str], j: int, strict: bool) -> bool:
    """Whether `tokens[j]` is a past form, or a verb the tense table made, that can be the
    main verb after a reduced relative: not after a function word (`by the armed men`), nor
    before `by` (`thefts committed by`). `strict`: nor a participle a preposition follows
    (`arrested men wanted in`), which after an object describes it as often."""
    word, before = tokens[j], tokens[j - 1].lower()
    if word in _VERBS:
        return word in _FINITE or (not strict and _made_verb(word))
    lemma = _verb_form(word, "VBD")
    if lemma is None or word in _ADJECTIVAL or word in _NOUNS:
        return False
    if not _ends_subject(tokens[j - 1]) or before in _FUNCTION_WORDS or before in _DETERMINERS:
        return False
    after = tokens[j + 1].lower() if j + 1 < len(tokens) else ""
    if after == "by":
        return False
    return not (strict and _also_participle(word, lemma) and after in _NO_OBJECT)


def _in_present(
    tokens: list[str], at: int, lemma: str, plural: bool | None = None
) -> tuple[list[str], str]:
    """`tokens` with the past form at `at` (of `lemma`) and any verb coordinated with it in
    the present, and the verb it made. Whether the subject is `plural` is found from the
    words before `at` if not given."""
    if plural is None:
        plural = _plural_before(tokens[:at])
    present, after_verb = _present(lemma, plural, tokens[at]), tokens[at + 1 :]
    return [*tokens[:at], present, *_coordinated(after_verb, "VBD", plural)], present


def _opens_reduced_relative(tokens: list[str], at: int) -> bool:
    """`The man arrested after the riot has been charged`: a past form before a phrase of its
    own and then a finite verb describes the noun before it, if it is a participle too (not
    `began on what is`) and has a passive (not `died in the crash`)."""
    if at + 2 >= len(tokens) or not _opens_phrase(tokens[at + 1]):
        return False
    lemma = _verb_form(tokens[at], "VBD")
    if lemma is None or lemma in _INTRANSITIVE or not _also_participle(tokens[at], lemma):
        return False
    main = _verb_after_phrase(tokens, at + 2)
    return main is not None and tokens[main] in _FINITE


def _participle_aside(tokens: list[str], at: int) -> bool:
    """`Lena Berg, 45, released from prison in Tarn, said`: a participle opening a phrase
    between commas describes the name before it."""
    lemma = _verb_form(tokens[at], "VBD")
    if lemma is None or lemma in _INTRANSITIVE or not tokens[at - 1].endswith(","):
        return False
    if at + 1 >= len(tokens) or tokens[at + 1].lower() not in _NO_OBJECT:
        return False
    closing = next(
        (
            j
            for j in range(at + 1, min(len(tokens) - 1, at + RELATIVE_MAX_WORDS + 1))
            if tokens[j].endswith(",")
        ),
        None,
    )
    # the name's verb follows the phrase (not `Lin, met with Wu, head of`)
    if closing is None or not _verb_next(tokens[closing + 1]):
        return False
    return _also_participle(tokens[at], lemma)


def _verb_next(word: str) -> bool:
    """Whether `word` is a verb: one the tense table knows or a past form."""
    return word in _VERBS or _verb_form(word, "VBD") is not None


def _plural_before_aside(tokens: list[str], at: int) -> bool | None:
    """After a description set off by commas, whether the name or noun before it is plural
    (`Thousands of demonstrators, cheered on by residents, overran`); None elsewhere."""
    if not _closes_aside(tokens, at):
        return None
    first = next(i for i, t in enumerate(tokens) if t.endswith(","))
    return _plural_before([*tokens[:first], tokens[first].rstrip(",")])


NAME_MAX_WORDS = 5
"""Longest name before a description set off by commas (`Halvik Foods, the region's ...`)."""


def _closes_aside(tokens: list[str], at: int) -> bool:
    """Whether the comma before `at` closes a description set off by commas after a name
    (`Halvik Foods, the region's largest canner, unveiled`): the word after it is the
    name's verb."""
    if not tokens[at - 1].endswith(","):
        return False
    return any(t.endswith(",") for t in tokens[: min(at - 2, NAME_MAX_WORDS)])
