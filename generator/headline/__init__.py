"""Headline: a lead sentence -> the headline a story without a headline line is given.

In: the first sentence of a lead (or a deck). Out: at most 14 words in headline style: no
time words, no opening phrase or attribution, articles dropped, the present tense, `to` for
`will`, cut at a clause break where a reader still gets a whole statement. Rules, not a
parser: `tests/eval/headlines.py CORPUS` counts the headlines they leave broken. The verbs'
tense is tense.py's (the main verb main_verb.py's, verb forms forms.py's), their subject's
number number.py's; shared word lists are vocabulary.py's.
"""

from __future__ import annotations

import re

from generator import text
from generator.headline.forms import is_past_form
from generator.headline.tense import headline_tense
from generator.headline.vocabulary import (
    _AUXILIARIES,
    _CLAUSE_OPENERS,
    _PRESENT,
    _SUBORDINATE,
    _TRAILING_STOP,
    HEADLINE_MAX_WORDS,
    _first_verb,
)

__all__ = ["HEADLINE_MAX_WORDS", "compress_headline"]

HEADLINE_OVER_WORDS = 17
"""A lead this short is kept whole where cutting it to HEADLINE_MAX_WORDS leaves a fragment."""
_CONNECTORS = frozenset("of for the and on de del des du la le di".split())
"""Small words inside a body's name (`Bureau of Investigation`), which no initial stands for."""
_ACRONYM = re.compile(
    rf"(?<![\w'’\-])(?P<name>[A-Z][\w'’\-]*(?:\s+(?:(?:{'|'.join(sorted(_CONNECTORS))})\s+)*"
    r"[A-Z][\w'’\-]*){0,7})\s+\((?P<acronym>[A-Z]{2,6})\)"
)
"""A name and the acronym after it: `Federal Bureau of Investigation (FBI)`."""
_ORGANISATION_WORDS = frozenset(
    "Party Union Movement Front Army Council Commission Agency Bank Organization Organisation "
    "Association Corporation Company Committee Court Fund Ministry Department Bureau Office "
    "Service Institute Federation League Alliance Coalition Congress Assembly Authority "
    "Conference".split()
)
"""Last words of a body's (or a meeting's) name: its acronym replaces the name even where the
letters differ (`Chinese Nationalist Party (KMT)`, named after `Kuomintang`)."""
_DESCRIPTOR = re.compile(
    r"\b(?P<keep>[a-z]+) (?:[A-Z][a-z]+ )?(?:[a-z\-]+ ){0,3}(?!(?:by|of|to|from|with) )[a-z\-]+ "
    r"(?=[A-Z][\w\-]*(?: [A-Z][\w\-]*){0,2} ?\([\u3400-\u9fff]+\))"
)
"""`to Chinese social media platform Xiaohongshu (小紅書)` -> `to Xiaohongshu`: a name glossed
in Chinese characters is known well enough to stand alone. Not a preposition before the name
(`directed by Lin Mei (林美)` keeps its `by`)."""
_ASIDE = re.compile(r"\s+[—–]\s+[^—–]{1,60}\s+[—–]\s+")
_RELATIVE_ASIDE = re.compile(r",\s+(?:who|which)\s+[^,]{1,80},\s+")
"""`Ole Brandt, who has run the company since 2015, is to step down`: an aside a headline
leaves out (its verb is not the sentence's)."""
_PARENTHESIS = re.compile(r"\s*\([^()]{0,60}\)")
_AND_OTHERS = re.compile(
    r"(?P<names>\b[A-Z][\w’'\-]*(?:,\s+[A-Z][\w’'\-]*)+),?\s+and\s+other"
    r"(?:s\b|\s+(?:[a-z][\w\-]*\s+){0,3}[a-z][\w\-]*s\b)"
)
"""`on Japan, Taiwan and other regional democratic partners to form`: a list of names loses
its `and others` tail, which took the words of what the lead says they were called on to do."""
_OWNERS = (*(rf"\b{w}" for w in "the his her its their our my a very".split()), "'s", "’s")
_NOT_A_NOUN = "".join(f"(?<!{word} )" for word in _OWNERS)
"""`last night` is a time after none of these (`the last night of the Proms`, `Obama's last
night in the White House`: a noun)."""
_TIME_WORD = (
    r"\b(?:(?:very )?(?:early|late) )?"
    r"(?:(?:yesterday|today)(?: (?:morning|afternoon|evening))?|tonight"
    r"|this (?:year|week|month|morning|afternoon|evening)|" + _NOT_A_NOUN + r"last "
    r"(?:night|year|week|month)"
    r"|next (?:year|week|month)|earlier this (?:year|week|month)"
    r"|on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"(?: (?:morning|afternoon|evening|night))?)\b(?:['’]s\b)?"
)
_TIME_WORDS = re.compile(r"\s*" + _TIME_WORD, re.IGNORECASE)
"""`yesterday's` goes whole: taking the time word alone left `in's edition`; so do `on Sunday
night`, `early on Thursday`, `late last night` and `yesterday afternoon` (`night`, `early`,
`late`, `afternoon` were left)."""
_TIME_ASIDE = re.compile(r",\s*" + _TIME_WORD + r"\s*,(?=\s)", re.IGNORECASE)
"""`A rally was held, yesterday, in Caracas`: the commas go with the time word (`held,, in`)."""
_EMPTY_COMMA = re.compile(r",(?:\s*,)+")
"""`Lin, (KMT), said` without its brackets, or a comma doubled in the dump: one comma."""
_TIME_WORD_ENDS = ("day", "night", "year", "week", "month", "morning", "afternoon", "evening")
"""Every `_TIME_WORDS` alternative holds one of these."""
_CJK = re.compile(r"[\u3400-\u9fff]")
"""`_DESCRIPTOR` needs a name glossed in these characters."""
_ATTRIBUTION = re.compile(
    r",\s*+[\w\s.'’\-]{1,50}?\s+(?:said|says|told [\w\s]{1,30}|reported|announced|added)"
    r"(?:\s+\w+)?\.?$"
)
_ATTRIBUTION_ASIDE = re.compile(
    r",\s*+(?!(?:[\w.'’\-]+\s+)*?(?:has|have|had|is|are|was|were|been|be)\s)"
    r"[\w\s.'’\-]{1,50}?\s+(?:said|says|announced|added)(?:\s+\w+)?,\s+"
    r"(?P<after>(?![\"“‘']).*)$"
)
"""`..., the agency said today, in a sign that ...`: the source goes, and the comment after it
too; not a quotation after it (what was said), nor a passive (`..., has been reported
missing, amid fears`). The spaces after the comma are taken whole (`*+`): shared with the
`+` after the source, one run split every way took seconds at a few thousand spaces."""
_RELATIVE_BEFORE_TIME = re.compile(
    r"\s+who\s+[^,]*?\s+(?=(?:yesterday|today|on \w+day)\b)", re.IGNORECASE
)
_BREAK_BEFORE = frozenset(
    "to after as amid given while despite because before following when which that but and "
    "for".split()
)
_BREAK_IN_NAMES = _BREAK_BEFORE - {"and"}
MAIN_CLAUSE_MIN_WORDS = 5
"""A main clause shorter than this is too thin to stand as a headline on its own."""
_APPOSITIVE = re.compile(
    r"(?!(?:The|A|An|It|This|That),)(?P<name>(?:[A-Z][\w.'’-]*\s){0,4}[A-Z][\w.'’-]*), "
    r"(?:a|an|the) [^,]{3,90}, "
    r"(?P<verb>[a-z]+)\b"
)
_IMPERSONAL_OPENING = re.compile(
    r"^(?:It (?:has been|had been|was|is) (?:confirmed|revealed|reported|announced|"
    r"understood|learned|learnt)|It (?:appears|appeared|seems|seemed)|This "
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day) (?:that )?(?!by )(?=[A-Z\"“‘'0-9a-z])"
)
"""`It has been confirmed that King X has died`: the news is what follows (an `it` that
stands for nothing makes no headline); `This Tuesday the council ...`: a time, like
`on Tuesday`."""
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
_CANNOT_END = _NEEDS_MORE | _TRAILING_STOP
"""Where a cut may not stop: on a word that needs more, or on one a trim would drop."""


def compress_headline(sentence_text: str) -> str:
    """A headline from a lead sentence: no time words, present tense, at most 14 words."""
    # one space between words: the patterns open with `\s+` or `\s*`, which a run of n spaces
    # (a dump's column padding) made them try n times over, each try n long
    first = " ".join(text.first_sentence(sentence_text).split())
    if not text.ends_sentence(first):
        first = _without_cut_phrase(first)
    # the cheap tests before each pattern (a bracket, a CJK character, a time word) skip the
    # scans that cannot match: compress_headline runs for every article
    if "(" in first:
        first = _ACRONYM.sub(_short_name, first)
        if _CJK.search(first):
            first = _DESCRIPTOR.sub(r"\g<keep> ", first)
    first = _ASIDE.sub(" ", first)
    if ", wh" in first:
        first = _RELATIVE_ASIDE.sub(" ", first)
    first = _PARENTHESIS.sub("", first)
    if " and other" in first and len(first.split()) > HEADLINE_MAX_WORDS:
        first = _AND_OTHERS.sub(r"\g<names>", first)
    first = _RELATIVE_BEFORE_TIME.sub(" ", first)
    if _may_hold_time_word(first):
        first = _TIME_WORDS.sub("", _TIME_ASIDE.sub("", first))
    if ",," in first or ", ," in first:
        first = _EMPTY_COMMA.sub(",", first)
    first = first.rstrip(" .")
    first = _ATTRIBUTION.sub("", first.rstrip())
    if "," in first:
        first = _ATTRIBUTION_ASIDE.sub(_without_source, first)
    if "according to " in first:
        first = _ACCORDING.sub("", first)
    first = _INTRO.sub("", first).lstrip(" ,;:—–-")
    first = _IMPERSONAL_OPENING.sub("", first)
    reported = _REPORTED.match(first)
    if reported:
        # `X, leader of Y, has said that Z`: the headline is what was said
        first = _claim(reported) or first
    title = _headline_of(first)
    described = _appositive(first)
    if described is not None and _within(title, first[: described.start("verb")]):
        # cut at the description, the headline lost its verb: the name says enough
        title = _headline_of(f"{described['name']} {first[described.start('verb') :]}")
    return title


def _without_source(found: re.Match[str]) -> str:
    """A source between commas goes with the comment after it; where the words after it are
    the lead's predicate (before it only a subject, or after it an auxiliary) it goes alone:
    `Officials, the ministry said, are investigating` had left `Officials`."""
    after = found["after"]
    opening = after.split(None, 1)[:1]  # empty where only spaces follow (a tab, a no-break)
    if len(found.string[: found.start()].split()) < MAIN_CLAUSE_MIN_WORDS or (
        opening and opening[0].lower() in _AUXILIARIES
    ):
        return f" {after}"
    return ""


def _short_name(found: re.Match[str]) -> str:
    """`Federal Bureau of Investigation (FBI)` -> `FBI`: headlines use the short name, in place
    of the words it stands for (`US Federal ...` keeps `US`); a body's name whose letters differ
    (`KMT`) goes whole. Other words stay, without the acronym: `Gerhard Schröder (SPD)` is no
    party, and the brackets would read `Revolutionary Armed Forces of FARC` (the letters of the
    Spanish name) had their capitalised words been replaced."""
    words, acronym = found["name"].split(), found["acronym"]
    if words == ["The"]:  # the name itself is missing (a link's text lost in the copy)
        return acronym
    for start, word in enumerate(words):
        if word not in _CONNECTORS and acronym in _initials(words[start:]):
            return _in_place(words[:start], acronym)
    if words[-1] in _ORGANISATION_WORDS:
        start = len(words)
        # back over the name's capitalised words, not past an owner (`Scholz's Social ...`)
        while start > 0 and words[start - 1][:1].isupper() and not _possessive(words[start - 1]):
            start -= 1
        return _in_place(words[:start], acronym)
    return found["name"]


_NAME_OWNERS = frozenset({"People", "Women", "Children", "Men"})
"""Owners that are words of bodies' names: `People's Party`, `Children's Fund`."""


def _possessive(word: str) -> bool:
    """An owner's name (`Scholz's`), not a word of the body's own name (`People's`,
    `Workers'`)."""
    return word.endswith(("'s", "’s")) and word[:-2] not in _NAME_OWNERS


def _in_place(before: list[str], acronym: str) -> str:
    """The words before a name, then its acronym; a `The` before it goes with the name
    (headlines drop articles, and this one is capitalised mid-sentence)."""
    if before and before[-1] == "The":
        before = before[:-1]
    return " ".join([*before, acronym])


def _initials(words: list[str]) -> tuple[str, ...]:
    """The ways an acronym spells `words`: the capitalised words' first letters, each part of
    a hyphenated word counted or not (`Asia-Pacific ...` APEC), and every word's (MOFA)."""
    parts = [p for w in words for p in w.split("-") if p]
    return (
        "".join(w[0] for w in words if w[0].isupper()),
        "".join(p[0] for p in parts if p[0].isupper()),
        "".join(p[0].upper() for p in parts),
    )


def _headline_of(first: str) -> str:
    """The cleaned lead as a headline: headline tense, no articles, cut to HEADLINE_MAX_WORDS."""
    if " to " in first:
        first = _going_to(first)
    tokens = first.split()
    if tokens and tokens[0].lower() in {"a", "an", "the"}:
        tokens = tokens[1:]
    tokens, verb = headline_tense(tokens)
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


def _appositive(sentence: str) -> re.Match[str] | None:
    """`Cindy Sheehan, a prominent anti-war activist, appeared at ...`: a name, its
    description and the verb after it, in a lead too long for a headline (`an American
    televangelist, former candidate, and founder` is a list, no description)."""
    if len(sentence.split()) <= HEADLINE_MAX_WORDS:
        return None
    found = _APPOSITIVE.match(sentence)
    if found is None or not _opens_verb_group(found["verb"]):
        return None
    return found


def _within(title: str, opening: str) -> bool:
    """Whether the headline holds no more words than `opening` does without its articles:
    it ends before what follows."""
    kept = [w for w in opening.split() if w.lower() not in ("a", "an", "the")]
    return len(title.split()) <= len(kept)


def _opens_verb_group(word: str) -> bool:
    """An auxiliary, a past form of the tense table or a regular past (`appeared`)."""
    return word in _AUXILIARIES or word in _PRESENT or word.endswith("ed")


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
    claim, speaker_words = reported.group("claim"), reported.group("speaker")
    if len(claim.split()) < MAIN_CLAUSE_MIN_WORDS or _IN_RELATIVE.search(speaker_words):
        return None
    if _said_in_a_clause(speaker_words.split()):
        return None
    if not reported.group("that") and not reported.group("verb").endswith(("said", "says")):
        return None
    opening, _, rest = claim.partition(" ")
    pronoun = opening.lower()
    if pronoun not in _SUBJECT_PRONOUNS and pronoun not in _POSSESSIVES:
        return claim
    speaker = _speaker(speaker_words)
    if speaker is None:
        return None
    if pronoun == "it" and _IMPERSONAL_IT.match(rest):
        return None
    return f"{speaker}'s {rest}" if pronoun in _POSSESSIVES else f"{speaker} {rest}"


def _said_in_a_clause(words: list[str]) -> bool:
    """`Protesters seized the hall as the mayor said ...`: a past form before a clause opener
    makes the words before it a main clause, and what was said is not the lead's news (an
    opening clause, `As the premier toured the region, Lin said`, is no such main clause)."""
    opener = next((i for i, w in enumerate(words) if i and w.lower() in _CLAUSE_OPENERS), 0)
    return any(is_past_form(w) for w in words[1:opener])


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
