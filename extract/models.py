"""Result objects of extraction: a document and the facts found in it.

They mirror the JSON of the facts contract (``FACTS.md``): ``Document.as_dict()``
is exactly what ``scrutiny extract --json`` prints, and each fact's
``as_dict()`` keys are the columns of its table in ``db/schema.py``.
Extra fields (offsets, report metadata) ride along; the scorer ignores them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Person:
    """A named person and a post the document says they hold, held or will hold."""

    name: str
    role: str
    role_category: str
    organisation: str | None = None
    authority_code: str | None = None
    status: str = "current"
    acting: bool = False
    evidence: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Rating:
    """An Ofsted judgement on one authority's children's services."""

    authority: str | None
    authority_code: str | None
    area: str
    area_category: str
    grade: str
    date: str | None = None
    evidence: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    """Something that happened (or was formally proposed) at a stated or inferable time."""

    type: str
    person: str | None = None
    organisation: str | None = None
    authority_code: str | None = None
    intervention: str | None = None
    status: str = "done"
    date: str | None = None
    evidence: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Document:
    """One page or report, cleaned, with its facts.

    ``url`` is the canonical URL and the document's identity. ``text`` is the
    clean text every ``evidence`` is quoted from.
    """

    url: str
    kind: str = "article"
    source: str | None = None
    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    paywalled: bool = False
    text: str = ""
    people: list[Person] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # Beyond the contract: where it was fetched, what else the page or report says.
    fetched_url: str | None = None
    section: str | None = None
    language: str | None = None
    description: str | None = None
    # Reports: the framework ("ilacs", "sif", ...), the report type ("inspection",
    # "monitoring_visit", "focused_visit", "jtai"), printed inspection dates.
    report_type: str | None = None
    framework: str | None = None
    inspection_dates: str | None = None
    authority_code: str | None = None
    error: str | None = None

    CONTRACT_FIELDS = (
        "url", "source", "kind", "title", "published", "authors", "paywalled", "text",
    )

    def as_dict(self) -> dict[str, Any]:
        """The FACTS.md document object, followed by the extra metadata fields."""
        out: dict[str, Any] = {name: getattr(self, name) for name in self.CONTRACT_FIELDS}
        out["people"] = [p.as_dict() for p in self.people]
        out["ratings"] = [r.as_dict() for r in self.ratings]
        out["events"] = [e.as_dict() for e in self.events]
        for name in (
            "fetched_url", "section", "language", "description", "report_type",
            "framework", "inspection_dates", "authority_code", "error",
        ):
            out[name] = getattr(self, name)
        return out
