"""Vocabulary shared by the headline's cut and its tense: the verb table, clause openers,
auxiliaries, the words a headline may not end on, and where the first verb is."""

from __future__ import annotations

from generator import text

HEADLINE_MAX_WORDS = 14
"""Longest headline compressed from a lead: news headlines run 6 to 14 words."""
_PRESENT = {row.split()[0]: tuple(row.split()[1:]) for row in text.data_table("headline_verbs.txt")}
"""Past -> present tense for the lead's verb: headlines speak in the present."""
_SUBORDINATE = frozenset(
    "after amid while despite because before following given as if unless although though".split()
)
"""Words opening a clause a headline leaves out: the main clause says what happened."""
_CLAUSE_OPENERS = _SUBORDINATE | frozenset("which that but when".split())
"""Words a clause opens with: where a teaser's cut-off phrase is taken back to."""
_AUXILIARIES = frozenset(
    "has have had is are was were be been being not will would can could may might must "
    "shall should do does did to".split()
)
"""After these a past participle or a bare verb stays as it is (`has resigned`, not `has
resign`; `will cut`, not `will cuts`)."""
_VERBS = frozenset(
    {*_AUXILIARIES, *_PRESENT, *(form for forms in _PRESENT.values() for form in forms)}
    - {"not", "to"}
)
"""Words that are verbs wherever they stand (the tense table's forms, auxiliaries, modals)."""
_TRAILING_STOP = frozenset(
    "a an the of and or to in on at for with by from its their his her "
    "about over into between during under against than as that which who whose "
    "because while although though if unless when after before despite amid but until so "
    "whom shortly soon immediately just".split()
)


def _first_verb(tokens: list[str], verb_word: str = "") -> int:
    """Where the first word known to be a verb is (an auxiliary, a modal, a verb the tense
    table knows, the verb `_headline_tense` made), or 0: a cut before it would leave a
    headline without one."""
    return next((i for i, t in enumerate(tokens) if t in _VERBS or t == verb_word), 0)


_NO_OBJECT = frozenset(
    "by to in on at for from with into over under after before during as up down out off "
    "against about across near outside inside through of between among".split()
)
"""Words after a past form that make it a passive or leave it without an object: the lead
reads as a headline already (`acquitted on charges`, `marked by protests`). `of` above all
follows a participle describing a noun (`a former mayor convicted of bribery appealed`).
They also end a subject's head (`Trade between Taiwan and China fell`: no plural)."""


_BETWEEN = frozenset(
    "also now already just still recently finally since formally officially publicly".split()
)
"""Adverbs that may stand between an auxiliary and its verb (`has also announced`)."""

_INTRANSITIVE = frozenset(
    "appear arrive die resign agree occur happen emerge return travel testify apologize "
    "apologise collapse erupt flee surge soar plunge slump rally respond retire vanish "
    "disappear remain speak compete participate explode collide".split()
)
"""Verbs with no passive: a preposition after their past form (`appeared at`, `arrived by
jet`) opens no agent or passive phrase, so the past is the main verb's."""
