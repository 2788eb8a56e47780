"""The Whoosh analyzer for Vietnamese: syllable tokens, one tone-mark placement, multi-syllable words and
abbreviations as single terms (with diacritic-free twins).

Pickled into the index schema, so it must stay importable from this module; changing it means
``htx reindex``.
"""

import os
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

from whoosh.analysis import Analyzer, Token

from indexer.vietnamese.text import canonical_syllable, nfc, strip_diacritics

_WORD = re.compile(r"[^\W_]+")  # letters and digits: "_" joins the syllables of a multi-syllable word's term
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]\"“”…–—|\n]")  # no multi-syllable word spans these


@lru_cache(maxsize=200_000)
def normal_form(word: str) -> str:
    """The indexed form of a lowercase syllable: tone mark placed by one rule."""
    return canonical_syllable(word)


@lru_cache(maxsize=200_000)
def folded_form(word: str) -> str:
    """The diacritic-free twin of a syllable ("hợp" -> "hop", "đồng" -> "dong")."""
    return strip_diacritics(word)


@lru_cache(maxsize=500_000)
def indexed_form(word: str) -> str:
    """The indexed form of a word as written ("Hoà" -> "hòa")."""
    return normal_form(word.lower())


class VietnameseAnalyzer(Analyzer):
    """Index terms of NFC Vietnamese text, all at their syllable's position: each syllable in its canonical
    spelling ("hoà" -> "hòa", "quí" -> "quý"), every multi-syllable word or abbreviation starting there as
    one term ("hợp_tác_xã", also for "HTX") and that term's diacritic-free twin ("hop_tac_xa").
    A word never spans punctuation ("…ngành tỉnh, Ủy ban…" holds no "tỉnh ủy").

    ``table`` maps token sequences (canonical lowercase) to the word's term. Queries are analysed to canonical
    syllables only: the search layer asks for compounds and diacritic-free forms explicitly (a syllable typed
    without diacritics is looked up as each of its spellings the index holds), so that an exact match can
    outrank a folded one. No stop words: every syllable carries meaning.
    """

    def __init__(self, table: dict[tuple[str, ...], str]):
        self.table = table
        self.longest = max((len(k) for k in table), default=1)
        self.first_words = {k[0] for k in table}

    def positions(self, value: str, fold: bool = True) -> dict[str, list[int]]:
        """Every index term of ``value`` with its positions (``fold=False``: without the twins of words)."""
        found, position = defaultdict(list), 0
        for clause in _CLAUSE_BREAK.split(value):
            words = [indexed_form(word) for word in _WORD.findall(clause)]
            for i, indexed in enumerate(words, position):
                found[indexed].append(i)
                if indexed in self.first_words:
                    self._add_compounds(found, words, i - position, i, fold)
            position += len(words)
        return found

    def _add_compounds(self, found: dict, words: list, start: int, position: int, fold: bool) -> None:
        """Add every multi-syllable word of the clause ``words`` that starts at ``words[start]``."""
        for size in range(min(self.longest, len(words) - start), 0, -1):
            term = self.table.get(tuple(words[start : start + size]))
            if term:
                found[term].append(position)
                if fold and folded_form(term) != term:
                    found[folded_form(term)].append(position)

    def query_terms(self, value: str, tokenize: bool = True) -> Iterator[tuple[str, int, int, int]]:
        """(canonical syllable, position, start char, end char) of each word of a query."""
        if not tokenize:
            yield normal_form(value.lower()), 0, 0, len(value)
            return
        for position, match in enumerate(_WORD.finditer(value)):
            yield indexed_form(match.group()), position, match.start(), match.end()

    def __call__(self, value, positions=False, chars=False, start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        """Whoosh's token stream: query terms with positions and characters; in any other mode the index
        terms with positions (no character offsets)."""
        token = Token(positions, chars and mode == "query", mode=mode, **kwargs)
        if mode == "query":
            terms = self.query_terms(value, tokenize)
        else:
            terms = ((term, position, 0, 0) for term, found in self.positions(value).items() for position in found)
        for text, position, start, end in terms:
            token.text, token.stopped, token.boost = text, False, 1.0
            if positions:
                token.pos = start_pos + position
            if token.chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


def vietnamese_analyzer() -> VietnameseAnalyzer:
    """The analyzer of the index's text fields, with the multi-syllable words of :func:`compound_table`."""
    return VietnameseAnalyzer(compound_table())


def term_syllables(term: str) -> int:
    """How many syllables an index term stands for: a multi-syllable word's term joins them with "_"
    ("hợp_tác_xã": 3; its abbreviation "HTX" is one syllable of text indexed as that term)."""
    return term.count("_") + 1


def syllables(text: str) -> tuple[str, ...]:
    """The canonical lowercase syllables of a phrase, as the analyzer indexes them."""
    return tuple(normal_form(word) for word in _WORD.findall(text.lower()))


def compound_table() -> dict[tuple[str, ...], str]:
    """Token sequences -> single terms, from ``data/vocabulary.txt`` and the file named by $HTX_VOCABULARY."""
    sources = [resources.files("indexer.vietnamese").joinpath("data/vocabulary.txt").read_text(encoding="utf-8")]
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
