"""Query-dependent snippets: a window of text around the matched words, with the matches marked."""

import re

from indexer.analysis import folded_form, normal_form

_WORD = re.compile(r"\w+")


def word_key(word: str) -> str:
    """The form under which a text word and a query term are compared (tone placement and diacritics ignored)."""
    return folded_form(normal_form(word.lower()))


def make_snippet(text: str, terms: set[str], width: int = 220) -> list[tuple[str, bool]]:
    """Segments ``(text, matched)`` of the window of ``text`` that holds the most matched words.

    ``terms`` are already keyed with :func:`word_key`. Without matches, the start of the text.
    """
    words = [m for m in _WORD.finditer(text) if word_key(m.group()) in terms]
    start = 0
    if words:
        best = max(range(len(words)), key=lambda i: sum(1 for w in words[i:] if w.start() - words[i].start() < width))
        start = max(0, words[best].start() - 40)
        start = text.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(text), start + width)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    segments, position = [], start
    for match in words:
        if match.start() < start or match.end() > end:
            continue
        gap = text[position : match.start()]
        if segments and segments[-1][1] and not gap.strip():  # "hợp tác xã" marked as one run
            segments[-1] = (segments[-1][0] + gap + match.group(), True)
        else:
            segments += [(gap, False), (match.group(), True)]
        position = match.end()
    segments.append((text[position:end], False))
    if start:
        segments.insert(0, ("…", False))
    if end < len(text):
        segments.append(("…", False))
    return [s for s in segments if s[0]]
