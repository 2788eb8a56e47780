"""The field: every former province with its portal, its cooperative-alliance site where known, and the profiles
(shipped or learned) that cover it."""

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from crawler.profiles import PortalProfile
from indexer.vietnamese.provinces import Province, all_provinces, resolve


@dataclass
class Coverage:
    province: Province
    profiles: list[str]
    alliance_site: str


@cache
def alliance_sites() -> dict[str, str]:
    """The cooperative-alliance site of each former province where known (provinces.csv, column alliance_site)."""
    with resources.files("indexer.vietnamese").joinpath("data/provinces.csv").open(encoding="utf-8") as handle:
        return {row["former_unit"]: row.get("alliance_site") or "" for row in csv.DictReader(handle)}


def province_key(profile: PortalProfile) -> str:
    return resolve(profile.province)[0].key


def coverage(profiles: dict[str, PortalProfile]) -> list[Coverage]:
    """Every former province, in the order of provinces.csv, with the names of the profiles filed under it."""
    by_province: dict[str, list[str]] = {}
    for profile in profiles.values():
        by_province.setdefault(province_key(profile), []).append(profile.name)
    return [Coverage(p, sorted(by_province.get(p.key, [])), alliance_sites().get(p.name, "")) for p in all_provinces()]


def profiles_for_province(profiles: dict[str, PortalProfile], name: str) -> list[PortalProfile]:
    """The profiles of the province(s) ``name`` means (UnknownProvince when it means none)."""
    keys = {p.key for p in resolve(name)}
    return [profile for profile in profiles.values() if province_key(profile) in keys]
