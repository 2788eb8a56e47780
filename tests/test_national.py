"""The national scope "Toàn quốc" (national alliance, national newspapers): indexed, searched, compared and
counted as itself, never as a province; a national article about one province is found by that province too."""

import json

import pytest
from conftest import run_htx

from indexer.vietnamese.provinces import UnknownProvince, all_provinces, provinces_named, resolve

ARTICLES = [
    {"url": "https://vca.org.vn/soc-trang-dai-hoi-a1.html", "province": "Toàn quốc", "portal": "vca",
     "title": "Sóc Trăng: Đại hội Liên minh Hợp tác xã tỉnh nhiệm kỳ 2025 - 2030", "published": "2025-03-10T08:00:00",
     "lead": "Liên minh HTX tỉnh tổng kết nhiệm kỳ.", "body": "Toàn tỉnh có 268 hợp tác xã đang hoạt động."},
    {"url": "https://vca.org.vn/hoi-nghi-toan-quoc-a2.html", "province": "Toàn quốc", "portal": "vca",
     "title": "Hội nghị toàn quốc tổng kết kinh tế tập thể", "published": "2025-01-15T08:00:00",
     "lead": "Vì hòa bình và phát triển, kinh tế tập thể lớn mạnh.",
     "body": "Cả nước có 31.946 hợp tác xã, trong đó 21.500 hợp tác xã nông nghiệp."},
    {"url": "https://www.soctrang.gov.vn/portal/Pages/htx-a3.aspx", "province": "Sóc Trăng", "portal": "soctrang",
     "title": "Hợp tác xã Mỹ Xuyên tổng kết vụ lúa", "published": "2025-02-01T08:00:00",
     "body": "Hợp tác xã nông nghiệp Mỹ Xuyên có 120 thành viên. Toàn tỉnh có 260 hợp tác xã."},
]


@pytest.fixture(scope="module")
def national_dir(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("national")
    path = data_dir / "articles.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    assert "indexed 3 new" in run_htx("index", path, data_dir=data_dir).stdout
    return data_dir


def urls(data_dir, *args):
    return {hit["url"] for hit in json.loads(run_htx("search", "hợp tác xã", *args, "--json", data_dir=data_dir).stdout)["hits"]}


def test_national_scope_resolves_and_is_no_province():
    for name in ("Toàn quốc", "toan quoc", "TOÀN QUỐC", "cả nước"):
        [scope] = resolve(name)
        assert scope.national and scope.name == "Toàn quốc"
    assert resolve("Toàn quốc", merged=True) == resolve("Toàn quốc")
    assert len(all_provinces()) == 63 and not any(p.national for p in all_provinces())
    assert all(not p.national for p in resolve("Cần Thơ", merged=True))
    with pytest.raises(UnknownProvince, match="Toàn quốc"):
        resolve("toan quo")


def test_provinces_named_by_their_capitalised_names():
    named = provinces_named("SÓC TRĂNG: Liên minh HTX làm việc với TP.HCM và tỉnh Khánh Hoà vì hòa bình")
    assert sorted(p.name for p in named) == ["Hồ Chí Minh", "Khánh Hòa", "Sóc Trăng"]
    assert provinces_named("Vì hòa bình, thái bình và phú thọ") == []


def test_search_by_national_scope(national_dir):
    national = {ARTICLES[0]["url"], ARTICLES[1]["url"]}
    assert urls(national_dir, "--province", "Toàn quốc") == national
    assert urls(national_dir, "--province", "toan quoc", "--merged") == national


def test_national_article_about_a_province_is_found_by_that_province(national_dir):
    expected = {ARTICLES[0]["url"], ARTICLES[2]["url"]}
    assert urls(national_dir, "--province", "Sóc Trăng") == expected
    assert urls(national_dir, "--province", "Cần Thơ", "--merged") == expected
    assert urls(national_dir, "--province", "Hòa Bình") == set(), "'hòa bình' (peace) in a lead names no province"


@pytest.mark.parametrize("merged", [[], ["--merged"]])
def test_compare_gives_the_national_scope_its_own_row(national_dir, merged):
    result = json.loads(run_htx("compare", "hợp tác xã", "--period", "year", *merged, "--json", data_dir=national_dir).stdout)
    rows = result["provinces"]
    assert rows["Toàn quốc"] == {"2025": 2}
    assert rows["Cần Thơ" if merged else "Sóc Trăng"] == {"2025": 1}


def test_facts_give_the_national_scope_its_own_row(national_dir):
    found = json.loads(run_htx("facts", "--metric", "cooperatives", "--json", data_dir=national_dir).stdout)
    by_province = {(f["province"], f["value"]) for f in found}
    assert ("Toàn quốc", 31946) in by_province and ("Sóc Trăng", 260) in by_province
    only_soc_trang = json.loads(run_htx("facts", "--metric", "cooperatives", "--province", "Sóc Trăng", "--json",
                                        data_dir=national_dir).stdout)
    assert {f["province"] for f in only_soc_trang} == {"Sóc Trăng"}, "a national article's figures stay national"


def test_stats_lists_the_national_scope(national_dir):
    assert "Toàn quốc" in run_htx("stats", data_dir=national_dir).stdout


def test_an_index_without_the_mentions_field_asks_for_reindex(tmp_path):
    """Indexes written before national sources lack the "mentions" field: one line says to reindex, which
    rebuilds them from the stored items."""
    import shutil

    from indexer.engine.index import index_storage
    from indexer.engine.schema import build_schema

    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    run_htx("index", path, data_dir=tmp_path)
    shutil.rmtree(tmp_path / "index")
    schema = build_schema()
    schema.remove("mentions")
    index_storage(tmp_path / "index").create().create_index(schema)
    old = run_htx("search", "hợp tác xã", data_dir=tmp_path, check=False)
    assert old.returncode == 1 and old.stderr.strip().splitlines() == [
        f"htx: error: the index in {tmp_path} was built by an older htx: run 'htx reindex' to rebuild it from the stored items"]
    run_htx("reindex", data_dir=tmp_path)
    assert urls(tmp_path, "--province", "Sóc Trăng") == {ARTICLES[0]["url"], ARTICLES[2]["url"]}
