"""The Ofsted spider: inspection reports on local authority children's services.

reports.ofsted.gov.uk's search for local authority children's services
(``level_1_types=3&level_2_types[]=12``) lists the authorities, page by page;
each provider page (``/provider/44/<URN>``) lists its publications, each a
link to ``files.ofsted.gov.uk/v1/file/<id>`` labelled with the report type and
publication date ("Children's services inspection - 13 January 2023, pdf").
The spider downloads the PDFs and records type, URN (as the authority's DfE
code) and publication date; reading the PDF is extraction's job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import scrapy
from scrapy.http import Response

from scrutiny.crawlers.articles import page_signals
from scrutiny.crawlers.discovery import sniff
from scrutiny.crawlers.items import FetchedDocument
from scrutiny.crawlers.spiders.base import SourceSpider
from scrutiny.crawlers.urls import normalise_url
from scrutiny.extract.authorities import by_urn
from scrutiny.extract.ofsted import report_metadata_from_label

PROVIDER_PATH = re.compile(r"^/provider/\d+/(?P<urn>\d+)/?$")
FILE_PATH = re.compile(r"/v1/file/\d+")
# Publications of a children's services provider page that are not about children's services.
UNWANTED_TYPES = {"send_inspection"}
SEARCH, PROVIDER, REPORT = 10, 20, 30


class OfstedSpider(SourceSpider):
    name = "ofsted"

    async def start(self):
        for url in (*self.profile.listings, *self.profile.start_urls):
            callback = self.parse_provider if PROVIDER_PATH.match(urlsplit(url).path) else self.parse_search
            if request := self.request(url, callback, priority=SEARCH):
                yield request

    def parse_search(self, response: Response) -> Iterator[scrapy.Request]:
        """Provider pages on one page of search results, and the next pages of results.

        @url https://reports.ofsted.gov.uk/search?q=&location=&radius=&level_1_types=3&level_2_types%5B%5D=12
        @returns requests 2
        """
        self.ledger.page(self.asked_url(response))
        for link in response.xpath("//a[@href]"):
            url = response.urljoin(link.attrib["href"].strip())
            if not PROVIDER_PATH.match(urlsplit(url).path):
                continue
            if self.before_since(_nearby_date(link)):  # its latest report is older than --since
                self.ledger.skip("before_since")
            elif request := self.request(url, self.parse_provider, priority=PROVIDER):
                yield request
        signals = page_signals(response.text, response.url)
        for url in signals.next_pages:
            if self.same_search(response.url, url):
                if request := self.request(url, self.parse_search, priority=SEARCH):
                    yield request

    @staticmethod
    def same_search(current: str, other: str) -> bool:
        """Another page of the same search (only the paging parameters differ)."""
        paging = {"page", "start", "rows"}
        a, b = urlsplit(current), urlsplit(other)
        strip = lambda q: {k: v for k, v in parse_qs(q, keep_blank_values=True).items() if k not in paging}  # noqa: E731
        return a.netloc == b.netloc and a.path == b.path and strip(a.query) == strip(b.query)

    def parse_provider(self, response: Response) -> Iterator[scrapy.Request]:
        """Report PDFs of one authority, with the type and date their link labels give.

        @url https://reports.ofsted.gov.uk/provider/44/80549
        @returns requests 1
        """
        self.ledger.page(self.asked_url(response))
        match = PROVIDER_PATH.match(urlsplit(response.url).path)
        urn = match.group("urn") if match else None
        for link in response.xpath("//a[@href]"):
            url = normalise_url(response.urljoin(link.attrib["href"].strip()))
            if not FILE_PATH.search(urlsplit(url).path):
                continue
            label = " ".join(" ".join(link.xpath(".//text()").getall()).split())
            report = report_metadata_from_label(label)
            published = report["published"] or _nearby_date(link)
            if report["report_type"] in UNWANTED_TYPES:
                self.ledger.skip("not_children_services")
            elif self.before_since(published):
                self.ledger.skip("before_since")
            elif self.is_stored_and_unchanged(url, None):
                self.ledger.skip("known")
            elif request := self.request(
                url, self.parse_report, priority=REPORT,
                meta={"report": {"urn": urn, "label": label, "report_type": report["report_type"],
                                 "published": published}},
            ):
                yield request

    def parse_report(self, response: Response) -> Iterator[FetchedDocument]:
        """One report PDF.

        @url https://files.ofsted.gov.uk/v1/file/50187562
        @returns items 1 1
        @scrapes url kind source content_type
        """
        self.ledger.page(self.asked_url(response))
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        if sniff(response.body, content_type) != "pdf":
            detail = f"expected a PDF, got {content_type or 'no Content-Type'}"
            self.ledger.fail(self.asked_url(response), "not_pdf", detail)
            return
        report: dict[str, Any] = response.meta.get("report", {})
        authority = by_urn(report["urn"]) if report.get("urn") else None
        yield FetchedDocument(
            url=normalise_url(self.asked_url(response)),
            kind="report",
            title=_title(report.get("label")),
            published=report.get("published"),
            report_type=report.get("report_type"),
            authority_code=authority.code if authority else None,
            **self.document_fields(response),
        )


def _title(label: str | None) -> str | None:
    """"Children's services inspection - 13 January 2023, pdf" -> "Children's services inspection - 13 January 2023"."""
    if not label:
        return None
    return re.sub(r",?\s*pdf\b.*$", "", label, flags=re.IGNORECASE).strip() or None


def _nearby_date(link) -> str | None:
    """A ``<time datetime>`` in the list item of the link (a publication's date, a provider's latest report)."""
    for value in link.xpath("ancestor::li[1]//time/@datetime | ancestor::*[2]//time/@datetime").getall():
        if re.match(r"\d{4}-\d\d-\d\d", value):
            return value[:10]
    return None
