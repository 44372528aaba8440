"""Reading a dependency parse the way the fact rules need it: clauses, their tense and their dates.

A fact is stated by a predicate (a verb, or the copula of "services were
inadequate"): these helpers find the predicate that governs a word, the
subjects and objects of a predicate, whether it is negated, hedged, future or
perfect, and which of the sentence's date expressions belong to it. They read
the parse that ``nlp.pipe`` already made; nothing here parses again.
"""

from __future__ import annotations

from spacy.tokens import Token

PREDICATE_POS = {"VERB", "AUX"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
# Clauses that take their time from the clause above them when they name none of their own.
SAME_TIME_DEPS = {"ccomp", "xcomp", "conj", "acl", "pcomp", "acomp", "oprd"}
SAME_TIME_MARKERS = {"when", "as", "while", "with", "and"}
MODALS = {"could", "might", "may", "would", "should", "must", "can"}
FUTURE_AUX = {"will", "shall", "'ll", "’ll"}
HEDGES = {
    "plan", "plans", "planned", "planning", "expect", "expects", "expected", "hope", "hopes", "hoped", "hoping",
    "aim", "aims", "aimed", "aiming", "want", "wants", "wanted", "consider", "considers", "considering",
    "call", "calls", "called", "calling", "urge", "urges", "urged", "urging", "demand", "demanded", "refuse",
    "refused", "refuses", "threaten", "threatened", "likely", "suggestion", "suggested", "speculation",
    "could", "would", "might", "may", "if", "unless", "whether", "pressure", "pressured", "expectation",
    "prospect", "due", "set", "poised", "ask", "asked", "asking", "told", "until", "before", "once",
}


def predicate(token: Token) -> Token:
    """The nearest verb (or clause head) at or above a word: the predicate stating it."""
    node = token
    while node.pos_ not in PREDICATE_POS and node.dep_ != "ROOT":
        if node.dep_ in ("ccomp", "advcl", "relcl", "xcomp", "csubj") and node.pos_ in ("ADJ", "NOUN"):
            return node  # "found [that] it was inadequate": the adjective heads its clause
        node = node.head
    return node


def is_clause_boundary(token: Token) -> bool:
    return token.dep_ in ("ccomp", "advcl", "relcl", "xcomp", "csubj", "parataxis", "conj") and (
        token.pos_ in PREDICATE_POS or any(c.dep_ in SUBJECT_DEPS for c in token.children)
    )


def in_clause(token: Token, head: Token) -> bool:
    """Whether a word belongs to a clause without crossing into a nested clause
    (reduced relatives such as "a report published last week" count as part of it)."""
    node = token
    while node.i != head.i:
        if node.dep_ == "ROOT" or node.head.i == node.i:
            return False
        if node.pos_ in PREDICATE_POS and node.dep_ not in ("acl", "amod", "aux", "auxpass") and node is not token:
            return False
        if node.dep_ == "acl" and node is not token and node.head.dep_ in ("dobj", "attr", "oprd"):
            return False  # "lifted the direction imposed on Slough in 2014": the object's own time
        if node is not token and is_clause_boundary(node):
            return False
        node = node.head
    return True


def aux_words(pred: Token) -> set[str]:
    words = {c.lower_ for c in pred.children if c.dep_ in ("aux", "auxpass", "neg")}
    if pred.dep_ in ("xcomp", "ccomp") and pred.head.pos_ in PREDICATE_POS:
        words |= {c.lower_ for c in pred.head.children if c.dep_ in ("aux", "auxpass")}
    return words


def is_negated(pred: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") for c in pred.children)


def is_modal(pred: Token) -> bool:
    return bool(aux_words(pred) & MODALS)


def is_future(pred: Token) -> bool:
    """'will be appointed', 'is to take over', 'is due to', 'would step down' (reported future)."""
    words = aux_words(pred)
    if words & FUTURE_AUX:
        return True
    head = pred.head
    if pred.dep_ == "xcomp" and any(c.lower_ == "to" for c in pred.children):
        if head.lower_ in ("is", "are", "was", "were", "be") or head.lower_ in ("due", "set", "going", "poised"):
            return True
        if head.dep_ == "acomp" and head.lower_ in ("due", "set", "poised"):
            return True
    return False


def is_perfect(pred: Token) -> bool:
    return bool(aux_words(pred) & {"has", "have", "'s", "’s", "'ve"})


def is_past_perfect(pred: Token) -> bool:
    return "had" in aux_words(pred)


def is_past(pred: Token) -> bool:
    words = aux_words(pred)
    return pred.tag_ == "VBD" or bool(words & {"was", "were", "had", "did"})


def is_hedged(pred: Token) -> bool:
    """Whether a predicate is only planned, hoped, expected, called for or conditional."""
    if is_modal(pred) or is_negated(pred):
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether", "until", "once") for c in pred.children):
        return True
    node = pred
    for _ in range(3):
        if node.dep_ not in ("xcomp", "ccomp", "acl", "advcl", "pcomp", "pobj", "prep", "relcl", "dobj"):
            break
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("after", "since", "when", "because", "as")
                                        for c in node.children):
            break  # "a month after Ofsted rated the service inadequate" is a fact, whatever the main clause says
        node = node.head
        if node.lower_ in HEDGES or (node.pos_ in PREDICATE_POS and (is_modal(node) or is_negated(node))):
            return True
    return False


def subjects(pred: Token) -> list[Token]:
    """The subjects of a predicate, borrowed from the clause above when it has none of its own
    ("joined ... and was promoted", "before becoming chief executive")."""
    node = pred
    for _ in range(4):
        found = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if found:
            return found
        if node.dep_ in ("conj", "xcomp", "advcl", "pcomp") or (node.dep_ == "pobj" and node.pos_ in PREDICATE_POS):
            node = node.head
            while node.pos_ not in PREDICATE_POS and node.head.i != node.i:
                node = node.head
            continue
        if node.dep_ == "relcl":
            return [node.head]
        break
    return []


def parent_for_time(pred: Token) -> Token | None:
    """The clause whose time a clause without a date shares ("South stepped up last month, when
    Aldridge took up his post"), or None."""
    if pred.dep_ == "advcl":
        marks = {c.lower_ for c in pred.children if c.dep_ in ("mark", "advmod")}
        if not marks or marks & SAME_TIME_MARKERS:
            return predicate(pred.head)
        return None
    if pred.dep_ in SAME_TIME_DEPS or (pred.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass") and pred.pos_ == "VERB"):
        if pred.head.i == pred.i:
            return None
        return predicate(pred.head)
    return None
