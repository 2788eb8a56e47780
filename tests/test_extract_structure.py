"""Article or not decided by structure: short news items are articles, teasers and list items are not."""

from bs4 import BeautifulSoup
from conftest import FIXTURES

from crawler.extract import extract_article
from crawler.pages import decode_html

PAGES = FIXTURES / "extraction" / "pages"


def extract(relative: str, url: str = "https://example.gov.vn/tin/1"):
    return extract_article(decode_html((PAGES / relative).read_bytes()), url)


def test_short_news_item_with_javascript_headline_and_credit():
    article = extract("aspnet/travinh-tin-ngan-htx-tom-lua.html").article
    assert article.title == "Trà Vinh: Hợp tác xã tôm – lúa Long Toàn thu hoạch vụ tôm càng xanh"
    assert article.published.isoformat() == "2024-08-30T08:15:00"
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 3 and len(article.body) < 300
    assert paragraphs[-1] == "Theo Báo Trà Vinh"


def test_short_news_item_with_wordy_date_and_credit_paragraph():
    article = extract("wordpress/cantho-tin-ngan-qtdnd-thoi-lai.html").article
    assert article.published.isoformat() == "2024-08-30T00:00:00"
    assert article.body.endswith("Theo Cổng thông tin điện tử huyện Thới Lai")


def _item(n: int) -> str:
    return (f'<div class="news-item"><h3><a href="/tin/{n}">Hợp tác xã số {n} mở rộng vùng trồng lúa hữu cơ năm nay</a></h3>'
            f'<div class="date">0{n}/08/2024</div><div class="summary">Hợp tác xã số {n} liên kết với doanh nghiệp tiêu thụ '
            f"lúa hữu cơ cho thành viên, giá cao hơn lúa thường khoảng 15%, diện tích tăng thêm 20 ha so với năm trước.</div></div>")


def test_last_list_page_with_two_items_is_refused():
    html = f"<html><head><title>Tin tức</title></head><body><h2>Tin tức</h2>{_item(1)}{_item(2)}</body></html>"
    result = extract_article(html, "https://example.gov.vn/tin-tuc?page=9")
    assert result.article is None and "list" in result.problem


def test_a_teaser_is_refused_but_its_article_is_not():
    html = f"<html><head><title>Trang chủ</title></head><body><h2>Tin nổi bật</h2>{_item(1)}</body></html>"
    assert extract_article(html, "https://example.gov.vn/").article is None
    page = BeautifulSoup(html, "lxml")
    page.find("a")["href"] = "javascript:;"
    article = extract_article(str(page), "https://example.gov.vn/tin/1").article
    assert article.title == "Hợp tác xã số 1 mở rộng vùng trồng lúa hữu cơ năm nay"


PARAGRAPH = ("Hợp tác xã Nông nghiệp Tân Hội có {n} thành viên, năm nay liên kết với doanh nghiệp bao tiêu 120 ha lúa "
             "chất lượng cao, lợi nhuận bình quân tăng 15% so với vụ trước, thu nhập của thành viên ổn định hơn.")


def _article(middle: str, end: str = "") -> str:
    paragraphs = "".join(f"<p>{PARAGRAPH.format(n=n)}</p>" for n in (10, 20))
    more = "".join(f"<p>{PARAGRAPH.format(n=n)}</p>" for n in (30, 40))
    return (f"<html><head><title>Tân Hội</title></head><body><h1>Hợp tác xã Tân Hội liên kết bao tiêu lúa chất lượng "
            f"cao</h1><div class='date'>Thứ Sáu, 30/08/2024 - 08:15</div><div class='content'>{paragraphs}{middle}{more}"
            f"{end}</div></body></html>")


def _links(*numbers: int) -> str:
    return "".join(f'<p><a href="/tin/{n}">Hợp tác xã số {n} mở rộng vùng trồng lúa hữu cơ năm nay</a></p>' for n in numbers)


def test_a_related_list_inside_the_text_is_skipped_and_the_text_goes_on():
    article = extract_article(_article("<h3>Tin liên quan</h3>" + _links(1, 2)), "https://example.gov.vn/tin/9").article
    assert [p[:40] for p in article.body.split("\n\n")] == [PARAGRAPH.format(n=n)[:40] for n in (10, 20, 30, 40)]


def test_a_related_list_at_the_end_is_dropped():
    html = _article("", "<h3>Các tin khác</h3>" + _links(1, 2, 3))
    article = extract_article(html, "https://example.gov.vn/tin/9").article
    assert len(article.body.split("\n\n")) == 4 and "số 1" not in article.body


def test_a_trending_box_inside_the_text_is_dropped():
    box = ("<div class='box-trending'><div>Đọc nhiều</div>"
           + "".join(f"<div><h4>Hợp tác xã số {n} mở rộng vùng trồng</h4><a class='anchor' href='/tin/{n}'></a></div>" for n in (1, 2, 3))
           + "</div>")
    article = extract_article(_article(box), "https://example.gov.vn/tin/9").article
    assert len(article.body.split("\n\n")) == 4 and "Đọc nhiều" not in article.body and "số 1 " not in article.body


def test_paragraphs_before_the_body_container_and_a_two_paragraph_sapo():
    article = extract("aspnet/quangnam-htx-que-tra-my-tach-doan.html").article
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0].startswith("Hợp tác xã Nông lâm nghiệp Trà Giác được thành lập năm 2019")  # before the container
    assert len(paragraphs) == 9 and paragraphs[-1] == "HỒ QUÂN"
    assert article.lead.endswith("tăng khoảng 30% so với năm trước.") and "(QNO)" not in article.body
    assert "Đọc nhiều" not in article.body and "Tin liên quan" not in article.body


def test_a_link_written_out_as_an_address_is_kept_as_text():
    html = _article("<p><a href='https://example.gov.vn/van-ban/45.pdf'>https://example.gov.vn/van-ban/45.pdf</a></p>")
    article = extract_article(html, "https://example.gov.vn/tin/9").article
    assert "https://example.gov.vn/van-ban/45.pdf" in article.body.split("\n\n")


def test_a_headline_inside_the_body_takes_no_sapo_from_the_footer():
    text = " ".join(PARAGRAPH.format(n=n) for n in (10, 20))
    html = ("<html><head><title>Tân Hội</title></head><body><div class='main'><p class='title'>Hợp tác xã Tân Hội liên "
            f"kết bao tiêu lúa chất lượng cao</p><small>30/08/2024</small><br>{text}<br><br></div>"
            "<div class='bottom'><div>Ủy ban nhân dân huyện Tân Hội - Số 12 đường Lê Lợi, thị trấn Tân Hội - "
            "Tổng đài hỗ trợ người dân 1900 1234</div></div></body></html>")
    article = extract_article(html, "https://example.gov.vn/tin/9").article
    assert article.lead == "" and article.body == text


def test_a_widget_inside_the_text_is_dropped_unless_named_as_the_articles_own():
    appeal = ("<div class='zone-widget cta-letter'><h5>Thư gửi bạn đọc</h5><p>Ủng hộ tòa soạn để chúng tôi tiếp tục "
              "đưa tin về kinh tế tập thể, hợp tác xã và quỹ tín dụng nhân dân trên khắp các tỉnh thành.</p></div>")
    quote = ("<div class='article-widget embed-post'><blockquote><p>Giám đốc hợp tác xã cho biết thành viên đã ký hợp "
             "đồng bao tiêu toàn bộ sản lượng lúa vụ này.</p></blockquote></div>")
    article = extract_article(_article(appeal + quote), "https://example.gov.vn/tin/9").article
    assert "Ủng hộ tòa soạn" not in article.body and "Thư gửi bạn đọc" not in article.body
    assert "Giám đốc hợp tác xã cho biết" in article.body and len(article.body.split("\n\n")) == 5


def test_previous_and_next_article_links_inside_the_body_are_dropped():
    nav = ("<div class='grid next-prev'><div><p>Hợp tác xã Tân Phú khai trương cửa hàng nông sản an toàn thứ hai ở "
           "trung tâm huyện</p><label>Nguyễn Văn An 2024-08-29</label></div></div>")
    article = extract_article(_article("", nav), "https://example.gov.vn/tin/9").article
    assert "Tân Phú" not in article.body and len(article.body.split("\n\n")) == 4


def test_a_photo_credit_in_a_figure_is_dropped_and_its_caption_and_a_source_credit_kept():
    figure = ("<figure class='media'><img src='/anh/1.jpg'><figcaption><span class='media-caption'>Thành viên hợp tác xã "
              "thu hoạch lúa hữu cơ trên cánh đồng mẫu lớn.</span><span class='image-credit'>Nguyễn Văn An</span>"
              "</figcaption></figure>")
    article = extract_article(_article(figure, "<p class='source-credit'>Theo Báo Tân Hội</p>"),
                              "https://example.gov.vn/tin/9").article
    paragraphs = article.body.split("\n\n")
    assert "Thành viên hợp tác xã thu hoạch lúa hữu cơ trên cánh đồng mẫu lớn." in paragraphs
    assert "Nguyễn Văn An" not in article.body and paragraphs[-1] == "Theo Báo Tân Hội"


def test_a_caption_shown_again_by_a_gallery_is_kept_once_and_repeated_text_outside_captions_stays():
    caption = "Thành viên hợp tác xã thu hoạch lúa hữu cơ trên cánh đồng mẫu lớn của xã Tân Hội, huyện Tân Hội."
    slide = (f"<div class='wp-caption'><img src='/anh/1.jpg'><p class='wp-caption-text'>{caption}</p></div>"
             f"<div class='caption-full'>{caption}</div><div class='caption-short'>{caption[:40]}<a> ... xem thêm</a></div>")
    line = "<p>Sản lượng: 120 tấn lúa hữu cơ, giá bán cao hơn 15%.</p>"
    article = extract_article(_article(line + slide, slide + line), "https://example.gov.vn/tin/9").article
    paragraphs = article.body.split("\n\n")
    assert paragraphs.count(caption) == 1 and not any(p.startswith(caption[:40]) and p != caption for p in paragraphs)
    assert paragraphs.count("Sản lượng: 120 tấn lúa hữu cơ, giá bán cao hơn 15%.") == 2


def test_an_article_split_into_chunks_at_an_advert_is_read_whole_but_not_a_teaser_beside_it():
    def chunk(*numbers: int) -> str:
        text = "".join(f"<p>{PARAGRAPH.format(n=n)}</p>" for n in numbers)
        return f"<div class='grid'><div class='body article-body'>{text}</div><div class='aside'></div></div>"

    teaser = ("<div class='grid'><h3><a href='/tin/2'>Hợp tác xã Tân Phú khai trương cửa hàng nông sản an toàn</a></h3>"
              f"<div class='body article-body'><p>{PARAGRAPH.format(n=90)}</p></div></div>")
    html = ("<html><head><title>Tân Hội</title></head><body><h1>Hợp tác xã Tân Hội liên kết bao tiêu lúa chất lượng "
            "cao</h1><div class='date'>30/08/2024</div><div class='chunks'>"
            f"{chunk(10, 11, 12, 13)}<div class='ad-row'><div>Quảng cáo</div></div>{chunk(20, 30, 40)}{teaser}</div></body></html>")
    article = extract_article(html, "https://example.gov.vn/tin/9").article
    assert article.body.split("\n\n") == [PARAGRAPH.format(n=n) for n in (10, 11, 12, 13, 20, 30, 40)]


def test_teasers_of_other_posts_nested_in_an_article_do_not_outweigh_the_article():
    teasers = "".join(f"<article class='post teaser'><p>{PARAGRAPH.format(n=n)}</p></article>" for n in (51, 52, 53, 54))
    html = ("<html><head><title>Tân Hội</title></head><body><article class='post'><h1>Hợp tác xã Tân Hội liên kết bao "
            f"tiêu lúa chất lượng cao</h1><p>30/08/2024</p><p>{PARAGRAPH.format(n=10)}</p><p>{PARAGRAPH.format(n=20)}</p>"
            f"</article><article class='post box'><h3>Có thể bạn quan tâm</h3>{teasers}</article></body></html>")
    article = extract_article(html, "https://example.gov.vn/tin/9").article
    assert article.lead == PARAGRAPH.format(n=10) and article.body == PARAGRAPH.format(n=20)


def test_bars_of_short_links_are_not_headline_links_and_a_short_article_with_them_is_kept():
    def bar(*names: str, sep: str = " ") -> str:
        return "<p>" + sep.join(f"<a href='/{n}'>{n}</a>" for n in names) + "</p>"

    bars = (bar("Tin tức", "Kinh tế tập thể", "Hợp tác xã", sep=" » ") + bar("Facebook", "Zalo", "Twitter", "Email")
            + bar("Hợp tác xã", "Nông nghiệp", "Tân Hội", sep=", "))
    html = ("<html><head><title>Tân Hội</title></head><body><h1>Hợp tác xã Tân Hội liên kết bao tiêu lúa chất lượng "
            f"cao</h1><div class='date'>30/08/2024</div><div class='content'>{bars}<p>{PARAGRAPH.format(n=10)}</p></div>"
            "</body></html>")
    article = extract_article(html, "https://example.gov.vn/tin/9").article
    assert article is not None and article.body == PARAGRAPH.format(n=10)


def test_box_names_in_camel_case_are_boxes_and_a_word_merely_containing_one_is_not():
    related = ("<aside class='relatedNews'><div>Hợp tác xã Tân Phú khai trương cửa hàng nông sản an toàn thứ hai ở trung "
               "tâm huyện</div></aside><div class='PromoSmall'><p>Đọc thêm: quỹ tín dụng nhân dân Tân Phú tăng vốn "
               "điều lệ lên 12 tỷ đồng trong năm nay.</p></div>")
    report = "<div class='shareholders-report'><p>Báo cáo cổ đông: vốn góp của thành viên tăng 12% so với năm trước.</p></div>"
    article = extract_article(_article(related + report), "https://example.gov.vn/tin/9").article
    assert "Tân Phú" not in article.body and "Báo cáo cổ đông" in article.body


def test_a_call_to_action_box_inside_the_text_is_dropped():
    cta = ("<div class='member-cta'><h4>Mời bạn đọc</h4><p>Nếu bạn thấy bài viết hữu ích, hãy đăng ký gói hội viên để "
           "đọc toàn bộ chuyên đề về kinh tế tập thể và hợp tác xã.</p></div>")
    article = extract_article(_article(cta), "https://example.gov.vn/tin/9").article
    assert "hội viên" not in article.body and len(article.body.split("\n\n")) == 4


def test_a_reading_time_line_is_dropped():
    article = extract_article(_article("", "<p class='estimated-reading-time'>Thời gian đọc: 3 phút</p>"),
                              "https://example.gov.vn/tin/9").article
    assert "Thời gian đọc" not in article.body


def test_a_one_paragraph_news_item_with_its_headline_in_the_body_is_an_article():
    html = ("<html><head><title>Tân Hội</title></head><body><div class='main'><p class='title'>Hợp tác xã Tân Hội liên "
            f"kết bao tiêu lúa chất lượng cao</p><p>30/08/2024</p><p>{PARAGRAPH.format(n=10)}</p></div></body></html>")
    article = extract_article(html, "https://example.gov.vn/tin/9").article
    assert article is not None and article.lead == "" and article.body == PARAGRAPH.format(n=10)


def test_a_page_builders_widget_containers_holding_the_text_are_read():
    def widget(kind: str, inner: str) -> str:
        return (f"<div class='builder-element builder-widget builder-widget-{kind}'>"
                f"<div class='builder-widget-container'>{inner}</div></div>")

    text = widget("text-editor", "".join(f"<p>{PARAGRAPH.format(n=n)}</p>" for n in (10, 20)))
    more = widget("text-editor", "".join(f"<p>{PARAGRAPH.format(n=n)}</p>" for n in (30, 40)))
    figure = widget("image", "<figure><img src='/anh/1.jpg'><figcaption>Thành viên hợp tác xã thu hoạch lúa.</figcaption></figure>")
    html = ("<html><head><title>Tân Hội</title></head><body><h1>Hợp tác xã Tân Hội liên kết bao tiêu lúa chất lượng "
            f"cao</h1><div class='date'>30/08/2024</div><div class='column'><div class='builder-widget-wrap'>{text}"
            f"{figure}{more}</div></div></body></html>")
    article = extract_article(html, "https://example.gov.vn/tin/9").article
    assert article.body.split("\n\n") == [PARAGRAPH.format(n=n) for n in (10, 20, 30, 40)]
