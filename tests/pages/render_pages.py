"""Re-render the dev articles through the test templates in ``templates/``.

The hidden evaluation pages come from templates never seen here, so the article
tests also run on the same 16 articles dressed in five more site styles (WordPress
with a Yoast ``@graph``, a broadsheet with a "most viewed" rail before the article,
a regional paper with in-body adverts and an "Updated" line first, an old table
layout with a logo <h1> and the date above the headline, a component-per-paragraph
news site). Each article also gets reader comments dated before and after it and a
"modified" date, so that neither can pass for the publication date.

Run from the repository root after editing a template:

    .venv/bin/python tests/pages/render_pages.py

It writes ``rendered/<site>/<id>.html`` (article pages only) and
``rendered/expected.json`` (what parse_article must find on each page).
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SOURCES = REPO / "corpus" / "gold" / "source" / "dev-src"
RENDER = REPO / "corpus" / "gold" / "source" / "render.py"
OUT = HERE / "rendered"

# site key -> (origin, path pattern); {slug}, {y}/{m}/{d}, {n} are filled per article.
SITES = {
    "courier": ("https://www.northerncourier.co.uk", "/{y}/{m}/{d}/{slug}/"),
    "broadsheet": ("https://www.dailyledger.co.uk", "/society/{slug}"),
    "regional": ("https://www.teessidepost.co.uk", "/news/teesside-news/{slug}-{n}"),
    "journal": ("https://www.municipalreview.co.uk", "/news/{slug}.html"),
    "bulletin": ("https://www.nationalbulletin.co.uk", "/news/uk-{n}"),
}


def slug_of(url: str) -> str:
    last = [part for part in url.split("/") if part][-1]
    if last.endswith(".article") or last.isdigit():
        last = [part for part in url.split("/") if part][-2]
    return re.sub(r"-\d+(?:-\d+)?$", "", last)


def variant(src: dict, site: str, index: int) -> dict:
    origin, pattern = SITES[site]
    day = date.fromisoformat(src["published"])
    art = copy.deepcopy(src)
    art["id"] = f"{site}_{src['id']}"
    art["site"] = site
    art["url"] = origin + pattern.format(
        slug=slug_of(src["url"]), y=f"{day.year:04d}", m=f"{day.month:02d}", d=f"{day.day:02d}",
        n=str(60_000_000 + index * 7919),
    )
    art["modified"] = (day + timedelta(days=2)).isoformat()
    art["modified_time"] = "09:12"
    art["comments"] = [
        {"name": "Early Bird", "date": (day - timedelta(days=400)).isoformat(), "time": "08:05",
         "text": "I said this would happen years ago and nobody listened."},
        {"name": "Wearside Reader", "date": (day + timedelta(days=3)).isoformat(), "time": "21:40",
         "text": "Staff deserve better support than this."},
    ]
    return art


def expected_text(paragraphs: list[str]) -> str:
    return "\n".join(re.sub(r"\s+", " ", re.sub(r"^(## |> )", "", p)).strip() for p in paragraphs)


def main() -> int:
    sources = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SOURCES.glob("*.json"))]
    expected = {}
    with tempfile.TemporaryDirectory() as tmp:
        src_dir, out_dir = Path(tmp, "src"), Path(tmp, "out")
        src_dir.mkdir()
        arts = []
        for site in SITES:
            for i, src in enumerate(sources):
                art = variant(src, site, i)
                arts.append(art)
                (src_dir / f"{art['id']}.json").write_text(json.dumps(art, ensure_ascii=False), encoding="utf-8")
        subprocess.run([sys.executable, str(RENDER), str(src_dir), str(out_dir), "--templates",
                        str(HERE / "templates")], check=True, stdout=subprocess.DEVNULL)
        if OUT.exists():
            shutil.rmtree(OUT)
        for art in arts:
            path = art["url"].split("://", 1)[1].split("/", 1)[1]
            page = out_dir / art["site"] / path
            if page.is_dir() or not page.suffix:
                page = page / "index.html"
            target = OUT / art["site"] / f"{art['id'].split('_', 1)[1]}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, target)
            gold = art["gold"]
            expected[f"{art['site']}/{target.name}"] = {
                "url": art["url"],
                "title": art["title"],
                "published": art["published"],
                "authors": art["authors"],
                "paywalled": art["paywalled"],
                "standfirst": art.get("standfirst") or "",
                "text": expected_text(art["paragraphs"]),
                "evidence": sorted({f["evidence"] for kind in ("people", "ratings", "events") for f in gold[kind]}),
            }
    (OUT / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(expected)} pages -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
