"""The fact extractor on the held-out gold set (corpus/gold/heldout-site), end to end.

The held-out articles were written without reading the extraction rules, on sites and templates the
rules were not tuned on, so this measures generalisation. The score is printed (run with ``-s``) and
reported, not asserted: the only assertion is a low floor that catches a collapse.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrutiny.extract.errors import ModelNotInstalled

REPO_ROOT = Path(__file__).resolve().parents[1]
HELDOUT_SRC = REPO_ROOT / "corpus" / "gold" / "heldout-src"
HELDOUT_SITE = REPO_ROOT / "corpus" / "gold" / "heldout-site"
HELDOUT_GOLD = HELDOUT_SITE / "gold"
MACRO_F1_FLOOR = 0.5


def sources() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(HELDOUT_SRC.glob("*.json"))]


@pytest.fixture(scope="module")
def results() -> dict:
    from scrutiny.extract.evaluate import evaluate
    from scrutiny.extract.nlp import load_nlp

    try:
        nlp = load_nlp()
    except ModelNotInstalled as error:
        pytest.skip(str(error))
    return evaluate(gold_dir=HELDOUT_GOLD, site_dir=HELDOUT_SITE, nlp=nlp)


def test_rendered_gold_matches_the_sources():
    """The rendered gold is the sources' gold: re-render after editing a source."""
    rendered = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in HELDOUT_GOLD.glob("*.json")}
    assert len(rendered) == len(sources()) == 24
    for source in sources():
        gold = rendered[source["id"]]
        assert (gold["url"], gold["published"]) == (source["url"], source["published"])
        for kind in ("people", "ratings", "events"):
            assert gold[kind] == source["gold"][kind], (source["id"], kind)


def test_every_evidence_is_a_sentence_of_its_article():
    for source in sources():
        text = "\n".join(source["paragraphs"])
        for kind in ("people", "ratings", "events"):
            for fact in source["gold"][kind]:
                assert fact["evidence"] in text, (source["id"], fact["evidence"])


def test_heldout_score_stays_above_the_floor(results):
    from scrutiny.extract.evaluate import format_table

    print("\nheld-out set (corpus/gold/heldout-site):\n" + format_table(results))
    print(f"{len(results['errors'])} missed or spurious facts; list them with `scrutiny eval --gold "
          f"{HELDOUT_GOLD} --site {HELDOUT_SITE} --show-errors`")
    assert results["documents"]["predicted"] == results["documents"]["gold"] == 24
    assert results["published"]["f1"] >= MACRO_F1_FLOOR
    assert results["macro_f1"] >= MACRO_F1_FLOOR
