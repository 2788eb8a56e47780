"""Turning fetched bytes into clean NFC text, whatever the portal's encoding."""

import re

from w3lib.encoding import html_to_unicode

from indexer.vietnamese.text import nfc

# Vietnamese cannot be written in these: a page declared so but valid as UTF-8 is UTF-8.
_WESTERN = re.compile(r"charset\s*=\s*[\"']?(iso-?8859-1|latin-?1|windows-1252|cp1252|us-ascii|ascii)\b", re.I)


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode a page by its BOM, HTTP header or <meta> charset (UTF-8 by default), then NFC-normalise.

    windows-1258 and decomposed (NFD) pages store tone marks as combining characters: NFC recomposes them.
    A Western charset header on a page that is valid UTF-8 (a common server misconfiguration) is ignored.
    """
    if content_type and _WESTERN.search(content_type):
        try:
            return nfc(body.decode("utf-8"))
        except UnicodeDecodeError:
            pass
    _, text = html_to_unicode(content_type, body)
    return nfc(text)
