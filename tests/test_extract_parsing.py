"""The extractor's lxml tree on pages a parser finds odd, and profiles' CSS selectors checked when they are loaded."""

from dataclasses import replace

import pytest
from conftest import ROOT, run_htx

from crawler.extract import extract_article
from crawler.profiles import ArticleSelectors, load_profiles

HEADLINE = "Hợp tác xã Tân Bình liên kết sản xuất lúa chất lượng cao"
TEXT = "Hợp tác xã nông nghiệp Tân Bình ký hợp đồng liên kết với doanh nghiệp, bao tiêu toàn bộ sản lượng lúa. "


def article_page(body: str, head: str = "") -> str:
    return (f"<html><head>{head}<title>{HEADLINE}</title></head><body><h1>{HEADLINE}</h1><p>Ngày 12/3/2024</p>"
            f"<div class='noi-dung'>{body}</div></body></html>")


@pytest.mark.parametrize("html", ["", "   \n\t", "<!-- nothing here -->"], ids=["empty", "white-space", "comment"])
def test_an_empty_page_is_refused_with_a_reason(html):
    result = extract_article(html, "https://example.gov.vn/tin/1")
    assert result.article is None and result.problem == "no article body found (not an article page?)"


def test_a_page_with_an_xml_declaration_is_read():
    page = '<?xml version="1.0" encoding="iso-8859-1"?>' + article_page(f"<p>{TEXT * 3}</p><p>{TEXT * 2}</p>")
    article = extract_article(page, "https://example.gov.vn/tin/1").article
    assert article.title == HEADLINE and article.published.isoformat() == "2024-03-12T00:00:00"
    assert article.body == "\n\n".join([(TEXT * 3).strip(), (TEXT * 2).strip()])


def test_text_nested_deeper_than_libxml2s_default_limit_is_read():
    body = "<div>" * 300 + f"<p>{TEXT * 3}</p>" + "</div>" * 300
    article = extract_article(article_page(body), "https://example.gov.vn/tin/1").article
    assert article.body == (TEXT * 3).strip()


def test_scripts_templates_and_ruby_annotations_are_not_text():
    body = (f"<p>{TEXT * 2}<script>var d = '01/01/2020';</script><template><p>Bản mẫu ẩn</p></template>"
            f"<ruby>漢<rt>kan</rt></ruby> tiếp theo.</p><p>{TEXT * 2}</p>")
    article = extract_article(article_page(body), "https://example.gov.vn/tin/1").article
    assert article.body.split("\n\n")[0] == TEXT * 2 + "漢 tiếp theo."
    assert "kan" not in article.body and "Bản mẫu" not in article.body and "2020" not in article.body


def test_text_around_an_element_a_profile_drops_stays():
    selectors = ArticleSelectors(title="h1", body=".noi-dung", drop=(".chia-se",))
    profile = replace(load_profiles()["soctrang"], article=selectors)
    page = article_page(f"<p>Trước hộp<span class='chia-se'>Chia sẻ Facebook</span>sau hộp, {TEXT * 2}</p>")
    result = extract_article(page, "https://example.gov.vn/tin/1", profile)
    assert result.path == "profile"
    assert result.article.body == f"Trước hộpsau hộp, {TEXT * 2}".strip()


@pytest.mark.parametrize("selector,reason", [
    ('div:-soup-contains("Tin")', "is not supported"),  # soupsieve's own pseudo-class
    ("div >", "is not supported"),
], ids=["soupsieve-only", "syntax"])
def test_an_article_selector_the_engine_cannot_use_is_one_line_at_load(tmp_path, selector, reason):
    profile = (ROOT / "crawler" / "portals" / "soctrang.toml").read_text(encoding="utf-8")
    profile = "\n".join(f"body = '{selector}'" if row.startswith("body =") else row for row in profile.splitlines())
    (tmp_path / "soctrang.toml").write_text(profile, encoding="utf-8")
    result = run_htx("portals", check=False, env={"HTX_PORTALS": str(tmp_path)})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"htx: error: bad portal profile: {tmp_path / 'soctrang.toml'}: [article] body selector '{selector}' {reason}")
