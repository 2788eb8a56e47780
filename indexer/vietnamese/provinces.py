"""The 63 former provincial units, their portal domains and their 2025 units (Resolution 202/2025/QH15), and
the national scope ("Toàn quốc": the national alliance vca.org.vn, national newspapers), which is none of them."""

import csv
import difflib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from indexer.vietnamese.text import canonical_syllable, name_key


@dataclass(frozen=True)
class Province:
    """A former (pre-2025) provincial unit, or the national scope: what articles are filed under."""

    name: str
    key: str
    unit_2025: str
    domain: str
    national: bool = False


class UnknownProvince(ValueError):
    """A province name that matches no unit; the message carries suggestions."""


@cache
def _scopes() -> tuple[Province, ...]:
    """Every row of ``data/provinces.csv``: the former units, then the national scope."""
    with resources.files("indexer.vietnamese").joinpath("data/provinces.csv").open(encoding="utf-8") as handle:
        return tuple(
            Province(row["former_unit"], name_key(row["former_unit"]), row["unit_2025"], row["former_portal_domain"],
                     national=row["unit_2025_type"] == "national")
            for row in csv.DictReader(handle)
        )


@cache
def all_provinces() -> tuple[Province, ...]:
    """Every former provincial unit (not the national scope), in the order of ``data/provinces.csv``."""
    return tuple(p for p in _scopes() if not p.national)


def national() -> Province:
    """The national scope, "Toàn quốc": its own row in comparisons, never merged into a province."""
    return next(p for p in _scopes() if p.national)


def _aliases() -> dict[str, str]:
    aliases = {}
    for province in _scopes():
        aliases[province.key] = province.key
        for prefix in ("tinh-", "thanh-pho-", "tp-"):
            aliases[prefix + province.key] = province.key
    aliases.update({"hcm": "ho-chi-minh", "tphcm": "ho-chi-minh", "sai-gon": "ho-chi-minh", "hue": "thua-thien-hue"})
    aliases.update({"br-vt": "ba-ria-vung-tau", "ba-ria-vung-tau": "ba-ria-vung-tau"})
    aliases.update({"ca-nuoc": national().key, "quoc-gia": national().key, "trung-uong": national().key})
    return aliases


def by_key(key: str) -> Province:
    """The former unit or national scope with this key (as stored in the index)."""
    return next(p for p in _scopes() if p.key == key)


def resolve(name: str, merged: bool = False) -> list[Province]:
    """The former units a user means by ``name``, with or without diacritics, in any case.

    With ``merged`` a 2025 unit stands for all the former units it absorbed ("Cần Thơ" -> Cần Thơ,
    Sóc Trăng, Hậu Giang). Raises UnknownProvince with the closest names as suggestions.
    """
    key = name_key(name)
    aliases = _aliases()
    units_2025 = {name_key(p.unit_2025) for p in _scopes()}
    if merged and (key in units_2025 or key in aliases):
        unit_key = key if key in units_2025 else name_key(by_key(aliases[key]).unit_2025)
        return [p for p in _scopes() if name_key(p.unit_2025) == unit_key]
    if key in aliases:
        return [by_key(aliases[key])]
    close = difflib.get_close_matches(key, [p.key for p in _scopes()], n=3, cutoff=0.6)
    hint = ", ".join(by_key(k).name for k in close) if close else "run 'htx stats' to see the provinces in the index"
    raise UnknownProvince(f"unknown province '{name}'; did you mean: {hint}?" if close else f"unknown province '{name}': {hint}")


_NAME_WORD = re.compile(r"[^\W\d_]+")
_OTHER_NAMES = {"Huế": "thua-thien-hue", "TP HCM": "ho-chi-minh", "TPHCM": "ho-chi-minh", "Sài Gòn": "ho-chi-minh",
                "Vũng Tàu": "ba-ria-vung-tau"}


def _name_words(text: str) -> list[tuple[str, bool]]:
    """(canonical lowercase syllable, written with a capital) for each word of ``text``."""
    return [(canonical_syllable(w.lower()), w[0].isupper()) for w in _NAME_WORD.findall(text)]


@cache
def _names() -> dict[tuple[str, ...], str]:
    """The syllables of every province's name (and a few other names of theirs) -> its key."""
    names = {(*_name_words(name),): key for name, key in _OTHER_NAMES.items()}
    names.update({(*_name_words(p.name),): p.key for p in all_provinces()})
    return {tuple(word for word, _ in name): key for name, key in names.items()}


def provinces_named(text: str) -> list[Province]:
    """The provinces ``text`` names, each word of the name capitalised ("Hòa Bình", not "hòa bình" = peace)."""
    words, found = _name_words(text), []
    for name, key in _names().items():
        size = len(name)
        for i in range(len(words) - size + 1):
            if all(capital for _, capital in words[i : i + size]) and tuple(w for w, _ in words[i : i + size]) == name:
                found.append(key)
                break
    return [by_key(key) for key in dict.fromkeys(found)]
