"""A portal where no news list can be learned: budgeted discovery stays off the menus, within its page budget and
depth, says what it spent, and does not ask again for what it already has. Also the registry of provinces."""

import json
import re

from conftest import FIXTURES, run_htx

from crawler.fixture_server import serve_fixtures

TRUTH = json.loads((FIXTURES / "truth" / "learned" / "lf_vinhlong.json").read_text(encoding="utf-8"))
MENU = "".join(f'<li><a href="/co-quan/don-vi-{n}/gioi-thieu">Đơn vị trực thuộc số {n}</a></li>' for n in range(30))


def page(title: str, content: str) -> str:
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<nav class="mega-menu"><ul>{MENU}</ul></nav><div id="main">{content}</div>'
            '<footer><p>Cơ quan chủ quản: Ủy ban nhân dân huyện</p></footer></body></html>')


def article(number: int) -> str:
    story = TRUTH["articles"][number]
    paragraphs = "".join(f"<p>{text}</p>" for text in [story["lead"], *story["body"]])
    return page(story["title"], f'<h1>{story["title"]}</h1><p class="date">Ngày đăng: 12/06/2025 08:30</p>{paragraphs}')


def small_portal(root):
    """A district page: a home with two article links and an "about" page leading to a third and to a chain of
    pages (each a link deeper than the last)."""
    site = root / "sites" / "huyen"
    (site / "bai").mkdir(parents=True)
    links = [f'<a href="/bai/{n}.html">{TRUTH["articles"][i]["title"]}</a>' for n, i in ((1, 0), (2, 2), (3, 7))]
    (site / "index.html").write_text(page("Trang chủ", f'{links[0]} {links[1]} <a href="/gioi-thieu.html">Giới thiệu</a>'))
    (site / "gioi-thieu.html").write_text(page("Giới thiệu", f'<p>Huyện có 14 xã.</p>{links[2]} <a href="/sau/1.html">Trang</a>'))
    for number, index in ((1, 0), (2, 2), (3, 7)):
        (site / "bai" / f"{number}.html").write_text(article(index))
    (site / "sau").mkdir()
    for depth in range(1, 8):
        (site / "sau" / f"{depth}.html").write_text(page("Trang", f'<a href="/sau/{depth + 1}.html">Tiếp tục đọc phần sau</a>'))
    return root


def test_discovery_stays_off_menus_within_budget_and_depth(tmp_path):
    with serve_fixtures(small_portal(tmp_path / "fixtures")) as served:
        base_url, server = served["huyen"]
        crawl = ["crawl", "--start", base_url + "/", "--province", "Vĩnh Long"]
        first = run_htx(*crawl, data_dir=tmp_path / "data")
        requests = dict(server.requests)
        server.requests.clear()
        second = run_htx(*crawl, data_dir=tmp_path / "data")
        repeat = dict(server.requests)
        server.requests.clear()
        budgeted = run_htx(*crawl, "--budget", "1", data_dir=tmp_path / "data2")
    assert "no news list found" in first.stdout and "budgeted discovery" in first.stdout
    assert not any(path.startswith("/co-quan/") for path in requests), "menus are not walked"
    assert {f"/bai/{n}.html" for n in (1, 2, 3)} <= set(requests) and "/sau/3.html" not in requests, "depth limit 2"
    assert re.search(r"discovery: \d+ pages", first.stdout) and "indexed 3 new" in first.stdout, first.stdout
    assert not any(path.startswith(("/bai/", "/gioi-thieu", "/sau/")) for path in repeat), repeat
    assert "indexed 0 new" in second.stdout and "2 already stored" in second.stdout
    assert re.search(r"discovery: 2 pages, [1-9]\d* links left over budget; indexed 1 new", budgeted.stdout), budgeted.stdout


def test_portals_shows_coverage_and_crawl_by_province(tmp_path):
    listing = run_htx("portals", "--all", data_dir=tmp_path).stdout
    assert "2 of 63 former provinces covered" in listing
    assert re.search(r"Sóc Trăng\s+Cần Thơ\s+soctrang\s+soctrang\.gov\.vn", listing)
    assert re.search(r"Đồng Tháp\s+Đồng Tháp\s+dongthap\s+dongthap\.gov\.vn, dongthap\.gov\.vn/web/lmhtx", listing)
    assert re.search(r"Vĩnh Long\s+Vĩnh Long\s+-\s+vinhlong\.gov\.vn", listing)
    with serve_fixtures() as served:
        run_htx("portal", "learn", served["lf_vinhlong"][0] + "/", "--province", "Vĩnh Long", data_dir=tmp_path)
        assert "3 of 63 former provinces covered" in run_htx("portals", data_dir=tmp_path).stdout
        crawled = run_htx("crawl", "--province", "vinh long", data_dir=tmp_path)
    assert "indexed 8 new" in crawled.stdout
    missing = run_htx("crawl", "--province", "Hà Nội", data_dir=tmp_path, check=False)
    assert missing.returncode == 1 and "htx portal learn URL --province" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
