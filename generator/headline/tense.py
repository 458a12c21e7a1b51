"""Headline tense: the verbs of a lead sentence as a headline says them.

In: a lead's words (time words and opening phrases already gone). Out: the same words with the
main verb group in the present (`has resigned` -> `resigns`, `was elected` -> `elected`,
`defeated` -> `defeats`), and that verb. Rules and two dictionaries, not a parser: the tense
table (generator/data/headline_verbs.txt) for past forms anywhere, lemminflect's English verb
forms for the main verb group; which word is the main verb and whether its subject is plural
are guessed from the words around it.
"""

from __future__ import annotations

import functools
import re

from lemminflect import getAllLemmas, getInflection, getLemma

from generator.headline.number import (
    _head_before,
    _looks_plural,
    _plural_before,
    _plural_noun,
    _plural_subject,
)
from generator.headline.vocabulary import (
    _AUXILIARIES,
    _CLAUSE_OPENERS,
    _NO_OBJECT,
    _PRESENT,
    _SUBORDINATE,
    _VERBS,
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
_BETWEEN = frozenset(
    "also now already just still recently finally since formally officially publicly".split()
)
"""Adverbs that may stand between an auxiliary and its verb (`has also announced`)."""
_TIMED_ADVERBS = frozenset("already just recently since".split())
"""Those of them that need the perfect: `has just returned`, not `just returns`."""
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
_NOT_SUBJECT_END = frozenset("who which that whose".split()) | frozenset(
    "a an the of to in on at for with by from its their his her as than into over about "
    "after before during under against between among".split()
)
"""Words a subject does not end on: a past form after them is no main verb (`who won`,
`the armed men`, `of elected officials`)."""
_FUNCTION_WORDS = _NOT_SUBJECT_END | _NO_OBJECT
_AUXILIARY_VERBS = ("be", "have")
"""Lemmas never put in the present on their own: their forms are auxiliaries to a verb."""
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
_NOUNS = frozenset("crew wound ground spat forecast broadcast".split())
"""Nouns the dictionary also knows as past forms (`crew` of `crow`): in a lead's subject they
are the nouns (`cabin crew went on strike`, `weather forecast predicted`)."""


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
    lemmas = getAllLemmas(word).get("ADJ", ())
    return word.endswith("st") and bool(lemmas) and word not in lemmas


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
    if tokens[at - 1].islower() and set(getAllLemmas(before)) == {"ADJ"}:
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
        noun = word[:1].isupper() or "NOUN" in getAllLemmas(word.lower())
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
    return word in _VERBS and word not in _AUXILIARIES and "NOUN" not in getAllLemmas(word)


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


def _by_agent(tokens: list[str], at: int) -> bool:
    """`Two men arrested by police`: a past form before its agent is a passive participle,
    which a headline keeps (not a verb that takes no object: `arrived by jet`)."""
    if at + 1 >= len(tokens) or tokens[at + 1] != "by" or _by_measure(tokens, at):
        return False
    return _verb_form(tokens[at], "VBD") not in _INTRANSITIVE


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


_INTRANSITIVE = frozenset(
    "appear arrive die resign agree occur happen emerge return travel testify apologize "
    "apologise collapse erupt flee surge soar plunge slump rally respond retire vanish "
    "disappear remain speak compete participate explode collide".split()
)
"""Verbs with no passive: a preposition after their past form (`appeared at`, `arrived by
jet`) opens no agent or passive phrase, so the past is the main verb's."""


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
