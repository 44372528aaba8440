"""Facts from article text: one test per construction, on sentences written for these tests,
plus the two seed stories told in full."""

from __future__ import annotations

import pytest

from scrutiny.config import CORPUS_DIR
from scrutiny.extract.errors import ModelNotInstalled
from scrutiny.extract.models import Document, Event, Person, Rating


@pytest.fixture(scope="module")
def nlp():
    from scrutiny.extract.nlp import load_nlp

    try:
        return load_nlp()
    except ModelNotInstalled as error:
        pytest.skip(str(error))


@pytest.fixture
def extract(nlp):
    from scrutiny.extract.facts import add_facts

    def run(text: str, published: str = "2018-06-14", **fields) -> Document:
        doc = Document(url="https://example.org/story", text=text, published=published, **fields)
        add_facts([doc], nlp=nlp)
        for fact in [*doc.people, *doc.ratings, *doc.events]:
            assert fact.evidence and fact.evidence in doc.text, fact
        return doc

    return run


def person(doc: Document, name: str, category: str | None = None) -> Person:
    found = [p for p in doc.people if p.name == name and (category is None or p.role_category == category)]
    assert found, f"no {name} ({category}) in {[(p.name, p.role_category) for p in doc.people]}"
    return found[0]


def events(doc: Document, kind: str, who: str | None = None) -> list[Event]:
    return [e for e in doc.events if e.type == kind and (who is None or who in (e.person, e.intervention))]


def ratings(doc: Document, code: str) -> set[tuple[str, str, str | None]]:
    return {(r.area_category, r.grade, r.date) for r in doc.ratings if r.authority_code == code}


# --- people: the constructions -----------------------------------------------------------------------


def test_post_before_the_name(extract):
    doc = extract("Children's minister Kim Harper said councils needed more money. "
                  "Leeds leader Judith Blake (Lab) welcomed the announcement.")
    minister = person(doc, "Kim Harper", "minister")
    assert minister.organisation == "Department for Education" and minister.authority_code is None
    leader = person(doc, "Judith Blake", "council_leader")
    assert leader.authority_code == "383" and leader.status == "current"


def test_possessive_post_before_the_name(extract):
    doc = extract("Leeds City Council's chief executive Tom Riordan said the budget was balanced.")
    assert person(doc, "Tom Riordan", "chief_executive").authority_code == "383"


def test_apposition_after_the_name(extract):
    doc = extract("Tom Riordan, chief executive of Leeds City Council, said the budget was balanced. "
                  "Sue Ellis, a former director of children's services at Kent County Council, chaired the review.")
    assert person(doc, "Tom Riordan", "chief_executive").authority_code == "383"
    former = person(doc, "Sue Ellis", "director_childrens_services")
    assert (former.authority_code, former.status) == ("886", "former")


def test_apposition_before_the_name_with_then(extract):
    doc = extract("The report led the council's then director of children's services, Anne Porter, to resign.",
                  published="2012-03-02", title="Wigan director quits")
    porter = person(doc, "Anne Porter", "director_childrens_services")
    assert (porter.authority_code, porter.status) == ("359", "former")
    assert events(doc, "departure", "Anne Porter")


def test_appointed_as_post(extract):
    doc = extract("Norfolk County Council has appointed Mark Rowe as interim director of children's services.",
                  published="2019-02-11")
    rowe = person(doc, "Mark Rowe", "director_childrens_services")
    assert (rowe.authority_code, rowe.acting, rowe.status) == ("926", True, "current")
    (appointment,) = events(doc, "appointment", "Mark Rowe")
    assert appointment.date == "2019-02"  # "has appointed": the month of the story


def test_relative_clause_with_a_past_post_is_former(extract):
    doc = extract("Keith Lane, who was the council's cabinet member for children from 2010 to 2014, "
                  "told the inquiry he had warned officers.", title="Derby inquiry")
    lane = person(doc, "Keith Lane", "lead_member")
    assert (lane.authority_code, lane.status) == ("831", "former")


def test_copula_post_of_a_company(extract):
    doc = extract("Mary Hill is chief executive of Spring Consortium, which runs the programme.")
    hill = person(doc, "Mary Hill", "chief_executive")
    assert hill.organisation == "Spring Consortium" and hill.authority_code is None


def test_incoming_post(extract):
    doc = extract("Dudley Council announced today that Lucy Grant will be its next director of children's "
                  "services.", published="2021-03-04")
    grant = person(doc, "Lucy Grant", "director_childrens_services")
    assert (grant.authority_code, grant.status) == ("332", "incoming")


def test_replaced_person_is_former(extract):
    doc = extract("Sandra Lee has been named director of children's services at Bristol City Council. "
                  "She replaces interim director Tom Black, who left the council in March.", published="2020-05-20")
    assert person(doc, "Sandra Lee", "director_childrens_services").status == "current"
    assert person(doc, "Tom Black", "director_childrens_services").status == "former"
    (departure,) = events(doc, "departure", "Tom Black")
    assert departure.date == "2020-03"


def test_name_the_model_misses_is_read_from_the_construction(extract):
    doc = extract("Sara Tough, Norfolk's executive director of children's services, is due to retire.")
    assert person(doc, "Sara Tough", "director_childrens_services").authority_code == "926"


def test_chaired_by(extract):
    doc = extract("The review was commissioned by the Leeds Safeguarding Children Partnership. "
                  "Its board is chaired by Jane Held.")
    held = person(doc, "Jane Held", "chair")
    assert "Leeds Safeguarding Children Partnership" in held.organisation


# --- people: what gives nothing --------------------------------------------------------------------


def test_unnamed_post_holders_authors_and_quotes_give_no_people(extract):
    doc = extract(
        "One director of children's services told me her council was struggling. "
        "The council's cabinet member for children resigned last week. "
        "\u201cWe are working hard,\u201d said Peter Marsh. "
        "Jo Bloggs is a former children's services director and a columnist.",
        authors=["Jo Bloggs"],
    )
    assert doc.people == []
    assert events(doc, "departure") == []


def test_past_employer_without_a_post_gives_nothing(extract):
    doc = extract("Coventry has recruited a new director of children's services, Ann Kerr from Solihull Council.",
                  title="Coventry appoints director")
    kerr = [p for p in doc.people if p.name == "Ann Kerr"]
    assert [(p.role_category, p.authority_code) for p in kerr] == [("director_childrens_services", "331")]


# --- coreference --------------------------------------------------------------------------------


def test_surnames_honorifics_and_pronouns_resolve_to_the_full_name(extract):
    doc = extract(
        "Education secretary Gavin Williamson visited Bradford on Monday. "
        "Mr Williamson said the council had made progress. "
        "Sam Ahmed, the council's interim director of children's services, met him. "
        "Ahmed said he would stay until a permanent director was found.",
        published="2021-02-10", title="Bradford visit")
    names = {p.name for p in doc.people}
    assert names == {"Gavin Williamson", "Sam Ahmed"}
    assert person(doc, "Sam Ahmed").authority_code == "380"


def test_the_council_and_descriptors_resolve_to_the_story_authority(extract):
    doc = extract(
        "Walsall Council has been told to improve. The West Midlands authority's children's services were "
        "rated inadequate by Ofsted in March. The council's leader, Mike Bird, said he was disappointed.",
        published="2019-06-01")
    assert ratings(doc, "335") == {("overall", "inadequate", "2019-03")}
    assert person(doc, "Mike Bird", "council_leader").authority_code == "335"


# --- ratings ---------------------------------------------------------------------------------------


def test_ratings_with_areas_and_dates(extract):
    doc = extract(
        "Ofsted rated Leeds City Council's children's services outstanding in a report published last week. "
        "Inspectors judged the impact of leaders on social work practice to be outstanding, and the "
        "experiences and progress of children who need help and protection were rated good.",
        published="2018-03-14")
    assert ratings(doc, "383") == {
        ("overall", "outstanding", "2018-03"),
        ("leadership", "outstanding", "2018-03"),
        ("help_and_protection", "good", "2018-03"),
    }


def test_ratings_found_at_an_area_and_past_grades(extract):
    doc = extract(
        "A report in June found Kent was inadequate at child protection. "
        "Kent had been rated requires improvement to be good in 2015, having been judged adequate in 2010.",
        published="2017-09-01")
    assert ratings(doc, "886") == {
        ("help_and_protection", "inadequate", "2017-06"),
        ("overall", "requires_improvement", "2015"),
        ("overall", "adequate", "2010"),
    }


def test_annual_assessment_grades(extract):
    doc = extract("Ofsted's annual assessment, published today, says Hull's children's services perform poorly.",
                  published="2010-12-09")
    assert ratings(doc, "810") == {("overall", "poor", "2010-12-09")}


def test_interval_before_an_event_dates_the_rating(extract):
    doc = extract("The government has issued an improvement notice to Plymouth City Council, three months after "
                  "Ofsted rated its children's services inadequate.", published="2019-05-20")
    assert ratings(doc, "879") == {("overall", "inadequate", "2019-02")}


def test_provisional_generic_and_other_grades_give_no_rating(extract):
    doc = extract(
        "Inspectors had told Barnet they were planning to rate its services as adequate. "
        "An improvement notice is usually issued to councils rated inadequate. "
        "The inspectors judged the serious case review inadequate. "
        "The council hopes to be rated good at its next inspection. "
        "Staff said the support was good.", published="2013-04-04")
    assert doc.ratings == []
    assert events(doc, "intervention") == []


# --- events ----------------------------------------------------------------------------------------


def test_departures_and_what_is_not_one(extract):
    doc = extract(
        "Council leader Ann Cole resigned on Tuesday. "
        "MPs called on the chief executive, Rob Hart, to resign. "
        "Hart said he would not step down. "
        "The director of children's services, Ben Ode, was suspended last month.",
        published="2016-07-08", title="Medway turmoil")
    (resigned,) = events(doc, "departure", "Ann Cole")
    assert resigned.date == "2016-07-05"
    assert events(doc, "departure", "Rob Hart") == []
    (suspended,) = events(doc, "suspension", "Ben Ode")
    assert suspended.date == "2016-06"
    assert person(doc, "Ann Cole").status == "former"
    assert person(doc, "Rob Hart").status == "current"


def test_interventions(extract):
    doc = extract(
        "The children's minister is minded to issue a statutory direction to Thurrock Council. "
        "The council was issued with an improvement notice in January 2016, which was lifted in May 2017.",
        published="2018-02-12")
    kinds = {(e.intervention, e.status, e.date, e.authority_code) for e in events(doc, "intervention")}
    assert kinds == {
        ("statutory_direction", "proposed", None, "883"),
        ("improvement_notice", "done", "2016-01", "883"),
        ("lifted", "done", "2017-05", "883"),
    }


def test_commissioner_appointment_is_two_events(extract):
    doc = extract("The Department for Education yesterday appointed Malcolm Stone as commissioner for "
                  "children's services in Croydon.", published="2017-10-10")
    stone = person(doc, "Malcolm Stone", "commissioner")
    assert stone.authority_code == "306"
    assert [e.date for e in events(doc, "appointment", "Malcolm Stone")] == ["2017-10-09"]
    (commissioner,) = events(doc, "intervention", "commissioner")
    assert (commissioner.authority_code, commissioner.date) == ("306", "2017-10-09")


def test_trust_handover_and_speculation(extract):
    doc = extract(
        "Wirral Council's children's services will be handed to an independent trust, the education "
        "secretary announced today. The approach could also be applied to Sefton.", published="2014-03-03")
    trusts = events(doc, "intervention", "trust")
    assert [(e.authority_code, e.date) for e in trusts] == [("344", "2014-03-03")]


def test_contract_with_a_company(extract):
    doc = extract("Essex County Council hired consultancy firm Newton Europe in April on a £2.3m contract.",
                  published="2015-09-01")
    (contract,) = events(doc, "contract")
    assert (contract.organisation, contract.authority_code, contract.date) == ("Newton Europe", "881", "2015-04")


def test_reports_are_left_alone(nlp):
    from scrutiny.extract.facts import add_facts

    rating = Rating("Sandwell", "333", "overall", "overall", "inadequate", "2015-06-05", "x")
    report = Document(url="r", kind="report", text="Children's services in Sandwell are inadequate.",
                      ratings=[rating])
    add_facts([report], nlp=nlp)
    assert report.ratings == [rating] and report.people == [] and report.events == []


def test_batches_and_processes_agree(nlp):
    from scrutiny.extract.facts import add_facts

    texts = [f"Council leader Jo Dunn{i} resigned yesterday, Hull City Council said." for i in range(5)]
    one = [Document(url=str(i), text=t, published="2019-01-10") for i, t in enumerate(texts)]
    two = [Document(url=str(i), text=t, published="2019-01-10") for i, t in enumerate(texts)]
    add_facts(one, nlp=nlp, batch_size=2)
    add_facts(two, nlp=nlp, batch_size=3, n_process=2)
    assert [d.as_dict() for d in one] == [d.as_dict() for d in two]
    assert all(d.events[0].date == "2019-01-09" for d in one)


# --- the seeds ------------------------------------------------------------------------------------

SEEDS = {
    "cypnow": "features/article/sandwell-looks-to-private-partner-to-break-cycle-of-failure/index.html",
    "lgc": "services/children/government-steps-up-intervention-in-sandwell-childrens-services/"
           "5062115.article/index.html",
}


@pytest.fixture(scope="module")
def seeds(nlp) -> dict[str, Document]:
    from scrutiny.extract.core import RawDocument, extract_documents

    raws = []
    for site, path in SEEDS.items():
        page = CORPUS_DIR / "sites" / site / path
        if not page.is_file():
            pytest.skip(f"seed page missing: {page}")
        raws.append(RawDocument(data=page.read_bytes(), url=page.as_uri(), source=site))
    return dict(zip(SEEDS, extract_documents(raws, nlp=nlp), strict=True))


def test_seed_cypnow_tells_the_impower_story(seeds):
    doc = seeds["cypnow"]
    assert doc.published == "2013-05-21"
    white = person(doc, "Simon White", "director_childrens_services")
    assert (white.authority_code, white.status) == ("333", "current")
    assert [(p.authority_code, p.status) for p in doc.people if p.name == "Simon White"] == [("333", "current")]
    smith = person(doc, "Helen Smith", "head_of_service")
    assert (smith.authority_code, smith.status) == ("333", "former")
    assert [e.date for e in events(doc, "departure", "Helen Smith")] == ["2013"]
    assert [e.date for e in events(doc, "appointment", "Simon White")] == [None]
    (contract,) = events(doc, "contract")
    assert (contract.organisation, contract.authority_code, contract.date) == ("Impower", "333", "2012-11")
    assert ratings(doc, "333") == {("help_and_protection", "adequate", "2012-02")}
    assert {p.name for p in doc.people} == {"Simon White", "Helen Smith"}


def test_seed_lgc_tells_the_direction_story(seeds):
    doc = seeds["lgc"]
    assert doc.published == "2013-08-07"
    assert person(doc, "Ed Timpson", "minister").organisation == "Department for Education"
    assert person(doc, "Darren Cooper", "council_leader").authority_code == "333"
    assert person(doc, "Jan Britton", "chief_executive").authority_code == "333"
    smith = person(doc, "Helen Smith", "service_director")
    assert (smith.authority_code, smith.status) == ("333", "former")
    assert events(doc, "departure", "Helen Smith")
    assert ratings(doc, "333") == {
        ("children_in_care", "inadequate", "2013"),
        ("help_and_protection", "inadequate", "2013-04"),
        ("help_and_protection", "inadequate", "2010"),
        ("children_in_care", "inadequate", "2010"),
    }
    interventions = {(e.intervention, e.status, e.authority_code) for e in events(doc, "intervention")}
    assert ("statutory_direction", "proposed", "333") in interventions
    assert ("improvement_notice", "done", "333") in interventions
    assert [e.date for e in events(doc, "intervention", "improvement_notice")] == ["2010"]
    (contract,) = events(doc, "contract")
    assert (contract.organisation, contract.authority_code) == ("Impower", "333")
    assert not any(p.role_category == "minister" and p.status != "current" for p in doc.people)


# --- more constructions ------------------------------------------------------------------------------


def test_council_name_before_bare_director(extract):
    doc = extract("Former Haringey director Sharon Shoesmith won her appeal. "
                  "Anne Canning has been Hackney's director since 2013.", published="2016-06-21")
    assert person(doc, "Sharon Shoesmith", "director_childrens_services").status == "former"
    canning = person(doc, "Anne Canning", "director_childrens_services")
    assert (canning.authority_code, canning.status) == ("204", "current")
    assert [e.date for e in events(doc, "appointment", "Anne Canning")] == ["2013"]


def test_post_named_as_person_and_a_start_still_to_come(extract):
    doc = extract("Darlington Borough Council has named its new director of children's services as Murray Rose. "
                  "Mr Rose takes up the post on 1 September, succeeding Margaret Asquith, who retires in August.",
                  published="2010-06-30")
    rose = person(doc, "Murray Rose", "director_childrens_services")
    assert (rose.authority_code, rose.status) == ("841", "incoming")
    assert [e.date for e in events(doc, "departure", "Margaret Asquith")] == [None]


def test_hyphenated_names_and_earlier_posts(extract):
    doc = extract(
        "Meredith Dixon-Teasdale, Sheffield City Council's strategic director of children's services, announced "
        "her departure last week. She previously worked at Birmingham Children's Trust as director of "
        "children's social care.", published="2024-02-08")
    assert person(doc, "Meredith Dixon-Teasdale", "director_childrens_services").authority_code == "373"
    earlier = person(doc, "Meredith Dixon-Teasdale", "service_director")
    assert (earlier.organisation, earlier.status) == ("Birmingham Children's Trust", "former")
    assert [e.date for e in events(doc, "departure", "Meredith Dixon-Teasdale")] == ["2024"]


def test_appointed_to_a_task_is_not_an_appointment(extract):
    doc = extract("Hackney's director of children's services, Anne Canning, has been appointed to lead a review "
                  "for the Department for Education.", published="2016-06-21")
    assert person(doc, "Anne Canning", "director_childrens_services").status == "current"
    assert events(doc, "appointment") == []


def test_grades_keep_their_own_areas(extract):
    doc = extract("In a report published on Monday, inspectors rated Wolverhampton City Council good overall and "
                  "outstanding for adoption. They found that services for care leavers were inadequate and that the "
                  "local safeguarding children board requires improvement.", published="2016-11-02")
    assert ratings(doc, "336") == {
        ("overall", "good", "2016-10-31"),
        ("adoption", "outstanding", "2016-10-31"),
        ("care_leavers", "inadequate", "2016-10-31"),
        ("lscb", "requires_improvement", "2016-10-31"),
    }


def test_ministers_belong_to_their_department_of_the_day(extract):
    doc = extract("Communities secretary Eric Pickles and children's secretary Ed Balls spoke.", published="2009-05-01")
    assert person(doc, "Eric Pickles", "minister").organisation == "Department for Communities and Local Government"
    assert person(doc, "Ed Balls", "minister").organisation == "Department for Children, Schools and Families"


def test_ratings_of_every_council_in_a_list_and_appositions_with_an_age(extract):
    doc = extract("Ofsted rated Hull, Kent and Slough inadequate last year. "
                  "Jo Smith, 52, director of children's services at Lancashire County Council, said she was proud.",
                  published="2015-03-10")
    assert {(r.authority_code, r.grade, r.date) for r in doc.ratings} == {
        ("810", "inadequate", "2014"), ("886", "inadequate", "2014"), ("871", "inadequate", "2014")}
    assert person(doc, "Jo Smith", "director_childrens_services").authority_code == "888"


def test_odd_and_oversized_texts_never_sink_a_batch(nlp, monkeypatch):
    from scrutiny.extract.facts import add_facts

    monkeypatch.setattr(nlp, "max_length", 2000)
    long = ("Council leader Jo Dunn resigned yesterday, Hull City Council said.\n"
            + "A sentence about nothing in particular. " * 20 + "\n") * 10
    docs = [Document(url="a", text=long, published="2019-01-10"), Document(url="b", text="   "),
            Document(url="c", text="\u201c\u201d ; ; \u2019s", published="not a date"),
            Document(url="d", text="Ofsted rated it inadequate.", published=None)]
    add_facts(docs, nlp=nlp)
    assert [(len(d.people), len(d.events), len(d.ratings)) for d in docs] == [(1, 1, 0), (0, 0, 0), (0, 0, 0),
                                                                             (0, 0, 0)]
    assert docs[0].events[0].date == "2019-01-09"


def test_predecessors_contracts_and_announced_departures(extract):
    doc = extract(
        "Background\n"
        "Rebecca Okafor has been named interim director of children's services at Hampshire County Council, "
        "replacing Helen Hall, who left in July 2021.\n"
        "Tom Wright is to step down as chief executive at Hampshire after 11 years in the post.\n"
        "Hampshire has awarded a £20m contract to Action for Children to run its fostering service.",
        published="2021-09-15")
    assert person(doc, "Rebecca Okafor", "director_childrens_services").acting is True
    hall = person(doc, "Helen Hall", "director_childrens_services")
    assert (hall.authority_code, hall.status, hall.acting) == ("850", "former", False)
    assert [e.date for e in events(doc, "departure", "Helen Hall")] == ["2021-07"]
    assert person(doc, "Tom Wright", "chief_executive").status == "current"
    assert [e.date for e in events(doc, "departure", "Tom Wright")] == ["2021-09"]
    (contract,) = events(doc, "contract")
    assert (contract.organisation, contract.authority_code) == ("Action for Children", "850")


def test_shadow_ministers_since_and_starts_next_week(extract):
    doc = extract(
        "Labour's shadow children's minister Tracy Brabin said the cuts had gone too far. "
        "Allan Cadzow, who has been Suffolk County Council's interim director of children's services since May, "
        "will leave at the end of the month. "
        "Eleanor Brazil, who has been appointed interim director of children's services at Doncaster, starts "
        "next week.", published="2020-08-14")
    assert [p for p in doc.people if p.name == "Tracy Brabin"] == []
    assert [e.date for e in events(doc, "appointment", "Allan Cadzow")] == ["2020-05"]
    assert person(doc, "Allan Cadzow").status == "current"
    brazil = person(doc, "Eleanor Brazil", "director_childrens_services")
    assert (brazil.authority_code, brazil.status, brazil.acting) == ("371", "incoming", True)


def test_post_nominals_are_not_part_of_names(extract):
    doc = extract("Lead inspector Gary Lamb HMI visited in March. "
                  "Cllr Jo Wood OBE, Leeds's lead member for children, welcomed the report.", published="2019-05-01")
    assert person(doc, "Gary Lamb", "inspector").organisation == "Ofsted"
    assert person(doc, "Jo Wood", "lead_member").authority_code == "383"


def test_grades_across_inspection_frameworks_and_denials(extract):
    doc = extract(
        "Safeguarding services in Birmingham were judged inadequate in a 2009 inspection, and services for "
        "looked-after children adequate. "
        "Ofsted has rated Stoke-on-Trent City Council's children's services 'requires improvement to be good' "
        "overall, with the experiences and progress of children in care rated good. "
        "Children's services in Kirklees are no longer inadequate, Ofsted has said.", published="2019-09-09")
    assert ratings(doc, "330") == {("help_and_protection", "inadequate", "2009"),
                                   ("children_in_care", "adequate", "2009")}
    assert ratings(doc, "861") == {("overall", "requires_improvement", "2019-09"), ("children_in_care", "good", "2019-09")}
    assert ratings(doc, "382") == set()


def test_interventions_in_other_words(extract):
    doc = extract(
        "The Department for Education has placed Northamptonshire's children's services under the control of a "
        "commissioner. Ministers have lifted the statutory direction imposed on Slough in 2014. "
        "The government's children's services commissioner for Herefordshire, Eleanor Brazil, will report in "
        "the spring.", published="2018-03-02")
    found = {(e.intervention, e.authority_code, e.date) for e in events(doc, "intervention")}
    assert found == {("commissioner", "928", "2018-03"), ("statutory_direction", "871", "2014"),
                     ("lifted", "871", "2018-03")}
    brazil = person(doc, "Eleanor Brazil", "commissioner")
    assert (brazil.authority_code, brazil.status) == ("884", "current")


def test_several_areas_listed_after_one_grade(extract):
    doc = extract(
        "In a report published on Tuesday, inspectors rated Hampshire County Council outstanding for overall "
        "effectiveness, for the impact of leaders, for children who need help and protection and for children "
        "in care and care leavers, and thanked its staff.", published="2021-11-09")
    assert {area for area, grade, _ in ratings(doc, "850") if grade == "outstanding"} >= {
        "overall", "leadership", "help_and_protection", "children_in_care"}


def test_grade_in_every_area(extract):
    doc = extract("Cumbria County Council's children's services have been judged to require improvement to be "
                  "good in all areas by Ofsted.", published="2016-08-02")
    assert ratings(doc, "909") == {(area, "requires_improvement", "2016-08") for area in
                                   ("overall", "leadership", "help_and_protection", "children_in_care")}


def test_two_years_joined_by_again(extract):
    doc = extract("Ministers ordered a trust for Slough after its children's services were rated inadequate "
                  "by Ofsted in 2011 and again in 2013.", published="2014-10-01")
    assert {date for _, grade, date in ratings(doc, "871") if grade == "inadequate"} == {"2011", "2013"}


def test_notice_issued_to_a_council_the_model_tags_as_a_verb(extract):
    doc = extract("The Department for Education issued Reading with an improvement notice in March.",
                  published="2016-09-01")
    assert [(e.authority_code, e.intervention, e.date) for e in events(doc, "intervention")] == [
        ("870", "improvement_notice", "2016-03")]


def test_departures_of_someone_else_or_put_off_are_not_the_named_persons(extract):
    doc = extract("Sarah Cole, who advised ministers on Essex, is the board's interim chair after her predecessor "
                  "stood down in March. Priya Nair, a former director at Camden Council, joined the regulator in "
                  "2016 and postponed her retirement to see the new framework through. The High Court ruled in "
                  "2013 that she had been treated unfairly, after Michael Gove, then education secretary, removed "
                  "her from her post in March 2010.", published="2021-05-01")
    assert {e.person for e in events(doc, "departure")} <= {None}


def test_proposed_and_future_commissioners_and_powers_returned(extract):
    doc = extract("The Local Government Secretary told MPs he was minded to appoint commissioners to run the "
                  "council's executive functions. Luton Borough Council said it would cooperate.",
                  published="2016-02-05")
    assert [(e.intervention, e.status, e.authority_code, e.date) for e in events(doc, "intervention")] == [
        ("commissioner", "proposed", "821", "2016-02")]
    doc = extract("Luton's struggling children's services are to get a commissioner to oversee their "
                  "improvement, the government has announced.", published="2016-02-05")
    assert [(e.intervention, e.status, e.date) for e in events(doc, "intervention")] == [
        ("commissioner", "done", "2016-02")]
    doc = extract("The government has today confirmed that it will return all of its powers to Tower Hamlets "
                  "Council. The minister said in January that he was minded to return the remaining powers. "
                  "Other powers have been returned in stages since 2016.", published="2019-03-12")
    assert {(e.intervention, e.status, e.date) for e in events(doc, "intervention")} == {
        ("lifted", "done", "2019-03-12"), ("lifted", "proposed", "2019-01")}


def test_trusts_announced_and_ordered(extract):
    doc = extract("Children's social care in Sefton is to be taken out of the council's hands and run by a trust, "
                  "the government has announced.", published="2022-01-20")
    assert [(e.intervention, e.authority_code, e.date) for e in events(doc, "intervention")] == [
        ("trust", "343", "2022-01")]
    doc = extract("Kent County Council's trust was ordered last year by the then education secretary. Luton, "
                  "where ministers ordered a trust to be set up earlier this year, is expected to follow.",
                  published="2020-04-01")
    assert {(e.intervention, e.authority_code, e.date) for e in events(doc, "intervention")} == {
        ("trust", "886", "2019"), ("trust", "821", "2020")}


def test_current_post_in_apposition_and_a_social_care_commissioner(extract):
    doc = extract("Luton Borough Council's services are overseen by a commissioner. Mark Hale, the current "
                  "commissioner, said the launch was a proud day.", published="2019-05-01")
    assert person(doc, "Mark Hale", "commissioner").authority_code == "821"
    doc = extract("Children's care in Luton is overseen by Jo Baines, who was appointed children's social care "
                  "commissioner by the Education Secretary in March.", published="2019-05-01")
    assert person(doc, "Jo Baines", "commissioner").authority_code == "821"
    assert [e.date for e in events(doc, "appointment", "Jo Baines")] == ["2019-03"]


def test_a_past_posts_stated_end_and_range(extract):
    doc = extract("Ruth Bell, who was schools minister at the Department for Education until last year, criticised "
                  "the decision. The board is chaired by Ann Cole, who was schools minister at the Department for "
                  "Education from 2010 to 2012.", published="2019-05-01")
    assert [e.date for e in events(doc, "departure", "Ruth Bell")] == ["2018"]
    assert [e.date for e in events(doc, "appointment", "Ann Cole")] == ["2010"]
    assert [e.date for e in events(doc, "departure", "Ann Cole")] == ["2012"]


def test_a_ministers_stated_department_is_kept(extract):
    doc = extract("In 2009 Ed Miles, then secretary of state at the Department for Children, Schools and Families, "
                  "used his powers to direct the council. Andy Burnham, then secretary of state at the Department of "
                  "Health, said he was pleased.", published="2014-05-01")
    assert person(doc, "Ed Miles", "minister").organisation == "Department for Children, Schools and Families"
    assert person(doc, "Andy Burnham", "minister").organisation == "Department of Health"
    doc = extract("The Secretary of State for Housing, Communities and Local Government, Sajid Javid, said he was "
                  "pleased.", published="2019-02-01")
    assert person(doc, "Sajid Javid", "minister").organisation == "Ministry of Housing, Communities and Local Government"


def test_whose_services_were_rated_belong_to_the_noun_before(extract):
    doc = extract("Sheffield has been supporting neighbouring Rotherham, whose children's services were rated "
                  "inadequate by Ofsted in 2014.", published="2018-12-01")
    assert ratings(doc, "372") == {("overall", "inadequate", "2014")} and ratings(doc, "373") == set()


def test_grades_as_adjectives_of_a_judgement_noun(extract):
    doc = extract("Hull City Council's children's services have received an outstanding rating from Ofsted, the "
                  "watchdog's highest grade. The direction followed an inadequate Ofsted judgement in 2016 and a "
                  "review of the council's services. Councils that received an inadequate rating from Ofsted face "
                  "intervention.", published="2019-12-01")
    assert ratings(doc, "810") == {("overall", "outstanding", "2019-12"), ("overall", "inadequate", "2016")}


def test_a_grade_held_for_the_past_years_dates_from_then(extract):
    doc = extract("Doncaster's children's services have been judged inadequate for the last six years.",
                  published="2015-06-01")
    assert ratings(doc, "371") == {("overall", "inadequate", "2009")}


def test_a_when_clause_dates_the_grade(extract):
    doc = extract("When Ofsted last inspected in 2015, Hull City Council's children's services were judged to be "
                  "inadequate.", published="2018-01-20")
    assert ratings(doc, "810") == {("overall", "inadequate", "2015")}


def test_took_up_the_post_is_an_appointment(extract):
    doc = extract("Paul Grey is Luton Borough Council's director of children's services. He took up the post in "
                  "December 2017.", published="2019-05-01")
    assert [(e.authority_code, e.date) for e in events(doc, "appointment", "Paul Grey")] == [("821", "2017-12")]
