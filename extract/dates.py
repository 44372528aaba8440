"""Dates as UK newspapers and their CMSs print them, to ISO ``YYYY-MM-DD``.

Day-first throughout ("03/04/2019" is 3 April), as the UK press writes them. The
forms handled are the ones article pages show: ISO timestamps from meta tags and
JSON-LD, "21 May 2013", "7 August, 2013", "21st May 2013", "19 Oct 2009",
"Tuesday, May 21, 2013", "May 21st, 2013", "21/05/2013 14:32", "21.05.2013",
"2013/05/21", RFC 822 ("Tue, 21 May 2013 07:00:00 +0100"), and dates in URL paths.

Regular expressions rather than dateparser: these pages repeat a handful of
forms, and a strict pattern neither guesses a date from a stray number nor costs
milliseconds per call.

Sections: absolute dates in text, ISO timestamps, dates in URLs. (Relative dates,
"last week", "in November", resolved against a publication date, belong in a
section of their own below these.)
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100

# ---------------------------------------------------------------------------
# Absolute dates in text
# ---------------------------------------------------------------------------

_MONTH = r"(?P<{name}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"

_DATE_PATTERNS = re.compile(
    "|".join(
        [
            # 2013-05-21, 2013-05-21T07:00:00+01:00 (time and offset optional)
            r"(?<![\d/.-])(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})"
            r"(?:[T ](?P<iso_time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(?P<iso_tz>Z|[+-]\d{2}:?\d{2})?)?"
            r"(?![\d])",
            # 2013/05/21, 2013.05.21
            r"(?<![\d/.-])(?P<ymd_y>\d{4})[/.](?P<ymd_m>\d{1,2})[/.](?P<ymd_d>\d{1,2})(?![\d/.])",
            # 21/05/2013, 21.05.2013, 21-05-2013, 21/05/13 (day first)
            r"(?<![\d/.-])(?P<dmy_d>\d{1,2})(?P<dmy_sep>[/.-])(?P<dmy_m>\d{1,2})(?P=dmy_sep)"
            r"(?P<dmy_y>\d{4}|\d{2})(?![\d/.-]|\.\d)",
            # Tuesday 21 May 2013, 21st May 2013, 7 August, 2013, 19 Oct 2009, 21 of May 2013
            r"(?<![\w])" + _WEEKDAY + r"(?P<dm_d>\d{1,2})" + _ORDINAL + r"(?:\s+of)?[\s-]+"
            + _MONTH.format(name="dm_m") + r",?[\s-]+(?P<dm_y>\d{4})(?!\d)",
            # Tuesday, May 21, 2013, May 21st 2013
            r"(?<![\w])" + _WEEKDAY + _MONTH.format(name="md_m") + r"\s+(?P<md_d>\d{1,2})" + _ORDINAL
            + r",?\s+(?P<md_y>\d{4})(?!\d)",
        ]
    ),
    re.IGNORECASE,
)


def _valid(year: int, month: int, day: int) -> date | None:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _two_digit_year(value: str) -> int:
    year = int(value)
    if len(value) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _match_date(m: re.Match[str]) -> date | None:
    """The calendar date one match of ``_DATE_PATTERNS`` stands for, or None if impossible."""
    if m.group("iso_y"):
        found = _valid(int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d")))
        if found and m.group("iso_time") and m.group("iso_tz"):
            return _local_date(found, m.group("iso_time"), m.group("iso_tz"))
        return found
    if m.group("ymd_y"):
        return _valid(int(m.group("ymd_y")), int(m.group("ymd_m")), int(m.group("ymd_d")))
    if m.group("dmy_y"):
        year, first, second = _two_digit_year(m.group("dmy_y")), int(m.group("dmy_d")), int(m.group("dmy_m"))
        # Day first; a US-style date is taken only when day-first is impossible (05/21/2013).
        return _valid(year, second, first) or _valid(year, first, second)
    if m.group("dm_y"):
        return _valid(int(m.group("dm_y")), MONTHS[m.group("dm_m").lower()], int(m.group("dm_d")))
    if m.group("md_y"):
        return _valid(int(m.group("md_y")), MONTHS[m.group("md_m").lower()], int(m.group("md_d")))
    return None


def find_dates(text: str) -> list[tuple[int, str]]:
    """Every date written in ``text``, as (offset, ``YYYY-MM-DD``), in order of appearance."""
    found = []
    for m in _DATE_PATTERNS.finditer(text):
        day = _match_date(m)
        if day is not None:
            found.append((m.start(), day.isoformat()))
    return found


def strip_dates(text: str) -> str:
    """``text`` with every date in it removed ("Published: 21/05/2013 14:32" gives "Published:  14:32")."""
    return _DATE_PATTERNS.sub(lambda m: "" if _match_date(m) else m.group(0), text)


def parse_date(text: str | None) -> str | None:
    """The first date written in ``text`` as ``YYYY-MM-DD`` (day first), or None.

    "Published: 21/05/2013 14:32" gives "2013-05-21"; "7 August, 2013" gives
    "2013-08-07"; an ISO timestamp in UTC gives the UK calendar day.
    """
    if not text:
        return None
    for m in _DATE_PATTERNS.finditer(text):
        day = _match_date(m)
        if day is not None:
            return day.isoformat()
    return None


# ---------------------------------------------------------------------------
# ISO timestamps
# ---------------------------------------------------------------------------


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def uk_offset(moment: datetime) -> timedelta:
    """UK clock offset from UTC at a UTC moment: one hour from the last Sunday of March
    (01:00 UTC) to the last Sunday of October (01:00 UTC), else none."""
    start = datetime.combine(_last_sunday(moment.year, 3), datetime.min.time()) + timedelta(hours=1)
    end = datetime.combine(_last_sunday(moment.year, 10), datetime.min.time()) + timedelta(hours=1)
    return timedelta(hours=1) if start <= moment.replace(tzinfo=None) < end else timedelta(0)


def _local_date(day: date, clock: str, zone: str) -> date:
    """The calendar day of a timestamp as printed where it was written.

    A timestamp with a real offset (+01:00) already carries its local day; one in
    UTC ("Z", "+00:00") is moved to UK time, since a story stamped 23:30Z in
    summer was published at 00:30 the next day in Britain.
    """
    if zone.upper() != "Z" and zone.replace(":", "") not in ("+0000", "-0000"):
        return day
    hours, minutes = (int(part) for part in clock.split(":")[:2])
    if not (0 <= hours < 24 and 0 <= minutes < 60):
        return day
    moment = datetime.combine(day, datetime.min.time()) + timedelta(hours=hours, minutes=minutes)
    return (moment + uk_offset(moment)).date()


_COMPACT = re.compile(r"\s*(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?:[T ]?\d{4,6})?\s*")
_EPOCH = re.compile(r"\s*\d{10}(?:\d{3})?\s*")


def parse_timestamp(value: str | None) -> str | None:
    """A machine-written date (meta tags, JSON-LD, ``datetime=``) as ``YYYY-MM-DD``.

    Takes what ``parse_date`` takes, plus compact "20130521" and Unix epoch seconds or
    milliseconds, which some CMSs put in their date metas.
    """
    if not value:
        return None
    m = _COMPACT.fullmatch(value)
    if m:
        found = _valid(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        return found.isoformat() if found else None
    if _EPOCH.fullmatch(value):
        seconds = int(value.strip()[:10])
        moment = datetime(1970, 1, 1) + timedelta(seconds=seconds)
        return (moment + uk_offset(moment)).date().isoformat()
    return parse_date(value)


# ---------------------------------------------------------------------------
# Dates in URLs
# ---------------------------------------------------------------------------

_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})(?P<sep>[/_-]?)(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)(?=[/_.-]|$)"
)


def date_from_url(url: str | None) -> str | None:
    """A full date in a URL path ("/2017/08/15/slug/", "/20170815/", "/2017-08-15-slug"), or None."""
    if not url:
        return None
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url, flags=re.IGNORECASE).split("?")[0]
    for m in _URL_DATE.finditer(path):
        found = _valid(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if found is not None:
            return found.isoformat()
    return None
