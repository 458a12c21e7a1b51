"""Headline: a lead sentence -> the headline a story without a headline line is given.

In: the first sentence of a lead (or a deck). Out: at most 14 words in headline style: no
time words, no opening phrase or attribution, articles dropped, the present tense, `to` for
`will`, cut at a clause break where a reader still gets a whole statement. Rules, not a
parser: `tests/eval/headlines.py CORPUS` counts the headlines they leave broken.
"""

from __future__ import annotations

import functools
import re

from lemminflect import getAllLemmas, getInflection, getLemma

from generator import text

HEADLINE_MAX_WORDS = 14
"""Longest headline compressed from a lead: news headlines run 6 to 14 words."""
HEADLINE_OVER_WORDS = 17
"""A lead this short is kept whole where cutting it to HEADLINE_MAX_WORDS leaves a fragment."""
_ACRONYM = re.compile(r"(?:[A-Z][\w'’\-]*\s+){1,6}\((?P<acronym>[A-Z]{2,6})\)")
"""`Chinese Nationalist Party (KMT)` -> `KMT`: headlines use the short name."""
_DESCRIPTOR = re.compile(
    r"\b(?P<keep>[a-z]+) (?:[A-Z][a-z]+ )?(?:[a-z\-]+ ){1,4}"
    r"(?=[A-Z][\w\-]*(?: [A-Z][\w\-]*){0,2} ?\([\u3400-\u9fff]+\))"
)
"""`to Chinese social media platform Xiaohongshu (小紅書)` -> `to Xiaohongshu`: a name glossed
in Chinese characters is known well enough to stand alone."""
_ASIDE = re.compile(r"\s+[—–]\s+[^—–]{1,60}\s+[—–]\s+")
_RELATIVE_ASIDE = re.compile(r",\s+(?:who|which)\s+[^,]{1,80},\s+")
"""`Ole Brandt, who has run the company since 2015, is to step down`: an aside a headline
leaves out (its verb is not the sentence's)."""
_PARENTHESIS = re.compile(r"\s*\([^()]{0,60}\)")
_TIME_WORDS = re.compile(
    r"\s*\b(?:yesterday|today|tonight|this (?:year|week|month|morning)|last (?:year|week|month)"
    r"|next (?:year|week|month)|earlier this (?:year|week|month)"
    r"|on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b(?:['’]s\b)?",
    re.IGNORECASE,
)
"""`yesterday's` goes whole: taking the time word alone left `in's edition`."""
_TIME_WORD_ENDS = ("day", "night", "year", "week", "month", "morning")
"""Every `_TIME_WORDS` alternative holds one of these."""
_CJK = re.compile(r"[\u3400-\u9fff]")
"""`_DESCRIPTOR` needs a name glossed in these characters."""
_ATTRIBUTION = re.compile(
    r",\s*[\w\s.'’\-]{1,50}?\s+(?:said|says|told [\w\s]{1,30}|reported|announced|added)"
    r"(?:\s+\w+)?\.?$"
)
_RELATIVE_BEFORE_TIME = re.compile(
    r"\s+who\s+[^,]*?\s+(?=(?:yesterday|today|on \w+day)\b)", re.IGNORECASE
)
_PRESENT = {row.split()[0]: tuple(row.split()[1:]) for row in text.data_table("headline_verbs.txt")}
"""Past -> present tense for the lead's verb: headlines speak in the present."""
_HAVE = {"has": False, "have": True}
_BE = {"is": False, "are": True, "was": False, "were": True}
"""Auxiliaries that open a verb group a headline says shorter, and whether they are plural."""
_PLURALS = frozenset("police people children men women".split())
"""Plural nouns a subject often is that do not end in -s."""
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
_NO_OBJECT = frozenset(
    "by to in on at for from with into over under after before during as up down out off "
    "against about across near outside inside through of between among".split()
)
"""Words after a past form that make it a passive or leave it without an object: the lead
reads as a headline already (`acquitted on charges`, `marked by protests`). `of` above all
follows a participle describing a noun (`a former mayor convicted of bribery appealed`).
They also end a subject's head (`Trade between Taiwan and China fell`: no plural)."""
_FUNCTION_WORDS = _NOT_SUBJECT_END | _NO_OBJECT
_AUXILIARY_VERBS = ("be", "have")
"""Lemmas never put in the present on their own: their forms are auxiliaries to a verb."""
_ADJECTIVAL = frozenset(
    "based located situated named called dubbed titled entitled known born accredited put set "
    "armed".split()
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
_SINGULAR_NAMES = frozenset(
    "Philippines Netherlands Bahamas Maldives Seychelles Comoros Barbados Reuters News".split()
)
"""Names in -s that take a singular verb (`Philippines summons`, `Reuters reports`)."""
_NOUNS = frozenset("crew wound ground spat forecast broadcast".split())
"""Nouns the dictionary also knows as past forms (`crew` of `crow`): in a lead's subject they
are the nouns (`cabin crew went on strike`, `weather forecast predicted`)."""
_BREAK_BEFORE = frozenset(
    "to after as amid given while despite because before following when which that but and "
    "for".split()
)
_BREAK_IN_NAMES = _BREAK_BEFORE - {"and"}
_SUBORDINATE = frozenset(
    "after amid while despite because before following given as if unless although though".split()
)
"""Words opening a clause a headline leaves out: the main clause says what happened."""
_CLAUSE_OPENERS = _SUBORDINATE | frozenset("which that but when".split())
"""Words a clause opens with: where a teaser's cut-off phrase is taken back to."""
MAIN_CLAUSE_MIN_WORDS = 5
"""A main clause shorter than this is too thin to stand as a headline on its own."""
_AUXILIARIES = frozenset(
    "has have had is are was were be been being not will would can could may might must "
    "shall should do does did to".split()
)
"""After these a past participle or a bare verb stays as it is (`has resigned`, not `has
resign`; `will cut`, not `will cuts`)."""
_INTRO = re.compile(
    r"^(?:According to|In|On|At|After|Following|Despite|Amid|During)\b[^,]{1,80}"
    r"(?:, \d{4})?,\s+(?=\S)"
)
"""An opening phrase before the main clause (`According to police, ...`, `On May 5, 2006,
...`): headlines drop it."""
_REPORTED = re.compile(
    r"^(?P<speaker>[^\"“]{1,160}?)\s+"
    r"(?P<verb>has said|have said|said|says|announced|claimed|reported|warned)"
    r"\s+(?P<that>that\s+|on \w+ that\s+)?(?P<claim>[^\"“].*)$"
)
"""A lead that opens with who said it: the claim follows the speech verb."""
_IN_RELATIVE = re.compile(r",\s+(?:which|who|whom)\s+[^,]*$")
"""`... a test, which they said could be used in clinics`: the speech verb is inside a relative
clause still open, so what follows it is no claim of the lead's."""
_SUBJECT_PRONOUNS = frozenset("he she it they".split())
"""A claim opening with one of these speaks of the speaker: `X announced that he resigned`."""
_POSSESSIVES = frozenset("his her its their".split())
"""After the verb these open its object (`announced his resignation`), not a clause."""
_SPEAKER_TAIL = frozenset("has have had also formally officially publicly".split())
"""Words between a speaker's name and the speech verb: `Spitzer has announced`."""
_IMPERSONAL_IT = re.compile(
    r"(?:(?:is|was|would|could|may|might|will|has|had|be|been|not)\s+)*"
    r"(?:(?:too|time|unclear|clear|likely|unlikely|possible|impossible|important|necessary"
    r"|difficult|hard|known|thought|believed|understood|appears|appeared|seems|seemed)\b"
    r"|(?:be|take|takes|took)\s+(?:\S+\s+)?(?:hours|days|weeks|months|years|decades)\b)"
)
"""What follows an `it` that stands for no one (`it was unclear whether`, `it is time to`,
`it could take years`): naming the speaker there would say something false about them."""
SPEAKER_MAX_WORDS = 8
"""A longer speaker would take most of the headline: the lead is used whole instead."""
_UNITS = frozenset("day week month year decade century".split())
"""`for a year` keeps its article: `for year` is not headline style but broken English."""
_VERBS = frozenset(
    {*_AUXILIARIES, *_PRESENT, *(form for forms in _PRESENT.values() for form in forms)}
    - {"not", "to"}
)
"""Words that are verbs wherever they stand (the tense table's forms, auxiliaries, modals)."""
_NEEDS_MORE = frozenset(
    "is are was were be been has have had will would can could may might must should "
    "he she it they according due such known able unable going set scheduled about "
    # verbs whose object is the clause or the `to` that follows
    "said says stated announced announces confirmed confirms reported "
    "warned warns claimed told tells revealed reveals believes thinks "
    "intend intends decided seek seeks vowed vows pledged pledges threatened threatens "
    "refused refuses expected "
    "saying claiming reporting warning announcing stating confirming revealing calling".split()
)
"""Words a headline cannot end on: what they announce was cut away."""
_REPORTING = frozenset(
    "say state states claim claims announce confirm report reports warn tell reveal believe "
    "think decide decides vow pledge threaten refuse".split()
)
"""The same verbs in the present, as `_headline_tense` makes them (`have stated` -> `state`);
in lower case only, where they are no noun of a name (`United States`, `Scientific Reports`)."""
_NOUN_BEFORE = frozenset(
    "a an the of in on at for with by from into about over its their his her".split()
)
"""Articles, prepositions and possessives: a reporting word after them is a noun (`into
reports`); not `to` (`to report`), `and` or `which`, after which it is a verb."""
_ACCORDING = re.compile(r",?\s+according to [^,]{1,80}(?=,|$)")
"""`..., according to police`: a source a headline leaves out, as it does `..., police said`."""
_GOING_TO = re.compile(r"\b(?:is|are) (?:set|scheduled|about|due(?= to be\b)) to\b")
"""`The bridge is set to open`: headlines say `Bridge to open`. `due to` only before `be`:
before a noun it gives a cause (`The delay is due to a storm`), which `to` would turn into
nonsense; before a verb it is kept as written."""
_TRAILING_STOP = frozenset(
    "a an the of and or to in on at for with by from its their his her "
    "about over into between during under against than as that which who whose "
    "because while although though if unless when after before despite amid".split()
)
_CANNOT_END = _NEEDS_MORE | _TRAILING_STOP
"""Where a cut may not stop: on a word that needs more, or on one a trim would drop."""


def compress_headline(sentence_text: str) -> str:
    """A headline from a lead sentence: no time words, present tense, at most 14 words."""
    first = text.first_sentence(sentence_text)
    if not text.ends_sentence(first):
        first = _without_cut_phrase(first)
    # the cheap tests before each pattern (a bracket, a CJK character, a time word) skip the
    # scans that cannot match: compress_headline runs for every article
    if "(" in first:
        first = _ACRONYM.sub(r"\g<acronym>", first)
        if _CJK.search(first):
            first = _DESCRIPTOR.sub(r"\g<keep> ", first)
    first = _ASIDE.sub(" ", first)
    if ", wh" in first:
        first = _RELATIVE_ASIDE.sub(" ", first)
    first = _PARENTHESIS.sub("", first)
    first = _RELATIVE_BEFORE_TIME.sub(" ", first)
    if _may_hold_time_word(first):
        first = _TIME_WORDS.sub("", first)
    first = first.rstrip(" .")
    first = _ATTRIBUTION.sub("", first.rstrip())
    if "according to " in first:
        first = _ACCORDING.sub("", first)
    first = _INTRO.sub("", first).lstrip(" ,;:—–-")
    reported = _REPORTED.match(first)
    if reported:
        # `X, leader of Y, has said that Z`: the headline is what was said
        first = _claim(reported) or first
    if " to " in first:
        first = _going_to(first)
    tokens = first.split()
    if tokens and tokens[0].lower() in {"a", "an", "the"}:
        tokens = tokens[1:]
    plural = _plural_subject(tokens)
    tokens = [
        _PRESENT[t][plural or _looks_plural(tokens[i - 1])]
        if t in _PRESENT and i and not _after_auxiliary(tokens, i)
        else t
        for i, t in enumerate(tokens)
    ]
    tokens, verb = _headline_tense(tokens)  # after the table: a passive's participle stays one
    if not verb:
        tokens, verb = _simple_past(tokens)
    tokens = [t for i, t in enumerate(tokens) if not (t in {"were", "was"} and i < 4)]
    # headlines drop articles
    tokens = [
        t
        for t, after in zip(tokens, [*tokens[1:], ""], strict=False)
        if t not in {"a", "an", "the"} or after.strip(",.") in _UNITS
    ]
    # ... and say "to" for "will" (but `says he will`): after the cut, which must not take
    # the verb for a break
    tokens = _cut(tokens, verb)
    tokens = [
        "to" if t == "will" and before.lower() not in _SUBJECT_PRONOUNS else t
        for before, t in zip(["", *tokens], tokens, strict=False)
    ]
    title = " ".join(tokens).rstrip(",;:—–- ")
    return title[:1].upper() + title[1:]


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
    verb = at + 1
    while verb < len(tokens) - 1 and tokens[verb] in _BETWEEN:
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
        if not _ends_subject(before) or word in _ADJECTIVAL or word in _NOUNS:
            continue  # an adjective (`previously owned homes`) or a relative clause's verb
        if lemma in _AUXILIARY_VERBS:
            break
        # `fell`, `took`: a past form no participle shares is active whatever follows
        if not _also_participle(word.rstrip(",;:"), lemma):
            return _in_present(tokens, at, lemma)
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
        if after in _NO_OBJECT:
            break
        return _in_present(tokens, at, lemma)
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
    words = [t for t in words if not t.endswith(("ing", "ed"))] or words
    if not words:
        return False
    if "and" in words or words[-1].lower() in ("they", "we"):
        return True
    head = words[-1]
    if head.lower() in _PLURALS:
        return True
    return _plural_noun(head) and (head.islower() or head is words[0])


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


def _after_auxiliary(tokens: list[str], at: int) -> bool:
    """Whether an auxiliary stands before `tokens[at]`, perhaps with adverbs between."""
    before = at - 1
    while before > 0 and tokens[before] in _BETWEEN:
        before -= 1
    return tokens[before].lower() in _AUXILIARIES


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


def _without_cut_phrase(sentence: str) -> str:
    """A teaser's sentence without the clause the page cut off (`... injured after United`,
    `... concluded that two`): back to the word that opened it, if a clause is left."""
    tokens = sentence.split()
    for i in range(len(tokens) - 1, MAIN_CLAUSE_MIN_WORDS - 1, -1):
        if tokens[i].lower() in _CLAUSE_OPENERS:
            kept = _trimmed(tokens[:i])
            # not after `said`, whose claim would go, nor inside a quotation
            whole = len(kept) >= MAIN_CLAUSE_MIN_WORDS and _can_end(kept)
            if whole and not _open_quote(" ".join(kept)):
                return " ".join(kept).rstrip(",;")
    return sentence


def _open_quote(words: str) -> bool:
    """A quotation opened and not closed: a clause break inside it is none."""
    return words.count('"') % 2 == 1 or words.count("“") > words.count("”")


def _going_to(sentence: str) -> str:
    """`X is set to open` -> `X to open`, in the main clause only: `said that it is going to`
    keeps its verb (`that it to` is no English)."""
    match = _GOING_TO.search(sentence)
    if match is None or " that " in sentence[: match.start() + 1]:
        return sentence
    # "will", which headlines also say as "to": the cut then keeps the verb after it
    return sentence[: match.start()] + "will" + sentence[match.end() :]


def _claim(reported: re.Match[str]) -> str | None:
    """What a speaker said, as a headline can say it; None where the lead reads better whole.

    Only `said` is followed by a clause without `that`: after `announced` or `reported`
    the words are the verb's object (`announced his resignation`, `reported record profits`).
    A claim about the speaker (`he has resigned`, `its board approved`) takes the speaker's
    name in the pronoun's place."""
    claim = reported.group("claim")
    if len(claim.split()) < MAIN_CLAUSE_MIN_WORDS or _IN_RELATIVE.search(reported.group("speaker")):
        return None
    if not reported.group("that") and not reported.group("verb").endswith(("said", "says")):
        return None
    opening, _, rest = claim.partition(" ")
    pronoun = opening.lower()
    if pronoun not in _SUBJECT_PRONOUNS and pronoun not in _POSSESSIVES:
        return claim
    speaker = _speaker(reported.group("speaker"))
    if speaker is None:
        return None
    if pronoun == "it" and _IMPERSONAL_IT.match(rest):
        return None
    return f"{speaker}'s {rest}" if pronoun in _POSSESSIVES else f"{speaker} {rest}"


def _speaker(words: str) -> str | None:
    """The speaker's name from the words before the speech verb: of a phrase set off by commas
    (`The premier, Ian Paisley, 81,`) the last part of two words or more opening with a capital;
    None if that is long."""
    parts = [p.strip() for p in words.split(",")]
    named = [p for p in parts if p[:1].isupper()] or parts
    tokens = ([p for p in named if " " in p] or named)[-1].split()
    while tokens and tokens[-1].lower() in _SPEAKER_TAIL:
        tokens.pop()
    return " ".join(tokens) if 0 < len(tokens) <= SPEAKER_MAX_WORDS else None


def _may_hold_time_word(line: str) -> bool:
    """False only when `_TIME_WORDS` cannot match: ASCII text holding none of its words
    (case-insensitive matching of other scripts is left to the pattern)."""
    if not line.isascii():
        return True
    low = line.lower()
    return any(word in low for word in _TIME_WORD_ENDS)


def _looks_plural(word: str) -> bool:
    """`Engineers open`, `Taiwanese lose`: a subject noun in -s, or a demonym, takes the plural."""
    return _plural_noun(word) or word.endswith("ese")


def _plural_subject(tokens: list[str]) -> bool:
    """Whether the lead opens with a plural noun. `Police`, `people` before a word other than
    a preposition or the like are as often part of a name or title (`Police Chief Lin warns`,
    `police chief resigns`): the verb right after them finds them by `_looks_plural`."""
    if tokens and tokens[0].lower() in _PLURALS:
        return len(tokens) > 1 and tokens[1].lower() in _TRAILING_STOP
    return bool(tokens) and _plural_noun(tokens[0])


def _plural_noun(word: str) -> bool:
    """A noun in -s, or one of the plurals without it (`Police arrest`). A demonym that opens
    the lead is as often an adjective (`Taiwanese documentary wins`): it makes the verb plural
    only right before it (`_looks_plural`)."""
    if word.lower() in _PLURALS:
        return True
    if word.endswith(("ss", "'s", "’s")) or word in _SINGULAR_NAMES:
        return False
    return word.endswith("s") and word[1:].islower()


def _cut(tokens: list[str], verb_word: str = "") -> list[str]:
    """Cut to HEADLINE_MAX_WORDS at the first subordinate clause that fits, else at the last
    clause break that fits, never leaving a word that needs more (`is`, `according`) and if
    it can be helped never before the first verb. Where the nearest break would leave such a
    word, a lead a few words over the limit is kept whole."""
    if len(tokens) <= HEADLINE_MAX_WORDS:
        return tokens
    for i in range(MAIN_CLAUSE_MIN_WORDS, HEADLINE_MAX_WORDS + 1):
        if tokens[i].lower() in _SUBORDINATE and _can_end(tokens[:i]):
            return tokens[:i]
    short = len(tokens) <= HEADLINE_OVER_WORDS
    verb = _first_verb(tokens, verb_word)
    # Past the first verb any break will do. A lead with no break there is kept whole if it
    # is short, else cut before its verb, though not at `and`, which there more often joins
    # two names (`federal and state governments`) than two clauses.
    passes = [(max(verb, 3), _BREAK_BEFORE)]
    if not short:
        passes.append((3, _BREAK_IN_NAMES))
    for after, breaks in passes:
        for i in range(HEADLINE_MAX_WORDS, after, -1):
            if tokens[i].lower() in breaks or tokens[i - 1].endswith(","):
                kept = _trimmed(tokens[:i])
                if _can_end(kept):
                    return kept
                if short:
                    return tokens
    return tokens if short else _trimmed(tokens[:HEADLINE_MAX_WORDS])


def _first_verb(tokens: list[str], verb_word: str = "") -> int:
    """Where the first word known to be a verb is (an auxiliary, a modal, a verb the tense
    table knows, the verb `_headline_tense` made), or 0: a cut before it would leave a
    headline without one."""
    return next((i for i, t in enumerate(tokens) if t in _VERBS or t == verb_word), 0)


def _trimmed(kept: list[str]) -> list[str]:
    kept = list(kept)
    while len(kept) > 4 and kept[-1].lower().strip(",") in _TRAILING_STOP:
        kept.pop()
    return kept


def _can_end(kept: list[str]) -> bool:
    last = kept[-1].strip(",;:") if kept else ""
    if not last or last.lower() in _CANNOT_END:
        return False
    return last not in _REPORTING or _noun_after(kept[-2] if len(kept) > 1 else "")


def _noun_after(word: str) -> bool:
    """Whether a reporting word after `word` is a noun: after a function word (`into
    reports`, `the state`), where no subject ends."""
    return word.lower() in _NOUN_BEFORE
