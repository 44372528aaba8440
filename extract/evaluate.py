"""Score our extraction against a gold set, end to end, with the contract's scorer.

``evaluate(gold_dir, site_dir)`` reads every page of a rendered mini-site (or
every report of a folder of Ofsted PDFs) as the crawler would have fetched it,
runs the real pipeline over them (``core.parse_raw`` then ``facts.add_facts``),
keeps the documents whose canonical URL the gold set has, and scores them with
``score.py`` (vendored from the shared reference material). ``format_table``
prints the scorer's table. ``scrutiny eval`` is the command line for it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from scrutiny.extract import score
from scrutiny.extract.core import RawDocument, failed_document, parse_raw
from scrutiny.extract.errors import ExtractionError
from scrutiny.extract.models import Document

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO_ROOT / "corpus" / "gold" / "articles"
DEFAULT_SITES = REPO_ROOT / "corpus" / "sites"
PAGE_SUFFIXES = (".html", ".htm", ".pdf")


def _report_listing(folder: Path) -> dict[str, dict[str, str]]:
    """File name -> its ``reports.csv`` row (``url``, and the listing's ``publication_date``, ``urn``).

    The crawler knows a report's listing date and URN from Ofsted's site; the
    listing gives the same hints here, for reports that print no date.
    """
    for candidate in (folder / "reports.csv", folder.parent / "reports.csv"):
        if candidate.is_file():
            with candidate.open(encoding="utf-8", newline="") as f:
                return {row["file"]: row for row in csv.DictReader(f) if row.get("file") and row.get("url")}
    return {}


def raw_documents(site_dir: Path) -> Iterator[RawDocument]:
    """Every page under a folder, as fetched bytes; the source key is the site's folder name.

    ``site_dir`` is one site (``corpus/sites/lgc``), a folder of sites (``corpus/sites``)
    or a folder of report PDFs (their URLs come from a ``reports.csv`` beside them).
    """
    reports = _report_listing(site_dir)
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in PAGE_SUFFIXES:
            continue
        relative = path.relative_to(site_dir)
        if path.name in reports:
            row = reports[path.name]
            yield RawDocument(data=path.read_bytes(), url=row["url"], source="ofsted",
                              published=row.get("publication_date") or None, urn=row.get("urn") or None)
            continue
        source = relative.parts[0] if len(relative.parts) > 1 and _is_folder_of_sites(site_dir) else site_dir.name
        yield RawDocument(data=path.read_bytes(), url=path.resolve().as_uri(), source=source)


def _is_folder_of_sites(folder: Path) -> bool:
    """Whether a folder holds several sites (each with its own home page) rather than being one."""
    return not (folder / "index.html").is_file() and any((child / "index.html").is_file()
                                                         for child in folder.iterdir() if child.is_dir())


def default_sites(gold_dir: Path) -> Path:
    """Where a gold set's pages are: the bundled sites, or the folder beside a rendered gold."""
    if gold_dir.resolve() == DEFAULT_GOLD.resolve():
        return DEFAULT_SITES
    if any(p.suffix == ".html" for p in gold_dir.parent.rglob("*.html")):
        return gold_dir.parent
    return DEFAULT_SITES


def extract_pages(raws: Iterable[RawDocument], wanted: set[str], *, nlp=None, batch_size: int = 32,
                  n_process: int = 1) -> list[Document]:
    """Parse pages, keep those whose canonical URL is wanted, and add their facts."""
    from scrutiny.extract.facts import add_facts

    docs: dict[str, Document] = {}
    for raw in raws:
        try:
            doc = parse_raw(raw)
        except ExtractionError as error:
            doc = failed_document(raw, error)
        if doc.url in wanted and doc.url not in docs:
            docs[doc.url] = doc
    documents = list(docs.values())
    add_facts([d for d in documents if d.error is None], nlp=nlp, batch_size=batch_size, n_process=n_process)
    return documents


def evidence_problems(documents: Iterable[Document]) -> list[str]:
    """Facts whose evidence is not verbatim in their document's text."""
    problems = []
    for doc in documents:
        for fact in [*doc.people, *doc.ratings, *doc.events]:
            if not fact.evidence or fact.evidence not in doc.text:
                problems.append(f"{doc.url}: {fact.evidence[:80]!r}")
    return problems


def evaluate(gold_dir: Path | None = None, site_dir: Path | None = None, *, predictions_path: Path | None = None,
             nlp=None, batch_size: int = 32, n_process: int = 1) -> dict:
    """The scorer's results for our extraction over a gold set's pages.

    The dict is ``score.score``'s (``people.strict`` ... ``macro_f1``, ``documents``)
    plus ``errors`` (every missed and spurious fact) and ``evidence_problems``
    (evidence not verbatim in the text; it should be empty).
    """
    gold_dir = Path(gold_dir) if gold_dir else DEFAULT_GOLD
    site_dir = Path(site_dir) if site_dir else default_sites(gold_dir)
    gold = score.load_docs(gold_dir)
    documents = extract_pages(raw_documents(site_dir), set(gold), nlp=nlp, batch_size=batch_size,
                              n_process=n_process)
    predictions = {doc.url: doc.as_dict() for doc in documents}
    if predictions_path is not None:
        with Path(predictions_path).open("w", encoding="utf-8") as f:
            for item in predictions.values():
                f.write(json.dumps(item, ensure_ascii=False) + "\n")
    results, errors = score.score(gold, predictions)
    results["errors"] = errors
    results["evidence_problems"] = evidence_problems(documents)
    return results


def format_table(results: dict) -> str:
    """The scorer's table (as ``score.py`` prints it) for a results dict."""
    lines = [f"{'measure':<18}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for measure in score.MEASURES:
        s = results[measure]
        lines.append(f"{measure:<18}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}"
                     f"{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}")
    d = results["documents"]
    lines.append(f"documents: {d['predicted']}/{d['gold']} predicted")
    lines.append(f"macro_f1 {results['macro_f1']:.3f}")
    return "\n".join(lines)
