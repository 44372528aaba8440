"""Seeded generator of realistic news pages about councils' children's services.

Every article is a pure function of ``(seed, index)``: the benchmarks can render
page 17,342 of a 20,000-page site without holding the others in memory, and two
runs see the same bytes. Nothing generated is stored in git.

Articles read like the trade press: appointments, departures, Ofsted grades,
interventions and contracts, with the councils of the gazetteer
(``all_authorities()``), invented names and a lot of sentences that carry no
fact at all. Each article also knows the facts it states, so the load, search
and growth benchmarks can use a ``Document`` without running spaCy.

Four page templates differ the way real sites do (see ``TEMPLATES``): where the
date is (JSON-LD, ``<meta>``, visible text only, "Published: 21/07/2015 13:47"),
how the byline is marked, which wall a paywalled page shows, and the furniture
around the text (cookie and browser notices, adverts, related stories, comments).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import zlib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from html import escape
from xml.sax.saxutils import escape as xml_escape

from scrutiny.extract.authorities import Authority, all_authorities
from scrutiny.extract.models import Document, Event, Person, Rating

TEMPLATES = ("jsonld", "meta", "visible", "local")
ID_BASE = 1_000_000  # article ids are 7 digits, the last segment of every article URL
ARTICLE_ID = re.compile(r"[/-](\d{7})(?:\.article)?/?$")
PER_PAGE = 25  # articles per listing page
STATIC_PAGES = {"about": "About us", "contact": "Contact", "terms": "Terms and conditions", "privacy": "Privacy",
                "cookies": "Cookies", "subscribe": "Subscribe", "login": "Sign in"}

FIRST_NAMES = (
    "Alison", "Andrew", "Angela", "Ben", "Catherine", "Chris", "Claire", "Colin", "Daniel", "David",
    "Deborah", "Eleanor", "Emma", "Fiona", "Gareth", "Grace", "Hannah", "Helen", "Ian", "Jacqui",
    "James", "Jane", "Jenny", "John", "Jonathan", "Julie", "Karen", "Kate", "Kevin", "Laura", "Linda",
    "Lorraine", "Mark", "Martin", "Matthew", "Michael", "Nadia", "Neil", "Nicola", "Olu", "Paul", "Priya",
    "Rachel", "Rebecca", "Richard", "Robert", "Ruth", "Sally", "Samir", "Sarah", "Simon", "Sophie",
    "Stephen", "Steve", "Susan", "Tom", "Tracey", "Vikram", "Wendy", "Yvonne",
)  # fmt: skip
SURNAMES = (
    "Ahmed", "Ashworth", "Bailey", "Bennett", "Bradshaw", "Campbell", "Carter", "Chaudhry", "Clarke",
    "Coleman", "Cooper", "Dawson", "Dixon", "Edwards", "Ellis", "Fletcher", "Foster", "Gibson", "Graham",
    "Hall", "Hargreaves", "Harrison", "Hussain", "Jackson", "Jones", "Kaur", "Kennedy", "Lawson", "Lloyd",
    "Marsh", "Mason", "McCarthy", "Mitchell", "Moss", "Nolan", "Norris", "O'Brien", "Okafor", "Osei",
    "Palmer", "Patel", "Pearson", "Quinn", "Rahman", "Reid", "Richardson", "Robinson", "Shaw", "Singh",
    "Stevens", "Sutton", "Taylor", "Thornton", "Turner", "Walsh", "Warren", "Whitfield", "Williams",
    "Wright", "Young",
)  # fmt: skip
ROLES = (
    ("director of children's services", "director_childrens_services"),
    ("executive director of children's services", "director_childrens_services"),
    ("corporate director for children and families", "director_childrens_services"),
    ("strategic director of children, schools and families", "director_childrens_services"),
    ("assistant director for safeguarding", "assistant_director"),
    ("assistant director of children's social care", "assistant_director"),
    ("head of children's social care", "head_of_service"),
    ("chief executive", "chief_executive"),
    ("cabinet member for children's services", "lead_member"),
)
MINISTERS = (
    (2008, "Ed Balls"), (2010, "Michael Gove"), (2014, "Nicky Morgan"), (2016, "Justine Greening"),
    (2018, "Damian Hinds"), (2019, "Gavin Williamson"), (2021, "Nadhim Zahawi"), (2022, "Gillian Keegan"),
    (2024, "Bridget Phillipson"),
)  # fmt: skip
COMPANIES = ("Impower", "Achieving for Children", "Catch22", "Barnardo's", "Action for Children",
             "Core Assets", "Capita", "iMPOWER Consulting", "Frontline", "Mott MacDonald")
AREAS = (
    ("the experiences and progress of children in care", "children_in_care"),
    ("the experiences and progress of children who need help and protection", "help_and_protection"),
    ("the impact of leaders on social work practice with children and families", "leadership"),
    ("the experiences and progress of care leavers", "care_leavers"),
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
SECTIONS = ("News", "Social care", "Safeguarding", "Workforce", "Policy", "Leadership")
TAGS = ("Ofsted", "Intervention", "Recruitment", "Children in care", "Care leavers", "Commissioning",
        "Trusts", "Safeguarding", "Finance", "Fostering")

# Sentences that state nothing a reporter would extract: most of a real article.
FILLERS = (
    "Caseloads had risen to an average of {n} children per social worker, the report found.",
    "The council spent £{m}m on agency social workers last year, up from £{m2}m the year before.",
    "Inspectors found that too many children waited too long for an assessment of their needs.",
    "A spokesperson for {council} said the authority accepted the findings in full.",
    "{place} has {n3} children in care, a rate of {n} per 10,000 children.",
    "The number of child protection plans rose by {p}% over the same period.",
    "Leaders were praised for a stable workforce and a strong focus on the quality of practice.",
    "The council said it had recruited {n} permanent social workers since the spring.",
    "Partners including the police and health services have signed up to new safeguarding arrangements.",
    "Councillors will discuss the improvement plan at a meeting of the cabinet on {day_month}.",
    "The authority has set aside £{m}m over three years for its improvement programme.",
    "Staff turnover fell to {p}%, although vacancy rates remained above the national average.",
    "{person}, a senior practitioner in the authority, described the changes as long overdue.",
    "Ofsted will return for a monitoring visit within {small} months.",
    "The report said that management oversight of cases was inconsistent and often lacked rigour.",
    "Demand for early help services has increased sharply since {year}.",
    "Children told inspectors they felt listened to by their social workers.",
    "The council's budget for children's social care is £{m}m this year.",
    "Unions said the pressure on frontline staff was unsustainable.",
    "Placement sufficiency remains a challenge, with {p}% of children placed outside the area.",
    "The Local Government Association said councils faced a funding gap of £{m}bn by {year2}.",
    "Foster carer recruitment has been a priority, with {small} new households approved since April.",
    "The proportion of re-referrals within a year fell to {p}%, close to the national figure.",
    "Social workers said they now had more time to spend with families.",
    "The inspection found that children at risk of exploitation were not always identified quickly enough.",
    "Independent reviewing officers had raised concerns about drift in care planning.",
    "A new multi-agency safeguarding hub opened in {year} and handles about {n3} contacts a month.",
    "The council's overspend on children's services reached £{m}m in the last financial year.",
    "Several senior managers have left the authority over the past {small} years.",
    "The authority's own audits had identified many of the weaknesses before the inspection.",
    "Residential placements now cost the council an average of £{n3} a week per child.",
    "Health assessments for children entering care were not always completed on time.",
    "Most care leavers were in suitable accommodation and in touch with their personal advisers.",
    "Practice with disabled children was described as a strength.",
    "The report noted improvements in the timeliness of child protection conferences.",
    "Opposition councillors called for an independent review of the service.",
    "Elected members were said to have a good understanding of the challenges facing the service.",
    "The council has launched a recruitment campaign aimed at experienced social workers.",
)  # fmt: skip
SUBHEADS = ("Workforce pressures", "What inspectors found", "Next steps", "Improvement plan", "Background")
PULL_QUOTES = ("We know there is a lot more to do, but the direction of travel is clear.",
               "Children deserve better, and we are determined to give it to them.",
               "This is a workforce that has been stretched for a very long time.")
WALLS = {
    "jsonld": ("Register Now to Continue Reading",
               "Thank you for visiting. Register for free to read a limited number of articles each month."),
    "meta": ("This content is for subscribers only",
             "To continue reading this article and get unlimited access, subscribe today."),
    "visible": ("Register for free to keep reading", "Create a free account to read the rest of this story."),
    "local": ("Subscribe to keep reading", "Support local journalism: subscribe for unlimited access."),
}


@dataclass
class Article:
    """One generated news article: what the page shows and the facts its text states."""

    index: int
    template: str
    path: str
    title: str
    standfirst: str
    published: dt.date
    modified: dt.date | None
    authors: list[str]
    section: str
    tags: list[str]
    paragraphs: list[str]  # "## " starts a subheading, "> " a pull quote
    paywalled: bool
    people: list[Person] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def id(self) -> int:
        return ID_BASE + self.index

    @property
    def text(self) -> str:
        return "\n".join(p.lstrip("#> ").strip() for p in self.paragraphs)

    def document(self, origin: str = "https://news.example") -> Document:
        """The Document extraction should produce, facts included (evidence is verbatim text)."""
        return Document(
            url=origin + self.path, kind="article", source=f"bench-{self.template}", title=self.title,
            published=self.published.isoformat(), authors=list(self.authors), paywalled=self.paywalled,
            text=self.text, people=list(self.people), ratings=list(self.ratings), events=list(self.events),
            section=self.section, description=self.standfirst or None, language="en",
        )


@cache
def _councils() -> tuple[Authority, ...]:
    return tuple(a for a in all_authorities() if not a.abolished)


def _council_name(authority: Authority) -> str:
    return authority.council or f"{authority.name} Council"


def _grade(rng: random.Random, year: int) -> tuple[str, str]:
    if year < 2014:
        return rng.choice((("outstanding", "outstanding"), ("good", "good"), ("adequate", "adequate"),
                           ("inadequate", "inadequate")))
    return rng.choice((("outstanding", "outstanding"), ("good", "good"),
                       ("requires improvement to be good", "requires_improvement"), ("inadequate", "inadequate")))


def _minister(year: int) -> str:
    return [name for start, name in MINISTERS if start <= year][-1]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def _month_year(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def _day_month(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z]+", "-", text.lower().replace("'", "").replace("’", "")).strip("-")[:80]


class _Story:
    """Builds one article's fact sentences, recording each fact with its sentence as evidence."""

    def __init__(self, rng: random.Random, council: Authority, published: dt.date) -> None:
        self.rng, self.council, self.published = rng, council, published
        self.people: list[Person] = []
        self.ratings: list[Rating] = []
        self.events: list[Event] = []

    def _when(self) -> tuple[str, str]:
        """A recent past month as printed and as a fact date."""
        back = self.published - dt.timedelta(days=self.rng.randint(20, 300))
        return _month_year(back), back.isoformat()[:7]

    def appointment(self) -> tuple[str, str]:
        name, (role, category) = _person(self.rng), self.rng.choice(ROLES[:4])
        org = _council_name(self.council)
        sentence = f"{org} has appointed {name} as its new {role}."
        self.people.append(Person(name, role, category, org, self.council.code, "incoming", False, sentence))
        self.events.append(Event("appointment", name, org, self.council.code, None, "done",
                                 self.published.isoformat()[:7], sentence))
        return sentence, f"{self.council.name} appoints new {role}"

    def interim(self) -> tuple[str, str]:
        name, old = _person(self.rng), _person(self.rng)
        role, category = self.rng.choice(ROLES[:4])
        org, (month, date) = _council_name(self.council), self._when()
        sentence = f"{name} has been named interim {role} at {org}, replacing {old}, who left in {month}."
        code = self.council.code
        self.people += [Person(name, f"interim {role}", category, org, code, "current", True, sentence),
                        Person(old, role, category, org, code, "former", False, sentence)]
        self.events += [Event("appointment", name, org, code, None, "done", self.published.isoformat()[:7], sentence),
                        Event("departure", old, org, code, None, "done", date, sentence)]
        return sentence, f"Interim {role.split(' of ')[0]} named at {self.council.name}"

    def departure(self) -> tuple[str, str]:
        name, (role, category) = _person(self.rng), self.rng.choice(ROLES)
        years = self.rng.randint(2, 11)
        sentence = f"{name} is to step down as {role} at {self.council.name} after {years} years in the post."
        self.people.append(Person(name, role, category, self.council.name, self.council.code, "current", False,
                                  sentence))
        self.events.append(Event("departure", name, self.council.name, self.council.code, None, "proposed",
                                 self.published.isoformat()[:7], sentence))
        return sentence, f"{name} to leave {self.council.name}"

    def rating(self) -> tuple[str, str]:
        printed, grade = _grade(self.rng, self.published.year)
        month, date = self._when()
        sentence = (f"Ofsted rated {self.council.name}'s children's services {printed} overall "
                    f"following an inspection in {month}.")
        self.ratings.append(Rating(self.council.name, self.council.code, "overall", "overall", grade, date, sentence))
        area, category = self.rng.choice(AREAS)
        printed2, grade2 = _grade(self.rng, self.published.year)
        second = f"Inspectors judged {area} to be {printed2}."
        self.ratings.append(Rating(self.council.name, self.council.code, area, category, grade2, date, second))
        return f"{sentence} {second}", f"{self.council.name} children's services rated {printed}"

    def notice(self) -> tuple[str, str]:
        month, date = self._when()
        sentence = f"The Department for Education issued {self.council.name} with an improvement notice in {month}."
        self.events.append(Event("intervention", None, self.council.name, self.council.code,
                                 "improvement_notice", "done", date, sentence))
        return sentence, f"DfE issues improvement notice to {self.council.name}"

    def commissioner(self) -> tuple[str, str]:
        name, minister = _person(self.rng), _minister(self.published.year)
        when = _day_month(self.published - dt.timedelta(days=self.rng.randint(1, 6)))
        sentence = (f"Education secretary {minister} appointed {name} as children's services commissioner "
                    f"for {self.council.name} on {when}.")
        date, code = self.published.isoformat()[:7], self.council.code
        self.people += [
            Person(name, "children's services commissioner", "commissioner", self.council.name, code, "current",
                   False, sentence),
            Person(minister, "education secretary", "minister", "Department for Education", None, "current",
                   False, sentence),
        ]
        self.events += [Event("appointment", name, self.council.name, code, None, "done", date, sentence),
                        Event("intervention", None, self.council.name, code, "commissioner", "done", date, sentence)]
        return sentence, f"Commissioner sent into {self.council.name} children's services"

    def trust(self) -> tuple[str, str]:
        sentence = (f"Children's services in {self.council.name} will be run by an independent trust, "
                    f"the Department for Education said.")
        self.events.append(Event("intervention", None, self.council.name, self.council.code, "trust", "done",
                                 self.published.isoformat()[:7], sentence))
        return sentence, f"{self.council.name} to lose control of children's services to a trust"

    def lifted(self) -> tuple[str, str]:
        month, date = self._when()
        sentence = (f"The improvement notice on {self.council.name} was lifted in {month} after inspectors "
                    f"found services had improved.")
        self.events.append(Event("intervention", None, self.council.name, self.council.code, "lifted", "done",
                                 date, sentence))
        return sentence, f"Improvement notice lifted at {self.council.name}"

    def contract(self) -> tuple[str, str]:
        company, amount = self.rng.choice(COMPANIES), self.rng.randint(2, 40)
        sentence = f"{self.council.name} has awarded a £{amount}m contract to {company} to run its fostering service."
        self.events.append(Event("contract", None, company, self.council.code, None, "done",
                                 self.published.isoformat()[:7], sentence))
        return sentence, f"{self.council.name} outsources fostering to {company}"

    KINDS = ("appointment", "interim", "departure", "rating", "notice", "commissioner", "trust", "lifted",
             "contract")


def _filler(rng: random.Random, pattern: str, council: Authority, published: dt.date) -> str:
    return pattern.format(
        n=rng.randint(12, 95), n3=rng.randint(180, 1400), m=rng.randint(2, 60), m2=rng.randint(2, 40),
        p=rng.randint(3, 45), small=rng.randint(2, 9), council=_council_name(council), place=council.name,
        person=_person(rng), year=published.year - rng.randint(1, 4), year2=published.year + rng.randint(1, 4),
        day_month=_day_month(published + dt.timedelta(days=rng.randint(5, 40))),
    )


def _path(template: str, index: int, title: str, published: dt.date) -> str:
    slug, article_id = _slug(title), ID_BASE + index
    if template == "jsonld":
        return f"/news/article/{slug}-{article_id}"
    if template == "meta":
        return f"/services/children/{slug}/{article_id}.article"
    if template == "visible":
        return f"/{published:%Y/%m/%d}/{slug}-{article_id}/"
    return f"/news/politics/council/{slug}-{article_id}"


def make_article(index: int, seed: int = 0) -> Article:
    """Article ``index`` of the site generated from ``seed``; same arguments, same article."""
    rng = random.Random(f"scrutiny-bench:{seed}:{index}")
    template = TEMPLATES[index % len(TEMPLATES)]
    council = rng.choice(_councils())
    published = dt.date(2008, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 18))
    story = _Story(rng, council, published)
    kinds = rng.sample(_Story.KINDS, rng.randint(1, 3))
    facts = [getattr(story, kind)() for kind in kinds]
    title = facts[0][1][:1].upper() + facts[0][1][1:]
    fillers = iter(rng.sample(FILLERS, len(FILLERS)) * 3)  # no sentence twice until all are used
    paragraphs: list[str] = []
    for sentence, _ in facts:
        paragraphs.append(sentence)
        for _ in range(rng.randint(4, 7)):
            paragraphs.append(" ".join(_filler(rng, next(fillers), council, published)
                                       for _ in range(rng.randint(1, 4))))
        if rng.random() < 0.3:
            paragraphs.append("## " + rng.choice(SUBHEADS))
    if rng.random() < 0.25:
        paragraphs.insert(rng.randint(2, len(paragraphs) - 1), "> " + rng.choice(PULL_QUOTES))
    paywalled = rng.random() < 0.25
    if paywalled:
        paragraphs = paragraphs[: max(3, len(paragraphs) // 3)]
    while paragraphs[-1].startswith(("## ", "> ")):
        paragraphs.pop()
    modified = published + dt.timedelta(days=rng.randint(1, 30)) if rng.random() < 0.3 else None
    return Article(
        index=index, template=template, path=_path(template, index, title, published), title=title,
        standfirst=_filler(rng, rng.choice(FILLERS), council, published) if rng.random() < 0.7 else "", published=published,
        modified=modified, authors=[_person(rng) for _ in range(rng.choice((0, 1, 1, 1, 2)))],
        section=rng.choice(SECTIONS), tags=rng.sample(TAGS, rng.randint(0, 3)), paragraphs=paragraphs,
        paywalled=paywalled, people=story.people, ratings=story.ratings, events=story.events,
    )


def article_index(path: str) -> int | None:
    """The index of the article at ``path``, or None when the path is not an article's."""
    found = ARTICLE_ID.search(path)
    return int(found.group(1)) - ID_BASE if found else None


# ---------------------------------------------------------------------------
# Rendering: four templates, each with the furniture of a real site
# ---------------------------------------------------------------------------


def _body_html(article: Article) -> str:
    out = []
    for para in article.paragraphs:
        if para.startswith("## "):
            out.append(f"<h2>{escape(para[3:])}</h2>")
        elif para.startswith("> "):
            out.append(f'<blockquote class="pullquote"><p>{escape(para[2:])}</p></blockquote>')
        else:
            out.append(f"<p>{escape(para)}</p>")
    return "\n    ".join(out)


@lru_cache(maxsize=32_768)
def cached_article(index: int, seed: int = 0) -> Article:
    """``make_article`` remembered: a site renders each article in several places. Treat as read-only."""
    return make_article(index, seed)


def _related(article: Article, count: int, seed: int, total: int) -> list[Article]:
    step = 1 + article.index % 7
    return [cached_article((article.index + step * k) % total, seed) for k in range(1, count + 1)
            if (article.index + step * k) % total != article.index]


def _wall(article: Article, css: str) -> str:
    if not article.paywalled:
        return ""
    heading, prompt = WALLS[article.template]
    return (f'<div class="{css}" id="paywall"><h3>{escape(heading)}</h3><p>{escape(prompt)}</p>'
            f'<a class="button" href="/subscribe/">Subscribe</a> <a href="/login/">Sign in</a></div>')


def _notices() -> str:
    return (
        '<div id="browserWarning" class="sitemessage sitemessage--browser"><h3>Your browser is no longer '
        "supported</h3><p>For the best possible experience using our website we recommend you upgrade to a "
        "newer version or another browser.</p></div>\n"
        '<div id="cookieMessage" class="sitemessage sitemessage--consent"><p>We use cookies to personalise '
        'content and to analyse our traffic. <a href="/cookies/">Learn more</a></p>'
        '<button type="button" class="close">Accept</button></div>'
    )


def _nav(site: str) -> str:
    links = "".join(f'<li><a href="/news/page/{k}/">{s}</a></li>' for k, s in enumerate(SECTIONS, 1))
    return (f'<header id="masthead"><a id="logo" href="/">{escape(site)}</a><form class="search" action="/search/">'
            f'<input name="q" aria-label="Search"></form></header><nav id="mainNav" aria-label="Main">'
            f'<ul><li><a href="/">Home</a></li><li><a href="/news/page/1/">Latest news</a></li>{links}</ul></nav>')


def _footer(site: str, year: int) -> str:
    return (f'<footer id="footer"><ul><li><a href="/about/">About us</a></li><li><a href="/contact/">Contact'
            f'</a></li><li><a href="/terms/">Terms and conditions</a></li><li><a href="/privacy/">Privacy</a></li>'
            f'</ul><p>&copy; {year} {escape(site)}. All rights reserved.</p></footer>')


def _sidebar(related: list[Article]) -> str:
    items = "".join(f'<li><a href="{a.path}">{escape(a.title)}</a> <span class="date">{_day_month(a.published)} '
                    f"{a.published.year}</span></li>" for a in related)
    return (f'<aside class="sidebar"><div class="widget widget--popular"><h3>Most read</h3><ul>{items}</ul></div>'
            '<div class="widget widget--jobs"><h3>Jobs</h3><p>Director of children\'s services, '
            'competitive salary</p></div><div class="widget newsletter"><h3>Newsletter</h3><p>Get the daily '
            'bulletin in your inbox.</p><form><input type="email" aria-label="Email"></form></div>'
            '<div class="advert advert--mpu"><span>Advertisement</span></div></aside>')


def _page(title: str, site: str, head: str, body: str, body_class: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)} | {escape(site)}</title>\n{head}\n"
            f'<script>var dataLayer = [{{"pageType": "{body_class}"}}];</script>\n</head>\n'
            f'<body class="{body_class}">\n{body}\n</body>\n</html>\n')


def _authors_html(article: Article, pattern: str) -> str:
    return ", ".join(pattern.format(name=escape(a), slug=_slug(a)) for a in article.authors)


def _render_jsonld(article: Article, origin: str, related: list[Article]) -> str:
    """CYP Now-like: JSON-LD NewsArticle plus a visible US-style date and a plain byline link."""
    site, url = "Children & Young Services Weekly", origin + article.path
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
          "datePublished": f"{article.published.isoformat()}T08:00:00+00:00",
          "author": [{"@type": "Person", "name": a} for a in article.authors],
          "publisher": {"@type": "Organization", "name": site}, "mainEntityOfPage": url,
          "isAccessibleForFree": not article.paywalled, "articleSection": article.section}
    if article.modified:
        ld["dateModified"] = f"{article.modified.isoformat()}T10:30:00+00:00"
    head = (f'<link rel="canonical" href="{url}">\n<meta name="description" content="{escape(article.standfirst)}">\n'
            f'<meta property="og:type" content="article">\n<meta property="og:title" content="{escape(article.title)}">\n'
            f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    byline = _authors_html(article, '<a href="/authors/{slug}/">{name}</a>')
    day = article.published
    body = (f'{_notices()}\n{_nav(site)}\n<main id="content"><article class="article">'
            f'<div class="article__section"><a href="/topics/{_slug(article.section)}/">{escape(article.section)}</a></div>'
            f'<h1 class="article__title">{escape(article.title)}</h1>'
            + (f'<p class="article__standfirst">{escape(article.standfirst)}</p>' if article.standfirst else "")
            + f'<div class="article__meta"><span class="article__author">{byline}</span> '
            f'<span class="article__date">{day:%A}, {MONTHS[day.month - 1]} {day.day}, {day.year}</span></div>'
            f'<div class="article__body">\n    {_body_html(article)}\n  </div>{_wall(article, "paywall-box")}'
            f'<div class="article__tags">{"".join(f"<a href=/tags/{_slug(t)}/>{escape(t)}</a> " for t in article.tags)}</div>'
            f'</article>{_sidebar(related)}</main>\n{_footer(site, day.year)}')
    return _page(article.title, site, head, body, "article-page")


def _render_meta(article: Article, origin: str, related: list[Article]) -> str:
    """LGC-like: only ``article:published_time`` and ``<time datetime>``; ``rel=author`` byline."""
    site, url = "Local Government Weekly", origin + article.path
    stamp = f"{article.published.isoformat()}T09:30:00+01:00"
    head = (f'<link rel="canonical" href="{url}">\n<meta name="description" content="{escape(article.standfirst)}">\n'
            f'<meta property="og:type" content="article">\n<meta property="og:site_name" content="{site}">\n'
            f'<meta property="article:published_time" content="{stamp}">\n'
            f'<meta property="article:section" content="{escape(article.section)}">')
    byline = _authors_html(article, '<a rel="author" class="byline__name" href="/authors/{slug}/">{name}</a>')
    rel = "".join(f'<li><a href="{a.path}">{escape(a.title)}</a> <time datetime="{a.published.isoformat()}">'
                  f"{a.published.day} {MONTHS[a.published.month - 1]}, {a.published.year}</time></li>" for a in related)
    day = article.published
    body = (f'{_notices()}\n<div id="wrapper">{_nav(site)}<div class="advert advert--leaderboard">'
            f'<span class="advert__label">Advertisement</span></div><div id="content" class="layout">'
            f'<div class="storyDetail"><div class="storyDetail__kicker">{escape(article.section)}</div>'
            f'<h1 class="storyDetail__headline">{escape(article.title)}</h1>'
            + (f'<p class="storyDetail__standfirst">{escape(article.standfirst)}</p>' if article.standfirst else "")
            + f'<div class="storyDetail__meta"><span class="storyDetail__byline">{byline}</span> '
            f'<time class="storyDetail__date" datetime="{stamp}">{day.day} {MONTHS[day.month - 1]}, {day.year}</time></div>'
            '<ul class="storyDetail__tools"><li class="commentCount"><a href="#comments">Comment</a></li>'
            '<li><a href="https://twitter.com/intent/tweet">Tweet</a></li><li><a href="#print">Print</a></li></ul>'
            f'<div class="storytext">\n    {_body_html(article)}\n  </div>{_wall(article, "paywallBox")}'
            f'<div class="relatedStories"><h3>More from us</h3><ul>{rel}</ul></div>'
            '<div id="comments" class="comments"><h3>Have your say</h3><p>You must <a href="/login/">sign in</a> '
            f'to make a comment</p></div></div></div></div>\n{_footer(site, day.year)}')
    return _page(article.title, site, head, body, "article-page lgc")


def _render_visible(article: Article, origin: str, related: list[Article]) -> str:
    """Community Care-like WordPress: the date only as visible text, "by X", dated reader comments."""
    site, url = "Social Work Today", origin + article.path
    head = (f'<link rel="canonical" href="{url}">\n<meta property="og:type" content="article">\n'
            f'<meta property="og:title" content="{escape(article.title)}">\n'
            "<link rel='stylesheet' href='/wp-content/themes/swt/style.css' type='text/css' media='all'>")
    day = article.published
    byline = " and ".join(f'<a href="/author/{_slug(a)}/" rel="author">{escape(a)}</a>' for a in article.authors)
    comments = "".join(
        f'<li class="comment"><div class="comment-author">{escape(a.authors[0] if a.authors else "Anonymous")}</div>'
        f'<div class="comment-meta">{a.published.day} {MONTHS[a.published.month - 1]} {a.published.year} at 7:41 pm'
        f'</div><p>{escape(a.paragraphs[-1][:160])}</p></li>' for a in related[:2])
    posts = "".join(f'<li><a href="{a.path}">{escape(a.title)}</a><span class="posted-on">{a.published.day} '
                    f"{MONTHS[a.published.month - 1]} {a.published.year}</span></li>" for a in related)
    body = (f'{_notices()}\n<div id="page" class="site">{_nav(site)}<div id="primary" class="content-area">'
            f'<article id="post-{article.id}" class="post type-post status-publish format-standard hentry">'
            f'<header class="entry-header"><h1 class="entry-title">{escape(article.title)}</h1>'
            f'<div class="entry-meta"><span class="byline">by {byline}</span> <span class="posted-on">'
            f"{day.day} {MONTHS[day.month - 1]} {day.year}</span></div></header>"
            + (f'<p class="excerpt">{escape(article.standfirst)}</p>' if article.standfirst else "")
            + f'<div class="entry-content">\n    {_body_html(article)}\n  </div>{_wall(article, "regwall")}'
            f'<footer class="entry-footer"><span class="cat-links">Posted in {escape(article.section)}</span></footer>'
            f'</article><div class="related-posts"><h3>Related posts</h3><ul>{posts}</ul></div>'
            f'<div id="comments" class="comments-area"><h2 class="comments-title">{len(related[:2])} Responses to '
            f'&ldquo;{escape(article.title)}&rdquo;</h2><ol class="comment-list">{comments}</ol></div></div>'
            f"{_sidebar(related)}</div>\n{_footer(site, day.year)}")
    return _page(article.title, site, head, body, "post-template-default single single-post")


def _render_local(article: Article, origin: str, related: list[Article]) -> str:
    """Local-paper-like: "Published: 21/07/2015 13:47", og tags, consent dialog, "Hide Ad" slots."""
    site, url = "The Northern Echo Gazette", origin + article.path
    head = (f'<link rel="canonical" href="{url}">\n<meta property="og:type" content="article">\n'
            f'<meta property="og:title" content="{escape(article.title)}">\n'
            f'<meta property="og:url" content="{url}">'
            + (f'\n<meta property="og:description" content="{escape(article.standfirst)}">' if article.standfirst else ""))
    day = article.published
    byline = ", ".join(escape(a) for a in article.authors)
    updated = (f'<span class="updated">Updated: {article.modified:%d/%m/%Y} 16:02</span>' if article.modified else "")
    paras = _body_html(article).split("\n    ")
    ad = '<div class="ad-slot"><span>Advertisement</span><button>Hide Ad</button></div>'
    text = "\n    ".join(p + (ad if k % 4 == 3 else "") for k, p in enumerate(paras))
    body = ('<div role="dialog" class="consent-dialog"><p>We and our partners use cookies to store and access '
            'information on your device.</p><button>I accept</button><button>Manage preferences</button></div>\n'
            f'{_nav(site)}<main><div class="article-header"><h1>{escape(article.title)}</h1>'
            + (f'<h2 class="standfirst">{escape(article.standfirst)}</h2>' if article.standfirst else "")
            + (f'<div class="author">By {byline}</div>' if byline else "")
            + f'<div class="article-dates"><span>Published: {day:%d/%m/%Y} 13:47</span> {updated}</div></div>'
            f'<div class="article-content">\n    {text}\n  </div>{_wall(article, "paywall")}'
            '<div class="newsletter-signup"><h3>Get the latest news</h3><p>Sign up to our daily newsletter</p></div>'
            f"{_sidebar(related)}</main>\n{_footer(site, day.year)}")
    return _page(article.title, site, head, body, "article local")


RENDERERS = {"jsonld": _render_jsonld, "meta": _render_meta, "visible": _render_visible, "local": _render_local}


def render_article(article: Article, origin: str, *, seed: int = 0, total: int = 1000) -> str:
    """The article's page as served at ``origin + article.path``; related links stay within ``total``."""
    return RENDERERS[article.template](article, origin, _related(article, 4, seed, total))


# ---------------------------------------------------------------------------
# A whole site: home, listing pages, articles, sitemap, robots.txt
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """``size`` generated articles, rendered on demand for any path of the site."""

    size: int
    seed: int = 0
    name: str = "Children's Services News"

    def article(self, index: int) -> Article:
        return cached_article(index, self.seed)

    def article_paths(self) -> list[str]:
        return [self.article(i).path for i in range(self.size)]

    @property
    def listing_pages(self) -> int:
        return max(1, -(-self.size // PER_PAGE))

    def listing(self, page: int, origin: str) -> str:
        start = (page - 1) * PER_PAGE
        items = "".join(
            f'<li class="listing__item"><a href="{a.path}">{escape(a.title)}</a> <span class="date">'
            f'{_day_month(a.published)} {a.published.year}</span></li>'
            for a in (self.article(i) for i in range(start, min(start + PER_PAGE, self.size)))
        )
        pager = "".join(
            f'<a class="pager__{rel}" href="/news/page/{n}/">{label}</a> '
            for rel, n, label in (("prev", page - 1, "Previous"), ("next", page + 1, "Next"))
            if 1 <= n <= self.listing_pages
        )
        body = (f'{_nav(self.name)}<main><h1>Latest news</h1><ul class="listing">{items}</ul>'
                f'<div class="pager">{pager}</div></main>{_footer(self.name, 2025)}')
        head = f'<link rel="canonical" href="{origin}/news/page/{page}/">'
        return _page(f"Latest news, page {page}", self.name, head, body, "listing")

    def taxonomy_paths(self) -> list[str]:
        """Author, tag and topic pages the articles link to."""
        paths: dict[str, None] = {}
        for i in range(self.size):
            a = self.article(i)
            for name in a.authors:
                paths[f"/authors/{_slug(name)}/"] = paths[f"/author/{_slug(name)}/"] = None
            for tag in a.tags:
                paths[f"/tags/{_slug(tag)}/"] = None
            paths[f"/topics/{_slug(a.section)}/"] = None
        return list(paths)

    def paths(self) -> list[str]:
        """Every page of the site that answers 200."""
        listings = [f"/news/page/{n}/" for n in range(1, self.listing_pages + 1)]
        static = [f"/{name}/" for name in STATIC_PAGES]
        return ["/", "/robots.txt", "/sitemap.xml", *listings, *static, *self.taxonomy_paths(),
                *self.article_paths()]

    def taxonomy(self, kind: str, slug: str, origin: str) -> str:
        """An author, tag or topic page: a few articles, picked by the slug (not by their content)."""
        start = zlib.crc32(slug.encode())
        items = "".join(
            f'<li><a href="{a.path}">{escape(a.title)}</a></li>'
            for a in (self.article((start + k * 7919) % self.size) for k in range(min(10, self.size)))
        )
        body = (f'{_nav(self.name)}<main><h1>{escape(slug.replace("-", " ").title())}</h1>'
                f'<ul class="listing">{items}</ul></main>{_footer(self.name, 2025)}')
        head = f'<link rel="canonical" href="{origin}/{kind}/{slug}/">'
        return _page(slug.replace("-", " ").title(), self.name, head, body, "taxonomy")

    def static(self, name: str, origin: str) -> str:
        body = (f"{_nav(self.name)}<main><h1>{escape(STATIC_PAGES[name])}</h1><p>{escape(self.name)} covers "
                f"children's services in England.</p></main>{_footer(self.name, 2025)}")
        return _page(STATIC_PAGES[name], self.name, f'<link rel="canonical" href="{origin}/{name}/">', body, "page")

    def home(self, origin: str) -> str:
        return self.listing(1, origin).replace(f"{origin}/news/page/1/", f"{origin}/")

    def sitemap(self, origin: str) -> str:
        urls = []
        for i in range(self.size):
            a = self.article(i)
            urls.append(f"<url><loc>{xml_escape(origin + a.path)}</loc><lastmod>"
                        f"{(a.modified or a.published).isoformat()}</lastmod></url>")
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                + "\n".join(urls) + "</urlset>\n")

    def robots(self, origin: str) -> str:
        return f"User-agent: *\nDisallow: /login/\nDisallow: /search/\n\nSitemap: {origin}/sitemap.xml\n"

    def page(self, path: str, origin: str) -> tuple[int, str, str]:
        """(status, content type, body) of ``path`` on this site."""
        html = "text/html; charset=utf-8"
        path = path.split("?")[0].split("#")[0]
        if path in ("/", "/index.html"):
            return 200, html, self.home(origin)
        if path == "/robots.txt":
            return 200, "text/plain", self.robots(origin)
        if path == "/sitemap.xml":
            return 200, "application/xml", self.sitemap(origin)
        listing = re.fullmatch(r"/news/page/(\d+)/?", path)
        if listing and 1 <= int(listing.group(1)) <= self.listing_pages:
            return 200, html, self.listing(int(listing.group(1)), origin)
        taxonomy = re.fullmatch(r"/(authors?|tags|topics)/([a-z-]+)/", path)
        if taxonomy:
            return 200, html, self.taxonomy(taxonomy.group(1), taxonomy.group(2), origin)
        static = re.fullmatch(r"/([a-z]+)/", path)
        if static and static.group(1) in STATIC_PAGES:
            return 200, html, self.static(static.group(1), origin)
        index = article_index(path)
        if index is not None and 0 <= index < self.size:
            article = self.article(index)
            if article.path == path:
                return 200, html, render_article(article, origin, seed=self.seed, total=self.size)
        return 404, html, _page("Page not found", self.name, "", "<h1>Page not found</h1>", "error404")
