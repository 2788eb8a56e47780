"""htx portal check: try a profile on a few live pages before trusting it with a crawl."""

from urllib.parse import urljoin

import click
from bs4 import BeautifulSoup

from crawler.extract import extract_article
from crawler.fetch import FetchError, fetch_html
from crawler.profiles import load_profiles
from search_cli.common import UserError
from search_cli.output import vn_date


@click.group("portal")
def portal_group():
    """Write and verify portal profiles."""


@click.command("check")
@click.argument("name")
@click.option("--base-url", help="Check a mirror or replica at this address instead of the real portal.")
@click.option("--articles", "-n", default=3, show_default=True, type=click.IntRange(1, 50), help="Article pages to try.")
def check_command(name, base_url, articles):
    """Fetch the first list page and a few articles of portal NAME and show what would be indexed.

    Example: htx portal check soctrang --articles 5
    """
    profiles = load_profiles()
    if name not in profiles:
        raise UserError(f"unknown portal {name}; configured portals: {', '.join(sorted(profiles))}")
    profile = profiles[name]
    problems = 0
    try:
        list_url = profile.start_urls(base_url)[0]
        soup = BeautifulSoup(fetch_html(list_url), "lxml")
        links = list(dict.fromkeys(urljoin(list_url, a["href"]) for a in soup.select(profile.article_links) if a.get("href")))
        next_link = soup.select_one(profile.next_page)
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


portal_group.add_command(check_command)
