"""Datasette for reporters: canned queries, search, pages, archive, exports, errors, read-only."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from scrutiny.config import CORPUS_DIR, Paths
from scrutiny.db.fixtures import GOLD_DIRS, REPORTS_DIR
from scrutiny.db.schema import TABLES

SANDWELL = "333"
# Sandwell's Ofsted reports (2013-2025) join the press story when the Ofsted gold is in the corpus.
needs_ofsted = pytest.mark.skipif(
    not (any(GOLD_DIRS[1].glob("*.json")) and REPORTS_DIR.is_dir()), reason="Ofsted gold corpus missing")


def rows(client, path: str) -> list[dict]:
    response = client.get(path + ("&" if "?" in path else "?") + "_shape=array&_size=max")
    assert response.status_code == 200, response.text[:500]
    return response.json()


def person_id(client, name: str) -> int:
    found = rows(client, f"/scrutiny/people.json?name={name.replace(' ', '+')}")
    assert len(found) == 1, found
    return found[0]["id"]


def index_of(items: list[dict], **match) -> int:
    for i, item in enumerate(items):
        if all(match_value in (item.get(key) or "") for key, match_value in match.items()):
            return i
    raise AssertionError(f"no row matching {match} in {[i.get('summary') for i in items]}")


def dated_in_order(items: list[dict], key: str = "date") -> bool:
    dates = [item[key] for item in items]
    dated = [d for d in dates if d]
    return dated == sorted(dated) and all(d is None for d in dates[len(dated):])


# ---- canned queries ----------------------------------------------------------------------------------

def test_authority_timeline_tells_the_sandwell_story_oldest_first(datasette_client):
    timeline = rows(datasette_client, f"/scrutiny/authority_timeline.json?authority_code={SANDWELL}")
    first_inadequate = index_of(timeline, fact="rating", date="2010", summary="safeguarding rated inadequate")
    impower = index_of(timeline, summary="Contract: Impower", date="2012-11")
    departure = index_of(timeline, summary="Departure: Helen Smith")
    child_protection = index_of(timeline, date="2013-04", summary="child protection rated inadequate")
    direction = index_of(timeline, summary="Statutory direction (proposed)")
    assert first_inadequate < impower < departure < child_protection < direction
    assert dated_in_order(timeline)
    assert timeline[-1]["date"] is None  # Simon White's undated appointment comes last
    for fact in timeline:
        assert fact["evidence"] and fact["document_title"] and fact["document_url"].startswith("https://")
    assert "Impower" in timeline[impower]["evidence"]


def test_authority_timeline_only_holds_that_authority(datasette_client):
    timeline = rows(datasette_client, f"/scrutiny/authority_timeline.json?authority_code={SANDWELL}")
    assert not any("Doncaster" in (f["summary"] or "") for f in timeline)
    assert rows(datasette_client, "/scrutiny/authority_timeline.json?authority_code=nope") == []


def test_people_search_follows_a_career_across_authorities(datasette_client):
    career = rows(datasette_client, "/scrutiny/people_search.json?name=Whitfield")
    assert {r["person"] for r in career} == {"Nick Whitfield"}
    assert {"394", "870"} <= {r["authority_code"] for r in career}  # Sunderland, then Reading
    assert dated_in_order(career)
    sunderland = index_of(career, authority_code="394", fact="event")
    reading = index_of(career, authority_code="870", fact="event")
    assert sunderland < reading


def test_departures_after_inadequate_treats_partial_dates_as_spans(datasette_client):
    departures = rows(datasette_client, "/scrutiny/departures_after_inadequate.json")
    by_person = {r["person"]: r for r in departures}
    helen = by_person["Helen Smith"]
    assert helen["authority_code"] == SANDWELL
    assert helen["departure_date"] == "2013"
    assert helen["rating_date"] == "2013-04"  # the first inadequate rating the departure may follow
    assert helen["timing"] == "possibly within"  # "2013" may or may not fall after April
    assert helen["reports"] == 2
    shoesmith = by_person["Sharon Shoesmith"]
    assert (shoesmith["authority"], shoesmith["timing"]) == ("Haringey", "within")
    assert [r["departure_date"] for r in departures] == sorted(r["departure_date"] for r in departures)


def test_departures_after_inadequate_months_widens_the_window(datasette_client):
    five_years = rows(datasette_client, "/scrutiny/departures_after_inadequate.json?months=60")
    helen = next(r for r in five_years if r["person"] == "Helen Smith")
    assert (helen["rating_date"], helen["timing"]) == ("2010", "within")


def test_latest_grades_gives_each_authority_one_grade_per_area(datasette_client):
    grades = rows(datasette_client, "/scrutiny/latest_grades.json")
    keys = [(g["authority_code"], g["area_category"]) for g in grades]
    assert len(keys) == len(set(keys))
    assert [g["authority"] for g in grades] == sorted(g["authority"] for g in grades)
    haringey = {g["area_category"]: g for g in grades if g["authority_code"] == "309"}
    assert haringey["help_and_protection"]["grade"] == "inadequate"


@needs_ofsted
def test_latest_grades_prefers_the_newest_report(datasette_client):
    grades = rows(datasette_client, "/scrutiny/latest_grades.json")
    sandwell = {g["area_category"]: g for g in grades if g["authority_code"] == SANDWELL}
    assert (sandwell["overall"]["grade"], sandwell["overall"]["date"]) == ("good", "2025-12-02")
    # 2013-04 (press) and 2015, 2018 (reports) said inadequate; the 2025 report says good
    assert (sandwell["help_and_protection"]["grade"], sandwell["help_and_protection"]["date"]) == (
        "good", "2025-12-02")


def test_interventions_lists_notices_directions_commissioners_trusts_newest_first(datasette_client):
    interventions = rows(datasette_client, "/scrutiny/interventions.json")
    assert {r["intervention"] for r in interventions} <= {
        "improvement_notice", "statutory_direction", "commissioner", "trust"}
    assert {"improvement_notice", "statutory_direction", "commissioner", "trust"} == {
        r["intervention"] for r in interventions}
    sandwell = [r for r in interventions if r["authority_code"] == SANDWELL]
    assert [(r["intervention"], r["status"]) for r in sandwell] == [
        ("statutory_direction", "proposed"), ("improvement_notice", "done")]
    years = [r["date"][:4] for r in interventions if r["date"]]
    assert years == sorted(years, reverse=True)


# ---- search ------------------------------------------------------------------------------------------

def test_search_finds_documents_by_words_in_their_text_with_highlights(datasette_client):
    found = rows(datasette_client, "/scrutiny/search.json?q=Impower")
    titles = [r["title"] for r in found]
    assert "Sandwell looks to private partner to break cycle of failure" in titles
    assert all("<mark>Impower</mark>" in r["snippet"] for r in found)
    # "consultancy" is in the text of the LGC story, not its title
    consultancy = rows(datasette_client, "/scrutiny/search.json?q=consultancy+firm")
    assert "Government steps up intervention in Sandwell children's services" in [r["title"] for r in consultancy]


def test_search_page_shows_highlighted_snippets_as_html(datasette_client):
    page = datasette_client.get("/scrutiny/search?q=Impower").text
    assert "<mark>Impower</mark>" in page
    assert "&lt;mark&gt;Impower" not in page


@pytest.mark.parametrize("query", ['"statutory direction', "Sandwell's", "-", "AND OR", ""])
def test_search_accepts_any_words_without_an_fts_syntax_error(datasette_client, query):
    response = datasette_client.get("/scrutiny/search.json", params={"q": query, "_shape": "array"})
    assert response.status_code == 200, response.text


def test_documents_table_has_its_own_search_box(datasette_client):
    found = rows(datasette_client, "/scrutiny/documents.json?_search=Impower")
    assert "Sandwell looks to private partner to break cycle of failure" in [r["title"] for r in found]
    assert 'name="_search"' in datasette_client.get("/scrutiny/documents").text


# ---- pages -------------------------------------------------------------------------------------------

def test_home_page_leads_to_authorities_and_search(datasette_client):
    page = datasette_client.get("/").text
    assert 'href="/authorities"' in page
    assert 'action="/scrutiny/search"' in page
    assert "Open Government Licence" in page


def test_authority_page_renders_grades_timeline_people_and_provenance(datasette_client):
    response = datasette_client.get(f"/authority/{SANDWELL}")
    assert response.status_code == 200
    page = response.text
    assert "<h1>Sandwell</h1>" in page and "West Midlands" in page
    for expected in ("Helen Smith", "Simon White", "Contract: Impower", "Statutory direction (proposed)",
                     "Inadequate", "child protection rated inadequate"):
        assert expected in page, expected
    assert "This finding led the council’s then service director for children and families" in page
    helen = person_id(datasette_client, "Helen Smith")
    assert f'href="/person/{helen}"' in page
    assert "https://www.lgcplus.com/services/children/government-steps-up-intervention-in-sandwell" in page
    assert "#:~:text=" in page  # links scroll to the evidence sentence
    assert 'href="/archive/' in page and 'href="/scrutiny/documents/' in page
    assert page.index("safeguarding rated inadequate") < page.index("Statutory direction (proposed)")


def test_authority_page_by_name_redirects_to_its_code(datasette_client):
    response = datasette_client.get("/authority/sandwell")
    assert (response.status_code, response.headers["location"]) == (302, f"/authority/{SANDWELL}")


def test_person_page_shows_a_career_with_evidence(datasette_client):
    page = datasette_client.get(f"/person/{person_id(datasette_client, 'Nick Whitfield')}").text
    assert "<h1>Nick Whitfield</h1>" in page
    assert 'href="/authority/394"' in page and 'href="/authority/870"' in page
    assert page.index("Sunderland") < page.index("Reading")
    helen_page = datasette_client.get(f"/person/{person_id(datasette_client, 'Helen Smith')}").text
    assert "Departure: Helen Smith" in helen_page
    assert "Earlier this year, children’s services manager Helen Smith" in helen_page


def test_tables_link_to_the_reporter_pages(datasette_client):
    helen = person_id(datasette_client, "Helen Smith")
    assert f'<a href="/person/{helen}">Helen Smith</a>' in datasette_client.get("/scrutiny/people").text
    assert f'<a href="/authority/{SANDWELL}">{SANDWELL}</a>' in datasette_client.get(
        f"/scrutiny/ratings?authority_code={SANDWELL}").text


def test_index_pages_list_authorities_and_people(datasette_client):
    authorities = datasette_client.get("/authorities").text
    assert f'<a href="/authority/{SANDWELL}">Sandwell</a>' in authorities
    people = datasette_client.get("/people").text
    assert "Helen Smith" in people and "Nick Whitfield" in people


@pytest.mark.parametrize("path", ["/authority/999999", "/person/999999", "/archive/999999"])
def test_unknown_authority_person_or_document_is_a_404(datasette_client, path):
    response = datasette_client.get(path)
    assert response.status_code == 404
    assert "Traceback" not in response.text


# ---- archive -----------------------------------------------------------------------------------------

def test_archive_serves_the_original_html_unable_to_run_scripts(datasette_client):
    doc = rows(datasette_client, "/scrutiny/documents.json?source=lgc&_search=Sandwell")[0]
    response = datasette_client.get(f"/archive/{doc['id']}")
    assert response.status_code == 200
    original = CORPUS_DIR / "sites/lgc/services/children/government-steps-up-intervention-in-sandwell-childrens-services"
    assert response.content == (original / "5062115.article/index.html").read_bytes()
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "sandbox" in csp and "default-src 'none'" in csp
    assert "allow-scripts" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"


@needs_ofsted
def test_archive_serves_reports_as_pdf(datasette_client):
    report = rows(datasette_client, "/scrutiny/documents.json?kind=report&authority_code=333")[0]
    response = datasette_client.get(f"/archive/{report['id']}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "sandbox" not in response.headers.get("content-security-policy", "")


# ---- exports -----------------------------------------------------------------------------------------

def test_canned_queries_and_tables_export_as_csv_and_json(datasette_client):
    query = f"/scrutiny/authority_timeline.{{}}?authority_code={SANDWELL}&_size=max"
    as_json = datasette_client.get(query.format("json") + "&_shape=array").json()
    as_csv = list(csv.DictReader(io.StringIO(datasette_client.get(query.format("csv")).text)))
    assert len(as_csv) == len(as_json) > 10
    assert [r["summary"] for r in as_csv] == [r["summary"] for r in as_json]
    table = datasette_client.get(f"/scrutiny/ratings.csv?authority_code={SANDWELL}&_size=max")
    assert table.status_code == 200 and table.headers["content-type"].startswith("text/plain")
    ratings = list(csv.DictReader(io.StringIO(table.text)))
    assert {"grade", "area_category", "evidence"} <= set(ratings[0])
    assert len(ratings) == len(rows(datasette_client, f"/scrutiny/ratings.json?authority_code={SANDWELL}"))


# ---- metadata ----------------------------------------------------------------------------------------

def test_column_descriptions_come_from_the_schema(datasette_client):
    metadata = datasette_client.get("/-/metadata.json").json()
    tables = metadata["databases"]["scrutiny"]["tables"]
    for table, columns in TABLES.items():
        for column, description in columns.items():
            assert tables[table]["columns"][column] == description
    assert tables["authorities"]["license"] == "MIT"
    assert "Open Government Licence" in metadata["license"]


def test_tables_offer_year_and_category_facets(datasette_client):
    ratings = datasette_client.get("/scrutiny/ratings.json").json()
    assert {"authority_code", "grade", "area_category", "year"} <= set(ratings["facet_results"])
    years = {f["value"] for f in ratings["facet_results"]["year"]["results"]}
    assert {"2010", "2013"} <= years
    documents = datasette_client.get("/scrutiny/documents.json").json()
    assert {"source", "kind", "year"} <= set(documents["facet_results"])


# ---- errors ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/no/such/page", "/scrutiny/no_such_table", "/scrutiny/ratings/999999"])
def test_unknown_route_is_a_small_404_without_traceback(datasette_client, capfd, path):
    response = datasette_client.get(path)
    assert response.status_code == 404
    assert len(response.text) < 10_000
    assert "Traceback" not in response.text
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and "locals" not in out + err


def test_bad_sql_is_a_readable_400_without_traceback(datasette_client, capfd):
    response = datasette_client.get("/scrutiny?sql=select+*+from+no_such_table")
    assert response.status_code == 400
    assert "no such table: no_such_table" in response.text
    assert "Traceback" not in response.text
    as_json = datasette_client.get("/scrutiny.json?sql=selec+1")
    assert as_json.status_code == 400
    assert as_json.json()["ok"] is False and as_json.json()["error"]
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and "locals" not in out + err


# ---- read-only ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("sql", ["delete from ratings", "with x as (select 1) delete from ratings",
                                 "update people set name = 'x'"])
def test_write_sql_is_refused(datasette_client, sql):
    response = datasette_client.get("/scrutiny.json", params={"sql": sql})
    assert response.status_code == 400
    assert rows(datasette_client, "/scrutiny/ratings.json?authority_code=333")


def test_every_connection_is_read_only(datasette_client):
    database = datasette_client.ds.get_database("scrutiny")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        datasette_client.run(database.execute_write("delete from ratings"))


def test_serving_sees_writes_made_underneath(tmp_path, make_datasette_client):
    from scrutiny.db.fixtures import GOLD_DIRS, build_fixture_db
    from scrutiny.db.schema import open_db
    from scrutiny.db.store import save_fetched_document

    gold = sorted(GOLD_DIRS[0].glob("*.json"))
    if not gold:
        pytest.skip("gold corpus missing")
    one = tmp_path / "gold"
    one.mkdir()
    (one / gold[0].name).write_bytes(gold[0].read_bytes())
    paths = Paths(tmp_path)
    build_fixture_db(paths.db, gold_dirs=[one])
    client = make_datasette_client(paths)
    assert len(rows(client, "/scrutiny/documents.json")) == 1
    writer = open_db(paths.db)  # a pipeline run writing while Datasette serves
    save_fetched_document(writer, {"url": "https://example.org/new", "content_hash": "x"})
    assert len(rows(client, "/scrutiny/documents.json")) == 2
    writer.close()


def test_get_prints_a_page_without_a_server(seeded_db, capsys):
    from scrutiny.db.serve import serve

    serve(seeded_db, get_path=f"/scrutiny/authorities.json?code={SANDWELL}&_shape=array")
    assert json.loads(capsys.readouterr().out)[0]["name"] == "Sandwell"
    with pytest.raises(SystemExit) as exit_info:
        serve(seeded_db, get_path="/no/such/page")
    assert exit_info.value.code == 1
