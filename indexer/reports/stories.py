"""Near-duplicate detection: the same story republished on another portal gets the same story id.

MinHash over the word 3-grams of the folded text estimates how much two texts share (Jaccard similarity);
locality-sensitive bands of the signature find the candidates in the index, and the estimate decides.
A repost that drops the lead, adds a source line or retouches a few sentences stays above the threshold.
"""

import hashlib
import random
import re

from indexer.vietnamese.text import strip_diacritics

BANDS, ROWS = 8, 3  # 24 hashes; pairs sharing ~70% of their 3-grams meet in a band with ~96% probability
SIMILAR = 0.6  # estimated share of 3-grams above which two texts tell one story
_MASKS = [random.Random(seed).getrandbits(64) for seed in range(BANDS * ROWS)]
_WORD = re.compile(r"\w+")


def signature(text: str) -> list[int]:
    """The MinHash signature of a text's word 3-grams (case, diacritics and punctuation ignored)."""
    words = _WORD.findall(strip_diacritics(text).lower())
    grams = {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}
    hashes = [int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "big") for g in grams]
    return [min(h ^ mask for h in hashes) for mask in _MASKS]


def band_keys(sig: list[int]) -> list[str]:
    """The index terms under which near-duplicates of a signature are looked up."""
    return [f"{b}:" + hashlib.blake2b(repr(sig[b * ROWS : (b + 1) * ROWS]).encode(), digest_size=6).hexdigest() for b in range(BANDS)]


def is_near_duplicate(a: list[int], b: list[int]) -> bool:
    """True when the signatures estimate that the texts share at least SIMILAR of their 3-grams."""
    return sum(x == y for x, y in zip(a, b)) >= SIMILAR * len(a)
