"""Vietnamese text, dates and provinces: NFC, tone marks, folding, day-first dates, the 2025 units."""

from datetime import datetime

import pytest

from indexer.vietnamese.dates import has_date, parse_date_span, parse_published
from indexer.vietnamese.provinces import UnknownProvince, resolve
from indexer.vietnamese.text import canonical_syllable, clean_text, diacritic_variants, name_key, strip_diacritics


@pytest.mark.parametrize(
    "old,new",
    [("hoà", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("uỷ", "ủy"), ("qũy", "quỹ"), ("hoàng", "hoàng"),
     ("quĩ", "quỹ"), ("kĩ", "kỹ"), ("lí", "lý"), ("ti", "ty"), ("mĩ", "mỹ")],
)
def test_tone_mark_placements_agree(old, new):
    assert canonical_syllable(old) == canonical_syllable(new) == new


@pytest.mark.parametrize("word", ["khi", "chi", "thi", "tây", "thủy", "quy", "kinh", "ý"])
def test_other_syllables_keep_their_spelling(word):
    assert canonical_syllable(word) == word


def test_nfd_and_nbsp_cleaned():
    decomposed = "Ho\u031b\u0323p ta\u0301c xa\u0303\u00a0 to\u0302\u0309 ho\u031b\u0323p ta\u0301c"
    assert clean_text(decomposed) == "Hợp tác xã tổ hợp tác"


@pytest.mark.parametrize("folded, spellings", [
    ("hoa", {"hoa", "hòa", "hóa", "hỏa", "hõa", "họa", "hơa"}),
    ("duong", {"đường", "dương", "dưỡng", "đương"}),
    ("quy", {"quý", "quỹ", "quy"}),
    ("nguyen", {"nguyễn", "nguyên", "nguyện"}),
    ("hop", {"hop", "hợp", "họp", "hộp", "hớp"}),
    ("duoc", {"được", "dược", "đuốc", "duoc"}),
])
def test_spellings_of_a_syllable_without_diacritics(folded, spellings):
    variants = diacritic_variants(folded)
    assert spellings <= variants and all(strip_diacritics(v) == folded for v in variants)
    assert all(canonical_syllable(v) == v for v in variants)  # as the index spells them


@pytest.mark.parametrize("word", ["2024", "ocop2025", "administration"])
def test_words_that_are_no_syllable_have_no_other_spelling(word):
    assert diacritic_variants(word) == {word}


def test_folding_handles_d_bar():
    assert strip_diacritics("Đồng Tháp đổi mới") == "Dong Thap doi moi"
    assert name_key("  Khánh  Hoà ") == name_key("KHANH HOA") == "khanh-hoa"


@pytest.mark.parametrize(
    "line,expected",
    [
        ("Ngày đăng: 01/03/2023 | 08:52", datetime(2023, 3, 1, 8, 52)),
        ("Thứ Hai, 15/05/2023 16:45", datetime(2023, 5, 15, 16, 45)),
        ("Ngày 27-04-2022 - Lượt xem: 28", datetime(2022, 4, 27)),
        ("(07:09 | 16/10/2023)", datetime(2023, 10, 16, 7, 9)),
        ("Thứ Sáu, ngày 29 tháng 12 năm 2023, 16:05:10", datetime(2023, 12, 29, 16, 5, 10)),
        ("Lượt xem: 7370 | Gửi lúc: 05/12/2013 15:42:27", datetime(2013, 12, 5, 15, 42, 27)),
        ("Thứ Ba 29/04/2025 , 11:19 (GMT+7)", datetime(2025, 4, 29, 11, 19)),
        ("2023-04-13T01:00:00Z", datetime(2023, 4, 13, 8, 0)),
        ("05/09/2022", datetime(2022, 9, 5)),
        ("30 tháng 8, 2024", datetime(2024, 8, 30)),
        ("ngày 30 tháng 8 năm 2024", datetime(2024, 8, 30)),
        ("30/8/2024 | 08:15", datetime(2024, 8, 30, 8, 15)),
        ("08:15 30/08/2024", datetime(2024, 8, 30, 8, 15)),
        ("Thứ Sáu, 30/08/2024 - 08:15", datetime(2024, 8, 30, 8, 15)),
        ("August 30, 2024", datetime(2024, 8, 30)),
        ("Aug. 30, 2024 8:15 PM", datetime(2024, 8, 30, 20, 15)),
        ("30 August 2024", datetime(2024, 8, 30)),
    ],
)
def test_publication_lines_day_first_vietnam_time(line, expected):
    assert parse_published(line) == expected
    assert has_date(line) or line.startswith("2023-")


@pytest.mark.parametrize(
    "line,expected",
    [
        ("trong 3 tháng 10 người", None),  # a duration: dateparser alone reads it as three months from now
        ("Cập nhật lúc 8 giờ", None),  # a bare time: dateparser alone reads it as today
        ("15 Tháng", None),
        ("Cập nhật lúc 8 giờ, thứ hai 5 tháng 6 năm 2023", datetime(2023, 6, 5)),
        ("tháng 3 năm 2022 có 10 người", datetime(2022, 3, 1)),
    ],
)
def test_durations_and_bare_times_are_no_publication_date(line, expected):
    assert parse_published(line) == expected


NOW = datetime(2026, 11, 23, 10, 0)


@pytest.mark.parametrize(
    "text,start,end",
    [
        ("15/5/2023", datetime(2023, 5, 15), datetime(2023, 5, 15, 23, 59, 59, 999999)),
        ("tháng 5/2023", datetime(2023, 5, 1), datetime(2023, 5, 31, 23, 59, 59, 999999)),
        ("quý 2/2024", datetime(2024, 4, 1), datetime(2024, 6, 30, 23, 59, 59, 999999)),
        ("2023", datetime(2023, 1, 1), datetime(2023, 12, 31, 23, 59, 59, 999999)),
        ("hôm qua", datetime(2026, 11, 22), datetime(2026, 11, 22, 23, 59, 59, 999999)),
        ("3 thang truoc", datetime(2026, 8, 23), datetime(2026, 8, 23, 23, 59, 59, 999999)),
    ],
)
def test_date_spans(text, start, end):
    assert parse_date_span(text, now=NOW) == (start, end)


@pytest.mark.parametrize("text", ["31/02/2023", "tháng 13/2023", "sometime"])
def test_bad_dates_raise(text):
    with pytest.raises(ValueError):
        parse_date_span(text, now=NOW)


def test_provinces_and_2025_units():
    assert [p.name for p in resolve("soc trang")] == ["Sóc Trăng"]
    assert [p.name for p in resolve("Cần Thơ", merged=True)] == ["Cần Thơ", "Sóc Trăng", "Hậu Giang"]
    assert [p.name for p in resolve("Cần Thơ")] == ["Cần Thơ"]
    with pytest.raises(UnknownProvince, match="Sóc Trăng"):
        resolve("Soc Tran")
