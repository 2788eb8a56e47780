"""Portal profiles: one TOML file per portal under ``crawler/portals/`` (data, not code)."""

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml.cssselect import CSSSelector, SelectorError

from crawler.fetch import is_http_url
from indexer.vietnamese.provinces import UnknownProvince, resolve


class ProfileError(ValueError):
    """A profile file that is missing a key or holds a wrong value."""


@dataclass(frozen=True)
class ArticleSelectors:
    """CSS selectors for the parts of an article page, matched by lxml's cssselect (see :func:`css_selector`)."""

    title: str = ""
    published: str = ""
    lead: str = ""
    body: str = ""
    drop: tuple[str, ...] = ()


@dataclass(frozen=True)
class PortalProfile:
    """What the generic spider needs to know about one portal."""

    name: str
    label: str
    province: str
    platform: str
    base_url: str
    domains: tuple[str, ...]
    start_paths: tuple[str, ...]
    article_links: str
    next_page: str
    article: ArticleSelectors = field(default_factory=ArticleSelectors)
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    settings: dict = field(default_factory=dict)
    source: str = ""

    def start_urls(self, base_url: str | None = None) -> list[str]:
        """The first list pages, against the real portal or ``base_url`` (a fixture server)."""
        return [urljoin(base_url or self.base_url, path) for path in self.start_paths]

    def feed_urls(self, base_url: str | None = None) -> list[str]:
        """The feeds, then the sitemaps (or sitemap indexes), against the real portal or ``base_url``."""
        return [urljoin(base_url or self.base_url, path) for path in (*self.feeds, *self.sitemaps)]

    def owns(self, url: str) -> bool:
        """True when ``url`` is on one of the portal's domains (subdomains included)."""
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.domains)


@lru_cache(maxsize=256)
def css_selector(selector: str) -> CSSSelector:
    """A CSS selector compiled for the extractor's lxml tree (cssselect, HTML rules: tag and attribute names
    without case); SelectorError when cssselect cannot read it or does not support it (e.g. soupsieve's
    ``:-soup-contains``)."""
    return CSSSelector(selector, translator="html")


def check_article_selectors(article: dict) -> None:
    """ProfileError for an [article] selector the extractor's selector engine cannot use."""
    drop = article.get("drop", [])
    if not is_list_of_strings(drop):
        raise ProfileError("[article] drop must be a list of CSS selectors (strings)")
    for key in ("title", "published", "lead", "body"):
        if not isinstance(article.get(key, ""), str):
            raise ProfileError(f"[article] {key} must be a CSS selector (a string)")
    for key, selector in [(key, article.get(key, "")) for key in ("title", "published", "lead", "body")] + [("drop", s) for s in drop]:
        try:
            if selector:
                css_selector(selector)
        except SelectorError as error:
            raise ProfileError(f"[article] {key} selector '{selector}' is not supported: {error}") from None


def profiles_dir() -> Traversable:
    """``$HTX_PORTALS`` if set, else the profiles shipped in ``crawler/portals`` (also inside a scrapyd egg)."""
    if os.environ.get("HTX_PORTALS"):
        return Path(os.environ["HTX_PORTALS"])
    return resources.files("crawler").joinpath("portals")


def is_list_of_strings(value) -> bool:
    """True for a TOML array of non-empty strings."""
    return isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)


def load_profile(path: Traversable) -> PortalProfile:
    """Read and check one profile file; ProfileError names the file and the problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ProfileError(f"{path}: {error}") from None
    try:
        for key in ("name", "province", "base_url", "domains", "start_paths"):
            if not data.get(key):
                raise ProfileError(f"missing '{key}'")
        if not re.fullmatch(r"[a-z0-9_]+", data["name"]):
            raise ProfileError(f"name '{data['name']}' must be lowercase letters, digits and _")
        resolve(data["province"])
        listing = data.get("list", {})
        if not listing.get("article_links"):
            raise ProfileError("missing [list] article_links")
        for key in ("feeds", "sitemaps"):
            if not is_list_of_strings(data.get(key, [])):
                raise ProfileError(f"'{key}' must be a list of paths or URLs (strings)")
        article = data.get("article", {})
        check_article_selectors(article)
        profile = PortalProfile(
            name=data["name"],
            label=data.get("label", data["name"]),
            province=data["province"],
            platform=data.get("platform", ""),
            base_url=data["base_url"],
            domains=tuple(d.lower() for d in data["domains"]),
            start_paths=tuple(data["start_paths"]),
            article_links=listing["article_links"],
            next_page=listing.get("next_page", ""),
            article=ArticleSelectors(
                title=article.get("title", ""),
                published=article.get("published", ""),
                lead=article.get("lead", ""),
                body=article.get("body", ""),
                drop=tuple(article.get("drop", ())),
            ),
            feeds=tuple(data.get("feeds", ())),
            sitemaps=tuple(data.get("sitemaps", ())),
            settings={key.upper(): value for key, value in data.get("settings", {}).items()},
            source=str(path),
        )
        offsite = [url for url in profile.feed_urls() if not profile.owns(url)]
        if offsite:
            raise ProfileError(f"feed or sitemap {offsite[0]} is not on the portal's domains {', '.join(profile.domains)}")
        return profile
    except (ProfileError, UnknownProvince) as error:
        raise ProfileError(f"{path}: {error}") from None


def learned_dir(data_dir: Path) -> Path:
    """Where ``htx portal learn`` and the first ``htx crawl --start`` keep the profiles they learn."""
    return Path(data_dir) / "portals"


def load_profiles(data_dir: Path | None = None) -> dict[str, PortalProfile]:
    """Every profile in :func:`profiles_dir`, then those learned into ``data_dir`` (a shipped profile wins over a
    learned one of the same name), by name."""
    folders = [profiles_dir()] + ([learned_dir(data_dir)] if data_dir and learned_dir(data_dir).is_dir() else [])
    profiles: dict[str, PortalProfile] = {}
    for folder in folders:
        for path in sorted((p for p in folder.iterdir() if p.name.endswith(".toml")), key=lambda p: p.name):
            profile = load_profile(path)
            profiles.setdefault(profile.name, profile)
    return profiles


DISCOVERY_SETTINGS = {"DEPTH_LIMIT": 2}  # with HTX_DISCOVERY_BUDGET: bounds for a portal crawled without a list profile


def discovery_profile(start_url: str, province: str) -> PortalProfile:
    """A profile for a portal nobody has described yet: same-domain links from ``start_url``, generic extraction."""
    if not is_http_url(start_url):
        raise ProfileError(f"{start_url}: expected an http(s) URL (a portal's home page or news list)")
    resolve(province)
    parts = urlsplit(start_url)
    host = parts.hostname.lower().removeprefix("www.")
    return PortalProfile(
        name="new_" + re.sub(r"[^a-z0-9]+", "_", host).strip("_"),
        label=f"{host} (no profile yet)",
        province=province,
        platform="unknown",
        base_url=f"{parts.scheme}://{parts.netloc}",
        domains=(host,),
        start_paths=((parts.path or "/") + (f"?{parts.query}" if parts.query else ""),),
        article_links="",
        next_page="",
        settings=DISCOVERY_SETTINGS,
    )


def profile_for_url(url: str, data_dir: Path | None = None) -> PortalProfile | None:
    """The profile whose domains hold ``url`` (learned profiles of ``data_dir`` too), if any."""
    return next((p for p in load_profiles(data_dir).values() if p.owns(url)), None)
