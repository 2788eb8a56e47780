"""Turning fetched bytes into clean NFC text, whatever the portal's encoding."""

import logging

from w3lib.encoding import html_body_declared_encoding, html_to_unicode, http_content_type_encoding, read_bom

from indexer.vietnamese.text import nfc

log = logging.getLogger("htx.pages")
VIETNAMESE_CODE_PAGE = "cp1258"  # windows-1258: what a Vietnamese page whose bytes are not UTF-8 is most likely in


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode a page by its BOM, HTTP header or <meta> charset (UTF-8 by default), then NFC-normalise.

    windows-1258 and decomposed (NFD) pages store tone marks as combining characters: NFC recomposes them.
    Where the bytes contradict the declaration the bytes win, with a warning: a page declared in a code page
    (Western or Vietnamese) whose bytes are valid UTF-8 is UTF-8; a page declared UTF-8, or undeclared, whose
    bytes are not is windows-1258.
    """
    if read_bom(body)[0]:
        return nfc(html_to_unicode(content_type, body)[1])
    declared = http_content_type_encoding(content_type) or html_body_declared_encoding(body)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        if declared in (None, "utf-8"):
            log.warning("the page's bytes are not UTF-8 (%s): read as windows-1258", "as declared" if declared else "undeclared")
            return nfc(body.decode(VIETNAMESE_CODE_PAGE, errors="replace"))
        return nfc(html_to_unicode(content_type, body)[1])
    if declared not in (None, "utf-8") and not body.isascii():
        log.warning("the page declares %s but its bytes are UTF-8: read as UTF-8", declared)
    return nfc(text)
