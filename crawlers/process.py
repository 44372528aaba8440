"""Run one source's crawl in this process: ``python -m scrutiny.crawlers.process JOB.json SUMMARY.json``.

Twisted's reactor cannot be restarted within a process, so ``run.crawl``
starts one of these per source. The job file says what to crawl (see
``run.job_for``); the summary file receives the source's counts as JSON.
Settings overrides come from the job's ``settings`` and the
``SCRUTINY_SCRAPY_SETTINGS`` environment variable (a JSON object); a test uses
them to drop the polite delays against its own 127.0.0.1 server.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

SPIDERS = {
    "news": "scrutiny.crawlers.spiders.news.NewsSpider",
    "ofsted": "scrutiny.crawlers.spiders.ofsted.OfstedSpider",
}


def crawl_settings(job: dict[str, Any]):
    """Scrapy settings for a job: ours, the contact User-Agent, the page budget, overrides."""
    from scrapy.settings import Settings

    from scrutiny.crawlers.sources import crawler_config, user_agent

    settings = Settings()
    settings.setmodule("scrutiny.crawlers.settings", priority="project")
    settings.set("USER_AGENT", user_agent(crawler_config()), priority="project")
    if job.get("max_pages"):
        settings.set("SCRUTINY_MAX_PAGES", int(job["max_pages"]), priority="project")
    if not job.get("progress", True):
        settings.set("LOG_LEVEL", "ERROR", priority="project")
    overrides = dict(job.get("settings") or {})
    overrides.update(environment_settings())
    for name, value in overrides.items():
        settings.set(name, value, priority="cmdline")
    return settings


def environment_settings() -> dict[str, Any]:
    """Scrapy settings overrides from ``SCRUTINY_SCRAPY_SETTINGS``; ValueError when it is not a JSON object."""
    raw = os.environ.get("SCRUTINY_SCRAPY_SETTINGS") or "{}"
    try:
        value = json.loads(raw)
    except ValueError as error:
        raise ValueError(f"SCRUTINY_SCRAPY_SETTINGS is not valid JSON: {error}") from error
    if not isinstance(value, dict):
        raise ValueError("SCRUTINY_SCRAPY_SETTINGS must be a JSON object of Scrapy settings")
    return value


def check_configuration(job: dict[str, Any]) -> None:
    """Fail early, in one line, on configuration the crawl would trip over (settings, credentials)."""
    from scrutiny.crawlers.sources import SourceProfile, crawler_config, load_credentials

    environment_settings()
    load_credentials(SourceProfile.from_dict(job["profile"]), crawler_config())


def run_job(job: dict[str, Any]) -> dict[str, Any]:
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.misc import load_object

    settings = crawl_settings(job)
    spider_cls = load_object(SPIDERS[job["profile"].get("spider", "news")])
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(spider_cls)
    process.crawl(crawler, job=job)
    process.start()
    spider = crawler.spider
    summary = getattr(spider, "summary", None)
    if summary is None:
        raise RuntimeError(f"the {job['profile']['name']} crawl ended without a summary")
    return summary


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m scrutiny.crawlers.process JOB.json SUMMARY.json", file=sys.stderr)
        return 2
    job = json.loads(Path(args[0]).read_text())
    name = job["profile"]["name"]
    try:
        check_configuration(job)
    except (OSError, ValueError) as error:
        print(f"Error: {name}: {error}", file=sys.stderr)
        Path(args[1]).write_text(json.dumps({"source": name, "error": str(error)}))
        return 2
    summary = run_job(job)
    Path(args[1]).write_text(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
