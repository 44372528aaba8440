"""The gazetteer of English children's services authorities.

Source: ``extract/data/authorities.csv``, built from the local authority lookup
of JT-39/ofsted-ilacs-scrape-tool (MIT licence), with abolished authorities and
name variants added by hand. Minimal first version: exact lookups only.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Authority:
    code: str
    name: str
    ons_code: str
    ofsted_urn: str
    region: str
    kind: str
    aliases: tuple[str, ...] = ()
    abolished: str | None = None


def fold(text: str) -> str:
    """Lower-case ASCII words, for matching names however they are typed."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


@cache
def all_authorities() -> tuple[Authority, ...]:
    with resources.files("scrutiny.extract").joinpath("data/authorities.csv").open(encoding="utf-8") as f:
        return tuple(
            Authority(
                code=row["code"],
                name=row["name"],
                ons_code=row["ons_code"],
                ofsted_urn=row["ofsted_urn"],
                region=row["region"],
                kind=row["kind"],
                aliases=tuple(a for a in row["aliases"].split("|") if a),
                abolished=row["abolished"] or None,
            )
            for row in csv.DictReader(f)
        )


@cache
def _index() -> dict[str, Authority]:
    index: dict[str, Authority] = {}
    for authority in all_authorities():
        for name in (authority.name, *authority.aliases):
            index.setdefault(fold(name), authority)
    return index


def by_code(code: str) -> Authority | None:
    return next((a for a in all_authorities() if a.code == str(code)), None)


def by_urn(urn: str | int) -> Authority | None:
    return next((a for a in all_authorities() if a.ofsted_urn == str(urn)), None)


_SUFFIXES = re.compile(
    r"\b(metropolitan borough council|borough council|county council|city council|council|mbc|lbc)$"
)


def lookup(mention: str) -> Authority | None:
    """The authority a name refers to ("Sandwell MBC" -> Sandwell), or None."""
    key = fold(mention)
    key = re.sub(r"^(the )?(london borough of |royal borough of |city of )", "", key)
    key = _SUFFIXES.sub("", key).strip()
    return _index().get(key)
