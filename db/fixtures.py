"""A real scrutiny database filled from the gold corpus, for tests and demos of the web site.

The gold JSON documents (``corpus/gold/articles``, ``corpus/gold/ofsted``) hold
exactly the facts a perfect extractor would find, so pages and canned queries can
be tested against known answers whatever the NLP extractor's current accuracy.
Everything is written through ``scrutiny.db.store``, as the pipeline would: the
original page or PDF (when the corpus has it) goes into a WARC so ``/archive/<id>``
works, and the document text is the article's paragraphs (``corpus/gold/source``)
or, for reports, the evidence sentences joined.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from scrutiny.archive import RecordPointer, WarcArchive
from scrutiny.config import CORPUS_DIR
from scrutiny.db.schema import open_db
from scrutiny.db.store import save_extractions, save_fetched_document, utcnow
from scrutiny.extract.models import Document, Event, Person, Rating

GOLD_DIRS = (CORPUS_DIR / "gold" / "articles", CORPUS_DIR / "gold" / "ofsted")
ARTICLE_SOURCES_DIR = CORPUS_DIR / "gold" / "source" / "dev-src"
SITES_DIR = CORPUS_DIR / "sites"
REPORTS_DIR = CORPUS_DIR / "ofsted" / "reports"
EXTRACTOR_VERSION = "gold"


def _build(cls: type, data: dict[str, Any]) -> Any:
    """A dataclass from a gold dict, ignoring keys it does not know (gold files vary a little)."""
    known = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in known})


def document_from_gold(data: dict[str, Any], text: str | None = None) -> Document:
    """A ``Document`` from a FACTS.md JSON object; ``text`` defaults to its evidence sentences."""
    people = [_build(Person, p) for p in data.get("people", [])]
    ratings = [_build(Rating, r) for r in data.get("ratings", [])]
    events = [_build(Event, e) for e in data.get("events", [])]
    if text is None:
        evidence = [fact.evidence for fact in (*people, *ratings, *events) if fact.evidence]
        text = "\n\n".join(dict.fromkeys(evidence))
    scalars = {k: v for k, v in data.items() if k not in ("people", "ratings", "events", "text")}
    doc = _build(Document, scalars)
    doc.text, doc.people, doc.ratings, doc.events = text, people, ratings, events
    if doc.kind == "report" and not doc.authority_code:
        doc.authority_code = next((r.authority_code for r in ratings if r.authority_code), None)
    return doc


def _article_text(stem: str, sources_dir: Path) -> str | None:
    source = sources_dir / f"{stem}.json"
    if not source.is_file():
        return None
    paragraphs = json.loads(source.read_text(encoding="utf-8")).get("paragraphs") or []
    return "\n\n".join(paragraphs) or None


def _original(stem: str, doc: Document, sites_dir: Path, reports_dir: Path) -> tuple[bytes, str] | None:
    """The bytes the crawler would have fetched, and their content type, when the corpus has them."""
    pdf = reports_dir / f"{stem}.pdf"
    if pdf.is_file():
        return pdf.read_bytes(), "application/pdf"
    path = unquote(urlsplit(doc.url).path).strip("/")
    site = sites_dir / (doc.source or "")
    for candidate in (site / path / "index.html", site / path):
        if path and candidate.is_file():
            return candidate.read_bytes(), "text/html; charset=utf-8"
    return None


def _gold_files(gold_dirs: Iterable[str | Path]) -> list[Path]:
    return [f for d in gold_dirs for f in sorted(Path(d).glob("*.json"))]


def build_fixture_db(
    path: str | Path,
    gold_dirs: Sequence[str | Path] = GOLD_DIRS,
    *,
    warc_dir: str | Path | None = None,
    sources_dir: str | Path = ARTICLE_SOURCES_DIR,
    sites_dir: str | Path = SITES_DIR,
    reports_dir: str | Path = REPORTS_DIR,
) -> Path:
    """Fill the SQLite file at ``path`` from gold JSON; originals go to ``warc_dir`` (default: ``warc/`` beside it).

    Laid out like a data directory (``scrutiny.db`` + ``warc/``), so ``Paths(path.parent)``
    serves it. Raises FileNotFoundError when no gold JSON is found.
    """
    path = Path(path)
    files = _gold_files(gold_dirs)
    if not files:
        raise FileNotFoundError(f"no gold JSON documents in {', '.join(map(str, gold_dirs))}")
    warc_dir = Path(warc_dir) if warc_dir else path.parent / "warc"
    db = open_db(path)
    try:
        with WarcArchive(warc_dir, prefix="fixture") as archive:
            for gold in files:
                data = json.loads(gold.read_text(encoding="utf-8"))
                doc = document_from_gold(data, _article_text(gold.stem, Path(sources_dir)))
                original = _original(gold.stem, doc, Path(sites_dir), Path(reports_dir))
                pointer: RecordPointer | None = None
                body = doc.text.encode("utf-8")
                content_type = "text/plain; charset=utf-8"
                if original:
                    body, content_type = original
                    pointer = archive.write_response(doc.url, 200, [("Content-Type", content_type)], body)
                row = {
                    "url": doc.url, "fetched_url": doc.url, "source": doc.source, "kind": doc.kind,
                    "title": doc.title, "published": doc.published,
                    "content_hash": hashlib.sha256(body).hexdigest(), "fetched_at": utcnow(),
                    "content_type": content_type, "authority_code": doc.authority_code,
                    "report_type": doc.report_type,
                }
                if pointer:
                    row.update(warc_file=pointer.warc_file, warc_offset=pointer.offset,
                               warc_record_id=pointer.record_id)
                doc_id, outcome = save_fetched_document(db, row)
                if outcome == "duplicate":  # the same bytes under another URL are stored once
                    continue
                save_extractions(db, [(doc_id, doc)], extractor_version=EXTRACTOR_VERSION,
                                 content_hashes={doc_id: row["content_hash"]})
    finally:
        db.close()
    return path
