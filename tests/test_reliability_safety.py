"""Safe by default: only http(s) within a source's domains is fetched, credentials never leave the
request, and bad arguments or bad configuration end in one clear line and a non-zero exit."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from faultserver import FAST_SETTINGS, FaultServer, article_page, page, redirect, robots_txt, sitemap

from scrutiny.cli import cli
from scrutiny.config import Paths
from scrutiny.db.schema import open_db

SCRUTINY = [sys.executable, "-m", "scrutiny"]


def run_cli(args: list[str], env: dict[str, str], timeout: float = 180) -> subprocess.CompletedProcess:
    """``scrutiny ARGS`` in a child process, as a user runs it (output captured)."""
    return subprocess.run(SCRUTINY + args, env={**os.environ, **env}, capture_output=True, text=True,
                          timeout=timeout, check=False)


def stored_urls(paths: Paths) -> set[str]:
    db = open_db(paths.db, migrate=False)
    try:
        return {row[0] for row in db.execute("select url from documents")}
    finally:
        db.close()


def everything_written(data_dir: Path) -> bytes:
    """Every byte under the data dir, WARC files decompressed: where a secret must not be."""
    chunks = []
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            chunks.append(gzip.decompress(data) if path.name.endswith(".gz") else data)
    return b"\n".join(chunks)


# ---- scope ----------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_only_http_and_https_within_the_source_domains_are_fetched(tmp_path):
    from scrutiny.crawlers.run import crawl

    paths = Paths(tmp_path)
    with FaultServer() as server:
        base, port = server.base_url, server.port
        offsite = f"http://localhost:{port}"  # the same server under another host name
        hostile = [
            "ftp://127.0.0.1/pub/file.txt", "file:///etc/passwd", "javascript:alert(document.cookie)",
            "mailto:editor@example.org", "data:text/html,<p>hi</p>", f"{offsite}/news/2024/03/offsite-article-one",
            f"//localhost:{port}/news/2024/03/protocol-relative-offsite", "/news/2024/03/redirects-offsite",
            "/news/2024/03/redirects-to-a-file", "gopher://127.0.0.1:70/", "/private/secret-page-of-the-site",
        ]
        slug = "council-story-with-hostile-links-everywhere"
        server.routes.update({
            "/robots.txt": page(robots_txt(["/private/"]), content_type="text/plain"),
            "/sitemap.xml": page(sitemap([(f"{base}/news/2024/03/{slug}", None),
                                          (f"{offsite}/news/2024/03/offsite-listed-in-sitemap", None),
                                          ("file:///etc/passwd", None)]), content_type="application/xml"),
            f"/news/2024/03/{slug}": page(article_page(slug, "Hostile links", base=base, links=hostile)),
            "/news/2024/03/redirects-offsite": redirect(f"{offsite}/news/2024/03/redirect-target-offsite"),
            "/news/2024/03/redirects-to-a-file": redirect("file:///etc/passwd"),
        })
        summary = crawl(paths, progress=False, start_urls=[server.url("/sitemap.xml")], settings=FAST_SETTINGS)
        hosts = {hit.host for hit in server.hits}
        requested = set(server.paths())

    assert hosts == {f"127.0.0.1:{port}"}  # nothing fetched from localhost, however it was reached
    assert "/private/secret-page-of-the-site" not in requested  # robots.txt obeyed
    assert stored_urls(paths) == {f"{base}/news/2024/03/{slug}"}
    assert summary["failed_sources"] == []
    written = everything_written(paths.data_dir)
    assert b"root:x:0:0" not in written  # file:///etc/passwd never read


@pytest.mark.slow
def test_credentials_never_reach_the_database_logs_or_warc(tmp_path):
    cookie, token, remember, server_session = (
        "TOPSECRET-COOKIE-4471", "TOPSECRET-TOKEN-9034", "TOPSECRET-REMEMBER-5520", "SERVERSECRET-SESSION-7781")
    credentials = tmp_path / "credentials.toml"
    credentials.write_text(
        f'[cypnow]\ncookies = {{ remember_me = "{remember}" }}\n'
        f'headers = {{ Authorization = "Bearer {token}", X-Subscriber-Token = "{token}" }}\n'
    )
    data_dir = tmp_path / "data"
    real = "https://www.cypnow.co.uk"
    slugs = [f"council-names-new-director-story-{n}" for n in range(3)]
    with FaultServer() as server:
        server.routes.update({
            "/robots.txt": page(robots_txt(), content_type="text/plain"),
            "/sitemap.xml": page(sitemap([(f"{real}/news/article/{s}", "2024-03-14") for s in slugs]),
                                 content_type="application/xml"),
        })
        for s in slugs:
            server.routes[f"/news/article/{s}"] = page(
                article_page(s, f"Story {s}", base=real, path=f"/news/article/{s}"),
                headers=[("Set-Cookie", f"server_session={server_session}; Path=/; HttpOnly")])
        env = {
            "SCRUTINY_CYPNOW_COOKIE": f"subscriber_session={cookie}",
            "SCRUTINY_CREDENTIALS_FILE": str(credentials),
            "SCRUTINY_SCRAPY_SETTINGS": json.dumps({**FAST_SETTINGS, "LOG_LEVEL": "DEBUG"}),
        }
        result = run_cli(["crawl", "--data-dir", str(data_dir), "--source", "cypnow", "--base-url", server.base_url],
                         env)
        article_hits = [hit for hit in server.hits if hit.path.startswith("/news/article/")]

    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert len(stored_urls(Paths(data_dir))) == 3
    # The credentials were really used (so their absence below means something).
    assert article_hits and all(cookie in hit.headers.get("cookie", "") for hit in article_hits)
    assert all(remember in hit.headers.get("cookie", "") for hit in article_hits)
    assert all(hit.headers.get("authorization") == f"Bearer {token}" for hit in article_hits)
    secrets = [s.encode() for s in (cookie, token, remember, server_session)]
    written = everything_written(data_dir)
    assert b"WARC-Type: request" in written
    for secret in secrets:
        assert secret not in written, f"{secret!r} written under the data dir"
        assert secret.decode() not in result.stdout + result.stderr, f"{secret!r} in the crawl's output"


@pytest.mark.slow
def test_a_password_in_a_start_url_is_not_stored(tmp_path):
    from scrutiny.crawlers.run import crawl

    paths = Paths(tmp_path)
    secret = "TOPSECRET-PASSWORD-3310"
    with FaultServer() as server:
        slug = "council-story-behind-basic-auth"
        server.routes.update({
            "/robots.txt": page(robots_txt(), content_type="text/plain"),
            "/sitemap.xml": page(sitemap([(f"{server.base_url}/news/2024/03/{slug}", None)]),
                                 content_type="application/xml"),
            f"/news/2024/03/{slug}": page(article_page(slug, "Behind basic auth", base=server.base_url)),
        })
        start = f"http://editor:{secret}@127.0.0.1:{server.port}/sitemap.xml"
        crawl(paths, progress=False, start_urls=[start], settings=FAST_SETTINGS)
    assert stored_urls(paths) == {f"{server.base_url}/news/2024/03/{slug}"}
    assert secret.encode() not in everything_written(paths.data_dir)


# ---- bad arguments and bad configuration ----------------------------------------------------------------


def one_error_line(output: str) -> str:
    assert "Traceback" not in output, output[-3000:]
    errors = [line for line in output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, output[-3000:]
    return errors[0]


@pytest.mark.parametrize(
    "args, message",
    [
        (["crawl", "--source", "cypnow", "--base-url", "not a url"], "--base-url must be an http(s) URL"),
        (["crawl", "--all", "--base-url", "nosuch=http://127.0.0.1/"], "unknown source 'nosuch'"),
        (["run", "--start-url", "file:///etc/passwd"], "--start-url must be an http(s) URL"),
        (["run", "--since", "2024-13-45", "--all"], "does not match the format"),
        (["crawl", "--all", "--max-pages", "-5"], "-5 is not in the range x>=1"),
        (["run", "--all", "--task-runner", "spark"], "'spark' is not one of"),
        (["serve", "--port", "http"], "'http' is not a valid integer"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(tmp_path, args, message):
    result = CliRunner().invoke(cli, [*args, "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert message in one_error_line(result.output)


def test_serve_without_a_database_is_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--data-dir", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "no database" in one_error_line(result.output)


@pytest.mark.parametrize(
    "toml, message",
    [
        ("[sources.broken\norigins = [", "cannot read crawlers/sources.toml"),
        ('[sources.x]\norigins = ["https://x.example"]\nfollow = "everything"\n', "follow must be one of"),
        ('[sources.x]\norigins = ["https://x.example"]\nsitemap = "typo"\n', "unknown keys sitemap"),
        ('[sources.x]\norigins = ["https://x.example"]\narticle_patterns = ["(unclosed"]\n', "bad pattern"),
        ('[sources.x]\norigins = []\n', "origins is empty"),
    ],
)
def test_a_malformed_sources_file_is_one_line(tmp_path, monkeypatch, toml, message):
    from scrutiny.crawlers import sources

    bad = tmp_path / "sources.toml"
    bad.write_text(toml)
    monkeypatch.setattr(sources, "SOURCES_FILE", bad)
    result = CliRunner().invoke(cli, ["crawl", "--all", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert message in one_error_line(result.output)


@pytest.mark.slow
@pytest.mark.parametrize(
    "variable, value, message",
    [
        ("SCRUTINY_CREDENTIALS_FILE", "BROKEN", "credentials file"),
        ("SCRUTINY_SCRAPY_SETTINGS", "{not json", "SCRUTINY_SCRAPY_SETTINGS"),
    ],
)
def test_bad_configuration_in_the_environment_is_one_line(tmp_path, variable, value, message):
    if value == "BROKEN":
        value = str(tmp_path / "credentials.toml")
        Path(value).write_text("[127.0.0.1\ncookies = {")
    result = run_cli(["crawl", "--data-dir", str(tmp_path / "data"), "--start-url", "http://127.0.0.1:9/sitemap.xml"],
                     {variable: value}, timeout=120)
    assert result.returncode != 0
    assert message in one_error_line(result.stdout + result.stderr)


def test_a_data_dir_that_is_a_file_is_one_line(tmp_path):
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    result = CliRunner().invoke(cli, ["extract", "--from-archive", "--data-dir", str(not_a_dir)])
    assert result.exit_code != 0
    assert "file" in one_error_line(result.output)
