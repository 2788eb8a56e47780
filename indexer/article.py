"""The article record that flows from extraction to the item store and the index."""

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime

from indexer.vietnamese.dates import VN_TZ, now_vn, parse_published
from indexer.vietnamese.text import clean_text, nfc

TRUNCATED_SHARE = 0.5  # a copy whose body is under half the stored one is taken for a truncated page
FIRST_YEAR = 1945  # published or crawled dates before this year are typing mistakes
KEPT_STORED = "failed/shorter than the stored copy (truncated page?)"


@dataclass
class Article:
    """One news article as the index holds it; ``body`` paragraphs are separated by blank lines."""

    url: str
    title: str
    body: str
    province: str = ""
    portal: str = ""
    published: datetime | None = None
    lead: str = ""
    crawled: datetime | None = None
    about_cooperatives: bool = True
    extractor: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """A digest of what a reader sees: unchanged pages are not rewritten."""
        published = self.published.isoformat() if self.published else ""
        text = "\x1f".join((self.title, published, self.lead, self.body))
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def paragraphs(self) -> list[str]:
        """The body split back into paragraphs."""
        return [p for p in self.body.split("\n\n") if p]

    def to_dict(self) -> dict:
        """A JSON-ready dict (dates as ISO strings, naive Asia/Ho_Chi_Minh time)."""
        data = asdict(self)
        for key in ("published", "crawled"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Article":
        """Build and normalise an article from a dict such as ``htx extract --json`` prints.

        Raises ValueError naming the field that is missing or of the wrong type, or the date that is unreadable or
        out of range; dates with a time zone are converted to Vietnam time.
        """
        if not isinstance(data, dict):
            raise ValueError("expected a JSON object")
        for key in ("url", "title", "body"):
            if data.get(key) is not None and not isinstance(data[key], str):
                raise ValueError(f"field '{key}'" + _not_text(data[key]))
            if not data.get(key, "").strip():
                raise ValueError(f"field '{key}' is missing or empty")
        for key in ("province", "portal", "lead", "extractor"):
            if data.get(key) is not None and not isinstance(data[key], str):
                raise ValueError(f"field '{key}'" + _not_text(data[key]))
        if not isinstance(data.get("about_cooperatives", True), bool):
            raise ValueError(f"field 'about_cooperatives' must be true or false, not {data['about_cooperatives']!r}")
        warnings = data.get("warnings") or []
        if not isinstance(warnings, list) or not all(isinstance(w, str) for w in warnings):
            raise ValueError("field 'warnings' must be a list of texts")
        body = "\n\n".join(clean_text(p) for p in nfc(data["body"]).split("\n\n") if p.strip())
        return cls(
            url=data["url"].strip(),
            title=clean_text(data["title"]),
            body=body,
            province=clean_text(data.get("province") or ""),
            portal=clean_text(data.get("portal") or ""),
            published=_date_field(data, "published"),
            lead=clean_text(data.get("lead") or ""),
            crawled=_date_field(data, "crawled"),
            about_cooperatives=data.get("about_cooperatives", True),
            extractor=data.get("extractor") or "",
            warnings=warnings,
        )


def _not_text(value) -> str:
    """The end of a message about a field that should hold text but holds ``value`` (decoded JSON)."""
    kind = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(type(value))
    return f" must be text, not {kind or type(value).__name__}"


def _date_field(data: dict, key: str) -> datetime | None:
    """A date field as naive Vietnam time; ValueError when unreadable or outside FIRST_YEAR..next year."""
    value = data.get(key)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"field '{key}' must be a date as text, not {value!r} (use 2023-05-15T08:30:00 or 15/05/2023 08:30)")
    try:
        moment = datetime.fromisoformat(value) if "T" in value else parse_published(value)
    except ValueError:
        moment = None
    if moment is None:
        raise ValueError(f"field '{key}' is not a date: {value!r} (use 2023-05-15T08:30:00 or 15/05/2023 08:30)")
    if moment.tzinfo is not None:
        moment = moment.astimezone(VN_TZ)
    moment = moment.replace(tzinfo=None)
    if not FIRST_YEAR <= moment.year <= now_vn().year + 1:
        raise ValueError(f"field '{key}' is out of range: {value!r} (news dates run from {FIRST_YEAR} to next year)")
    return moment

def cut_short(body: str, stored_body: str) -> bool:
    """True when ``body`` is under TRUNCATED_SHARE of the stored copy's: a page cut short in transit."""
    return len(body) < TRUNCATED_SHARE * len(stored_body)


def best_copies(copies: Iterable[Article]) -> list[Article]:
    """One article per URL from copies given oldest first: the newest copy, unless it is cut short against
    the one kept so far (the rule a crawl applies against the index)."""
    best: dict[str, Article] = {}
    for article in copies:
        kept = best.get(article.url)
        if kept is None or not cut_short(article.body, kept.body):
            best[article.url] = article
    return list(best.values())
