"""The ``scrutiny`` command line: the only module that imports click.

Each command is a thin wrapper: it parses options, calls one function of a
package, and turns expected failures into a one-line ``Error: ...`` with a
non-zero exit (1 for failures, 2 for bad usage), never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from scrutiny.config import Paths, data_paths

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def data_dir_option(fn: Callable) -> Callable:
    return click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="SCRUTINY_DATA_DIR",
        help="Where the database, WARC archive and Prefect state live (default: ./data).",
    )(fn)


def source_options(fn: Callable) -> Callable:
    """The options that choose what to crawl, shared by ``crawl`` and ``run``."""
    options = [
        click.option("--source", "sources", multiple=True, metavar="NAME",
                     help="A source profile from crawlers/sources.toml (repeatable)."),
        click.option("--all", "all_sources", is_flag=True, help="Crawl every source profile."),
        click.option("--start-url", "start_urls", multiple=True, metavar="URL",
                     help="Crawl any site from a sitemap, feed or listing URL (repeatable)."),
        click.option("--base-url", "base_urls", multiple=True, metavar="[NAME=]URL",
                     help="Point a source at a mirror: NAME=URL, or URL alone with one --source."),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]),
                     help="Skip articles published before this date (YYYY-MM-DD)."),
        click.option("--max-pages", type=click.IntRange(min=1), help="Stop after this many pages per source."),
        click.option("--refresh", is_flag=True, help="Fetch again even what is stored and unchanged."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def flow_paths(data_dir: Path | None) -> Paths:
    """The data paths, exported as SCRUTINY_DATA_DIR before ``scrutiny.flows`` is imported.

    Importing flows applies Prefect's settings for the data directory (its
    PREFECT_HOME); doing it for ./data when --data-dir says otherwise would
    leave a stray folder behind.
    """
    paths = data_paths(data_dir)
    os.environ["SCRUTINY_DATA_DIR"] = str(paths.data_dir)
    return paths


def crawl_request(
    sources: tuple[str, ...], all_sources: bool, start_urls: tuple[str, ...], base_urls: tuple[str, ...],
    since: Any, max_pages: int | None, refresh: bool,
) -> dict[str, Any]:
    """Validate the source options into keyword arguments for the crawler."""
    from scrutiny.crawlers.sources import load_sources

    try:
        profiles = load_sources()
    except (OSError, ValueError) as error:
        raise click.ClickException(f"cannot read crawlers/sources.toml: {error}") from error
    if all_sources:
        sources = tuple(profiles)
    unknown = [s for s in sources if s not in profiles]
    if unknown:
        raise click.UsageError(
            f"unknown source {', '.join(unknown)}; known sources: {', '.join(sorted(profiles))}"
        )
    if not sources and not start_urls:
        raise click.UsageError("say what to crawl: --source NAME, --all or --start-url URL")
    bases: dict[str, str] = {}
    for value in base_urls:
        name, sep, url = value.partition("=")
        if not sep:
            if len(sources) != 1:
                raise click.UsageError("--base-url URL needs exactly one --source (or use NAME=URL)")
            name, url = sources[0], value
        if name not in profiles:
            raise click.UsageError(f"--base-url names unknown source {name!r}")
        if not url.startswith(("http://", "https://")):
            raise click.UsageError(f"--base-url must be an http(s) URL, not {url!r}")
        bases[name] = url
    for url in start_urls:
        if not url.startswith(("http://", "https://")):
            raise click.UsageError(f"--start-url must be an http(s) URL, not {url!r}")
    return {
        "sources": list(sources),
        "start_urls": list(start_urls),
        "base_urls": bases,
        "since": since.date().isoformat() if since else None,
        "max_pages": max_pages,
        "refresh": refresh,
    }


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="scrutiny")
def cli() -> None:
    """scrutiny: who runs English councils' children's services, their Ofsted
    grades and what happened when, from the trade press and Ofsted's reports.

    \b
    Quick start:
        scrutiny demo          # the bundled offline corpus, end to end
        scrutiny run --all     # crawl, extract and load for real
        scrutiny serve         # browse data/scrutiny.db in Datasette
    """


@cli.command()
@data_dir_option
@click.option("--port", default=8001, show_default=True, help="Port for Datasette.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface for Datasette.")
@click.option("--no-serve", is_flag=True, help="Build the database and stop, without serving it.")
def demo(data_dir: Path | None, port: int, host: str, no_serve: bool) -> None:
    """Run the whole pipeline on the bundled offline corpus, then serve it.

    Serves the corpus (trade-press mini-sites with the seed articles, and a
    mirror of Ofsted's reports site) on 127.0.0.1, runs the Prefect pipeline
    crawl -> extract -> load -> publish over it, and serves Datasette.
    Ctrl-C stops everything.

    \b
    Example:
        scrutiny demo --data-dir /tmp/scrutiny-demo
    """
    paths = flow_paths(data_dir)
    from scrutiny.demo import run_demo

    run_demo(paths, host=host, port=port, serve=not no_serve, echo=click.echo)


@cli.command()
@data_dir_option
@source_options
@click.option("--task-runner", type=click.Choice(["thread", "dask"]), default="thread", show_default=True,
              help="Run extraction in threads of this process, or on a Dask cluster.")
@click.option("--dask-address", metavar="ADDRESS",
              help="Scheduler of an existing Dask cluster (default: start a local one).")
def run(data_dir: Path | None, task_runner: str, dask_address: str | None, **source_args: Any) -> None:
    """Run the pipeline once: crawl, extract, load, publish (a Prefect flow).

    \b
    Example:
        scrutiny run --source cypnow --since 2024-01-01
        scrutiny run --start-url https://example.org/sitemap.xml --max-pages 50
    """
    request = crawl_request(**source_args)
    paths = flow_paths(data_dir)
    from scrutiny.flows.pipeline import run_pipeline

    result = run_pipeline(paths, task_runner=task_runner, dask_address=dask_address, **request)
    click.echo(json.dumps(result, indent=2, default=str))
    if result.get("status") != "completed":
        sys.exit(1)


@cli.command()
@data_dir_option
@source_options
@click.option("-s", "--silent", is_flag=True, help="No progress display.")
def crawl(data_dir: Path | None, silent: bool, **source_args: Any) -> None:
    """Fetch articles and reports into the WARC archive and the documents table.

    \b
    Example:
        scrutiny crawl --source lgc --max-pages 100
        scrutiny crawl --source cypnow --base-url http://127.0.0.1:8000/cypnow
        scrutiny crawl --start-url https://www.example-news.co.uk/feed
    """
    from scrutiny.crawlers.run import crawl as run_crawl
    from scrutiny.crawlers.run import format_summary

    request = crawl_request(**source_args)
    try:
        summary = run_crawl(data_paths(data_dir), progress=not silent, **request)
    except ValueError as error:  # bad settings or credentials configuration
        raise click.ClickException(str(error).splitlines()[0]) from error
    click.echo(format_summary(summary), err=True)
    if summary.get("failed_sources"):
        sys.exit(1)


@cli.command()
@data_dir_option
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--url", help="Canonical URL to assume for a single FILE (default: from the page).")
@click.option("--source", help="Source key to record (cypnow, lgc, communitycare, ofsted, ...).")
@click.option("--json", "as_json", is_flag=True, help="Print one FACTS.md document object per file (JSON Lines).")
@click.option("--from-archive", is_flag=True,
              help="Re-extract stored documents from the WARC archive into the database (no network).")
@click.option("--all", "everything", is_flag=True, help="With --from-archive: every document, not only stale ones.")
def extract(
    data_dir: Path | None, files: tuple[Path, ...], url: str | None, source: str | None, as_json: bool,
    from_archive: bool, everything: bool,
) -> None:
    """Extract text and facts from HTML pages or Ofsted PDFs.

    With FILEs, prints JSON Lines and touches no database. With
    --from-archive, rebuilds text and facts of stored documents from the WARC
    archive.

    \b
    Example:
        scrutiny extract page.html --url https://www.lgc.co.uk/x --json
        scrutiny extract report.pdf --json > facts.jsonl
        scrutiny extract --from-archive
    """
    if from_archive:
        if files:
            raise click.UsageError("--from-archive takes no FILE arguments")
        paths = flow_paths(data_dir)
        from scrutiny.flows.extraction import extract_stored

        summary = extract_stored(paths, everything=everything)
        click.echo(json.dumps(summary), err=True)
        return
    if not files:
        raise click.UsageError("give one or more FILEs, or --from-archive")
    if url and len(files) > 1:
        raise click.UsageError("--url applies to a single FILE")
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise click.ClickException(f"no such file: {', '.join(missing)}")
    from scrutiny.extract.core import RawDocument, extract_documents
    from scrutiny.extract.errors import ModelNotInstalled

    raws = [RawDocument(data=f.read_bytes(), url=url or f.resolve().as_uri(), source=source) for f in files]
    try:
        docs = extract_documents(raws)
    except ModelNotInstalled as error:
        raise click.ClickException(str(error)) from error
    failed = 0
    for path, doc in zip(files, docs, strict=True):
        if doc.error:
            failed += 1
            click.echo(f"Error: {path}: {doc.error}", err=True)
        if as_json or not doc.error:
            click.echo(json.dumps(doc.as_dict(), ensure_ascii=False))
    if failed:
        sys.exit(1)


@cli.command()
@data_dir_option
@click.option("--port", default=8001, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--get", "get_path", metavar="PATH", help="Print the response for PATH and exit (no server).")
def serve(data_dir: Path | None, port: int, host: str, get_path: str | None) -> None:
    """Browse the database in Datasette (read-only).

    \b
    Example:
        scrutiny serve --port 8001
        scrutiny serve --get /scrutiny/ratings.json
    """
    paths = data_paths(data_dir)
    if not paths.db.exists():
        raise click.ClickException(f"no database at {paths.db}; run `scrutiny demo` or `scrutiny run` first")
    from scrutiny.db.serve import serve as run_serve

    run_serve(paths, host=host, port=port, get_path=get_path)


@cli.command()
@data_dir_option
@source_options
@click.option("--cron", default="0 6 * * *", show_default=True, help="When to run (cron, server time zone).")
@click.option("--name", default="scheduled", show_default=True, help="Deployment name.")
def schedule(data_dir: Path | None, cron: str, name: str, **source_args: Any) -> None:
    """Serve the pipeline as a Prefect deployment on a cron schedule.

    Connects to the Prefect server at PREFECT_API_URL, or starts one on
    127.0.0.1:4200 when none is set. Runs until Ctrl-C.

    \b
    Example:
        scrutiny schedule --all --cron "0 6 * * *"
    """
    request = crawl_request(**source_args)
    paths = flow_paths(data_dir)
    from scrutiny.flows.schedule import serve_schedule

    serve_schedule(paths, cron=cron, name=name, echo=click.echo, **request)


@cli.command(name="eval")
@click.option("--gold", "gold_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Gold folder of FACTS.md JSON files (default: the dev gold in corpus/gold/articles).")
@click.option("--site", "site_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Rendered mini-site folder holding the pages (default: corpus/sites).")
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write our predictions here (JSON Lines).")
@click.option("--show-errors", is_flag=True, help="List every missed and spurious fact.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_(gold_dir: Path | None, site_dir: Path | None, predictions: Path | None, show_errors: bool,
          as_json: bool) -> None:
    """Score extraction against a gold set, with the contract's scorer.

    \b
    Example:
        scrutiny eval
        scrutiny eval --gold corpus/gold/ofsted --site corpus/ofsted/reports
    """
    from scrutiny.extract.evaluate import evaluate, format_table

    results = evaluate(gold_dir=gold_dir, site_dir=site_dir, predictions_path=predictions)
    if show_errors:
        click.echo("\n".join(results.get("errors", [])))
    if as_json:
        click.echo(json.dumps({k: v for k, v in results.items() if k != "errors"}, indent=2))
    else:
        click.echo(format_table(results))


@cli.command()
@click.option("--quick", is_flag=True, help="Smaller sizes; finishes within 5 minutes.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report as JSON here.")
@click.option("--only", multiple=True, metavar="NAME", help="Run only these benchmarks (repeatable).")
def bench(quick: bool, json_path: Path | None, only: tuple[str, ...]) -> None:
    """Benchmark each stage against the library beneath it, as ratios.

    \b
    Example:
        scrutiny bench --quick --json bench.json
    """
    from scrutiny.benchmarks import run_benchmarks

    run_benchmarks(quick=quick, json_path=json_path, only=list(only), echo=click.echo)


def main() -> None:  # pragma: no cover - `python -m scrutiny`
    cli(prog_name="scrutiny")
