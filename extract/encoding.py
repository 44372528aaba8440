"""Fetched bytes to text, trusting the declared charset only as far as the bytes allow.

Pages lie about their encoding: old CMSs send windows-1252 under a UTF-8 label,
others send UTF-8 under a Latin-1 label, and some mix both in one page (a UTF-8
template around a pasted windows-1252 story). The order here is: a byte order mark
wins; bytes that are valid UTF-8 are UTF-8 whatever the label says (cp1252 prose
almost never is valid UTF-8); otherwise the HTTP or ``<meta>`` charset, with a
per-byte windows-1252 repair when that label is UTF-8, and charset-normalizer when
there is no usable label. Decoding never raises: undecodable bytes become U+FFFD.
"""

from __future__ import annotations

import codecs
import re

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

# How much of the page to scan for a <meta charset>: browsers look at the first 1024 bytes,
# real pages put it after long <script> blocks, so look further.
_META_SCAN_BYTES = 8192

# A well-formed UTF-8 multi-byte sequence (the evidence that a page really is UTF-8).
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")

# Single-byte Western encodings: for English pages these are all windows-1252 in practice
# (browsers treat latin-1 labels as windows-1252 too), and detectors confuse them freely.
_WESTERN = {"cp1252", "latin_1", "iso8859_1", "iso8859_15", "cp1250", "iso8859_2", "mac_roman", "ascii"}


def _cp1252_byte(byte: int) -> str:
    """One byte as windows-1252, or as Latin-1 for the five bytes cp1252 leaves undefined."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


_CP1252_TABLE = [_cp1252_byte(b) for b in range(256)]
_ASCII_BYTES = bytes(range(128))
_HIGH_RUNS = re.compile(rb"[\x80-\xff]{2,}")


def _utf8_else_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as windows-1252."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_CP1252_TABLE[b] for b in bad), error.end


codecs.register_error("scrutiny-cp1252", _utf8_else_cp1252)


def _codec_name(label: str | None) -> str | None:
    """A Python codec name for a charset label (browser aliases applied), or None if unknown."""
    if not label:
        return None
    resolved = resolve_encoding(label)
    if not resolved:
        return None
    try:
        return codecs.lookup(resolved).name.replace("-", "_")
    except LookupError:
        return None


def declared_encoding(data: bytes, content_type: str | None = None) -> str | None:
    """The charset the HTTP header, else the page's ``<meta>``, claims (a Python codec name)."""
    label = http_content_type_encoding(content_type) if content_type else None
    codec = _codec_name(label)
    if codec is None:
        codec = _codec_name(html_body_declared_encoding(data[:_META_SCAN_BYTES]))
    return codec


def _detect(data: bytes) -> str | None:
    """charset-normalizer's guess, folded to windows-1252 for any Western single-byte answer."""
    from charset_normalizer import from_bytes  # imported lazily: only odd pages get here

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    codec = _codec_name(best.encoding)
    if codec in _WESTERN:
        return "cp1252"
    return codec


def decode_html(data: bytes | str, content_type: str | None = None) -> str:
    """Decode a fetched page: BOM, then valid UTF-8, then the declared charset, then detection."""
    if isinstance(data, str):
        return data
    bom_encoding, bom = read_bom(data)
    if bom_encoding:
        return data[len(bom) :].decode(bom_encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_encoding(data, content_type)
    if declared and declared != "utf_8" and not declared.startswith("utf_16") and not declared.startswith("utf_32"):
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            if declared == "cp1252":
                return "".join(_CP1252_TABLE[b] for b in data)
            detected = _detect(data)
            return data.decode(detected or declared, errors="replace")
    # Labelled UTF-8, or not labelled, and not valid UTF-8.
    if _UTF8_MULTIBYTE.search(data):
        # Mostly UTF-8 with stray windows-1252 bytes (or a UTF-8 label on a mixed page).
        return data.decode("utf-8", errors="scrutiny-cp1252")
    # No UTF-8 at all: windows-1252 under a wrong or missing label, unless the high bytes come in
    # runs (Cyrillic, Greek, East Asian words) rather than alone (£, curly quotes, é in English).
    high = len(data.translate(None, _ASCII_BYTES))
    if high and sum(map(len, _HIGH_RUNS.findall(data))) > 0.5 * high:
        detected = _detect(data)
        if detected and detected != "cp1252":
            return data.decode(detected, errors="replace")
    return data.decode("utf-8", errors="scrutiny-cp1252")
