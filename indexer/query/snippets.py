"""Query-dependent snippets: a window of text around the matched words, with the matches marked."""

import re
from bisect import bisect_left
from functools import lru_cache

from indexer.engine.analysis import folded_form, normal_form
from indexer.vietnamese.text import fold_space

_WORD = re.compile(r"[^\W_]+")  # as indexer.engine.analysis splits words


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The form under which a text word and a query term are compared (tone placement and diacritics ignored)."""
    return folded_form(normal_form(word.lower()))


def _matches(text: str, phrases: set[tuple[str, ...]]) -> list[tuple[int, int]]:
    words = list(_WORD.finditer(text))
    keys = [word_key(w.group()) for w in words]
    sizes = {}  # the first word of each phrase -> the phrases' lengths, longest first
    for phrase in sorted(phrases, key=len, reverse=True):
        sizes.setdefault(phrase[0], []).append(len(phrase))
    spans, count, covered = [], len(keys), 0
    for i in [i for i, key in enumerate(keys) if key in sizes]:  # where a phrase may start
        if i < covered:
            continue
        size = next((n for n in sizes[keys[i]] if i + n <= count and tuple(keys[i : i + n]) in phrases), 0)
        if size:
            spans.append((words[i].start(), words[i + size - 1].end()))
            covered = i + size
    return spans


def make_snippet(text: str, phrases: set[tuple[str, ...]], width: int = 220) -> list[tuple[str, bool]]:
    """Segments ``(text, matched)`` of the window of ``text`` that holds the most matches.

    ``phrases`` are word sequences keyed with :func:`word_key`. Without matches, the start of the text.
    """
    text = fold_space(text)
    spans = _matches(text, phrases)
    start = 0
    if spans:
        starts = [span_start for span_start, _ in spans]
        best = max(range(len(spans)), key=lambda i: bisect_left(starts, starts[i] + width) - i)  # matches in the window
        start = max(0, spans[best][0] - 40)
        start = text.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(text), start + width)
    if end < len(text) and text.rfind(" ", start, end) > start:
        end = text.rfind(" ", start, end)
    segments, position = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        gap = text[position:span_start]
        if segments and segments[-1][1] and not gap.strip():  # "tổ hợp tác" marked as one run
            segments[-1] = (segments[-1][0] + gap + text[span_start:span_end], True)
        else:
            segments += [(gap, False), (text[span_start:span_end], True)]
        position = span_end
    segments.append((text[position:end], False))
    if start:
        segments.insert(0, ("…", False))
    if end < len(text):
        segments.append(("…", False))
    return [s for s in segments if s[0]]
