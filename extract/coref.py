"""Who and where within one story: names, pronouns and "the council" resolved to what they mean.

A story names a person in full once ("Simon White") and then by surname
("White"), with an honorific ("Mr Timpson") or a pronoun; it names its council
once ("Sandwell MBC") and then says "the council", "the authority", "its" or
"the West Midlands authority". ``Story`` holds one parsed document with those
references resolved, so the fact rules can ask "who is this token?" and
"which organisation does this phrase mean?".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache

from spacy.tokens import Doc, Span, Token

from scrutiny.extract.authorities import by_code, fold, resolve_descriptor
from scrutiny.extract.nlp import HONORIFICS, KNOWN_ORGANISATIONS
from scrutiny.extract.relative_dates import as_date


@dataclass(frozen=True)
class Org:
    """An organisation as written, with its DfE code when it is an English local authority."""

    name: str
    code: str | None = None


PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
JOINERS = {"-", "'", "’"}
PLACE_WORDS = {"north", "south", "east", "west", "new", "upper", "lower", "greater", "great", "little", "saint",
               "st", "upon", "on", "under", "fort", "port", "mount", "lake", "isle", "city", "county", "borough",
               "district", "kingdom", "england", "london", "britain", "wales", "scotland", "ireland", "midlands",
               "yorkshire", "essex", "kent", "surrey", "sussex", "devon", "cornwall", "america", "europe", "town",
               "street", "road", "house", "centre", "center", "park", "bridge", "station", "airport", "stadium",
               "square", "court", "palace", "abbey", "cathedral", "castle", "tower", "building", "hospital"}
COUNCIL_WORDS = {"council", "authority", "borough", "unitary", "county", "city", "town", "district", "area"}
NOT_NAME_WORDS = {
    "council", "trust", "ofsted", "department", "government", "borough", "county", "city", "children",
    "services", "board", "committee", "association", "school", "schools", "nhs", "police", "university",
    "college", "agency", "retention", "recruitment", "inspectors", "inspector", "minister",
}
NATIONAL_BODIES = {
    "ofsted": "Ofsted", "the watchdog": "Ofsted", "the inspectorate": "Ofsted", "the regulator": "Ofsted",
}
BAD_ORG_NAMES = {"government", "council", "education", "children", "agency", "the government", "lgc", "cyp now",
                 "community care", "mps", "parliament"}
# Organisations that are not the council even when named after the place.
NOT_COUNCIL = re.compile(r"\b(trust|nhs|police|constabulary|university|college|hospital|bureau|partnership|"
                         r"company|ltd|limited|cic|foundation|commission|association|board|committee)\b", re.I)


def is_overseer(org: Org) -> bool:
    """Inspectors and government departments: they judge and direct councils, never own services."""
    return bool(re.match(r"(ofsted|department|dfe|dcsf|dfes|government|the government|ministry|home office)\b",
                         org.name, re.I))


@cache
def _known_organisations() -> frozenset[str]:
    return frozenset(fold(o) for o in KNOWN_ORGANISATIONS)


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i:
        token = token.head
        depth += 1
    return depth


def education_department(on: str | date | None) -> str:
    """The government department for children's services on a date."""
    day = as_date(on)
    if day is not None and day < date(2007, 6, 28):
        return "Department for Education and Skills"
    if day is not None and day < date(2010, 5, 12):
        return "Department for Children, Schools and Families"
    return "Department for Education"


def communities_department(on: str | date | None) -> str:
    """The department for local government on a date."""
    day = as_date(on)
    if day is not None and day < date(2018, 1, 8):
        return "Department for Communities and Local Government"
    if day is not None and date(2021, 9, 19) <= day < date(2024, 7, 8):
        return "Department for Levelling Up, Housing and Communities"
    return "Ministry of Housing, Communities and Local Government"


def government_department(role: str, on: str | date | None) -> str | None:
    """The department of a minister's post as written ("communities secretary" in 2015 is DCLG);
    posts about children, schools or education belong to the education department."""
    text = role.lower()
    if re.search(r"\b(communities|local government|housing)\b", text):
        return communities_department(on)
    if re.search(r"\bhealth\b", text):
        return "Department of Health and Social Care" if (as_date(on) or date.max) >= date(2018, 1, 9) else \
            "Department of Health"
    if re.search(r"\bhome (secretary|office)\b", text):
        return "Home Office"
    if re.search(r"\b(prime minister|chancellor)\b", text):
        return None
    return education_department(on)


POSTNOMINALS = {"hmi", "mp", "obe", "cbe", "mbe", "dbe", "kbe", "qc", "kc", "jp", "phd", "frsa", "msp", "am",
                "mep", "(lab)", "(con)"}


def strip_honorifics(words: list[str]) -> list[str]:
    """A name without "Cllr", "Sir", "Dr" before it or "HMI", "OBE", "MP" after it."""
    while words and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    while words and words[-1].lower().rstrip(".") in POSTNOMINALS:
        words = words[:-1]
    return words


class Story:
    """One parsed article with its people, organisations and main authority resolved."""

    def __init__(self, doc: Doc, *, published: str | None = None, title: str | None = None,
                 authors: tuple[str, ...] | list[str] = ()):
        self.doc = doc
        self.published = published
        self.title = title or ""
        self.authors = {fold(a) for a in authors}
        self.tokens = list(doc)
        self.sentences = list(doc.sents)
        self._sentence_of: list[int] = [0] * len(doc)
        for n, sent in enumerate(self.sentences):
            for i in range(sent.start, sent.end):
                self._sentence_of[i] = n
        self.by_word: dict[str, list[Token]] = {}
        for token in self.tokens:
            self.by_word.setdefault(token.lower_, []).append(token)
        self.person_at: dict[int, str] = {}
        self.mentions: list[tuple[int, int, str]] = []
        self.org_at: dict[int, tuple[Span, Org]] = {}
        self.orgs: list[tuple[Span, Org]] = []
        self._index_people()
        self._index_orgs()
        self.authority = self._main_authority()
        self.dates = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]

    # --- people -------------------------------------------------------------------------------

    def _index_people(self) -> None:
        full: list[tuple[int, int, str]] = []
        for ent in self.doc.ents:
            if ent.label_ != "PERSON":
                continue
            texts = [t.text for t in ent]
            words = strip_honorifics(texts)
            if not words:
                continue
            start = ent.start + texts.index(words[0])
            end = start + len(words)
            if len([w for w in words if w not in JOINERS]) >= 2 and self._looks_like_name(words):
                full.append((start, end, self.doc[start:end].text))
        self.names = [name for _, _, name in full]
        surnames: dict[str, list[tuple[int, str]]] = {}
        for start, _, name in full:
            surnames.setdefault(name.split()[-1], []).append((start, name))
        covered = set()
        for start, end, name in full:
            self._add_mention(start, end, name)
            covered.update(range(start, end))
        authority_tokens = {i for ent in self.doc.ents if ent.kb_id_ for i in range(ent.start, ent.end)}
        for token in self.doc:
            if token.i in covered or token.i in authority_tokens or not token.is_title:
                continue
            if token.text in surnames and self._single_name_here(token):
                self._add_mention(token.i, token.i + 1, self._nearest(surnames[token.text], token.i))
        self.mentions.sort()

    def add_person(self, start: int, end: int) -> str:
        """Register a name the entity recogniser missed but a post construction shows
        ("Sara Tough, Norfolk's executive director"), with its later surname mentions."""
        name = self.doc[start:end].text
        self._add_mention(start, end, name)
        taken = [(ent, org) for ent, org in self.orgs if ent.start < end and start < ent.end]
        for ent, _ in taken:  # the model took the name for an organisation
            for i in range(ent.start, ent.end):
                self.org_at.pop(i, None)
        self.orgs = [item for item in self.orgs if item not in taken]
        surname = self.doc[end - 1].text
        for token in self.doc[end:]:
            if token.text == surname and token.i not in self.person_at and token.i not in self.org_at:
                self._add_mention(token.i, token.i + 1, name)
        self.mentions.sort()
        return name

    def titled_name(self, start: int, end: int) -> bool:
        """"Lord Warner", "Dame Moira Gibb": an honorific and one or two capitalised names."""
        if end - start not in (2, 3) or end > len(self.doc) or self.doc[start].lower_.rstrip(".") not in HONORIFICS:
            return False
        names = self.doc[start + 1:end]
        return all(t.is_title and t.tag_ in ("NNP", "NNPS") and t.i not in self.org_at for t in names) and \
            self._looks_like_name([t.text for t in names])

    def name_shaped(self, start: int, end: int) -> bool:
        """Whether tokens read as a person's name: two or three capitalised proper nouns (a
        hyphenated one counts as one) that are not a council, a known body, a place or a date."""
        if end > len(self.doc) or end - start < 2:
            return False
        tokens = self.doc[start:end]
        names = [t for t in tokens if t.text not in JOINERS]
        if not 2 <= len(names) <= 3 or any(t.text in JOINERS and (t.whitespace_ or self.tokens[t.i - 1].whitespace_)
                                           for t in tokens):
            return False
        if any(t.i in self.person_at for t in tokens) or tokens[0].lower_.rstrip(".") in HONORIFICS:
            return False
        for t in names:
            found = self.org_at.get(t.i)
            if found and (found[1].code or fold(found[1].name) in _known_organisations()):
                return False
            if t.ent_type_ in ("DATE", "TIME", "NORP", "MONEY", "CARDINAL", "ORDINAL"):
                return False
            if t.ent_type_ in ("GPE", "LOC", "FAC") and t.lower_ in PLACE_WORDS:
                return False  # "South Yorkshire"; the model also calls "Rebecca Okafor" a place
            if not (t.is_title and t.tag_ in ("NNP", "NNPS")):
                return False
        return self._looks_like_name([t.text for t in tokens])

    def _looks_like_name(self, words: list[str]) -> bool:
        folded = {w.lower() for w in words}
        if folded & NOT_NAME_WORDS or fold(" ".join(words)) in _known_organisations():
            return False
        return all(w[:1].isupper() or w.lower() in ("le", "de", "van", "von", "du", "da") or w in JOINERS
                   for w in words) and words[0] not in JOINERS and words[-1] not in JOINERS

    def _single_name_here(self, token: Token) -> bool:
        """A lone surname is the person unless it is part of a longer organisation or place name."""
        if not token.ent_type_ or token.ent_type_ == "PERSON":
            return True
        return token.ent_iob_ == "B" and (token.i + 1 >= len(self.doc) or self.tokens[token.i + 1].ent_iob_ != "I")

    @staticmethod
    def _nearest(candidates: list[tuple[int, str]], at: int) -> str:
        before = [name for start, name in candidates if start <= at]
        return before[-1] if before else candidates[0][1]

    def _add_mention(self, start: int, end: int, name: str) -> None:
        self.mentions.append((start, end, name))
        for i in range(start, end):
            self.person_at[i] = name

    def person(self, token: Token, *, pronouns: bool = True) -> str | None:
        """The full name of the person a token names (or, for he/she, last mentioned), if any."""
        if token.i in self.person_at:
            return self.person_at[token.i]
        if pronouns and token.lower_ in PRONOUNS:
            return self.last_person_before(token.i)
        return None

    def person_or_name(self, token: Token) -> str | None:
        """``person``, else a name the recogniser missed, read from a proper noun and the proper
        nouns compounded with it ("Grace Williams is to step down", "replacing Yvonne Jones")."""
        name = self.person(token)
        if name or token.tag_ not in ("NNP", "NNPS") or not token.is_title:
            return name
        parts = sorted([c.i for c in token.children if c.dep_ == "compound" and c.i < token.i] + [token.i])
        start = parts[0]
        while start < token.i and self.tokens[start].lower_.rstrip(".") in HONORIFICS:
            start += 1
        if parts == list(range(parts[0], token.i + 1)) and self.name_shaped(start, token.i + 1):
            return self.add_person(start, token.i + 1)
        return None

    def last_person_before(self, index: int, *, sentences_back: int = 2) -> str | None:
        floor = self.sentences[max(0, self.sentence_index(index) - sentences_back)].start
        before = [m for m in self.mentions if floor <= m[0] < index and not self._in_quote(m[0])]
        return before[-1][2] if before else None

    def is_author(self, name: str) -> bool:
        return fold(name) in self.authors

    def _in_quote(self, index: int) -> bool:
        """Whether a word is inside quoted speech (a short scare-quoted phrase does not count)."""
        sent = self.sentences[self.sentence_index(index)]
        opened = None
        for token in sent:
            if token.i >= index and opened is None:
                return False
            if token.text in ("“", '"') and opened is None:
                opened = token.i
            elif token.text in ("”", '"') and opened is not None:
                if opened < index < token.i:
                    return token.i - opened > 6
                opened = None
        return opened is not None and opened < index

    def sentence_index(self, index: int) -> int:
        return self._sentence_of[index] if 0 <= index < len(self._sentence_of) else 0

    def sent(self, index: int) -> Span:
        """The sentence of a token index (``Token.sent`` recomputes it on every call)."""
        return self.sentences[self.sentence_index(index)]

    def words(self, *word_sets) -> list[Token]:
        """Every token whose lower-case form is in one of the sets, in text order."""
        found = [t for words in word_sets for w in words for t in self.by_word.get(w, ())]
        return sorted(set(found), key=lambda t: t.i)

    # --- organisations ------------------------------------------------------------------------

    def _index_orgs(self) -> None:
        longest: dict[str, str] = {}
        for ent in self.doc.ents:
            if ent.label_ == "ORG" and ent.kb_id_:
                if len(ent.text) > len(longest.get(ent.kb_id_, "")):
                    longest[ent.kb_id_] = ent.text
        self.authority_names = longest
        for ent in self.doc.ents:
            if ent.label_ not in ("ORG", "GPE", "NORP", "LOC", "FAC") or ent.start in self.person_at:
                continue
            if ent.kb_id_:
                org = Org(longest[ent.kb_id_], ent.kb_id_)
            else:
                name = re.sub(r"^(the|The)\s+", "", ent.text)
                if fold(name) in BAD_ORG_NAMES:
                    continue
                org = Org(name)
            self.orgs.append((ent, org))
            for i in range(ent.start, ent.end):
                self.org_at[i] = (ent, org)

    def _main_authority(self) -> Org | None:
        """The authority the story is about: most mentioned, with the title and the opening counted twice."""
        scores: Counter[str] = Counter()
        first: dict[str, int] = {}
        for ent, org in self.orgs:
            if org.code:
                scores[org.code] += 1 + (2 if self.sentence_index(ent.start) == 0 else 0)
                first.setdefault(org.code, ent.start)
        if self.title:
            from scrutiny.extract.authorities import find_mentions

            for mention in find_mentions(self.title, self.published):
                scores[mention.authority.code] += 2
                first.setdefault(mention.authority.code, -1)
        if not scores:
            return None
        if first:
            scores[min(first, key=first.get)] += 1
        code = max(scores, key=lambda c: (scores[c], -first.get(c, 10**9)))
        return Org(self.authority_names.get(code) or by_code(code).name, code)

    def org_of_token(self, token: Token) -> Org | None:
        """The organisation named at a token (not a person the model took for one)."""
        found = self.org_at.get(token.i)
        return found[1] if found and token.i not in self.person_at else None

    def authorities_in(self, start: int, end: int) -> list[Org]:
        out: list[Org] = []
        for ent, org in self.orgs:
            if org.code and start <= ent.start < end and org not in out:
                out.append(org)
        return out

    def council_here(self, index: int) -> Org | None:
        """What "the council" means at a point: the one authority this sentence named before it,
        else the story's authority."""
        sent = self.sentences[self.sentence_index(index)]
        named = self.authorities_in(sent.start, index)
        if len(named) == 1:
            return named[0]
        return self.authority

    def latest_org(self, index: int, test) -> Org | None:
        """The last organisation before a point that passes a test (else the first after it)."""
        before = [org for ent, org in self.orgs if ent.start < index and test(org)]
        if before:
            return before[-1]
        after = [org for ent, org in self.orgs if ent.start >= index and test(org)]
        return after[0] if after else None

    def antecedent(self, index: int, *, councils_only: bool = False) -> Org | None:
        """What "its" or "it" stands for: the nearest organisation named (or "the trust", "the
        council") earlier in this sentence, else the most prominent one of the sentence before.
        Inspectors and departments never own a council's services, so they are passed over."""
        here = self.sentences[self.sentence_index(index)]
        found = self._org_phrases(here.start, index, councils_only)
        if found:
            return found[-1][1]
        if self.sentence_index(index) == 0:
            return None
        previous = self.sentences[self.sentence_index(index) - 1]
        found = self._org_phrases(previous.start, previous.end, councils_only)
        if not found:
            return None
        return min(found, key=lambda item: (_depth(item[0]), item[0].i))[1]

    def _org_phrases(self, start: int, end: int, councils_only: bool) -> list[tuple[Token, Org]]:
        out: list[tuple[Token, Org]] = []
        i = start
        while i < end:
            found = self.org_at.get(i)
            if found is not None:
                ent, org = found
                if not is_overseer(org) and (org.code or not councils_only) and i not in self.person_at:
                    out.append((ent.root, org))
                i = ent.end
                continue
            token = self.doc[i]
            nouns = ("council", "authority", "borough") if councils_only else (
                "trust", "council", "authority", "company", "borough")
            if token.lower_ in nouns and token.pos_ in ("NOUN", "PROPN") and i > 0 and \
                    self.doc[i - 1].lower_ in ("the", "city", "county", "local"):
                org = self.resolve_org(token)
                if org is not None:
                    out.append((token, org))
            i += 1
        return out

    def department(self) -> Org:
        return Org(education_department(self.published))

    def resolve_org(self, token: Token, *, councils_only: bool = False) -> Org | None:
        """The organisation a noun phrase headed by (or containing) a token refers to.

        Named organisations resolve to themselves (councils to their code); "the
        council", "the authority", "its" and descriptors ("the West Midlands
        authority") to the story's council; "the trust" and "the company" to the
        last one named; "the department" to the education department of the day.
        """
        org = self.org_of_token(token)
        if org is not None:
            return org
        word = token.lower_
        phrase = " ".join(t.lower_ for t in token.subtree if t.dep_ != "case") if token.dep_ != "poss" else word
        if word in ("its", "their", "it", "they"):
            return self.antecedent(token.i, councils_only=councils_only) or self.council_here(token.i)
        if word in ("trust",):
            return self.latest_org(token.i, lambda o: not o.code and re.search(r"\btrust\b", o.name, re.I)
                                   and not re.search(r"\b(nhs|foundation)\b", o.name, re.I))
        if word in ("company", "firm", "consultancy", "organisation"):
            return self.latest_org(token.i, lambda o: not o.code and not NOT_COUNCIL.search(o.name or "")
                                   and o.name not in ("Ofsted", "DfE"))
        if word in ("department", "dfe", "government"):
            return self.department()
        if word in ("watchdog", "inspectorate", "regulator"):
            return Org("Ofsted")
        if word in COUNCIL_WORDS:
            candidates = resolve_descriptor(phrase, self.published) if len(phrase.split()) > 2 else []
            if candidates:
                codes = {a.code for a in candidates}
                if self.authority and self.authority.code in codes:
                    return self.authority
                for _ent, org in self.orgs:
                    if org.code in codes:
                        return org
                return None
            return self.council_here(token.i)
        return None
