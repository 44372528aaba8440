from __future__ import annotations

import csv
import datetime as dt
import re
import time
from pathlib import Path

import pytest

from scrutiny.extract.authorities import (
    Authority,
    Mention,
    all_authorities,
    by_code,
    by_ons,
    by_region,
    by_urn,
    find_mentions,
    fold,
    lookup,
    resolve_descriptor,
)

SHARED_CODES = Path("/work/shared/gold/la_codes.csv")


def spans(text: str, **kwargs) -> list[tuple[str, str]]:
    return [(m.text, m.authority.code) for m in find_mentions(text, **kwargs)]


# --- the table -------------------------------------------------------------------------------------


def test_every_row_has_a_three_digit_code_and_codes_are_unique():
    codes = [a.code for a in all_authorities()]
    assert all(re.fullmatch(r"\d{3}", code) for code in codes)
    assert len(codes) == len(set(codes))


def test_ofsted_urns_and_ons_codes_are_unique_where_known():
    urns = [a.ofsted_urn for a in all_authorities() if a.ofsted_urn]
    ons = [a.ons_code for a in all_authorities() if a.ons_code]
    assert len(urns) == len(set(urns))
    assert len(ons) == len(set(ons))


def test_every_row_has_region_kind_and_council_name():
    regions = {a.region for a in all_authorities()}
    assert regions == {
        "North East",
        "North West",
        "Yorkshire and the Humber",
        "East Midlands",
        "West Midlands",
        "East of England",
        "London",
        "South East",
        "South West",
    }
    assert {a.kind for a in all_authorities()} == {
        "London Borough",
        "Metropolitan District",
        "Unitary Authority",
        "County",
    }
    assert all(a.council for a in all_authorities())


@pytest.mark.parametrize(
    ("code", "name", "ons_code", "abolished"),
    [
        ("835", "Dorset", "E10000009", "2019"),
        ("836", "Poole", "E06000029", "2019"),
        ("837", "Bournemouth", "E06000028", "2019"),
        ("928", "Northamptonshire", "E10000021", "2021"),
        ("909", "Cumbria", "E10000006", "2023"),
        ("820", "Bedfordshire", "", "2009"),
        ("875", "Cheshire", "", "2009"),
    ],
)
def test_abolished_authorities_are_found_by_code(code, name, ons_code, abolished):
    authority = by_code(code)
    assert authority is not None
    assert (authority.name, authority.ons_code, authority.abolished) == (name, ons_code, abolished)


@pytest.mark.parametrize(
    ("code", "name", "established"),
    [
        ("838", "Dorset", "2019"),
        ("839", "Bournemouth, Christchurch and Poole", "2019"),
        ("940", "North Northamptonshire", "2021"),
        ("941", "West Northamptonshire", "2021"),
        ("942", "Cumberland", "2023"),
        ("943", "Westmorland and Furness", "2023"),
        ("420", "Isles of Scilly", None),
    ],
)
def test_successor_authorities_are_present(code, name, established):
    authority = by_code(code)
    assert (authority.name, authority.established, authority.abolished) == (name, established, None)


def test_by_code_urn_and_ons_agree():
    sandwell = by_code(333)
    assert sandwell.name == "Sandwell"
    assert by_urn("80549") is sandwell
    assert by_urn(80549) is sandwell
    assert by_ons("E08000028") is sandwell
    assert by_ons("E10000002").code == "825"  # Buckinghamshire's county code before 2020
    assert by_code("999") is None
    assert by_urn("1") is None


def test_exists_on_follows_reorganisations():
    assert by_code("835").exists_on("2018-06-01")
    assert not by_code("835").exists_on(dt.date(2019, 4, 1))
    assert not by_code("838").exists_on("2019-03")
    assert by_code("838").exists_on("2019-04-01")
    assert by_code("333").exists_on("1999")


def test_table_covers_the_shared_code_list():
    if not SHARED_CODES.exists():
        pytest.skip("shared reference data not present")
    with SHARED_CODES.open(encoding="utf-8-sig") as f:
        shared = {row["la_code"]: row["local_authority_ons_name"] for row in csv.DictReader(f)}
    assert {code: by_code(code).name for code in shared} == shared


def test_fold_reads_ampersands_and_curly_apostrophes():
    assert fold("Telford & Wrekin") == fold("Telford and Wrekin") == "telford and wrekin"
    assert fold("Children’s") == fold("Children's")
    assert fold("St. Helens") == "st helens"


# --- lookup ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mention", "code"),
    [
        ("Sandwell", "333"),
        ("Sandwell MBC", "333"),
        ("Sandwell Metropolitan Borough Council", "333"),
        ("Sandwell Council", "333"),
        ("Sandwell Borough Council", "333"),
        ("Sandwell's", "333"),
        ("Sandwell’s", "333"),
        ("the council of Sandwell", "333"),
        ("Labour-run Sandwell council", "333"),
        ("Sandwell children’s services", "333"),
        ("Suffolk County Council", "935"),
        ("Birmingham", "330"),
        ("Birmingham City Council", "330"),
        ("Doncaster Metropolitan Borough Council", "371"),
        ("Doncaster MBC", "371"),
        ("City of Doncaster Council", "371"),
        ("Cornwall Council", "908"),
        ("Slough Borough Council", "871"),
        ("Sunderland City Council", "394"),
        ("Haringey LBC", "309"),
        ("London Borough of Haringey", "309"),
        ("Haringey London Borough Council", "309"),
        ("Rotherham Metropolitan Borough Council", "372"),
        ("Sefton Metropolitan Borough Council", "343"),
        ("Reading Borough Council", "870"),
        ("Torbay Council", "880"),
        ("Gloucestershire County Council", "916"),
        ("London Borough of Havering", "311"),
        ("Newham", "316"),
        ("the London Borough of Hackney", "204"),
        ("Hackney LBC", "204"),
        ("Hampshire CC", "850"),
        ("Royal Borough of Greenwich", "203"),
        ("Royal Borough of Windsor and Maidenhead", "868"),
        ("Windsor and Maidenhead", "868"),
        ("Windsor & Maidenhead", "868"),
        ("RBKC", "207"),
        ("Kensington and Chelsea", "207"),
        ("Royal Borough of Kensington and Chelsea", "207"),
        ("Bournemouth, Christchurch & Poole", "839"),
        ("BCP Council", "839"),
        ("london corporation", "201"),
        ("City of London Corporation", "201"),
        ("City of London", "201"),
        ("Durham", "840"),
        ("County Durham", "840"),
        ("Durham County Council", "840"),
        ("Bristol", "801"),
        ("Bristol City Council", "801"),
        ("City of Bristol", "801"),
        ("Bristol, City of", "801"),
        ("Hull", "810"),
        ("Hull City Council", "810"),
        ("Kingston upon Hull", "810"),
        ("Kingston upon Hull City Council", "810"),
        ("Herefordshire", "884"),
        ("County of Herefordshire", "884"),
        ("St Helens", "342"),
        ("St. Helens", "342"),
        ("Southend", "882"),
        ("Southend-on-Sea", "882"),
        ("Telford & Wrekin", "894"),
        ("Brighton", "846"),
        ("Brighton & Hove", "846"),
        ("Stoke", "861"),
        ("Stoke-on-Trent", "861"),
        ("Stoke-on-Trent City Council", "861"),
        ("Medway Council", "887"),
        ("Bath & North East Somerset", "800"),
        ("BANES", "800"),
        ("B&NES", "800"),
        ("Blackburn", "889"),
        ("Blackburn with Darwen", "889"),
        ("East Riding", "811"),
        ("East Riding of Yorkshire Council", "811"),
        ("Redcar", "807"),
        ("Redcar & Cleveland", "807"),
        ("Wirral", "344"),
        ("the Wirral", "344"),
        ("the Isle of Wight", "921"),
        ("Nottingham City Council", "892"),
        ("Nottinghamshire County Council", "891"),
        ("Leicester City", "856"),
        ("Leicester City Council", "856"),
        ("Leicestershire", "855"),
        ("Derby City", "831"),
        ("Derbyshire", "830"),
        ("Stockton", "808"),
        ("Stockton-on-Tees", "808"),
        ("Kingston", "314"),
        ("Kingston upon Thames", "314"),
        ("Richmond", "318"),
        ("Newcastle", "391"),
        ("Newcastle City Council", "391"),
        ("Council of the Isles of Scilly", "420"),
        ("Isles of Scilly", "420"),
        ("North Yorkshire County Council", "815"),
        ("Cumbria County Council", "909"),
        ("Northamptonshire County Council", "928"),
        ("West Northants", "941"),
        ("Westmorland & Furness Council", "943"),
    ],
)
def test_lookup_maps_variants_to_their_authority(mention, code):
    authority = lookup(mention)
    assert authority is not None, mention
    assert authority.code == code


@pytest.mark.parametrize(
    "mention",
    [
        "Birmingham Children's Trust",
        "Birmingham Children’s Trust",
        "Doncaster Children's Services Trust",
        "Doncaster Children’s Services Trust",
        "Slough Children First",
        "Slough Children’s Services Trust",
        "Achieving for Children",
        "Together for Children",
        "Haringey Local Safeguarding Children Board",
        "Newcastle-under-Lyme",
        "Newcastle-under-Lyme Borough Council",
        "South Yorkshire",
        "Department for Education",
        "Impower",
        "Kent Police",
        "Sandwell and Dudley",
        "Sussex",
        "",
    ],
)
def test_lookup_refuses_what_is_not_a_council(mention):
    assert lookup(mention) is None


def test_lookup_picks_the_authority_in_being_on_a_date():
    assert lookup("Dorset").code == "838"
    assert lookup("Dorset", on_date="2015-06-01").code == "835"
    assert lookup("Dorset County Council").code == "835"
    assert lookup("Bournemouth").code == "837"
    assert lookup("Bournemouth", on_date="2021").code == "839"
    assert lookup("Poole", on_date=dt.date(2018, 1, 1)).code == "836"
    assert lookup("Poole", on_date="2020-05").code == "839"
    assert lookup("Northamptonshire").code == "928"


# --- find_mentions ---------------------------------------------------------------------------------


def test_find_mentions_gives_exact_spans_with_council_suffixes():
    text = "Sandwell MBC said Suffolk County Council and the London Borough of Hackney agreed."
    mentions = find_mentions(text)
    assert [(m.start, m.end, m.text, m.authority.code) for m in mentions] == [
        (0, 12, "Sandwell MBC", "333"),
        (18, 40, "Suffolk County Council", "935"),
        (49, 74, "London Borough of Hackney", "204"),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert isinstance(mentions[0], Mention) and isinstance(mentions[0].authority, Authority)


def test_find_mentions_prefers_the_longest_name():
    text = "Kingston upon Thames and Kingston; North Yorkshire and York; East Sussex and Sussex; Kingston upon Hull."
    assert spans(text) == [
        ("Kingston upon Thames", "314"),
        ("Kingston", "314"),
        ("North Yorkshire", "815"),
        ("York", "816"),
        ("East Sussex", "845"),
        ("Kingston upon Hull", "810"),
    ]


def test_find_mentions_skips_trusts_and_companies():
    text = (
        "Birmingham Children's Trust and Doncaster Children’s Services Trust are not councils, "
        "but Birmingham City Council is. Slough Children First replaced Slough Borough Council's services."
    )
    assert spans(text) == [("Birmingham City Council", "330"), ("Slough Borough Council", "871")]


def test_find_mentions_handles_punctuated_and_abbreviated_forms():
    text = (
        "Bournemouth, Christchurch & Poole and BCP Council; Telford & Wrekin; Stoke-on-Trent City Council; "
        "St. Helens; Haringey LBC; Kensington & Chelsea (RBKC); Hampshire CC; Telford and \nWrekin."
    )
    assert spans(text) == [
        ("Bournemouth, Christchurch & Poole", "839"),
        ("BCP Council", "839"),
        ("Telford & Wrekin", "894"),
        ("Stoke-on-Trent City Council", "861"),
        ("St. Helens", "342"),
        ("Haringey LBC", "309"),
        ("Kensington & Chelsea", "207"),
        ("RBKC", "207"),
        ("Hampshire CC", "850"),
        ("Telford and \nWrekin", "894"),
    ]


def test_find_mentions_keeps_possessives_out_of_the_span():
    assert spans("Rotherham’s director and Sandwell's plan") == [("Rotherham", "372"), ("Sandwell", "333")]


def test_reading_as_a_verb_is_not_the_town():
    text = "Reading the report, officials said Reading Borough Council had failed. Reading has been rated inadequate."
    assert spans(text) == [("Reading Borough Council", "870"), ("Reading", "870")]
    assert spans("He was reading about Reading.") == [("Reading", "870")]
    assert spans("Reading between the lines, the minister was unhappy.") == []
    assert spans("Reading and writing matter. Bury and Rochdale agreed.") == [
        ("Bury", "351"),
        ("Rochdale", "354"),
    ]


def test_weak_names_used_for_people_or_other_places_are_skipped():
    text = (
        "Carole Sutton said Sutton council had improved. Bury St Edmunds is in Suffolk; Bury was rated good. "
        "Victoria Derbyshire reported from Derby. Brent Thomas joined Brent. Mr Bolton met Bolton Council."
    )
    assert spans(text) == [
        ("Sutton council", "319"),
        ("Suffolk", "935"),
        ("Bury", "351"),
        ("Derby", "831"),
        ("Brent", "304"),
        ("Bolton Council", "350"),
    ]


def test_other_places_named_like_authorities_are_skipped():
    text = (
        "Newcastle-under-Lyme is not Newcastle. New York, the Duke of York and York. Durham University and "
        "Durham Constabulary serve Durham. South Norfolk Council is a district; Kent Police is not Kent. "
        "Greater Manchester Police; Sutton Coldfield; Stoke Newington; Sunderland AFC; Derby County. "
        "Piccadilly Gate\nManchester\nM1 2WD; pan-London work."
    )
    assert spans(text) == [("Newcastle", "391"), ("York", "816"), ("Durham", "840"), ("Kent", "886")]


def test_ambiguous_names_in_ordinary_use():
    text = (
        "Wigan, Halton, Sutton, Brent, Poole, Bath, Darlington and Richmond were named. "
        "She took a bath. Councils bury bad news."
    )
    assert [code for _, code in spans(text)] == ["359", "876", "319", "304", "836", "800", "841", "318"]


def test_find_mentions_dates_pick_the_authority_in_being():
    assert spans("Poole and Dorset", on_date="2016-01-01") == [("Poole", "836"), ("Dorset", "835")]
    assert spans("Poole and Dorset", on_date="2022-01-01") == [("Poole", "839"), ("Dorset", "838")]


def test_find_mentions_is_fast_enough_for_batches():
    paragraph = (
        "Ofsted rated Sandwell Metropolitan Borough Council inadequate, and the Department for Education said "
        "commissioner Nick Whitfield would review services in Reading, Slough and the London Borough of "
        "Hackney. The report criticised managers across the West Midlands and the north-east. "
    )
    text = paragraph * 500  # ~150 KB
    find_mentions("warm up")
    started = time.perf_counter()
    mentions = find_mentions(text)
    assert len(mentions) == 2000
    assert time.perf_counter() - started < 2.0


# --- regions and descriptors -----------------------------------------------------------------------


def test_by_region_accepts_everyday_spellings():
    north_east = {a.code for a in by_region("north-east")}
    assert north_east == {a.code for a in by_region("North East")}
    assert {"390", "391", "394", "840", "929"} <= north_east
    assert "333" not in north_east
    assert {a.region for a in by_region("Yorkshire")} == {"Yorkshire and the Humber"}
    assert len(by_region("London")) == 33
    assert by_region("Narnia") == []


def test_resolve_descriptor_narrows_by_region_and_kind():
    west_midlands = {a.code for a in resolve_descriptor("the West Midlands authority")}
    assert {"330", "333", "860"} <= west_midlands and "935" not in west_midlands
    assert {a.code for a in resolve_descriptor("the north-east council")} == {
        a.code for a in by_region("North East")
    }
    london = resolve_descriptor("the London borough")
    assert len(london) == 33 and {a.kind for a in london} == {"London Borough"}
    assert {a.region for a in resolve_descriptor("the Yorkshire council")} == {"Yorkshire and the Humber"}
    counties = {a.code for a in resolve_descriptor("the county council")}
    assert {"935", "916", "886", "840", "815"} <= counties and "333" not in counties
    assert {a.code for a in resolve_descriptor("the inner London borough")} == {
        str(c) for c in range(201, 214)
    }
    assert {a.code for a in resolve_descriptor("the Greater Manchester council")} == {
        str(c) for c in range(350, 360)
    }
    metropolitan = {a.kind for a in resolve_descriptor("the metropolitan borough")}
    assert metropolitan == {"Metropolitan District"}
    assert "330" in {a.code for a in resolve_descriptor("the city council")}


def test_resolve_descriptor_returns_named_authority_or_nothing():
    assert [a.code for a in resolve_descriptor("the Sandwell council")] == ["333"]
    assert resolve_descriptor("the council") == []
    assert resolve_descriptor("the local authority") == []


def test_resolve_descriptor_can_drop_authorities_not_in_being():
    south_west = {a.code for a in resolve_descriptor("the south-west unitary", on_date="2022-01-01")}
    assert "839" in south_west and "836" not in south_west
    assert "836" in {a.code for a in resolve_descriptor("the south-west unitary")}


def test_find_mentions_reads_and_inside_names():
    text = (
        "Hammersmith and Fulham, Kensington and Chelsea and Westminster; Telford and Wrekin Council; "
        "Windsor and Maidenhead; Bath and North Somerset; Brighton and Hove Albion."
    )
    assert spans(text) == [
        ("Hammersmith and Fulham", "205"),
        ("Kensington and Chelsea", "207"),
        ("Westminster", "213"),
        ("Telford and Wrekin Council", "894"),
        ("Windsor and Maidenhead", "868"),
        ("Bath", "800"),
        ("North Somerset", "802"),
    ]


def test_reading_after_a_verb_of_issuing_is_the_council():
    from scrutiny.extract.authorities import find_mentions

    found = find_mentions("Ministers issued Reading with an improvement notice in 2016.")
    assert [(m.text, m.authority.code) for m in found] == [("Reading", "870")]
