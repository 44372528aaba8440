"""Reports: pages/second of ``parse_report`` against bare ``pypdf`` text extraction.

On the real Ofsted reports in ``corpus/ofsted/reports``. Ours reads the text with
pypdf too, then finds the report type, dates, authority and grades, so the
ratio is the price of that reading.
"""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from scrutiny.benchmarks.report import Result, compare_chunks, ratio_target
from scrutiny.benchmarks.run import Context, Skip
from scrutiny.config import CORPUS_DIR

REPORTS_DIR = CORPUS_DIR / "ofsted" / "reports"


def report_files(count: int) -> list[Path]:
    """``count`` reports spread evenly over the years (the files sort by URN, then date)."""
    files = sorted(REPORTS_DIR.glob("*.pdf"))
    if len(files) <= count:
        return files
    step = len(files) / count
    return [files[int(k * step)] for k in range(count)]


def bare_text(data: bytes) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def run(ctx: Context) -> list[Result]:
    from scrutiny.extract.ofsted import parse_report

    files = report_files(ctx.size(1000, 6, minimum=1))
    if not files:
        raise Skip(f"no reports in {REPORTS_DIR}")
    reports, pages, unreadable = [], 0, 0
    for f in files:
        data = f.read_bytes()
        try:
            pages += len(PdfReader(io.BytesIO(data)).pages)
        except Exception:  # not a PDF at all (an HTML error page saved as .pdf): neither side can time it
            unreadable += 1
            continue
        reports.append((f.name, data))
    if not reports:
        raise Skip(f"no readable PDF among {len(files)} files in {REPORTS_DIR}")

    def ours(report: tuple[str, bytes]) -> None:
        name, data = report
        parse_report(data, url=f"https://files.ofsted.gov.uk/{name}", urn=name.split("-")[0])

    def baseline(report: tuple[str, bytes]) -> None:
        bare_text(report[1])

    ours_s, base_s = compare_chunks(ours, baseline, reports)
    result = Result("reports: parse_report vs pypdf", pages / ours_s, pages / base_s, "pages/s",
                    note=f"{len(reports)} Ofsted reports, {pages} pages"
                         + (f"; {unreadable} unreadable files left out" if unreadable else ""))
    return [ratio_target(result, at_least=0.77)]
