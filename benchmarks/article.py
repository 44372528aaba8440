"""Article text: documents/second of ``parse_article`` against bare ``trafilatura.extract``.

Both get the same generated pages as bytes, as the crawler stores them. Ours
also reads the metadata (JSON-LD, meta, bylines, dates, walls) and prunes the
page furniture, so the ratio is the price of that work.
"""

from __future__ import annotations

import trafilatura

from scrutiny.benchmarks.generate import make_article, render_article
from scrutiny.benchmarks.report import Result, compare, ratio_target
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
    repeat = 2 if ctx.quick else 3

    def ours() -> None:
        for url, html in pages:
            parse_article(html, url=url, content_type="text/html; charset=utf-8")

    def baseline() -> None:
        for url, html in pages:
            trafilatura.extract(html, url=url)

    ours()  # warm up: lazy imports and compiled patterns on both sides
    baseline()
    ours_s, base_s = compare(ours, baseline, repeat)
    result = Result("article: parse_article vs trafilatura.extract", len(pages) / ours_s, len(pages) / base_s,
                    "docs/s", note=f"{len(pages)} generated pages")
    return [ratio_target(result, at_least=0.77)]
