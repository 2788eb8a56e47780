"""Reading one list page: which links are the news items, and how the list pages (every paging scheme of the issue)."""

import pytest
from bs4 import BeautifulSoup

from crawler.learn import read_list, section_score

ORIGIN = "https://lmhtx.example.gov.vn"
ITEMS = "".join(
    f'<div class="news-item"><h3><a href="/tin-tuc/bai-viet-so-{n}.html">Hợp tác xã số {n} ký hợp đồng liên kết tiêu thụ nông sản</a></h3>'
    f'<p class="date">0{n}/06/2025</p><p>Tóm tắt: hợp tác xã và doanh nghiệp thống nhất giá thu mua, thời hạn và quy cách sản phẩm.</p></div>'
    for n in range(1, 6)
)
MOST_READ = "".join(f'<li><a href="/tin-tuc/doc-nhieu-{n}.html">Tin đọc nhiều số {n} về kinh tế tập thể của tỉnh</a></li>' for n in range(6))
DOCUMENTS = "".join(f'<li><a href="/van-ban/{n}">Quyết định số {n}/QĐ-UBND về việc phê duyệt kế hoạch phát triển hợp tác xã</a></li>' for n in range(8))


def page(pager: str) -> str:
    return (f'<html><body><nav class="menu"><a href="/tin-tuc">Tin tức</a></nav><div id="content"><div class="list">{ITEMS}</div>'
            f'<div class="pages">{pager}</div></div><div class="box"><h2>Văn bản</h2><ul class="docs">{DOCUMENTS}</ul>'
            f'<h2>Đọc nhiều</h2><ul class="most-read">{MOST_READ}</ul></div></body></html>')


@pytest.mark.parametrize("pager,paging,next_url", [
    ('<a href="/tin-tuc?page=2" rel="next">2</a>', "?page=N", "/tin-tuc?page=2"),
    ('<a href="/tin-tuc/trang-2.html">Trang sau</a>', "trang-N / page-N", "/tin-tuc/trang-2.html"),
    ('<a class="page-numbers" href="/tin-tuc/page/2/">2</a> <a class="next page-numbers" href="/tin-tuc/page/2/">»</a>', "/page/N/", "/tin-tuc/page/2/"),
    ('<a href="/tin-tuc?p_p_id=101&_101_cur=2" title="Trang sau">›</a>', "Liferay _cur=N", "/tin-tuc?p_p_id=101&_101_cur=2"),
    ("""<a href="javascript:__doPostBack('ctl00$Main$lnkNext','')">Tiếp</a>""", "ASP.NET __doPostBack", None),
])
def test_news_items_and_paging(pager, paging, next_url):
    found = read_list(page(pager), ORIGIN + "/tin-tuc", ORIGIN)
    assert found.article_urls == [f"{ORIGIN}/tin-tuc/bai-viet-so-{n}.html" for n in range(1, 6)]
    assert found.paging == paging
    soup = BeautifulSoup(page(pager), "lxml")
    assert len(soup.select(found.article_links)) == 5
    link = soup.select_one(found.next_page)
    assert (link["href"] if next_url else link["href"].startswith("javascript:__doPostBack")) == (next_url or True)


def test_a_page_of_bare_links_without_paging_is_not_a_news_list():
    bare = f'<html><body><ul class="home-box">{MOST_READ}</ul></body></html>'
    assert read_list(bare, ORIGIN + "/", ORIGIN) is None


@pytest.mark.parametrize("text,href,score", [
    ("Tin tức - Sự kiện", "/category/tin-tuc/", 3), ("Kinh tế - Hợp tác xã", "/kinh-te.aspx", 3), ("Văn bản", "/van-ban", 0),
    ("Thủ tục hành chính", "/tthc", 0), ("Hợp tác xã Tân Phú ký hợp đồng bao tiêu 500 tấn lúa", "/bai/1.html", 0),
])
def test_sections_that_name_news(text, href, score):
    assert section_score(text, href) == score
