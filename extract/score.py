#!/usr/bin/env python3
# Vendored from the project's shared reference material, eval/score.py (the scorer of the
# facts contract, FACTS.md): copied unchanged below this comment so that `scrutiny eval` scores
# without the shared folder. Standard library only. Do not edit here: re-copy it.
"""Score extracted facts against a gold set (see ../contract/FACTS.md).

Usage:
    score.py GOLD_DIR PREDICTIONS [--json] [--show-errors]

GOLD_DIR     a folder of gold documents, one JSON object per *.json file
PREDICTIONS  a JSON Lines file (one document object per line, as printed by
             the extractor's JSON output), or a folder of *.json files

Documents are matched on their "url". Facts are compared as normalised keys:

    people   (name, role_category, organisation)   strict
             (name, role_category)                  role
             (name,)                                name
    ratings  (authority_code, area_category, grade, month)   strict
             (authority_code, area_category, grade)          undated
    events   (type, who, month)                               strict
             (type, who)                                      undated
    published  the document's publication date (exact day)

Dates in keys are cut to the month; two dates agree when one is a prefix of
the other, so a gold '2013' accepts '2013-04' and a gold with no date accepts
any. Each gold fact pairs with at most one predicted fact.

A predicted document that the gold set lacks is ignored; a gold document with
no prediction counts every gold fact as missed. Pure standard library.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

TITLES = {"mr", "mrs", "ms", "miss", "dr", "cllr", "councillor", "sir", "dame", "lord", "baroness", "prof", "professor", "rt", "hon"}
ORG_NOISE = {"the", "of", "and", "council", "borough", "metropolitan", "city", "county", "district", "mbc", "lbc", "cc", "bc", "rbc", "london", "royal", "plc", "ltd", "limited"}
ORG_ALIASES = {
    "department for education": "dfe",
    "dfe": "dfe",
    "department for children schools and families": "dcsf",
    "dcsf": "dcsf",
    "office for standards in education": "ofsted",
    "ofsted": "ofsted",
    "local government association": "lga",
    "lga": "lga",
    "association of directors of children s services": "adcs",
    "adcs": "adcs",
}


def fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def name_key(name: str | None) -> str:
    words = [w for w in fold(name).split() if w not in TITLES]
    return " ".join(words)


def org_key(fact: dict) -> str:
    code = str(fact.get("authority_code") or "").strip()
    if code:
        return f"la:{code}"
    name = fold(fact.get("organisation"))
    if name in ORG_ALIASES:
        return ORG_ALIASES[name]
    words = [w for w in name.split() if w not in ORG_NOISE]
    return " ".join(words)


def month(value: str | None) -> str:
    """A date cut to month precision: 'YYYY-MM', 'YYYY', or '' when unknown."""
    value = (value or "").strip()
    return value[:7] if len(value) >= 7 else value[:4]


def dates_agree(a: str, b: str) -> bool:
    """Two dates agree when one is a prefix of the other ('2013' ~ '2013-04'; '' ~ anything)."""
    return a.startswith(b) or b.startswith(a)


def people_keys(doc: dict, level: str) -> set:
    keys = set()
    for p in doc.get("people") or []:
        key = (name_key(p.get("name")),)
        if level in ("strict", "role"):
            key += (p.get("role_category"),)
        if level == "strict":
            key += (org_key(p),)
        keys.add(key)
    return keys


def rating_keys(doc: dict, level: str) -> set:
    keys = set()
    for r in doc.get("ratings") or []:
        key = (str(r.get("authority_code") or ""), r.get("area_category"), r.get("grade"))
        keys.add(key + ((month(r.get("date")),) if level == "strict" else ()))
    return keys


def event_who(e: dict) -> str:
    return name_key(e.get("person")) if e.get("person") else org_key(e)


def event_keys(doc: dict, level: str) -> set:
    keys = set()
    for e in doc.get("events") or []:
        kind = (e.get("type") or "") + (":" + e["intervention"] if e.get("intervention") else "")
        key = (kind, event_who(e))
        keys.add(key + ((month(e.get("date")),) if level == "strict" else ()))
    return keys


def published_keys(doc: dict, level: str) -> set:
    return {(doc["published"],)} if doc.get("published") else set()


MEASURES = {  # name: (keys of a document, level, whether the last part of a key is a date)
    "people.strict": (people_keys, "strict", False),
    "people.role": (people_keys, "role", False),
    "people.name": (people_keys, "name", False),
    "ratings.strict": (rating_keys, "strict", True),
    "ratings.undated": (rating_keys, "undated", False),
    "events.strict": (event_keys, "strict", True),
    "events.undated": (event_keys, "undated", False),
    "published": (published_keys, "day", False),
}


def match(gold: set, pred: set, dated: bool) -> tuple[set, set, set]:
    """Pair gold and predicted keys: equal, or equal but for dates that agree."""
    hits, spare = set(), set(pred)
    for g in sorted(gold):
        if g in spare:
            pair = g
        elif dated:
            pair = next((p for p in sorted(spare) if p[:-1] == g[:-1] and dates_agree(p[-1], g[-1])), None)
        else:
            pair = None
        if pair is not None:
            hits.add(g)
            spare.discard(pair)
    return hits, gold - hits, spare


def load_docs(path: Path) -> dict[str, dict]:
    docs: dict[str, dict] = {}
    if path.is_dir():
        items = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(path.glob("*.json"))]
    else:
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for item in items:
        docs[item["url"]] = item
    return docs


def score(gold: dict[str, dict], pred: dict[str, dict]) -> tuple[dict, list[str]]:
    results, errors = {}, []
    for measure, (keys_of, level, dated) in MEASURES.items():
        tp = fp = fn = 0
        for url, g in gold.items():
            hits, missed, spurious = match(keys_of(g, level), keys_of(pred.get(url, {}), level), dated)
            tp, fn, fp = tp + len(hits), fn + len(missed), fp + len(spurious)
            if measure.endswith("strict") or measure == "published":
                errors += [f"{measure} MISSED {url} {k}" for k in sorted(missed)]
                errors += [f"{measure} SPURIOUS {url} {k}" for k in sorted(spurious)]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        results[measure] = {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
    strict = [results[m]["f1"] for m in ("people.strict", "ratings.strict", "events.strict")]
    results["macro_f1"] = round(sum(strict) / len(strict), 3)
    results["documents"] = {"gold": len(gold), "predicted": sum(1 for u in gold if u in pred)}
    return results, errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("predictions", type=Path)
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--show-errors", action="store_true", help="list every missed and spurious fact")
    args = ap.parse_args(argv)
    results, errors = score(load_docs(args.gold), load_docs(args.predictions))
    if args.show_errors:
        print("\n".join(errors))
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'measure':<18}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    for measure in MEASURES:
        s = results[measure]
        print(f"{measure:<18}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}")
    d = results["documents"]
    print(f"documents: {d['predicted']}/{d['gold']} predicted")
    print(f"macro_f1 {results['macro_f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
