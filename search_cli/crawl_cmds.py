"""htx demo, crawl, portals, extract, index and reindex: getting articles into the index."""

import sys
from pathlib import Path

import click

from crawler.fetch import FetchError, fetch_html, is_http_url
from crawler.fixture_server import DEFAULT_FIXTURES, serve_fixtures
from crawler.guard import extract_within_budget as extract_article
from crawler.learn import profile_for_start
from crawler.pages import decode_html
from crawler.profiles import ProfileError, learned_dir, load_profiles, profile_for_url
from crawler.registry import coverage, profiles_for_province
from indexer.archive import NoValidArticle
from indexer.engine.index import KEPT_STORED
from indexer.vietnamese.provinces import UnknownProvince
from search_cli.common import UserError, archive, data_dir
from search_cli.options import output_options, portal_province_option
from search_cli.output import emit, print_results, progress_bar


def _profiles(root: Path | None = None):
    try:
        return load_profiles(root)
    except ProfileError as error:
        raise UserError(f"bad portal profile: {error}", exit_code=1) from None


def _run_crawl(ctx, portals, verbose=False, **kwargs):
    from crawler.run import crawl, setup_logging  # Scrapy takes half a second to import: only when crawling

    setup_logging(verbose)
    archive(ctx).prepare_for_crawl()  # an unwritable data directory or an index this htx cannot open stops it here
    summaries = crawl(portals, data_dir(ctx), **kwargs)
    click.echo("\nCrawl summary")
    for summary in summaries:
        click.echo("  " + summary.line())
    return summaries


@click.command("demo")
@click.option("--fixtures", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_FIXTURES, show_default=True)
@click.option("--query", default="hợp tác xã", show_default=True, help="The sample search to print.")
@click.pass_context
def demo_command(ctx, fixtures, query):
    """Serve the fixture portals on loopback, crawl them with the real spiders, and search.

    The fixture articles go to a demo data directory of their own (~/.local/share/htx-demo), not to your
    archive, unless --data-dir is given. Example: htx demo, then htx --data-dir ~/.local/share/htx-demo search HTX
    """
    profiles = _profiles()
    click.echo(f"demo data directory: {data_dir(ctx)}")
    with serve_fixtures(fixtures) as served:
        portals = [name for name in served if name in profiles]
        for name in portals:
            click.echo(f"serving fixture portal {name} at {served[name][0]}")
        _run_crawl(ctx, [profiles[name] for name in portals], base_urls={name: served[name][0] for name in portals})
    click.echo(f"\nhtx --data-dir {data_dir(ctx)} search \"{query}\" --limit 5\n")
    print_results(archive(ctx).search(query, limit=5), None, 5, colour=sys.stdout.isatty())


@click.command("crawl")
@click.argument("portals", nargs=-1)
@click.option("--start", metavar="URL", help="Crawl a portal that has no profile yet from this page (needs --province): "
              "its profile is learned first, else pages are discovered within a budget.")
@portal_province_option()
@click.option("--budget", type=click.IntRange(1), default=None,
              help="With --start, when no news list is found: pages the discovery may ask for (default 60; depth 2).")
@click.option("--keep-all", is_flag=True, help="Index articles that are not about cooperatives too.")
@click.option("--refresh", is_flag=True, help="Fetch articles again even when they are already stored.")
@click.option("--max-list-pages", type=click.IntRange(0), default=0, help="Stop after this many list pages per portal (0: all).")
@click.option("--base-url", "base_urls", multiple=True, metavar="PORTAL=URL", help="Fetch PORTAL from a mirror or replica at URL.")
@click.option("--verbose", "-v", is_flag=True, help="Show Scrapy's own log.")
@click.pass_context
def crawl_command(ctx, portals, start, province, budget, keep_all, refresh, max_list_pages, base_urls, verbose):
    """Crawl the named portals (all when none), index what is new, and print a summary.

    Example: htx crawl soctrang --max-list-pages 2; htx crawl --start https://lmhtx.example.gov.vn --province "Bến Tre"
    """
    profiles = _profiles(data_dir(ctx))
    if start:
        if not province or portals:
            raise UserError("--start URL needs --province NAME, and no portal names")
        try:
            profile, origin = profile_for_start(start, province, data_dir(ctx))
        except (ProfileError, UnknownProvince) as error:
            raise UserError(str(error)) from None
        click.echo(origin)
        chosen = [profile]
    elif province:
        if portals:
            raise UserError("--province NAME alone crawls that province's portals: give no portal names")
        try:
            chosen = profiles_for_province(profiles, province)
        except UnknownProvince as error:
            raise UserError(f"--province: {error}") from None
        if not chosen:
            raise UserError(f"no portal profile for {province} yet: learn one with 'htx portal learn URL --province \"{province}\"' "
                            "(see 'htx portals' for its portal)", exit_code=1)
    else:
        unknown = [p for p in portals if p not in profiles]
        if unknown:
            raise UserError(f"unknown portal {', '.join(unknown)}; configured portals: {', '.join(sorted(profiles))} (see 'htx portals')")
        chosen = [profiles[name] for name in portals or sorted(profiles)]
    overrides = {}
    for item in base_urls:
        name, _, url = item.partition("=")
        if name not in {p.name for p in chosen} or not is_http_url(url):
            raise UserError(f"--base-url {item}: expected PORTAL=http://host[:port] with a portal being crawled")
        overrides[name] = url
    settings = {"HTX_DISCOVERY_BUDGET": budget} if budget else None
    _run_crawl(ctx, chosen, verbose, base_urls=overrides, keep_all=keep_all, refresh=refresh, max_list_pages=max_list_pages,
               settings=settings)


@click.command("portals")
@click.option("--all", "show_all", is_flag=True, help="Also list every province, covered or not, with its portal.")
@output_options("json", "jsonl", "csv")
@click.pass_context
def portals_command(ctx, show_all, fmt):
    """List the portal profiles (shipped and learned) and which provinces they cover.

    Example: htx portals --all
    """
    profiles = _profiles(data_dir(ctx))
    rows = [{"name": p.name, "province": p.province, "platform": p.platform, "base_url": p.base_url, "label": p.label,
             "learned": learned_dir(data_dir(ctx)) in Path(p.source).parents} for p in profiles.values()]
    provinces = coverage(profiles)
    document = {"portals": rows, "provinces": [
        {"province": row.province.name, "unit_2025": row.province.unit_2025, "profiles": row.profiles,
         "portal": row.province.domain, "alliance_site": row.alliance_site} for row in provinces]}

    def text():
        for row in rows:
            click.echo(f"{row['name']:<12} {row['province']:<16} {row['platform']:<11} {row['base_url']}  {row['label']}"
                       + (" (learned)" if row["learned"] else ""))
        covered = [row for row in provinces if row.profiles]
        click.echo(f"\n{len(covered)} of {len(provinces)} former provinces covered by a profile; "
                   f"{'not covered:' if show_all else 'not covered (--all for their portals):'}")
        if not show_all:
            click.echo("  " + ", ".join(row.province.name for row in provinces if not row.profiles))
            return
        for row in provinces:
            sites = ", ".join(filter(None, [row.province.domain, row.alliance_site]))
            click.echo(f"  {row.province.name:<18} {row.province.unit_2025:<14} {', '.join(row.profiles) or '-':<24} {sites}")

    emit(fmt, rows, text, document)


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
@output_options("json", "jsonl")
def extract_command(sources, url, portal, fmt):
    """Show what the extractor gets from saved pages or URLs: title, date, lead, body, province.

    --jsonl writes the input format of 'htx index'. Example: htx extract page.html --url https://… --jsonl
    """
    profiles = _profiles()
    if portal and portal not in profiles:
        raise UserError(f"--portal {portal}: unknown; configured portals: {', '.join(sorted(profiles))}")
    records = []
    for source, path in _inputs(sources):
        page_url = url or (source if path is None else path.resolve().as_uri())
        html = _fetch(source) if path is None else decode_html(path.read_bytes())
        profile = profiles[portal] if portal else profile_for_url(page_url)
        result = extract_article(html, page_url, profile)
        if fmt is None:
            _print_extraction(source, result)
            continue
        record = result.article.to_dict() if result.article else {"url": page_url, "warnings": result.warnings}
        record.update({"source": source, "path": result.path, "problem": result.problem or None})
        if fmt == "jsonl":  # one line per page as it comes, so a long run can be piped
            emit(fmt, [record], text=None)
        records.append(record)
    if fmt == "json":
        emit(fmt, records, text=None)


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
    """Index articles from JSON Lines files (the fields of 'htx extract --jsonl').

    Example: htx extract saved-pages/ --jsonl > articles.jsonl && htx index articles.jsonl
    """
    try:
        with progress_bar("indexing") as progress:
            report = archive(ctx).import_jsonl(files, progress)
    except NoValidArticle as error:
        _print_skipped(error.errors)
        raise UserError(str(error)) from None
    _print_skipped(report.errors)
    counts = report.counts
    kept = f"; kept {counts[KEPT_STORED]} stored articles the file has only a shorter copy of" if counts[KEPT_STORED] else ""
    click.echo(f"indexed {counts['new']} new, {counts['updated']} updated, {counts['unchanged']} unchanged{kept}; skipped {len(report.errors)} bad lines")
    if report.errors:
        ctx.exit(1)


def _print_skipped(errors: list[str]) -> None:
    for error in errors:
        click.echo(f"skipped {error}", err=True)


@click.command("reindex")
@click.option("--keep-all", is_flag=True, help="Index articles that are not about cooperatives too.")
@click.pass_context
def reindex_command(ctx, keep_all):
    """Rebuild the index from the stored items, without crawling (needed after analysis changes).

    Example: htx reindex --keep-all
    """
    with progress_bar("rebuilding the index") as progress:
        indexed = archive(ctx).reindex(keep_all, progress)
    click.echo(f"rebuilt the index from {indexed} stored articles")
