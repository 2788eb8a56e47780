"""Figures in cooperative news as data: counts, money and areas, with their qualifier and target flag.

``extract_figures`` reads digits only ("1.241" is 1241, "2,1 tỷ đồng" is 2.1e9, "02" is 2); number words
("một", "hai") are left alone. Matching runs on a case- and diacritic-folded copy of each sentence, so
"HTX", "Hợp tác xã" and "hop tac xa" all count. Precision comes before recall: a number is reported only when
one of the nouns or units below follows it directly, and it is dropped when it is a date, a year, a document
or ordinal number ("số", "lần thứ", "đợt"), a percentage, a rate ("đồng/kg"; "tỷ đồng/năm" is kept as an
annual amount), a range end, a change ("tăng 300 triệu đồng"), board members ("thành viên Hội đồng quản trị")
or the count of a mixed group ("94 hợp tác xã, tổ hợp tác").

Qualifiers are normalised to one of "", "hơn" ("hơn", "trên"), "gần", "khoảng" ("khoảng", "xấp xỉ"),
"ít nhất" ("ít nhất", "tối thiểu") and "dưới"; in "ít nhất 20 HTX và 50 tổ hợp tác" the second count shares the
first one's qualifier. A figure is a target when "phấn đấu", "mục tiêu", "chỉ tiêu", "dự kiến", "dự định",
"theo kế hoạch" or "sẽ" comes before it in its sentence ("Kế hoạch số 128/KH-UBND" alone does not count).
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from indexer.vietnamese.text import fold_space, nfc, strip_diacritics

METRICS = {
    "cooperatives": "số hợp tác xã (HTX)",
    "cooperative_groups": "số tổ hợp tác (THT)",
    "unions": "số liên hiệp hợp tác xã",
    "members": "số thành viên",
    "new_cooperatives": "số hợp tác xã thành lập mới",
    "ocop_products": "số sản phẩm OCOP (chỉ khi câu nói đến OCOP)",
    "revenue": "doanh thu, đồng (không tính lợi nhuận, thu nhập, tiền vay)",
    "capital": "vốn: vốn điều lệ, nguồn vốn, vốn huy động, đồng (không tính dư nợ, kinh phí)",
    "area_ha": "diện tích, ha",
}

_QUALIFIERS = {"hon": "hơn", "tren": "hơn", "gan": "gần", "khoang": "khoảng", "xap xi": "khoảng",
               "it nhat": "ít nhất", "toi thieu": "ít nhất", "duoi": "dưới"}
_MULTIPLIERS = {"ty": 10**9, "ti": 10**9, "trieu": 10**6, "nghin": 10**3, "ngan": 10**3}
_NOUNS = {  # folded noun or unit after the number -> metric ("money" is decided by the words before it)
    "unions": r"lien hiep (?:hop tac xa|htx)|lhhtx",
    "cooperative_groups": r"to hop tac|tht",
    "cooperatives": r"hop tac xa|htx",
    "members": r"thanh vien",
    "ocop_products": r"san pham",
    "money": r"dong",
    "area_ha": r"ha|hec-?ta|hecta",
}
_PLAIN_UNITS = {"dong", "đồng", "ha"}  # "đồng"/"ha" must not be "động", "dòng" or "Hà" once folded

_FIGURE = re.compile(
    r"(?:\b(?P<qual>" + "|".join(_QUALIFIERS) + r")\s+)?"
    r"(?<![\w.,/:-])(?<!\d\s)(?P<num>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<dec>\d+))?"
    r"\s*(?P<mult>(?:(?:nghin|ngan)\s+)?(?:ty|ti|trieu)|nghin|ngan)?\s*"
    r"(?P<noun>" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _NOUNS.items()) + r")(?!\w|/(?!nam\b))"
)
_NOT_A_COUNT = re.compile(
    r"(?:\b(?:nam|ngay|thang|quy|(?<!tong )so|lan|(?<!doanh )(?<!tieu )thu|dot|khoa|phuong|ap|khom)|\d\s*(?:den|-|–))\s*$"
)
_CHANGE = re.compile(r"\b(?:tang|giam|cao hon|thap hon|nhieu hon|it hon)(?:\s+them)?\s*$")
_MIXED = re.compile(r"\s*(?:,|va|/)\s*(?:cac\s+)?(?:hop tac xa|htx|to hop tac|tht|quy tin dung|lien hiep|doanh nghiep)\b")
_BOARD = re.compile(r"\s*(?:hoi dong|ban)\b")  # "01 thành viên Hội đồng quản trị" counts board members
_NEW_BEFORE = re.compile(r"\bthanh lap(?:\s+(?:moi|them))?(?:\s+duoc)?\s*$")
_NEW_AFTER = re.compile(r"\s*(?:moi thanh lap|moi duoc thanh lap|(?:duoc\s+)?thanh lap moi)\b")
_MONEY_CUE = re.compile(
    r"\b(?:(?P<revenue>doanh thu)|(?P<capital>von)|loi nhuan|lai|vay|du no|kinh phi|ngan sach|chi phi|thu nhap"
    r"|gia tri|dau tu|ho tro)\b"
)
_TARGET = re.compile(r"\b(?:phan dau|muc tieu|chi tieu|du kien|du dinh|theo ke hoach|(?<!chia )se)\b")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)]*\s+")
_ABBREVIATIONS = {"TP", "Tp", "TX", "TT", "ThS", "TS", "PGS", "GS"}


@dataclass(frozen=True)
class Figure:
    """One figure: ``value`` in ``unit`` ("đồng" for money, "ha" for areas, "" for counts)."""

    metric: str
    value: float
    unit: str
    qualifier: str
    is_target: bool
    sentence: str


@cache
def _fold_char(ch: str) -> str:
    return (strip_diacritics(ch).lower() or " ")[:1]


def _fold(text: str) -> str:
    """Lowercase ASCII folding that keeps every character at its index."""
    return "".join(_fold_char(ch) for ch in text)


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``: lines split after ".", "!", "?" or "…" that precede a capital, digit or quote."""
    sentences = []
    for line in nfc(text).splitlines():
        line, start = fold_space(line), 0
        for end in _SENTENCE_END.finditer(line):
            after = line[end.end()]
            word = re.search(r"(\w+)\W*$", line[start : end.start() + 1])
            if (after.isupper() or after.isdigit() or after in "\"“(") and not (word and word[1] in _ABBREVIATIONS):
                sentences.append(line[start : end.end()].strip())
                start = end.end()
        sentences.append(line[start:])
    return [s for s in sentences if s]


def _value(match: re.Match) -> float:
    value = Decimal(match["num"].replace(".", "") + ("." + match["dec"] if match["dec"] else ""))
    for word in (match["mult"] or "").split():
        value *= _MULTIPLIERS[word]
    return float(value)


def _metric(match: re.Match, folded: str) -> str | None:
    """The metric of a number-noun match, or None when the sentence says it is none of ours."""
    metric = next(name for name in _NOUNS if match[name])
    head, tail = folded[: match.start()], folded[match.end() :]
    if metric in ("cooperatives", "cooperative_groups", "unions") and _MIXED.match(tail):
        return None
    if metric == "members" and _BOARD.match(tail):
        return None
    if metric == "cooperatives" and (_NEW_BEFORE.search(head) or _NEW_AFTER.match(tail)):
        return "new_cooperatives"
    if metric == "ocop_products" and "ocop" not in folded:
        return None
    if metric == "money":
        cue = None
        for cue in _MONEY_CUE.finditer(head):
            pass
        return cue.lastgroup if cue else None
    return metric


def extract_figures(text: str) -> list[Figure]:
    """Every figure in ``text`` (NFC), in reading order; a figure repeated with the same metric, value,
    qualifier and target flag (headline, lead and body often repeat one) is reported once."""
    figures: dict[tuple, Figure] = {}
    for sentence in split_sentences(text):
        folded = _fold(sentence)
        previous_end, previous_qualifier = 0, ""
        for match in _FIGURE.finditer(folded):
            qualifier = _QUALIFIERS[match["qual"]] if match["qual"] else ""
            if not qualifier and re.fullmatch(r"\s*(?:,|va)\s*", folded[previous_end : match.start()]):
                qualifier = previous_qualifier
            previous_end, previous_qualifier = match.end(), qualifier
            head = folded[: match.start()]
            noun = sentence[match.start("noun") : match.end("noun")].lower()
            if _NOT_A_COUNT.search(head) or _CHANGE.search(head):
                continue
            if match["noun"] in _PLAIN_UNITS and noun not in _PLAIN_UNITS:
                continue
            metric = _metric(match, folded)
            if metric is None:
                continue
            unit = {"revenue": "đồng", "capital": "đồng", "area_ha": "ha"}.get(metric, "")
            figure = Figure(metric, _value(match), unit, qualifier, bool(_TARGET.search(head)), sentence)
            figures.setdefault((metric, figure.value, qualifier, figure.is_target), figure)
    return list(figures.values())
