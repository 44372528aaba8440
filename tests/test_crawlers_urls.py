"""URL normalisation, scope rules and the mirror mapping (pure functions)."""

from __future__ import annotations

import pytest

from scrutiny.crawlers.urls import Mirror, UrlRules, in_domains, is_http_url, normalise_url, url_key


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://WWW.CypNow.CO.UK/news/article/x", "https://www.cypnow.co.uk/news/article/x"),
        ("https://www.lgcplus.com:443/a/1.article", "https://www.lgcplus.com/a/1.article"),
        ("http://example.org:80/a", "http://example.org/a"),
        ("http://example.org:8080/a", "http://example.org:8080/a"),
        ("https://example.org/a#comments", "https://example.org/a"),
        ("https://example.org/a?utm_source=twitter&utm_medium=social&id=3", "https://example.org/a?id=3"),
        ("https://example.org/a?fbclid=abc&gclid=def", "https://example.org/a"),
        ("https://example.org/a?b=2&a=1", "https://example.org/a?a=1&b=2"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org/caf%c3%a9", "https://example.org/caf%C3%A9"),
        ("https://example.org/news/", "https://example.org/news/"),
    ],
)
def test_normalise_url(url, expected):
    assert normalise_url(url) == expected


def test_normalise_url_resolves_a_relative_link():
    assert normalise_url("../2/", "https://example.org/news/page/1/") == "https://example.org/news/page/2/"


def test_url_key_ignores_scheme_and_trailing_slash():
    assert url_key("http://example.org/news/x/") == url_key("https://example.org/news/x")
    assert url_key("https://example.org/news/x?utm_campaign=a") == url_key("https://example.org/news/x")
    assert url_key("https://example.org/news/x") != url_key("https://example.org/news/y")


def test_only_http_and_https_are_followed():
    assert is_http_url("https://example.org/")
    assert not is_http_url("ftp://example.org/file")
    assert not is_http_url("file:///etc/passwd")
    assert not is_http_url("javascript:alert(1)")


def test_in_domains_takes_subdomains_but_not_lookalikes():
    domains = ("ofsted.gov.uk",)
    assert in_domains("https://reports.ofsted.gov.uk/search", domains)
    assert in_domains("https://ofsted.gov.uk/", domains)
    assert not in_domains("https://ofsted.gov.uk.evil.example/", domains)
    assert not in_domains("https://notofsted.gov.uk/", domains)
    assert not in_domains("file://ofsted.gov.uk/x", domains)


def test_url_rules_deny_wins_over_allow():
    rules = UrlRules(allow=(r"^/news/",), deny=(r"^/news/private/",))
    assert rules.permits("https://example.org/news/a")
    assert not rules.permits("https://example.org/news/private/a")
    assert not rules.permits("https://example.org/about/")
    assert UrlRules().permits("https://example.org/anything")


def test_mirror_maps_every_host_of_a_source_into_one_base():
    mirror = Mirror.for_source(
        ["https://reports.ofsted.gov.uk", "https://files.ofsted.gov.uk"], "http://127.0.0.1:8000/ofsted/"
    )
    assert mirror.to_fetch("https://reports.ofsted.gov.uk/provider/44/80549") == (
        "http://127.0.0.1:8000/ofsted/provider/44/80549")
    assert mirror.to_fetch("https://files.ofsted.gov.uk/v1/file/50187562") == (
        "http://127.0.0.1:8000/ofsted/_host/files.ofsted.gov.uk/v1/file/50187562")
    assert mirror.to_real("http://127.0.0.1:8000/ofsted/_host/files.ofsted.gov.uk/v1/file/1") == (
        "https://files.ofsted.gov.uk/v1/file/1")
    assert mirror.to_real("http://127.0.0.1:8000/ofsted/search?q=") == "https://reports.ofsted.gov.uk/search?q="
    assert mirror.to_fetch("https://www.example.org/x") == "https://www.example.org/x"
    assert mirror.to_real("http://127.0.0.1:8000/other/x") == "http://127.0.0.1:8000/other/x"


def test_mirror_accepts_either_scheme_and_www_variants_of_the_origin():
    mirror = Mirror.for_source(["https://www.cypnow.co.uk"], "http://127.0.0.1:1/cypnow")
    for url in ("http://www.cypnow.co.uk/a", "https://cypnow.co.uk/a", "https://www.cypnow.co.uk/a"):
        assert mirror.to_fetch(url) == "http://127.0.0.1:1/cypnow/a"
    assert mirror.to_real("http://127.0.0.1:1/cypnow") == "https://www.cypnow.co.uk/"
