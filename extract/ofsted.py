"""Ofsted reports on a local authority's children's services: PDF bytes in, a ``Document`` out.

Every framework since 2005 prints its grades in its own place and words, so each
has its own small reader over the report's text:

- annual performance assessment letters (2005-2008, grades 1-4) and the annual
  children's services assessment (2009-2011, "performs well");
- safeguarding and looked after children inspections (2009-2012), child protection
  inspections (2012-2013) and looked after children inspections (2013): the
  "Record of main findings" table;
- the single inspection framework (SIF, 2013-2018) and its re-inspections: the
  judgements on the cover and the LSCB review;
- ILACS (2018 on): the "Judgement / Grade" table on page 1, with the combined
  children in care and care leavers judgement until early 2023, a separate care
  leavers judgement after, and no overall effectiveness after the 2026 reform;
- monitoring visit, focused visit, assurance visit, JTAI and area SEND letters:
  type and date only, no grades.

The text is pypdf's, pages joined with a space and whitespace collapsed, the
normalisation of the Ofsted gold set, so every ``evidence`` is a verbatim span of
``Document.text``. Only pypdf reads the PDF: a second library per page would
double the cost.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import DependencyError

from scrutiny.extract import authorities
from scrutiny.extract.dates import parse_date
from scrutiny.extract.errors import ExtractionError
from scrutiny.extract.models import Document, Person, Rating

SOURCE = "ofsted"

# ---------------------------------------------------------------------------
# PDF bytes to text
# ---------------------------------------------------------------------------


def _html_title(data: bytes) -> str:
    m = re.search(rb"<title[^>]*>\s*(.*?)\s*</title>", data[:20000], re.I | re.S)
    return re.sub(r"\s+", " ", m.group(1).decode("utf-8", "replace")).strip() if m else ""


def pdf_text(data: bytes, *, max_pages: int = 400, max_seconds: float = 60.0) -> str:
    """The text of a PDF as the Ofsted gold reads it: pypdf per page, joined, whitespace collapsed.

    Reading stops after ``max_pages`` pages or ``max_seconds`` (what was read is kept: the
    judgements are on the first pages), so an enormous or pathological PDF cannot hold a worker.
    Raises ExtractionError for anything that is not a readable, text-bearing PDF.
    """
    if not data or not data.strip():
        raise ExtractionError("empty file: no bytes to read as a PDF")
    head = data[:1024].lstrip()
    if b"%PDF-" not in data[:1024]:
        if head[:1] == b"<":
            title = _html_title(data)
            raise ExtractionError(f"not a PDF but an HTML page{f' ({title!r})' if title else ''}")
        raise ExtractionError("not a PDF: no %PDF header in the first 1 KB")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError("encrypted PDF: it needs a password to open")
        pages = reader.pages
        count = len(pages)
    except ExtractionError:
        raise
    except DependencyError as exc:
        raise ExtractionError(f"encrypted PDF that pypdf cannot decrypt here: {_one_line(exc)}") from exc
    except Exception as exc:  # pypdf raises many types on broken files
        raise ExtractionError(f"corrupt PDF: {type(exc).__name__}: {_one_line(exc)}") from exc
    if count == 0:
        raise ExtractionError("PDF has no pages")
    texts, failures = [], 0
    deadline = time.monotonic() + max_seconds
    for index in range(min(count, max_pages)):
        if index and time.monotonic() > deadline:
            break
        try:
            texts.append(pages[index].extract_text() or "")
        except Exception:  # pypdf fails in many ways on a damaged page; it should not lose the report
            failures += 1
    text = re.sub(r"\s+", " ", " ".join(texts)).strip()
    if not text:
        why = f"{failures} of {count} pages unreadable" if failures else "scanned images?"
        raise ExtractionError(f"PDF has no extractable text ({why})")
    return text


def _one_line(exc: BaseException) -> str:
    return re.sub(r"\s+", " ", str(exc)).strip()[:200] or "no detail"


# ---------------------------------------------------------------------------
# Grades
# ---------------------------------------------------------------------------

# Longest first, so "requires improvement to be good" is not read as "requires improvement".
GRADE = (
    r"(?i:requires? improvement to be good|requires? improvement|outstanding|inadequate|adequate|good"
    r"|not judged|perform(?:s|ing)? (?:excellently|well|adequately|poorly))"
)
# The end of a grade: not inside a longer lower-case word, but pypdf may run the next
# capitalised word on without a space ("GoodThe experiences ...").
_END = r"(?-i:(?![a-z]))"

_GRADE_WORDS = {
    "outstanding": "outstanding",
    "good": "good",
    "adequate": "adequate",
    "inadequate": "inadequate",
    "poor": "poor",
    "excellently": "outstanding",
    "well": "good",
    "adequately": "adequate",
    "poorly": "poor",
}

# Annual performance assessments (2005-2008) graded 4 (best) to 1.
_APA_GRADES = {"4": "outstanding", "3": "good", "2": "adequate", "1": "inadequate"}


def normalise_grade(printed: str) -> str | None:
    """A printed grade as a contract grade; None for "not judged" and anything unknown."""
    words = printed.lower().split()
    if not words or words[:2] == ["not", "judged"]:
        return None
    if words[0] in ("requires", "require"):
        return "requires_improvement"
    return _GRADE_WORDS.get(words[-1] if words[0].startswith("perform") else words[0])


# ---------------------------------------------------------------------------
# Report types, from the text and from the Ofsted website's link labels
# ---------------------------------------------------------------------------

# (report_type, framework, pattern on the report's opening text); first match wins.
_LETTER_TYPES = (
    ("jtai", "jtai", r"Joint targeted area inspection"),
    ("send_inspection", "area_send", r"\b(?:Joint local area SEND|Area SEND|local area SEND) (?:full |monitoring )?inspection"),
    ("focused_visit", "focused_visit", r"\bFocused visit (?:to|of|at|on)\b"),
    ("monitoring_visit", "monitoring_visit", r"\bMonitoring visit (?:to|of|at|on)\b"),
    ("assurance_visit", "assurance_visit", r"\bAssurance visit (?:to|of|at|on)\b"),
    ("unannounced_inspection", "safeguarding_lac_2009",
     r"\bUnannounced inspection of contact, referral and assessment"),
)

_LABEL_TYPES = (
    ("jtai", r"joint targeted area|\bjtai\b"),
    ("send_inspection", r"\bsend\b|special educational needs"),
    ("focused_visit", r"focused visit"),
    ("monitoring_visit", r"monitoring visit"),
    ("assurance_visit", r"assurance visit"),
    ("unannounced_inspection", r"unannounced"),
    ("lscb_review", r"^(?:review of )?(?:the )?(?:effectiveness of the )?(?:lscb|local safeguarding children board)"),
    ("annual_assessment", r"annual|assessment of children s services|children s services assessment|\bapa\b"),
    ("inspection", r"inspection|report"),
)


def report_metadata_from_label(label: str) -> dict[str, str | None]:
    """Report type and date from an Ofsted website link label.

    "Children's services inspection - 13 January 2023, pdf" gives
    ``{"report_type": "inspection", "published": "2023-01-13"}``; unknown kinds give
    ``"other"`` and a label without a date gives ``published`` None.
    """
    folded = authorities.fold(label)
    report_type = next((kind for kind, pattern in _LABEL_TYPES if re.search(pattern, folded)), "other")
    return {"report_type": report_type, "published": parse_date(label)}


@dataclass(frozen=True)
class _Kind:
    report_type: str
    framework: str | None


def _kind(text: str) -> _Kind:
    head = text[:1500]
    if "Judgement Grade" in text[:2500] or re.search(
        r"Inspection of [^.]{2,90}? local authority children['’]s services Inspection dates?", head
    ) or re.search(r"^(?:\d+ )?[^.]{2,90}? Inspection of children['’]s social care services", head):
        return _Kind("inspection", "ilacs")
    if re.search(r"Re-inspection of services for children", head[:800]):
        return _Kind("inspection", "sif_reinspection")
    if re.search(r"Inspection of services for children in need of help", head[:800]):
        return _Kind("inspection", "sif")
    if re.search(r"^(?:\d+ )?[^.]{0,120}?Review of the effectiveness of the Local Safeguarding Children Board",
                 head[:600], re.I):
        return _Kind("lscb_review", "sif")
    if re.search(r"Inspection of (?:local authority )?arrangements for the protection of children", head[:800]):
        return _Kind("inspection", "cp_lac_2012")
    if re.search(r"Inspection of looked after children(?:'s|’s)? services", head[:800]):
        return _Kind("inspection", "cp_lac_2012")
    if re.search(r"Inspection of safeguarding and looked after children(?:'s|’s)? services", head[:800]):
        return _Kind("inspection", "safeguarding_lac_2009")
    for report_type, framework, pattern in _LETTER_TYPES:
        if re.search(pattern, head):
            return _Kind(report_type, framework)
    if re.search(r"Annual performance assessment", head, re.I):
        return _Kind("annual_assessment", "apa")
    if re.search(r"children['’]s services assessment", text[:4000], re.I):
        return _Kind("annual_assessment", "annual_assessment")
    return _Kind("other", None)


# ---------------------------------------------------------------------------
# The cover: title, authority, dates, inspector
# ---------------------------------------------------------------------------

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE = r"\d{1,2} " + _MONTH + r" \d{4}"
_DATE_RANGE = r"\d{1,2}(?: " + _MONTH + r")?(?: \d{4})? ?(?:–|-|—|to|and) ?" + _DATE + r"|" + _DATE

_NAME_RUN = r"(?:[^.]|(?<=\bSt)\.){2,90}?"  # no sentence break, but "St. Helens"
_AUTHORITY_ON_COVER = (
    r"Inspection of (?:the )?(?P<a>" + _NAME_RUN + r") local authority children['’]s services",
    r"^(?:\d+ )?(?P<a>" + _NAME_RUN + r") (?:Re-i|I)nspection of (?:services for children|children['’]s social care)",
    r"Inspection of (?:safeguarding and )?looked after children(?:['’]s)? services (?P<a>" + _NAME_RUN + r") "
    r"Inspection dates?",
    r"arrangements for the protection of children (?P<a>" + _NAME_RUN + r") Inspection dates?",
    r"^(?:\d+ )?(?P<a>" + _NAME_RUN + r") Review of the effectiveness of the Local Safeguarding",
    r"(?:Monitoring|Focused|Assurance) visit (?:to|of|at) (?:the )?(?P<a>" + _NAME_RUN + r") "
    r"(?:local authority )?children['’]s (?:services|social care)",
    r"Joint targeted area inspection of [^.]{5,200}? in (?P<a>[A-Z][^.]{1,60}?)(?= This | Dear | Between |\.)",
    r"Annual performance assessment of services for children and young people in (?P<a>[^.]{2,60}?) \d{4}",
    r"[Cc]hildren['’]s services in (?P<a>[A-Z][^.]{1,60}?) (?:(?:is|are) )?(?:judged (?:to be |as )?)?"
    r"perform(?:s|ing)? (?:excellently|well|adequately|poorly)",
)


def _cover_authority(text: str) -> str | None:
    head = text[:2500]
    for pattern in _AUTHORITY_ON_COVER:
        m = re.search(pattern, head, re.I if pattern.startswith("Annual") else 0)
        if m:
            name = re.sub(r"\d+$", "", m.group("a")).strip(" ,")
            return re.sub(r"^(?:the|The) ", "", name) or None
    return None


def _authority_code(name: str | None, urn: str | None) -> str | None:
    """The DfE code: by the caller's URN when given, else by the name on the cover."""
    if urn:
        found = authorities.by_urn(urn)
        if found:
            return found.code
    if not name:
        return None
    found = authorities.lookup(name)
    if found is None:  # e.g. "City of London", whose prefix lookup strips
        key = authorities.fold(name)
        found = next((a for a in authorities.all_authorities() if authorities.fold(a.name) == key), None)
    return found.code if found else None


def _title(text: str, kind: _Kind) -> str | None:
    head = text[:1500]
    m = re.match(r"(?:\d+ )?(.{5,400}?)(?:(?<=[A-Za-z])\d)? Inspection dates?:? ", head)
    if m and kind.report_type in ("inspection", "lscb_review"):
        return m.group(1).strip()
    m = re.search(
        r"((?:Monitoring|Focused|Assurance) visit (?:to|of|at|on) [^.]{2,150}?"
        r"(?:children['’]s services|children['’]s social care(?: services)?)"
        r"|Joint targeted area inspection of [^.]{5,250}?(?= This | Dear | Between | From |\. )"
        r"|Annual performance assessment of services for children and young people in [^.]{2,60}? \d{4}"
        r"|Annual children['’]s services assessment)",
        head, re.I,
    )
    return m.group(1).strip() if m else None


def _inspection_dates(text: str) -> str | None:
    m = re.search(r"Inspection dates?:? (" + _DATE_RANGE + ")", text[:3000])
    if m is None:  # letters: "... the monitoring visit to X on 13 and 14 April 2021"
        m = re.search(r"(?:visit|inspection)[^.]{0,150}? (?i:on|between|from) (" + _DATE_RANGE + ")", text[:4000])
    return m.group(1) if m else None


def _published(text: str, hint: str | None) -> str | None:
    """The printed publication date, else the caller's (listing) date, else a letter's date."""
    m = re.search(r"(?:Report p|P)ublished: ?(" + _DATE + ")", text[:3000])
    printed = parse_date(m.group(1)) if m else None
    if printed or hint:
        return printed or parse_date(hint)
    m = re.search(r"(" + _DATE + r")(?=.{0,400}\bDear\b)", text[:1500])
    return parse_date(m.group(1)) if m else None


_NAME = r"[A-Z][A-Za-z'’\-]+(?: (?!(?:HMI|Her|His|Deputy|Team|Inspection|Judgement|Age|Senior|Shadow|Quality|Ofsted|Lead)\b)[A-Z][A-Za-z'’\-]*){1,3}"
_INSPECTOR = re.compile(
    r"(?P<role>Lead|Reporting) (?i:inspector):? (?P<name>" + _NAME + r")"
    r"(?P<post>,? (?:Her|His) Majesty['’]s Inspector| HMI\b)?"
)


def _inspector(text: str) -> Person | None:
    m = _INSPECTOR.search(text)
    if m is None:
        return None
    return Person(
        name=m.group("name"),
        role=f"{m.group('role').lower()} inspector",
        role_category="inspector",
        organisation="Ofsted",
        authority_code=None,
        status="current",
        evidence=m.group(0),
    )


# ---------------------------------------------------------------------------
# Judgements, one reader per framework; each yields (area, area_category, grade, evidence)
# ---------------------------------------------------------------------------

Judgement = tuple[str, str, str, str]

_ILACS_ROWS = (
    ("The impact of leaders on social work practice with children and families", "leadership"),
    ("The experiences and progress of children who need help and protection", "help_and_protection"),
    ("The experiences and progress of children in care and care leavers", "children_in_care"),
    ("The experiences and progress of children in care", "children_in_care"),
    ("The experiences and progress of care leavers", "care_leavers"),
    ("Overall effectiveness", "overall"),
)
_ILACS_LABEL = re.compile("|".join(re.escape(label) for label, _ in _ILACS_ROWS), re.I)
_GRADE_TOKEN = re.compile(GRADE + _END)
_FOOTNOTE = re.compile(r"\d{1,2} ")


def _ilacs(text: str) -> Iterator[Judgement]:
    """The page 1 table; rows missing from it are read from the section headings."""
    categories = {label.lower(): category for label, category in _ILACS_ROWS}
    found: dict[str, Judgement] = {}
    start = text.find("Judgement Grade", 0, 5000)
    if start >= 0:
        found = _ilacs_table(text, start + len("Judgement Grade "), categories)
    for label, category in _ILACS_ROWS:
        if category in found or (category == "children_in_care" and "care_leavers" in found):
            continue
        m = re.search(re.escape(label) + r"(?::| is| are) (" + GRADE + ")" + _END, text)
        grade = normalise_grade(m.group(1)) if m else None
        if m and grade:
            found[category] = (label, category, grade, m.group(0))
    yield from found.values()


def _ilacs_table(text: str, position: int, categories: dict[str, str]) -> dict[str, Judgement]:
    """Read label and grade tokens in order, then pair the n-th label with the n-th grade.

    pypdf usually prints each row as "label grade", but a table can come out as all
    labels then all grades; pairing in order reads both.
    """
    tokens: list[tuple[str, re.Match[str]]] = []
    while True:
        while text.startswith(" ", position):
            position += 1
        label = _ILACS_LABEL.match(text, position)
        grade = None if label else _GRADE_TOKEN.match(text, position)
        if label is None and grade is None and tokens and tokens[-1][0] == "label":
            footnote = _FOOTNOTE.match(text, position)  # "... families 1 Good"
            if footnote:
                grade = _GRADE_TOKEN.match(text, footnote.end())
        if label is None and grade is None:
            break
        tokens.append(("label", label) if label else ("grade", grade))
        position = (label or grade).end()
    labels = [m for kind, m in tokens if kind == "label"]
    grades = [m for kind, m in tokens if kind == "grade"]
    found: dict[str, Judgement] = {}
    for label, grade_match in zip(labels, grades, strict=False):
        grade = normalise_grade(grade_match.group(0))
        category = categories[re.sub(r"\s+", " ", label.group(0)).lower()]
        if grade and category not in found:
            start, end = min(label.start(), grade_match.start()), max(label.end(), grade_match.end())
            found[category] = (label.group(0), category, grade, text[start:end])
    return found


_SIF_ROWS = (
    ("Children who need help and protection", "help_and_protection", r"1\. ?Children who need help and protection",
     r"The experiences and progress of children who need help and protection(?: is| are)?"),
    ("Children looked after and achieving permanence", "children_in_care",
     r"2\. ?Children looked after and achieving permanence",
     r"The experiences and progress of children looked after and achieving permanence(?: is| are)?"),
    ("Adoption performance", "adoption", r"2\.1 ?Adoption performance",
     r"The graded judge?ment (?:for|about) adoption performance is(?: that it)?"),
    ("Experiences and progress of care leavers", "care_leavers",
     r"2\.2 ?Experiences and progress of care leavers",
     r"The graded judge?ment (?:for|about) the experiences? and progress of care leavers is(?: that it)?"),
    ("Leadership, management and governance", "leadership", r"3\. ?Leadership, management and governance",
     r"(?<=\d )Leadership, management and governance(?: is| are)?"),
)

_SIF_OVERALL = (
    r"The overall judgement is (?:that )?(?:children['’]s services (?:in [^.]{1,80}? )?(?:are |is )?)?"
    r"(?:judged (?:to be )?)?(?P<g>" + GRADE + ")" + _END,
    r"[Cc]hildren['’]s services in (?:the )?[^.]{1,90}? (?:are (?:judged (?:to be )?)?(?P<g1>outstanding|good|inadequate)\b"
    r"|(?P<g2>requires? improvement(?: to be good)?))",
)

# "The" stays capital: a heading or the cover, not "... and the LSCB is good at ..." in the body.
_LSCB = re.compile(
    r"The (?i:effectiveness of the )?(?i:Local Safeguarding Children Board|LSCB)(?: \(LSCB\))? "
    r"(?i:is |are )?(?i:judged (?:to be )?)?(?P<g>(?i:outstanding|good|inadequate|requires? improvement(?: to be good)?))\b"
)


def _sif(text: str, *, lscb: bool) -> Iterator[Judgement]:
    """The cover of a SIF report; rows the cover lacks are read from the judgement headings."""
    cover = text[:6000]
    for pattern in _SIF_OVERALL:
        m = re.search(pattern, cover)
        if m:
            printed = next(g for g in m.groups() if g)
            grade = normalise_grade(printed)
            if grade:
                area = "overall judgement" if m.group(0).startswith("The overall") else "children’s services"
                yield area, "overall", grade, m.group(0)
                break
    for area, category, cover_label, body_label in _SIF_ROWS:
        m = re.search(cover_label + r" ?(?:\d{1,2} )?(" + GRADE + ")" + _END, text, re.I)
        if m is None:
            m = re.search(body_label + r" (" + GRADE + ")" + _END, text, re.I)
        grade = normalise_grade(m.group(1)) if m else None
        if m and grade:
            yield area, category, grade, m.group(0)
    if lscb:
        m = _LSCB.search(text)
        if m and normalise_grade(m.group("g")):
            yield ("effectiveness of the Local Safeguarding Children Board", "lscb",
                   normalise_grade(m.group("g")), m.group(0))


# The 2009-2013 reports' "Record of main findings" and their body headings.
_RECORD_GRADE = r"(?:Grade \d \()?(?P<g>outstanding|good|adequate|inadequate)\)?"

_RECORD_ROWS = {
    # framework: ((area, category, pattern before the grade), ...)
    "safeguarding_lac_2009": (
        ("Overall effectiveness of safeguarding services", "help_and_protection",
         r"Safeguarding services Overall effectiveness"),
        ("Overall effectiveness of services for looked after children", "children_in_care",
         r"Services for looked after children(?: and young people)? Overall effectiveness"),
        ("Leadership and management", "leadership", r"Leadership and management"),
    ),
    "cp_lac_2012": (
        ("Overall effectiveness of services for looked after children and young people", "children_in_care",
         r"Services for looked after children(?: and young people)? Overall effectiveness"),
        ("Overall effectiveness of services for looked after children and young people", "children_in_care",
         r"Overall effectiveness of services for looked after children and young people"),
        ("Overall effectiveness of the arrangements to protect children", "help_and_protection",
         r"(?<!looked after children )Overall effectiveness(?: of the arrangements to protect children)?"),
        ("Overall effectiveness of the arrangements to protect children", "help_and_protection",
         r"The overall effectiveness of (?:the )?(?:child protection )?arrangements (?:to protect children )?"
         r"in [^.]{1,60}? is (?:judged to be |judged )?"),
        ("The effectiveness of the help and protection provided", "help_and_protection",
         r"The effectiveness of the help and protection provided to children, young people, families and carers"),
        ("Leadership and management", "leadership", r"Leadership and (?:management|governance)"),
    ),
}


def _record_of_main_findings(text: str, framework: str) -> Iterator[Judgement]:
    """The closing table; each row's heading in the body (with "Grade 3 (adequate)") stands in if absent."""
    is_lac = "looked after children services" in text[:600]
    rows = _RECORD_ROWS[framework]
    if framework == "cp_lac_2012":  # a looked after children inspection or a child protection one
        rows = tuple(r for r in rows if (r[1] == "children_in_care") == is_lac or r[1] == "leadership")
    record = [m.end() for m in re.finditer(r"Record of main findings(?! \d)", text)]  # not the contents
    table = text[record[-1]: record[-1] + 3000] if record else ""
    seen: set[tuple[str, str]] = set()
    for area, category, pattern in rows:
        row = pattern + r"(?::| is| are)?(?: judged to be)? ?" + _RECORD_GRADE + _END
        matches = list(re.finditer(row, table, re.I))
        if not matches:
            body = re.search(row, text, re.I)
            matches = [body] if body else []
        for m in matches:
            grade = normalise_grade(m.group("g"))
            if grade and (category, grade) not in seen:
                seen.add((category, grade))
                yield area, category, grade, m.group(0)


def _annual_assessment(text: str, framework: str) -> Iterator[Judgement]:
    """One overall grade: "performs well" (2009-2011) or "Grade 3" (2005-2008)."""
    if framework == "apa":
        m = re.search(r"Overall effectiveness of children['’]s services:? (?:Grade )?(?P<n>[1-4])\b", text, re.I)
        if m:
            yield "Overall effectiveness of children’s services", "overall", _APA_GRADES[m.group("n")], m.group(0)
        return
    for pattern in (
        r"Children['’]s services assessment:? (?P<g>(?i:performs) (?:excellently|well|adequately|poorly))",
        r"[Cc]hildren['’]s services in [A-Z][^.]{1,80}? (?:(?:is|are) )?(?:judged (?:to be |as )?)?"
        r"(?P<g>perform(?:s|ing)? (?:excellently|well|adequately|poorly))",
    ):
        m = re.search(pattern, text)
        if m:
            yield "children’s services assessment", "overall", normalise_grade(m.group("g")), m.group(0)
            return


def _judgements(text: str, kind: _Kind) -> list[Judgement]:
    if kind.framework == "ilacs":
        return list(_ilacs(text))
    if kind.framework in ("sif", "sif_reinspection"):
        found = list(_sif(text, lscb=kind.framework == "sif"))
        return [j for j in found if j[1] == "lscb"] if kind.report_type == "lscb_review" else found
    if kind.framework in _RECORD_ROWS:
        return list(_record_of_main_findings(text, kind.framework))
    if kind.framework in ("apa", "annual_assessment"):
        return list(_annual_assessment(text, kind.framework))
    return []


def _ilacs_framework(judgements: list[Judgement]) -> str:
    categories = {j[1] for j in judgements}
    if categories and "overall" not in categories:
        return "ilacs_2026"
    if "care_leavers" in categories:
        return "ilacs_2023"
    return "ilacs"


# ---------------------------------------------------------------------------
# The public entry points
# ---------------------------------------------------------------------------


def parse_report_text(
    text: str, *, url: str | None = None, urn: str | None = None, published: str | None = None
) -> Document:
    """A report's metadata and facts from its normalised text (see ``pdf_text``)."""
    kind = _kind(text)
    authority = _cover_authority(text)
    if authority is None and urn and (found := authorities.by_urn(urn)):
        authority = found.name
    code = _authority_code(authority, urn)
    date = _published(text, published)
    judgements = _judgements(text, kind)
    framework = _ilacs_framework(judgements) if kind.framework == "ilacs" else kind.framework
    ratings = [
        Rating(authority=authority, authority_code=code, area=area, area_category=category, grade=grade,
               date=date, evidence=evidence)
        for area, category, grade, evidence in judgements
    ]
    inspector = _inspector(text) if kind.report_type == "inspection" else None
    return Document(
        url=url or "",
        kind="report",
        source=SOURCE,
        title=_title(text, kind),
        published=date,
        text=text,
        people=[inspector] if inspector else [],
        ratings=ratings,
        report_type=kind.report_type,
        framework=framework,
        inspection_dates=_inspection_dates(text),
        authority_code=code,
    )


def parse_report(
    data: bytes,
    *,
    url: str | None = None,
    urn: str | None = None,
    published: str | None = None,
    max_pages: int = 400,
) -> Document:
    """An Ofsted children's services report (PDF bytes) as a ``Document`` with its grades.

    ``urn`` (the authority's Ofsted URN) settles the authority code; ``published``
    (e.g. the listing date) is used when the report prints none. Raises
    ExtractionError for input that is not a readable PDF.
    """
    return parse_report_text(pdf_text(data, max_pages=max_pages), url=url, urn=urn, published=published)
