"""The WARC archive of every fetched response (warcio).

Crawlers append records with ``WarcArchive``; extraction and the Datasette
plugin read one record back with ``read_response`` from the (file, offset)
pointer stored on the document row, so text and facts can be rebuilt, and the
page shown as it was, without touching the network.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# Request headers never written to the archive: they can carry a subscriber's login.
SECRET_HEADERS = {"cookie", "authorization", "proxy-authorization", "set-cookie"}


@dataclass(frozen=True)
class ArchivedResponse:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    record_id: str
    date: str

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


@dataclass(frozen=True)
class RecordPointer:
    warc_file: str
    offset: int
    record_id: str


class WarcArchive:
    """Appends response (and credential-free request) records to one WARC file per process."""

    def __init__(self, directory: str | Path, prefix: str = "scrutiny") -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
        self.name = f"{prefix}-{stamp}-{os.getpid()}.warc.gz"
        self.path = self.directory / self.name
        self._file = open(self.path, "ab")  # noqa: SIM115 - kept open for the crawl's lifetime
        self._writer = WARCWriter(self._file, gzip=True)

    def write_response(
        self,
        url: str,
        status: int,
        headers: list[tuple[str, str]],
        body: bytes,
        request_headers: list[tuple[str, str]] | None = None,
    ) -> RecordPointer:
        reason = "OK" if status == 200 else "-"
        http_headers = StatusAndHeaders(f"{status} {reason}", headers, protocol="HTTP/1.1")
        record = self._writer.create_warc_record(
            url, "response", payload=BytesIO(body), http_headers=http_headers
        )
        offset = self._file.tell()
        self._writer.write_record(record)
        if request_headers is not None:
            safe = [(k, v) for k, v in request_headers if k.lower() not in SECRET_HEADERS]
            request = self._writer.create_warc_record(
                url, "request", http_headers=StatusAndHeaders(f"GET {url} HTTP/1.1", safe, is_http_request=True)
            )
            self._writer.write_record(request)
        # flush (not fsync): a killed process loses nothing the OS has; fsync per page costs crawl speed.
        self._file.flush()
        return RecordPointer(self.name, offset, record.rec_headers.get_header("WARC-Record-ID"))

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> WarcArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_response(directory: str | Path, warc_file: str, offset: int) -> ArchivedResponse:
    """The response record at ``offset`` of ``warc_file``; raises LookupError if it is not there."""
    path = Path(directory) / Path(warc_file).name
    if not path.is_file():
        raise LookupError(f"WARC file not found: {path}")
    with open(path, "rb") as f:
        f.seek(offset)
        for record in ArchiveIterator(f):
            if record.rec_type != "response":
                break
            headers = {k.lower(): v for k, v in record.http_headers.headers} if record.http_headers else {}
            status = int(record.http_headers.get_statuscode() or 0) if record.http_headers else 0
            return ArchivedResponse(
                url=record.rec_headers.get_header("WARC-Target-URI"),
                status=status,
                headers=headers,
                body=record.content_stream().read(),
                record_id=record.rec_headers.get_header("WARC-Record-ID"),
                date=record.rec_headers.get_header("WARC-Date"),
            )
    raise LookupError(f"no response record at {warc_file}:{offset}")
