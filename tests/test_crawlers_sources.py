"""Source profiles, start-URL profiles, credentials, and the crawl summary (no network)."""

from __future__ import annotations

import io

import pytest

from scrutiny.crawlers.ledger import Ledger
from scrutiny.crawlers.run import aggregate, format_summary, plan
from scrutiny.crawlers.sources import (
    SourceProfile,
    crawler_config,
    load_credentials,
    load_sources,
    profiles_for_start_urls,
    user_agent,
)
from scrutiny.db.schema import open_db


def test_the_bundled_profiles_cover_the_trade_press_the_local_paper_and_ofsted():
    profiles = load_sources()
    assert {"cypnow", "lgc", "communitycare", "localnews", "ofsted"} <= set(profiles)
    assert profiles["lgc"].domains == ("lgcplus.com",)
    assert profiles["ofsted"].spider == "ofsted"
    assert profiles["ofsted"].origins == ("https://reports.ofsted.gov.uk", "https://files.ofsted.gov.uk")
    assert profiles["cypnow"].in_scope("https://www.cypnow.co.uk/news/article/x")
    assert not profiles["cypnow"].in_scope("https://www.cypnow.co.uk/account/login/")
    assert not profiles["cypnow"].in_scope("https://www.example.org/news/article/x")


def test_user_agent_names_us_and_a_contact_url(monkeypatch):
    monkeypatch.delenv("SCRUTINY_CONTACT_URL", raising=False)
    agent = user_agent(crawler_config())
    assert agent.startswith("scrutiny/") and "+https://" in agent
    monkeypatch.setenv("SCRUTINY_CONTACT_URL", "mailto:desk@example.org")
    assert "+mailto:desk@example.org" in user_agent(crawler_config())


def test_a_bad_sources_file_is_one_clear_error(tmp_path):
    bad = tmp_path / "sources.toml"
    bad.write_text('[sources.x]\norigins = ["https://x.example"]\nfollow = "everything"\n')
    with pytest.raises(ValueError, match="follow must be one of"):
        load_sources(bad)
    bad.write_text("[sources.x\n")
    with pytest.raises(ValueError):
        load_sources(bad)
    bad.write_text('[sources.x]\norigins = ["https://x.example"]\nsitemap = "typo"\n')
    with pytest.raises(ValueError, match="unknown keys sitemap"):
        load_sources(bad)


def test_start_urls_of_a_known_site_use_its_profile_and_others_get_one_per_host():
    profiles = profiles_for_start_urls(
        ["https://www.lgcplus.com/topics/ofsted/", "https://news.example.org/sitemap.xml",
         "https://news.example.org/feed/"],
        load_sources(),
    )
    assert set(profiles) == {"lgc", "news.example.org"}
    assert profiles["lgc"].start_urls == ("https://www.lgcplus.com/topics/ofsted/",)
    assert profiles["lgc"].sitemaps == ()
    adhoc = profiles["news.example.org"]
    assert adhoc.adhoc and adhoc.domains == ("news.example.org",) and len(adhoc.start_urls) == 2


def test_plan_merges_a_named_source_with_its_start_urls():
    chosen = plan(["cypnow"], ["https://www.cypnow.co.uk/topics/social-care/"])
    assert list(chosen) == ["cypnow"]
    assert chosen["cypnow"].sitemaps and chosen["cypnow"].start_urls == ("https://www.cypnow.co.uk/topics/social-care/",)


def test_credentials_come_from_the_environment_or_a_file_never_the_profile(tmp_path, monkeypatch):
    profile = SourceProfile(name="cypnow", origins=("https://www.cypnow.co.uk",), credentials_env="CYP_COOKIE")
    secrets = tmp_path / "credentials.toml"
    secrets.write_text('[cypnow]\ncookies = { remember = "r1" }\nheaders = { "X-Subscriber" = "42" }\n')
    monkeypatch.setenv("SCRUTINY_CREDENTIALS_FILE", str(secrets))
    monkeypatch.setenv("CYP_COOKIE", "session=s1; theme=dark")
    credentials = load_credentials(profile, {})
    assert credentials.cookies == {"remember": "r1", "session": "s1", "theme": "dark"}
    assert credentials.headers == {"X-Subscriber": "42"}
    assert "s1" not in repr(credentials) and "r1" not in repr(credentials)
    monkeypatch.delenv("CYP_COOKIE")
    monkeypatch.setenv("SCRUTINY_CREDENTIALS_FILE", str(tmp_path / "absent.toml"))
    assert not load_credentials(profile, {})


def test_ledger_counts_records_failures_and_resolves_them(tmp_path):
    db = open_db(tmp_path / "s.db")
    ledger = Ledger(db, "lgc", run_id=None, unresolved={"https://x.example/a"}, progress=True, interval=0,
                    stream=io.StringIO())
    ledger.fail("https://x.example/b", "http_500", "Internal Server Error")
    ledger.page("https://x.example/a")
    ledger.skip("known")
    ledger.saved("new")
    ledger.saved("unchanged")
    summary = ledger.summary("finished")
    assert (summary["fetched"], summary["stored"], summary["unchanged"], summary["failed"]) == (1, 1, 1, 1)
    assert summary["failed_by_reason"] == {"http_500": 1} and summary["skipped_by_reason"] == {"known": 1}
    assert "[lgc] 1 fetched, 1 stored" in ledger.stream.getvalue()
    errors = [dict(r) for r in db.query("select url, reason, resolved from crawl_errors")]
    assert errors == [{"url": "https://x.example/b", "reason": "http_500", "resolved": 0}]


def test_summary_lists_failed_sources_and_reasons():
    ok = {"source": "lgc", "fetched": 3, "stored": 2, "new": 2, "skipped": 1, "failed": 0,
          "skipped_by_reason": {"known": 1}, "failed_by_reason": {}}
    down = {"source": "cypnow", "fetched": 0, "failed": 2, "failed_by_reason": {"connection_refused": 2}}
    crashed = {"source": "ofsted", "error": "crawler process exited with status 1"}
    summary = aggregate(7, [ok, down, crashed])
    assert summary["failed_sources"] == ["cypnow", "ofsted"]
    assert summary["totals"]["stored"] == 2
    text = format_summary(summary)
    assert "lgc: 3 fetched, 2 stored (2 new, 0 changed)" in text
    assert "ofsted: FAILED (crawler process exited with status 1)" in text
    assert "failed by reason: connection_refused 2" in text
    assert text.endswith("failed sources: cypnow, ofsted")
