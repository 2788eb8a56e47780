"""Figures in cooperative news as data: what is counted (metric), of what (scope) and how (kind).

``extract_figures`` reads digits only ("1.241" is 1241, "2,1 tỷ đồng" is 2.1e9, "35 nghìn người" is 35,000,
"02" is 2); number words ("một", "hai") are left alone. Matching runs on a case- and diacritic-folded copy of each
sentence, so "HTX", "Hợp tác xã" and "hop tac xa" all count. Precision comes before recall: a number is reported
only when one of the nouns or units of ``_NOUNS`` follows it directly, and it is dropped when it is a date, a
document or ordinal number, a percentage, a rate ("đồng/kg"), a change ("tăng 300 triệu đồng"), board members,
members of the Cooperative Alliance (not of a cooperative) or the count of a mixed group ("94 HTX, tổ hợp tác").

Each figure has
- a ``qualifier`` bound to its own number: "", "hơn" ("hơn", "trên"), "gần", "khoảng" ("khoảng", "xấp xỉ"),
  "ít nhất" ("ít nhất", "tối thiểu": it also covers the next numbers of a list) or "dưới";
- an ``upper`` end when it is a range ("từ 40 - 50 thành viên", "500 triệu đến 2 tỷ đồng"), else None;
- a ``kind``: "target" when its clause is governed by a plan ("phấn đấu", "mục tiêu", "chỉ tiêu", "dự kiến",
  "sẽ" …, also for every item of a list announced by one), "criterion" for a requirement per commune or unit
  ("mỗi xã có ít nhất 1 HTX", "tiêu chí"), else "achieved";
- a ``scope``, decided in this order: "average" (per cooperative, member or person: "2,14 tỷ đồng/HTX/năm",
  "bình quân", a range over "các HTX"); "cooperative" (one cooperative or credit fund, ``label`` its name: "HTX
  Tân Tiến có 19 thành viên", and the sentences that go on about it until one turns to "các HTX" or "toàn
  tỉnh"); "subset" (a part, ``label`` which where the text says: a sector or crop after the noun, "186 HTX nông
  nghiệp"; a district; "trong đó …" after a figure of the same measure; those founded since a year); "national"
  ("cả nước"); "total" (the whole area of the article: "toàn tỉnh", "trên địa bàn", "tổng số", "hiện có" …; new
  and dissolved cooperatives, unions, credit funds and targets unless marked as a part; a national source's
  totals are "national"); else "subset" without a label.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from indexer.vietnamese.text import fold_space, nfc, strip_diacritics

METRICS = {
    "cooperatives": "số hợp tác xã (HTX)",
    "cooperative_groups": "số tổ hợp tác (THT)",
    "unions": "số liên hiệp hợp tác xã",
    "credit_funds": "số quỹ tín dụng nhân dân",
    "members": "số thành viên, tổ viên, xã viên, hộ thành viên (không tính thành viên Liên minh HTX)",
    "workers": "số lao động",
    "new_cooperatives": "số hợp tác xã thành lập mới (đăng ký mới, phát triển thêm)",
    "new_cooperative_groups": "số tổ hợp tác thành lập mới",
    "dissolved_cooperatives": "số hợp tác xã giải thể",
    "ocop_products": "số sản phẩm OCOP (chỉ khi câu nói đến OCOP)",
    "revenue": "doanh thu, đồng",
    "profit": "lợi nhuận, lãi ròng, đồng",
    "income": "thu nhập, đồng",
    "capital": "vốn điều lệ, nguồn vốn, đồng (không tính tài sản, dư nợ, tiền gửi)",
    "loans_outstanding": "dư nợ, đồng",
    "deposits": "tiền gửi, vốn huy động, đồng",
    "area_ha": "diện tích, ha",
}
SCOPES = {
    "total": "tổng của địa bàn bài viết (tỉnh)",
    "subset": "một phần của tổng (nhãn: nông nghiệp, thành lập mới, một huyện …)",
    "cooperative": "của một HTX có tên",
    "national": "cả nước",
    "average": "bình quân mỗi HTX, thành viên, người",
}
KINDS = ("achieved", "target", "criterion")
MONEY = {"revenue", "profit", "income", "capital", "loans_outstanding", "deposits"}
_COUNTED_UNITS = {"cooperatives", "cooperative_groups", "unions", "credit_funds"}

_QUALIFIERS = {"hon": "hơn", "tren": "hơn", "gan": "gần", "khoang": "khoảng", "xap xi": "khoảng",
               "it nhat": "ít nhất", "toi thieu": "ít nhất", "duoi": "dưới"}
_MULTIPLIERS = {"ty": 10**9, "ti": 10**9, "trieu": 10**6, "nghin": 10**3, "ngan": 10**3}
_NOUNS = {  # folded noun or unit after the number -> metric ("money" and "people" are decided by their context)
    "unions": r"lien hiep (?:hop tac xa|htx)|lhhtx",
    "credit_funds": r"quy tin dung(?: nhan dan)?|qtdnd",
    "cooperative_groups": r"to hop tac|tht",
    "cooperatives": r"hop tac xa|htx",
    "members": r"(?:ho )?thanh vien|to vien|xa vien",
    "workers": r"(?:nguoi )?lao dong",
    "people": r"nguoi",
    "ocop_products": r"san pham",
    "money": r"dong",
    "area_ha": r"ha|hec-?ta|hecta",
}
_PLAIN_UNITS = {"dong", "đồng", "ha"}  # "đồng"/"ha" must not be "động", "dòng" or "Hà" once folded
_NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+"
_MULTIPLIER = r"(?:(?:nghin|ngan)\s+)?(?:ty|ti|trieu)|nghin|ngan"
_PER = r"htx|hop tac xa|to hop tac|thanh vien|nguoi|ho|lao dong"

_FIGURE = re.compile(
    r"(?:\b(?P<qual>" + "|".join(_QUALIFIERS) + r")\s+)?(?:\btu\s+)?(?<![\w.,/:-])(?<!\d\s)"
    r"(?:(?P<low>" + _NUMBER + r")(?:,(?P<lowdec>\d+))?\s*(?P<lowmult>" + _MULTIPLIER + r")?\s*(?:-|–|den)\s*)?"
    r"(?P<num>" + _NUMBER + r")(?:,(?P<dec>\d+))?\s*(?P<mult>" + _MULTIPLIER + r")?\s*"
    r"(?P<noun>" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _NOUNS.items()) + r")"
    r"(?P<per>\s*/\s*(?:" + _PER + r")\b)?(?!\w|/(?!nam\b|thang\b))"
)
_NOT_A_COUNT = re.compile(
    r"(?:\b(?:nam|ngay|thang|quy|(?<!tong )so|lan|(?<!doanh )(?<!tieu )thu|dot|khoa|phuong|ap|khom)|\d\s*(?:den|-|–))\s*$"
)
_CHANGE = re.compile(r"\b(?:tang|giam|cao hon|thap hon|nhieu hon|it hon)(?:\s+them)?\s*$")
_MIXED = re.compile(r"\s*(?:,|va|/)\s*(?:cac\s+)?(?:hop tac xa|htx|to hop tac|tht|quy tin dung|lien hiep|doanh nghiep)\b")
_BOARD = re.compile(r"\s*(?:hoi dong|ban)\b")  # "01 thành viên Hội đồng quản trị" counts board members
_ALLIANCE_AFTER = re.compile(r"\s*(?:cua|thuoc)\s+lien minh\b")  # "824 thành viên của Liên minh"
_ALLIANCE_SUBJECT = re.compile(r"\blien minh\b(?![^,;]*\b(?:toan tinh|tren dia ban|cac htx|cac hop tac xa)\b)[^,;]*$")
_MEMBERS_NEAR = re.compile(r"\b(?:thanh vien|xa vien|to vien)\b[^.;]{0,60}$")  # "thành viên … 35 nghìn người"
_NEW_BEFORE = re.compile(
    r"\b(?:(?:thanh lap|dang ky|phat trien)\s+(?:moi|them)|thanh lap)(?:\s+(?:duoc|them|moi|dang ky))*\s*$"
)
_NEW_AFTER = re.compile(r"\s*(?:moi thanh lap|moi duoc thanh lap|(?:duoc\s+)?thanh lap moi|dang ky moi|moi\b(?! \w+ \w+ lap))")
_DISSOLVED = re.compile(r"\bgiai the(?:\s+duoc|\s+la)?\s*$|^\s*(?:da\s+|bi\s+)?giai the\b")
_BREAKDOWN = re.compile(r"\b(?:trong do|gom|bao gom)\b[^,;.]*$")
_LIST = re.compile(r"\s*(?:,|va)\s*")  # "thành lập mới 18 HTX và 26 tổ hợp tác": the second is new too
_WITH = re.compile(r"[^\d,;]*\b(?:voi|thu hut)\s*")  # "17 HTX thủy sản với 1.100 xã viên": the members of those
_MONEY_CUE = re.compile(
    r"\b(?:(?P<revenue>doanh thu)|(?P<profit>loi nhuan|lai(?= rong| binh quan| sau thue| truoc thue))|(?P<income>thu nhap)"
    r"|(?P<loans_outstanding>du no(?: cho vay)?)|(?P<deposits>huy dong|tien gui)|(?P<capital>von)"
    r"|(?P<other>tai san|kinh phi|ngan sach|chi phi|gia tri|dau tu|ho tro|cho vay|vay|giai ngan))\b"
)
_TARGET = re.compile(r"\b(?:phan dau|muc tieu|chi tieu|du kien|du dinh|theo ke hoach|(?<!chia )se)\b")
_ACHIEVED = re.compile(r"\b(?:hien nay|hien co|hien tai|den nay|da co|da thanh lap|nam qua|vua qua|ket qua)\b")
_CRITERION = re.compile(  # a requirement per unit; "Mỗi xã một sản phẩm" is the OCOP programme's name
    r"(?:\bmoi|100% so|100%) (?:xa|phuong|thi tran|huyen|thon|ap|don vi hanh chinh)\b(?! mot san pham)|\btieu chi\b"
)
_AVERAGE = re.compile(
    r"\b(?:binh quan|(?<!loai )(?<!dong )trung binh|moi (?:htx|hop tac xa|thanh vien|ho|nguoi|lao dong))\b[^;]{0,60}$"
)
_SPREAD = re.compile(r"\b(?:cac (?:htx|hop tac xa)|dao dong)\b")  # a range over "các HTX" spans per-cooperative values
_SOME_ONE = re.compile(r"\bco (?:htx|hop tac xa) (?:dat|co)\b[^,;]*$")  # "có HTX đạt trên 100 tỷ đồng"
_NATIONAL = re.compile(r"\b(?:ca nuoc|toan quoc)\b")
_PROVINCIAL = re.compile(r"\b(?:tinh|thanh pho)\b")
_TOTAL = re.compile(r"\b(?:toan tinh|ca tinh|toan thanh pho|tren dia ban|tong so|tong cong|luy ke|hien co|den nay"
                    r"|hien nay|tinh den|tong|cac (?:htx|hop tac xa|to hop tac|quy)|khu vuc kinh te tap the"
                    r"|(?:tinh|thanh pho)(?: \w+){0,3} co)\b"
                    r"|^\W*(?:tinh|thanh pho)\b")
_TOTAL_AFTER = re.compile(r"\s+dang hoat dong\b")  # "430 HTX đang hoạt động"
_SECTOR = (r"nong nghiep|phi nong nghiep|thuy san|dich vu(?: nong nghiep)?(?: tong hop)?|van tai|xay dung|tieu thu cong nghiep"
           r"|thuong mai|cong nghiep|lam nghiep|chan nuoi|trong trot|nuoi trong thuy san|moi truong|nuoc sach|dien|du lich"
           r"|(?:trong )?cay an (?:qua|trai)|che|ca phe|lua gao|lua|rau(?: an toan)?|cam|buoi|xoai|vai thieu|nhan|thanh long"
           r"|dua|mang cau|tom|muoi|duoc lieu|que|bo sua|nuoc mam|lang nghe|thu cong my nghe")
_SECTOR_AFTER = re.compile(r"\s+(?P<label>(?:" + _SECTOR + r")\b)")
_STATUS_AFTER = re.compile(  # which of the cooperatives: only for counts of cooperatives, groups, funds
    r"\s+(?P<label>(?:(?:dat|xep) loai \w+|hoat dong (?:hieu qua|kha|tot|yeu|trung binh)|yeu kem|ngung hoat dong"
    r"|(?:duoc )?thanh lap|tham gia|co san pham|ung dung|su dung|ap dung|lien ket|chuyen doi)\b)"
)
_SECTOR_SUBJECT = re.compile(r"\bcac (?:htx|hop tac xa) (?P<label>" + _SECTOR + r")\b[^;]*$")  # "Các HTX nông nghiệp có …"
_UPPER = "A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
_PLACE = re.compile(rf"(?<![Tt]ác )\b(?:[Hh]uyện|[Tt]hị xã|[Qq]uận|[Xx]ã|[Pp]hường|[Tt]hị trấn)(?:\s+[{_UPPER}]\w*)+")
_NATIONAL_BODY = re.compile(r"\s(?:Việt Nam|Trung ương)$")  # "Ngân hàng Hợp tác xã Việt Nam": no cooperative
_CREDIT_FUNDS = re.compile(r"(?<![\d.,] )\b(?:quy tin dung|qtdnd)\b")  # credit funds as the subject, not "12 quỹ …"
_CREDIT_FUNDS_AFTER = re.compile(r"\s+(?:cua\s+)?(?:cac\s+)?(?:quy tin dung|qtdnd|quy)\b")  # "… thành viên của Quỹ"
CREDIT_FUND_MEMBERS = "quỹ tín dụng nhân dân"
_NAME_WORDS = rf"(?:\s+(?:Trung ương|[{_UPPER}]\w*))+"
_LINKING = r"(?:và|với|của|có|cùng|tại|ở|là|đã|được|cho|trong|thuộc|xã|huyện|tỉnh|chi nhánh)\b"
_NAMED = re.compile(  # "HTX Tân Tiến", "HTX Nông nghiệp Mỹ Hương", "HTX Rau an toàn Đà Lạt", not "HTX A và HTX B"
    rf"\b(?:HTX|THT|[Hh]ợp tác xã|[Tt]ổ hợp tác|Quỹ tín dụng nhân dân|QTDND){_NAME_WORDS}"
    rf"(?:(?:\s+(?!{_LINKING})[a-zà-ỹđ]\w*){{1,3}}{_NAME_WORDS})?"
)
_ONE_OF_THEM = re.compile(r"\b(?:cac|nhieu|nhung|moi|so) (?:htx|hop tac xa|quy|to hop tac)\b|\b(?:toan tinh|tren dia ban|ca nuoc|toan huyen)\b")
_OCOP_PART = re.compile(r"[^.;]*?\btrong do\b[^.;]*\bocop\b")  # "400 sản phẩm, trong đó 120 sản phẩm OCOP"
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)]*\s+")
_BULLET = re.compile(r"^[-+•–*]\s*")
_ABBREVIATIONS = {"TP", "Tp", "TX", "TT", "ThS", "TS", "PGS", "GS"}


@dataclass(frozen=True)
class Figure:
    """One figure: ``value`` (up to ``upper`` for a range) in ``unit`` ("đồng", "ha", "" for counts)."""

    metric: str
    value: float
    upper: float | None
    unit: str
    qualifier: str
    kind: str
    scope: str
    label: str
    sentence: str

    @property
    def is_target(self) -> bool:
        return self.kind == "target"


class _FoldTable(dict):
    """A ``str.translate`` table: each character to one character, its lowercase ASCII folding (filled as met)."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = (strip_diacritics(chr(code)).lower() or " ")[:1]
        return folded


_FOLD_TABLE = _FoldTable()


def _fold(text: str) -> str:
    """Lowercase ASCII folding that keeps every character at its index."""
    return text.translate(_FOLD_TABLE)


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


def _last(pattern: re.Pattern, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
    """The last match of ``pattern`` in ``text[start:end]``."""
    found = None
    for found in pattern.finditer(text, start, len(text) if end is None else end):
        pass
    return found


def _number(digits: str, decimals: str | None, multiplier: str | None) -> float:
    value = Decimal(digits.replace(".", "") + ("." + decimals if decimals else ""))
    for word in (multiplier or "").split():
        value *= _MULTIPLIERS[word]
    return float(value)


def _values(match: re.Match) -> tuple[float, float | None]:
    """The number, or the two ends of a range (the low end takes the high end's multiplier if it has none)."""
    value = _number(match["num"], match["dec"], match["mult"])
    if not match["low"]:
        return value, None
    return _number(match["low"], match["lowdec"], match["lowmult"] or match["mult"]), value


def _metric(match: re.Match, folded: str) -> str | None:
    """The metric of a number-noun match, or None when the sentence says it is none of ours."""
    metric = next(name for name in _NOUNS if match[name])
    head, tail = folded[: match.start()], folded[match.end() :]
    if metric in _COUNTED_UNITS and _MIXED.match(tail):
        return None
    if metric == "people":
        metric = "members" if _MEMBERS_NEAR.search(head) else None
    if metric == "members" and (_BOARD.match(tail) or _ALLIANCE_AFTER.match(tail) or _ALLIANCE_SUBJECT.search(head)):
        return None
    if metric in ("cooperatives", "cooperative_groups") and (_NEW_BEFORE.search(head) or _NEW_AFTER.match(tail)):
        return "new_" + metric
    if metric == "cooperatives" and (_DISSOLVED.search(head) or _DISSOLVED.match(tail)):
        return "dissolved_cooperatives"
    if metric == "ocop_products" and ("ocop" not in folded or _OCOP_PART.match(tail) and "ocop" not in head):
        return None
    if metric == "money":
        cue = _last(_MONEY_CUE, head)
        return cue.lastgroup if cue and cue.lastgroup != "other" else None
    return metric


def _clause(head: str) -> str:
    """The part of the sentence before a number that still governs it: from the last "hiện nay", "đến nay" … on."""
    last = _last(_ACHIEVED, head)
    return head[last.start() :] if last else head


def _kind(head: str, governed: bool) -> str:
    clause = _clause(head)
    if _CRITERION.search(clause):
        return "criterion"
    return "target" if _TARGET.search(clause) or (governed and clause is head) else "achieved"


@dataclass
class _Context:
    """What earlier figures and sentences of the text say about the next figure."""

    named: str = ""  # the cooperative the text is telling about ("HTX Tân Tiến"), until it turns to others
    governed: bool = False  # an item of a list announced by a target ("Mục tiêu đến năm 2030: - 520 HTX …")
    national: bool = False  # the text is a national source's: its totals are national ones


def _scope(match: re.Match, metric: str, kind: str, sentence: str, folded: str, context: _Context) -> tuple[str, str]:
    """(scope, label) of a figure that does not take the scope of the figure before it."""
    head, tail = folded[: match.start()], folded[match.end() :]
    clause_start = max(head.rfind(";"), 0)
    clause = head[clause_start:]
    average = _AVERAGE.search(clause)
    if average and average[0].startswith("trung") and sentence[clause_start + average.start()].isupper():  # a name
        average = None
    if match["per"] or average or (match["low"] and _SPREAD.search(clause)):
        return "average", ""
    if metric not in _COUNTED_UNITS and not metric.startswith(("new_", "dissolved_")):  # what a cooperative has
        named = _last(_NAMED, sentence, clause_start, match.start())
        if named and not _NATIONAL_BODY.search(named[0]):
            context.named = named[0]
        elif _ONE_OF_THEM.search(clause):
            context.named = ""
        if context.named or _SOME_ONE.search(clause):
            return "cooperative", context.named
    if metric == "members" and (_CREDIT_FUNDS.search(clause) or _CREDIT_FUNDS_AFTER.match(tail)):
        return "subset", CREDIT_FUND_MEMBERS  # "Các quỹ tín dụng nhân dân có 35.000 thành viên": not the cooperatives'
    label = _SECTOR_AFTER.match(tail) or (metric in _COUNTED_UNITS and _STATUS_AFTER.match(tail))
    if label:
        return "subset", sentence[match.end() + label.start("label") : match.end() + label.end("label")]
    place = _last(_PLACE, sentence, clause_start, match.start())
    if place:
        return "subset", place[0]
    subject = _SECTOR_SUBJECT.search(clause) if metric not in _COUNTED_UNITS else None
    if subject:
        return "subset", sentence[clause_start + subject.start("label") : clause_start + subject.end("label")]
    if _NATIONAL.search(clause):
        return "national", ""
    if (metric.startswith(("new_", "dissolved_")) or metric in ("unions", "credit_funds") or kind == "target"
            or _TOTAL.search(head) or (metric in _COUNTED_UNITS and _TOTAL_AFTER.match(tail))):
        return ("national" if context.national and not _PROVINCIAL.search(head) else "total"), ""
    return "subset", ""


@dataclass(frozen=True)
class _Previous:
    """The figure before the next one in a sentence."""

    end: int
    metric: str
    qualifier: str
    scope: str
    label: str


def extract_figures(text: str, national: bool = False) -> list[Figure]:
    """Every figure in ``text`` (NFC), in reading order; a figure repeated with the same metric, value,
    qualifier, kind and scope (headline, lead and body often repeat one) is reported once. ``national``: the
    text is a national source's, whose totals are the country's."""
    figures: dict[tuple, Figure] = {}
    context = _Context(national=national)
    for sentence in split_sentences(text):
        folded = _fold(sentence)
        context.governed = context.governed and bool(_BULLET.match(sentence))
        previous, broken_down, seen = None, "", set()
        for match in _FIGURE.finditer(folded):
            head = folded[: match.start()]
            gap = folded[previous.end : match.start()] if previous else ""
            noun = sentence[match.start("noun") : match.end("noun")].lower()
            if _NOT_A_COUNT.search(head) or _CHANGE.search(head):
                continue
            if match["noun"] in _PLAIN_UNITS and noun not in _PLAIN_UNITS:
                continue
            metric = _metric(match, folded)
            if metric is None:
                continue
            qualifier = _QUALIFIERS[match["qual"]] if match["qual"] else ""
            after_breakdown = bool(previous and _BREAKDOWN.search(gap))
            if previous:
                listed = _LIST.fullmatch(gap)
                if not qualifier and previous.qualifier == "ít nhất" and listed:
                    qualifier = previous.qualifier
                if previous.metric.startswith("new_") and "new_" + metric in METRICS and (
                        ((after_breakdown or broken_down) and "new_" + metric == previous.metric) or listed):
                    metric = "new_" + metric  # "thành lập mới 32 HTX, trong đó 28 HTX nông nghiệp"; "… 18 HTX và 26 THT"
            if after_breakdown and metric in seen:  # "430 HTX …, trong đó 186 HTX …", not "vốn …, trong đó vốn huy động"
                broken_down = metric
            seen.add(metric)
            value, upper = _values(match)
            unit = "đồng" if metric in MONEY else "ha" if metric == "area_ha" else ""
            kind = _kind(head, context.governed)
            if previous and _WITH.fullmatch(gap) and metric not in _COUNTED_UNITS:
                scope, label = ("subset", CREDIT_FUND_MEMBERS) if previous.metric == "credit_funds" else (previous.scope, previous.label)
            elif metric == broken_down:
                scope, label = "subset", ""
            else:
                scope, label = _scope(match, metric, kind, sentence, folded, context)
            figure = Figure(metric, value, upper, unit, qualifier, kind, scope, label, sentence)
            figures.setdefault((metric, value, upper, qualifier, figure.kind, scope), figure)
            previous = _Previous(match.end(), metric, qualifier, scope, label)
        if sentence.rstrip().endswith(":") and _TARGET.search(folded):
            context.governed = True
    return list(figures.values())
