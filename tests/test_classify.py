"""Classify: topics, countries, regions, people and organisations of short news leads."""

from __future__ import annotations

import pytest

from generator.classify import classify
from generator.classify.entities import find_organizations, find_people
from generator.classify.explain import explain
from generator.classify.places import find_places
from generator.classify.topics import find_topics, tokens
from tests.conftest import one_line_article as article


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        ("TAIPEI — The Legislative Yuan passed the budget on Friday after a long debate.", "TW"),
        ("The Republic of China's foreign ministry protested on Monday.", "TW"),
        ("China Airlines posted a 38 percent rise in quarterly profit.", "TW"),
        ("Lin Yu-han of Chinese Taipei won gold at the Asian Championships in Tashkent.", "TW"),
        ("The DPP and the KMT traded blame over the stalled bill on Tuesday.", "TW"),
        ("ATLANTA — Georgia officials finished a recount near Savannah on Friday.", "US"),
        ("TBILISI — Thousands of Georgians rallied outside parliament on Sunday.", "GE"),
        ("Georgia's ruling party won the vote in Tbilisi, officials said.", "GE"),
        ("King Abdullah of Jordan opened a new hospital in Amman on Monday.", "JO"),
        ("Jordan Ellis scored twice as Wellington Phoenix beat Auckland FC.", "NZ"),
        ("Washington state will ban gas leaf blowers, the governor said in Olympia.", "US"),
        ("The Kremlin on Thursday rejected a proposal from Kyiv for a pause.", "RU"),
        ("The Pentagon said on Monday it had picked three companies.", "US"),
        ("A magnitude 6.1 earthquake struck Aomori Prefecture on Monday.", "JP"),
        ("The Diet on Friday passed a bill allowing separate surnames.", "JP"),
        ("PARIS, Texas — A tornado destroyed 40 homes in the town on Sunday.", "US"),
        ("GONDAR, Ethiopia — Pilgrims gathered for Timket on Sunday.", "ET"),
        ("A teacher from County Clare received her degree on Friday.", "IE"),
        ("A passenger train derailed in northern Ontario on Thursday.", "CA"),
    ],
)
def test_focus_country(gazetteer, text: str, focus: str) -> None:
    assert find_places(article(text), gazetteer).countries[0] == focus


def test_the_mainland_is_china_from_hong_kong(gazetteer) -> None:
    text = "HONG KONG — Residents crossed to the mainland for cheaper meals, data showed."
    assert find_places(article(text), gazetteer).countries == ("HK", "CN")


def test_a_passing_mention_is_not_a_country_of_the_story(gazetteer) -> None:
    text = (
        "OSLO — Norway's parliament approved a new fishing quota on Monday. "
        "The quota covers cod and haddock in the Barents Sea. "
        "Fishers in Tromso said the cut was deeper than expected. "
        "The ministry said stocks had fallen for five years. "
        "A similar rule was adopted in Iceland last year."
    )
    assert find_places(article(text), gazetteer).countries == ("NO",)


def test_no_place_means_no_country(gazetteer) -> None:
    assert (
        find_places(article("Scientists found a new beetle, they said."), gazetteer).countries == ()
    )


def test_place_phrases_leave_only_a_sentence_full_stop_out(gazetteer) -> None:
    text = "They met in the U.S. and in Paris. Then Rome, e.g.Lima, here"
    found = [(phrase, start) for phrase, _, start, _ in gazetteer.mentions(text)]
    assert found == [
        ("U.S.", text.index("U.S.")),
        ("Paris", text.index("Paris")),
        ("Rome", text.index("Rome")),
    ]  # "e.g.Lima" is one token, not Lima


def test_the_longest_place_phrase_wins_where_a_shorter_one_starts_inside_it(gazetteer) -> None:
    text = (
        "Fighting resumed in the Democratic Republic of the Congo, near the Republic of the Congo."
    )
    found = [
        (phrase, entry.codes, text[start:end])
        for phrase, entry, start, end in gazetteer.mentions(text)
    ]
    assert found == [
        ("Democratic Republic of the Congo", ("CD",), "Democratic Republic of the Congo"),
        ("Republic of the Congo", ("CG",), "Republic of the Congo"),
    ]


def test_a_domestic_paper_files_its_own_people_at_home(gazetteer) -> None:
    text = (
        "Several Taiwanese lost residency rights after using Chinese passports "
        "in China to enter Russia, a source said."
    )
    assert find_places(article(text), gazetteer).countries[0] == "CN"
    home = find_places(article(text, source="Taipei Times"), gazetteer, "politics")
    assert home.countries[0] == "TW"


def test_a_disaster_is_filed_where_it_struck_even_by_a_domestic_paper(gazetteer) -> None:
    text = "Taiwanese tourists filmed the moment an earthquake struck Japan's Aomori Prefecture."
    places = find_places(article(text, source="Taipei Times"), gazetteer, "disaster")
    assert places.countries[0] == "JP"


@pytest.mark.parametrize(
    ("code", "name", "subregion", "slug", "region"),
    [
        ("TW", "Taiwan", "Eastern Asia", "eastern-asia", "Asia"),
        ("RU", "Russia", "Eastern Europe", "eastern-europe", "Europe"),
        ("US", "United States", "Northern America", "northern-america", "Americas"),
        ("NG", "Nigeria", "Sub-Saharan Africa", "sub-saharan-africa", "Africa"),
        ("AQ", "Antarctica", "Antarctica", "antarctica", "Antarctica"),
    ],
)
def test_geography_of_a_country(gazetteer, code, name, subregion, slug, region) -> None:
    assert gazetteer.country_name(code) == name
    assert gazetteer.subregion_name(code) == subregion
    assert gazetteer.subregion_slug(code) == slug
    assert gazetteer.region_name(code) == region


@pytest.mark.parametrize(
    ("text", "primary"),
    [
        ("A magnitude 7.5 earthquake struck off the coast on Monday, killing 11.", "disaster"),
        ("Dockworkers walked off the job over unpaid overtime, their union said.", "labour"),
        ("The pope named 14 new cardinals, including two archbishops.", "religion"),
        (
            "The central bank raised its lending rate by 50 basis points to curb inflation.",
            "economy",
        ),
        ("Voters elected a new parliament as the opposition party gained seats.", "politics"),
        ("Rebels shelled a displacement camp, killing civilians, as fighting spread.", "conflict"),
        ("Temperatures reached 41 degrees Celsius, the weather service said.", "weather"),
        ("The striker scored a hat-trick as the league leaders won 4-1.", "sport"),
        ("Pupils will study coding from fifth grade, the education ministry said.", "education"),
        ("Health officials confirmed 212 cholera cases and seven deaths.", "health"),
        ("Three men were jailed for a robbery in which staff were threatened.", "crime-law"),
        (
            "Astronomers using a radio telescope found a hydrogen cloud near a galaxy.",
            "science-technology",
        ),
        ("Coral bleaching hit two-thirds of the reefs, marine scientists said.", "environment"),
        ("A novelist won the fiction award for a family saga on Saturday.", "arts-culture"),
        ("Marriage registrations fell by a fifth as the birth rate kept falling.", "society"),
        ("A 103-year-old woman was reunited with the sheepdog she lost.", "human-interest"),
        ("Bookings for backcountry huts sold out as hikers rushed for the walks.", "lifestyle"),
        # transport is an economy subject in IPTC's tree
        (
            "Public transport ridership hit a record as commuters returned to offices.",
            "economy",
        ),
    ],
)
def test_primary_topic(config, text: str, primary: str) -> None:
    assert find_topics(article(text), config.topics).topics[0].slug == primary


@pytest.mark.parametrize(
    ("text", "primary"),
    [
        # The trade does not make a strike a health story, nor a tax an economy one.
        ("Resident doctors began a five-day strike over pay, forcing hospitals to wait.", "labour"),
        (
            "The city will raise its tourist tax to cope with overtourism, the mayor said.",
            "lifestyle",
        ),
        ("An Israeli air strike hit a car near Tyre, killing two people.", "conflict"),
        ("The Nuggets won in overtime with a three-pointer in the final seconds.", "sport"),
        (
            "Deforestation fell 30 percent, according to satellite data from the space agency.",
            "environment",
        ),
    ],
)
def test_the_subject_outweighs_its_setting(config, text: str, primary: str) -> None:
    assert find_topics(article(text), config.topics).topics[0].slug == primary


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("A 102-year-old woman", "centenarian"),
        ("a 94-year-old farmer", "nonagenarian"),
        ("a 43-year-old man", "0-year-old"),
        ("the 1500-year-old temple", "0-year-old"),
    ],
)
def test_a_great_age_is_read_as_a_word(text: str, word: str) -> None:
    assert word in tokens(text)


def test_strikes_on_infrastructure_are_war_not_labour(config) -> None:
    text = "The Kremlin rejected a halt to strikes on energy infrastructure."
    assert find_topics(article(text), config.topics).topics[0].slug == "conflict"


def test_no_evidence_falls_back_to_society(config) -> None:
    assert [t.slug for t in find_topics(article("Hello there."), config.topics).topics] == [
        "society"
    ]


def test_lead_words_count_double(config) -> None:
    text = "Floods hit the valley on Monday. Roads were closed after the floods."
    evidence = find_topics(article(text), config.topics).evidence
    weights = {(e.zone.value, e.why): e.weight for e in evidence if e.target == "disaster"}
    assert weights[("lead", "flood*")] == 2 * weights[("body", "flood*")]


def test_a_phrase_stem_matches_the_inflected_phrase_and_a_longer_phrase_wins(config) -> None:
    text = "Interest rates rose. The central bank held interest rates, the bank said."
    evidence = find_topics(article(text), config.topics).evidence
    lexicon = [(e.phrase, e.why) for e in evidence if e.why != "model"]
    assert ("interest rates", "interest rate*") in lexicon
    assert ("central bank", "central bank") in lexicon
    assert ("bank", "bank") in lexicon  # the lone "bank" later in the sentence


def test_classify_fills_every_field_in_step(config, gazetteer) -> None:
    text = "TOKYO — The Bank of Japan raised its interest rate, citing strong wage growth."
    done = classify(article(text), config, gazetteer)
    assert done.topics[0] == "economy"
    assert done.iptc[0] == "medtop:04000000"
    assert len(done.iptc) == len(done.topics) <= 3
    assert done.countries == ("JP",)
    assert done.regions == ("eastern-asia",)


def test_people_keep_their_chinese_names() -> None:
    text = (
        "The group met with President William Lai (賴清德) and former president "
        "Tsai Ing-wen (蔡英文), while Sanae Takaichi, a senior Diet member, spoke."
    )
    assert find_people(article(text)) == (
        "William Lai (賴清德)",
        "Tsai Ing-wen (蔡英文)",
        "Sanae Takaichi",
    )


def test_an_office_described_like_a_person_is_no_person() -> None:
    text = (
        "Jeremy Hunt succeeded him as Foreign Secretary, the United Kingdom's chief diplomat, "
        "and Prime Minister Theresa May stepped down. Julie Bishop, the Australian foreign "
        "minister, called him."
    )
    # a surname may be a title word too
    assert find_people(article(text)) == ("Theresa May", "Julie Bishop")


def test_places_with_chinese_names_are_no_people() -> None:
    text = (
        "Premier Cho Jung-tai (卓榮泰) toured the Deji Reservoir (德基水庫) and Sun Moon Lake "
        "(日月潭) on Monday."
    )
    assert find_people(article(text)) == ("Cho Jung-tai (卓榮泰)",)


def test_organizations_with_acronyms_and_head_words() -> None:
    text = (
        "She joined the Liberal Democratic Party (LDP) in 2005 and later the House of "
        "Councilors, the Ministry of Foreign Affairs said."
    )
    assert find_organizations(article(text)) == (
        "Liberal Democratic Party (LDP)",
        "Ministry of Foreign Affairs",
    )


def test_explain_names_the_words_behind_the_decision(config, gazetteer) -> None:
    text = "KYIV — Russian drones hit substations overnight, Ukraine's military said."
    lines = explain(article(text), config, gazetteer)
    assert lines[1].startswith("  topics:    conflict")
    assert lines[2].startswith("  countries: UA")
    assert any("'KYIV' dateline alias 4" in line for line in lines)
    assert any(line.startswith("  * conflict") and "'drones'" in line for line in lines)
