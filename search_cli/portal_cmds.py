"""htx portal learn and check: learn a profile from a portal, try a profile on a few live pages."""

from pathlib import Path
from urllib.parse import urljoin

import click
from bs4 import BeautifulSoup

from crawler.extract import extract_article
from crawler.fetch import FetchError, fetch_html, is_http_url
from crawler.learn import LEARN_BUDGET, LearnError, learn_profile
from crawler.profiles import ProfileError, discovery_profile, load_profiles
from indexer.vietnamese.provinces import UnknownProvince
from search_cli.common import UserError, data_dir
from search_cli.options import portal_province_option
from search_cli.output import vn_date


@click.group("portal")
def portal_group():
    """Write and verify portal profiles."""


@click.command("learn")
@click.argument("url")
@portal_province_option(required=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the profile here (e.g. crawler/portals/NAME.toml) instead of the data directory's portals/.")
@click.option("--max-requests", type=click.IntRange(3, 50), default=LEARN_BUDGET, show_default=True,
              help="Requests learning may make (robots.txt, home page, candidate lists).")
@click.pass_context
def learn_command(ctx, url, province, output, max_requests):
    """Learn a profile for the portal at URL (its home page or news list): news list, article links, pagination, feeds.

    Example: htx portal learn https://lienminhhtx.bentre.gov.vn --province "Bến Tre"
    """
    try:
        discovery_profile(url, province)  # checks the URL and the province
        profile, learned = learn_profile(url, province, data_dir(ctx), max_requests, output)
    except (ProfileError, UnknownProvince) as error:
        raise UserError(str(error)) from None
    except LearnError as error:
        raise UserError(str(error), exit_code=1) from None
    for note in learned.notes:
        click.echo(note)
    if profile is None:
        raise UserError(f"{url}: no news list found with {learned.requests} requests; give the news list's own address "
                        "as URL, or crawl with 'htx crawl --start URL' (budgeted discovery)", exit_code=1)
    news = learned.news
    click.echo(f"news list {news.url}: {len(news.article_urls)} article links ({news.article_links}); "
               f"pages: {news.paging or 'one page'}{f' ({news.next_page})' if news.next_page else ''}")
    click.echo(f"feeds: {', '.join(learned.feeds) or 'none advertised'}; sitemaps in robots.txt: {', '.join(learned.sitemaps) or 'none'}")
    click.echo(f"platform {learned.platform}; {learned.requests} requests; profile {profile.name} written to {profile.source}")
    click.echo(f"next: htx portal check {profile.name}, then htx crawl {profile.name}")


@click.command("check")
@click.argument("name")
@click.option("--base-url", help="Check a mirror or replica at this address instead of the real portal.")
@click.option("--articles", "-n", default=3, show_default=True, type=click.IntRange(1, 50), help="Article pages to try.")
@click.pass_context
def check_command(ctx, name, base_url, articles):
    """Fetch the first list page and a few articles of portal NAME and show what would be indexed.

    Example: htx portal check soctrang --articles 5
    """
    try:
        profiles = load_profiles(data_dir(ctx))
    except ProfileError as error:
        raise UserError(f"bad portal profile: {error}", exit_code=1) from None
    if name not in profiles:
        raise UserError(f"unknown portal {name}; configured portals: {', '.join(sorted(profiles))}")
    if base_url is not None and not is_http_url(base_url):
        raise UserError(f"--base-url {base_url}: expected http://host[:port]")
    profile = profiles[name]
    problems = 0
    try:
        list_url = profile.start_urls(base_url)[0]
        soup = BeautifulSoup(fetch_html(list_url), "lxml")
        links = list(dict.fromkeys(urljoin(list_url, a["href"]) for a in soup.select(profile.article_links) if a.get("href")))
        next_link = soup.select_one(profile.next_page) if profile.next_page else None
        click.echo(f"{profile.name}: {profile.label} ({profile.province}, {profile.platform})")
        click.echo(f"list page {list_url}: {len(links)} article links; next page: {urljoin(list_url, next_link['href']) if next_link and next_link.get('href') else 'none found'}")
        if not links:
            problems += 1
            click.echo(f"  problem: [list] article_links '{profile.article_links}' matched no link")
        for url in links[:articles]:
            result = extract_article(fetch_html(url), url, profile)
            article = result.article
            if article is None:
                problems += 1
                click.echo(f"\n{url}\n  problem: {result.problem}")
            else:
                click.echo(f"\n{url}  [{result.path}]\n  {article.title}\n  {vn_date(article.published)} · lead {len(article.lead)} chars · "
                           f"{len(article.paragraphs())} paragraphs, {len(article.body)} chars · about cooperatives: {'yes' if article.about_cooperatives else 'no'}")
                click.echo(f"  body starts: {article.body[:160]}…")
            for warning in result.warnings:
                click.echo(f"  warning: {warning}")
    except FetchError as error:
        raise UserError(str(error), exit_code=1) from None
    click.echo(f"\n{'OK' if not problems else f'{problems} problem(s)'}")
    if problems:
        raise click.exceptions.Exit(1)


portal_group.add_command(learn_command)
portal_group.add_command(check_command)
