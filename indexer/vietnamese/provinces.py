"""The 63 former provincial units, their portal domains and their 2025 units (Resolution 202/2025/QH15)."""

import csv
import difflib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from indexer.vietnamese.text import name_key


@dataclass(frozen=True)
class Province:
    """A former (pre-2025) provincial unit: the unit articles are filed under."""

    name: str
    key: str
    unit_2025: str
    domain: str


class UnknownProvince(ValueError):
    """A province name that matches no unit; the message carries suggestions."""


@cache
def all_provinces() -> tuple[Province, ...]:
    """Every former unit, in the order of ``indexer/data/provinces.csv``."""
    with resources.files("indexer.vietnamese").joinpath("data/provinces.csv").open(encoding="utf-8") as handle:
        return tuple(
            Province(row["former_unit"], name_key(row["former_unit"]), row["unit_2025"], row["former_portal_domain"])
            for row in csv.DictReader(handle)
        )


def _aliases() -> dict[str, str]:
    aliases = {}
    for province in all_provinces():
        aliases[province.key] = province.key
        for prefix in ("tinh-", "thanh-pho-", "tp-"):
            aliases[prefix + province.key] = province.key
    aliases.update({"hcm": "ho-chi-minh", "tphcm": "ho-chi-minh", "sai-gon": "ho-chi-minh", "hue": "thua-thien-hue"})
    aliases.update({"br-vt": "ba-ria-vung-tau", "ba-ria-vung-tau": "ba-ria-vung-tau"})
    return aliases


def by_key(key: str) -> Province:
    """The former unit with this key (as stored in the index)."""
    return next(p for p in all_provinces() if p.key == key)


def resolve(name: str, merged: bool = False) -> list[Province]:
    """The former units a user means by ``name``, with or without diacritics, in any case.

    With ``merged`` a 2025 unit stands for all the former units it absorbed ("Cần Thơ" -> Cần Thơ,
    Sóc Trăng, Hậu Giang). Raises UnknownProvince with the closest names as suggestions.
    """
    key = name_key(name)
    aliases = _aliases()
    units_2025 = {name_key(p.unit_2025) for p in all_provinces()}
    if merged and (key in units_2025 or key in aliases):
        unit_key = key if key in units_2025 else name_key(by_key(aliases[key]).unit_2025)
        return [p for p in all_provinces() if name_key(p.unit_2025) == unit_key]
    if key in aliases:
        return [by_key(aliases[key])]
    close = difflib.get_close_matches(key, [p.key for p in all_provinces()], n=3, cutoff=0.6)
    hint = ", ".join(by_key(k).name for k in close) if close else "run 'htx stats' to see the provinces in the index"
    raise UnknownProvince(f"unknown province '{name}'; did you mean: {hint}?" if close else f"unknown province '{name}': {hint}")
