"""Source profiles (``crawlers/sources.toml``) and subscriber credentials.

A profile says where a site lists its articles and which URLs are articles;
everything else the crawler learns from the pages. ``profile_for_start_urls``
makes a profile for a site no file describes, from the URLs given on the
command line.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from scrutiny.crawlers.urls import UrlRules, host_of, in_domains, origin_of, registered_domain

SOURCES_FILE = Path(__file__).with_name("sources.toml")
FOLLOW_MODES = ("listings", "all", "none")
SPIDERS = ("news", "ofsted")
DEFAULT_CONTACT = "https://github.com/scrutiny-news/scrutiny"


@dataclass(frozen=True)
class SourceProfile:
    name: str
    origins: tuple[str, ...]
    title: str = ""
    spider: str = "news"
    domains: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()  # sniffed: sitemap, feed or page
    article_patterns: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    follow: str = "listings"
    max_depth: int = 3
    credentials_env: str | None = None
    adhoc: bool = False  # made from --start-url, not from sources.toml
    _patterns: tuple[re.Pattern, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.origins:
            raise ValueError(f"source {self.name!r}: origins is empty")
        if self.spider not in SPIDERS:
            raise ValueError(f"source {self.name!r}: spider must be one of {', '.join(SPIDERS)}")
        if self.follow not in FOLLOW_MODES:
            raise ValueError(f"source {self.name!r}: follow must be one of {', '.join(FOLLOW_MODES)}")
        if not self.domains:
            object.__setattr__(
                self, "domains", tuple(dict.fromkeys(registered_domain(host_of(o)) for o in self.origins))
            )
        try:
            object.__setattr__(self, "_patterns", tuple(re.compile(p) for p in self.article_patterns))
            UrlRules(self.allow, self.deny)
        except re.error as error:
            raise ValueError(f"source {self.name!r}: bad pattern: {error}") from error

    @property
    def rules(self) -> UrlRules:
        return UrlRules(self.allow, self.deny)

    @property
    def patterns(self) -> tuple[re.Pattern, ...]:
        return self._patterns

    def in_scope(self, url: str) -> bool:
        return in_domains(url, self.domains) and self.rules.permits(url)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("_patterns", None)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SourceProfile:
        known = {f for f in cls.__dataclass_fields__ if not f.startswith("_")}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"source {data.get('name')!r}: unknown keys {', '.join(sorted(unknown))}")
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
        return cls(**values)


def read_config(path: Path | None = None) -> dict[str, Any]:
    with open(path or SOURCES_FILE, "rb") as f:
        try:
            return tomllib.load(f)
        except tomllib.TOMLDecodeError as error:
            raise ValueError(str(error)) from error


def load_sources(path: Path | None = None) -> dict[str, SourceProfile]:
    """The profiles in ``sources.toml`` by name; ValueError with the reason when the file is wrong."""
    config = read_config(path)
    sources = config.get("sources", {})
    if not isinstance(sources, dict):
        raise ValueError("[sources] must be a table of source profiles")
    return {name: SourceProfile.from_dict({**table, "name": name}) for name, table in sources.items()}


def crawler_config(path: Path | None = None) -> dict[str, Any]:
    """The ``[crawler]`` table: contact URL, User-Agent, credentials file."""
    return dict(read_config(path).get("crawler", {}))


def user_agent(config: dict[str, Any]) -> str:
    contact = os.environ.get("SCRUTINY_CONTACT_URL") or config.get("contact_url") or DEFAULT_CONTACT
    template = config.get("user_agent") or "scrutiny (+{contact_url})"
    return template.format(contact_url=contact)


def profiles_for_start_urls(
    start_urls: list[str], profiles: dict[str, SourceProfile]
) -> dict[str, SourceProfile]:
    """One profile per site among ``start_urls``: a known profile when the host is one of its
    domains (crawled from these URLs instead of its own), else a new profile named after the host."""
    by_site: dict[str, list[str]] = defaultdict(list)
    chosen: dict[str, SourceProfile] = {}
    for url in start_urls:
        match = next((p for p in profiles.values() if in_domains(url, p.domains)), None)
        key = match.name if match else registered_domain(host_of(url))
        by_site[key].append(url)
        if match:
            chosen[key] = match
    result = {}
    for key, urls in by_site.items():
        if key in chosen:
            base = chosen[key].as_dict()
            base.update(start_urls=tuple(urls), sitemaps=(), feeds=(), listings=())
            result[key] = SourceProfile.from_dict(base)
        else:
            origins = tuple(dict.fromkeys(origin_of(u) for u in urls))
            result[key] = SourceProfile(
                name=key, origins=origins, title=key, start_urls=tuple(urls), follow="all", max_depth=2,
                adhoc=True,
            )
    return result


@dataclass(frozen=True)
class Credentials:
    """A subscriber's cookies and headers for one source. ``repr`` never shows the values."""

    cookies: dict[str, str] = field(default_factory=dict, repr=False)
    headers: dict[str, str] = field(default_factory=dict, repr=False)

    def __bool__(self) -> bool:
        return bool(self.cookies or self.headers)

    @property
    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())


def parse_cookie_header(value: str) -> dict[str, str]:
    cookies = {}
    for part in value.split(";"):
        name, sep, val = part.strip().partition("=")
        if sep and name:
            cookies[name.strip()] = val.strip()
    return cookies


def load_credentials(profile: SourceProfile, config: dict[str, Any] | None = None) -> Credentials:
    """Credentials from the profile's environment variable and the credentials file, if any.

    The file is named by ``SCRUTINY_CREDENTIALS_FILE`` or ``[crawler] credentials_file``;
    a missing file simply means no credentials.
    """
    config = config if config is not None else crawler_config()
    cookies: dict[str, str] = {}
    headers: dict[str, str] = {}
    file_name = os.environ.get("SCRUTINY_CREDENTIALS_FILE") or config.get("credentials_file")
    if file_name:
        path = Path(file_name).expanduser()
        if path.is_file():
            with open(path, "rb") as f:
                try:
                    table = tomllib.load(f).get(profile.name, {})
                except tomllib.TOMLDecodeError as error:
                    raise ValueError(f"credentials file {path}: {error}") from error
            cookies.update({str(k): str(v) for k, v in table.get("cookies", {}).items()})
            headers.update({str(k): str(v) for k, v in table.get("headers", {}).items()})
    if profile.credentials_env and os.environ.get(profile.credentials_env):
        cookies.update(parse_cookie_header(os.environ[profile.credentials_env]))
    return Credentials(cookies, headers)
