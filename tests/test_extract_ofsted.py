from __future__ import annotations

import csv
import io
import json
from functools import cache

import pytest
from pypdf import PdfReader, PdfWriter

from scrutiny.config import CORPUS_DIR
from scrutiny.extract.errors import ExtractionError
from scrutiny.extract.models import Document
from scrutiny.extract.ofsted import (
    normalise_grade,
    parse_report,
    parse_report_text,
    pdf_text,
    report_metadata_from_label,
)

REPORTS = CORPUS_DIR / "ofsted" / "reports"
GOLD = CORPUS_DIR / "gold" / "ofsted"
UNREADABLE = {"80429-birmingham-2012-10-19.pdf", "80490-bromley-2012-08-17.pdf"}


@cache
def listing() -> dict[str, dict[str, str]]:
    with (CORPUS_DIR / "ofsted" / "reports.csv").open(encoding="utf-8") as f:
        return {row["file"]: row for row in csv.DictReader(f)}


@cache
def report(file: str, *, with_urn: bool = True) -> Document:
    """A corpus report parsed as the crawler would: URL, URN and listing date from reports.csv."""
    row = listing()[file]
    return parse_report(
        (REPORTS / file).read_bytes(),
        url=row["url"],
        urn=row["urn"] if with_urn else None,
        published=row["publication_date"],
    )


def graded(doc: Document) -> set[tuple[str, str]]:
    return {(r.area_category, r.grade) for r in doc.ratings}


# --- one real report per framework ---------------------------------------------------------------


def test_ilacs_combined_children_in_care_and_care_leavers():
    doc = report("80430-blackburn-with-darwen-2022-03-18.pdf")
    assert (doc.framework, doc.report_type) == ("ilacs", "inspection")
    assert graded(doc) == {
        ("leadership", "requires_improvement"),
        ("help_and_protection", "requires_improvement"),
        ("children_in_care", "requires_improvement"),
        ("overall", "requires_improvement"),
    }
    assert doc.title == "Inspection of Blackburn with Darwen local authority children’s services"
    assert doc.inspection_dates == "24 January to 4 February 2022"
    assert doc.published == "2022-03-18"  # ILACS prints none: the listing date
    assert {r.authority for r in doc.ratings} == {"Blackburn with Darwen"}
    assert {r.authority_code for r in doc.ratings} == {"889"}
    assert {r.date for r in doc.ratings} == {"2022-03-18"}


def test_ilacs_2018_cover_names_the_council_before_the_title():
    doc = report("80461-devon-2020-03-17.pdf")
    assert doc.framework == "ilacs"
    assert graded(doc) == {
        ("leadership", "inadequate"),
        ("help_and_protection", "requires_improvement"),
        ("children_in_care", "inadequate"),
        ("overall", "inadequate"),
    }
    assert doc.ratings[0].authority == "Devon County Council"
    [inspector] = doc.people
    assert (inspector.name, inspector.role, inspector.role_category) == ("Steve Lowe", "lead inspector", "inspector")
    assert inspector.evidence == "Lead inspector: Steve Lowe Her Majesty’s Inspector"


def test_ilacs_2023_has_a_separate_care_leavers_judgement():
    doc = report("80549-sandwell-2025-12-02.pdf")
    assert doc.framework == "ilacs_2023"
    assert graded(doc) == {
        ("leadership", "good"),
        ("help_and_protection", "good"),
        ("children_in_care", "good"),
        ("care_leavers", "requires_improvement"),
        ("overall", "good"),
    }
    evidence = {r.area_category: r.evidence for r in doc.ratings}
    assert evidence["care_leavers"] == "The experiences and progress of care leavers Requires improvement to be good"
    assert (doc.people[0].name, doc.people[0].organisation) == ("Monique Lindsay", "Ofsted")


def test_ilacs_2026_reports_have_no_overall_grade():
    doc = report("80523-middlesbrough-2026-07-28.pdf")
    assert doc.framework == "ilacs_2026"
    assert graded(doc) == {
        ("leadership", "requires_improvement"),
        ("help_and_protection", "requires_improvement"),
        ("children_in_care", "requires_improvement"),
        ("care_leavers", "requires_improvement"),
    }


def test_sif_cover_judgements_and_lscb_review():
    doc = report("80549-sandwell-2015-06-05.pdf")
    assert (doc.framework, doc.report_type) == ("sif", "inspection")
    assert graded(doc) == {
        ("overall", "inadequate"),
        ("help_and_protection", "inadequate"),
        ("children_in_care", "requires_improvement"),
        ("adoption", "requires_improvement"),
        ("care_leavers", "requires_improvement"),
        ("leadership", "inadequate"),
        ("lscb", "inadequate"),
    }
    evidence = {r.area_category: r.evidence for r in doc.ratings}
    assert evidence["overall"] == "The overall judgement is that children’s services are inadequate"
    assert evidence["lscb"] == "The Local Safeguarding Children Board is inadequate"
    assert doc.published == "2015-06-05"
    assert doc.inspection_dates == "27 January 2015 – 19 February 2015"
    assert doc.people[0].name == "Mary Candlin"


def test_sif_not_judged_gives_no_rating():
    doc = report("80450-london-corporation-2016-09-20.pdf")
    assert "adoption" not in {r.area_category for r in doc.ratings}
    assert graded(doc) == {
        ("overall", "good"),
        ("help_and_protection", "good"),
        ("children_in_care", "good"),
        ("care_leavers", "good"),
        ("leadership", "outstanding"),
        ("lscb", "outstanding"),
    }
    assert {r.authority_code for r in doc.ratings} == {"201"}


def test_early_sif_without_printed_date_takes_the_listing_date():
    doc = report("80432-bolton-2014-03-21.pdf")
    assert doc.published == "2014-03-21"
    assert graded(doc) == {
        ("overall", "requires_improvement"),
        ("help_and_protection", "requires_improvement"),
        ("children_in_care", "good"),
        ("adoption", "good"),
        ("care_leavers", "good"),
        ("leadership", "requires_improvement"),
        ("lscb", "requires_improvement"),
    }
    lscb = next(r for r in doc.ratings if r.area_category == "lscb")
    assert lscb.evidence == "The effectiveness of the Local Safeguarding Children Board (LSCB) requires improvement"


def test_sif_reinspection_has_no_lscb_and_reads_lower_case_grades():
    doc = report("80442-buckinghamshire-2018-01-29.pdf")
    assert doc.framework == "sif_reinspection"
    assert graded(doc) == {
        ("overall", "inadequate"),
        ("help_and_protection", "inadequate"),
        ("children_in_care", "inadequate"),
        ("adoption", "good"),
        ("care_leavers", "requires_improvement"),
        ("leadership", "inadequate"),
    }
    assert doc.published == "2018-01-29"


def test_2013_looked_after_children_inspection_uses_the_record_of_main_findings():
    doc = report("80476-kent-2013-08-23.pdf")
    assert (doc.framework, doc.report_type) == ("cp_lac_2012", "inspection")
    assert graded(doc) == {("children_in_care", "adequate"), ("leadership", "adequate")}
    evidence = {r.area_category: r.evidence for r in doc.ratings}
    assert evidence["children_in_care"] == "Services for looked after children Overall effectiveness Adequate"
    assert doc.published == "2013-08-23"
    assert doc.title == "Inspection of looked after children services Kent County Council"
    [inspector] = doc.people
    assert (inspector.name, inspector.role) == ("Helen Cawston", "reporting inspector")


def test_printed_date_wins_over_the_callers_hint():
    data = (REPORTS / "80549-sandwell-2013-08-02.pdf").read_bytes()
    doc = parse_report(data, published="2013-09-30", max_pages=1)
    assert doc.published == "2013-08-02"


def test_authority_code_from_the_cover_name_without_urn():
    doc = report("80546-windsor-and-maidenhead-2024-11-19.pdf", with_urn=False)
    assert doc.authority_code == "868"
    assert doc.ratings[0].authority == "Royal Borough of Windsor and Maidenhead"
    assert report("80450-london-corporation-2024-11-05.pdf", with_urn=False).authority_code == "201"


def test_max_pages_bounds_the_text_read():
    data = (REPORTS / "80549-sandwell-2022-07-05.pdf").read_bytes()
    doc = parse_report(data, max_pages=1)
    assert len(doc.text) < len(report("80549-sandwell-2022-07-05.pdf").text) / 5
    assert len(doc.ratings) == 4  # the ILACS table is on page 1


def test_document_shape_follows_the_contract():
    out = report("80482-leicester-2021-11-12.pdf").as_dict()
    assert (out["kind"], out["source"], out["authors"], out["paywalled"], out["events"]) == (
        "report", "ofsted", [], False, []
    )
    assert out["url"] == "https://files.ofsted.gov.uk/v1/file/50171965"
    assert "  " not in out["text"] and out["text"] == out["text"].strip()


# --- 2009-2013 frameworks and letters, from their printed wording (the dev set has no PDFs of them) ---

SLAC = (
    "Inspection of safeguarding and looked after children services London Borough of Hackney "
    "Inspection dates: 10 – 21 January 2011 Reporting inspector Sean Tarpey HMI Age group: All "
    "Published: 25 February 2011 Contents About this inspection 2 Record of main findings 34 "
    "Outstanding (Grade 1) A service that significantly exceeds minimum requirements Good (Grade 2) A service "
    "that exceeds minimum requirements Safeguarding services Overall effectiveness Grade 3 (adequate) 6. The "
    "overall effectiveness of safeguarding services in Hackney is adequate. Record of main findings "
    "Safeguarding services Overall effectiveness Adequate Capacity for improvement Good Quality of provision "
    "Adequate Ambition and prioritisation Good Leadership and management Adequate Partnership working Good "
    "Services for looked after children Overall effectiveness Good Capacity for improvement Good Being healthy "
    "Good Staying safe Good Quality of provision Good Leadership and management Adequate Equality and diversity Good"
)

CHILD_PROTECTION_2012 = (
    "Inspection of local authority arrangements for the protection of children Bromley Inspection dates: "
    "16 – 27 July 2012 Lead inspector: Ian Young HMI Age group: All Published: 17 August 2012 Contents "
    "Overall effectiveness 2 Record of main findings 15 Overall effectiveness 1. The overall effectiveness of "
    "the arrangements to protect children in Bromley is inadequate. Record of main findings: local authority "
    "arrangements for the protection of children Overall effectiveness Inadequate The effectiveness of the help "
    "and protection provided to children, young people, families and carers Inadequate The quality of practice "
    "Adequate Leadership and governance Inadequate"
)

ANNUAL_ASSESSMENT_2010 = (
    "Piccadilly Gate Store Street Manchester M1 2WD T 0300 123 1231 Textphone 0161 618 8524 9 December 2010 "
    "Mr Jim Leivers Director of Children’s Services Sandwell Metropolitan Borough Council Dear Mr Leivers "
    "Annual children’s services assessment Ofsted guidance published in July 2010 explains the assessment. "
    "Children’s services assessment Performs adequately (2) Children’s services in Sandwell Metropolitan "
    "Borough Council perform adequately. 4 Performs excellently An organisation that significantly exceeds "
    "minimum requirements 3 Performs well An organisation that exceeds minimum requirements"
)

MONITORING_VISIT = (
    "Piccadilly Gate Store Street Manchester M1 2WD T 0300 123 1231 Textphone 0161 618 8524 4 May 2021 "
    "Emma Taylor Director of Children’s Services Sandwell Metropolitan Borough Council Dear Emma Monitoring "
    "visit to Sandwell children’s services This letter summarises the findings of the monitoring visit to "
    "Sandwell children’s services on 13 and 14 April 2021. It was the third visit since the local authority "
    "was judged inadequate. Children’s services in Sandwell are inadequate. Lead inspector: Jo Pitt HMI"
)


def test_safeguarding_and_looked_after_children_inspection_2009():
    doc = parse_report_text(SLAC, url="u")
    assert (doc.framework, doc.report_type, doc.published) == ("safeguarding_lac_2009", "inspection", "2011-02-25")
    assert graded(doc) == {("help_and_protection", "adequate"), ("children_in_care", "good"),
                           ("leadership", "adequate")}
    assert doc.authority_code == "204"
    assert doc.people[0].name == "Sean Tarpey"
    assert all(r.evidence in SLAC for r in doc.ratings)


def test_child_protection_inspection_2012():
    doc = parse_report_text(CHILD_PROTECTION_2012, url="u")
    assert (doc.framework, doc.inspection_dates) == ("cp_lac_2012", "16 – 27 July 2012")
    assert graded(doc) == {("help_and_protection", "inadequate"), ("leadership", "inadequate")}
    assert {r.authority for r in doc.ratings} == {"Bromley"}


def test_annual_assessment_performs_adequately():
    doc = parse_report_text(ANNUAL_ASSESSMENT_2010, url="u")
    assert (doc.framework, doc.report_type, doc.published) == ("annual_assessment", "annual_assessment", "2010-12-09")
    assert graded(doc) == {("overall", "adequate")}
    assert doc.ratings[0].evidence == "Children’s services assessment Performs adequately"


@pytest.mark.parametrize(
    ("printed", "grade"),
    [
        ("Performs excellently", "outstanding"),
        ("performs well", "good"),
        ("perform adequately", "adequate"),
        ("performs poorly", "poor"),
        ("Requires improvement to be good", "requires_improvement"),
        ("require improvement", "requires_improvement"),
        ("Not judged", None),
    ],
)
def test_grades_normalise_to_the_contract(printed, grade):
    assert normalise_grade(printed) == grade


def test_monitoring_visit_letter_has_type_and_date_but_no_facts():
    doc = parse_report_text(MONITORING_VISIT, url="u")
    assert (doc.report_type, doc.framework) == ("monitoring_visit", "monitoring_visit")
    assert (doc.published, doc.inspection_dates) == ("2021-05-04", "13 and 14 April 2021")
    assert doc.title == "Monitoring visit to Sandwell children’s services"
    assert doc.authority_code == "333"
    assert doc.ratings == [] and doc.people == []
    assert parse_report_text(MONITORING_VISIT, published="2021-05-11").published == "2021-05-11"


@pytest.mark.parametrize(
    ("text", "report_type"),
    [
        ("6 March 2019 Dear Ms A Focused visit to Leeds local authority children’s services This letter "
         "summarises the focused visit on 5 and 6 February 2019.", "focused_visit"),
        ("6 March 2018 Dear Sirs Joint targeted area inspection of the multi-agency response to abuse and "
         "neglect in North Yorkshire Between 8 and 12 January 2018, Ofsted inspected.", "jtai"),
    ],
)
def test_other_letters_are_typed(text, report_type):
    doc = parse_report_text(text)
    assert doc.report_type == report_type
    assert doc.ratings == []
    assert doc.published in ("2019-03-06", "2018-03-06")


def test_ilacs_table_read_as_columns_pairs_labels_and_grades_in_order():
    text = (
        "Inspection of Leeds local authority children’s services Inspection dates: 1 to 5 May 2023 Judgement Grade "
        "The impact of leaders on social work practice with children and families The experiences and progress "
        "of children who need help and protection The experiences and progress of children in care The "
        "experiences and progress of care leavers Overall effectiveness Good Requires improvement to be good "
        "Good Inadequate Good Leeds is ..."
    )
    doc = parse_report_text(text, published="2023-06-20")
    assert graded(doc) == {
        ("leadership", "good"),
        ("help_and_protection", "requires_improvement"),
        ("children_in_care", "good"),
        ("care_leavers", "inadequate"),
        ("overall", "good"),
    }
    assert all(r.evidence in text for r in doc.ratings)


# --- bad input -------------------------------------------------------------------------------------


def pdf_bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(REPORTS / "80552-shropshire-2022-03-25.pdf"))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    return pdf_bytes(writer)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"  \n", "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "not a PDF"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> garbage", "corrupt PDF"),
    ],
)
def test_bad_bytes_raise_a_one_line_extraction_error(data, message):
    with pytest.raises(ExtractionError, match=message) as info:
        parse_report(data)
    assert "\n" not in str(info.value)


def test_html_report_not_found_page_is_not_a_pdf():
    with pytest.raises(ExtractionError, match=r"not a PDF but an HTML page \('Report not found"):
        parse_report((REPORTS / "80429-birmingham-2012-10-19.pdf").read_bytes())


def test_truncated_report_raises():
    data = (REPORTS / "80552-shropshire-2022-03-25.pdf").read_bytes()
    with pytest.raises(ExtractionError, match="corrupt PDF"):
        parse_report(data[: len(data) // 2])


def test_password_protected_pdf_raises():
    with pytest.raises(ExtractionError, match="encrypted PDF"):
        parse_report(encrypted("secret"))


def test_pdf_encrypted_with_an_empty_password_opens():
    doc = parse_report(encrypted(""), published="2022-03-25")
    assert graded(doc) == graded(report("80552-shropshire-2022-03-25.pdf"))


def test_pdf_without_text_raises():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with pytest.raises(ExtractionError, match="no extractable text"):
        pdf_text(pdf_bytes(writer))


# --- link labels on the Ofsted website ------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Children's services inspection - 13 January 2023, pdf", ("inspection", "2023-01-13")),
        ("Children’s services inspection - 02 December 2025, pdf", ("inspection", "2025-12-02")),
        ("Monitoring visit - 4 May 2021, pdf", ("monitoring_visit", "2021-05-04")),
        ("Focused visit - 22 March 2019, pdf", ("focused_visit", "2019-03-22")),
        ("Joint targeted area inspection - 6 March 2018, pdf", ("jtai", "2018-03-06")),
        ("Area SEND inspection - 1 July 2024, pdf", ("send_inspection", "2024-07-01")),
        ("Safeguarding and looked after children inspection - 25 February 2011, pdf", ("inspection", "2011-02-25")),
        ("Review of the Local Safeguarding Children Board - 5 June 2015", ("lscb_review", "2015-06-05")),
        ("Annual children's services assessment - 9 December 2010, pdf", ("annual_assessment", "2010-12-09")),
        ("Something else entirely", ("other", None)),
    ],
)
def test_report_metadata_from_label(label, expected):
    meta = report_metadata_from_label(label)
    assert (meta["report_type"], meta["published"]) == expected


# --- the dev gold ----------------------------------------------------------------------------------


def test_dev_gold_scores():
    """Every corpus report against its gold: strict ratings F1 >= 0.98, people F1 1.0, dates exact."""
    from scrutiny.extract import score as scorer

    gold = scorer.load_docs(GOLD)
    predicted = {}
    for file in listing():
        if file in UNREADABLE:
            continue
        doc = report(file).as_dict()
        gold_doc = gold[doc["url"]]
        for fact in gold_doc["ratings"] + gold_doc["people"]:
            assert fact["evidence"] in doc["text"], (file, fact["evidence"])
        assert doc["published"] == gold_doc["published"], file
        assert doc["inspection_dates"] == gold_doc["inspection_dates"], file
        predicted[doc["url"]] = json.loads(json.dumps(doc))
    results, errors = scorer.score(gold, predicted)
    assert results["ratings.strict"]["f1"] >= 0.98, errors
    assert results["people.strict"]["f1"] == 1.0, errors
    assert results["published"]["f1"] == 1.0, errors
