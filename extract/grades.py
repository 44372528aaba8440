"""Ofsted ratings reported in news text: which authority, which judged area, which grade, when.

A rating is a ``GRADE`` word ("inadequate", "requires improvement", "performs
poorly") stated as the verdict of a rating predicate: "Ofsted rated its
services for looked-after children as inadequate", "found Sandwell was
inadequate at child protection", "were judged adequate overall", "its rating
for safeguarding services improved to adequate", "the judgements for ... were
also inadequate". The rated phrase gives the areas (``AREA`` spans; none means
overall, when the phrase is the council or its services) and the authority
(named, or "its", "the borough's" resolved); grades of other things (a serious
case review) and of unnamed councils give nothing, nor do planned, hoped-for
or provisional grades ("planning to rate its services as adequate").

The date is the report's publication where the sentence gives it ("published
last week"), else the clause's date, else "two months after ..." counted back
from the sentence's event, else the report date of an earlier sentence in the
paragraph ("Ofsted published its report earlier this month. Inspectors rated
Sefton inadequate ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

from spacy.tokens import Span, Token

from scrutiny.extract.clauses import in_clause, is_hedged, is_perfect, parent_for_time, predicate, subjects
from scrutiny.extract.coref import COUNCIL_WORDS, Org, Story
from scrutiny.extract.events import after_interval, date_of, news_date, resolve_span
from scrutiny.extract.models import Rating
from scrutiny.extract.nlp import TERMS_KEY

RATING_VERBS = {
    "rated", "rate", "rates", "rating", "judged", "judge", "judges", "graded", "grade", "grades", "branded",
    "found", "finds", "find", "assessed", "deemed", "declared", "labelled", "labeled", "classed", "classified",
    "scored", "placed", "put",
}
CHANGE_VERBS = {"improved", "rose", "risen", "fell", "fallen", "dropped", "slipped", "downgraded", "upgraded",
                "moved", "returned", "went", "gone", "remained", "remains", "stayed"}
COPULAS = {"is", "are", "was", "were", "be", "been", "being", "remain", "remains", "remained"}
JUDGEMENT_NOUNS = {"judgement", "judgements", "judgment", "judgments", "rating", "ratings", "grade", "grades",
                   "verdict", "verdicts", "effectiveness"}
SERVICE_WORDS = {"services", "service", "care", "department", "authority", "council", "borough", "it", "them",
                 "they", "provision", "children's", "safeguarding", "effectiveness", "overall", "work"}
NOT_RATED = {"review", "reviews", "report", "plan", "plans", "response", "practice", "progress", "school",
             "schools", "academy", "home", "homes", "hospital", "police", "force", "trust", "councils",
             "authorities", "areas", "partnership", "caseloads", "standard", "inquiry"}
CONTEXT_WORDS = {"ofsted", "inspection", "inspections", "inspectors", "inspector", "inspected", "judgement",
                 "judgements", "judgment", "rating", "rated", "ratings", "graded", "grade", "report", "watchdog",
                 "assessment", "review", "judged", "verdict"}
BOUNDARIES = {";", "while", "whereas", "but", "although", "though", "because"}
PUBLISHED = ("published", "issued", "released", "report")
INSPECTED = ("inspection", "visit", "visited", "inspected", "inspectors")


@dataclass
class FoundRating:
    rating: Rating
    weak: bool = False
    sentence_start: int = 0


def grade_of(span: Span) -> str:
    if span.id_:
        return span.id_
    return span.text.lower()


def _rating_predicate(gt: Token) -> tuple[Token | None, str]:
    """(trigger, how) for a grade word: the verb or copula whose verdict it is."""
    node = gt
    for _ in range(4):
        head = node.head
        if head.i == node.i:
            break
        word = head.lower_
        if node.dep_ in ("pobj",) and word == "as" and head.head.lower_ in RATING_VERBS:
            return head.head, "verb"
        if node.dep_ == "pobj" and word == "to" and head.head.lower_ in CHANGE_VERBS:
            return head.head, "change"
        if word in RATING_VERBS and node.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "attr", "dobj", "advcl", "conj"):
            return head, "verb"
        if word in COPULAS and node.dep_ in ("acomp", "attr", "oprd"):
            parent = head.head
            if head.dep_ in ("ccomp", "xcomp") and parent.lower_ in RATING_VERBS:
                return parent, "verb"
            return head, "copula"
        if node.dep_ not in ("oprd", "ccomp", "xcomp", "acomp", "attr", "pobj", "prep", "conj", "advmod"):
            break
        node = head
    return None, ""


def _surface_trigger(story: Story, gt: Token, window: int = 12) -> Token | None:
    """The nearest rating word before a grade in its sentence, when the parse missed it."""
    sent = story.sent(gt.i)
    for i in range(gt.i - 1, max(sent.start, gt.i - window) - 1, -1):
        token = story.doc[i]
        if token.lower_ in BOUNDARIES or token.text in (".", ";"):
            return None
        if token.lower_ in CHANGE_VERBS and story.doc[i + 1].lower_ == "to":
            return token
        if token.lower_ in RATING_VERBS and token.pos_ in ("VERB", "AUX", "NOUN"):
            return token
    return None


def _argument(story: Story, trigger: Token, how: str, gt: Token) -> tuple[list[Token], list[Token]]:
    """(words, head words) naming what was rated: the parse's subject or object, else the words
    between the rating verb and the grade ("rated Newham's children's services inadequate")."""
    heads: list[Token] = [c for c in gt.children if c.dep_ in ("nsubj", "nsubjpass")]
    if gt.head.lower_ in COPULAS and gt.dep_ in ("acomp", "attr") and trigger.i != gt.head.i:
        heads += [c for c in gt.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if how == "verb":
        heads += [c for c in trigger.children if c.dep_ in ("dobj",)]
        if not heads:
            heads += [c for c in trigger.children if c.dep_ in ("nsubjpass",)]
        if not heads and trigger.dep_ in ("acl", "relcl") and trigger.head.pos_ in ("NOUN", "PROPN"):
            heads.append(trigger.head)
        if not heads and any(c.dep_ == "auxpass" for c in trigger.children):
            heads += subjects(trigger)
    elif how in ("copula", "change"):
        heads += [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
    heads = [h if not (h.lower_ in ("which", "that") and trigger.dep_ == "relcl") else trigger.head for h in heads]
    if any(h.i == gt.i for h in heads):  # "judged [the council's original review inadequate]"
        heads = [h for h in heads if h.i != gt.i] + [
            c for c in gt.children if c.i < gt.i and c.pos_ in ("NOUN", "PROPN", "PRON")]
    # a head whose phrase swallows the rating itself is a misparse
    heads = [h for h in heads if not (h.left_edge.i <= trigger.i <= h.right_edge.i)
             and not (h.left_edge.i <= gt.i <= h.right_edge.i and h.i != gt.i)]
    if how == "copula":
        judged = next((t for t in story.sent(trigger.i) if t.i < trigger.i and t.lower_ in JUDGEMENT_NOUNS), None)
        if judged is not None:
            return list(story.doc[judged.i:trigger.i]), [judged]
    if heads:
        tokens: list[Token] = []
        other_grades = {i for s in story.doc.spans.get(TERMS_KEY, []) if s.label_ == "GRADE" and s.start != gt.i
                        for i in range(s.start, s.end)}
        for head in heads:
            tokens += [t for t in head.subtree if (in_clause(t, head) or t.dep_ in ("prep", "pobj"))
                       and t.i not in other_grades and t not in tokens]
        return tokens, heads
    if trigger.i < gt.i:
        end = gt.i - 2 if story.doc[gt.i - 1].lower_ == "be" and story.doc[gt.i - 2].lower_ == "to" else gt.i
        end = next((t.i for t in story.doc[trigger.i + 1:end] if t.lower_ == "as"), end)
        end = min([s.start for s in story.doc.spans.get(TERMS_KEY, []) if s.label_ == "GRADE"
                   and trigger.i < s.start < end] or [end])
        tokens = list(story.doc[trigger.i + 1:end])
        if [t for t in tokens if t.pos_ in ("NOUN", "PROPN", "PRON")]:
            return tokens, _phrase_heads(tokens)
    tokens = _left_clause(story, trigger)
    return tokens, _phrase_heads(tokens)


def _phrase_heads(tokens: list[Token]) -> list[Token]:
    indexes = {t.i for t in tokens}
    return [t for t in tokens if t.head.i not in indexes or t.head.i == t.i]


def _left_clause(story: Story, trigger: Token) -> list[Token]:
    sent = story.sent(trigger.i)
    start = sent.start
    for i in range(trigger.i - 1, sent.start - 1, -1):
        if story.doc[i].lower_ in BOUNDARIES | {",", "after", "when", "which"}:
            start = i + 1
            break
    return list(story.doc[start:trigger.i])


def _right_context(story: Story, trigger: Token, gt: Token) -> list[Token]:
    """"inadequate at child protection", "rated ... inadequate overall and in each of the three
    judgement areas: A, B and C", "outstanding for children's services"."""
    doc = story.doc
    sent_end = story.sent(gt.i).end
    grades = {s.start for s in doc.spans.get(TERMS_KEY, []) if s.label_ == "GRADE" and s.start > gt.i}
    stop = min([i for i in grades if i < sent_end] or [sent_end])
    out: list[Token] = []
    for child in gt.children:
        if child.dep_ in ("prep", "advmod", "npadvmod") and child.i > gt.i:
            out += [t for t in child.subtree if t.i < stop]
    end = gt.i + 1
    while end < stop and not (doc[end].text == "," and not _more_areas(doc, end + 1, stop)) and doc[end].text not in (
            ".", ";") and doc[end].lower_ not in (
            "after", "with", "having", "while", "but", "which", "when", "since", "than", "that") and not (
            doc[end].lower_ == "and" and end + 1 < stop and doc[end + 1].pos_ in ("DET", "PRON", "SCONJ")):
        if doc[end].i not in {t.i for t in out}:
            out.append(doc[end])
        end += 1
    if out and out[-1].lower_ == "and":
        out.pop()
    if end < sent_end and doc[end].text == ":" or any(t.text == ":" for t in out):
        colon = next((t.i for t in doc[gt.i:sent_end] if t.text == ":"), None)
        if colon is not None and any(t.lower_ in ("areas", "judgements", "judgments", "areas:") for t in doc[gt.i:colon]):
            out += list(doc[colon + 1:sent_end])
    return out


def _more_areas(doc, i: int, stop: int) -> bool:
    """Whether a comma goes on to a further judged area: "good for A, for B and for C", ", as well as B"."""
    if i >= stop:
        return False
    if doc[i].lower_ == "for":
        return True
    return doc[i].lower_ == "as" and i + 2 < stop and doc[i + 1].lower_ == "well" and doc[i + 2].lower_ == "as"


EVERY_AREA = re.compile(r"\b(?:in|across|for) (?:every|each|all) (?:area|areas|judgements?|judgments?)\b"
                        r"|\b(?:in|across) all (?:three|four|five) (?:areas|judgements|judgments)\b")
SIF_AREAS = ("leadership", "help_and_protection", "children_in_care")


def _every_area(tokens: list[Token]) -> str | None:
    """"judged to require improvement to be good in every area": the grade holds for each judgement,
    and the area reads as written ("in every area")."""
    ordered = sorted(tokens, key=lambda t: t.i)
    found = EVERY_AREA.search(" ".join(t.lower_ for t in ordered))
    return found.group(0) if found else None


def _areas(story: Story, tokens: list[Token]) -> list[tuple[str, str]]:
    """(category, text) of every judged area named in some words, longest first, once per category."""
    indexes = {t.i for t in tokens}
    found: list[tuple[str, str]] = []
    for span in story.doc.spans.get(TERMS_KEY, []):
        if span.label_ == "AREA" and any(i in indexes for i in range(span.start, span.end)) and (
                span.id_, span.text) not in found:
            if span.id_ == "care_leavers" and any(
                    f[0] == "children_in_care" and "care leavers" in f[1] for f in found):
                continue
            found.append((span.id_, span.text))
    by_category: dict[str, str] = {}
    for category, text in found:
        by_category.setdefault(category, text)
    return list(by_category.items())


def _authority(story: Story, tokens: list[Token], trigger: Token) -> tuple[Org | None, str | None]:
    """(authority, name as written) of the rated phrase, else of the clause, else "the council"."""
    for token in tokens:
        org = story.org_of_token(token)
        if org is not None and org.code:
            ent = story.org_at[token.i][0]
            return org, ent.text
    for token in tokens:
        if token.lower_ == "whose" and trigger.dep_ == "relcl":
            # "neighbouring Kirklees, whose children's services were rated inadequate": the noun it hangs on
            org = story.org_of_token(trigger.head)
            if org is not None and org.code:
                return org, story.org_at[trigger.head.i][0].text if trigger.head.i in story.org_at else None
        if token.lower_ in ("its", "their", "it", "them", "they") or (
                token.lower_ in COUNCIL_WORDS and token.dep_ in ("poss", "pobj", "nsubj", "nsubjpass", "dobj")):
            org = story.resolve_org(token, councils_only=True)
            if org is not None and org.code:
                return org, None
    for token in trigger.subtree:
        if in_clause(token, trigger):
            org = story.org_of_token(token)
            if org is not None and org.code:
                return org, story.org_at[token.i][0].text
    org = story.council_here(trigger.i)
    return org, None


def _rated_thing_ok(tokens: list[Token], heads: list[Token], areas: list) -> bool:
    """Whether the rated phrase is a council's services (or the council), not a review or a plan."""
    words = {t.lower_ for t in tokens}
    if words & {"councils", "authorities"} and not areas:
        return False
    if any(t.lower_ in NOT_RATED for t in heads):
        return False
    return True


def _denied(story: Story, gt: Token) -> bool:
    """"are no longer inadequate", "was not rated inadequate", "never judged outstanding"."""
    before = [t.lower_ for t in story.doc[max(story.sent(gt.i).start, gt.i - 4):gt.i]]
    return any(w in ("not", "n't", "never", "nor") for w in before) or "no longer" in " ".join(before)


def _context_ok(story: Story, trigger: Token) -> bool:
    index = story.sentence_index(trigger.i)
    for sent in story.sentences[max(0, index - 2):index + 1]:
        if any(t.lower_ in CONTEXT_WORDS for t in sent):
            return True
    return False


def _recent_report_date(story: Story, sent: Span, found: list[FoundRating], code: str | None
                        ) -> tuple[str | None, bool]:
    """The report date one of the two sentences before gave for the same council ("Ofsted's
    report, published last month, rated Reading inadequate overall. The judgements for ... were
    also inadequate.")."""
    index = story.sentence_index(sent.start)
    floor = story.sentences[max(0, index - 2)].start
    earlier = [f for f in found if f.rating.date and floor <= f.sentence_start <= sent.start
               and f.rating.authority_code == code]
    stated = [f for f in earlier if not f.weak]
    if stated:
        return stated[-1].rating.date, False
    for previous in reversed(story.sentences[max(0, index - 2):index]):
        for token in previous:
            if token.lower_ in ("published", "issued", "released") and token.pos_ == "VERB":
                value, _ = date_of(story, token)
                if value:
                    return value, False
    if earlier:
        return earlier[-1].rating.date, True
    return None, False


def _date(story: Story, trigger: Token, found: list[FoundRating], right: set[int], code: str | None
          ) -> tuple[str | None, bool]:
    pred = trigger if trigger.pos_ in ("VERB", "AUX") else predicate(trigger)
    since = _duration_start(story, pred)
    if since:
        return since, False
    value, _ = date_of(story, pred, prefer=PUBLISHED)
    if value:
        return value, False
    for clause in pred.children:  # "When Ofsted last inspected in 2014, services were judged inadequate"
        if clause.dep_ == "advcl" and clause.i < pred.i and any(
                c.lower_ == "when" and c.dep_ in ("advmod", "mark") for c in clause.children):
            value, _ = date_of(story, clause)
            if value:
                return value, False
    if is_perfect(pred):
        return news_date(story, pred)  # "Ofsted has rated ...": the story's news
    # "two months after Ofsted rated ...": counted back from the sentence's event
    node = pred
    if node.dep_ == "advcl":
        parent = predicate(node.head)
        parent_value, _ = date_of(story, parent)
        if parent_value is None:
            parent_value, _ = news_date(story, parent)
        back = after_interval(story, node, parent_value)
        if back:
            return back, False
        if parent_value and any(c.lower_ in ("after", "following") for c in node.children if c.dep_ == "mark"):
            return parent_value[:4], False
    if node.dep_ == "relcl":
        for span in story.dates:
            if span.root.i in {t.i for t in node.head.subtree} and span.root.i not in {t.i for t in node.subtree}:
                value = resolve_span(story, span)
                if value:
                    return value, False
    for span in story.dates:
        if span.start in right and story.sent(span.start).start == story.sent(trigger.i).start:
            value = resolve_span(story, span)
            if value:
                return value, False
    value, weak = _recent_report_date(story, story.sent(trigger.i), found, code)
    if value:
        return value, weak
    parent = parent_for_time(pred)
    return news_date(story, parent if parent is not None else pred)


NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _duration_start(story: Story, pred: Token) -> str | None:
    """"has been rated inadequate for the past four years": the grade was given that many years before
    the story."""
    if not story.published or not is_perfect(pred):
        return None
    for prep in pred.subtree:
        if prep.dep_ != "prep" or prep.lower_ != "for" or not in_clause(prep, pred):
            continue
        for noun in prep.children:
            words = {c.lower_: c for c in noun.children}
            count = next((c for c in noun.children if c.dep_ == "nummod"), None)
            if noun.lower_ == "years" and count is not None and ("past" in words or "last" in words):
                n = NUMBER_WORDS.get(count.lower_) or (int(count.text) if count.text.isdigit() else None)
                if n:
                    return str(int(story.published[:4]) - n)
    return None


def find_ratings(story: Story) -> list[FoundRating]:
    """Every rating candidate of a story, before merging."""
    found: list[FoundRating] = []
    for span in story.doc.spans.get(TERMS_KEY, []):
        if span.label_ != "GRADE":
            continue
        found += _ratings_of(story, span, found)
    return found


RECEIVE_VERBS = {"received", "receive", "receives", "got", "gets", "given", "awarded", "handed", "earned",
                 "achieved", "secured"}


def _noun_rating(story: Story, span: Span, found: list[FoundRating]) -> list[FoundRating]:
    """"Hull's children's services have received an outstanding rating from Ofsted", "followed an
    inadequate Ofsted judgement in 2017": a grade that describes one judgement noun."""
    gt, noun = span[0], span[0].head
    if gt.dep_ != "amod" or noun.lower_ not in ("rating", "judgement", "judgment", "verdict", "grade") or \
            not any(c.lower_ in ("a", "an") for c in noun.children) or story._in_quote(gt.i):
        return []
    verb = noun.head if noun.dep_ in ("dobj", "nsubjpass") else None
    ofsted = any(c.lower_ == "ofsted" for c in noun.children) or any(
        t.lower_ == "ofsted" for t in story.doc[noun.i:story.sent(noun.i).end][:4])
    dates = [d for d in story.dates if noun.i < d.start and d.root.head.head.i == noun.i]
    if verb is not None and verb.lower_ in RECEIVE_VERBS and ofsted:
        if is_hedged(verb) or verb.dep_ in ("relcl", "acl"):
            return []
        heads = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        tokens = [t for h in heads for t in h.subtree]
        authority, written = _authority(story, tokens, verb)
        value, weak = _date(story, verb, found, set(), authority.code if authority else None)
    elif verb is not None and verb.lower_ in ("followed", "follows") and ofsted and dates:
        if is_hedged(verb):
            return []
        authority, written = story.council_here(noun.i), None
        value, weak = resolve_span(story, dates[0]), False
    else:
        return []
    if authority is None or not authority.code or not value:
        return []
    return [FoundRating(Rating(authority=written or authority.name, authority_code=authority.code, area="overall",
                               area_category="overall", grade=grade_of(span), date=value,
                               evidence=story.sent(gt.i).text.strip()), weak, story.sent(gt.i).start)]


def _ratings_of(story: Story, span: Span, found: list[FoundRating]) -> list[FoundRating]:
    gt = span[0]
    trigger, how = _rating_predicate(gt)
    if trigger is None and gt.dep_ == "amod":
        nominal = _noun_rating(story, span, found)
        if nominal:
            return nominal
    if span.id_ in ("outstanding", "good", "adequate", "poor") and gt.lower_.startswith("perform"):
        trigger, how = gt, "copula"
    if trigger is not None and how == "copula" and trigger.lower_ == "be" and trigger.i > 0 and \
            story.doc[trigger.i - 1].lower_ == "to":
        # "judged the contribution of local services ... to be inadequate"
        verb = _surface_trigger(story, story.doc[trigger.i - 1], window=20)
        trigger, how = (verb, "surface") if verb is not None else (None, "")
    if trigger is not None and trigger.i < gt.i:
        nearer = _surface_trigger(story, gt)
        if nearer is not None and trigger.i < nearer.i and nearer.lower_ in RATING_VERBS and nearer.pos_ == "VERB":
            trigger, how = nearer, "verb"  # "judged X inadequate, and rated Y inadequate too"
    if trigger is None:
        trigger = _surface_trigger(story, gt)
        how = "surface"
    if trigger is None or story._in_quote(gt.i):
        return []
    pred = trigger if trigger.pos_ in ("VERB", "AUX") else predicate(trigger)
    if is_hedged(pred) or not _context_ok(story, trigger) or _denied(story, gt):
        return []
    tokens, heads = _argument(story, trigger, how, gt)
    if how == "copula" and not _areas(story, tokens) and not any(
            t.lower_ in JUDGEMENT_NOUNS | SERVICE_WORDS or t.i in story.org_at for t in tokens):
        return []
    if how == "surface" and trigger.lower_ in JUDGEMENT_NOUNS and trigger.i > gt.i:
        return []
    right = _right_context(story, trigger, gt)
    areas = _areas(story, tokens + right)
    overall_word = any(t.lower_ == "overall" for t in right + tokens)
    if not _rated_thing_ok(tokens, heads, areas):
        return []
    pronoun = next((t for t in tokens if t.lower_ in ("them", "they", "it")), None)
    if not areas and pronoun is not None:
        areas = _antecedent_areas(story, gt, found)
    if not tokens and not areas and not overall_word:
        if not any(t.lower_ in SERVICE_WORDS for t in right):
            return []
    authority, written = _authority(story, tokens, trigger)
    if authority is None or not authority.code:
        return []
    if overall_word and ("overall", "overall") not in areas and not any(c == "overall" for c, _ in areas):
        areas = [("overall", "overall"), *areas]
    if not areas:
        areas = [("overall", _overall_text(tokens))]
    every = _every_area(right)
    if every and grade_of(span) in ("outstanding", "good", "requires_improvement", "inadequate"):
        areas += [(category, every) for category in SIF_AREAS if not any(c == category for c, _ in areas)]
    value, weak = _date(story, trigger, found, {t.i for t in right}, authority.code)
    values = [value, *_also_dated(story, right, value)]
    councils = [(authority, written), *_also_rated(story, tokens, authority)]
    out = []
    for (council, name), when, (category, text) in product(councils, values, areas):
        out.append(FoundRating(Rating(
            authority=name or council.name, authority_code=council.code, area=text, area_category=category,
            grade=grade_of(span), date=when, evidence=story.sent(gt.i).text.strip()), weak, story.sent(gt.i).start))
    return out


def _also_rated(story: Story, tokens: list[Token], first: Org) -> list[tuple[Org, str]]:
    """"Ofsted rated Hull, Kent and Slough inadequate": every council named in a list is rated."""
    out: list[tuple[Org, str]] = []
    seen = {first.code}
    for token in tokens:
        found = story.org_at.get(token.i)
        if found is None or not found[1].code or found[1].code in seen or token.i != found[0].start:
            continue
        before = story.tokens[token.i - 1].lower_ if token.i else ""
        if before in (",", "and", "&"):
            seen.add(found[1].code)
            out.append((found[1], found[0].text))
    return out


def _also_dated(story: Story, right: list[Token], value: str | None) -> list[str]:
    """"found it inadequate in 2013 and 2015": each further date joined by "and" is a further rating."""
    if not value:
        return []
    from scrutiny.extract.relative_dates import resolve

    indexes = {t.i for t in right}
    spans = [span for span in story.dates if span.start in indexes]
    texts: list[str] = []
    for n, span in enumerate(spans):
        if " and " in span.text:
            texts += span.text.split(" and ")[1:]
        elif n and _joined(story, span.start):
            texts.append(span.text)
    out = []
    for text in texts:
        other = resolve(text, story.published)
        if other and other != value and len(other) == len(value) and other not in out:
            out.append(other)
    return out


def _joined(story: Story, start: int) -> bool:
    """A date joined to the one before: "2013 and 2015", "in 2013 and again in 2015"."""
    i = start - 1
    while i > 0 and story.doc[i].lower_ in ("in", "again", "then", "also"):
        i -= 1
    return story.doc[i].lower_ in ("and", ",")


def _overall_text(tokens: list[Token]) -> str:
    """How an overall rating's area reads: the services named, else "overall"."""
    words = [t.lower_ for t in tokens]
    for n, word in enumerate(words):
        if word in ("services", "service", "care") and n > 0 and words[n - 1] in ("'s", "’s", "social"):
            return "children's social care" if word == "care" else "children's services"
    if "services" in words or "service" in words:
        return "services"
    return "overall"


def _antecedent_areas(story: Story, gt: Token, found: list[FoundRating]) -> list[tuple[str, str]]:
    """"having also judged them inadequate": the areas of the rating just before."""
    index = story.sentence_index(gt.i)
    floor = story.sentences[max(0, index - 1)].start
    earlier = [f for f in found if f.sentence_start >= floor]
    if not earlier:
        return []
    last_start = earlier[-1].sentence_start
    return [(f.rating.area_category, f.rating.area) for f in earlier if f.sentence_start == last_start
            and not EVERY_AREA.search(f.rating.area)]
