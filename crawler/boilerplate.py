"""The boilerplate lexicon of Vietnamese portals: text that is never article content (see PORTALS.md)."""

import re

from indexer.vietnamese.text import clean_text

_COUNTER = r"(đang online|đang truy cập|số người online|hôm nay|hôm qua|trong tuần|tuần này|tháng hiện tại|trong tháng|tất cả|tổng lượt truy cập|số lượt truy cập|lượt truy cập)"
_TOOLS = r"(in bài viết|in trang|in ra|in bài|gửi email|gửi bài viết|gửi bài|chia sẻ|xem với cỡ chữ|cỡ chữ|tương phản|nghe đọc bài|quay lại|quay về|về đầu trang|đánh giá|bình luận|lưu bài|phản hồi)"

RELATED_HEADING = re.compile(
    r"^(tin liên quan|các tin liên quan|bài viết liên quan|các tin khác|tin cùng chuyên mục|các tin đã đưa|tin khác|tin đã đưa|"
    r"những tin mới hơn|những tin cũ hơn|chuyên mục, tin tức liên quan|tin mới|tin mới nhất|tin xem nhiều|từ khóa|từ khoá|tags?|"
    r"có liên quan|bài viết cùng chuyên mục|related|related posts|you may also like)\s*[:.…]*$"
)

_PATTERNS = [
    r"^thống kê truy cập",
    r"^(" + _COUNTER + r"\s*:?\s*[\d.,  ]*)+$",  # a whole counter line, never a sentence ending in "hôm qua."
    r"^cơ quan chủ quản",
    r"^chịu trách nhiệm",
    r"^trưởng ban biên tập",
    r"^giấy phép( xuất bản)? số",
    r"^(địa chỉ|điện thoại|email|e-mail|fax)\s*:",
    r"^@?\s*ghi rõ nguồn",
    r"ghi rõ nguồn .* khi phát hành lại",
    r"^sơ đồ (cổng|trang|site)",
    r"^bản quyền",
    r"^copyright",
    r"^" + _TOOLS + r"(\s*[|/:]\s*" + _TOOLS + r")*\s*[|:]?$",
    r"^(lượt xem|đã xem|số lượt xem)\s*:?\s*[\d.,]*$",
    r"^xuất bản thông tin$",
    r"^null$",
    r"^chi tiết bài viết",
    r"^truy cập nội dung luôn$",
    r"^trang chủ(\s*[>»/|].*)?$",
    r"^(thích|chia sẻ) điều này\s*:?$",
    r"^(thích\s+)?đang tải\W*$",
    r"^(like|share) this\s*:?$",
    # English CMS furniture, whole lines only
    r"^(advert(isement)?|continue reading( below)?|caption|close|comments?|topics|read more|about the author|"
    r"back to gallery|sharing is caring!?|like loading\W*|tell us what you think\W*|most read( in [\w ]{1,30})?)$",
    r"^image \d+ of\s*/?\s*\d*$",
    r"^\d+\s*(/|of)\s*\d+$",  # a gallery's counter, "1 / 9"
    r"^(photo\b|image copyright|image caption|media caption).{0,60}$",  # a photo credit line or a gallery caption label
    r"^media playback is unsupported on your device$",
    r"^\d+\s*shares?$",
]
_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))

# Phrases that must never reach the index (used by the tests and the extraction evaluation).
LEAK_PHRASES = (
    "Thống kê truy cập", "Đang online", "Đang truy cập", "Số người Online", "Tổng lượt truy cập",
    "Cơ quan chủ quản", "Chịu trách nhiệm chính", "Ghi rõ nguồn", "Về đầu trang", "Sơ đồ Cổng",
    "In bài viết", "Gửi email", "Xem với cỡ chữ", "Nghe đọc bài", "Lượt xem", "Đã xem",
    "Tin liên quan", "Các tin khác", "Tin cùng chuyên mục", "Các tin đã đưa", "Những tin mới hơn",
    "Xuất bản thông tin", "Chi tiết bài viết", "Truy cập nội dung luôn",
)


_TOOL_BAR = re.compile(_TOOLS + r"|\ba[+-]?(?=\s|$)|[|/:•·]")


def is_boilerplate(text: str) -> bool:
    """True when a whole paragraph or heading is portal furniture, not article content."""
    line = clean_text(text).lower()
    if not line or _BOILERPLATE.search(line) or RELATED_HEADING.match(line):
        return True
    return len(line) < 120 and _TOOL_BAR.search(line) is not None and not _TOOL_BAR.sub("", line).strip()


def is_related_heading(text: str) -> bool:
    """True for the heading of a related-news list ("Các tin khác", "Tin cùng chuyên mục" …)."""
    return bool(RELATED_HEADING.match(clean_text(text).lower()))
