"""scrutiny's Datasette plugin: pages a reporter reads, archived copies, small error pages.

Loaded by ``scrutiny.db.serve`` through Datasette's ``plugins_dir``; it acts only on
a Datasette whose metadata carries the ``scrutiny-web`` plugin settings (database
name, WARC directory), so it is inert anywhere else.

Routes: ``/authorities``, ``/authority/<code>``, ``/people``, ``/person/<id>`` (HTML
pages built on the ``timeline`` and ``current_grades`` views) and ``/archive/<id>``
(the document exactly as fetched, from the WARC, unable to run scripts).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from urllib.parse import quote

from datasette import Response, hookimpl
from datasette.utils import escape_fts
from datasette.utils.asgi import Base400, NotFound
from datasette.views.base import DatasetteError
from markupsafe import Markup, escape

from scrutiny.archive import read_response

PLUGIN_NAME = "scrutiny-web"
log = logging.getLogger("scrutiny.web")

# Display order of judged areas, broadest first.
AREA_ORDER = ("overall", "help_and_protection", "children_in_care", "care_leavers", "adoption",
              "leadership", "lscb")
# timeline.fact -> the table its fact_id belongs to.
FACT_TABLES = {"rating": "ratings", "post": "roles", "event": "events"}
TIMELINE_ORDER = "date is null, date_start, date, published, fact, fact_id"

# Archived HTML is shown as fetched but inert: no scripts, no requests to the original
# site (or anywhere), a unique origin. PDFs are left to the browser's viewer, which a
# sandboxed document would block.
ARCHIVE_CSP = ("sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
               "font-src data:; form-action 'none'; base-uri 'none'")


def _config(datasette) -> dict[str, Any] | None:
    return datasette.plugin_config(PLUGIN_NAME)


def _db(datasette):
    return datasette.get_database(_config(datasette)["database"])


# --- SQL helpers and template filters -------------------------------------------------

def fts_query(q: str | None) -> str:
    """A user's words as a safe FTS5 query (each word or "phrase" quoted); blank matches nothing."""
    return escape_fts(q or "") or '""'


def text_fragment(url: str | None, evidence: str | None) -> str:
    """``url`` with a ``#:~:text=`` fragment, so the browser scrolls to and highlights the sentence."""
    if not url:
        return ""
    if not evidence:
        return url
    words = " ".join(evidence.split())
    return f"{url.split('#')[0]}#:~:text={quote(words, safe='').replace('-', '%2D')}"


ACRONYMS = {"lscb": "LSCB", "dcs": "DCS", "jtai": "JTAI"}


def label(value: str | None) -> str:
    """``requires_improvement`` -> ``Requires improvement``, ``lscb`` -> ``LSCB``."""
    if value in ACRONYMS:
        return ACRONYMS[value]
    text = (value or "").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def highlight_marks(value: str) -> Markup:
    """Escape a snippet() result, then let its <mark> tags (and only those) through."""
    escaped = str(escape(value))
    return Markup(escaped.replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>"))


@hookimpl
def prepare_connection(conn, database, datasette):
    conn.create_function("scrutiny_fts_query", 1, fts_query, deterministic=True)


@hookimpl
def prepare_jinja2_environment(env, datasette):
    env.filters["text_fragment"] = text_fragment
    env.filters["label"] = label


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    config = _config(datasette)
    if not config or database != config["database"] or value in (None, ""):
        return None
    in_query_or_view = table in (None, "timeline", "current_grades")
    if column == "snippet" and table is None:
        return highlight_marks(str(value))
    if column == "authority_code":
        return Markup(f'<a href="/authority/{escape(value)}">{escape(value)}</a>')
    if table == "people" and column == "name":
        return Markup(f'<a href="/person/{escape(row["id"])}">{escape(value)}</a>')
    if column == "person_id" and in_query_or_view:
        return Markup(f'<a href="/person/{escape(value)}">{escape(value)}</a>')
    if column.endswith("document_id") and in_query_or_view:
        return Markup(f'<a href="/{escape(database)}/documents/{escape(value)}">{escape(value)}</a>')
    return None


@hookimpl
def menu_links(datasette, actor, request):
    if not _config(datasette):
        return None
    return [
        {"href": "/authorities", "label": "Authorities"},
        {"href": "/people", "label": "People"},
        {"href": f"/{_config(datasette)['database']}/search", "label": "Search"},
    ]


# --- errors ---------------------------------------------------------------------------

@hookimpl(wrapper=True)
def handle_exception(datasette, request, exception):
    """Replace Datasette's handler: its rich traceback (with local variables) is not for 404s.

    4xx: a small page (or JSON) saying what was wrong, nothing logged beyond the access
    line. 5xx: a generic page, and one plain traceback in the log.
    """
    responses = yield
    if not _config(datasette):
        return responses
    return [_error_response(datasette, request, exception)]


def _error_response(datasette, request, exception):
    async def respond():
        title = None
        if isinstance(exception, Base400):
            status, message = exception.status, str(exception.args[0] if exception.args else exception)
        elif isinstance(exception, DatasetteError):
            status, title = exception.status, exception.title
            message = Markup(exception.message) if exception.message_is_html else exception.message
        else:
            status, message = 500, "Something went wrong on the server; the error has been logged."
        if status >= 500:
            log.error("%s %s failed: %s", request.method, request.path, exception, exc_info=exception)
        info = {"ok": False, "error": str(message), "status": status, "title": title}
        if request.path.endswith(".json"):
            return Response.json(info, status=status)
        try:
            html = await datasette.render_template(
                [f"{status}.html", "error.html"], {**info, "error": message}, request=request
            )
        except Exception:  # the error page must not fail in turn
            log.exception("rendering the error page failed")
            return Response.text(f"Error {status}: {message}", status=status)
        return Response.html(html, status=status)

    return respond


# --- pages ----------------------------------------------------------------------------

async def _rows(datasette, sql: str, params: list[Any] | dict[str, Any] | None = None) -> list[dict]:
    """Rows of one of our pages' fixed queries (``execute_fn``: the time limit is for visitors' SQL)."""

    def run(conn) -> list[dict]:
        return [dict(row) for row in conn.execute(sql, params or [])]

    return await _db(datasette).execute_fn(run)


async def _archived_ids(datasette, facts: list[dict]) -> set[int]:
    ids = sorted({f["document_id"] for f in facts if f.get("document_id") is not None})
    if not ids:
        return set()
    marks = ",".join("?" * len(ids))
    rows = await _rows(datasette, f"select id from documents where warc_file is not null and id in ({marks})",
                       ids)
    return {r["id"] for r in rows}


async def _render(datasette, request, template: str, context: dict[str, Any]) -> Response:
    context = {"database": _config(datasette)["database"], "fact_tables": FACT_TABLES, **context}
    return Response.html(await datasette.render_template(template, context, request=request))


def _by_area(grades: list[dict]) -> list[dict]:
    rank = {area: i for i, area in enumerate(AREA_ORDER)}
    return sorted(grades, key=lambda g: (rank.get(g["area_category"], len(rank)), g["area_category"] or ""))


def _by_surname(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: ([w.lower() for w in (r["name"] or "").split()[-1:]], r["name"] or ""))


def _people_of(timeline: list[dict]) -> list[dict]:
    """Who appears in a timeline: their posts and events there, first and last seen (by surname)."""
    people: dict[int, dict] = {}
    for fact in timeline:
        if fact["person_id"] is None:
            continue
        person = people.setdefault(fact["person_id"], {
            "id": fact["person_id"], "name": fact["person"], "posts": [], "events": [], "seen": []})
        if fact["role"] and fact["role"] not in person["posts"]:
            person["posts"].append(fact["role"])
        if fact["event_type"] and fact["event_type"] not in person["events"]:
            person["events"].append(fact["event_type"])
        if fact["date"] or fact["published"]:
            person["seen"].append(fact["date"] or fact["published"])
    for person in people.values():
        person["first_seen"] = min(person["seen"], default=None)
        person["last_seen"] = max(person["seen"], default=None)
    return _by_surname(list(people.values()))


async def authorities_page(datasette, request):
    authorities = await _rows(datasette, """
        select a.code, a.name, a.region, a.kind, a.abolished,
          (select count(*) from ratings r where r.authority_code = a.code) as ratings,
          (select count(*) from roles p where p.authority_code = a.code) as posts,
          (select count(*) from events e where e.authority_code = a.code) as events
        from authorities a order by a.name
    """)
    overall = {
        g["authority_code"]: g
        for g in await _rows(datasette, "select * from current_grades where area_category = 'overall'")
    }
    for a in authorities:
        a["overall"] = overall.get(a["code"])
        a["facts"] = a["ratings"] + a["posts"] + a["events"]
    return await _render(datasette, request, "scrutiny_authorities.html", {"authorities": authorities})


async def authority_page(datasette, request):
    code = request.url_vars["code"]
    found = await _rows(datasette, "select * from authorities where code = ?", [code])
    if not found:
        slug = await _rows(
            datasette,
            "select code from authorities where lower(name) = lower(:q) or replace(lower(name), ' ', '-') = lower(:q)",
            {"q": code},
        )
        if slug:
            return Response.redirect(f"/authority/{slug[0]['code']}")
        # A code the facts use but the gazetteer lacks still gets its page, named as written.
        found = await _rows(datasette, "select authority_code as code, organisation as name from timeline"
                                       " where authority_code = ? order by organisation is null limit 1", [code])
        if not found:
            raise NotFound(f"No authority with code {code!r}; see /authorities for the list.")
        found[0]["name"] = found[0]["name"] or code
    authority = found[0]
    grades = _by_area(await _rows(datasette, "select * from current_grades where authority_code = ?", [code]))
    timeline = await _rows(
        datasette, f"select * from timeline where authority_code = ? order by {TIMELINE_ORDER}", [code]
    )
    people = _people_of(timeline)
    return await _render(datasette, request, "scrutiny_authority.html", {
        "authority": authority, "grades": grades, "timeline": timeline, "people": people,
        "archived": await _archived_ids(datasette, timeline + grades),
    })


async def people_page(datasette, request):
    people = {p["id"]: {**p, "facts": 0, "authorities": [], "last_seen": None}
              for p in await _rows(datasette, "select id, name from people")}
    facts = await _rows(datasette, """
        select r.person_id, a.name as authority, d.published as date
        from roles r left join documents d on d.id = r.document_id
        left join authorities a on a.code = r.authority_code
        union all
        select e.person_id, a.name, coalesce(e.date, d.published)
        from events e left join documents d on d.id = e.document_id
        left join authorities a on a.code = e.authority_code
        where e.person_id is not null
    """)
    for fact in facts:  # aggregated here: SQLite's group_concat(distinct) over a view is slow at scale
        person = people.get(fact["person_id"])
        if person is None:
            continue
        person["facts"] += 1
        if fact["authority"] and fact["authority"] not in person["authorities"]:
            person["authorities"].append(fact["authority"])
        if fact["date"] and (person["last_seen"] is None or fact["date"] > person["last_seen"]):
            person["last_seen"] = fact["date"]
    return await _render(datasette, request, "scrutiny_people.html", {"people": _by_surname(list(people.values()))})


async def person_page(datasette, request):
    person_id = int(request.url_vars["person_id"])
    found = await _rows(datasette, "select * from people where id = ?", [person_id])
    if not found:
        raise NotFound(f"No person with id {person_id}; see /people for the list.")
    timeline = await _rows(
        datasette, f"select * from timeline where person_id = ? order by {TIMELINE_ORDER}", [person_id]
    )
    authorities = await _rows(datasette, """
        select authority_code as code, authority as name, min(coalesce(date, published)) as first_seen
        from timeline where person_id = ? and authority_code is not null
        group by authority_code order by first_seen
    """, [person_id])
    return await _render(datasette, request, "scrutiny_person.html", {
        "person": found[0], "timeline": timeline, "authorities": authorities,
        "archived": await _archived_ids(datasette, timeline),
    })


def archive_headers(content_type: str, original_url: str | None) -> dict[str, str]:
    """Headers that keep an archived page from acting as a page of this site."""
    headers = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "private, max-age=3600",
    }
    if original_url:
        headers["Link"] = f'<{quote(original_url, safe=":/?&=#%~+;,@!$*()[]")}>; rel="original"'
    if content_type.split(";")[0].strip().lower() == "application/pdf":
        headers["Content-Disposition"] = "inline"
    else:
        headers["Content-Security-Policy"] = ARCHIVE_CSP
    return headers


async def archive_copy(datasette, request):
    config = _config(datasette)
    document_id = int(request.url_vars["document_id"])
    found = await _rows(
        datasette, "select url, content_type, warc_file, warc_offset from documents where id = ?", [document_id]
    )
    if not found or not found[0]["warc_file"]:
        raise NotFound(f"No archived copy of document {document_id}.")
    doc = found[0]
    try:
        archived = await asyncio.to_thread(
            read_response, config["warc_dir"], doc["warc_file"], doc["warc_offset"] or 0
        )
    except (LookupError, OSError) as exc:
        raise NotFound(f"The archived copy of document {document_id} is missing: {exc}") from exc
    content_type = archived.content_type or doc["content_type"] or "application/octet-stream"
    return Response(archived.body, status=200, headers=archive_headers(content_type, archived.url or doc["url"]),
                    content_type=content_type)


@hookimpl
def register_routes(datasette):
    if not _config(datasette):
        return []
    return [
        (r"^/authorities$", authorities_page),
        (r"^/authority/(?P<code>[^/]+)$", authority_page),
        (r"^/people$", people_page),
        (r"^/person/(?P<person_id>[0-9]+)$", person_page),
        (r"^/archive/(?P<document_id>[0-9]+)$", archive_copy),
    ]
