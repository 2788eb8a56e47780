"""Near-duplicate detection: the same story republished on another portal gets the same story id.

A 64-bit SimHash over word 3-grams of the folded text; candidates are found through four 16-bit bands
(two texts within HAMMING_LIMIT bits share at least one band when the differing bits fall in at most three
bands), then checked by Hamming distance.
"""

import hashlib
import re

from indexer.text import strip_diacritics

HAMMING_LIMIT = 3
BANDS = 4
_WORD = re.compile(r"\w+")


def simhash(text: str) -> int:
    """The 64-bit SimHash of a text's word 3-grams (case, diacritics and punctuation ignored)."""
    words = _WORD.findall(strip_diacritics(text).lower())
    weights = [0] * 64
    for i in range(max(1, len(words) - 2)):
        gram = " ".join(words[i : i + 3]).encode("utf-8")
        value = int.from_bytes(hashlib.blake2b(gram, digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if value >> bit & 1 else -1
    return sum(1 << bit for bit in range(64) if weights[bit] > 0)


def band_keys(signature: int) -> list[str]:
    """The index terms under which near-duplicates of a signature are looked up."""
    return [f"{band}:{signature >> (16 * band) & 0xFFFF:04x}" for band in range(BANDS)]


def is_near_duplicate(a: int, b: int) -> bool:
    """True when two signatures differ in at most HAMMING_LIMIT bits."""
    return bin(a ^ b).count("1") <= HAMMING_LIMIT
