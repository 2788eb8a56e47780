"""Day-first Vietnamese dates: publication lines on pages and the date spans users type.

All datetimes are naive wall-clock time in Asia/Ho_Chi_Minh (Whoosh ignores tzinfo).
"""

import calendar
import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from indexer.vietnamese.text import clean_text, strip_diacritics

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)")
_WORDY = re.compile(r"(?:ngày\s+)?(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:,\s*|\s+năm\s+)(\d{4})(?!\d)", re.I)
_MONTHS = {name: number for number, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july", "aug august",
     "sep sept september", "oct october", "nov november", "dec december"), start=1) for name in names.split()}
_MONTH_NAME = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ENGLISH_MDY = re.compile(r"\b" + _MONTH_NAME + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)", re.I)  # August 30, 2024
_ENGLISH_DMY = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_NAME + r",?\s+(\d{4})(?!\d)", re.I)  # 30 August 2024
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?")
_TIME = re.compile(r"(?<!\d)(\d{1,2})\s*[:hg]\s*(\d{2})(?::(\d{2}))?(?!\d)(?:\s*([ap])\.?m\b)?", re.I)
_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")  # a date as written, not a duration
_TIME_AFTER = 16  # characters after a date where its time may stand ("| 08:52", ", 16:05:10")
_TIME_BEFORE = 12  # characters before it ("(07:09 | 16/10/2023)")


def now_vn() -> datetime:
    """The current wall-clock time in Vietnam, naive."""
    return datetime.now(VN_TZ).replace(tzinfo=None, microsecond=0)


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1] and 1990 <= year <= 2100


def _time_near(text: str, start: int, end: int) -> tuple[int, int, int]:
    after = _TIME.search(text[end : end + _TIME_AFTER])
    before = None if after else _TIME.search(text[max(0, start - _TIME_BEFORE) : start])
    found = after or before
    if found:
        hour, minute, second = int(found[1]), int(found[2]), int(found[3] or 0)
        if found[4] and hour <= 12:  # 8:15 PM, 12:30 AM
            hour = hour % 12 + (12 if found[4].lower() == "p" else 0)
        if hour < 24 and minute < 60 and second < 60:
            return hour, minute, second
    return 0, 0, 0


def _from_iso(match: re.Match) -> datetime | None:
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    if not _valid(year, month, day):
        return None
    moment = datetime(year, month, day, int(match[4] or 0), int(match[5] or 0), int(match[6] or 0))
    offset = match[7]
    if not offset:
        return moment
    if offset == "Z":
        zone = UTC
    else:
        sign = 1 if offset[0] == "+" else -1
        zone = timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[-2:])))
    return moment.replace(tzinfo=zone).astimezone(VN_TZ).replace(tzinfo=None)


def _day_month_year(text: str):
    """(day, month, year, start, end) of each written-out date in ``text``, numeric day-first forms first."""
    for pattern in (_DMY, _WORDY):
        for match in pattern.finditer(text):
            yield int(match[1]), int(match[2]), int(match[3]), match.start(), match.end()
    for match in _ENGLISH_MDY.finditer(text):
        yield int(match[2]), _MONTHS[match[1].lower()], int(match[3]), match.start(), match.end()
    for match in _ENGLISH_DMY.finditer(text):
        yield int(match[1]), _MONTHS[match[2].lower()], int(match[3]), match.start(), match.end()


def has_date(text: str) -> bool:
    """True when ``text`` holds a written-out date ("01/03/2023", "ngày 29 tháng 12 năm 2023", "30 tháng 8, 2024",
    "August 30, 2024"): cheap, regex only."""
    return any(_valid(year, month, day) for day, month, year, _, _ in _day_month_year(text))


def parse_published(text: str) -> datetime | None:
    """The first date (with its time, if one stands next to it) in a publication line, or None.

    Handles "Ngày đăng: 01/03/2023 | 08:52", "Thứ Hai, 15/05/2023 16:45", "(07:09 | 16/10/2023)",
    "08:15 30/08/2024", "Ngày 27-04-2022", "ngày 29 tháng 12 năm 2023, 16:05:10", "30 tháng 8, 2024",
    English CMS forms ("August 30, 2024 8:15 PM", "30 August 2024") and ISO 8601 (converted to Vietnam time);
    anything else goes to dateparser with Vietnamese, day-first settings (a date with a year, not
    after tomorrow: never a duration or a bare time).
    """
    text = clean_text(text)
    for day, month, year, start, end in _day_month_year(text):
        if _valid(year, month, day):
            return datetime(year, month, day, *_time_near(text, start, end))
    iso = _ISO.search(text)
    if iso:
        return _from_iso(iso)
    return _dateparser_search(text)


def _dateparser_search(text: str) -> datetime | None:
    """What dateparser reads as a date in a text that has a year, if not after tomorrow (it also reads durations
    and bare times: "trong 3 tháng" as three months from now, "lúc 8 giờ" as today)."""
    from dateparser.search import search_dates  # slow import, needed only for odd forms

    found = search_dates(
        text,
        languages=["vi"],
        settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["month", "year"]},
    ) or []
    latest = now_vn() + timedelta(days=1)
    for words, moment in found:
        moment = moment.replace(tzinfo=None)
        if _YEAR.search(words) and moment <= latest:
            return moment
    return None


# ---- date spans typed on the command line -------------------------------------------------------

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_UNITS = {"ngay": "days", "tuan": "weeks", "thang": "months", "nam": "years"}


def _day_span(day: date) -> tuple[datetime, datetime]:
    start = datetime(day.year, day.month, day.day)
    return start, start + timedelta(days=1, microseconds=-1)


def _month_span(year: int, first_month: int, months: int = 1) -> tuple[datetime, datetime]:
    last_month = first_month + months - 1
    end_day = calendar.monthrange(year, last_month)[1]
    return datetime(year, first_month, 1), datetime(year, last_month, end_day, 23, 59, 59, 999999)


def _months_ago(today: date, months: int) -> date:
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


def parse_date_span(text: str, now: datetime | None = None) -> tuple[datetime, datetime]:
    """The span of time a user means by ``text``: a day, a month, a quarter or a year.

    Accepts 2023-05-15, 15/05/2023, 15/5/2023, "tháng 5/2023", 5/2023, 2023, "quý 2/2024", "Q2/2024",
    "hôm nay", "hôm qua", "3 tháng trước", "2 tuần trước"; diacritics optional. Raises ValueError.
    """
    now = now or now_vn()
    raw = clean_text(text)
    plain = strip_diacritics(raw).lower()
    spans = [
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", lambda m: (int(m[1]), int(m[2]), int(m[3]))),
        (r"(?:ngay\s+)?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", lambda m: (int(m[3]), int(m[2]), int(m[1]))),
    ]
    for pattern, parts in spans:
        match = re.fullmatch(pattern, plain)
        if match:
            year, month, day = parts(match)
            if not _valid(year, month, day):
                raise ValueError(f"'{raw}' is not a real date (day-first: DD/MM/YYYY)")
            return _day_span(date(year, month, day))
    match = re.fullmatch(r"(?:thang\s*)?(\d{1,2})\s*[/.-]\s*(\d{4})|(\d{4})-(\d{1,2})", plain)
    if match:
        month, year = (int(match[1]), int(match[2])) if match[1] else (int(match[4]), int(match[3]))
        if not 1 <= month <= 12:
            raise ValueError(f"'{raw}': month must be 1-12")
        return _month_span(year, month)
    match = re.fullmatch(r"(?:quy|q)\s*(iv|iii|ii|i|[1-4])\s*[/.\- ]\s*(\d{4})", plain)
    if match:
        quarter = _ROMAN.get(match[1]) or int(match[1])
        return _month_span(int(match[2]), 3 * quarter - 2, 3)
    match = re.fullmatch(r"(?:nam\s*)?(\d{4})", plain)
    if match:
        return _month_span(int(match[1]), 1, 12)
    today = now.date()
    if plain in ("hom nay", "today"):
        return _day_span(today)
    if plain in ("hom qua", "yesterday"):
        return _day_span(today - timedelta(days=1))
    match = re.fullmatch(r"(\d+)\s+(ngay|tuan|thang|nam)\s+(?:truoc|qua)", plain)
    if match:
        count, unit = int(match[1]), _UNITS[match[2]]
        if unit == "days":
            return _day_span(today - timedelta(days=count))
        if unit == "weeks":
            return _day_span(today - timedelta(weeks=count))
        return _day_span(_months_ago(today, count * (12 if unit == "years" else 1)))
    raise ValueError(
        f"cannot read the date '{raw}': use 15/05/2023, 2023-05-15, 'tháng 5/2023', 'quý 2/2024', 2023 or '3 tháng trước'"
    )
