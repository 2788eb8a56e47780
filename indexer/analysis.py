"""The Whoosh analyzer for Vietnamese: syllable tokens, one tone-mark placement, multi-syllable words and
abbreviations as single terms, folded twins.

Pickled into the index schema, so it must stay importable from this module; changing it means
``htx reindex``.
"""

import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer

from indexer.text import canonical_syllable, nfc, strip_diacritics

_WORD = re.compile(r"\w+")
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]\"“”…–—|\n]")


@lru_cache(maxsize=200_000)
def normal_form(word: str) -> str:
    """The indexed form of a lowercase syllable: tone mark placed by one rule."""
    return canonical_syllable(word)


@lru_cache(maxsize=200_000)
def folded_form(word: str) -> str:
    """The diacritic-free twin of a syllable ("hợp" -> "hop", "đồng" -> "dong")."""
    return strip_diacritics(word)


class ClauseTokenizer(RegexTokenizer):
    """Word tokens (``\\w+``), each noting in ``clause_start`` whether punctuation separates it from the last."""

    def __init__(self):
        super().__init__(r"\w+")

    def __call__(self, value, chars=False, start_char=0, **kwargs):
        previous = 0
        for token in super().__call__(value, chars=True, **kwargs):
            start, end = token.startchar, token.endchar
            token.clause_start = _CLAUSE_BREAK.search(value, previous, start) is not None
            previous = end
            if chars:
                token.startchar, token.endchar = start + start_char, end + start_char
            yield token


class ToneFilter(Filter):
    """Rewrites each token to its canonical spelling ("hoà" -> "hòa", "quí" -> "quý")."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = normal_form(token.text)
            yield token


class CompoundFilter(Filter):
    """At index time, also emits each multi-syllable word starting at a syllable as one term ("hợp_tác_xã",
    and "hợp_tác_xã_nông_nghiệp" too where it goes on) at that syllable's position.

    ``table`` maps token sequences (canonical lowercase) to the word's term: "hợp tác xã" and "htx" both
    give "hợp_tác_xã". At query time tokens pass through; the search layer rewrites phrases to these terms.
    """

    def __init__(self, table: dict[tuple[str, ...], str]):
        self.table = table
        self.longest = max((len(k) for k in table), default=1)
        self.first_words = {k[0] for k in table}

    def __call__(self, tokens):
        token, seen = None, []
        for token in tokens:
            if token.mode == "query":
                yield token
                continue
            seen.append(dict(token.__dict__))
        if not seen:
            return
        texts = [t["text"] for t in seen]
        room, clause_end = [0] * len(seen), len(seen)  # how many tokens a word starting here may span
        for i in range(len(seen) - 1, -1, -1):
            room[i] = clause_end - i
            if seen[i].get("clause_start"):  # "…ngành tỉnh, Ủy ban…" holds no "tỉnh ủy"
                clause_end = i
        for i, state in enumerate(seen):
            token.__dict__.update(state)
            yield token
            if texts[i] not in self.first_words:
                continue
            for size in range(min(self.longest, room[i]), 0, -1):
                term = self.table.get(tuple(texts[i : i + size]))
                if term:
                    token.text = term
                    if "endchar" in state:
                        token.endchar = seen[i + size - 1]["endchar"]
                    yield token


class FoldFilter(Filter):
    """At index time, also emits each syllable's diacritic-free form at the same position.

    Query tokens are left alone: the search layer asks for folded forms explicitly, so that an exact
    match can outrank a folded one and phrase queries stay aligned.
    """

    def __call__(self, tokens):
        for token in tokens:
            yield token
            if token.mode != "query":
                folded = folded_form(token.text)
                if folded != token.text:
                    token.text = folded
                    yield token


def vietnamese_analyzer():
    """Tokenizer and filters for NFC Vietnamese text (no stop words: every syllable carries meaning)."""
    return ClauseTokenizer() | LowercaseFilter() | ToneFilter() | CompoundFilter(compound_table()) | FoldFilter()


def syllables(text: str) -> tuple[str, ...]:
    """The canonical lowercase syllables of a phrase, as the analyzer indexes them."""
    return tuple(normal_form(word) for word in _WORD.findall(text.lower()))


def compound_table() -> dict[tuple[str, ...], str]:
    """Token sequences -> single terms, from ``data/vocabulary.txt`` and the file named by $HTX_VOCABULARY."""
    sources = [resources.files("indexer").joinpath("data/vocabulary.txt").read_text(encoding="utf-8")]
    if os.environ.get("HTX_VOCABULARY"):
        sources.append(Path(os.environ["HTX_VOCABULARY"]).read_text(encoding="utf-8"))
    table = {}
    for line in "\n".join(sources).splitlines():
        line = nfc(line.split("#", 1)[0]).strip()
        if not line:
            continue
        variant, _, words = line.rpartition("=")
        canonical = syllables(words)
        term = "_".join(canonical)
        for key in {canonical, syllables(variant)} - {()}:
            if len(key) > 1 or key != canonical:
                table[key] = term
    return table
