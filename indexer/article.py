"""The article record that flows from extraction to the item store and the index."""

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime

from indexer.vietnamese.dates import parse_published
from indexer.vietnamese.text import clean_text, nfc


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

        Raises ValueError naming the field that is missing or wrong.
        """
        if not isinstance(data, dict):
            raise ValueError("expected a JSON object")
        for key in ("url", "title", "body"):
            if not isinstance(data.get(key), str) or not data[key].strip():
                raise ValueError(f"field '{key}' is missing or empty")
        dates = {}
        for key in ("published", "crawled"):
            value = data.get(key)
            if value in (None, ""):
                dates[key] = None
                continue
            try:
                dates[key] = datetime.fromisoformat(value) if "T" in str(value) else parse_published(str(value))
            except ValueError:
                dates[key] = None
            if dates[key] is None:
                raise ValueError(f"field '{key}' is not a date: {value!r} (use 2023-05-15T08:30:00 or 15/05/2023 08:30)")
            dates[key] = dates[key].replace(tzinfo=None)
        body = "\n\n".join(clean_text(p) for p in nfc(data["body"]).split("\n\n") if p.strip())
        return cls(
            url=data["url"].strip(),
            title=clean_text(data["title"]),
            body=body,
            province=clean_text(data.get("province") or ""),
            portal=clean_text(data.get("portal") or ""),
            published=dates["published"],
            lead=clean_text(data.get("lead") or ""),
            crawled=dates["crawled"],
            about_cooperatives=bool(data.get("about_cooperatives", True)),
            extractor=data.get("extractor") or "",
            warnings=list(data.get("warnings") or []),
        )
