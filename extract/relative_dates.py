"""Dates as news stories write them, resolved against the day the story was published.

``resolve("February last year", "2013-05-21")`` is ``"2013-02"`` minus a year:
``"2012-02"``. The answer is as precise as the words allow: ``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD`` (the facts contract's precision rules):

- "today", "yesterday", "on Friday", "5 January" give a day;
- "this month", "last month", "in November", "this April", "February last
  year" give a month ("in November" is the latest November not after the story);
- "last week" gives its month when the whole week lies in one month, else its year;
- "this year", "earlier this year", "last year", "last summer" give a year;
- "six months ago" counts back from the story; "two years earlier" and "the
  following year" count from an ``anchor`` date the caller found nearby.

Durations ("the past 10 years", "eight months") and future dates ("next year",
"later this week") resolve to None: they date nothing that has happened.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")),
        start=1,
    )
    for name in names
}
WEEKDAYS = {name: i for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday",
                                              "saturday", "sunday"))}
SEASONS = ("spring", "summer", "autumn", "fall", "winter")
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "several": None, "few": None,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_LEAD = re.compile(r"^(?:(?:in|on|at|since|from|during|of|by|the|around|about|as|early|late|mid|the end of|"
                   r"the start of|the beginning of|the middle of|the first half of|the second half of|"
                   r"until|till)\s+|mid-)+")
_ABSOLUTE = (
    re.compile(rf"^{_DAY}\s+{_MONTH},?\s+{_YEAR}$"),
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$"),
    re.compile(rf"^{_MONTH},?\s+{_YEAR}$"),
    re.compile(rf"^{_YEAR}$"),
    re.compile(rf"^(?P<season>{'|'.join(SEASONS)})\s+(?:of\s+)?{_YEAR}$"),
    re.compile(rf"^{_YEAR}\s*[-/–]\s*(?:\d\d|(?:19|20)\d\d)$"),
)
_DAY_MONTH = (re.compile(rf"^{_DAY}\s+{_MONTH}$"), re.compile(rf"^{_MONTH}\s+{_DAY}$"))
_MONTH_RELATIVE = re.compile(rf"^(?:(?P<pre>this|last|next)\s+)?{_MONTH}(?:\s+(?P<post>this|last|next)\s+year)?$")
_AGO = re.compile(r"^(?P<n>\d+|[a-z]+)\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|earlier|before|"
                  r"previously|later|after)$")
_NTH = re.compile(r"^(?P<which>following|next|previous|preceding|same)\s+(?P<unit>day|week|month|year)$")


def as_date(value: str | date | None) -> date | None:
    """A ``date`` from an ISO string (a partial one reads as its first day), or None."""
    if value is None or isinstance(value, date):
        return value
    parts = str(value).strip()[:10].split("-")
    try:
        numbers = [int(p) for p in parts if p] + [1, 1]
        return date(numbers[0], numbers[1], numbers[2])
    except (ValueError, IndexError):
        return None


def precision_of(value: str | None) -> int:
    """How many parts a date string has: 0 (none), 1 (year), 2 (month), 3 (day)."""
    return 0 if not value else len(str(value).split("-"))


def month_value(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def shift(value: str, *, months: int = 0, years: int = 0) -> str:
    """A date string moved by whole months or years; a day loses its day, a year stays a year."""
    start = as_date(value)
    if start is None:
        return value
    if precision_of(value) == 1:
        return f"{start.year + years + (months // 12 if months % 12 == 0 else 0):04d}"
    year, month = divmod(start.year * 12 + start.month - 1 + months + 12 * years, 12)
    return f"{year:04d}-{month + 1:02d}"


def _span_value(first: date, last: date) -> str:
    """The month of a period that lies within one month, else its year (or None across years)."""
    if (first.year, first.month) == (last.year, last.month):
        return month_value(first)
    return f"{first.year:04d}" if first.year == last.year else f"{last.year:04d}"


def _latest(month: int, day: int | None, published: date) -> str:
    """The latest month (or day) of that name on or before the story."""
    later = month > published.month or (month == published.month and day is not None and day > published.day)
    year = published.year - 1 if later else published.year
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _next(month: int, day: int | None, published: date) -> str:
    """The next month (or day) of that name on or after the story."""
    earlier = month < published.month or (month == published.month and day is not None and day < published.day)
    year = published.year + 1 if earlier else published.year
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBERS.get(word)


def normalise(expression: str) -> str:
    text = expression.lower().replace("\u2019", "'").replace("–", "-")
    text = re.sub(r"[,.;:]+$", "", text.strip())
    text = re.sub(r"\s+", " ", text)
    return _LEAD.sub("", text).strip()


def resolve(expression: str, published: str | date | None, *, anchor: str | None = None,
            forward: bool = False) -> str | None:
    """The date an expression names, as precise as it allows, or None (a duration, the future, noise).

    An expression the entity recogniser ran on ("Tuesday after weeks") resolves by its longest
    leading part that is a date. ``forward`` reads a bare month or day as the next one, for a
    verb in the present or future ("retires in August", "takes up the post on 1 September").
    """
    text = normalise(expression)
    if not text:
        return None
    words = text.split()
    for n in range(len(words), 0, -1):
        value = _resolve_text(" ".join(words[:n]), published, anchor, forward)
        if value is not None or n == len(words) and _is_duration(text):
            return value
    return None


def _is_duration(text: str) -> bool:
    return bool(re.match(r"^(the )?(past|last|next|coming|\d+|[a-z]+) ?\d* (days|weeks|months|years)$", text))


def _resolve_text(text: str, published: str | date | None, anchor: str | None, forward: bool) -> str | None:
    for pattern in _ABSOLUTE:
        m = pattern.match(text)
        if m:
            return _absolute(m)
    pub = as_date(published)
    relative = _relative(text, pub, anchor, forward) if pub else None
    return relative if relative is not None else _anchored(text, anchor)


def _absolute(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    year = int(groups["year"])
    if groups.get("month"):
        month = MONTHS[groups["month"]]
        if groups.get("day"):
            try:
                return date(year, month, int(groups["day"])).isoformat()
            except ValueError:
                return f"{year:04d}-{month:02d}"
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


def _relative(text: str, pub: date, anchor: str | None, forward: bool = False) -> str | None:
    if text in ("today", "this morning", "this afternoon", "this evening", "tonight", "earlier today",
                "now", "this lunchtime"):
        return pub.isoformat()
    if text.startswith("yesterday") or text == "last night":
        return (pub - timedelta(days=1)).isoformat()
    weekday = re.match(r"^(?:(last|this|on)\s+)?(" + "|".join(WEEKDAYS) + r")(?: (?:morning|afternoon|evening|night))?$",
                       text)
    if weekday:
        back = (pub.weekday() - WEEKDAYS[weekday.group(2)]) % 7
        if back == 0 and weekday.group(1) == "last":
            back = 7
        return (pub - timedelta(days=back)).isoformat()
    if text in ("this week", "earlier this week", "this week's"):
        return _span_value(pub - timedelta(days=pub.weekday()), pub)
    if text in ("last week", "the past week", "the previous week", "last week's"):
        monday = pub - timedelta(days=pub.weekday() + 7)
        return _span_value(monday, monday + timedelta(days=6))
    if text in ("this month", "earlier this month", "this month's", "the start of this month"):
        return month_value(pub)
    if text in ("last month", "last month's", "the previous month"):
        return month_value(pub.replace(day=1) - timedelta(days=1))
    if text in ("this year", "earlier this year", "this year's", "the start of this year", "the start of the year",
                "earlier in the year"):
        return f"{pub.year:04d}"
    if text in ("last year", "last year's", "the previous year", "the end of last year", "the past year"):
        return f"{pub.year - 1:04d}" if text != "the past year" else None
    season = re.match(r"^(last|this)\s+(" + "|".join(SEASONS) + r")$", text)
    if season:
        return f"{pub.year - (season.group(1) == 'last'):04d}"
    m = _MONTH_RELATIVE.match(text)
    if m:
        month = MONTHS[m.group("month")]
        if m.group("pre") == "next" or m.group("post") == "next":
            return None
        if m.group("post") == "last":
            return f"{pub.year - 1:04d}-{month:02d}"
        if m.group("post") == "this" or m.group("pre") == "this":
            return f"{pub.year:04d}-{month:02d}"
        if m.group("pre") == "last":
            year = pub.year - 1 if month >= pub.month else pub.year
            return f"{year:04d}-{month:02d}"
        return _next(month, None, pub) if forward else _latest(month, None, pub)
    for pattern in _DAY_MONTH:
        m = pattern.match(text)
        if m:
            pick = _next if forward else _latest
            return pick(MONTHS[m.group("month")], int(m.group("day")), pub)
    m = _AGO.match(text)
    if m and m.group("dir") == "ago":
        n = _number(m.group("n"))
        if n is None:
            return None
        unit = m.group("unit")
        if unit == "day":
            return (pub - timedelta(days=n)).isoformat()
        if unit == "week":
            return month_value(pub - timedelta(weeks=n))
        if unit == "month":
            return shift(month_value(pub), months=-n)
        return f"{pub.year - n:04d}"
    return None


def _anchored(text: str, anchor: str | None) -> str | None:
    """'two years earlier', 'the following year': counted from a date found nearby."""
    if not anchor:
        return None
    m = _AGO.match(text)
    if m and m.group("dir") != "ago":
        n = _number(m.group("n"))
        if n is None:
            return None
        sign = -1 if m.group("dir") in ("earlier", "before", "previously") else 1
        if m.group("unit") == "year":
            return f"{as_date(anchor).year + sign * n:04d}"
        if m.group("unit") == "month" and precision_of(anchor) >= 2:
            return shift(anchor[:7], months=sign * n)
        return None
    m = _NTH.match(text)
    if m:
        step = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "same": 0}[m.group("which")]
        if m.group("unit") == "year":
            return f"{as_date(anchor).year + step:04d}"
        if m.group("unit") == "month" and precision_of(anchor) >= 2:
            return shift(anchor[:7], months=step)
    return None


def needs_anchor(expression: str) -> bool:
    """Whether an expression counts from another date ('two years earlier', 'the following year')."""
    text = normalise(expression)
    m = _AGO.match(text)
    return bool((m and m.group("dir") != "ago") or _NTH.match(text))


def is_future(expression: str, published: str | date | None) -> bool:
    """Whether an expression points after the story ('next year', 'later this month', 'April 2018' in 2017)."""
    text = expression.lower()
    if re.search(r"\b(next|later|coming|upcoming|from now)\b", text):
        return True
    value = resolve(expression, published)
    pub = as_date(published)
    if value is None or pub is None:
        return False
    return value[: len(value)] > pub.isoformat()[: len(value)]
