"""From fetched bytes to a document with its facts: the one entry point of extraction.

``extract_document`` handles a single page or PDF; ``extract_documents`` runs
many through spaCy's ``nlp.pipe`` in batches, which is how the flow and the
CLI use it. Both are pure: bytes in, ``Document`` out, no database, no network.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scrutiny.extract.errors import ExtractionError
from scrutiny.extract.models import Document

# Bump when extraction changes: the flow re-extracts every document (from the
# WARC archive, without fetching) whose stored facts came from another version.
EXTRACTOR_VERSION = "2026.11.23"


@dataclass(frozen=True)
class RawDocument:
    """What extraction needs of a fetched response."""

    data: bytes
    url: str | None = None
    source: str | None = None
    content_type: str | None = None
    published: str | None = None  # a hint: the listing or feed date
    urn: str | None = None  # Ofsted provider URN, when the crawler knows it


def is_pdf(raw: RawDocument) -> bool:
    if raw.data.lstrip()[:5] == b"%PDF-":
        return True
    declared = (raw.content_type or "").lower()
    return "pdf" in declared or (raw.url or "").lower().split("?")[0].endswith(".pdf")


def parse_raw(raw: RawDocument) -> Document:
    """Text and metadata of one page or report, no facts yet. Raises ExtractionError."""
    if is_pdf(raw):
        from scrutiny.extract.ofsted import parse_report

        doc = parse_report(raw.data, url=raw.url, urn=raw.urn, published=raw.published)
    else:
        from scrutiny.extract.article import parse_article

        doc = parse_article(raw.data, url=raw.url, source=raw.source, content_type=raw.content_type)
        if not doc.published and raw.published:
            doc.published = raw.published
    if raw.source and not doc.source:
        doc.source = raw.source
    return doc


def failed_document(raw: RawDocument, error: Exception) -> Document:
    """A placeholder that records why a document could not be extracted."""
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    return Document(url=raw.url or "", source=raw.source, fetched_url=raw.url, error=message[:500])


def extract_documents(raws: Sequence[RawDocument], *, nlp=None, batch_size: int = 32) -> list[Document]:
    """Parse every raw document and add its facts; one bad document never sinks the batch.

    A document that cannot be parsed comes back with ``error`` set and no facts.
    """
    from scrutiny.extract.facts import add_facts

    docs: list[Document] = []
    for raw in raws:
        try:
            docs.append(parse_raw(raw))
        except ExtractionError as error:
            docs.append(failed_document(raw, error))
        except Exception as error:  # a parser bug must not lose the rest of the batch
            docs.append(failed_document(raw, ExtractionError(f"{type(error).__name__}: {error}")))
    add_facts([d for d in docs if d.error is None], nlp=nlp, batch_size=batch_size)
    return docs


def extract_document(raw: RawDocument, *, nlp=None) -> Document:
    return extract_documents([raw], nlp=nlp)[0]

