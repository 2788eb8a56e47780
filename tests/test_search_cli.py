"""htx search, show, stats, extract, index and reindex, run as a user runs them."""

import json

import pytest
from conftest import FIXTURES, run_htx

SEED_SOCTRANG = "Lãnh đạo Ủy ban nhân dân tỉnh Sóc Trăng làm việc với Liên minh Hợp tác xã tỉnh"
SEED_DONGTHAP = "Liên minh Hợp tác xã tỉnh triển khai kế hoạch công tác năm 2023"


def titles(result):
    return [hit["title"] for hit in json.loads(result.stdout)["hits"]]


@pytest.mark.parametrize(
    "args,seed",
    [
        (["hợp tác xã", "--province", "Sóc Trăng", "--since", "15/05/2023", "--until", "31/05/2023"], SEED_SOCTRANG),
        (["Liên minh Hợp tác xã", "--province", "soc trang", "--since", "tháng 5/2023", "--until", "tháng 5/2023"], SEED_SOCTRANG),
        (["kế hoạch công tác", "--province", "Đồng Tháp", "--since", "2023-03-01", "--until", "quý 1/2023"], SEED_DONGTHAP),
        (["lien minh hop tac xa", "--province", "DONG THAP", "--since", "2023", "--until", "2023"], SEED_DONGTHAP),
    ],
)
def test_seed_articles_found_with_filters(data_dir, args, seed):
    found = titles(run_htx("search", *args, "--json", data_dir=data_dir))
    assert any(t.startswith(seed) for t in found), found


def test_date_filters_exclude(data_dir):
    found = titles(run_htx("search", "hợp tác xã", "--province", "Sóc Trăng", "--since", "01/06/2023", "--until", "31/12/2023", "--json", "-n", "50", data_dir=data_dir))
    assert not any(t.startswith(SEED_SOCTRANG) for t in found)


def test_province_filter_excludes_other_province(data_dir):
    result = json.loads(run_htx("search", "hợp tác xã", "--province", "Đồng Tháp", "--json", "-n", "100", data_dir=data_dir).stdout)
    assert result["hits"] and {h["province"] for h in result["hits"]} == {"Đồng Tháp"}


def test_merged_province_includes_former_units(data_dir):
    result = json.loads(run_htx("search", "hợp tác xã", "--province", "Cần Thơ", "--merged", "--json", data_dir=data_dir).stdout)
    assert set(result["by_province"]) == {"Sóc Trăng"}


def test_text_output_marks_matches_and_counts_provinces(data_dir):
    out = run_htx("search", "hop tac xa", data_dir=data_dir).stdout
    assert "**" in out and "By province:" in out and "Sóc Trăng" in out and "Đồng Tháp" in out


@pytest.mark.parametrize(
    "args,message",
    [
        (["hợp tác xã", "--province", "Soc Tran"], "did you mean: Sóc Trăng"),
        (["hợp tác xã", "--since", "31/02/2023"], "--since"),
        (["hợp tác xã", "--until", "next blue moon"], "--until"),
        (['"hợp tác xã'], "quote"),
        (["(hợp tác xã"], "parentheses"),
        (["hợp tác AND"], "operator"),
        (["foo:bar"], "unknown field"),
        (["hợp tác", "--sort", "random"], "random"),
    ],
)
def test_bad_input_one_line_exit_2(data_dir, args, message):
    result = run_htx("search", *args, data_dir=data_dir, check=False)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_missing_index_says_how_to_create_one(tmp_path):
    result = run_htx("search", "hợp tác xã", data_dir=tmp_path / "none", check=False)
    assert result.returncode == 1 and "htx demo" in result.stderr and "htx crawl" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_show_and_stats(data_dir):
    url = json.loads(run_htx("search", "hợp tác xã", "--province", "Sóc Trăng", "--since", "15/05/2023", "--until", "31/05/2023", "--json", data_dir=data_dir).stdout)["hits"][0]["url"]
    shown = run_htx("show", url, data_dir=data_dir).stdout
    assert SEED_SOCTRANG in shown and "1.241 Tổ hợp tác" in shown
    stats = json.loads(run_htx("stats", "--json", data_dir=data_dir).stdout)
    assert {row["province"] for row in stats["provinces"]} == {"Sóc Trăng", "Đồng Tháp"}


def test_extract_directory_then_index_jsonl(tmp_path):
    out = run_htx("extract", FIXTURES / "sites" / "soctrang", "--portal", "soctrang", "--jsonl").stdout
    records = [json.loads(line) for line in out.splitlines()]
    articles = [r for r in records if not r["problem"] and r.get("title")]
    assert any(r["title"].startswith(SEED_SOCTRANG) for r in articles)
    relevant = [r for r in articles if r["about_cooperatives"]]
    jsonl = tmp_path / "articles.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in relevant] + ["{broken"]
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_htx("index", jsonl, data_dir=tmp_path / "data", check=False)
    assert result.returncode == 1, result.stderr
    assert f"{jsonl}:{len(lines)}:" in result.stderr and f"indexed {len(relevant)} new" in result.stdout
    found = titles(run_htx("search", "Liên minh Hợp tác xã", "--json", data_dir=tmp_path / "data"))
    assert any(t.startswith(SEED_SOCTRANG) for t in found)


def test_reindex_rebuilds_from_stored_items(tmp_path, data_dir):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(data_dir, copy)
    before = json.loads(run_htx("stats", "--json", data_dir=copy).stdout)["total"]
    shutil.rmtree(copy / "index")
    run_htx("reindex", data_dir=copy)
    assert json.loads(run_htx("stats", "--json", data_dir=copy).stdout)["total"] == before


def _index_with_a_removed_analyzer(storage, monkeypatch):
    """The schema pickles a tokenizer class of htx's first analyzer, since removed."""
    from whoosh.analysis import RegexTokenizer
    from whoosh.fields import ID, TEXT, Schema

    import indexer.engine.analysis

    class ClauseTokenizer(RegexTokenizer):
        pass

    ClauseTokenizer.__module__, ClauseTokenizer.__qualname__ = "indexer.engine.analysis", "ClauseTokenizer"
    monkeypatch.setattr(indexer.engine.analysis, "ClauseTokenizer", ClauseTokenizer, raising=False)
    storage.create_index(Schema(url=ID(stored=True), text=TEXT(analyzer=ClauseTokenizer())))


def _index_with_whooshs_postings(storage, monkeypatch):
    """Today's schema, but a segment written with Whoosh's own codec (as htx wrote them before indexer.engine.codec)."""
    from indexer.engine.schema import build_schema

    with storage.create_index(build_schema()).writer() as writer:
        writer.add_document(url="https://example.vn/a", text="Hợp tác xã")


def _index_with_htxs_first_block_layout(storage, monkeypatch):
    """Today's schema, but a segment whose codec was pickled before its block layout had a number (positions
    zlib-compressed as gaps then)."""
    from indexer.engine.codec import PostingsCodec
    from indexer.engine.schema import build_schema

    codec = PostingsCodec()
    del codec.layout
    with storage.create_index(build_schema()).writer(codec=codec) as writer:
        writer.add_document(url="https://example.vn/a", text="Hợp tác xã")


@pytest.mark.parametrize("make_old_index", [_index_with_a_removed_analyzer, _index_with_whooshs_postings,
                                            _index_with_htxs_first_block_layout])
def test_index_of_an_older_htx_asks_for_reindex(tmp_path, data_dir, monkeypatch, make_old_index):
    """An index an older htx wrote (an analyzer class that no longer exists, postings as Whoosh lays them out,
    or htx's own older block layout) gets one line saying to reindex, for searching and crawling alike; reindex
    brings it back."""
    import shutil

    from indexer.engine.index import index_storage

    copy = tmp_path / "copy"
    shutil.copytree(data_dir, copy)
    before = json.loads(run_htx("stats", "--json", data_dir=copy).stdout)["total"]
    shutil.rmtree(copy / "index")
    make_old_index(index_storage(copy / "index").create(), monkeypatch)
    for command in (["search", "hợp tác xã"], ["stats"], ["crawl", "soctrang", "--base-url", "soctrang=http://127.0.0.1:9"]):
        old = run_htx(*command, data_dir=copy, check=False)
        assert old.returncode == 1 and "Traceback" not in old.stderr, old.stderr
        assert old.stderr.strip().splitlines() == [
            f"htx: error: the index in {copy} was built by an older htx: run 'htx reindex' to rebuild it from the stored items"]
    run_htx("reindex", data_dir=copy)
    assert json.loads(run_htx("stats", "--json", data_dir=copy).stdout)["total"] == before


def test_a_truncated_copy_never_replaces_a_stored_article(tmp_path):
    article = {"url": "https://www.soctrang.gov.vn/portal/Pages/x.aspx", "title": "Hợp tác xã Mỹ Hương", "province": "Sóc Trăng",
               "published": "2023-12-27T16:45:00", "body": "Hợp tác xã Nông nghiệp Mỹ Hương có 168 thành viên. " * 20}
    full, cut = tmp_path / "full.jsonl", tmp_path / "cut.jsonl"
    full.write_text(json.dumps(article, ensure_ascii=False), encoding="utf-8")
    cut.write_text(json.dumps({**article, "body": article["body"][:200]}, ensure_ascii=False), encoding="utf-8")
    run_htx("index", full, data_dir=tmp_path / "data")
    assert "kept 1 stored articles" in run_htx("index", cut, data_dir=tmp_path / "data").stdout
    shown = json.loads(run_htx("show", article["url"], "--json", data_dir=tmp_path / "data").stdout)
    assert shown["body"] == article["body"].strip()


def test_a_phrase_ending_in_a_vocabulary_word_finds_its_abbreviation(tmp_path):
    """A quoted phrase that ends with a multi-syllable word matches that word however the text writes it:
    "thành viên hợp tác xã" finds "thành viên HTX", "Sở Nông nghiệp và Phát triển nông thôn" finds "Sở NN&PTNT";
    the words before it must still stand right before it, the multi-syllable ones ("thành viên", "tín dụng")
    written in full; Whoosh (sorting by date) finds the same."""
    bodies = {
        "a": "Năm nay có thêm 35 thành viên HTX tham gia sản xuất lúa hữu cơ.",
        "b": "Sở NN&PTNT tỉnh Sóc Trăng phối hợp tổ chức tập huấn cho hợp tác xã.",
        "c": "Hợp tác xã có thành viên mới; viên chức hợp tác xã đến dự, Sở Tài chính và NN&PTNT cùng báo cáo.",
        "d": "Quỹ tín dụng nhân dân Phú Lộc cho vay 12 tỷ đồng; ghi nhận sự tín nhiệm, dụng cụ, nhân dân cùng góp vốn.",
    }
    jsonl = tmp_path / "articles.jsonl"
    jsonl.write_text("".join(json.dumps({"url": f"https://www.soctrang.gov.vn/portal/Pages/{key}.aspx", "title": f"Tin {key}",
                                         "province": "Sóc Trăng", "published": "2024-05-02T08:00:00", "body": body},
                                        ensure_ascii=False) + "\n" for key, body in bodies.items()), encoding="utf-8")
    run_htx("index", jsonl, data_dir=tmp_path)
    for query, expected in [('"thành viên hợp tác xã"', ["Tin a"]), ('"thanh vien hop tac xa"', ["Tin a"]),
                            ('"Sở Nông nghiệp và Phát triển nông thôn"', ["Tin b"]), ('"tín dụng nhân dân"', ["Tin d"]),
                            ('"tin dung nhan dan Phu Loc"', ["Tin d"]), ('"viên hợp tác xã"', ["Tin a"])]:
        assert titles(run_htx("search", query, "--json", data_dir=tmp_path)) == expected, query
        assert titles(run_htx("search", query, "--json", "--sort", "newest", data_dir=tmp_path)) == expected, query
