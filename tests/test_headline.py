"""Headline: what a lead sentence becomes when a story has no headline line."""

from __future__ import annotations

import pytest

from generator.headline import HEADLINE_MAX_WORDS, compress_headline
from tests.segment_fixtures import BRIDGE


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        (
            BRIDGE[0],
            "Engineers in northern port city of Halvik open new suspension bridge across Tarn "
            "estuary",
        ),
        (
            "The president will visit Kenya next week, officials said.",
            "President to visit Kenya",
        ),
        (
            "Chinese Nationalist Party (KMT) Chairwoman Lin Mei-hua (林美華) yesterday decried a "
            "plan to ban Chinese video sharing app Duoshan (多閃) for a year, she said.",
            "KMT Chairwoman Lin Mei-hua decries plan to ban Duoshan for a year",
        ),
        (
            # the list's tail took the words of what they were called on to do
            "A retired Dutch admiral on Monday called on Norway, Denmark and other northern "
            "allies to build a joint icebreaker fleet before the shipping lanes open.",
            "Retired Dutch admiral calls on Norway, Denmark to build joint icebreaker fleet",
        ),
        (
            # no list of names before it: the others are what the lead is about
            "Rescue teams in the hills on Tuesday pulled three miners and other workers from "
            "a flooded shaft after a storm.",
            "Rescue teams in hills pull three miners and other workers from flooded shaft",
        ),
    ],
)
def test_headline_compressed_from_the_lead(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        (
            "According to the agency, the harbour director has resigned.",
            "Harbour director resigns",
        ),
        (
            "Mayor Erik Lund, head of the city council, has said that the ferry will keep running "
            "until the bridge opens.",
            "Ferry to keep running until bridge opens",
        ),
    ],
)
def test_headline_drops_openers_and_speakers(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        # a claim about the speaker: the speaker's name stands where the pronoun was
        (
            "Harbour operator Nordlink has announced that it will close the old ferry terminal "
            "in March.",
            "Harbour operator Nordlink to close old ferry terminal in March",
        ),
        (
            "The head of the port authority, Anna Berg, has said that she will step down at the "
            "end of the year.",
            "Anna Berg to step down at end of the year",
        ),
        (
            "The harbour board said that its budget would double the money spent on dredging "
            "the channel.",
            "Harbour board's budget would double money spent on dredging channel",
        ),
        (
            "The minister said his department would review every ferry licence in the spring.",
            "Minister's department would review every ferry licence in spring",
        ),
        # after `announced` without `that` come the verb's objects: the lead is used whole
        (
            "Mayor Erik Lund announced his resignation after ten years in office.",
            "Mayor Erik Lund announces his resignation after ten years in office",
        ),
        (
            "The port authority has announced charges against six men who blocked the harbour "
            "entrance.",
            "Port authority announces charges against six men who blocked harbour entrance",
        ),
    ],
)
def test_headline_of_a_claim_about_the_speaker_names_the_speaker(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        (
            "On May 5, 2006, the harbour board approved a new ferry timetable for the islands.",
            "Harbour board approves new ferry timetable for islands",
        ),
        (
            "Flooding has closed 40 roads across the northern province, according to the "
            "highways agency.",
            "Flooding closes 40 roads across northern province",
        ),
        (
            "The new suspension bridge across the Tarn estuary is set to open to traffic next "
            "month.",
            "New suspension bridge across Tarn estuary to open to traffic",
        ),
        (
            "Nordlink chief executive Ole Brandt, who has run the ferry company since 2015, is "
            "set to step down after the summer.",
            "Nordlink chief executive Ole Brandt to step down after summer",
        ),
        (
            "The airline will cut 300 jobs at its northern base, the company said.",
            "Airline to cut 300 jobs at its northern base",
        ),
    ],
)
def test_headline_style_drops_sources_asides_and_auxiliaries(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


def test_headline_keeps_a_due_to_that_gives_a_cause() -> None:
    # `is due to` + a noun gives a cause, not a schedule: `Delay to storm` would say otherwise
    lead = "The delay to the ferry timetable is due to a storm in the strait."
    assert compress_headline(lead) == "Delay to ferry timetable is due to storm in strait"
    lead = "The new ferry is due to be named at a ceremony in the harbour."
    assert compress_headline(lead) == "New ferry to be named at ceremony in harbour"


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        # an `it` that stands for no one: the speaker was not unclear, nor too early
        (
            "The harbour master's office said it was unclear whether the two fires were linked.",
            "Harbour master's office says it was unclear whether two fires were linked",
        ),
        (
            "A spokesman for the port said it was too early to say what caused the fire.",
            "Spokesman for port says it was too early to say what caused fire",
        ),
        (
            "The harbour board said it would take years to dredge the channel again.",
            "Harbour board says it would take years to dredge channel again",
        ),
        (
            "Engineers said it could be months before the bridge reopens to traffic.",
            "Engineers say it could be months before bridge reopens to traffic",
        ),
        # the speaker's own `it` still takes the name
        (
            "The harbour board said it would close the old ferry terminal in March.",
            "Harbour board would close old ferry terminal in March",
        ),
    ],
)
def test_headline_gives_an_impersonal_it_no_speakers_name(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


@pytest.mark.parametrize(
    "lead",
    [
        "Police in the harbour town of Halvik say the fishing boat that sank on Sunday was "
        "known to be unsafe.",
        "Residents of the island of Skarvik, which has no bridge to the mainland, are expected "
        "to vote against the plan in a referendum.",
        "The regional health authority in the far north of the country is expected to announce "
        "new limits on hospital visits.",
        "Ferry workers at the three northern ports have warned that they are likely to strike "
        "again before the end of the month.",
    ],
)
def test_headline_never_stops_on_a_word_that_needs_more(lead: str) -> None:
    title = compress_headline(lead)
    words = title.split()
    assert words[-1].lower() not in {"is", "are", "known", "expected", "that", "warned", "to"}
    assert len(words) <= 17


def test_compressed_headline_is_short_and_unattributed() -> None:
    long_lead = " ".join(["council"] * 30) + ", the mayor said."
    title = compress_headline(long_lead)
    assert len(title.split()) <= HEADLINE_MAX_WORDS
    assert "said" not in title and "says" not in title


@pytest.mark.parametrize(
    "lead, headline",
    [
        (
            "Divers found the ferry's bell in yesterday's search of the Tarn estuary.",
            "Divers find ferry's bell in search of Tarn estuary",
        ),
        (
            "Turnout in last week’s council election in Halvik rose to 71 percent.",
            "Turnout in council election in Halvik rises to 71 percent",
        ),
    ],
)
def test_a_time_word_with_a_possessive_goes_whole(lead: str, headline: str) -> None:
    assert compress_headline(lead) == headline


@pytest.mark.parametrize(
    "lead, headline",
    [
        (
            "A Japanese film about the Halvik ferry won the top prize at a festival in Oslo.",
            "Japanese film about Halvik ferry wins top prize at festival in Oslo",
        ),
        # the demonym is the subject when the verb follows it
        (
            "Some Japanese lost their ferry passes in the storm.",
            "Some Japanese lose their ferry passes in storm",
        ),
    ],
)
def test_a_demonym_opening_the_lead_is_plural_only_as_the_subject(lead: str, headline: str) -> None:
    assert compress_headline(lead) == headline


@pytest.mark.parametrize(
    "lead, headline",
    [
        ("Police in Halvik arrested two smugglers.", "Police in Halvik arrest two smugglers"),
        # before a noun or a name `police` is part of a title: the subject is singular
        ("The police chief resigned after the raid.", "Police chief resigns after raid"),
        (
            "Police Commissioner Anna Berg warned of more smuggling.",
            "Police Commissioner Anna Berg warns of more smuggling",
        ),
    ],
)
def test_police_opening_the_lead_is_plural_only_as_the_subject(lead: str, headline: str) -> None:
    assert compress_headline(lead) == headline


def test_a_speech_verb_inside_a_relative_clause_gives_no_claim() -> None:
    lead = (
        "Halvik engineers have designed a floating pier from recycled steel, which they said "
        "could be built in other ports"
    )
    assert compress_headline(lead) == "Halvik engineers design floating pier from recycled steel"
    # a closed aside before the verb still leaves the speaker's claim
    lead = "Erik Lund, who runs the ferry line, said that the last crossing would be in May."
    assert compress_headline(lead) == "Last crossing would be in May"


@pytest.mark.parametrize(
    "teaser, headline",
    [
        ("A Halvik court report has concluded that two", "Halvik court report concludes"),
        (
            "Halvik's mayor faces a growing row that has cost the city its Nordic",
            "Halvik's mayor faces growing row",
        ),
        (
            "The Halvik Ferry Company said that six of its boats were damaged in the storm on "
            "Sunday, the worst in years, and that it",
            "Six of its boats damaged in storm, worst in years",
        ),
    ],
)
def test_a_teaser_headline_drops_the_clause_the_page_cut_off(teaser: str, headline: str) -> None:
    assert compress_headline(teaser) == headline


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        (
            "The harbour master has resigned after the collision.",
            "Harbour master resigns after collision",
        ),
        ("Dock workers have walked out over pay.", "Dock workers walk out over pay"),
        ("The ferry union has also announced a strike.", "Ferry union also announces strike"),
        ("The new bridge has begun carrying traffic.", "New bridge begins carrying traffic"),
        (
            "Halvik's mayor has been re-elected by a wide margin.",
            "Halvik's mayor re-elected by wide margin",
        ),
        (
            "Two sailors were rescued off the coast of Halvik.",
            "Two sailors rescued off coast of Halvik",
        ),
        (
            "The ferry company is being investigated by regulators.",
            "Ferry company investigated by regulators",
        ),
        ("The port is expected to reopen in March.", "Port expected to reopen in March"),
        (
            "Fishermen are protesting against the new quotas.",
            "Fishermen protest against new quotas",
        ),
        ("The harbour master is reviewing the rules.", "Harbour master reviews rules"),
        # ... not after a first time or a superlative, nor in a clause after `to`
        (
            "Banks in Halvik have reopened for the first time since the storm.",
            "Banks in Halvik reopen for first time since storm",
        ),
        (
            "The port has posted its biggest loss since 1992.",
            "Port posts its biggest loss since 1992",
        ),
        (
            "The harbour board has agreed to close the pier for three months.",
            "Harbour board agrees to close pier for three months",
        ),
        # a second verb of the group takes its tense too
        (
            "Police have arrested and charged the captain of the trawler.",
            "Police arrest and charge captain of trawler",
        ),
        (
            "Customs officers have seized the cargo and detained the crew.",
            "Customs officers seize cargo and detain crew",
        ),
    ],
)
def test_headline_says_the_main_verb_in_headline_tense(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        # the future, a possession, a negation, a state: not a verb group to shorten
        ("The company is going to build a new terminal.", "Company is going to build new terminal"),
        ("The harbour master has three deputies.", "Harbour master has three deputies"),
        ("The harbour master has not resigned.", "Harbour master has not resigned"),
        # an -ing word after `be` that describes, not one that does
        ("The rise in ferry fares is alarming.", "Rise in ferry fares is alarming"),
        ("Two fishermen are missing after the storm.", "Two fishermen are missing after storm"),
        (
            "The ferry company is willing to sell the old terminal.",
            "Ferry company is willing to sell old terminal",
        ),
        ("The new timetable is disappointing.", "New timetable is disappointing"),
        ("The ferry has been a lifeline for the island.", "Ferry has been lifeline for island"),
        # an adverb that needs the perfect
        (
            "The port has already spent its dredging budget.",
            "Port has already spent its dredging budget",
        ),
        ("The mayor has just returned from Oslo.", "Mayor has just returned from Oslo"),
        ("The harbour master has since resigned.", "Harbour master has since resigned"),
        # a duration the perfect runs over: the present would say it stops now
        (
            "Anna Berg has served as harbour master since 2018.",
            "Anna Berg has served as harbour master since 2018",
        ),
        (
            "The ferry has run between Halvik and Tarn for 30 years.",
            "Ferry has run between Halvik and Tarn for 30 years",
        ),
        (
            "Dock workers have blocked the harbour for the past two weeks.",
            "Dock workers have blocked harbour for past two weeks",
        ),
        # a verb group after the main verb belongs to another clause
        (
            "Police arrested a man who has been wanted since 2019.",
            "Police arrest man who has been wanted since 2019",
        ),
        # ... as does one in a relative clause before it
        (
            "The harbour pilot who is suspected of causing the collision has been arrested.",
            "Harbour pilot who is suspected of causing collision has been arrested",
        ),
        (
            "Ferry passengers who have been stranded by the strike are to be given refunds.",
            "Ferry passengers who have been stranded by strike are to be given refunds",
        ),
        # an impersonal `it` did nothing: its passive stays one where the opening stays
        (
            "It is thought that the ferry company ignored safety warnings for years.",
            "It is thought that ferry company ignored safety warnings for years",
        ),
        # ... and an opening that only says the news is known goes: the news is what follows
        (
            "It has been revealed that the ferry company ignored safety warnings for years.",
            "Ferry company ignores safety warnings for years",
        ),
        ("It is understood that the harbour master will resign.", "Harbour master to resign"),
        (
            "It has been confirmed by the port authority that the pier will close.",
            "It has been confirmed by port authority that pier to close",
        ),
    ],
)
def test_headline_leaves_other_verb_groups_as_they_are(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        (
            "Halvik Rovers defeated Tarn City 3-1 on Saturday.",
            "Halvik Rovers defeats Tarn City 3-1",
        ),
        ("Ferry fares in Halvik rose by 5 percent.", "Ferry fares in Halvik rise by 5 percent"),
        ("Two sailors died in the storm.", "Two sailors die in storm"),
        (
            "The harbour's new crane arrived from Rotterdam.",
            "Harbour's new crane arrives from Rotterdam",
        ),
        (
            "The rally organised by 30 groups took place in the square.",
            "Rally organised by 30 groups takes place in square",
        ),
        (
            "Sales of previously owned homes in Halvik fell sharply.",
            "Sales of previously owned homes in Halvik fall sharply",
        ),
        ("Halvik and Tarn merged their ferry lines.", "Halvik and Tarn merge their ferry lines"),
        (
            "A fuel tank at the port exploded and caught fire.",
            "Fuel tank at port explodes and catches fire",
        ),
        # a passive without its auxiliary reads as a headline already
        (
            "Three fishermen rescued off Halvik by the coastguard.",
            "Three fishermen rescued off Halvik by coastguard",
        ),
        # a name in -s that is singular
        ("The Philippines summoned Taiwan's envoy.", "Philippines summons Taiwan's envoy"),
        ("Reuters obtained a copy of the report.", "Reuters obtains copy of report"),
        # a past form before `by` is a passive participle: the verb comes later or not at all
        ("Two men arrested by police were freed.", "Two men arrested by police were freed"),
        ("A report released by the ministry found gaps.", "Report released by ministry found gaps"),
        ("The envoy arrived by train on Monday.", "Envoy arrives by train"),
        # a capitalised word in -s before another names someone, it is no plural subject
        ("Jacques Lemaire died at home in Lyon.", "Jacques Lemaire dies at home in Lyon"),
        (
            "Texas Governor Dana Hill won the party's straw poll.",
            "Texas Governor Dana Hill wins party's straw poll",
        ),
        ("His Majesty King Tupou passed away on Sunday.", "His Majesty King Tupou passes away"),
        # a noun the dictionary also knows as a past form is the noun
        ("The cabin crew went on strike in Taipei.", "Cabin crew goes on strike in Taipei"),
        ("The weather forecast predicted heavy rain.", "Weather forecast predicts heavy rain"),
        # a participle describing a noun is no main verb: the verb after it is
        (
            "Halvik-based ferry operator Nordlink cancelled all crossings.",
            "Halvik-based ferry operator Nordlink cancels all crossings",
        ),
        (
            "The region located north of Halvik voted to stay.",
            "Region located north of Halvik votes to stay",
        ),
        (
            "A former Halvik mayor convicted of bribery appealed the ruling.",
            "Former Halvik mayor convicted of bribery appeals ruling",
        ),
        (
            "Trade between Halvik and Tarn fell for a third month.",
            "Trade between Halvik and Tarn falls for third month",
        ),
        (
            "Halvik's revised budget plan drew criticism.",
            "Halvik's revised budget plan draws criticism",
        ),
        (
            "Protests fuelled by rising fares spread across Halvik.",
            "Protests fuelled by rising fares spread across Halvik",
        ),
        (
            "Students injured yesterday returned to school.",
            "Students injured return to school",
        ),
    ],
)
def test_headline_says_a_simple_past_main_verb_in_the_present(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


def test_a_reporting_noun_after_a_preposition_may_end_a_headline() -> None:
    lead = (
        "The harbour board should open a full investigation into reports that some pilots "
        "skipped their safety checks last winter."
    )
    assert compress_headline(lead) == "Harbour board should open full investigation into reports"


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        # a past form between a noun phrase's first words and its head describes the head
        (
            "A socialist inspired youth group held its first congress in Halvik.",
            "Socialist inspired youth group holds its first congress in Halvik",
        ),
        (
            "The Halvik Folk Club, a socialist inspired youth group, lost its council grant.",
            "Halvik Folk Club, socialist inspired youth group, loses its council grant",
        ),
        (
            "Three home made bombs exploded near the harbour.",
            "Three home made bombs explode near harbour",
        ),
        (
            "Four declared candidates debated the ferry fares.",
            "Four declared candidates debate ferry fares",
        ),
        (
            "The ferry union and retired dock workers marched through Halvik.",
            "Ferry union and retired dock workers march through Halvik",
        ),
        # ... but after a subject it is the main verb, whatever kind of object follows
        (
            "Halvik troops captured rebel positions near the border.",
            "Halvik troops capture rebel positions near border",
        ),
        (
            "The harbour master promised voters a new pier.",
            "Harbour master promises voters new pier",
        ),
        ("Customs officers seized toys made in Tarn.", "Customs officers seize toys made in Tarn"),
        ("A study found smokers lived shorter lives.", "Study finds smokers lived shorter lives"),
    ],
)
def test_a_past_form_describing_a_noun_is_no_main_verb(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        # a participle followed by a time word, a phrase or the verb itself opens a reduced
        # relative clause: the past form after it is the main verb
        (
            "Suspects detained Monday confessed to the robbery.",
            "Suspects detained Monday confess to robbery",
        ),
        ("Lawmakers questioned denied any wrongdoing.", "Lawmakers questioned deny any wrongdoing"),
        (
            "Ferry crossings cancelled because of the storm resumed on Sunday.",
            "Ferry crossings cancelled because of storm resume",
        ),
        (
            "Two smugglers caught by customs officers in Halvik admitted the charges.",
            "Two smugglers caught by customs officers in Halvik admit charges",
        ),
        (
            "A recall issued for toys made in Tarn widened.",
            "Recall issued for toys made in Tarn widens",
        ),
        # ... but not one after an article, nor one that a preposition makes a participle too
        (
            "Three sailors rescued by the injured guards returned home.",
            "Three sailors rescued by injured guards return home",
        ),
        (
            "A diver jailed for thefts committed by his crew lost his appeal.",
            "Diver jailed for thefts committed by his crew loses his appeal",
        ),
    ],
)
def test_the_verb_after_a_reduced_relative_clause_is_the_main_one(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        # a description that would take the verb's place in the cut goes, the name stays
        (
            "Dana Wells, a prominent anti-war activist from the coastal town of Halvik, "
            "appeared at a news conference in Tarn on Thursday to speak again.",
            "Dana Wells appears at news conference in Tarn to speak again",
        ),
        # one that leaves room for the verb says who the name is
        (
            "Lee Moran, the former harbour master of Halvik, has died at the age of 90.",
            "Lee Moran, former harbour master of Halvik, dies at age of 90",
        ),
    ],
)
def test_a_description_after_the_name_goes_only_when_the_verb_would(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        # a verb with no passive: a preposition after its past form opens no agent
        ("The mayor appeared at the hearing in Tarn.", "Mayor appears at hearing in Tarn"),
        (
            "Violence erupted in the port of Halvik after the council closed the fish market.",
            "Violence erupts in port of Halvik after council closes fish market",
        ),
        # the last word of a name is no plural subject
        ("Ana Torres Rios died in Halvik on Sunday.", "Ana Torres Rios dies in Halvik"),
    ],
)
def test_verbs_without_a_passive_and_names_in_s(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        # an adverb in -ly between the auxiliary and its verb
        (
            "The harbour court has unanimously ruled that the fishing ban is lawful.",
            "Harbour court unanimously rules that fishing ban is lawful",
        ),
        (
            "Officials in Tarn are closely watching the storm.",
            "Officials in Tarn closely watch storm",
        ),
        # a speech verb in a clause after the main one: the lead's news is the main clause,
        # and the plural subject's number stays in its own clause
        (
            "Protesters seized the town hall in Halvik as the mayor said the count was flawed.",
            "Protesters seize town hall in Halvik as mayor says count was flawed",
        ),
    ],
)
def test_adverbs_in_the_verb_group_and_clauses_after_the_main_one(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        # `by` before a margin or an amount measures the verb: no agent, the verb is active
        (
            "The Harbour Party won by a landslide in Sunday's vote in Halvik.",
            "Harbour Party wins by landslide in Sunday's vote in Halvik",
        ),
        ("The levy passed by 31 votes to 12 in Tarn.", "Levy passes by 31 votes to 12 in Tarn"),
        (
            "Fish exports dropped by 13 percent in May as fuel costs climbed.",
            "Fish exports drop by 13 percent in May as fuel costs climbed",
        ),
        # an agent after `by` keeps the participle, a count of people included
        (
            "A ferry hijacked by 12 gunmen reached Halvik on Monday.",
            "Ferry hijacked by 12 gunmen reaches Halvik",
        ),
    ],
)
def test_by_before_a_margin_or_amount_is_no_agent(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        # an adverb between the subject and its verb does not hide a plural subject
        (
            "Fish prices also rose in Halvik after the storm closed the port.",
            "Fish prices also rise in Halvik after storm closes port",
        ),
        (
            "Ferry fares nationwide rose by 8 percent on Monday.",
            "Ferry fares nationwide rise by 8 percent",
        ),
        # `United` names a country or a body, it is no participle describing the head
        (
            "The United Provinces imposed a levy on fish from Tarn.",
            "United Provinces imposes levy on fish from Tarn",
        ),
        # a first name in -s before a particle of the surname is no plural
        (
            "Tomas de Vries resigned as mayor of Halvik.",
            "Tomas de Vries resigns as mayor of Halvik",
        ),
        ("Idris bin Omar, 71, died in Tarn on Sunday.", "Idris bin Omar, 71, dies in Tarn"),
    ],
)
def test_number_across_adverbs_united_and_name_particles(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        # a verb group after a main clause in the past is another clause's: the main verb is
        # the one before it
        (
            "Soldiers took control of the port of Halvik before dawn, where the rebel leader "
            "is currently serving a sentence.",
            "Soldiers take control of port of Halvik",
        ),
        # a past form of the tense table before a phrase and a finite verb opens a reduced
        # relative clause: it stays a participle
        (
            "The man arrested after the riot in Halvik has been charged with arson.",
            "Man arrested after riot in Halvik has been charged with arson",
        ),
    ],
)
def test_verb_groups_of_other_clauses_stay_as_they_are(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        # a weekday's part of the day goes with it, as `early` or `late` before it
        (
            "The Tarn council voted 5-2 on Tuesday night to approve a new skate park.",
            "Tarn council votes 5-2 to approve new skate park",
        ),
        (
            "A storm reached Halvik early on Thursday, closing the ferry port.",
            "Storm reaches Halvik, closing ferry port",
        ),
        # so does the part of a day named by `yesterday`, `today` or `last`
        (
            "A fire yesterday afternoon destroyed the old ferry terminal in Halvik.",
            "Fire destroys old ferry terminal in Halvik",
        ),
        (
            "The Tarn council late last night approved a new skate park for Halvik.",
            "Tarn council approves new skate park for Halvik",
        ),
        # after `the` or a possessive, `last night` is a noun, not a time: it stays
        (
            "Crowds in Halvik cheered the last night of the harbour festival on the quay.",
            "Crowds in Halvik cheer last night of harbour festival on quay",
        ),
        (
            "The mayor's last night in office was spent at the Halvik harbour festival.",
            "Mayor's last night in office spent at Halvik harbour festival",
        ),
        # an adverb that needs the clause after it goes with the clause the cut leaves out
        (
            "Lin Mei-ling Chen, Halvik's long-serving mayor, announced her resignation shortly"
            " after midnight on Thursday in an internet video broadcast.",
            "Lin Mei-ling Chen, Halvik's long-serving mayor, announces her resignation",
        ),
        # the words before a name glossed in Chinese characters go, not the `by` of an agent
        (
            "The film, directed by Lin Mei (林美), won the top prize in Halvik.",
            "Film, directed by Lin Mei, wins top prize in Halvik",
        ),
    ],
)
def test_time_words_and_glossed_names_leave_no_stray_words(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        # a past form after a description set off by commas is the main verb
        (
            "Halvik Foods, the region's largest fish canner, unveiled a new plant in Tarn.",
            "Halvik Foods, region's largest fish canner, unveils new plant in Tarn",
        ),
        (
            "The suspect, a 23-year-old man from Tarn, appeared in court in Halvik.",
            "Suspect, 23-year-old man from Tarn, appears in court in Halvik",
        ),
        # one that is a participle before its phrase describes the name
        (
            "Lena Berg, 45, released from prison in Tarn, said she would appeal.",
            "Lena Berg, 45, released from prison in Tarn, says she would appeal",
        ),
    ],
)
def test_a_past_form_after_a_description_in_commas_is_the_main_verb(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        # a cut never leaves a conjunction or a relative pronoun at the end
        (
            "A younger brother of rebel leader Dan Oru is the latest of around 120 fighters "
            "whom have surrendered in the hills of Halvik.",
            "Younger brother of rebel leader Dan Oru is latest of around 120 fighters",
        ),
        (
            "Friday is not only a day of mourning for the fishing town of Halvik, but for the "
            "whole coast as well.",
            "Friday is not only a day of mourning for fishing town of Halvik",
        ),
        (
            "The navy is considering replacing the old engines on its patrol boats with electric "
            "motors so that they can be used for night patrols in the harbour.",
            "Navy considers replacing old engines on its patrol boats with electric motors",
        ),
    ],
)
def test_a_cut_leaves_no_conjunction_at_the_end(lead: str, title: str) -> None:
    assert compress_headline(lead) == title


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        (
            "The Federal Bureau of Investigation (FBI) has arrested a harbour official in Halvik "
            "on bribery charges.",
            "FBI arrests harbour official in Halvik on bribery charges",
        ),
        (
            "The US Food and Drug Administration (FDA) has approved a new malaria vaccine for "
            "children under five.",
            "US FDA approves new malaria vaccine for children under five",
        ),
        (
            "Chancellor Olaf Scholz's Social Democratic Party (SPD) won the most seats in the "
            "state election in Halvik on Sunday.",
            "Chancellor Olaf Scholz's SPD wins most seats in state election in Halvik",
        ),
        (
            "Former chancellor Gerhard Schröder (SPD) criticised the new coalition agreement in "
            "a speech in Halvik yesterday.",
            "Former chancellor Gerhard Schröder criticises new coalition agreement in speech in "
            "Halvik",
        ),
    ],
)
def test_an_acronym_replaces_only_the_words_it_stands_for(lead: str, headline: str) -> None:
    """Not `Federal Bureau of FBI` (the capitalised words before the bracket alone), nor a
    party's letters for the person who belongs to it."""
    assert compress_headline(lead) == headline


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        (
            "An opposition rally was held, yesterday, in Halvik, the capital of Tarnland, in "
            "support of the candidate.",
            "Opposition rally held in Halvik, capital of Tarnland, in support of candidate",
        ),
        (
            "The mayor of Halvik, Lin Mei-hua, (KMT), said the bridge would reopen next week.",
            "Mayor of Halvik, Lin Mei-hua, says bridge would reopen",
        ),
    ],
)
def test_what_goes_from_between_commas_leaves_no_empty_comma(lead: str, headline: str) -> None:
    assert compress_headline(lead) == headline


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        (
            "Ferry fares in Halvik rose 9% in March, the harbour authority said today, in a sign "
            "that fuel costs are still climbing.",
            "Ferry fares in Halvik rise 9% in March",
        ),
        (
            "Lin Mei-hua, a reporter working in Halvik for the Tarn Courier, has been reported "
            "missing, amid fears that she has been kidnapped.",
            "Lin Mei-hua, reporter working in Halvik for Tarn Courier, reported missing",
        ),
    ],
)
def test_a_source_inside_the_lead_goes_with_the_comment_after_it(lead: str, headline: str) -> None:
    assert compress_headline(lead) == headline


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        (
            "Officials, the ministry said today, are investigating the cause of the fire.",
            "Officials investigate cause of fire",
        ),
        (
            "Police, the agency said, have arrested three men over the robbery of a bank.",
            "Police arrest three men over robbery of bank",
        ),
        (
            "The ferry company, the report said, has lost money for the third year in a row.",
            "Ferry company loses money for third year in row",
        ),
    ],
)
def test_a_source_between_subject_and_verb_goes_alone(lead: str, headline: str) -> None:
    # the words after the source are the lead's own predicate, not a comment on it: dropping
    # them with the source left `Officials`
    assert compress_headline(lead) == headline


@pytest.mark.timeout(60)
@pytest.mark.parametrize("gap", [" " * 200_000, "\t " * 100_000])
def test_a_long_run_of_spaces_after_a_comma_is_no_runaway_scan(gap: str) -> None:
    # Not a speed target (those are in `make bench`): a guard against scans that grow with the
    # square of dump text. Patterns opening with `\s+` tried every start in a run of spaces (a
    # dump's column padding): 30,000 spaces took 6 s, these 200,000 would take minutes, and
    # the test's timeout fails them. Now a few milliseconds.
    headline = compress_headline(f"Prices rose sharply,{gap}in March, the agency said, in a sign.")
    assert headline == "Prices rise sharply, in March"
