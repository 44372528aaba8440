"""People and their posts: who holds (held, will hold) which post where.

A post is a ``POST`` span of the ``scrutiny_terms`` component ("director of
children's services", "council leader"). It becomes a fact when the sentence
ties it to a named person by one of the constructions news writing uses:

- before the name: "children's minister Ed Timpson", "Sandwell leader Darren
  Cooper (Lab)", "Sandwell's chief executive Jan Britton";
- in apposition after the name: "Jan Britton, chief executive of X", "Thacker,
  its strategic director for ...", "Shaun Wright, who was the council's cabinet
  member ...";
- in apposition before the name: "the council's then service director for
  children and families, Helen Smith,";
- with "as": "appointed Richard Hubbard as interim director", "joined Rotherham
  as deputy director", "resigned as police and crime commissioner";
- as a complement: "Whitfield is chief executive of X", "has been appointed
  commissioner", "was promoted to assistant director", "before becoming chief
  executive";
- "chaired": "Its board is chaired by Elaine Simpson".

The organisation comes from the post's own words ("of X", "X's", "X leader"),
the clause ("The trust is led by ...", "joined Havering as ..."), or the post's
kind (a minister's department, Ofsted's chief inspector, else the council the
story is about). The status comes from "former", "then", "previously", the
tense of the clause and whether the person is said to have left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from scrutiny.extract.clauses import (
    is_future,
    is_hedged,
    is_negated,
    is_past,
    is_past_perfect,
    predicate,
    subjects,
)
from scrutiny.extract.coref import NOT_COUNCIL, POSTNOMINALS, Org, Story, government_department
from scrutiny.extract.nlp import HONORIFICS, TERMS_KEY

# Word forms of the verbs that make or end a post (the lemmatizer is not in the pipeline).
APPOINT_VERBS = {
    "appoint", "appoints", "appointed", "appointing", "name", "names", "named", "naming", "recruit", "recruits",
    "recruited", "hire", "hires", "hired", "confirm", "confirms", "confirmed", "choose", "chooses", "chose",
    "chosen", "select", "selected", "install", "installed", "bring", "brings", "brought", "join", "joins",
    "joined", "joining", "promote", "promoted", "become", "becomes", "became", "becoming", "take", "takes",
    "took", "taken", "taking", "step", "steps", "stepped", "stepping", "unveil", "unveiled", "announce",
    "announced", "announces", "elect", "elected", "made", "make", "replace", "replaced", "succeed", "succeeded",
    "parachute", "parachuted", "send", "sent", "drafted", "draft", "move", "moves", "moved",
}
DEPART_VERBS = {
    "resign", "resigns", "resigned", "resigning", "quit", "quits", "quitting", "leave", "leaves", "left",
    "leaving", "retire", "retires", "retired", "retiring", "sack", "sacked", "sacks", "dismiss", "dismissed",
    "remove", "removed", "removes", "removing", "oust", "ousted", "axe", "axed", "depart", "departed",
    "departs", "departing", "fire", "fired", "stepped", "step", "steps", "stepping", "stand", "stood",
    "standing", "exit", "exited", "exits",
}
DEPART_NOUNS = {"resignation", "resignations", "departure", "departures", "removal", "retirement", "exit",
                "sacking", "dismissal", "ousting"}
STATUS_FORMER = {"former", "then", "previously", "ex", "erstwhile", "past", "one-time", "onetime", "late"}
STATUS_INCOMING = {"incoming", "designate", "future", "next"}
BRIDGE_WORDS = {
    "a", "an", "the", "its", "their", "his", "her", "also", "now", "currently", "still", "who", "is", "was",
    "has", "had", "been", "will", "be", "remains", "remained", "became", "becomes", "-", "’s", "'s",
    "council", "authority", "borough", "trust", "city", "county", "department", "government", "board",
    "and", "most", "recently", "until", "already", "permanent", "long-serving", "longstanding",
    "newly", "appointed", "named", "current", "present", "first", *STATUS_FORMER, *STATUS_INCOMING,
}
COMPLEMENT_VERBS = {
    "is", "was", "are", "were", "be", "been", "being", "become", "becomes", "became", "becoming", "remains",
    "remained", "remain", "named", "appointed", "made", "elected", "promoted", "confirmed", "installed",
    "serves", "served", "serving", "acts", "acted", "acting",
}
DET_WORDS = {"a", "an", "the", "its", "their", "his", "her", "new", "also", "now", "currently", "permanent",
             "substantive", *STATUS_FORMER, *STATUS_INCOMING}
TAIL_PREPS = {"of", "for", "at", "in"}
LEADING_NOISE = {"new", "the", "a", "an", ",", "and", "’s", "'s", "-"}


@dataclass
class Holding:
    """One person holding one post, as one sentence says."""

    name: str
    role: str
    category: str
    org: Org | None
    status: str
    acting: bool
    sentence: Span
    post: Span
    construction: str  # before, after, apposition, as, complement, chaired
    verb: Token | None = None  # the predicate that states it ("appointed", "joined", "is")
    explicit_status: bool = False
    appointed_on: str | None = None  # set by the event rules when the sentence dates an appointment


# --- categories ------------------------------------------------------------------------------------


def role_category(role: str, org: Org | None = None) -> str:
    """The contract's role_category of a post as written (FACTS.md)."""
    text = role.lower().replace("’", "'")
    org_name = (org.name if org else "").lower()
    if "police and crime commissioner" in text or "chief social worker" in text:
        return "other"
    if "commissioner" in text:
        if "children's commissioner" in text and not (org and org.code) and "services" not in text:
            return "other"
        return "commissioner"
    if re.search(r"\b(minister|secretary of state|secretary)\b", text):
        return "minister"
    if re.search(r"\b(inspector|national director|regional director)\b", text):
        return "inspector"
    if re.search(r"\b(improvement (adviser|advisor|director)|expert (adviser|advisor))\b", text):
        return "improvement_adviser"
    if re.search(r"\b(vice|deputy)[ -]?chair", text):
        return "other"
    if re.search(r"\bchair", text):
        return "other" if re.search(r"\b(committee|scrutiny|select)\b", org_name + " " + text) else "chair"
    if re.search(r"\b(president|mp|opposition|group leader|deputy leader)\b", text):
        return "other"
    if re.search(r"\b(leader|mayor)\b", text):
        return "council_leader"
    if re.search(r"\b(cabinet|lead|executive) (member|lead)\b|portfolio holder|councillor responsible", text):
        return "lead_member"
    if re.search(r"\b(chief exec(utive)?|managing director|ceo)\b", text):
        return "chief_executive"
    if re.search(r"\b(assistant|deputy) director\b", text):
        return "assistant_director"
    if re.search(r"\bhead of\b|\bmanager\b", text):
        return "head_of_service"
    if re.search(r"\bservices? director\b", text):
        return "service_director"
    if "director" in text or text == "dcs":
        remit = text.split("director", 1)[1] if "director" in text else ""
        if re.search(r"\bsocial care\b", remit) and "services" not in remit:
            return "service_director"
        if remit and not re.search(r"\b(children|child|people|famil|school|education|young)", remit):
            return "service_director"
        return "director_childrens_services"
    return "other"


def is_acting(role: str, prefix: list[Token]) -> bool:
    words = set(role.lower().split()) | {t.lower_ for t in prefix}
    return bool(words & {"interim", "acting", "temporary", "caretaker"})


# --- finding holders -------------------------------------------------------------------------------


def clean_post(span: Span) -> Span:
    """A post without the separators the remit pattern swallowed; empty for a bare "director"
    whose remit the vocabulary does not know ("executive director of finance")."""
    start, end = span.start, span.end
    doc = span.doc
    if doc[end - 1].lower_ == "director" and end < len(doc) and doc[end].lower_ in ("of", "for") and not (
            {t.lower_ for t in span} & {"interim", "acting", "deputy", "assistant", "service"}):
        return doc[start:start]
    while start < end and doc[start].lower_ in LEADING_NOISE:
        start += 1
    while end > start and doc[end - 1].lower_ in (",", "and", "’s", "'s", "-", "&", "for", "of", "with"):
        end -= 1
    return doc[start:end]


def _skip_honorifics(story: Story, index: int) -> int:
    doc = story.doc
    while index < len(doc) and doc[index].lower_.rstrip(".") in HONORIFICS:
        index += 1
        if index < len(doc) and doc[index].text == ".":
            index += 1
    return index


def _mention_starting(story: Story, index: int) -> tuple[int, int, str] | None:
    """The person named from a token on: a known mention, else a name-shaped run of words."""
    index = _skip_honorifics(story, index)
    for start, end, name in story.mentions:
        if start == index:
            return start, end, name
    for length in (5, 4, 3, 2):
        if story.name_shaped(index, index + length):
            return index, index + length, story.add_person(index, index + length)
    return None


def _mention_ending(story: Story, index: int) -> tuple[int, int, str] | None:
    """The person named up to a token: a known mention, else a name-shaped run of words."""
    for start, end, name in story.mentions:
        if end == index:
            return start, end, name
    for length in (5, 4, 3, 2):
        start = index - length
        if start >= 0 and story.name_shaped(start, index) and (
                start == 0 or not story.doc[start - 1].is_title or story.doc[start - 1].is_sent_start):
            return start, index, story.add_person(start, index)
        if start >= 0 and story.titled_name(start, index):
            return start + 1, index, story.add_person(start + 1, index)
    return None


def org_tail(story: Story, post: Span) -> tuple[Org | None, int]:
    """The organisation named right after a post ("of X", "for X", "at X", "in X") and where it ends."""
    doc = story.doc
    i = post.end
    if i >= len(doc) or doc[i].lower_ not in TAIL_PREPS:
        return None, post.end
    j = i + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    if j >= len(doc):
        return None, post.end
    found = story.org_at.get(j)
    if found:
        ent, org = found
        return org, ent.end
    token = doc[j]
    if token.lower_ in ("council", "authority", "borough", "city", "town", "county", "trust", "company",
                        "department", "unitary", "watchdog", "inspectorate"):
        # the head of the noun phrase: "the city council", "the local authority"
        end = j
        while end + 1 < len(doc) and doc[end + 1].lower_ in ("council", "authority"):
            end += 1
        org = story.resolve_org(doc[end])
        return org, end + 1
    if token.lower_ in ("local",) and j + 1 < len(doc) and doc[j + 1].lower_ == "authority":
        return story.council_here(j), j + 2
    return named_phrase(story, doc[i])


ORG_NOUNS = {"committee", "board", "association", "trust", "bureau", "partnership", "company", "charity",
             "service", "agency", "commission", "council", "group", "network", "society", "institute", "panel"}


def named_phrase(story: Story, prep: Token) -> tuple[Org | None, int]:
    """An organisation the model did not tag, named as a proper noun phrase after a preposition:
    "chair of the Commons home affairs committee"."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lower_ not in ORG_NOUNS:
        return None, prep.i
    words = [t for t in story.doc[pobj.left_edge.i:pobj.i + 1]]
    if not any(t.is_title and t.i != words[0].i for t in words) and not (words and words[0].is_title):
        return None, prep.i
    name = " ".join(t.text for t in words)
    name = re.sub(r"^(the|The)\s+", "", name)
    return Org(name), pobj.i + 1


def _prefix(story: Story, post: Span, limit: int = 6) -> list[Token]:
    """The words right before a post that can still belong to it: articles, status words, a possessor."""
    doc = story.doc
    out: list[Token] = []
    i = post.start - 1
    while i >= story.sent(post.start).start and len(out) < limit:
        token = doc[i]
        if token.lower_ in DET_WORDS or token.text in ("’s", "'s") or token.i in story.org_at:
            out.insert(0, token)
            i -= 1
            continue
        if token.lower_ in ("council", "authority", "borough", "trust", "city", "county", "department",
                            "unitary", "local", "board") and i - 1 >= 0 and doc[i - 1].lower_ in ("the", "city",
                                                                                             "local", "county"):
            out.insert(0, token)
            i -= 1
            continue
        break
    return out


def possessor_org(story: Story, post: Span, prefix: list[Token]) -> Org | None:
    """"Sandwell's chief executive", "the council's then service director", "its acting director"."""
    for n, token in enumerate(prefix):
        if token.text in ("’s", "'s") and n > 0:
            return story.resolve_org(prefix[n - 1])
        if token.lower_ in ("its", "their"):
            return story.resolve_org(token)
    if prefix and prefix[-1].i in story.org_at and prefix[-1].i == post.start - 1:
        return story.org_at[prefix[-1].i][1]  # "Sandwell leader", "Hampshire CC chief executive"
    return None


def _nearest_person_left(story: Story, index: int, floor: int) -> tuple[int, int, str] | None:
    before = [m for m in story.mentions if floor <= m[0] and m[1] <= index]
    return before[-1] if before else None


def _person_of(story: Story, token: Token) -> str | None:
    """The person a subject or object token is: a name, a pronoun, or "who" standing for a name."""
    if token.lower_ in ("who", "whom", "that") and token.head.dep_ == "relcl":
        token = token.head.head
    for t in [token, *[c for c in token.children if c.dep_ in ("compound", "appos")]]:
        name = story.person(t) if t is not token else story.person_or_name(t)
        if name:
            return name
    if token.dep_ == "relcl":
        return story.person(token.head)
    return None


def _left_of_clause(near: tuple[int, int, str] | None, verb: Token) -> bool:
    """Whether a name found before "as" is inside the clause of the verb ("Peers has joined the
    directorate as") rather than before it."""
    return near is not None and near[0] >= verb.left_edge.i


def _verb_of_argument(token: Token) -> Token | None:
    """The verb a name is the subject or object of ("naming Nick Whitfield as", "Peers has joined")."""
    node = token
    while node.dep_ in ("conj", "appos", "compound") and node.head.i != node.i:
        node = node.head
    if node.dep_ in ("dobj", "nsubj", "nsubjpass") and node.head.pos_ in ("VERB", "AUX"):
        return node.head
    return None


def find_holders(story: Story, post: Span, chained: dict[int, tuple[str, str, Token | None]]
                 ) -> list[tuple[str, str, Token | None]]:
    """(name, construction, verb) for every person a sentence says holds a post."""
    doc = story.doc
    sent = story.sent(post.start)
    prefix = _prefix(story, post)
    first = prefix[0].i if prefix else post.start
    # "POST NAME": children's minister Ed Timpson
    after = _mention_starting(story, post.end)
    if after and after[0] - post.end <= 2:
        return [(after[2], "before", None)]
    # "POST [of ORG], NAME,"
    _, tail_end = org_tail(story, post)
    if tail_end < sent.end and doc[tail_end].text == ",":
        named = _mention_starting(story, tail_end + 1)
        if named and (named[1] >= sent.end or doc[named[1]].lower_ in (",", ".", "(", ";", ")", "from", "who")
                      or doc[named[1]].pos_ in ("VERB", "AUX")):
            return [(named[2], "apposition", None)]
    # "named its new director of children's services as Murray Rose"
    if tail_end + 1 < sent.end and doc[tail_end].lower_ == "as":
        named = _mention_starting(story, tail_end + 1)
        if named and doc[post.start - 1].lower_ in DET_WORDS | {"’s", "'s"} and any(
                t.lower_ in APPOINT_VERBS for t in doc[max(sent.start, first - 3):first]):
            verb = next(t for t in doc[max(sent.start, first - 3):first] if t.lower_ in APPOINT_VERBS)
            return [(named[2], "as", verb)]
    # "NAME, [who was] [the council's] POST"
    i = first - 1
    bridge = 0
    while i > sent.start and (doc[i].lower_ in BRIDGE_WORDS or doc[i].i in story.org_at or doc[i].like_num) \
            and bridge < 8:
        i -= 1
        bridge += 1
    if i > sent.start and doc[i].text == "," and doc[i - 1].like_num and i - 2 > sent.start and \
            doc[i - 2].text == ",":
        i -= 2  # "Jo Smith, 52, director of children's services"
    if i > sent.start and doc[i].text == ",":
        end = i
        while end - 1 > sent.start and doc[end - 1].lower_.rstrip(".") in POSTNOMINALS:
            end -= 1  # "Cllr Jo Wood OBE, Leeds's lead member"
        named = _mention_ending(story, end)
        if named:
            verbs = [doc[k] for k in range(i + 1, first) if doc[k].pos_ in ("AUX", "VERB")]
            verb = verbs[-1] if verbs else None  # "who has been appointed": the main verb
            return [(named[2], "after", verb)]
    # "A, POST1 of X and POST2 of Y": the second post shares the first one's holder
    if first - 1 > sent.start and doc[first - 1].lower_ == "and" and (first - 1) in chained:
        return [chained[first - 1]]
    # "as POST"
    if first - 1 >= sent.start and doc[first - 1].lower_ == "as":
        as_token = doc[first - 1]
        verb = predicate(as_token.head) if as_token.head.i != as_token.i else None
        _mention_ending(story, as_token.i)  # "appointed Alison Jones as": a name the recogniser missed
        near = _nearest_person_left(story, as_token.i, sent.start)
        holders: list[str] = [near[2]] if near else []
        if near and (verb is None or verb.ent_type_ or verb.pos_ not in ("VERB", "AUX")):
            verb = _verb_of_argument(doc[near[1] - 1]) or verb  # "Reading" read as a verb
        if verb is not None and (not holders or not _left_of_clause(near, verb)):
            found = [n for n in (_person_of(story, subj) for subj in subjects(verb)) if n]
            holders = found or holders
        if not holders and verb is not None:
            for subj in subjects(verb):
                name = _person_of(story, subj)
                if name:
                    holders.append(name)
        return [(h, "as", verb) for h in holders]
    # "NAME is/was/has been appointed POST", "promoted to POST", "before becoming POST"
    k = first - 1
    if k >= sent.start and doc[k].lower_ == "to" and k - 1 >= sent.start:
        k -= 1
    if k >= sent.start and doc[k].lower_ in COMPLEMENT_VERBS:
        verb_token = doc[k]
        verb = verb_token if verb_token.pos_ in ("VERB", "AUX") else predicate(verb_token)
        if verb_token.dep_ in ("aux", "auxpass"):
            verb = verb_token.head
        holders = []
        for subj in subjects(verb) or subjects(predicate(post.root)):
            name = _person_of(story, subj)
            if name:
                holders.append(name)
        if not holders and verb.dep_ == "relcl":
            name = _person_of(story, verb.head)
            if name:
                holders.append(name)
        return [(h, "complement", verb) for h in holders]
    # "VERB NAME POST": named Jane Smith director of children's services
    named = _mention_ending(story, first)
    if named and named[0] - 1 >= sent.start and doc[named[0] - 1].lower_ in APPOINT_VERBS:
        return [(named[2], "complement", doc[named[0] - 1])]
    return []


def default_org(story: Story, category: str, post: Span) -> Org | None:
    if category == "minister":
        return None
    if category == "inspector":
        return Org("Ofsted")
    if category in ("director_childrens_services", "assistant_director", "service_director", "head_of_service",
                    "council_leader", "lead_member", "commissioner", "chief_executive"):
        return story.council_here(post.start)
    return None


def clause_org(story: Story, verb: Token | None, construction: str) -> Org | None:
    """The organisation a clause makes the employer: "The council has appointed X as",
    "joined Havering as", "The trust is led by chief executive X", "Wokingham, where he was"."""
    if verb is None:
        return None
    if construction == "as":
        for obj in verb.children:
            if obj.dep_ == "dobj" and obj.i not in story.person_at:
                org = story.resolve_org(obj)
                if org:
                    return org
        for prep in verb.children:  # "worked at Hampshire County Council as a head of service"
            if prep.dep_ == "prep" and prep.lower_ in ("at", "for", "with"):
                for pobj in prep.children:
                    org = story.org_of_token(pobj)
                    if org:
                        return org
    node = verb
    for _ in range(3):
        if node.dep_ == "relcl" and any(c.lower_ == "where" for c in node.children):
            return story.resolve_org(node.head)
        if node.dep_ not in ("advcl", "conj", "xcomp", "pcomp", "pobj", "prep"):
            break
        node = node.head
    for subj in verb.children:
        if subj.dep_ in ("nsubj", "nsubjpass") and subj.i not in story.person_at and subj.lower_ not in (
                "he", "she", "who", "they"):
            org = story.resolve_org(subj)
            if org:
                return org
    return None


COUNCIL_POSTS = {"director_childrens_services", "assistant_director", "service_director", "head_of_service",
                 "council_leader", "lead_member"}


def fits(category: str, org: Org | None) -> bool:
    """Whether an organisation found from the clause around a post can employ it: a council's
    statutory posts belong to a council or to the trust running its services, not to a contractor."""
    if org is None:
        return False
    if category in COUNCIL_POSTS:
        return bool(org.code) or bool(re.search(r"\btrust\b", org.name, re.I))
    return True


def holder_verb(story: Story, post: Span) -> Token | None:
    """The predicate of a post written before or after a name: the verb of the clause it sits in."""
    return predicate(post.root)


REPLACING = {"replaces", "replaced", "replacing", "replace", "succeeds", "succeeded", "succeeding", "succeed"}


def departed(story: Story, token: Token) -> bool:
    """Whether the sentence says a person has gone: they resigned, quit or were removed, "who
    left the council last month", or someone "replaces" or "succeeds" them."""
    pred = predicate(token)
    node = token
    while node.dep_ in ("compound", "appos", "conj") and node.head.i != node.i:
        node = node.head
    if node.dep_ == "dobj" and node.head.lower_ in REPLACING:
        return True
    relatives = [c for c in token.children if c.dep_ == "relcl"] + [c for c in node.children if c.dep_ == "relcl"]
    for verb in [pred, *[c for c in pred.children if c.dep_ in ("xcomp", "conj")], *relatives]:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        if verb.lower_ in DEPART_VERBS and not is_hedged(verb) and not is_future(verb):
            if verb.lower_ in ("stepped", "step", "steps", "stepping", "stand", "stood", "standing") and not any(
                    c.lower_ == "down" for c in verb.children):
                continue
            return True
        if any(c.dep_ == "dobj" and c.lower_ in DEPART_NOUNS for c in verb.children) and not is_hedged(verb):
            return True
    return False


def status_of(story: Story, holding_prefix: list[Token], construction: str, verb: Token | None,
              holder_token: Token | None) -> tuple[str, bool]:
    """(status, explicit): former / incoming words first, then the tense of the clause."""
    words = {t.lower_ for t in holding_prefix}
    if words & STATUS_FORMER:
        return "former", True
    if words & STATUS_INCOMING:
        return "incoming", True
    if verb is not None and verb.pos_ in ("VERB", "AUX"):
        if any(c.lower_ in ("previously", "formerly", "once", "earlier") and c.dep_ == "advmod"
               for c in verb.children):
            return "former", True
        if construction == "as" and verb.lower_ in DEPART_VERBS:
            if is_future(verb) or is_hedged(verb):
                return "current", True  # "is to step down as chief executive": still in post
            return "former", True
        if construction in ("complement", "as") and is_future(verb) and not is_hedged(verb):
            return "incoming", True
        if construction in ("complement", "after", "as") and is_past_perfect(verb):
            return "former", True
        if construction in ("complement", "after") and verb.lower_ in ("was", "were") and is_past(verb):
            return "former", True
        if verb.lower_ == "becoming":
            parent = predicate(verb.head)
            if parent.lower_ in ("was", "were") or is_past_perfect(parent):
                return "former", True
    if holder_token is not None and departed(story, holder_token):
        return "former", True
    return "current", False


def _holder_token(story: Story, name: str, sent: Span) -> Token | None:
    for start, end, mention in story.mentions:
        if mention == name and sent.start <= start < sent.end:
            return story.doc[end - 1]
    return None


def council_directors(story: Story, posts: list[Span]) -> list[Span]:
    """"Former Haringey director Sharon Shoesmith", "Hackney's director since 2013": a bare
    "director" right after a council's name is its director of children's services."""
    covered = {i for span in posts for i in range(span.start, span.end)}
    out = []
    for token in story.by_word.get("director", ()):
        before = token.i - 1
        if before >= 0 and story.tokens[before].text in ("’s", "'s"):
            before -= 1
        org = story.org_at.get(before)
        if token.i not in covered and org is not None and org[1].code and (
                token.i + 1 >= len(story.doc) or story.tokens[token.i + 1].lower_ not in ("of", "for", "general")):
            out.append(story.doc[token.i:token.i + 1])
    return out


def find_holdings(story: Story) -> list[Holding]:
    """Every (person, post) a story states, one per sentence that states it."""
    doc = story.doc
    holdings: list[Holding] = []
    chained: dict[int, tuple[str, str, Token | None]] = {}
    posts = [s for s in doc.spans.get(TERMS_KEY, []) if s.label_ == "POST"]
    for raw in sorted(posts + council_directors(story, posts), key=lambda span: span.start):
        post = clean_post(raw)
        if not len(post):
            continue
        for name, construction, verb in find_holders(story, post, chained):
            if story.is_author(name):
                continue
            holdings.append(make_holding(story, post, name, construction, verb))
            tail_org, tail_end = org_tail(story, post)
            if tail_end < len(doc) and doc[tail_end].lower_ == "and":
                chained[tail_end] = (name, construction, verb)
    holdings += chaired(story)
    holdings += predecessors(story, holdings)
    starting = future_starts(story)
    for h in holdings:
        if h.name in starting and h.status == "current" and not h.explicit_status and h.verb is not None and \
                h.verb.lower_ in APPOINT_VERBS:
            h.status = "incoming"
    return holdings


START_VERBS = {"take", "join", "start", "begin", "arrive", "move"}


def predecessors(story: Story, holdings: list[Holding]) -> list[Holding]:
    """"X has been named interim director ..., replacing Yvonne Jones": the person replaced held
    the same post (without the interim) and no longer does."""
    out: list[Holding] = []
    for h in holdings:
        if h.status == "former" or h.construction == "replaced":
            continue
        for token in h.sentence:
            if token.lower_ not in REPLACING or token.pos_ != "VERB" or token.i < h.post.start:
                continue
            for obj in (c for c in token.children if c.dep_ == "dobj"):
                name = _person_of(story, obj)
                if not name or name == h.name or story.is_author(name):
                    continue
                role = re.sub(r"^(interim|acting|temporary)\s+", "", h.role, flags=re.I)
                out.append(Holding(name=name, role=role, category=h.category, org=h.org, status="former",
                                   acting=False, sentence=h.sentence, post=h.post, construction="replaced",
                                   verb=token, explicit_status=True))
    return out


def future_starts(story: Story) -> set[str]:
    """People a story says will start later ("She will take up the post in May")."""
    names: set[str] = set()
    from scrutiny.extract.events import has_future_date

    for token in story.words(START_VERBS | {"takes", "joins", "starts", "begins"}):
        if token.pos_ != "VERB" or is_negated(token):
            continue
        if not is_future(token) and not (token.tag_ in ("VBZ", "VBP") and has_future_date(story, token)):
            continue
        if token.lower_ in ("take", "takes") and not any(c.lower_ == "up" for c in token.children):
            continue
        for subj in subjects(token):
            name = _person_of(story, subj)
            if name:
                names.add(name)
    return names


def make_holding(story: Story, post: Span, name: str, construction: str, verb: Token | None) -> Holding:
    prefix = _prefix(story, post)
    role = post.text
    tail, _ = org_tail(story, post)
    org = tail or possessor_org(story, post, prefix)
    if org is None and post[0].lower_ == "council":
        org = story.council_here(post.start)
    if verb is None and construction in ("before", "apposition"):
        verb = holder_verb(story, post)
    category = role_category(role, org)
    if org is None:
        found = clause_org(story, verb, construction)
        org = found if fits(category, found) else None
        category = role_category(role, org)
    if category == "minister":
        if tail is not None and not tail.code and re.match(r"(department|ministry|home office)\b", tail.name, re.I):
            org = tail  # "then secretary of state at the Department for Children, Schools and Families"
        else:
            remit = story.doc[post.end:min(post.end + 6, story.sent(post.start).end)].text \
                if post.end < len(story.doc) and story.doc[post.end].lower_ == "for" else ""
            department = government_department(f"{role} {remit}", story.published)  # "Secretary of State for Housing"
            org = Org(department) if department else None
    elif category == "commissioner" and (org is None or not org.code):
        org = story.council_here(post.start) if org is None or org.name.startswith("Department") else org
    elif category == "inspector" and org is None:
        org = Org("Ofsted")
    if org is None:
        org = default_org(story, category, post)
    if post.start > 0 and story.tokens[post.start - 1].lower_ == "shadow":
        category, org = "other", None  # an opposition spokesperson holds no post in government
    if org is not None and org.code and NOT_COUNCIL.search(org.name) and category != "commissioner":
        org = Org(org.name)
    holder_token = _holder_token(story, name, story.sent(post.start))
    status, explicit = status_of(story, prefix, construction, verb, holder_token)
    return Holding(
        name=name, role=role, category=category, org=org, status=status,
        acting=is_acting(role, prefix), sentence=story.sent(post.start), post=post, construction=construction,
        verb=verb, explicit_status=explicit,
    )


def chaired(story: Story) -> list[Holding]:
    """"Its board is chaired by Elaine Simpson", "Ms Shoesmith had chaired the LSCB"."""
    out: list[Holding] = []
    for token in story.words(("chaired", "chairs", "chairing")):
        if token.pos_ != "VERB":
            continue
        holder = organisation = None
        for child in token.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    holder = holder or _person_of(story, pobj)
            elif child.dep_ == "nsubj":
                holder = holder or _person_of(story, child)
            elif child.dep_ in ("nsubjpass", "dobj"):
                organisation = child
        if not holder or organisation is None:
            continue
        org = story.org_of_token(organisation)
        if org is None:
            owner = next((c for c in organisation.children if c.dep_ == "poss"), None)
            org = story.resolve_org(owner) if owner is not None else story.resolve_org(organisation)
        if org is None:
            continue
        role = "chair of " + " ".join(t.text for t in organisation.subtree) if organisation.dep_ == "dobj" else "chair"
        status = "former" if is_past_perfect(token) else "current"
        out.append(Holding(
            name=holder, role=role, category=role_category(role, org), org=org, status=status, acting=False,
            sentence=story.sent(token.i), post=story.doc[token.i:token.i + 1], construction="chaired", verb=token,
            explicit_status=status == "former",
        ))
    return out
