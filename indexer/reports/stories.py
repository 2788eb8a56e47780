"""Near-duplicate detection: the same story republished on another portal gets the same story id.

Candidates come from MinHash over the word 3-grams of the folded text: locality-sensitive bands of the signature,
indexed as terms, find earlier articles that share a fair part of their 3-grams (a pair sharing 40% of them meets
in a band with ~88% probability, 60% with ~99.7%). The decision is exact, on the two texts' 3-gram sets: one story
when they share SIMILAR of their 3-grams (Jaccard), or when CONTAINED of the shorter text's 3-grams stand in the
longer one: a repost that rewrote the lead, cut paragraphs or added a source line is contained in its original,
whereas two reports of one event written apart share their quotes and names but little else.
"""

import hashlib
import random
import re

from indexer.vietnamese.text import strip_diacritics

BANDS, ROWS = 12, 2  # 24 hashes
SIMILAR = 0.6  # share of the union of 3-grams above which two texts tell one story
CONTAINED = 0.7  # share of the shorter text's 3-grams found in the longer above which it is a copy of it
MIN_CONTAINED = 40  # a shorter text of fewer 3-grams is too short to be judged contained
_MASKS = [random.Random(seed).getrandbits(64) for seed in range(BANDS * ROWS)]
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    """The word 3-grams of a text (case, diacritics and punctuation ignored)."""
    words = _WORD.findall(strip_diacritics(text).lower())
    return {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}


def signature(grams: set[str]) -> list[int]:
    """The MinHash signature of a set of 3-grams."""
    hashes = [int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "big") for g in grams]
    return [min(h ^ mask for h in hashes) for mask in _MASKS]


def band_keys(sig: list[int]) -> list[str]:
    """The index terms under which near-duplicates of a signature are looked up."""
    return [f"{b}:" + hashlib.blake2b(repr(sig[b * ROWS : (b + 1) * ROWS]).encode(), digest_size=6).hexdigest() for b in range(BANDS)]


def same_story(a: set[str], b: set[str]) -> bool:
    """True when the 3-gram sets tell one story: similar, or the shorter one contained in the longer."""
    shared = len(a & b)
    shorter = min(len(a), len(b))
    if not shorter:
        return False
    return shared >= SIMILAR * len(a | b) or (shorter >= MIN_CONTAINED and shared >= CONTAINED * shorter)
