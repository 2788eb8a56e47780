"""htx compare over the crawled fixture portals, with a story republished on a second portal."""

import json
import shutil

import pytest
from conftest import FIXTURES, load_truth, run_htx

SEED_PATH = "/portal/Pages/2023-5-15/Lanh-dao-Uy-ban-nhan-dan-tinh-Soc-Trang-lam-viec-voi-Lien-minhx8jf1m.aspx"


@pytest.fixture(scope="module")
def with_repost(data_dir, tmp_path_factory):
    """The demo index plus the Sóc Trăng seed reposted by the national alliance (filed under "Toàn quốc")."""
    copy = tmp_path_factory.mktemp("compare") / "data"
    shutil.copytree(data_dir, copy)
    seed = next(a for a in load_truth()["soctrang"]["articles"] if a["path"] == SEED_PATH)
    repost = {
        "url": "https://vca.org.vn/soc-trang-lanh-dao-ubnd-tinh-lam-viec-voi-lien-minh-htx-tinh-a12345.html",
        "title": "Sóc Trăng: " + seed["title"],
        "published": "2023-05-18T10:00:00",
        "lead": "",
        "body": "\n\n".join(seed["body"][:-1] + ["Theo soctrang.gov.vn"]),
        "province": "Toàn quốc",
        "portal": "vca",
    }
    undated = {**repost, "url": "https://www.soctrang.gov.vn/portal/Pages/tin-khong-ngay.aspx", "published": None,
               "title": "HTX Mỹ Xuyên tổng kết vụ lúa", "province": "Sóc Trăng", "portal": "soctrang",
               "body": "Hợp tác xã nông nghiệp Mỹ Xuyên tổng kết vụ lúa đông xuân; trang không ghi ngày đăng."}
    path = copy / "repost.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in (repost, undated)), encoding="utf-8")
    run_htx("index", path, data_dir=copy)
    return copy


def coverage(data_dir, *args):
    return json.loads(run_htx("compare", *args, "--json", data_dir=data_dir).stdout)


def test_counts_per_province_and_year(data_dir):
    query = '"hợp tác xã" OR "tổ hợp tác" OR "quỹ tín dụng nhân dân" OR "kinh tế tập thể" OR HTX'
    result = coverage(data_dir, query, "--period", "year", "--since", "2022", "--until", "2025")
    assert result["periods"] == ["2022", "2023", "2024", "2025"]
    profiles = {"soctrang": "Sóc Trăng", "dongthap": "Đồng Tháp"}
    for portal, truth in load_truth().items():
        expected = {year: 0 for year in result["periods"]}
        for article in truth["articles"]:
            if article["about_cooperatives"] and article["published"][:4] in expected:
                expected[article["published"][:4]] += 1
        assert result["provinces"][profiles[portal]] == expected


def test_republished_story_counts_once(with_repost):
    result = coverage(with_repost, '"Liên minh Hợp tác xã tỉnh"', "--period", "month", "--since", "tháng 5/2023", "--until", "tháng 5/2023")
    assert result["provinces"]["Sóc Trăng"]["2023-05"] == 1
    assert result["provinces"]["Toàn quốc"]["2023-05"] == 0
    hits = json.loads(run_htx("search", '"Liên minh Hợp tác xã tỉnh"', "--since", "tháng 5/2023", "--until", "tháng 5/2023", "--json", data_dir=with_repost).stdout)
    assert hits["total"] == 2, "both URLs are kept"


def test_undated_articles_are_reported_not_counted(with_repost, data_dir):
    with_undated, without = coverage(with_repost, "Mỹ Xuyên", "--period", "year"), coverage(data_dir, "Mỹ Xuyên", "--period", "year")
    assert with_undated["undated"] == without["undated"] + 1
    assert with_undated["provinces"]["Sóc Trăng"] == without["provinces"]["Sóc Trăng"]
    table = run_htx("compare", "Mỹ Xuyên", "--period", "year", data_dir=with_repost).stdout
    assert f"({with_undated['undated']} matching articles have no publication date and are not counted)" in table


def test_chart_is_a_png_with_a_row_per_province(with_repost, tmp_path):
    from PIL import Image

    chart = tmp_path / "coverage.png"
    two = run_htx("compare", "hợp tác xã", "--period", "year", "--chart", chart, data_dir=with_repost)
    assert f"chart written to {chart}" in two.stderr
    with Image.open(chart) as image:
        assert image.format == "PNG"
        width, two_rows_high = image.size
        assert width > 600 and len(image.convert("RGB").getcolors(1 << 16) or ()) > 10  # cells, labels, colour bar
    many = tmp_path / "merged.png"
    run_htx("compare", "hợp tác xã", "--period", "year", "--chart", many, "--province", "Sóc Trăng", "--province", "Đồng Tháp",
            "--province", "Hà Nội", "--province", "Huế", data_dir=with_repost)
    with Image.open(many) as image:
        assert image.size[1] > two_rows_high  # one row per province
    bad = run_htx("compare", "hợp tác xã", "--chart", tmp_path / "missing" / "c.png", data_dir=with_repost, check=False)
    assert bad.returncode != 0 and len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr


def test_merged_units_and_zero_rows(with_repost):
    result = coverage(with_repost, "hợp tác xã", "--period", "quarter", "--merged", "--province", "Cần Thơ", "--province", "Huế", "--since", "quý 1/2023", "--until", "quý 4/2023")
    assert set(result["provinces"]) == {"Cần Thơ", "Huế"}
    assert sum(result["provinces"]["Huế"].values()) == 0 and sum(result["provinces"]["Cần Thơ"].values()) >= 1


def test_terminal_csv_and_errors(data_dir):
    text = run_htx("compare", "hợp tác xã", "--period", "year", data_dir=data_dir).stdout
    assert "Sóc Trăng" in text and "total" in text
    rows = run_htx("compare", "HTX", "--period", "year", "--csv", data_dir=data_dir).stdout.splitlines()
    assert rows[0] == "province,period,articles" and len(rows) > 2
    bad = run_htx("compare", "hợp tác xã", "--period", "week", data_dir=data_dir, check=False)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


def facts_of(data_dir, *args):
    return json.loads(run_htx("facts", *args, "--json", data_dir=data_dir).stdout)


def test_facts_of_the_seed_articles(data_dir):
    soctrang = facts_of(data_dir, "Liên minh", "--province", "Sóc Trăng", "--since", "tháng 5/2023", "--until", "tháng 5/2023")
    reported = {(f["metric"], f["value"]) for f in soctrang if f["kind"] == "achieved"}
    assert {("cooperative_groups", 1241), ("cooperatives", 215), ("unions", 1), ("new_cooperatives", 5)} <= reported
    assert all(f["sentence"] and f["url"].startswith("https://www.soctrang.gov.vn/") for f in soctrang)
    dongthap = facts_of(data_dir, "kế hoạch công tác", "--province", "Đồng Tháp", "--metric", "new_cooperatives", "--since", "2023-03-01", "--until", "2023-03-01")
    assert [(f["value"], f["qualifier"], f["kind"], f["scope"]) for f in dongthap] == [(10, "ít nhất", "target", "total")]


def test_latest_figure_per_province(data_dir):
    latest = facts_of(data_dir, "--metric", "members", "--latest")
    assert sorted(row["province"] for row in latest if row["value"] is not None) == ["Sóc Trăng", "Đồng Tháp"]
    totals = facts_of(data_dir, "--metric", "members", "--scope", "total")
    for row in latest:
        same = [f for f in totals if f["province"] == row["province"] and f["kind"] == "achieved"]
        assert row["published"] == max(f["published"] for f in same)
    bad = run_htx("facts", "--latest", data_dir=data_dir, check=False)
    assert bad.returncode == 2 and "--metric" in bad.stderr


def test_a_cut_repost_is_one_story_and_two_reports_of_one_event_stay_two(tmp_path):
    """The national alliance reposts the first half of a provincial report under a new lead (3-gram Jaccard
    under 0.6, all of it contained in the original); two provinces' reports of one congress share its words
    but are two stories."""
    [congress] = [pair for pair in json.loads((FIXTURES / "stories" / "same_event.json").read_text(encoding="utf-8"))["events"]
                  if pair[0]["url"].endswith("dai-hoi-lm-e4.html")]
    original = congress[1]
    paragraphs = original["body"].split("\n\n")
    repost = {**original, "url": "https://vca.org.vn/soc-trang-dai-hoi-lien-minh-a9.html", "province": "Toàn quốc",
              "published": "2024-10-05T08:00:00", "lead": "Liên minh HTX Việt Nam đưa tin từ Sóc Trăng.",
              "body": "\n\n".join(paragraphs[:1] + ["Theo soctrang.gov.vn"])}
    path = tmp_path / "congress.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in [*congress, repost]), encoding="utf-8")
    run_htx("index", path, data_dir=tmp_path)
    rows = coverage(tmp_path, '"Liên minh Hợp tác xã"', "--period", "year")["provinces"]
    assert rows == {"Cần Thơ": {"2024": 1}, "Sóc Trăng": {"2024": 1}, "Toàn quốc": {"2024": 0}}
