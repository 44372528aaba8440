"""Events: appointments, departures, suspensions, interventions and contracts, with their dates.

People events come from the verbs that start or end a post ("appointed Richard
Hubbard as", "has resigned", "was removed from her post", "announced their
resignations", "the departure of Tim Aldridge") and from posts held "since" a
date. Interventions come from the words of government action on a council
("issued with an improvement notice", "minded to issue a statutory
direction", "appointed commissioner", "handed to an independent trust",
"appointed as expert adviser", "the notice was lifted"); contracts from a
council hiring a named company ("appointed private company Impower").

Every event is dated from its own clause ("in November", "last week"), else
from the clause it hangs on ("South stepped up last month, when Aldridge took
up his new post"), else, for a present-perfect news verb ("has resigned"),
the month of publication, which counts as a weak date that a stated date of
the same event overrides. Speculation, plans, calls to resign and negated
verbs give nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from scrutiny.extract.clauses import (
    in_clause,
    is_future,
    is_hedged,
    is_modal,
    is_negated,
    is_perfect,
    parent_for_time,
    predicate,
    subjects,
)
from scrutiny.extract.coref import Org, Story, is_overseer
from scrutiny.extract.models import Event
from scrutiny.extract.nlp import TERMS_KEY
from scrutiny.extract.posts import APPOINT_VERBS, DEPART_NOUNS, DEPART_VERBS, Holding
from scrutiny.extract.relative_dates import is_future as date_is_future
from scrutiny.extract.relative_dates import needs_anchor, resolve, shift

DOWN_VERBS = {"step", "steps", "stepped", "stepping", "stand", "stands", "stood", "standing"}
SUSPEND_VERBS = {"suspend", "suspends", "suspended", "suspending"}
ANNOUNCE_VERBS = {"announce", "announced", "announces", "confirm", "confirmed", "confirms", "said", "says",
                  "revealed", "reveal", "told", "decided", "agreed"}
COMPLEMENT_APPOINTMENTS = {"named", "appointed", "made", "elected", "promoted", "confirmed", "installed",
                           "became", "becomes", "become", "becoming", "chosen", "selected"}
AS_APPOINTMENTS = {
    "appoint", "appoints", "appointed", "appointing", "name", "names", "named", "naming", "confirm", "confirms",
    "confirmed", "bring", "brings", "brought", "recruit", "recruited", "recruits", "hire", "hired", "join",
    "joins", "joined", "joining", "take", "takes", "took", "taken", "step", "steps", "stepped", "install",
    "installed", "choose", "chose", "chosen", "select", "selected", "start", "starts", "started", "return",
    "returned", "returns", "parachuted", "drafted", "second", "seconded",
}
BARE_APPOINTMENTS = {"appointed", "named", "hired", "recruited", "installed", "chosen", "selected", "drafted",
                     "seconded", "parachuted"}
CONFIRMING = {"confirm", "confirms", "confirmed", "announce", "announces", "announced"}
SUBORDINATORS = {"before", "after", "when", "while", "as", "since", "because", "although", "though", "if",
                 "once", "until", "whereas", "shortly", "despite"}
# Government action words.
ISSUE_VERBS = {"issue", "issued", "issues", "issuing", "serve", "served", "serves", "send", "sent", "sends",
               "hand", "handed", "hands", "give", "given", "gave", "impose", "imposed", "imposes", "imposing",
               "place", "placed", "put", "receive", "received", "receives", "slap", "slapped", "followed",
               "use", "used", "make", "made"}
LIFT_VERBS = {"lift", "lifted", "lifts", "remove", "removed", "removes", "revoke", "revoked", "revokes",
              "withdraw", "withdrawn", "withdrew", "end", "ended", "ends", "rescind", "rescinded"}
PROPOSING = {"minded", "intends", "intend", "intended", "intending", "plans", "planned", "planning",
             "proposes", "proposed", "proposing", "considering", "threatened", "threatens", "preparing",
             "prepared", "prepares", "wants", "wanted"}
TRANSFER_VERBS = {"hand", "handed", "hands", "handing", "transfer", "transferred", "transfers", "cede", "ceded",
                  "cedes", "pass", "passed", "passes", "move", "moved", "moves", "moving", "outsource",
                  "outsourced", "strip", "stripped"}
RUN_VERBS = {"run", "running", "runs", "ran", "take", "took", "taken", "takes", "taking", "began", "begin",
             "begins", "launched", "launch", "launches", "started", "start", "starts", "deliver", "delivers",
             "delivering", "delivered", "set", "established", "created"}
ADVISER_WORDS = {"adviser", "advisor", "advisers", "advisors"}
COMPANY_WORDS = {"company", "firm", "consultancy", "consultants", "consultant", "contractor", "provider",
                 "partner", "outsourcer", "specialists"}
CONTRACT_VERBS = {"appoint", "appointed", "appoints", "hire", "hired", "hires", "commission", "commissioned",
                  "commissions", "engage", "engaged", "engages", "bring", "brought", "brings", "contracted",
                  "contract", "recruited", "recruit", "retained", "employ", "employed"}


@dataclass
class Found:
    """An event and whether its date is only the publication month of a present-perfect verb."""

    event: Event
    weak: bool = False


# --- dates -----------------------------------------------------------------------------------------


def resolve_span(story: Story, span: Span, *, forward: bool = False) -> str | None:
    """The date a date expression names, or None when it is in the story's future."""
    anchor = None
    if needs_anchor(span.text):
        here = story.sent(span.start).start
        others = [d for d in story.dates if story.sent(d.start).start == here and d.start < span.start
                  and not needs_anchor(d.text)]
        for other in reversed(others):
            anchor = resolve(other.text, story.published)
            if anchor:
                break
    value = resolve(span.text, story.published, anchor=anchor, forward=forward)
    if value is None or date_is_future(span.text, story.published):
        return None
    if story.published and value[:len(story.published)] > story.published[:len(value)]:
        return None
    return value


def looks_ahead(pred: Token) -> bool:
    """A future or present-tense verb ("will join", "retires in August") reads bare dates forward."""
    return is_future(pred) or (pred.tag_ in ("VBZ", "VBP") and not is_perfect(pred) and pred.lower_ not in (
        "is", "are", "says", "say"))


def _usable(span: Span) -> bool:
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return before not in ("by", "until", "till", "for", "within") and not span.text.lower().startswith(
        ("the past", "the last", "over the"))


def date_of(story: Story, pred: Token, *, prefer: tuple[str, ...] = ()) -> tuple[str | None, bool]:
    """(date, weak) of the event a predicate states; see the module docstring."""
    node = pred
    forward = looks_ahead(pred)
    for _ in range(5):
        own = [d for d in story.dates if story.sent(d.start).start == story.sent(pred.i).start and _usable(d)
               and in_clause(d.root, node) and d.root.i != node.i]
        if prefer:
            own.sort(key=lambda d: _preference(d, prefer))
        if own and forward and all(resolve_span(story, span, forward=True) is None for span in own):
            return None, False  # "retires in August": a date still to come dates nothing yet
        for span in own:
            value = resolve_span(story, span, forward=forward)
            if value:
                return value, False
        if node.dep_ == "relcl" and node.head.ent_type_ == "DATE":
            span = next((d for d in story.dates if d.start <= node.head.i < d.end), None)
            if span is not None:
                value = resolve_span(story, span)
                if value:
                    return value, False
        if node.i == pred.i:
            value = _date_nearby(story, pred)
            if value:
                return value, False
        parent = parent_for_time(node)
        if parent is None or parent.i == node.i:
            break
        node = parent
    return None, False


def _preference(span: Span, prefer: tuple[str, ...]) -> int:
    """0 for a date under a preferred word ("a report published last week"), else 1; ties keep
    the order of the text."""
    return 0 if any(a.lower_ in prefer for a in span.root.ancestors) else 1


def _date_nearby(story: Story, pred: Token) -> str | None:
    """A date written just after the verb when the parse hung it elsewhere ("issued a statutory
    direction to Reading Borough Council on Friday", where "Reading" was read as a verb)."""
    for span in story.dates:
        if story.sent(span.start).start != story.sent(pred.i).start or not (pred.i < span.start <= pred.i + 9) or not _usable(span):
            continue
        between = story.doc[pred.i + 1:span.start]
        if any(t.text in (",", ";", ":") or (t.pos_ in ("VERB", "AUX") and not t.ent_type_) for t in between):
            continue
        return resolve_span(story, span)
    return None


def news_date(story: Story, pred: Token) -> tuple[str | None, bool]:
    """A present-perfect or present-tense news verb happened around publication: its month, weakly.
    A verb under one ("has told the authority he intends to impose") counts too."""
    if not story.published or is_hedged(pred) and not _proposal(pred):
        return None, False
    node: Token | None = pred
    for _ in range(3):
        if node is None:
            break
        if is_perfect(node) or (node.tag_ in ("VBZ", "VBP") and node.lower_ not in ("is", "are")):
            return story.published[:7], True
        parent = parent_for_time(node)
        node = parent if parent is not None and parent.i != node.i else None
    return None, False


def _proposal(pred: Token) -> bool:
    return any(a.lower_ in PROPOSING for a in [pred, *list(pred.ancestors)[:3]])


def dated(story: Story, pred: Token, *, default_news: bool = True, prefer: tuple[str, ...] = ()
          ) -> tuple[str | None, bool]:
    value, weak = date_of(story, pred, prefer=prefer)
    if value is None and default_news and not has_future_date(story, pred):
        return news_date(story, pred)
    return value, weak


INTERVAL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


def after_interval(story: Story, pred: Token, parent_date: str | None) -> str | None:
    """"two months after Ofsted rated it inadequate": the earlier date, counted back from the
    date of the clause it hangs on."""
    if parent_date is None:
        return None
    mark = next((c for c in pred.children if c.dep_ == "mark" and c.lower_ == "after"), None)
    if mark is None:
        return None
    words = [t.lower_ for t in story.doc[max(story.sent(pred.i).start, mark.i - 3):mark.i]]
    if len(words) < 2 or not re.match(r"(day|week|month|year)s?$", words[-1]):
        return None
    amount = words[-2]
    n = int(amount) if amount.isdigit() else INTERVAL_NUMBERS.get(amount)
    if not n:
        return None
    if words[-1].startswith("month"):
        return shift(parent_date[:7], months=-n) if len(parent_date) >= 7 else None
    if words[-1].startswith("year"):
        return f"{int(parent_date[:4]) - n:04d}"
    return None


# --- people ----------------------------------------------------------------------------------------


def _evidence(story: Story, token: Token) -> str:
    """The sentence stating a fact, verbatim."""
    return story.sent(token.i).text.strip()


def _arguments(pred: Token, deps: tuple[str, ...]) -> list[Token]:
    return [c for c in pred.children if c.dep_ in deps]


def persons_in_argument(story: Story, arg: Token) -> list[str]:
    """The people a subject or object names: the head, its conjuncts and appositions, not the people
    of relative clauses inside it."""
    names: list[str] = []
    stack = [arg]
    while stack:
        token = stack.pop()
        name = story.person_or_name(token)
        if name and name not in names:
            names.append(name)
        for child in token.children:
            if child.dep_ in ("conj", "appos", "compound", "poss") and child.pos_ not in ("VERB", "AUX"):
                stack.append(child)
    return names


def left_persons(story: Story, pred: Token) -> list[str]:
    """People named before a verb in its own clause: a fallback for subjects the parser attached
    elsewhere. A subordinate clause ("Shortly before Mr Balls made his statement, ...") closes at
    its comma; a subordinator with no comma after it starts the verb's own clause."""
    sent = story.sent(pred.i)
    names: list[str] = []
    skipping = False
    for token in story.doc[sent.start:pred.i]:
        if token.lower_ in SUBORDINATORS | {"that", "which", "who"} and token.dep_ in ("mark", "prep", "advmod",
                                                                                       "nsubj", "nsubjpass"):
            names, skipping = [], True
            continue
        if token.text == "," and skipping:
            skipping = False
            continue
        if skipping:
            continue
        name = story.person_at.get(token.i)
        if name and name not in names:
            names.append(name)
    return names


OTHER_HOLDER_NOUNS = {"predecessor", "predecessors", "successor", "successors", "replacement", "deputy"}


def agents(story: Story, pred: Token) -> list[str]:
    """The people who do a verb (its subjects), falling back on the names before it."""
    names: list[str] = []
    for subj in subjects(pred):
        if subj.lower_ in OTHER_HOLDER_NOUNS:
            continue  # "after her predecessor stood down": someone other than her
        if subj.lower_ in ("who", "that") and pred.dep_ == "relcl":
            subj = pred.head
        names += [n for n in persons_in_argument(story, subj) if n not in names]
    if not names and not any(c.dep_ in ("nsubj", "nsubjpass") for c in pred.children):
        names = left_persons(story, pred)
    return names


def patients(story: Story, pred: Token) -> list[str]:
    """The people a verb is done to: objects, or subjects of the passive."""
    names: list[str] = []
    for arg in _arguments(pred, ("dobj",)):
        names += persons_in_argument(story, arg)
    if any(c.dep_ == "auxpass" for c in pred.children):
        names += [n for n in agents(story, pred) if n not in names]
    return names


def _holding_for(holdings: list[Holding], name: str, sent: Span, *, prefer: str) -> Holding | None:
    here = [h for h in holdings if h.name == name and h.sentence.start == sent.start and h.org is not None]
    if prefer == "former":
        here.sort(key=lambda h: h.status != "former")
    else:
        here.sort(key=lambda h: h.status == "former")
    if here:
        return here[0]
    anywhere = [h for h in holdings if h.name == name and h.org is not None]
    if prefer == "former":
        anywhere.sort(key=lambda h: (h.status != "former", h.category != "director_childrens_services"))
    else:
        anywhere.sort(key=lambda h: h.status == "former")
    return anywhere[0] if anywhere else None


def _person_event(story: Story, holdings: list[Holding], kind: str, name: str, pred: Token,
                  holding: Holding | None = None, *, default_news: bool = True) -> Found:
    holding = holding or _holding_for(holdings, name, story.sent(pred.i), prefer="former" if kind == "departure"
                                      else "current")
    org = holding.org if holding is not None else story.authority
    value, weak = dated(story, pred, default_news=default_news)
    if holding is not None and kind == "appointment" and value:
        holding.appointed_on = value
    return Found(Event(type=kind, person=name, organisation=org.name if org else None,
                       authority_code=org.code if org else None, date=value, evidence=_evidence(story, pred)), weak)


def _announced_future(pred: Token) -> bool:
    """"announced that he would step down": a future reported as decided."""
    node = pred
    for _ in range(2):
        if node.dep_ not in ("ccomp", "xcomp"):
            return False
        node = node.head
        if node.lower_ in ANNOUNCE_VERBS:
            return True
    return False


def appointment_events(story: Story, holdings: list[Holding]) -> list[Found]:
    out: list[Found] = []
    for h in holdings:
        verb = h.verb
        if verb is None or h.status == "former" and h.construction != "as":
            if h.construction in ("complement", "after") and verb is not None and _since(story, h):
                out.append(_since(story, h))
            elif h.construction in ("complement", "after") and verb is not None and h.status == "former":
                out += _tenure(story, h)
            continue
        word = verb.lower_
        appointing = (
            (h.construction == "as" and word in AS_APPOINTMENTS)
            or (h.construction == "complement" and (word in COMPLEMENT_APPOINTMENTS or any(
                c.lower_ in COMPLEMENT_APPOINTMENTS for c in verb.children if c.dep_ in ("auxpass", "aux"))))
            or (h.construction in ("before", "apposition", "after") and h.post.root.dep_ in ("dobj", "nsubjpass", "oprd")
                and h.post.root.head.lower_ in APPOINT_VERBS and h.post.root.head.lower_ not in ("took", "take"))
            or (h.status == "incoming" and h.construction == "complement")
        )
        if h.construction in ("before", "apposition", "after") and appointing:
            verb = h.post.root.head
            if h.post.root.dep_ == "nsubjpass" and _to_a_task(verb):
                continue  # "Hackney's director, Anne Canning, has been appointed to lead a review"
        if h.construction in ("complement", "after") and not appointing:
            found = _since(story, h)
            if found:
                out.append(found)
            continue
        if not appointing or verb.lower_ in DEPART_VERBS - {"stepped", "step", "steps", "left"}:
            continue
        if verb.lower_ in ("step", "steps", "stepped") and not any(c.lower_ == "up" for c in verb.children):
            continue
        if is_hedged(verb) and not is_future(verb):
            continue
        default_news = word not in CONFIRMING
        out.append(_person_event(story, holdings, "appointment", h.name, verb, h, default_news=default_news))
    return out


def _since(story: Story, h: Holding) -> Found | None:
    """"has been the DfE's commissioner in Sunderland since last summer": appointed then."""
    verb = h.verb
    if verb is None:
        return None
    for prep in verb.subtree:
        if prep.lower_ != "since" or not in_clause(prep, verb):
            continue
        span = next((d for d in story.dates if d.start <= prep.i + 1 < d.end), None)
        value = resolve_span(story, span) if span is not None else None
        if value:
            h.appointed_on = value
            return Found(Event(type="appointment", person=h.name, organisation=h.org.name if h.org else None,
                               authority_code=h.org.code if h.org else None, date=value,
                               evidence=_evidence(story, verb)))
    return None


def _tenure(story: Story, h: Holding) -> list[Found]:
    """A past post's stated end: "who was children's minister until last year" (a departure),
    "who was home secretary from 2007 to 2009" (an appointment and a departure)."""
    verb = h.verb
    if verb is None or verb.lemma_ != "be":
        return []
    out: list[Found] = []
    for prep in verb.children:
        word = prep.lower_
        if word not in ("until", "till", "from") or prep.dep_ != "prep":
            continue
        span = next((d for d in story.dates if d.start <= prep.i + 1 < d.end), None)
        value = resolve_span(story, span) if span is not None else None
        if not value:
            continue
        org = h.org
        if word == "from":
            to = story.doc[span.end] if span.end < len(story.doc) else None
            end = next((d for d in story.dates if to is not None and to.lower_ in ("to", "until") and
                        d.start == to.i + 1), None)
            end_value = resolve_span(story, end) if end is not None else None
            if not end_value:
                continue
            out.append(Found(Event(type="appointment", person=h.name, organisation=org.name if org else None,
                                   authority_code=org.code if org else None, date=value,
                                   evidence=_evidence(story, verb))))
            value = end_value
        out.append(Found(Event(type="departure", person=h.name, organisation=org.name if org else None,
                               authority_code=org.code if org else None, date=value, evidence=_evidence(story, verb))))
    return out


def verb_events(story: Story, holdings: list[Holding]) -> list[Found]:
    """Departures, suspensions and bare appointments ("South stepped up last month")."""
    out: list[Found] = []
    for token in story.words(DEPART_NOUNS, DOWN_VERBS, SUSPEND_VERBS, BARE_APPOINTMENTS, DEPART_VERBS,
                             ("joined", "joins", "join", "led", "headed", "ran", "run", "took")):
        word = token.lower_
        if token.pos_ not in ("VERB", "AUX") and word not in DEPART_NOUNS:
            continue
        if word == "took":  # "He took up the post in December 2017"
            if any(c.lower_ == "up" and c.dep_ == "prt" for c in token.children) and any(
                    c.dep_ == "dobj" and c.lower_ in ("post", "role", "job", "position") for c in token.children) \
                    and not is_hedged(token) and not is_negated(token):
                out += [_person_event(story, holdings, "appointment", n, token) for n in agents(story, token)]
            continue
        if word in DEPART_NOUNS:
            out += _nominal_departures(story, holdings, token)
            continue
        if word in DOWN_VERBS:
            down = any(c.lower_ == "down" for c in token.children)
            up = any(c.lower_ == "up" for c in token.children)
            if up and not _has_as(token):
                out += [_person_event(story, holdings, "appointment", n, token) for n in agents(story, token)
                        if not is_hedged(token)]
            if not down:
                continue
        if word in SUSPEND_VERBS:
            if not is_hedged(token):
                out += [_person_event(story, holdings, "suspension", n, token) for n in patients(story, token)]
            continue
        if word in BARE_APPOINTMENTS and not _has_as(token) and not is_hedged(token) and not is_negated(token) \
                and not any(c.dep_ in ("oprd", "attr") for c in token.children) and not _to_a_task(token):
            for name in patients(story, token):
                out.append(_person_event(story, holdings, "appointment", name, token))
                holding = _holding_for(holdings, name, story.sent(token.i), prefer="current")
                if holding is not None and holding.category == "commissioner" and holding.org and holding.org.code:
                    found = _intervention(story, "commissioner", holding.org, token)
                    if found:
                        out.append(found)
            continue
        if word in ("joined", "joins", "join") and not _has_as(token) and not is_hedged(token):
            out += [_person_event(story, holdings, "appointment", n, token) for n in agents(story, token)]
            continue
        if word in ("led", "headed", "ran", "run") and any(c.lower_ == "since" for c in token.children):
            since = next(c for c in token.children if c.lower_ == "since")
            span = next((d for d in story.dates if d.start <= since.i + 1 < d.end), None)
            value = resolve_span(story, span) if span is not None else None
            if value:
                for name in agents(story, token):
                    holding = _holding_for(holdings, name, story.sent(token.i), prefer="current")
                    org = holding.org if holding else story.authority
                    out.append(Found(Event(type="appointment", person=name, organisation=org.name if org else None,
                                           authority_code=org.code if org else None, date=value,
                                           evidence=_evidence(story, token))))
            continue
        if word not in DEPART_VERBS or word in ("made",):
            continue
        if word in ("left", "leave", "leaves", "leaving") and token.tag_ == "VBN" and any(
                c.dep_ == "auxpass" for c in token.children):
            continue  # "children had been left at risk"
        hedged = is_hedged(token) or is_negated(token)
        if hedged and not (_announced_future(token) and not is_negated(token)):
            continue
        done_to = word.startswith(("remov", "sack", "dismiss", "oust", "axe", "fire"))
        names = patients(story, token) if done_to else agents(story, token)
        if done_to and not any(c.dep_ == "auxpass" for c in token.children):
            names = [n for n in names if n not in agents(story, token)]  # "X removed her": not X
        if is_future(token) and not _announced_future(token):
            # "X is to step down as chief executive": news of a departure, dated by the story
            if done_to or is_modal(token):
                continue
            for name in names:
                found = _person_event(story, holdings, "departure", name, token, default_news=False)
                if found.event.date is None and story.published and not has_future_date(story, token):
                    found.event.date, found.weak = story.published[:7], True
                out.append(found)
            continue
        out += [_person_event(story, holdings, "departure", n, token) for n in names]
    return out


def _to_a_task(verb: Token) -> bool:
    """"appointed to lead a review": chosen for a task, not given a post."""
    return any(c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB" and any(a.lower_ == "to" for a in c.children)
               for c in verb.children)


def _has_as(token: Token) -> bool:
    return any(c.lower_ == "as" for c in token.children)


def _nominal_departures(story: Story, holdings: list[Holding], noun: Token) -> list[Found]:
    """"Ashton's resignation", "the departure of Tim Aldridge", "announced their resignations"."""
    pred = predicate(noun)
    if pred.i != noun.i and (is_hedged(pred) or is_negated(pred)) or pred.lower_ in (
            "call", "called", "calls", "calling", "demand", "demanded", "urged", "postpone", "postponed",
            "postpones", "delay", "delayed", "delays", "defer", "deferred", "defers", "reconsidered"):
        return []
    if noun.head.lower_ in ("for",) and noun.head.head.lower_ in ("calls", "call", "pressure", "demands"):
        return []
    names: list[str] = []
    for child in noun.children:
        if child.dep_ == "poss":
            if child.lower_ in ("their", "his", "her"):
                names += agents(story, pred) if child.lower_ == "their" else [
                    n for n in [story.person(child)] if n]
            else:
                names += persons_in_argument(story, child)
        elif child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                names += persons_in_argument(story, pobj)
    target = pred if pred.i != noun.i else noun
    out = []
    for name in dict.fromkeys(names):
        found = _person_event(story, holdings, "departure", name, target, default_news=False)
        out.append(found)
    return out


# --- interventions ---------------------------------------------------------------------------------


def _intervention(story: Story, kind: str, org: Org | None, pred: Token, *, status: str = "done",
                  default_news: bool = True, date: str | None = None) -> Found | None:
    if org is None or not org.code:
        return None
    weak = False
    if date is None:
        date, weak = dated(story, pred, default_news=default_news)
    return Found(Event(type="intervention", organisation=org.name, authority_code=org.code, intervention=kind,
                       status=status, date=date, evidence=_evidence(story, pred)), weak)


def _recipient(story: Story, pred: Token, *, start: int | None = None) -> Org | None:
    """The council an action is done to: "to X", "on X", "X was issued with", "X has been under"."""
    for child in pred.children:
        if child.dep_ in ("dative", "prep") and child.lower_ in ("to", "on", "for", "in"):
            for pobj in child.children:
                org = story.resolve_org(pobj, councils_only=True)
                if org and org.code:
                    return org
        if child.dep_ in ("nsubjpass", "dobj", "nsubj") and child.i not in story.person_at:
            org = story.resolve_org(child, councils_only=True)
            if org and org.code:
                return org
    sent = story.sent(pred.i)
    named = story.authorities_in(sent.start, sent.end)
    if len(named) == 1:
        return named[0]
    return story.council_here(start if start is not None else pred.i)


def _governor(token: Token) -> Token:
    """The verb a noun phrase hangs on, through prepositions ("issued with an improvement notice");
    a council tagged as a verb ("issued Reading with a notice") is not it."""
    node = token
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") and node.i != token.i and node.ent_type_ != "ORG":
            return node
        if node.head.i == node.i:
            break
        node = node.head
    return node


def _acl_or_governor(noun: Token) -> Token:
    """"a direction issued to the council", "a second notice ... followed in April 2012": the
    participle describing the noun states the action; else the verb the noun hangs on."""
    for child in noun.children:
        if child.dep_ in ("acl", "relcl") and (child.lower_ in ISSUE_VERBS or child.lower_ in LIFT_VERBS):
            return child
    return _governor(noun)


def _proposed(pred: Token) -> bool:
    node = pred
    for _ in range(3):
        if node.lower_ in PROPOSING:
            return True
        if node.dep_ not in ("xcomp", "ccomp", "acomp", "advcl", "pcomp"):
            return False
        node = node.head
    return node.lower_ in PROPOSING


def _generic(pred: Token, noun: Token) -> bool:
    """"an improvement notice which is usually issued to councils rated inadequate"."""
    if any(c.lower_ in ("usually", "often", "typically", "normally", "generally", "sometimes") for c in pred.children):
        return True
    return noun.tag_ == "NNS" and not any(c.lower_ in ("two", "three", "second") for c in noun.children)


def intervention_events(story: Story, holdings: list[Holding]) -> list[Found]:
    out: list[Found | None] = []
    doc = story.doc
    seen_notice = False
    for span in doc.spans.get(TERMS_KEY, []):
        if span.label_ != "INTERVENTION":
            continue
        kind = span.id_
        noun = span.root
        pred = _acl_or_governor(noun)
        if kind == "improvement_notice":
            seen_notice = True
        if kind in ("improvement_notice", "statutory_direction"):
            out.append(_notice_or_direction(story, kind, span, noun, pred))
        elif kind == "trust":
            out.append(_trust(story, span, noun, pred))
    # "a second notice ... followed in April 2012", "That notice was lifted in February 2014"
    if seen_notice:
        for token in doc:
            if token.lower_ == "notice" and not any(s.start <= token.i < s.end for s in doc.spans.get(TERMS_KEY, [])
                                                    if s.label_ == "INTERVENTION"):
                pred = _acl_or_governor(token)
                out.append(_notice_or_direction(story, "improvement_notice", doc[token.i:token.i + 1], token, pred))
    out += _takeovers(story)
    out += _transfers(story)
    out += _lifts(story)
    out += _returns(story)
    out += _commissioners(story, holdings)
    out += _advisers(story)
    out += _directs(story)
    out += _moves(story, [f for f in out if f is not None])
    return [f for f in out if f is not None]


def _notice_or_direction(story: Story, kind: str, span: Span, noun: Token, pred: Token) -> Found | None:
    if pred.pos_ not in ("VERB", "AUX") or is_negated(pred):
        return None
    word = pred.lower_
    if word in LIFT_VERBS and not is_hedged(pred) and not is_future(pred):
        return _intervention(story, "lifted", _recipient(story, pred), pred, default_news=False)
    under = noun.head.lower_ == "under" and word in ("been", "is", "was", "remains", "remained", "placed", "put")
    if word not in ISSUE_VERBS and not under:
        return None
    if word == "followed" and not (noun.dep_ in ("nsubj", "nsubjpass") or pred.dep_ == "acl"):
        return None
    if word in ("made", "make", "use", "used") and noun.dep_ != "dobj":
        return None
    if _generic(pred, noun):
        return None
    status = "proposed" if _proposed(pred) else "done"
    if status == "done" and (is_hedged(pred) or (is_future(pred) and not _announced_future(pred))):
        return None
    if kind == "statutory_direction" and span.text.lower() in ("direction", "directions") and word not in ("issue", "issued", "issues", "issuing", "impose", "imposed", "served", "sent", "given"):
        return None
    return _intervention(story, kind, _recipient(story, pred, start=noun.i), pred, status=status,
                         default_news=status == "proposed" or is_perfect(pred))


def _trust(story: Story, span: Span, noun: Token, pred: Token) -> Found | None:
    """Services handed to a trust or company: "will be handed to an independent trust",
    "Slough Children's Services Trust ... took over the delivery of services from Slough Borough Council"."""
    if pred.pos_ not in ("VERB", "AUX"):
        return None
    word = pred.lower_
    if word in ORDER_VERBS and noun.dep_ in ("nsubjpass", "dobj", "nsubj") and not (
            is_negated(pred) or is_modal(pred) or is_hedged(pred) or is_future(pred)):
        # "The trust was ordered last year by the education secretary", "ministers ordered a trust to be set up"
        org = _source_council(story, pred, span)
        if org is None:
            return None
        value, weak = dated(story, pred, default_news=False)
        for child in noun.children:  # "ordered a trust to be set up earlier this year"
            if value is None and child.dep_ in ("relcl", "acl") and child.pos_ == "VERB":
                value, weak = dated(story, child, default_news=False)
        return Found(Event(type="intervention", organisation=org.name, authority_code=org.code,
                           intervention="trust", status="done", date=value, evidence=_evidence(story, pred)), weak)
    if word not in TRANSFER_VERBS and word not in RUN_VERBS:
        return None
    if is_negated(pred) or is_modal(pred) or _due(pred) or (is_hedged(pred) and not is_future(pred)):
        return None
    if word in RUN_VERBS and noun.dep_ not in ("nsubj", "nsubjpass") and not (
            noun.dep_ == "pobj" and noun.head.dep_ == "agent"):  # "will be run by an independent trust"
        return None
    future = is_future(pred) or (pred.dep_ == "conj" and is_future(pred.head))  # "to be taken over and run by"
    value, weak = dated(story, pred, default_news=False)
    if value is None:
        for other in story.sent(pred.i):
            if other.i != pred.i and other.lower_ in RUN_VERBS | TRANSFER_VERBS and other.pos_ == "VERB" and \
                    not is_future(other):
                value, weak = date_of(story, other)
                if value:
                    break
    if value is None and future:
        value, weak = _announcement_date(story, pred)
    if future and not value and has_future_date(story, pred):
        return None
    org = _source_council(story, pred, span)
    if org is None:
        return None
    return Found(Event(type="intervention", organisation=org.name, authority_code=org.code, intervention="trust",
                       status="done", date=value, evidence=_evidence(story, pred)), weak)


ORDER_VERBS = {"ordered", "order", "orders", "ordering"}
RECEIVING_NOUNS = {"trust", "company", "organisation", "organization", "enterprise", "mutual", "body", "provider"}
INTERVENTION_NOUNS = {"notice", "notices", "direction", "directions", "intervention", "which", "it", "measures"}


def _transfers(story: Story) -> list[Found | None]:
    """Services moved out of a council: "agreed to transfer its children's social care services to a
    new company", "will be handed to an independent trust"."""
    out: list[Found | None] = []
    for token in story.words(TRANSFER_VERBS):
        if token.pos_ != "VERB":
            continue
        target = None
        for prep in token.children:
            if prep.dep_ in ("prep", "dative") and prep.lower_ in ("to", "into"):
                for pobj in prep.children:
                    org = story.org_of_token(pobj)
                    if pobj.lower_ in RECEIVING_NOUNS or (org is not None and not org.code and not is_overseer(org)):
                        target = pobj
        if target is None or not any(t.lower_ in ("services", "care", "responsibility", "functions")
                                     for t in token.subtree):
            continue
        if is_negated(token) or is_modal(token) or _due(token) or (is_hedged(token) and not is_future(token)):
            continue
        value, weak = dated(story, token, default_news=True)
        if value is None and is_future(token):
            value, weak = _announcement_date(story, token)
        if is_future(token) and not value and has_future_date(story, token):
            continue
        council = _source_council(story, token, story.doc[token.i:token.i + 1])
        if council is None or not council.code:
            continue
        out.append(Found(Event(type="intervention", organisation=council.name, authority_code=council.code,
                               intervention="trust", date=value, evidence=_evidence(story, token)), weak))
    return out


def _lifts(story: Story) -> list[Found | None]:
    """"That notice was lifted in February 2014", "an improvement notice ..., which was lifted in January"."""
    out: list[Found | None] = []
    for token in story.words(LIFT_VERBS):
        if token.pos_ != "VERB" or is_hedged(token) or is_future(token):
            continue
        args = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj")]
        if not any(a.lower_ in INTERVENTION_NOUNS for a in args):
            continue
        if not any(t.lower_ in ("notice", "direction", "intervention") for t in story.sent(token.i)):
            continue
        out.append(_intervention(story, "lifted", _recipient(story, token), token))
    return out


RETURN_VERBS = {"return", "returns", "returned", "returning", "hand", "hands", "handed", "handing", "give",
                "gives", "gave", "given"}
POWER_NOUNS = {"powers", "control", "functions", "responsibility", "responsibilities"}


def _names_powers(noun: Token) -> bool:
    """"the remaining powers", "control", "all of its powers"."""
    if noun.lower_ in POWER_NOUNS:
        return True
    return noun.lower_ in ("all", "some", "rest", "remainder") and any(
        c.lower_ == "of" and any(p.lower_ in POWER_NOUNS for p in c.children) for c in noun.children)


def _returns(story: Story) -> list[Found | None]:
    """Powers given back to a council: "was minded to return the remaining powers" (proposed),
    "has confirmed that it will return all of its powers to Barnsley Council", "handed back control"."""
    out: list[Found | None] = []
    for token in story.words(RETURN_VERBS):
        if token.pos_ != "VERB" or is_negated(token):
            continue
        back = token.lower_.startswith("return") or any(c.lower_ == "back" for c in token.children)
        if not back or not any(_names_powers(c) for c in token.children if c.dep_ in ("dobj", "nsubjpass")):
            continue
        if any(c.lower_ in ("since", "gradually", "progressively") or c.lower_ == "in" and any(
                p.lower_ == "stages" for p in c.children) for c in token.children):
            continue  # "returned in stages since 2016": a piecemeal handback, not the end of intervention
        if _proposed(token) and not is_modal(token):
            out.append(_intervention(story, "lifted", _recipient(story, token), token, status="proposed",
                                     date=_announced_on(story, token)))
        elif is_future(token):
            if _announced_future(token):
                out.append(_intervention(story, "lifted", _recipient(story, token), token,
                                         date=_announced_on(story, token)))
        elif not is_hedged(token):
            out.append(_intervention(story, "lifted", _recipient(story, token), token))
    return out


def _takeovers(story: Story) -> list[Found | None]:
    """A trust or company that took over (or began running) a council's services:
    "It took over the running of services in April 2017"."""
    out: list[Found | None] = []
    for token in story.words(("took", "take", "taken", "takes", "began", "begun", "started")):
        word = token.lower_
        over = word in ("took", "take", "taken", "takes") and any(c.lower_ == "over" for c in token.children)
        began = word in ("began", "begun", "started") and any(
            c.dep_ == "xcomp" and c.lower_ in ("running", "delivering", "to") for c in token.children)
        if not (over or began) or is_negated(token) or is_modal(token) or _due(token) or is_future(token):
            continue
        if not any(t.lower_ in ("services", "care", "running", "delivery", "responsibility") for t in token.subtree):
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is None:
            continue
        if subject.lower_ in ("it", "they"):
            org = story.antecedent(subject.i)
        else:
            org = story.org_of_token(subject) or (story.resolve_org(subject) if subject.lower_ in (
                "trust", "company") else None)
        if org is None or org.code or is_overseer(org):
            continue
        if any(s.label_ == "INTERVENTION" and s.start <= subject.i < s.end for s in story.doc.spans.get(TERMS_KEY, [])):
            continue  # the trust-span rule has it
        council = _source_council(story, token, story.doc[token.i:token.i + 1])
        if council is None:
            continue
        value, weak = dated(story, token, default_news=False)
        out.append(Found(Event(type="intervention", organisation=council.name, authority_code=council.code,
                               intervention="trust", date=value, evidence=_evidence(story, token)), weak))
    return out


def _due(pred: Token) -> bool:
    return pred.dep_ == "xcomp" and pred.head.lower_ in ("due", "set", "expected", "poised", "likely", "going")


def has_future_date(story: Story, pred: Token) -> bool:
    """Whether a clause names a date after the story ("next year", "from April 2018", or "in
    August" for a verb that looks ahead)."""
    forward = looks_ahead(pred)
    for d in story.dates:
        if story.sent(d.start).start != story.sent(pred.i).start or not in_clause(d.root, pred):
            continue
        if date_is_future(d.text, story.published):
            return True
        value = resolve(d.text, story.published, forward=forward)
        if forward and value and story.published and value[:len(story.published)] > story.published[:len(value)]:
            return True
    return False


def _announcement_date(story: Story, pred: Token) -> tuple[str | None, bool]:
    """The date of the sentence's announcing verb ("..., education secretary Michael Gove announced today")."""
    root = story.sent(pred.i).root
    if root.lower_ in ANNOUNCE_VERBS or root.lower_ in ("announced",):
        value, weak = date_of(story, root)
        if value is None and root.lower_ in CONFIRMING and is_perfect(root) and story.published:
            return story.published[:7], True  # "..., the government has announced": news of the day
        return value, weak
    for child in root.children:  # "X is to be run by a trust, the government has announced"
        if child.dep_ in ("parataxis", "ccomp") and child.i > pred.i and child.lower_ in CONFIRMING:
            value, weak = date_of(story, child)
            return (value, weak) if value else (story.published[:7] if story.published else None, True)
    return None, False


def _announced_on(story: Story, pred: Token) -> str | None:
    """When a plan was made known: the announcing verb's date, else the story's month."""
    value, _ = _announcement_date(story, pred)
    if value is None:
        value, _ = dated(story, predicate(pred), default_news=False)
    return value or (story.published[:7] if story.published else None)


def _source_council(story: Story, pred: Token, span: Span) -> Org | None:
    for child in pred.children:
        if child.dep_ == "prep" and child.lower_ == "from":
            for pobj in child.children:
                org = story.resolve_org(pobj, councils_only=True)
                if org and org.code:
                    return org
    named = [o for o in story.authorities_in(story.sent(pred.i).start, span.start) if o.code]
    if named:
        return named[-1]
    return story.council_here(pred.i)


def _commissioners(story: Story, holdings: list[Holding]) -> list[Found | None]:
    """A commissioner appointed, named or sent in: an intervention on the council."""
    out: list[Found | None] = []
    for h in holdings:
        if h.category != "commissioner" or h.verb is None or h.org is None or not h.org.code:
            continue
        verb = h.verb
        if verb.lower_ not in ("appointed", "appoints", "appoint", "named", "naming", "names", "name", "installed",
                               "sent", "confirmed"):
            continue
        if is_negated(verb):
            continue
        if _proposed(verb) and not is_modal(verb):
            out.append(_intervention(story, "commissioner", h.org, verb, status="proposed",
                                     date=_announced_on(story, verb)))
            continue
        if is_hedged(verb) and not _announced_future(verb):
            continue
        out.append(_intervention(story, "commissioner", h.org, verb, default_news=True))
    for span in story.doc.spans.get(TERMS_KEY, []):
        if span.label_ != "POST" or "commissioner" not in span.text.lower() or "police" in span.text.lower():
            continue
        if any(h.post.start <= span.root.i < h.post.end + 1 for h in holdings):
            continue
        verb = _sending_verb(span.root)
        if verb is None or is_negated(verb):
            continue
        if _proposed(verb) and not is_modal(verb):  # "was minded to appoint commissioners"
            out.append(_intervention(story, "commissioner", _recipient(story, verb), verb, status="proposed",
                                     date=_announced_on(story, verb)))
        elif verb.lower_ in GETTING_VERBS and is_future(verb) and not is_modal(verb):
            # "Luton's children's services are to get a commissioner, the government has announced"
            out.append(_intervention(story, "commissioner", _recipient(story, verb), verb,
                                     date=_announced_on(story, verb)))
        elif not is_hedged(verb):
            out.append(_intervention(story, "commissioner", _recipient(story, verb), verb))
    return out


GETTING_VERBS = {"get", "gets", "getting"}
SENDING_VERBS = {"sent", "send", "sends", "appointed", "appoint", "appoints", "installed", "parachuted", "placed",
                 "put", "brought"} | GETTING_VERBS


def _sending_verb(noun: Token) -> Token | None:
    """"sent in a commissioner", "placed ... under the control of a commissioner"."""
    node = noun
    for _ in range(4):
        if node.dep_ not in ("dobj", "pobj", "prep", "nsubjpass"):
            return None
        node = node.head
        if node.lower_ in SENDING_VERBS and node.pos_ == "VERB":
            return node
    return None


def _advisers(story: Story) -> list[Found | None]:
    """"appointed as expert adviser to support improvement in Torbay", "an adviser appointed by the department"."""
    out: list[Found | None] = []
    for token in story.words(ADVISER_WORDS):
        appointed = None
        if token.head.lower_ == "as" and token.head.head.lower_ in ("appointed", "named", "brought"):
            appointed = token.head.head
        for child in token.children:
            if child.dep_ == "acl" and child.lower_ in ("appointed", "sent", "installed"):
                appointed = child
        if appointed is None or is_negated(appointed):
            continue
        by_government = any(t.lower_ in ("department", "dfe", "government", "minister", "ministers", "secretary")
                            for t in appointed.subtree) or token.head.lower_ == "as"
        if not by_government:
            continue
        where = None
        for t in story.doc[token.i + 1:story.sent(token.i).end]:
            if t.lower_ in ("in", "at", "for", "to") and t.i + 1 < len(story.doc):
                org = story.org_of_token(story.doc[t.i + 1])
                if org is not None and org.code:
                    where = org
                    break
        anchor = predicate(token) if token.head.lower_ != "as" else appointed
        if anchor.i == token.i:
            anchor = appointed
        org = where or story.council_here(token.i)
        out.append(_intervention(story, "improvement_adviser", org, anchor if token.head.lower_ != "as" else appointed))
    return out


def _directs(story: Story) -> list[Found | None]:
    """"used his powers ... to direct the council to appoint a new director": a statutory direction."""
    out: list[Found | None] = []
    for token in story.words(("direct", "directed", "directs", "directing")):
        if token.pos_ != "VERB":
            continue
        target = next((c for c in token.children if c.dep_ == "dobj"), None)
        if target is None:
            continue
        org = story.resolve_org(target, councils_only=True)
        if org is None or not org.code or is_negated(token):
            continue
        out.append(_intervention(story, "statutory_direction", org, _top_event(token), default_news=False))
    return out


def _top_event(token: Token) -> Token:
    node = token
    while node.dep_ in ("xcomp", "advcl", "acl", "relcl", "pobj", "prep") and node.head.i != node.i:
        node = node.head
    return node if node.pos_ in ("VERB", "AUX") else token


def _moves(story: Story, found: list[Found]) -> list[Found | None]:
    """"The move was ordered last year by the minister": the trust move of the sentence before."""
    out: list[Found | None] = []
    trusts = {f.event.evidence: f for f in found if f.event.intervention == "trust"}
    for sent_index, sent in enumerate(story.sentences[1:], start=1):
        root = sent.root
        if root.lower_ not in ("ordered", "taken", "made", "announced", "agreed", "approved"):
            continue
        subject = next((c for c in root.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        if subject is None or subject.lower_ not in ("move", "decision", "transfer", "change"):
            continue
        previous = story.sentences[sent_index - 1].text.strip()
        before = trusts.get(previous)
        if before is None:
            continue
        value, weak = date_of(story, root)
        if value:
            out.append(Found(Event(type="intervention", organisation=before.event.organisation,
                                   authority_code=before.event.authority_code, intervention="trust",
                                   date=value, evidence=sent.text.strip())))
    return out


# --- contracts -------------------------------------------------------------------------------------


def contract_events(story: Story) -> list[Found]:
    """A council hiring a named company: "It appointed private company Impower in November"."""
    out: list[Found] = []
    for ent, org in story.orgs:
        if org.code or is_overseer(org) or re.search(r"\btrust\b", org.name, re.I) or ent.label_ != "ORG":
            continue
        head = ent.root
        verb = None
        if head.dep_ == "dobj" and head.head.lower_ in CONTRACT_VERBS:
            verb = head.head
            descriptive = any(t.lower_ in COMPANY_WORDS for t in head.subtree) or any(
                t.lower_ in ("deal", "contract") for t in verb.subtree)
            if not descriptive:
                continue
        else:
            for child in head.children:
                if child.dep_ == "appos" and child.lower_ in COMPANY_WORDS:
                    acl = next((c for c in child.children if c.dep_ == "acl" and c.lower_ in (
                        "contracted", "hired", "appointed", "commissioned", "brought", "engaged")), None)
                    if acl is not None:
                        verb = acl
        if verb is None:
            verb = _described_as_hired(story, ent)
            if verb is None:
                continue
        elif is_negated(verb) or (is_hedged(verb) and verb.dep_ != "acl"):
            continue
        described = verb.i > ent.end
        client = story.antecedent(head.i, councils_only=True) if described else None
        client = client or _recipient(story, verb) or story.authority
        if client is None or not client.code:
            continue
        value, weak = dated(story, verb, default_news=False)
        out.append(Found(Event(type="contract", organisation=org.name, authority_code=client.code, date=value,
                               evidence=_evidence(story, verb)), weak))
    return out


def _described_as_hired(story: Story, ent: Span) -> Token | None:
    """"Impower, the consultancy firm contracted to be its improvement partner"."""
    doc = story.doc
    i = ent.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    seen_company = False
    for token in doc[i:min(i + 6, story.sent(ent.start).end)]:
        if token.lower_ in COMPANY_WORDS:
            seen_company = True
            continue
        if seen_company and token.lower_ in ("contracted", "hired", "appointed", "commissioned", "engaged",
                                             "brought", "recruited", "retained", "employed"):
            return token
        if token.pos_ in ("VERB", "AUX", "PUNCT"):
            return None
    return None


AWARD_VERBS = {"award", "awarded", "awards", "awarding", "sign", "signed", "signs", "agree", "agreed", "agrees",
               "give", "gave", "given", "hand", "handed", "let", "win", "won", "wins", "secure", "secured"}


def awarded_contracts(story: Story) -> list[Found]:
    """"Croydon has awarded a £13m contract to Barnardo's", "Impower won a contract with Sandwell"."""
    out: list[Found] = []
    for noun in story.words(("contract", "contracts", "deal")):
        verb = noun.head
        if noun.dep_ != "dobj" or verb.lower_ not in AWARD_VERBS or is_negated(verb) or is_hedged(verb):
            continue
        company: tuple[Span, Org] | None = None
        client: Org | None = None
        for prep in [*verb.children, *noun.children]:
            if prep.dep_ in ("prep", "dative") and prep.lower_ in ("to", "with", "from"):
                for pobj in prep.children:
                    found = story.org_at.get(pobj.i)
                    if found is None:
                        continue
                    if found[1].code:
                        client = client or found[1]
                    elif not is_overseer(found[1]):
                        company = company or found
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.i in story.org_at:
            found = story.org_at[subject.i]
            if found[1].code:
                client = client or found[1]
            elif verb.lower_ in ("win", "won", "wins", "secure", "secured") and not is_overseer(found[1]):
                company = company or found
        if company is None:
            continue
        client = client or story.council_here(verb.i)
        if client is None or not client.code:
            continue
        value, weak = dated(story, verb, default_news=True)
        out.append(Found(Event(type="contract", organisation=company[1].name, authority_code=client.code,
                               date=value, evidence=_evidence(story, verb)), weak))
    return out


def find_events(story: Story, holdings: list[Holding]) -> list[Found]:
    """Every event candidate of a story, before merging."""
    return (appointment_events(story, holdings) + verb_events(story, holdings)
            + intervention_events(story, holdings) + contract_events(story) + awarded_contracts(story))


