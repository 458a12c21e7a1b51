"""Headline tense: the verbs of a lead sentence as a headline says them.

In: a lead's words (time words and opening phrases already gone). Out: the same words with the
main verb group in the present (`has resigned` -> `resigns`, `was elected` -> `elected`,
`defeated` -> `defeats`), and that verb. Rules and two dictionaries, not a parser: the tense
table (generator/data/headline_verbs.txt) for past forms anywhere, lemminflect's English verb
forms (forms.py) for the main verb group. Which past form is the main verb is main_verb.py's
guess, whether its subject is plural number.py's.
"""

from __future__ import annotations

import re

from generator.headline.forms import (
    _AUXILIARY_VERBS,
    _also_participle,
    _by_measure,
    _coordinated,
    _ends_subject,
    _present,
    _verb_form,
    lemmas,
)
from generator.headline.main_verb import (
    _opens_reduced_relative,
    _participle_aside,
    _simple_past,
)
from generator.headline.number import (
    _head_before,
    _looks_plural,
    _plural_subject,
)
from generator.headline.vocabulary import (
    _AUXILIARIES,
    _BETWEEN,
    _CLAUSE_OPENERS,
    _INTRANSITIVE,
    _NO_OBJECT,
    _PRESENT,
    _SUBORDINATE,
    HEADLINE_MAX_WORDS,
    _first_verb,
)


def headline_tense(tokens: list[str]) -> tuple[list[str], str]:
    """The words with their verbs in headline tense, and the main verb ("" if none found)."""
    tokens = _table_tense(tokens)
    tokens, verb = _headline_tense(tokens)  # after the table: a passive's participle stays one
    if not verb:
        tokens, verb = _simple_past(tokens)
    return tokens, verb


def _table_tense(tokens: list[str]) -> list[str]:
    """The tense table's past forms in the present, wherever they stand but after an
    auxiliary (`has said`) or before an agent (`arrested by`). A plural subject makes the
    verbs of its own clause plural (`Protesters seize ... as mayor says`); elsewhere the
    word before the verb tells."""
    plural = _plural_subject(tokens)
    clause_end = next(
        (i for i, t in enumerate(tokens) if i and t.lower() in _CLAUSE_OPENERS), len(tokens)
    )
    said = list(tokens)
    for i, word in enumerate(tokens):
        if word not in _PRESENT or not i or _after_auxiliary(tokens, i) or _by_agent(tokens, i):
            continue
        if _opens_reduced_relative(tokens, i) or _participle_aside(tokens, i):
            continue
        head = _head_before(tokens, i)
        before = tokens[head - 1] if head else ""
        many = (plural and i < clause_end) or _looks_plural(tokens[head], before)
        said[i] = _PRESENT[word][many]
    return said


_HAVE = {"has": False, "have": True}
_BE = {"is": False, "are": True, "was": False, "were": True}
"""Auxiliaries that open a verb group a headline says shorter, and whether they are plural."""
_TIMED_ADVERBS = frozenset("already just recently since".split())
"""Adverbs of `_BETWEEN` that need the perfect: `has just returned`, not `just returns`."""
_DURATION = re.compile(
    r"\bsince\b|\bfor (?:(?:the )?(?:past|last) |more than |nearly |almost |about |over )?"
    r"(?:(?:a|an|\d[\d,]*|several|many|few|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds of) )?"
    r"(?:years?|months?|decades?|weeks?|days?|centuries|century)\b"
)
"""`since 2018`, `for 30 years`, `for the past two weeks`: a time the perfect runs over to now.
`has served as mayor since 2018` in the present (`serves`) no longer says for how long."""
_NOT_DURATION = frozenset("first time ever last most best worst".split())
"""Before `since` these make it mark a point, not a span (`its first loss since 1992`,
`for the first time since`): the present says the same."""
_KEEP_AUXILIARY_AFTER = frozenset("who which that it It".split())
"""Before the lead's first auxiliary these keep it. A relative pronoun opens a clause whose
passive must stay one (`man who was arrested`, not `man who arrested`): the main verb follows.
`It` there is most often impersonal (`it has been revealed that`, not `it revealed that`)."""
_ADJECTIVAL_ING = frozenset(
    "alarming amazing appalling astonishing baffling compelling concerning confusing "
    "convincing daunting depressing devastating disappointing disturbing embarrassing "
    "encouraging exciting fascinating frightening frustrating humiliating interesting "
    "intriguing misleading missing outstanding overwhelming promising puzzling reassuring "
    "shocking staggering startling striking stunning surprising terrifying thrilling "
    "troubling upsetting willing worrying".split()
)
"""-ing forms that after `be` describe the subject rather than say what it does: `is
alarming` is no `alarms`, `are missing` no `miss`, `is willing to` no `wills to`."""


def _headline_tense(tokens: list[str]) -> tuple[list[str], str]:
    """The lead's first verb group as a headline says it: `has resigned` -> `resigns`, `have
    walked out` -> `walk out`, `has been elected` / `was elected` / `is being investigated` ->
    `elected`, `are proposing` -> `propose`. The auxiliary says whether the subject is plural.
    Left alone: a verb group after another verb (it is not the main clause's), a negation, and
    any word the dictionary does not know as that form of a verb. Also -> the verb it made
    (`_cut` must know it for one), or ""."""
    at = _first_verb(tokens)
    aux = tokens[at].lower() if at else ""
    if (aux not in _HAVE and aux not in _BE) or tokens[at - 1] in _KEEP_AUXILIARY_AFTER:
        return tokens, ""
    if _after_a_main_clause(tokens, at):
        return tokens, ""
    verb = at + 1
    # an adverb in -ly after `was`/`were` more often opens a clause's passive than the
    # main verb group (`elections were seriously flawed`): only `_BETWEEN`'s are skipped
    between = _between if aux not in ("was", "were") else _BETWEEN.__contains__
    while verb < len(tokens) - 1 and between(tokens[verb]):
        verb += 1
    if verb >= len(tokens):
        return tokens, ""
    before, adverbs, word = tokens[:at], tokens[at + 1 : verb], tokens[verb]
    after = tokens[verb + 1 :]
    if word in ("been", "being") and after and _verb_form(after[0], "VBN"):
        return [*before, *adverbs, *after], after[0]  # passive: the participle alone
    lemma = _verb_form(word, "VBN")
    if lemma and aux in _BE:
        return [*before, *adverbs, word, *after], word
    if aux in _HAVE:
        plural, tag = _HAVE[aux], "VBN"
    elif aux in ("is", "are") and word != "going" and word.rstrip(",;:") not in _ADJECTIVAL_ING:
        # `is going to` is the future; `is alarming` an adjective
        lemma, plural, tag = _verb_form(word, "VBG"), _BE[aux], "VBG"
    else:
        return tokens, ""
    if not lemma or lemma in _AUXILIARY_VERBS or _TIMED_ADVERBS & {*adverbs}:
        return tokens, ""
    if aux in _HAVE and _over_a_duration(after, HEADLINE_MAX_WORDS - _words_kept(before) - 2):
        return tokens, ""
    present = _present(lemma, plural, word)
    return [*before, *adverbs, present, *_coordinated(after, tag, plural)], present


def _after_a_main_clause(tokens: list[str], at: int) -> bool:
    """Whether the auxiliary at `at` follows a clause opener (`where`, `as`, `before`) that
    follows an active past form (`Soldiers took control of the port, where the leader is
    serving`): the past form is the main verb, `_simple_past`'s to say in the present. Active:
    no participle shares it (`took`), or an object follows it (`seized the port`; `arrested
    after the riot` may describe a noun)."""
    opener = next((i for i in range(1, at) if tokens[i].lower() in _OPENERS_OF_CLAUSES), 0)
    for i in range(1, opener):
        lemma = _verb_form(tokens[i], "VBD")
        if lemma is None or not _ends_subject(tokens[i - 1]) or lemma in _AUXILIARY_VERBS:
            continue
        if not _also_participle(tokens[i], lemma) or tokens[i + 1].lower() not in _NO_OBJECT:
            return True
    return False


_OPENERS_OF_CLAUSES = (_CLAUSE_OPENERS | {"where"}) - {"that"}
"""Not `that`: the clause after `confirmed that` is the reported news, in headline tense too."""


def _over_a_duration(after: list[str], room: int) -> bool:
    """Whether the clause after a perfect's participle gives the time it runs over (`since
    2018`, `for 30 years`) within the `room` words a headline has left, up to the clause's
    end or a `to` (`agreed to close the pier for three months`: the months are the
    closing's), and `since` not after a first time or a superlative (`biggest loss since
    1992`). A duration the cut leaves out cannot need the perfect."""
    words: list[str] = []
    for i, word in enumerate(after[: max(room, 0)]):
        low = word.lower().rstrip(",;:")
        # `as` is as often a preposition (`served as mayor`); `and` ends the clause only
        # before another verb (`arrested two men and held them`)
        if low in ("to", "who", "which", "that") or (low in _SUBORDINATE and low != "as"):
            break
        if low == "and" and _verb_form(after[i + 1] if i + 1 < len(after) else "", "VBD"):
            break
        words.append(low)
        if word.endswith((",", ";", ":")):
            break
    match = _DURATION.search(" ".join(words))
    if match is None:
        return False
    before = " ".join(words)[: match.start()].split()
    return not any(w in _NOT_DURATION or _superlative(w) for w in before)


def _words_kept(tokens: list[str]) -> int:
    """How many of `tokens` a headline keeps: articles go."""
    return sum(t.lower() not in ("a", "an", "the") for t in tokens)


def _superlative(word: str) -> bool:
    """`biggest`, `highest`, `worst`: the dictionary knows it as an adjective of another."""
    adjectives = lemmas(word).get("ADJ", ())
    return word.endswith("st") and bool(adjectives) and word not in adjectives


def _by_agent(tokens: list[str], at: int) -> bool:
    """`Two men arrested by police`: a past form before its agent is a passive participle,
    which a headline keeps (not a verb that takes no object: `arrived by jet`)."""
    if at + 1 >= len(tokens) or tokens[at + 1] != "by" or _by_measure(tokens, at):
        return False
    return _verb_form(tokens[at], "VBD") not in _INTRANSITIVE


def _between(word: str) -> bool:
    """An adverb that may stand between an auxiliary and its verb: `_BETWEEN`'s, or one in
    -ly (`has unanimously ruled`; a verb in -ly there would be a participle: `has rallied`)."""
    return word in _BETWEEN or (word.endswith("ly") and word.isalpha() and word.islower())


def _after_auxiliary(tokens: list[str], at: int) -> bool:
    """Whether an auxiliary stands before `tokens[at]`, perhaps with adverbs between."""
    before = at - 1
    while before > 0 and _between(tokens[before]):
        before -= 1
    return tokens[before].lower() in _AUXILIARIES
