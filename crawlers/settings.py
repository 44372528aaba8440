"""Scrapy settings for scrutiny's crawlers: polite by default.

robots.txt is obeyed, AutoThrottle adapts the pace to the server, at most two
requests run at once per domain, every request says who we are and how to
reach us, and every download has a size and time cap. Tests lower the delays
through settings overrides (``crawl(settings=...)`` or the
``SCRUTINY_SCRAPY_SETTINGS`` environment variable); these defaults stay polite.
"""

from __future__ import annotations

BOT_NAME = "scrutiny"
SPIDER_MODULES = ["scrutiny.crawlers.spiders"]
NEWSPIDER_MODULE = "scrutiny.crawlers.spiders"

# Who we are; the contact URL comes from crawlers/sources.toml ([crawler] contact_url).
USER_AGENT = "scrutiny/0.1 (+https://github.com/scrutiny-news/scrutiny)"
ROBOTSTXT_OBEY = True
ROBOTSTXT_USER_AGENT = "scrutiny"

# Pace.
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Caps.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 40 * 1024 * 1024  # the largest Ofsted PDFs are a few MB
DOWNLOAD_WARNSIZE = 10 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
DEPTH_LIMIT = 0  # listings are bounded by --since, by reaching stored articles, and by max_depth
URLLENGTH_LIMIT = 2083
# A crawl stops (gracefully: what it fetched is stored) after this long, so a scheduled run ends
# however big or slow the site; the next run carries on, since stored pages are not fetched again.
CLOSESPIDER_TIMEOUT = 6 * 3600

# Transient failures: retried after a pause (Retry-After honoured, see middlewares.py).
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = 2.0
RETRY_BACKOFF_MAX = 120.0

# Only http and https are ever fetched.
DOWNLOAD_HANDLERS = {
    "http": "scrutiny.crawlers.middlewares.MirrorDownloadHandler",
    "https": "scrutiny.crawlers.middlewares.MirrorDownloadHandler",
    "file": None,
    "data": None,
    "ftp": None,
    "s3": None,
}

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrutiny.crawlers.middlewares.BackoffRetryMiddleware": 550,
    "scrutiny.crawlers.middlewares.PageBudgetMiddleware": 120,
    "scrutiny.crawlers.middlewares.RedirectLoopMiddleware": 610,
    "scrutiny.crawlers.middlewares.CredentialsMiddleware": 710,
}

EXTENSIONS = {
    "scrutiny.crawlers.extensions.CrawlDelay": 10,  # after AutoThrottle (0): its floor wins
}

ITEM_PIPELINES = {
    "scrutiny.crawlers.pipelines.ValidatePipeline": 100,
    "scrutiny.crawlers.pipelines.DedupePipeline": 200,
    "scrutiny.crawlers.pipelines.ArchivePipeline": 300,
    "scrutiny.crawlers.pipelines.StorePipeline": 400,
}

COOKIES_ENABLED = True
HTTPCACHE_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "WARNING"
LOGSTATS_INTERVAL = 60.0
FEED_EXPORT_ENCODING = "utf-8"
