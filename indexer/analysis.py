"""The Whoosh analyzer for Vietnamese: syllable tokens, one tone-mark placement, folded twins.

Pickled into the index schema, so it must stay importable from this module; changing it means
``htx reindex``.
"""

from functools import lru_cache

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer

from indexer.text import canonical_tone, strip_diacritics


@lru_cache(maxsize=200_000)
def normal_form(word: str) -> str:
    """The indexed form of a lowercase syllable: tone mark placed by one rule."""
    return canonical_tone(word)


@lru_cache(maxsize=200_000)
def folded_form(word: str) -> str:
    """The diacritic-free twin of a syllable ("hợp" -> "hop", "đồng" -> "dong")."""
    return strip_diacritics(word)


class ToneFilter(Filter):
    """Rewrites each token to its canonical tone-mark placement ("hoà" -> "hòa")."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = normal_form(token.text)
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
    return RegexTokenizer(r"\w+") | LowercaseFilter() | ToneFilter() | FoldFilter()
