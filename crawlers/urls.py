"""URL normalisation, crawl scope and mirror mapping: pure functions on strings.

The canonical URL is a document's identity, so every URL the crawler compares
goes through ``normalise_url`` first: lower-case scheme and host, no default
port, no fragment, no tracking parameters, sorted query (w3lib does the
percent-encoding). ``url_key`` is looser still (scheme and trailing slash
ignored): the key under which "have we seen this page already" is asked.

A ``Mirror`` maps a source's real origins onto a local copy of the site, so a
crawl can run offline against the same URLs. The first origin maps to the base
URL itself; every other host of the source maps to ``<base>/_host/<hostname>``
(Ofsted's ``files.ofsted.gov.uk`` beside ``reports.ofsted.gov.uk``). The
spider only ever sees real URLs; the download handler fetches the mirror.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Query parameters that identify a campaign or a click, never the page.
TRACKING_PARAMETERS = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid",
    "_ga", "_gl", "ref_src", "cmpid", "ito", "icid", "ocid", "mkt_tok",
}
TRACKING_PREFIXES = ("utm_", "pk_", "hsa_", "__hs")
DEFAULT_PORTS = {"http": 80, "https": 443}
HTTP_SCHEMES = ("http", "https")


def is_http_url(url: str) -> bool:
    return urlsplit(url).scheme.lower() in HTTP_SCHEMES


def is_tracking_parameter(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(TRACKING_PREFIXES)


@lru_cache(maxsize=65536)  # the same links recur on every page of a site
def normalise_url(url: str, base: str | None = None) -> str:
    """The form of ``url`` used as an identity (``base`` resolves a relative URL)."""
    if base:
        url = urljoin(base, url.strip())
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    netloc = host
    if parts.port and parts.port != DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_parameter(k)]
    cleaned = urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))
    return canonicalize_url(cleaned, keep_fragments=False)


@lru_cache(maxsize=65536)
def url_key(url: str) -> str:
    """Key for "already seen or stored": ``http``/``https`` and a trailing slash do not matter."""
    parts = urlsplit(normalise_url(url))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("", parts.netloc, path, parts.query, ""))[2:]


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def registered_domain(host: str) -> str:
    """The host without a leading ``www.``: the domain a source's scope is given in."""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def in_domains(url: str, domains: list[str] | tuple[str, ...]) -> bool:
    """True when ``url`` is http(s) on one of ``domains`` or a subdomain of one."""
    if not is_http_url(url):
        return False
    host = host_of(url)
    return any(host == d or host.endswith("." + d) for d in domains)


@dataclass(frozen=True)
class UrlRules:
    """A source's allow/deny patterns (regular expressions searched in the path and query)."""

    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    _allow: tuple[re.Pattern, ...] = field(init=False, repr=False, compare=False)
    _deny: tuple[re.Pattern, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_allow", tuple(re.compile(p) for p in self.allow))
        object.__setattr__(self, "_deny", tuple(re.compile(p) for p in self.deny))

    def permits(self, url: str) -> bool:
        target = path_and_query(url)
        if any(p.search(target) for p in self._deny):
            return False
        return not self._allow or any(p.search(target) for p in self._allow)


def path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


@dataclass(frozen=True)
class Mirror:
    """Maps real origins (``https://www.cypnow.co.uk``) to fetch bases (``http://127.0.0.1:8000/cypnow``)."""

    bases: dict[str, str]  # real origin -> fetch base
    origins: dict[str, str]  # fetch base -> the real origin it stands for

    @classmethod
    def for_source(cls, origins: list[str] | tuple[str, ...], base_url: str) -> Mirror:
        """The first origin is served at ``base_url``, the others under ``base_url/_host/<host>``.

        Both schemes, and the host with and without ``www.``, map to the same place,
        since sitemaps and feeds are not always consistent about either.
        """
        base = base_url.rstrip("/")
        bases: dict[str, str] = {}
        reverse: dict[str, str] = {}
        for index, origin in enumerate(origins):
            host = host_of(origin)
            target = base if index == 0 else f"{base}/_host/{host}"
            reverse.setdefault(target, origin_of(origin))
            for variant in (host, registered_domain(host), "www." + registered_domain(host)):
                for scheme in HTTP_SCHEMES:
                    bases.setdefault(f"{scheme}://{variant}", target)
        return cls(bases, reverse)

    def to_fetch(self, url: str) -> str:
        """Where to download ``url`` from (unchanged when it is not on a mirrored origin)."""
        origin = origin_of(url)
        base = self.bases.get(origin)
        if base is None:
            return url
        return base + url[len(origin):]

    def to_real(self, url: str) -> str:
        """The real URL a mirror URL stands for (unchanged when it is not on the mirror)."""
        matches = [b for b in self.origins if url == b or url.startswith((b + "/", b + "?"))]
        if not matches:
            return url
        base = max(matches, key=len)
        rest = url[len(base):]
        return self.origins[base] + (rest if rest.startswith("/") else "/" + rest)
