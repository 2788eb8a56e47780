"""htx compare --metric: the province totals reported per period, on a small real index built with htx index."""

import csv
import io
import json

import pytest
from conftest import run_htx

from indexer.archive import FilterError, NewsArchive

# (province, published, text): the figures each article states, as reports word them
ARTICLES = [
    ("Sóc Trăng", "2023-02-10T08:00:00", "Toàn tỉnh hiện có 280 hợp tác xã đang hoạt động."),
    ("Sóc Trăng", "2023-03-20T09:30:00", "Toàn tỉnh hiện có 285 hợp tác xã, trong đó 190 HTX nông nghiệp. "
                                         "Phấn đấu đến năm 2025, nâng tổng số lên 320 HTX."),
    ("Sóc Trăng", "2023-08-05T10:00:00", "Hợp tác xã Tân Tiến có 19 thành viên. Huyện Mỹ Xuyên có 40 HTX nông nghiệp."),
    ("Sóc Trăng", "2024-01-15T07:00:00", "Trên địa bàn tỉnh có 290 hợp tác xã, thu hút 12.500 thành viên."),
    ("Hậu Giang", "2023-03-01T08:00:00", "Toàn tỉnh có 150 hợp tác xã. Bình quân mỗi HTX có 45 thành viên."),
    ("Cần Thơ", "2023-02-15T08:00:00", "Toàn thành phố có 200 hợp tác xã đang hoạt động."),
    ("Cần Thơ", "2024-03-01T08:00:00", "Toàn thành phố có 210 hợp tác xã đang hoạt động."),
    ("Long An", None, "Toàn tỉnh có 170 hợp tác xã."),
    ("Đồng Tháp", "2023-05-02T08:00:00", "Doanh thu bình quân đạt 2,14 tỷ đồng/HTX/năm; HTX Tân Bình có 120 thành viên."),
]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("metric-history")
    lines = [json.dumps({"url": f"https://example.vn/tin-{n}.html", "province": province, "published": published,
                         "title": f"Kinh tế tập thể: hợp tác xã phát triển ({n})", "body": text}, ensure_ascii=False)
             for n, (province, published, text) in enumerate(ARTICLES)]
    (data_dir / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_htx("index", data_dir / "articles.jsonl", data_dir=data_dir)
    return data_dir


def history(index_dir, *args):
    return json.loads(run_htx("compare", *args, "--json", data_dir=index_dir).stdout)


def values(result, row):
    return {period: cell and cell["value"] for period, cell in result["provinces"][row].items()}


def test_newest_total_per_quarter_and_empty_periods(index_dir):
    result = history(index_dir, "--metric", "cooperatives", "--period", "quarter")
    assert result["periods"] == ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1"]
    # 285 (20/03) over 280 (10/02); the 190 of a sector, the target 320 and the 40 of one district never count
    assert values(result, "Sóc Trăng") == {"2023-Q1": 285, "2023-Q2": None, "2023-Q3": None, "2023-Q4": None, "2024-Q1": 290}
    assert values(result, "Hậu Giang") == {"2023-Q1": 150, "2023-Q2": None, "2023-Q3": None, "2023-Q4": None, "2024-Q1": None}
    assert "Đồng Tháp" not in result["provinces"], "no cooperatives figure at all"


def test_json_shape(index_dir):
    result = history(index_dir, "--metric", "cooperatives", "--period", "year", "-p", "Sóc Trăng")
    assert {k: result[k] for k in ("metric", "period", "merged", "periods", "undated")} == {
        "metric": "cooperatives", "period": "year", "merged": False, "periods": ["2023", "2024"], "undated": []}
    cell = result["provinces"]["Sóc Trăng"]["2023"]
    assert cell == {"value": 285.0, "upper": None, "qualifier": "", "unit": "", "published": "2023-03-20T09:30:00",
                    "partial": False, "missing": [], "sources": [{
                        "province": "Sóc Trăng", "value": 285.0, "upper": None, "qualifier": "",
                        "published": "2023-03-20T09:30:00", "url": "https://example.vn/tin-1.html",
                        "sentence": "Toàn tỉnh hiện có 285 hợp tác xã, trong đó 190 HTX nông nghiệp."}]}


def test_months_and_date_filters(index_dir):
    result = history(index_dir, "--metric", "cooperatives", "-p", "soc trang", "--since", "tháng 2/2023", "--until", "tháng 4/2023")
    assert values(result, "Sóc Trăng") == {"2023-02": 280, "2023-03": 285, "2023-04": None}
    assert list(result["provinces"]) == ["Sóc Trăng"]


def test_averages_and_one_cooperatives_figures_are_never_totals(index_dir):
    members = history(index_dir, "--metric", "members", "--period", "year")
    assert members["periods"] == ["2024"], "periods start at the first total"
    assert values(members, "Sóc Trăng") == {"2024": 12500}
    assert values(members, "Hậu Giang") == {"2024": None}, "45 per cooperative is an average"
    assert values(members, "Đồng Tháp") == {"2024": None}, "120 members of one cooperative"
    revenue = history(index_dir, "--metric", "revenue", "--period", "year")
    assert revenue["periods"] == [] and values(revenue, "Đồng Tháp") == {}


def test_merged_unit_sums_only_periods_where_every_former_province_reported(index_dir):
    result = history(index_dir, "--metric", "cooperatives", "--period", "quarter", "--merged", "-p", "Cần Thơ")
    assert list(result["provinces"]) == ["Cần Thơ"]
    cells = result["provinces"]["Cần Thơ"]
    assert cells["2023-Q1"]["value"] == 200 + 285 + 150 and not cells["2023-Q1"]["partial"]
    assert {s["province"] for s in cells["2023-Q1"]["sources"]} == {"Cần Thơ", "Sóc Trăng", "Hậu Giang"}
    partial = cells["2024-Q1"]
    assert partial["value"] is None and partial["partial"] and partial["missing"] == ["Hậu Giang"]
    assert sorted(s["value"] for s in partial["sources"]) == [210, 290]
    assert cells["2023-Q2"] is None
    shown = run_htx("compare", "--metric", "cooperatives", "--period", "quarter", "--merged", "-p", "Cần Thơ", data_dir=index_dir).stdout
    assert "635" in shown and "partial" in shown and "partial: Cần Thơ 2024-Q1: no total from Hậu Giang" in shown


def test_text_csv_and_jsonl(index_dir):
    shown = run_htx("compare", "--metric", "cooperatives", "--period", "year", data_dir=index_dir).stdout.splitlines()
    assert shown[0].split() == ["province", "2023", "2024"]
    assert shown[1].split() == ["Cần", "Thơ", "200", "210"] and shown[4].split() == ["Sóc", "Trăng", "285", "290"]
    assert shown[2].split() == ["Hậu", "Giang", "150", "—"] and shown[3].split() == ["Long", "An", "—", "—"]
    assert shown[-1] == "(undated articles' totals not shown: Long An)"
    rows = list(csv.DictReader(io.StringIO(run_htx("compare", "-m", "cooperatives", "--period", "year", "--csv", data_dir=index_dir).stdout)))
    hau_giang = [r for r in rows if r["province"] == "Hậu Giang"]
    assert [(r["period"], r["value"], r["urls"]) for r in hau_giang] == [("2023", "150.0", "https://example.vn/tin-4.html"), ("2024", "", "")]
    lines = run_htx("compare", "-m", "cooperatives", "--period", "year", "--jsonl", data_dir=index_dir).stdout.splitlines()
    assert len(lines) == 4 * 2 and json.loads(lines[0])["province"] == "Cần Thơ"


def test_a_query_narrows_the_articles(index_dir):
    result = history(index_dir, "thành phố", "--metric", "cooperatives", "--period", "year")
    assert {row: values(result, row) for row in result["provinces"]} == {"Cần Thơ": {"2023": 200, "2024": 210}}


def test_undated_totals_are_named_not_placed(index_dir):
    result = history(index_dir, "--metric", "cooperatives", "--period", "year", "-p", "Long An")
    assert result["undated"] == ["Long An"] and result["periods"] == [] and result["provinces"] == {"Long An": {}}


def test_library_refuses_an_unknown_measure(index_dir):
    with pytest.raises(FilterError, match="unknown measure 'cooperative'; one of: area_ha, capital"):
        NewsArchive(index_dir).metric_history("cooperative")


def test_line_chart(index_dir, tmp_path):
    from PIL import Image

    chart = tmp_path / "totals.png"
    result = run_htx("compare", "--metric", "cooperatives", "--period", "quarter", "--chart", chart, data_dir=index_dir)
    assert f"chart written to {chart}" in result.stderr
    with Image.open(chart) as image:
        assert image.format == "PNG" and len(image.convert("RGB").getcolors(1 << 16) or ()) > 10


@pytest.mark.parametrize("args", [("--metric", "cooperative"), ("--period", "year")])
def test_usage_errors_are_one_line_exit_2(index_dir, args):
    result = run_htx("compare", *args, data_dir=index_dir, check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert ("cooperative" in result.stderr) if args[0] == "--metric" else ("QUERY" in result.stderr)
