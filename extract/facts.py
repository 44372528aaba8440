"""Facts from article text: the people, Ofsted ratings and events a story states.

``add_facts(documents)`` runs the shared spaCy pipeline (``nlp.load_nlp``) over
every article in batches and fills ``people``, ``ratings`` and ``events`` from
its text, dates resolved against ``published``. Reports are left alone: the
Ofsted parser fills theirs. The rules live in one module per fact type
(``posts``, ``grades``, ``events``); this module runs them and merges what
several sentences say about the same fact into one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from scrutiny.extract.authorities import fold
from scrutiny.extract.coref import Story
from scrutiny.extract.models import Document, Event, Person, Rating
from scrutiny.extract.relative_dates import precision_of

FACTS_KEY = "scrutiny_facts"
CONTEXT_KEYS = ("published", "title", "authors", "url")

log = logging.getLogger(__name__)


def add_facts(documents: list[Document], *, nlp: Language | None = None, batch_size: int = 32,
              n_process: int = 1) -> None:
    """Fill the facts of every article in place (one pass of ``nlp.pipe`` over all of them).

    The rules run inside the pipeline (the ``scrutiny_facts`` component), so with
    ``n_process`` > 1 they run in the worker processes too; a pipeline without that
    component gets its facts here instead.
    """
    articles = [d for d in documents if d.kind == "article" and d.text and d.text.strip()]
    if not articles:
        return
    if nlp is None:
        from scrutiny.extract.nlp import load_nlp

        nlp = load_nlp(processes_hint=n_process)

    def inputs() -> Iterable[Doc]:
        for document in articles:
            doc = nlp.make_doc(parseable(document.text, nlp.max_length))
            for key in CONTEXT_KEYS:
                doc.user_data[key] = getattr(document, key)
            yield doc

    for document, doc in zip(articles, nlp.pipe(inputs(), batch_size=batch_size, n_process=n_process),
                             strict=True):
        found = doc.user_data.get(FACTS_KEY)
        if found is None:
            people, ratings, events = safe_facts_of(doc, document)
        else:
            people = [Person(**p) for p in found["people"]]
            ratings = [Rating(**r) for r in found["ratings"]]
            events = [Event(**e) for e in found["events"]]
        document.people, document.ratings, document.events = people, ratings, events


def parseable(text: str, limit: int) -> str:
    """The text, or for a text longer than spaCy will parse, its opening paragraphs up to the limit
    (facts come from what was parsed; their evidence is still verbatim in the whole text)."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    return text[:cut if cut > 0 else limit]


class FactsComponent:
    """The fact rules as the last pipeline component: facts in ``doc.user_data["scrutiny_facts"]``
    as plain dicts, which survive the trip back from ``nlp.pipe``'s worker processes."""

    def __call__(self, doc: Doc) -> Doc:
        document = Document(url=doc.user_data.get("url") or "", text=doc.text,
                            published=doc.user_data.get("published"), title=doc.user_data.get("title"),
                            authors=list(doc.user_data.get("authors") or ()))
        people, ratings, events = safe_facts_of(doc, document)
        doc.user_data[FACTS_KEY] = {
            "people": [p.as_dict() for p in people],
            "ratings": [r.as_dict() for r in ratings],
            "events": [e.as_dict() for e in events],
        }
        return doc


def safe_facts_of(doc: Doc, document: Document) -> tuple[list[Person], list[Rating], list[Event]]:
    """``facts_of``, but a rule that fails on one odd document costs that document's facts, not the batch."""
    try:
        return facts_of(doc, document)
    except Exception:  # a rule bug must not sink the other documents of the batch
        log.exception("fact rules failed on %s", document.url or "a document")
        return [], [], []


def facts_of(doc: Doc, document: Document) -> tuple[list[Person], list[Rating], list[Event]]:
    """The facts of one parsed article."""
    from scrutiny.extract.events import find_events
    from scrutiny.extract.grades import find_ratings
    from scrutiny.extract.posts import find_holdings

    story = Story(doc, published=document.published, title=document.title, authors=document.authors)
    holdings = find_holdings(story)
    events = merge_dated(find_events(story, holdings), key=event_key)
    people = merge_people(holdings)
    ratings = merge_dated(find_ratings(story), key=rating_key)
    return people, ratings, events


def merge_people(holdings) -> list[Person]:
    """One fact per (person, post category, organisation); an explicit status beats a default one."""
    merged: dict[tuple, tuple[Person, bool]] = {}
    for h in holdings:
        if h.org is None:
            continue
        key = (fold(h.name), h.category, h.org.code or fold(h.org.name))
        person = Person(
            name=h.name, role=h.role, role_category=h.category, organisation=h.org.name,
            authority_code=h.org.code, status=h.status, acting=h.acting, evidence=h.sentence.text.strip(),
        )
        if key not in merged:
            merged[key] = (person, h.explicit_status)
            continue
        kept, explicit = merged[key]
        if h.explicit_status and not explicit:
            kept.status = h.status
            merged[key] = (kept, True)
        kept.acting = kept.acting or h.acting
    people = [p for p, _ in merged.values()]
    settle_statuses(people, holdings)
    return people


def settle_statuses(people: list[Person], holdings) -> None:
    """Earlier posts at the same organisation are former once a later one is current."""
    by_person: dict[tuple[str, str], list[Person]] = {}
    for p in people:
        by_person.setdefault((fold(p.name), p.authority_code or fold(p.organisation or "")), []).append(p)
    explicit = {(fold(h.name), h.category) for h in holdings if h.explicit_status}
    for group in by_person.values():
        if len(group) < 2:
            continue
        current = [p for p in group if p.status == "current"]
        if len(current) < 2:
            continue
        latest = max(current, key=lambda p: _appointment_order(p, holdings))
        for p in current:
            if p is not latest and (fold(p.name), p.role_category) not in explicit:
                p.status = "former"


def _appointment_order(person: Person, holdings) -> tuple:
    for h in holdings:
        if h.name == person.name and h.category == person.role_category and h.appointed_on is not None:
            return (1, h.appointed_on)
    return (2 if person.acting else 0, "")


def event_key(event: Event) -> tuple:
    who = fold(event.person) if event.person else (event.authority_code or fold(event.organisation or ""))
    return (event.type, event.intervention, event.status, who)


def rating_key(rating: Rating) -> tuple:
    return (rating.authority_code, rating.area_category, rating.grade)


def merge_dated(found: list, *, key) -> list:
    """Candidates that agree but for the date become one fact.

    Each candidate has ``.event`` or ``.rating`` and ``.weak`` (its date is only the
    publication month of a present-perfect verb). A weak date gives way to a stated
    date of the same fact within two months of it ("has confirmed X as acting
    director" and "X stepped up last month" are one appointment); dates that agree
    (one a prefix of the other) merge into the more precise; different stated dates
    stay separate facts.
    """
    facts = [(getattr(f, "event", None) or f.rating, f.weak) for f in found]
    stated: dict[tuple, list[str]] = {}
    for fact, weak in facts:
        if not weak and fact.date:
            stated.setdefault(key(fact), []).append(fact.date)
    out: list = []
    for fact, weak in facts:
        if weak and any(_close(fact.date, other) for other in stated.get(key(fact), [])):
            fact.date = None
        same = [f for f in out if key(f) == key(fact) and _dates_agree(f.date, fact.date)]
        if not same:
            out.append(fact)
            continue
        kept = same[0]
        if precision_of(fact.date) > precision_of(kept.date):
            kept.date, kept.evidence = fact.date, fact.evidence
    return out


def _close(weak: str | None, stated: str) -> bool:
    """Whether a weak month and a stated date could be the same happening (two months apart at most)."""
    if not weak:
        return True
    if len(stated) == 4:
        return weak[:4] == stated
    months = lambda value: int(value[:4]) * 12 + int(value[5:7])  # noqa: E731
    return abs(months(weak[:7]) - months(stated[:7])) <= 2


def _dates_agree(a: str | None, b: str | None) -> bool:
    a, b = a or "", b or ""
    return a.startswith(b) or b.startswith(a)
