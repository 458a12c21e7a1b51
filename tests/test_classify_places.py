"""Places: names that are also people, institutions and seas, as a reader of a region page
would see them misfiled."""

from __future__ import annotations

import pytest

from generator.classify.places import find_places
from tests.conftest import one_line_article as article


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        # George (South Africa), Paul (Cape Verde), Kennedy (Colombia), Nelson (New Zealand),
        # Isabel (Solomon Islands), Douglas (Isle of Man), Stanley (Falklands): towns and
        # provinces abroad that news names as people.
        ("President George W. Bush met Paul Martin of Canada at the White House.", ("CA", "US")),
        ("Kennedy told reporters on Monday that Iraq was a quagmire.", ("IQ",)),
        ("Nelson Mandela visited Nairobi, Kenya, on Tuesday.", ("KE",)),
        ("Isabel Allende spoke at the Chilean embassy in Madrid.", ("ES", "CL")),
        ("Morgan Stanley cut its forecast for Japan's growth on Friday.", ("JP",)),
        ("Michael Douglas opened the film festival in Rome on Wednesday.", ("IT",)),
        # "Island" is one of Iceland's spellings; "the island" is not Iceland.
        ("Fire crews on Vancouver Island fought a blaze near Nanaimo.", ("CA",)),
        # Congo and its republic; seas named after a country.
        ("The Republic of Congo held elections on Sunday.", ("CG",)),
        ("The Democratic Republic of Congo and Rwanda signed a deal.", ("CD", "RW")),
        ("An Indian Ocean earthquake triggered tsunami warnings in Indonesia.", ("ID",)),
        ("A spill in the Gulf of Mexico fouled beaches in Louisiana.", ("US",)),
        # A town and its state, in running text as in a dateline: a namesake of a big city
        # abroad, or a city of that name in the state's country.
        ("The festival in Paris, Texas drew 3,000 visitors on Saturday.", ("US",)),
        ("Residents of Athens, Georgia, voted to keep the old theatre open.", ("US",)),
        ("Residents of Athens, Ga., voted to keep the old theatre open.", ("US",)),
        ("Police in Moscow, Idaho, arrested a suspect on Friday.", ("US",)),
        ("The firm opened an office in London, Ontario, on Monday.", ("CA",)),
        ("The mayor of Birmingham, Alabama, said the library would reopen.", ("US",)),
        # The state's country holds the city: nothing changes.
        ("Talks in Tbilisi, Georgia, ended without a deal on Monday.", ("GE",)),
        # A list of places is no town and its state.
        ("Envoys flew to Tokyo, Georgia and Armenia last week.", ("JP", "GE", "AM")),
        ("Exams are held in Nairobi, Vaduz, Valletta, and Vienna.", ("KE", "LI", "MT", "AT")),
        ("Exams are held in Vaduz, Valletta and Vienna.", ("LI", "MT", "AT")),
        # Capitalised words that begin with a state's name are not that state.
        ("Police in Croydon, South London, arrested two men.", ("GB",)),
        ("Talks in Seoul, South Korea, ended on Monday.", ("KR",)),
        # The island, not the West African country.
        ("Researchers on New Guinea found a new tree kangaroo, the university said.", ("PG",)),
        # China's provinces as English news names them (pycountry: `Sichuan Sheng`), and
        # Inner Mongolia, which is not Mongolia
        ("A panda at a zoo in Sichuan gave birth to twins on Monday.", ("CN",)),
        ("The capsule landed in Inner Mongolia on Tuesday.", ("CN",)),
        # a state or province written without its accents (pycountry: `Gujarāt`), and a
        # region under its English name (pycountry: `Bayern`); a municipality's plain
        # spelling is a name (Luče, Slovenia: `Luce`)
        ("Floods cut roads across Gujarat and Tamil Nadu on Monday.", ("IN",)),
        ("Eleven army bases in Bavaria will close, the ministry said.", ("DE",)),
        ("Henry Luce founded the magazine in New York.", ("US",)),
        # a province's name as a person's surname (Farāh, Afghanistan; Miranda, Venezuela)
        ("The runner Mo Farah won the 10,000 metres in London on Saturday.", ("GB",)),
        ("Human Rights Secretary Nilmário Miranda said Brazil would abstain.", ("BR",)),
        # the surname alone later in the story is still the person geography.yml names as
        # no place ("Michael Jordan: ~", "Denzel Washington: ~"; both surnames person_names)
        (
            "Basketball star Michael Jordan retired on Monday. Jordan said he would coach in"
            " Chicago.",
            ("US",),
        ),
        ("Jordan said he would coach in Chicago, the star Michael Jordan told reporters.", ("US",)),
        ("Actor Denzel Washington opened the festival in Toronto. Washington smiled.", ("CA",)),
        ("King Abdullah of Jordan met officials in Amman on Monday.", ("JO",)),
        # the base and camp are run by the US
        ("A detainee at Guantanamo Bay went on hunger strike.", ("US",)),
        # a US state abbreviation after a dateline's town: not the Santa Fe in Argentina
        ("SANTA FE, N.M. — The state will cover college tuition for residents.", ("US",)),
        ("TBILISI, Georgia — Talks on the new border crossing ended on Monday.", ("GE",)),
        # US$ is a price, not a place; the US by name still is.
        ("Sony expects a loss of 10 billion yen (US$90 million) in Japan.", ("JP",)),
        ("The US pledged US$5 million to Kenya's flood relief.", ("US", "KE")),
    ],
)
def test_the_countries_of_a_story(gazetteer, text: str, countries: tuple[str, ...]) -> None:
    assert find_places(article(text), gazetteer).countries == countries


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        # Still places where the phrase says so.
        ("Flooding in County Kerry closed roads on Monday.", "IE"),
        ("Thousands fled fighting in Unity State, the UN said.", "SS"),
        ("A magnitude 7.2 earthquake struck Van Province on Sunday.", "TR"),
        # Jordan, Israel, China, India, Niger are also people's names, skipped before a
        # surname; "Defense" or "Mobile" is no surname.
        ("Israel Defense Forces said on Monday they had struck targets in Lebanon.", "IL"),
        ("China Mobile reported a 5 percent rise in profit on Thursday.", "CN"),
        ("India Today reported that the minister resigned on Monday.", "IN"),
        ("Militants attacked an oil pipeline in the Niger Delta on Sunday.", "NG"),
    ],
)
def test_the_focus_of_a_story(gazetteer, text: str, focus: str) -> None:
    assert find_places(article(text), gazetteer).countries[:1] == (focus,)


@pytest.mark.parametrize(
    "text",
    [
        "Shares of 3M fell 5 percent on Wall Street on Tuesday.",
        "Police in Detroit, MI, arrested a man on Tuesday.",
    ],
)
def test_a_letter_and_a_state_code_are_no_country(gazetteer, text: str) -> None:
    # Aliases "M23" and "MI5" were read as "M" (DR Congo) and "MI" (Britain).
    assert find_places(article(text), gazetteer).countries == ("US",)
