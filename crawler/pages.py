"""Turning fetched bytes into clean NFC text, whatever the portal's encoding."""

from w3lib.encoding import html_to_unicode

from indexer.text import nfc


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode a page by its HTTP header, BOM or <meta> charset (UTF-8 by default), then NFC-normalise.

    windows-1258 and decomposed (NFD) pages store tone marks as combining characters: NFC recomposes them.
    """
    _, text = html_to_unicode(content_type, body)
    return nfc(text)
