"""A small hand-made corpus for the web page's tests, written as JSON Lines and indexed with ``htx index``."""

import json
import random
from pathlib import Path

TOPICS = [
    "Liên minh Hợp tác xã tỉnh tổ chức hội nghị tập huấn chuyển đổi số cho cán bộ quản lý.",
    "Nhiều mô hình liên kết sản xuất lúa gạo theo chuỗi giá trị mang lại thu nhập ổn định cho nông dân.",
    "Quỹ tín dụng nhân dân tiếp tục mở rộng cho vay vốn phát triển kinh tế hộ gia đình ở vùng nông thôn.",
    "Các tổ hợp tác nuôi trồng thủy sản được hỗ trợ con giống, kỹ thuật và bao tiêu sản phẩm.",
    "Sản phẩm OCOP của địa phương được giới thiệu tại hội chợ thương mại khu vực đồng bằng sông Cửu Long.",
    "Chương trình đào tạo nghề giúp thanh niên khởi nghiệp trong lĩnh vực dịch vụ nông nghiệp.",
    "Ứng dụng công nghệ tưới tiết kiệm nước giúp vườn cây ăn trái vượt qua mùa khô hạn mặn.",
    "Hội nghị tổng kết đánh giá cao vai trò của kinh tế tập thể trong xây dựng nông thôn mới.",
]
PROVINCES = ["Sóc Trăng", "Đồng Tháp", "Cần Thơ", "Hậu Giang", "An Giang"]

SYLLABLES = ("ruộng vườn kênh rạch mùa lúa cá tôm bò dê rau củ quả cam bưởi xoài dừa chợ làng xã ấp bến đò cầu đường "
             "nhà kho máy cày giống phân tưới sấy xay chế biến đóng gói tem nhãn giá bán mua thu hoạch").split()


def _own_paragraph(number: int) -> str:
    """A paragraph only this article has, so that no two test articles tell one story (indexer.reports.stories)."""
    words = random.Random(number).choices(SYLLABLES, k=150)
    return " ".join(words).capitalize() + "."


XSS_URL = "https://example.org/tin/xss-thu-nghiem"
XSS_TITLE = 'Hợp tác xã thử nghiệm <script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'


def articles() -> list[dict]:
    """Thirty dated articles about cooperatives in five provinces (2023-2025), one with figures per province and
    year, and one article whose text carries markup and a ``javascript:`` link (it must stay inert)."""
    found = []
    for number in range(30):
        province = PROVINCES[number % len(PROVINCES)]
        year, month = 2023 + number % 3, 1 + (number * 5) % 12
        sentences = [TOPICS[(number + k) % len(TOPICS)] for k in range(0, 8, 1 + number % 3)]
        count = 100 + 20 * (year - 2023) + 7 * PROVINCES.index(province)
        sentences.append(f"Đến nay toàn tỉnh {province} có {count} hợp tác xã đang hoạt động, bài số {number}.")
        sentences.append(_own_paragraph(number))
        found.append({
            "url": f"https://{province.lower().replace(' ', '')}.gov.vn/tin/{number}",
            "title": f"Hợp tác xã ở {province} phát triển mạnh, tin thứ {number}",
            "published": f"{10 + number % 18:02d}/{month:02d}/{year} 08:30",
            "province": province,
            "body": "\n\n".join(sentences),
        })
    found.append({
        "url": XSS_URL,
        "title": XSS_TITLE,
        "published": "20/05/2023 09:00",
        "province": "Sóc Trăng",
        "body": 'Hợp tác xã nông nghiệp ghi nhận. <a href="javascript:window.__xss = 3">bấm vào đây</a>\n\n'
                '<iframe src="javascript:window.__xss = 4"></iframe> Toàn tỉnh có 90 hợp tác xã.',
    })
    found.append({  # an article whose own address is a javascript: URL: shown as text, never as a link
        "url": "javascript:window.__xss = 5",
        "title": "Hợp tác xã có địa chỉ lạ",
        "published": "21/05/2023 09:00",
        "province": "Sóc Trăng",
        "body": "Hợp tác xã dịch vụ nông nghiệp tổng kết mùa vụ đông xuân.",
    })
    return found


def write_jsonl(path: Path, items: list[dict]) -> Path:
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")
    return path


CRAWL_SUMMARY = [
    {"portal": "soctrang", "pages_fetched": 21, "new": 9, "updated": 0, "unchanged": 0, "skipped_not_cooperative": 3,
     "known_not_fetched": 0, "failed": {"http 404": 1, "<b>timeout</b>": 2}, "warnings": 0},
]


def build_data_dir(data_dir: Path, run_htx) -> Path:
    """Index the corpus with ``htx index`` and leave one crawl summary beside it."""
    run_htx("index", write_jsonl(data_dir.parent / f"{data_dir.name}.jsonl", articles()), data_dir=data_dir)
    (data_dir / "crawls").mkdir(parents=True, exist_ok=True)
    (data_dir / "crawls" / "20261207T081500.json").write_text(json.dumps(CRAWL_SUMMARY), encoding="utf-8")
    return data_dir
