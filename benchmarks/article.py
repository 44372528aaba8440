"""Article text: documents/second of ``parse_article`` against bare ``trafilatura.extract``.

Both get the same generated pages as bytes, as the crawler stores them. Ours
also reads the metadata (JSON-LD, meta, bylines, dates, walls) and prunes the
page furniture, so the ratio is the price of that work.
"""

from __future__ import annotations

import trafilatura

from scrutiny.benchmarks.generate import make_article, render_article
from scrutiny.benchmarks.report import Result, chunked, compare_chunks, ratio_target
from scrutiny.benchmarks.run import Context

ORIGIN = "https://news.example"


def generated_pages(count: int, seed: int = 0) -> list[tuple[str, bytes]]:
    """(url, HTML bytes) of ``count`` generated article pages."""
    pages = []
    for index in range(count):
        article = make_article(index, seed)
        html = render_article(article, ORIGIN, seed=seed, total=count)
        pages.append((ORIGIN + article.path, html.encode("utf-8")))
    return pages


def run(ctx: Context) -> list[Result]:
    from scrutiny.extract.article import parse_article

    pages = generated_pages(ctx.size(1000, 200), ctx.seed)

    def ours(chunk) -> None:
        for url, html in chunk:
            parse_article(html, url=url, content_type="text/html; charset=utf-8")

    def baseline(chunk) -> None:
        for url, html in chunk:
            trafilatura.extract(html, url=url)

    ours(pages[:10])  # warm up: lazy imports and compiled patterns on both sides
    baseline(pages[:10])
    repeat = 2 if ctx.quick else 1
    ours_s, base_s = compare_chunks(ours, baseline, chunked(pages, 10), repeat)
    result = Result("article: parse_article vs trafilatura.extract", repeat * len(pages) / ours_s,
                    repeat * len(pages) / base_s, "docs/s", note=f"{len(pages)} generated pages")
    return [ratio_target(result, at_least=0.77)]
