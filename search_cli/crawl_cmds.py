"""htx demo, crawl, portals, extract, index and reindex: getting articles into the index."""

import json
import sys
from pathlib import Path

import click

from crawler.fetch import FetchError, fetch_html
from crawler.fixture_server import DEFAULT_FIXTURES, serve_fixtures
from crawler.guard import extract_within_budget as extract_article
from crawler.pages import decode_html
from crawler.profiles import ProfileError, discovery_profile, load_profiles, profile_for_url
from indexer.engine.index import (
    KEPT_STORED,
    IndexBusy,
    IndexMissing,
    indexed_urls,
    open_index,
    prepare_data_dir,
    rebuild_index,
    to_document,
    write_articles,
)
from indexer.itemstore import ItemStore, read_jsonl
from indexer.query.search import search
from indexer.vietnamese.provinces import UnknownProvince
from indexer.vietnamese.relevance import is_about_cooperatives
from search_cli.common import UserError, data_dir
from search_cli.output import print_results


def _profiles():
    try:
        return load_profiles()
    except ProfileError as error:
        raise UserError(f"bad portal profile: {error}", exit_code=1) from None


def _run_crawl(ctx, portals, verbose=False, **kwargs):
    from crawler.run import crawl, setup_logging  # Scrapy takes half a second to import: only when crawling

    setup_logging(verbose)
    try:
        prepare_data_dir(data_dir(ctx))  # a data directory that cannot be written stops the crawl before it starts
        indexed_urls(data_dir(ctx))  # an index this htx cannot open stops the crawl before it fetches anything
        summaries = crawl(portals, data_dir(ctx), **kwargs)
    except IndexMissing as error:
        raise UserError(str(error), exit_code=1) from None
    except IndexBusy as error:
        raise UserError(f"{error}; nothing indexed was lost, run the crawl again later", exit_code=1) from None
    click.echo("\nCrawl summary")
    for summary in summaries:
        click.echo("  " + summary.line())
    return summaries


@click.command("demo")
@click.option("--fixtures", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_FIXTURES, show_default=True)
@click.option("--query", default="hợp tác xã", show_default=True, help="The sample search to print.")
@click.pass_context
def demo_command(ctx, fixtures, query):
    """Serve the fixture portals on loopback, crawl them with the real spiders, and search."""
    profiles = _profiles()
    with serve_fixtures(fixtures) as served:
        portals = [name for name in served if name in profiles]
        for name in portals:
            click.echo(f"serving fixture portal {name} at {served[name][0]}")
        _run_crawl(ctx, [profiles[name] for name in portals], base_urls={name: served[name][0] for name in portals})
    click.echo(f"\nhtx search \"{query}\" --limit 5   (index: {data_dir(ctx)})\n")
    print_results(search(open_index(data_dir(ctx)), query, limit=5), "text", 5, colour=sys.stdout.isatty())


@click.command("crawl")
@click.argument("portals", nargs=-1)
@click.option("--start", metavar="URL", help="Crawl a portal that has no profile yet, from this page (needs --province).")
@click.option("--province", help="With --start: the province the portal belongs to.")
@click.option("--keep-all", is_flag=True, help="Index articles that are not about cooperatives too.")
@click.option("--refresh", is_flag=True, help="Fetch articles again even when they are already stored.")
@click.option("--max-list-pages", type=click.IntRange(0), default=0, help="Stop after this many list pages per portal (0: all).")
@click.option("--base-url", "base_urls", multiple=True, metavar="PORTAL=URL", help="Fetch PORTAL from a mirror or replica at URL.")
@click.option("--verbose", "-v", is_flag=True, help="Show Scrapy's own log.")
@click.pass_context
def crawl_command(ctx, portals, start, province, keep_all, refresh, max_list_pages, base_urls, verbose):
    """Crawl the named portals (all when none), index what is new, and print a summary."""
    profiles = _profiles()
    if start or province:
        if not (start and province) or portals:
            raise UserError("--start URL and --province NAME go together, without portal names")
        try:
            chosen = [discovery_profile(start, province)]
        except (ProfileError, UnknownProvince) as error:
            raise UserError(str(error)) from None
    else:
        unknown = [p for p in portals if p not in profiles]
        if unknown:
            raise UserError(f"unknown portal {', '.join(unknown)}; configured portals: {', '.join(sorted(profiles))} (see 'htx portals')")
        chosen = [profiles[name] for name in portals or sorted(profiles)]
    overrides = {}
    for item in base_urls:
        name, _, url = item.partition("=")
        if name not in {p.name for p in chosen} or not url.startswith(("http://", "https://")):
            raise UserError(f"--base-url {item}: expected PORTAL=http://host[:port] with a portal being crawled")
        overrides[name] = url
    _run_crawl(ctx, chosen, verbose, base_urls=overrides, keep_all=keep_all, refresh=refresh, max_list_pages=max_list_pages)


@click.command("portals")
def portals_command():
    """List the configured portal profiles."""
    for profile in _profiles().values():
        click.echo(f"{profile.name:<12} {profile.province:<16} {profile.platform:<11} {profile.base_url}  {profile.label}")


def _inputs(sources):
    for source in sources:
        if source.startswith(("http://", "https://")):
            yield source, None
            continue
        path = Path(source)
        if path.is_dir():
            yield from ((str(p), p) for p in sorted(path.rglob("*")) if p.is_file() and not p.name.startswith((".", "_")) and p.suffix not in (".json", ".txt", ".xml", ".md"))
        elif path.is_file():
            yield source, path
        else:
            raise UserError(f"{source}: no such file or directory (give a file, a directory or an http(s) URL)")


def _fetch(url: str) -> str:
    try:
        return fetch_html(url)
    except FetchError as error:
        raise UserError(str(error), exit_code=1) from None


@click.command("extract")
@click.argument("sources", nargs=-1, required=True)
@click.option("--url", help="The page's address, when SOURCE is a saved file (picks the portal profile).")
@click.option("--portal", help="Use this portal's profile instead of guessing it from the URL.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per page (the input format of 'htx index').")
def extract_command(sources, url, portal, as_json):
    """Show what the extractor gets from saved pages or URLs: title, date, lead, body, province."""
    profiles = _profiles()
    if portal and portal not in profiles:
        raise UserError(f"--portal {portal}: unknown; configured portals: {', '.join(sorted(profiles))}")
    for source, path in _inputs(sources):
        page_url = url or (source if path is None else path.resolve().as_uri())
        html = _fetch(source) if path is None else decode_html(path.read_bytes())
        profile = profiles[portal] if portal else profile_for_url(page_url)
        result = extract_article(html, page_url, profile)
        if as_json:
            record = result.article.to_dict() if result.article else {"url": page_url, "warnings": result.warnings}
            record.update({"source": source, "path": result.path, "problem": result.problem or None})
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            _print_extraction(source, result)


def _print_extraction(source, result):
    click.echo(f"== {source}  [{result.path}{' profile' if result.path == 'profile' else ' rules'}]")
    for warning in result.warnings:
        click.echo(f"warning: {warning}")
    if result.article is None:
        click.echo(f"not extracted: {result.problem}\n")
        return
    article = result.article
    click.echo(f"title:     {article.title}\npublished: {article.published.isoformat() if article.published else '-'}")
    click.echo(f"province:  {article.province or '-'}\ncooperatives: {'yes' if article.about_cooperatives else 'no'}")
    if article.lead:
        click.echo(f"lead:      {article.lead}")
    click.echo("\n" + article.body + "\n")


@click.command("index")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def index_command(ctx, files):
    """Index articles from JSON Lines files (the fields of 'htx extract --json')."""
    good, errors = [], []
    for path in files:
        articles, bad = read_jsonl(path)
        errors += bad
        for article in articles:
            try:
                to_document(article)
                good.append(article)
            except ValueError as error:
                errors.append(f"{path}: {article.url}: {error}")
    for error in errors:
        click.echo(f"skipped {error}", err=True)
    if not good:
        raise UserError("no valid article to index (each line needs url, title, body; see 'htx extract --json')")
    run = ItemStore(data_dir(ctx)).open_run("import")
    for article in good:
        run.write(article)
    run.close()
    try:
        counts = write_articles(data_dir(ctx), good)
    except IndexMissing as error:
        raise UserError(str(error), exit_code=1) from None
    kept = f"; kept {counts[KEPT_STORED]} stored articles the file has only a shorter copy of" if counts[KEPT_STORED] else ""
    click.echo(f"indexed {counts['new']} new, {counts['updated']} updated, {counts['unchanged']} unchanged{kept}; skipped {len(errors)} bad lines")
    if errors:
        ctx.exit(1)


@click.command("reindex")
@click.option("--keep-all", is_flag=True, help="Index articles that are not about cooperatives too.")
@click.pass_context
def reindex_command(ctx, keep_all):
    """Rebuild the index from the stored items, without crawling (needed after analysis changes)."""
    root = data_dir(ctx)
    articles = []
    for article in ItemStore(root).best_copies():
        article.about_cooperatives = is_about_cooperatives(article.title, article.lead, article.body)
        if keep_all or article.about_cooperatives:
            articles.append(article)
    if not articles:
        raise UserError(f"no stored items in {root / 'items'}: crawl first", exit_code=1)
    counts = rebuild_index(root, articles)
    click.echo(f"rebuilt the index from {counts['new']} stored articles")
