"""Vietnamese text normalisation: NFC, whitespace, tone-mark placement and diacritic folding."""

import itertools
import re
import unicodedata

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
VOWELS = set("aăâeêioôơuưy")
MARKED_VOWELS = set("ăâêôơư")
_SPACE = re.compile(r"[\s\u00a0\u200b\ufeff]+")
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "D"})
_FINAL_I = re.compile(r"(h|k|l|m|qu|s|t)i")
_MARKED_LETTERS = {"a": "aăâ", "e": "eê", "o": "oôơ", "u": "uư", "d": "dđ"}  # what each plain letter may stand for
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_STOP_FINAL = re.compile(r"(p|t|c|ch)$")  # a syllable ending so takes only the sắc or nặng tone
_STOP_TONES = ("\u0301", "\u0323")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC (precomposed) form."""
    return unicodedata.normalize("NFC", text)


def fold_space(text: str) -> str:
    """Collapse every run of white space (nbsp and zero-width included) to one space and strip."""
    return _SPACE.sub(" ", text).strip()


def clean_text(text: str) -> str:
    """NFC plus folded white space: the form in which every extracted string is stored."""
    return fold_space(nfc(text))


def strip_diacritics(text: str) -> str:
    """Fold Vietnamese to plain ASCII letters: "Đồng Tháp" -> "Dong Thap"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _tone_position(base: str) -> int | None:
    """Index in a toneless lowercase syllable of the vowel that carries the tone mark."""
    start = 0
    if base[:2] in ("qu", "gi") and len(base) > 2 and base[2] in VOWELS:
        start = 2
    first = next((i for i in range(start, len(base)) if base[i] in VOWELS), None)
    if first is None:
        return None
    last = first
    while last + 1 < len(base) and base[last + 1] in VOWELS:
        last += 1
    cluster = range(first, last + 1)
    marked = [i for i in cluster if base[i] in MARKED_VOWELS]
    if marked:
        return marked[-1]
    if len(cluster) == 1:
        return first
    if last + 1 < len(base):  # closed syllable: hoàng, toán
        return last
    if len(cluster) == 2:  # open syllable, old-style placement: hòa, thủy, khỏe
        return first
    return first + 1  # ngoài, khuỷu


def canonical_syllable(word: str) -> str:
    """One spelling for a lowercase syllable: the tone mark placed by one rule ("hoà"/"hòa", "thuỷ"/"thủy")
    and a final i after h, k, l, m, qu, s, t written y ("quí"/"quý", "kĩ"/"kỹ", "công ti"/"công ty")."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in TONE_MARKS]
    if len(tones) > 1:
        return word
    base = nfc("".join(ch for ch in decomposed if ch not in TONE_MARKS))
    if _FINAL_I.fullmatch(base):
        base = base[:-1] + "y"
    pos = _tone_position(base) if tones else None
    if pos is None:
        return base if not tones else word
    return nfc(base[: pos + 1] + tones[0] + base[pos + 1 :])


def diacritic_variants(word: str) -> set[str]:
    """Every canonical spelling of a lowercase syllable written without diacritics ("hoa" -> "hoa", "hòa",
    "hóa", "họa", "hoả", ..., "hơa" ...): most are no word, the index keeps the ones it holds. A syllable
    ending in p, t, c or ch only takes the sắc or nặng tone ("hop" -> "hóp", "họp", "hộp", "hợp" ...). A word
    that cannot be one Vietnamese syllable (digits, over 7 letters or 3 vowels) is only itself."""
    if not (word.isascii() and word.isalpha()) or len(word) > 7 or sum(ch in VOWELS for ch in word) > 3:
        return {word}
    bases = ("".join(letters) for letters in itertools.product(*(_MARKED_LETTERS.get(ch, ch) for ch in word)))
    tones = _STOP_TONES if _STOP_FINAL.search(word) else _TONES
    return {word} | {canonical_syllable(nfc(base + tone)) for base in bases for tone in tones}


def name_key(name: str) -> str:
    """Comparison key for names typed by people: case, diacritics, tone placement and spacing ignored."""
    return "-".join(strip_diacritics(clean_text(name)).lower().replace("-", " ").split())
