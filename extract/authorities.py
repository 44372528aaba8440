"""The gazetteer of English children's services authorities.

Source: ``extract/data/authorities.csv``, built from the local authority lookup
of JT-39/ofsted-ilacs-scrape-tool (MIT licence), with abolished authorities,
council names and name variants added by hand (see ``extract/data/README.md``).

Three ways in:

- ``lookup(mention)`` resolves one organisation name ("Sandwell MBC",
  "the London Borough of Hackney") to its authority, or None for trusts and
  companies the council owns ("Birmingham Children's Trust").
- ``find_mentions(text)`` finds every authority named in free text, with exact
  spans, using one compiled regex (a trie of every name form) built once.
- ``resolve_descriptor(text)`` turns "the West Midlands authority" or "the
  London borough" into the candidate authorities a story could mean.
"""

from __future__ import annotations

import csv
import datetime as dt
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
    council: str = ""
    established: str | None = None
    former_ons_codes: tuple[str, ...] = ()

    def exists_on(self, on_date: str | dt.date) -> bool:
        """Whether the authority was in being on a date (changes took effect on 1 April)."""
        day = _iso_day(on_date)
        if self.established and day < f"{self.established}-04-01":
            return False
        return not (self.abolished and day >= f"{self.abolished}-04-01")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    authority: Authority


def fold(text: str) -> str:
    """Lower-case ASCII words, for matching names however they are typed ("&" reads as "and")."""
    text = text.replace("&", " and ").replace("\u2019", "'").replace("\u2018", "'")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _iso_day(on_date: str | dt.date) -> str:
    """'2019', '2019-05' or a date as a sortable 'YYYY-MM-DD' (missing parts read as the first)."""
    day = on_date.isoformat()[:10] if isinstance(on_date, dt.date) else str(on_date).strip()[:10]
    return day + "-01-01"[len(day) - 4 :] if len(day) in (4, 7) else day


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


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
                aliases=_split(row["aliases"]),
                abolished=row["abolished"] or None,
                council=row.get("council") or "",
                established=row.get("established") or None,
                former_ons_codes=_split(row.get("former_ons_codes") or ""),
            )
            for row in csv.DictReader(f)
        )


@cache
def _by_field() -> dict[str, dict[str, Authority]]:
    index: dict[str, dict[str, Authority]] = {"code": {}, "urn": {}, "ons": {}}
    for authority in all_authorities():
        index["code"][authority.code] = authority
        if authority.ofsted_urn:
            index["urn"][authority.ofsted_urn] = authority
        for ons in (authority.ons_code, *authority.former_ons_codes):
            if ons:
                index["ons"].setdefault(ons, authority)
    return index


def by_code(code: str | int) -> Authority | None:
    """The authority with a three-digit DfE code, abolished ones included."""
    return _by_field()["code"].get(str(code).strip())


def by_urn(urn: str | int) -> Authority | None:
    """The authority with an Ofsted URN (the number in an inspection report's file name)."""
    return _by_field()["urn"].get(str(urn).strip())


def by_ons(ons_code: str) -> Authority | None:
    """The authority with an ONS code, current or former (E10000002 is Buckinghamshire)."""
    return _by_field()["ons"].get(ons_code.strip().upper())


# --- names -----------------------------------------------------------------------------------------

# Words before and after a name that still make it the council ("London Borough of X", "X MBC").
_PREFIXES = (
    "london borough of",
    "royal borough of",
    "metropolitan borough of",
    "borough of",
    "city of",
    "county of",
    "city and county of",
    "corporation of",
    "council of the",
    "council of",
    "lb",
)
_SUFFIXES = (
    "metropolitan borough council",
    "metropolitan district council",
    "metropolitan council",
    "london borough council",
    "borough council",
    "county council",
    "city council",
    "district council",
    "council",
    "MBC",
    "MDC",
    "LBC",
    "BC",
    "CC",
    "City",
)
# Not authorities, though they start with an authority's name: matched so they are skipped whole.
_BLOCKED = (
    "Newcastle-under-Lyme",
    "Bury St Edmunds",
    "Sutton Coldfield",
    "Sutton-in-Ashfield",
    "Stoke Newington",
    "Stoke Mandeville",
    "Stoke Poges",
    "Greater Manchester",
    "Bath Spa",
    "Brent Cross",
    "Derby County",
    "Durham University",
    "Kent State",
    "Richmond Park",
    "Kingston University",
    "Windsor Castle",
    "Reading Festival",
    "Isle of Man",
    "Hull City AFC",
    "York Minster",
    "Westminster Abbey",
    "Westminster Hall",
)


def _priority(authority: Authority) -> int:
    return 1 if authority.abolished else 0


@cache
def _names() -> dict[str, tuple[Authority, ...]]:
    """Folded name form -> the authorities it can mean, best first; blocked phrases map to ()."""
    ranked: dict[str, list[tuple[int, int, Authority]]] = {}
    for authority in all_authorities():
        forms = [(0, authority.name), (1, authority.council), *((1, alias) for alias in authority.aliases)]
        if "," in authority.name:  # "Bristol, City of" is also "City of Bristol"
            head, _, tail = authority.name.partition(",")
            forms.append((1, f"{tail.strip()} {head.strip()}"))
        for rank, form in forms:
            key = fold(form)
            if key and all(a is not authority for _, _, a in ranked.get(key, [])):
                ranked.setdefault(key, []).append((rank, _priority(authority), authority))
    names = {key: tuple(a for _, _, a in sorted(found, key=lambda t: t[:2])) for key, found in ranked.items()}
    for phrase in _BLOCKED:
        names[fold(phrase)] = ()
    return names


def _literal_forms() -> set[str]:
    """Acronyms such as RBKC and B&NES: matched in capitals only."""
    return {
        alias
        for authority in all_authorities()
        for alias in authority.aliases
        if " " not in alias and sum(c.isupper() for c in alias) >= 2
    }


def _choose(candidates: tuple[Authority, ...], on_date: str | dt.date | None) -> Authority | None:
    if not candidates:
        return None
    if on_date is not None:
        for authority in candidates:
            if authority.exists_on(on_date):
                return authority
    return candidates[0]


_PREFIX_RE = re.compile(r"^(?:" + "|".join(re.escape(p) for p in _PREFIXES) + r") ")
_SUFFIX_RE = re.compile(r" (?:" + "|".join(re.escape(s.lower()) for s in _SUFFIXES) + r")$")
_TAIL_RE = re.compile(
    r" (?:s )?(?:children s services?(?: department| directorate)?|children s social care|social services"
    r"|children and young people s services|education department|local authority|area)$"
)
_LEAD_RE = re.compile(
    r"^(?:the )?(?:(?:labour|conservative|tory|lib dem|liberal democrat)[ -](?:run|led|controlled) )?"
)
_ORG_WORDS = re.compile(
    r"\b(?:trust|board|partnership|company|ltd|limited|plc|cic|nhs|ccg|icb|university|college|school|"
    r"academy|police|constabulary|hospital|foundation|commission|committee|association|agency|charity|"
    r"children first|for children)\b"
)


def lookup(mention: str, on_date: str | dt.date | None = None) -> Authority | None:
    """The authority a name refers to ("Sandwell MBC" -> Sandwell), or None.

    Trusts and companies a council set up ("Birmingham Children's Trust",
    "Slough Children First") are not the council and give None. Where one name
    has meant two authorities ("Dorset", "Bournemouth"), ``on_date`` picks the
    one in being then; without it the current one wins.
    """
    key = _LEAD_RE.sub("", fold(mention))
    key = re.sub(r" s$", "", key)  # possessive: "Sandwell's"
    names = _names()
    for candidate in _candidate_keys(key):
        if candidate in names:
            return _choose(names[candidate], on_date)
    found = {m.authority for m in find_mentions(mention, on_date)}
    if len(found) == 1 and not _ORG_WORDS.search(key):
        return found.pop()
    return None


def _candidate_keys(key: str) -> list[str]:
    """The key, then with its tail ("children's services"), prefix and suffix taken off."""
    keys = [key]
    key = _TAIL_RE.sub("", key)
    keys.append(key)
    stripped = _SUFFIX_RE.sub("", key)
    keys.append(stripped)
    keys.append(_PREFIX_RE.sub("", stripped))
    keys.append(_PREFIX_RE.sub("", key))
    return keys


# --- mentions in free text -------------------------------------------------------------------------

_SEP = r"[\s,.\-\u2010\u2011\u2013\u2014]+"
_AND = _SEP + r"and\b|\s*&"  # "Telford and Wrekin", "Telford & Wrekin", "B&NES"


@cache
def _mention_regex() -> re.Pattern[str]:
    literals = _literal_forms()
    folded_literals = {fold(a) for a in literals}
    words = _trie_regex([key.split() for key in _names() if key not in folded_literals])
    literal = "|".join(re.escape(a) for a in sorted(literals, key=len, reverse=True))
    prefix = "|".join(p.replace(" ", r"\s+") for p in _PREFIXES if p != "lb")
    # Acronyms and "City" count only as written: "Leicester city centre" is not "Leicester City".
    suffix = "|".join(s.replace(" ", r"\s+") if s.islower() else f"(?-i:{s})" for s in _SUFFIXES)
    return re.compile(
        r"(?<![\w&-])(?-i:(?=[A-Z]))"  # names start with a capital: most positions fail here at once
        rf"(?P<prefix>(?:{prefix})\s+|(?-i:LB)\s+)?"
        rf"(?P<base>(?-i:{literal})\b|{words})"
        rf"(?P<suffix>\s+(?:{suffix})\b)?"
        r"(?!\w)",
        re.IGNORECASE,
    )


def _trie_regex(forms: list[list[str]]) -> str:
    """One alternation shaped as a trie over words, so the longest name wins; 'and' may read '&'."""
    trie: dict = {}
    for tokens in forms:
        node = trie
        for token in tokens:
            node = node.setdefault(token, {})
        node[""] = {}

    def branch(token: str, child: dict, sep: str | None) -> str:
        if token == "and" and sep is not None:
            head = f"(?:{_AND})"
        else:
            head = (sep or "") + re.escape(token) + r"\b"
        after = _SEP.replace("+", "*") if token == "and" else _SEP  # "&" may touch the next word
        rest = [
            branch(t, child[t], after) for t in sorted((t for t in child if t), key=lambda t: (-len(t), t))
        ]
        if not rest:
            return head
        body = "(?:" + "|".join(rest) + ")"
        return head + body + ("?" if "" in child else "")

    tops = [branch(t, trie[t], None) for t in sorted((t for t in trie if t), key=lambda t: (-len(t), t))]
    return "(?:" + "|".join(tops) + ")"


# Context that shows a name is not the council: a trust or company, a club, a university...
_AFTER_NOT_COUNCIL = re.compile(
    r"\s*(?:(?:children\W?s|childrens|children)\s+(?:services\s+|social\s+care\s+)?trust|children\s+first"
    r"|trust\b|(?:local\s+)?safeguarding|lscb|lscp|nhs|ccg|clinical|hospitals?\b|university|college|police"
    r"|constabulary|fire\b|f\.?c\.?\b|a\.?f\.?c\.?\b|united\b|rovers|wanderers|athletic|county\b(?!\s+council)"
    r"|town\b(?!\s+hall)|airport|cathedral|minster|abbey|palace|castle|harbour|racecourse|festival|diocese"
    r"|ltd\b|limited\b|plc\b|crown\s+court|magistrates|family\s+court|youth\s+court|coroner|prison|chamber"
    r"|foundation|healthcare|health\s+(?:trust|board)|academy|grammar|high\s+school|rugby|cricket"
    r"|albion|politicians?\b|government\b|mps?\b|bubble\b|tigers|rangers|spa\b"
    r"|(?-i:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b))",  # a postcode: an address, not the council
    re.IGNORECASE,
)
_BEFORE_NOT_COUNCIL = re.compile(
    r"(?:\b(?:university|bishop|archbishop|diocese|duke|duchess|earl|dean|port|bank|marquess|viscount)"
    r"\s+of\s+(?:the\s+)?"
    r"|\b(?:mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|lord|lady|baroness|baron|cllr|councillor|rev)\.?\s+"
    r"|\b(?-i:North|South|East|West|Mid|Central|Greater|Inner|Outer|Upper|Lower|Old|New|Great|Little|Saint|St)"
    r"\.?[\s-]+)$",
    re.IGNORECASE,
)
# Names that are also surnames, first names or English words: read as the council only with care.
_WEAK = frozenset(
    fold(name)
    for name in (
        "Barnet Bath Bedford Bexley Blackburn Bolton Bournemouth Bradford Brent Brighton Bromley Bury Cambs "
        "Camden Cheshire Cornwall Coventry Cumberland Darlington Derby Derbyshire Devon Doncaster Dudley Durham "
        "Enfield Essex Greenwich Hackney Halton Hampshire Harrow Herts Hillingdon Hull Kent Kingston Lambeth "
        "Lancashire Leicester Luton Medway Merton Newcastle Norfolk Notts Oldham Plymouth Poole Reading Redcar "
        "Richmond Rutland Sefton Sheffield Somerset Southend Stockton Stoke Suffolk Sunderland Surrey Sutton "
        "Swindon Telford Trafford Wakefield Warrington Westminster Wigan Wiltshire York"
    ).split()
)
# Capitalised words that may stand before a weak name without making it a surname.
_FUNCTION_WORDS = frozenset(
    "the a an in at on for from to by of and or but with without about across under over into near "
    "outside inside both neighbouring nearby like as while when where unlike including despite after before "
    "since until between among within around throughout than that this these those it its their his her our "
    "labour tory tories conservative conservatives liberal democrat democrats independent green reform "
    "ofsted dfe rural urban meanwhile however also only even each every then now yesterday today last next "
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday is was are were has had have will would could should says said "
    "if so yet not no all some many most other another leaders councils council authorities areas".split()
)
# Words after a sentence-initial "Reading"/"Bury"/"Bath" that show it is a verb or noun.
_GERUND_FOLLOWERS = re.compile(
    r"\s+(?:the|a|an|this|that|these|those|it|them|through|between|his|her|their|our|your|my|of|about|up|out"
    r"|in|on|for|aloud|and(?=\s+(?-i:[a-z]))|is\s+(?:a|an|fun|important|key))\b",
    re.IGNORECASE,
)
_ALLOWED_CAPITAL_AFTER = frozenset(
    "council borough metropolitan county city children childrens labour conservative tory ofsted and "
    "safeguarding social mbc lbc bc cc".split()
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"\u201c\u201d(\n]\s*|\n\s*)$")


def _is_council_mention(text: str, match: re.Match[str], base_key: str) -> bool:
    base = match.group("base")
    if not base[0].isupper():
        return False
    end = match.end()
    start = match.start("prefix") if match.group("prefix") else match.start("base")
    if _AFTER_NOT_COUNCIL.match(text, end):
        return False
    before = text[max(0, start - 40) : start]
    if not match.group("prefix") and _BEFORE_NOT_COUNCIL.search(before):
        return False
    if base_key not in _WEAK or match.group("prefix") or _has_council_suffix(match):
        return True
    return _weak_name_reads_as_place(text, start, end, base)


def _has_council_suffix(match: re.Match[str]) -> bool:
    suffix = (match.group("suffix") or "").strip().lower()
    return bool(suffix) and suffix != "city"


def _weak_name_reads_as_place(text: str, start: int, end: int, base: str) -> bool:
    """A weak name ("Reading", "Sutton", "Kent") counts unless it reads as a verb or a person's name."""
    before = text[max(0, start - 60) : start]
    previous = re.search(r"([A-Z][\w'\u2019-]*)\s+$", before)
    if previous and fold(previous.group(1)).split()[0] not in _FUNCTION_WORDS:
        return False  # "Carole Sutton", "Victoria Derbyshire"
    following = re.match(r"\s+([A-Z][\w'\u2019]*)", text[end : end + 40])
    if following and fold(following.group(1)).split()[0] not in _ALLOWED_CAPITAL_AFTER:
        return False
    if _SENTENCE_START.search(before) and fold(base) in {"reading", "bury", "bath"}:
        if _GERUND_FOLLOWERS.match(text, end):
            return False
    return True


def find_mentions(text: str, on_date: str | dt.date | None = None) -> list[Mention]:
    """Every authority named in free text, longest form first, council suffix included in the span.

    Trusts and companies ("Birmingham Children's Trust"), districts ("South
    Norfolk"), people ("Carole Sutton") and verbs ("Reading the report") are
    left out.
    """
    names = _names()
    mentions = []
    for match in _mention_regex().finditer(text):
        key = fold(match.group("base"))
        candidates = names.get(key)
        if not candidates or not _is_council_mention(text, match, key):
            continue
        start = match.start("prefix") if match.group("prefix") else match.start("base")
        authority = _choose(candidates, on_date)
        if authority is not None:
            mentions.append(Mention(start, match.end(), text[start : match.end()], authority))
    return mentions


# --- regions and descriptors -----------------------------------------------------------------------

_REGIONS = (
    ("North East", r"north\s?east(?:ern)?|tyneside|teesside|tees valley|wearside"),
    ("North West", r"north\s?west(?:ern)?"),
    ("Yorkshire and the Humber", r"yorkshire|humber(?:side)?"),
    ("East Midlands", r"east midlands?"),
    ("West Midlands", r"west midlands?|black country"),
    ("East of England", r"east of england|east anglian?|eastern"),
    ("South East", r"south\s?east(?:ern)?|home counties"),
    ("South West", r"south\s?west(?:ern)?"),
    ("London", r"london"),
)
_WIDE_REGIONS = (
    (("East Midlands", "West Midlands"), r"midlands?"),
    (("North East", "North West", "Yorkshire and the Humber"), r"north(?:ern)?|the north of england"),
    (("South East", "South West", "London"), r"southern"),
)
# Sub-regional names that narrow the candidates to DfE codes.
_GROUPS = (
    (
        r"inner london",
        ("201", "202", "203", "204", "205", "206", "207", "208", "209", "210", "211", "212", "213"),
    ),
    (r"outer london", tuple(str(c) for c in range(301, 321))),
    (r"greater manchester", tuple(str(c) for c in range(350, 360))),
    (r"merseyside", ("340", "341", "342", "343", "344")),
    (r"liverpool city region", ("340", "341", "342", "343", "344", "876")),
    (r"south yorkshire", ("370", "371", "372", "373")),
    (r"west yorkshire", ("380", "381", "382", "383", "384")),
    (r"tyne and wear", ("390", "391", "392", "393", "394")),
    (r"black country", ("332", "333", "335", "336")),
    (r"tees valley|teesside|cleveland", ("805", "806", "807", "808", "841")),
    (r"berkshire", ("867", "868", "869", "870", "871", "872")),
    (r"humberside", ("810", "811", "812", "813")),
    (r"avon", ("800", "801", "802", "803")),
    (r"cornish", ("908",)),
    (r"cumbrian", ("909", "942", "943")),
    (r"east anglia(?:n)?", ("873", "874", "926", "935")),
)
_KINDS = (
    (r"london boroughs?", lambda a: a.kind == "London Borough"),
    (r"metropolitan|met (?:borough|council|district)|mbc", lambda a: a.kind == "Metropolitan District"),
    (r"unitary|unitaries", lambda a: a.kind == "Unitary Authority"),
    (r"county|counties|shire", lambda a: a.kind == "County" or _called(a, "county council")),
    (r"city", lambda a: _called(a, "city")),
    (r"district", lambda a: a.kind == "Metropolitan District" or _called(a, "district")),
    (r"borough", lambda a: a.kind in ("London Borough", "Metropolitan District") or _called(a, "borough")),
)


def _called(authority: Authority, words: str) -> bool:
    """Whether the council is, or was, called a "... City Council", "... Borough Council"..."""
    return any(re.search(rf"\b{words}\b", fold(form)) for form in (authority.council, *authority.aliases))


def _regions_in(key: str) -> set[str]:
    found = {region for region, pattern in _REGIONS if re.search(rf"\b(?:{pattern})\b", key)}
    if "London" in found:  # "a south-east London borough" is in London
        return {"London"}
    if not found:
        for regions, pattern in _WIDE_REGIONS:
            if re.search(rf"\b(?:{pattern})\b", key):
                found.update(regions)
    return found


def by_region(region: str) -> list[Authority]:
    """Authorities in an English region, however it is written ("north-east", "Yorkshire")."""
    key = fold(region)
    exact = {a.region for a in all_authorities() if fold(a.region) == key}
    wanted = exact or ({"East of England"} if key in ("east", "eastern") else _regions_in(key))
    return [a for a in all_authorities() if a.region in wanted]


def resolve_descriptor(text: str, on_date: str | dt.date | None = None) -> list[Authority]:
    """Candidate authorities for a descriptor ("the West Midlands authority", "the London borough").

    Returns [] when the descriptor says nothing about place or kind ("the
    council"); a caller checks the candidates against the authority the story
    already named. Abolished authorities are included unless ``on_date`` rules
    them out.
    """
    named = {m.authority for m in find_mentions(text, on_date)}
    if named:
        return sorted(named, key=lambda a: a.code)
    key = fold(text)
    candidates = list(all_authorities())
    narrowed = False
    for pattern, codes in _GROUPS:
        if re.search(rf"\b(?:{pattern})\b", key):
            candidates = [a for a in candidates if a.code in codes]
            narrowed = True
            break
    regions = _regions_in(key)
    if regions:
        candidates = [a for a in candidates if a.region in regions]
        narrowed = True
    for pattern, accepts in _KINDS:
        if re.search(rf"\b(?:{pattern})\b", key):
            candidates = [a for a in candidates if accepts(a)]
            narrowed = True
            break
    if not narrowed:
        return []
    if on_date is not None:
        candidates = [a for a in candidates if a.exists_on(on_date)]
    return sorted(candidates, key=lambda a: a.code)
