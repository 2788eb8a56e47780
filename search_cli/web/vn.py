"""How the web page writes dates, numbers, amounts and periods for Vietnamese readers."""

from datetime import datetime

from indexer.reports.facts import Fact


def vn_date(moment: datetime | None) -> str:
    """16/05/2023, or 16/05/2023 09:15 when the time is known; an em dash when there is no date."""
    if moment is None:
        return "—"
    return moment.strftime("%d/%m/%Y" if (moment.hour, moment.minute) == (0, 0) else "%d/%m/%Y %H:%M")


def vn_number(value: float, decimals: int = 2) -> str:
    """1.241 for 1241 and 2,15 for 2.15: dots group thousands, a comma marks decimals."""
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    whole, _, fraction = f"{value:,.{decimals}f}".partition(".")
    fraction = fraction.rstrip("0")
    return whole.replace(",", ".") + (f",{fraction}" if fraction else "")


def vn_amount(fact: Fact) -> str:
    """A figure as written in the news: "hơn 1.241 HTX"-style qualifier, money in tỷ or triệu đồng."""
    value, unit = fact.value, fact.unit
    if unit == "đồng" and value >= 10**9:
        value, unit = value / 10**9, "tỷ đồng"
    elif unit == "đồng" and value >= 10**6:
        value, unit = value / 10**6, "triệu đồng"
    return " ".join(filter(None, (fact.qualifier, vn_number(value), unit)))


def vn_period(label: str) -> str:
    """A period label of ``htx compare`` as Vietnamese readers write it: 05/2023, Q2/2023, 2023."""
    year, _, part = label.partition("-")
    return f"{part}/{year}" if part else year


def vn_stamp(stamp: str) -> str:
    """A crawl run's stamp (YYYYmmddTHHMMSS, Vietnam time) as 07/12/2026 14:05."""
    try:
        return vn_date(datetime.strptime(stamp, "%Y%m%dT%H%M%S"))
    except ValueError:
        return stamp
