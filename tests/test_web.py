"""htx serve's application in-process (Starlette's TestClient) over a real index made with ``htx index``:
pages, the JSON API against the CLI's --json, status 400 for bad parameters, escaping, nothing outside the data."""

import csv
import io
import json
import re
import socket
import subprocess
import urllib.request
from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from conftest import HTX, run_htx
from starlette.testclient import TestClient
from web_corpus import XSS_TITLE, XSS_URL, build_data_dir, write_jsonl

from indexer.reports.facts import Fact
from search_cli.web.app import create_app
from search_cli.web.vn import vn_amount, vn_date, vn_number, vn_period


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return build_data_dir(tmp_path_factory.mktemp("web") / "data", run_htx)


@pytest.fixture(scope="module")
def client(data_dir):
    return TestClient(create_app(data_dir), raise_server_exceptions=False)


def cli_json(data_dir, *args):
    return json.loads(run_htx(*args, "--json", data_dir=data_dir).stdout)


def test_search_page_reads_like_the_cli(client):
    page = client.get("/search", params={"q": "hop tac xa", "province": "soc trang", "since": "tháng 5/2023", "until": "2023"})
    assert page.status_code == 200
    assert "bài viết" in page.text and "<mark>" in page.text
    assert "Sóc Trăng" in page.text and "Đồng Tháp ·" not in page.text
    assert "/05/2023" in page.text or "/06/2023" in page.text
    assert "<option selected>Sóc Trăng</option>" in page.text  # as typed, "soc trang": kept in the form
    assert page.headers["content-security-policy"].startswith("default-src 'none'")


def test_api_shapes_are_the_clis(client, data_dir):
    search = client.get("/api/search", params={"q": "hop tac xa", "province": ["Sóc Trăng", "Đồng Tháp"], "sort": "newest", "limit": 5, "page": 2})
    assert search.json() == cli_json(data_dir, "search", "hop tac xa", "-p", "Sóc Trăng", "-p", "Đồng Tháp", "--sort", "newest", "-n", "5", "--page", "2")
    compare = client.get("/api/compare", params={"q": "HTX", "period": "quarter", "merged": "1", "province": "Cần Thơ"})
    assert compare.json() == cli_json(data_dir, "compare", "HTX", "--period", "quarter", "--merged", "-p", "Cần Thơ")
    facts = client.get("/api/facts", params={"metric": "cooperatives", "since": "2024"})
    assert facts.json() == cli_json(data_dir, "facts", "--metric", "cooperatives", "--since", "2024")
    assert facts.json() and all(f["published"] >= "2024" for f in facts.json())
    totals = client.get("/api/facts", params={"metric": "cooperatives", "scope": "total"})
    assert totals.json() == cli_json(data_dir, "facts", "--metric", "cooperatives", "--scope", "total")
    assert totals.json() and {f["scope"] for f in totals.json()} == {"total"}
    assert client.get("/api/facts", params={"scope": "whole"}).status_code == 400


def test_api_latest_totals_name_every_chosen_province(client):
    latest = client.get("/api/facts", params={"metric": "cooperatives", "latest": "1", "province": ["An Giang", "Lai Châu"]}).json()
    assert [row["province"] for row in latest] == ["An Giang", "Lai Châu"]
    assert latest[0]["value"] == 168 and latest[0]["published"].startswith("2025") and latest[0]["url"].startswith("https://")
    assert latest[1] == {"province": "Lai Châu", "value": None, "qualifier": "", "unit": "", "published": None,
                         "url": None, "sentence": "no province total stated"}
    page = client.get("/facts", params={"metric": "cooperatives", "province": ["An Giang", "Lai Châu"]})
    assert "Không có bài nào nêu tổng số." in page.text


def test_compare_page_chart_table_and_csv(client, data_dir):
    page = client.get("/compare", params={"q": "hợp tác xã", "period": "year"})
    assert page.status_code == 200 and '<svg id="heatmap"' in page.text
    for year in ("2023", "2024", "2025"):
        assert f">{year}</th>" in page.text
    download = client.get("/compare.csv", params={"q": "hợp tác xã", "period": "year"})
    assert download.headers["content-disposition"].startswith("attachment")
    assert list(csv.reader(io.StringIO(download.text))) == list(csv.reader(io.StringIO(
        run_htx("compare", "hợp tác xã", "--period", "year", "--csv", data_dir=data_dir).stdout)))


def test_facts_page_latest_with_source_and_history(client):
    page = client.get("/facts", params={"metric": "cooperatives"})
    assert page.status_code == 200 and '<svg id="history"' in page.text
    assert "168 hợp tác xã" in page.text  # An Giang 2025: 100 + 20*2 + 7*4, its newest figure
    assert 'href="https://angiang.gov.vn/tin/' in page.text


def test_facts_page_lists_the_figures_of_the_chosen_scopes(client, data_dir):
    every = client.get("/facts", params={"metric": "cooperatives"}).text.split('id="figures"')[1]
    totals = client.get("/facts", params={"metric": "cooperatives", "scope": "total"}).text.split('id="figures"')[1]
    expected = cli_json(data_dir, "facts", "--metric", "cooperatives", "--scope", "total")
    assert totals.count("<td>tổng của tỉnh</td>") == totals.count("<tr>") - 1 == min(len(expected), 100) > 0
    assert every.count("<tr>") - 1 == min(len(cli_json(data_dir, "facts", "--metric", "cooperatives")), 100)
    none = client.get("/facts", params={"metric": "cooperatives", "scope": ["cooperative", "average"]}).text
    assert none.split('id="figures"')[1].count("<tr>") == 1 and "Không có số liệu nào khớp bộ lọc" in none
    assert 'name="scope" value="cooperative" checked' in none and 'name="scope" value="total" checked' not in none


def test_crawls_page_escapes_reasons(client):
    page = client.get("/crawls")
    assert page.status_code == 200 and "soctrang" in page.text and "07/12/2026 08:15" in page.text
    assert "&lt;b&gt;timeout&lt;/b&gt;: 2" in page.text


@pytest.mark.parametrize("path, params, name", [
    ("/search", {"q": '"hợp tác'}, "q"),
    ("/search", {"q": "htx", "province": "Atlantis"}, "province"),
    ("/search", {"q": "htx", "since": "hôm kia nữa"}, "since"),
    ("/search", {"q": "htx", "since": "2025", "until": "2023"}, "since"),
    ("/search", {"q": "htx", "limit": "abc"}, "limit"),
    ("/search", {"q": "htx", "page": "0"}, "page"),
    ("/search", {"q": "htx", "sort": "random"}, "sort"),
    ("/search", {"q": "htx", "merged": "perhaps"}, "merged"),
    ("/compare", {"q": "htx", "period": "week"}, "period"),
    ("/facts", {"metric": "<b>x</b>"}, "metric"),
    ("/facts", {"scope": "<b>x</b>"}, "scope"),
    ("/article", {}, "url"),
])
def test_bad_parameters_are_400_pages_and_json(client, path, params, name):
    page = client.get(path, params=params)
    assert page.status_code == 400 and "Traceback" not in page.text
    assert f"Tham số “{name}” không hợp lệ" in page.text and "<b>x</b>" not in page.text
    if path in ("/search", "/compare", "/facts"):
        api = client.get("/api" + path, params=params)
        assert api.status_code == 400 and api.json()["parameter"] == name and api.json()["error"]


def test_empty_queries_in_the_api_are_400(client):
    for path in ("/api/search", "/api/compare", "/compare.csv"):
        assert client.get(path).status_code == 400
    assert client.get("/api/facts", params={"latest": "1"}).status_code == 400


def active_markup(html: str) -> list[str]:
    """What in a page could run or load something: scripts, frames, objects, on* handlers, non-http(s) links."""
    soup = BeautifulSoup(html, "lxml")
    found = [tag.name for tag in soup.find_all(["script", "iframe", "object", "embed", "img"])]
    found += [f"{tag.name} {name}" for tag in soup.find_all(True) for name in tag.attrs if name.lower().startswith("on")]
    found += [tag["href"] for tag in soup.find_all(href=True) if not tag["href"].startswith(("http://", "https://", "/", "?"))]
    return found


def test_crawled_markup_is_inert(client):
    article = client.get("/article", params={"url": XSS_URL})
    assert article.status_code == 200 and active_markup(article.text) == []
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in article.text  # shown as the text it is
    hits = client.get("/search", params={"q": "thử nghiệm"})
    assert "&lt;script&gt;" in hits.text and active_markup(hits.text) == []
    odd = client.get("/search", params={"q": "địa chỉ lạ"})
    assert "javascript:window.__xss = 5" in odd.text and active_markup(odd.text) == []
    assert active_markup(client.get("/article", params={"url": "javascript:window.__xss = 5"}).text) == []
    assert client.get("/api/search", params={"q": "thử nghiệm"}).json()["hits"][0]["title"] == XSS_TITLE.replace("  ", " ")


def test_query_string_is_escaped(client):
    page = client.get("/search", params={"q": 'x"><script>alert(1)</script>', "since": "<img src=x onerror=alert(1)>"})
    assert page.status_code == 400 and active_markup(page.text) == []
    page = client.get("/search", params={"q": "<script>alert(1)</script> htx"})
    assert page.status_code == 200 and active_markup(page.text) == []


@pytest.mark.parametrize("path", ["/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/pyproject.toml", "/index/_MAIN_1.toc",
                                  "/crawls/20261207T081500.json", "/items/"])
def test_nothing_outside_the_package_static_files_is_served(client, path):
    response = client.get(path)
    assert response.status_code == 404 and "root:" not in response.text


def test_local_files_are_not_read_through_article(client):
    response = client.get("/article", params={"url": "file:///etc/passwd"})
    assert response.status_code == 404 and "root:" not in response.text


def test_readers_see_the_next_commit(client, data_dir, tmp_path):
    before = client.get("/api/search", params={"q": "cá tra"}).json()["total"]
    late = {"url": "https://soctrang.gov.vn/tin/moi", "title": "Hợp tác xã nuôi cá tra", "published": "01/06/2025",
            "province": "Sóc Trăng", "body": "Hợp tác xã nuôi cá tra xuất khẩu lô hàng đầu tiên."}
    run_htx("index", write_jsonl(tmp_path / "late.jsonl", [late]), data_dir=data_dir)
    assert client.get("/api/search", params={"q": "cá tra"}).json()["total"] == before + 1


def test_no_index_is_one_line_not_a_traceback(tmp_path):
    client = TestClient(create_app(tmp_path / "empty"), raise_server_exceptions=False)
    page = client.get("/search", params={"q": "htx"})
    assert page.status_code == 503 and "Traceback" not in page.text and "htx" in page.text
    assert client.get("/api/search", params={"q": "htx"}).json()["error"]
    assert client.get("/crawls").status_code == 200


def test_vietnamese_numbers_dates_and_amounts():
    assert (vn_number(1241), vn_number(2.15), vn_number(1234567.5)) == ("1.241", "2,15", "1.234.567,5")
    assert (vn_date(datetime(2023, 5, 16)), vn_date(datetime(2023, 5, 16, 9, 15))) == ("16/05/2023", "16/05/2023 09:15")
    assert [vn_period(p) for p in ("2023-05", "2023-Q2", "2023")] == ["05/2023", "Q2/2023", "2023"]
    money = Fact(metric="revenue", value=2.1e9, upper=None, unit="đồng", qualifier="hơn", kind="achieved", scope="total",
                 label="", sentence="", province="Sóc Trăng", unit_2025="Cần Thơ", published=None, url="https://x.vn")
    assert vn_amount(money) == "hơn 2,1 tỷ đồng"


def test_keeps_answering_while_an_import_commits(client, data_dir, tmp_path):
    batch = [{"url": f"https://cantho.gov.vn/tin/lo-{n}", "title": f"Hợp tác xã lô {n}", "published": "02/06/2025",
              "province": "Cần Thơ", "body": f"Hợp tác xã lúa gạo số {n} ký hợp đồng bao tiêu với doanh nghiệp {n * 7}."}
             for n in range(400)]
    command = [HTX, "--index", str(data_dir), "index", str(write_jsonl(tmp_path / "batch.jsonl", batch))]
    writer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    statuses = []
    while writer.poll() is None:
        statuses.append(client.get("/api/search", params={"q": "hợp tác xã lô"}).status_code)
    assert writer.returncode == 0, writer.stderr.read()
    assert statuses and set(statuses) == {200}
    assert client.get("/api/search", params={"q": "hợp tác xã lô"}).json()["total"] >= 400


SERVE = [HTX, "serve"]


def test_serve_listens_on_loopback_by_default_and_says_where(data_dir):
    server = subprocess.Popen([*SERVE, "--port", "0", "--data-dir", str(data_dir)], stderr=subprocess.PIPE, text=True)
    try:
        line = server.stderr.readline()
        address = re.search(r"http://(\S+)/search", line).group(1)
        assert address.startswith("127.0.0.1:")
        with urllib.request.urlopen(f"http://{address}/api/search?q=htx", timeout=60) as response:
            assert json.loads(response.read())["total"] > 0
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_on_a_port_in_use_is_one_line(data_dir):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = subprocess.run([*SERVE, "--port", str(taken.getsockname()[1]), "--data-dir", str(data_dir)],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "cannot listen on 127.0.0.1:" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
