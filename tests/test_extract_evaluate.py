"""`scrutiny eval`: the real pipeline over the bundled dev mini-sites, scored with the contract's scorer."""

from __future__ import annotations

import json

import pytest

from scrutiny.extract import evaluate as ev
from scrutiny.extract.errors import ModelNotInstalled


@pytest.fixture(scope="module")
def dev_results(tmp_path_factory):
    if not ev.DEFAULT_GOLD.is_dir() or not ev.DEFAULT_SITES.is_dir():
        pytest.skip("the dev gold copy (corpus/gold/articles, corpus/sites) is absent")
    from scrutiny.extract.nlp import load_nlp

    try:
        nlp = load_nlp()
    except ModelNotInstalled as error:
        pytest.skip(str(error))
    predictions = tmp_path_factory.mktemp("eval") / "predictions.jsonl"
    return ev.evaluate(ev.DEFAULT_GOLD, ev.DEFAULT_SITES, predictions_path=predictions, nlp=nlp), predictions


def test_dev_gold_strict_f1_is_at_least_090(dev_results):
    results, _ = dev_results
    assert results["documents"] == {"gold": 16, "predicted": 16}
    for measure in ("people.strict", "ratings.strict", "events.strict"):
        assert results[measure]["f1"] >= 0.90, (measure, results[measure], results["errors"])


def test_every_evidence_is_verbatim_in_the_text(dev_results):
    results, predictions = dev_results
    assert results["evidence_problems"] == []
    lines = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 16
    for doc in lines:
        for fact in doc["people"] + doc["ratings"] + doc["events"]:
            assert fact["evidence"] in doc["text"]


def test_format_table_prints_the_scorer_table(dev_results):
    results, _ = dev_results
    table = ev.format_table(results)
    lines = table.splitlines()
    assert lines[0].split() == ["measure", "P", "R", "F1", "tp", "fp", "fn"]
    assert lines[1].startswith("people.strict")
    assert lines[-2] == "documents: 16/16 predicted"
    assert lines[-1] == f"macro_f1 {results['macro_f1']:.3f}"


def test_pages_carry_their_site_as_source(tmp_path):
    (tmp_path / "lgc" / "news").mkdir(parents=True)
    (tmp_path / "lgc" / "index.html").write_text("<html></html>")
    (tmp_path / "lgc" / "news" / "a.html").write_text("<html></html>")
    (tmp_path / "lgc" / "style.css").write_text("body {}")
    raws = list(ev.raw_documents(tmp_path))
    assert [(r.source, r.url.rsplit("/", 1)[-1]) for r in raws] == [("lgc", "index.html"), ("lgc", "a.html")]
    assert {r.source for r in ev.raw_documents(tmp_path / "lgc")} == {"lgc"}


def test_report_pdfs_take_their_url_from_reports_csv(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "80549-sandwell-2013-08-02.pdf").write_bytes(b"%PDF-1.4 broken")
    (tmp_path / "reports.csv").write_text("file,url\n80549-sandwell-2013-08-02.pdf,https://files.example/1\n")
    (raw,) = ev.raw_documents(tmp_path / "reports")
    assert (raw.url, raw.source) == ("https://files.example/1", "ofsted")


def test_vendored_scorer_scores_gold_against_itself():
    if not ev.DEFAULT_GOLD.is_dir():
        pytest.skip("the dev gold copy is absent")
    from scrutiny.extract import score

    gold = score.load_docs(ev.DEFAULT_GOLD)
    results, errors = score.score(gold, gold)
    assert errors == [] and results["macro_f1"] == 1.0


def test_relative_site_folders_work(tmp_path, monkeypatch):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.html").write_text("<html></html>")
    monkeypatch.chdir(tmp_path)
    (raw,) = ev.raw_documents(ev.Path("site"))
    assert raw.url == (tmp_path / "site" / "a.html").as_uri() and raw.source == "site"
