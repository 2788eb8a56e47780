"""indexer.query.matching's set algebra over posting blocks must find exactly what Whoosh's own matchers find,
on a real index with several segments and deleted (updated) documents."""

import dataclasses
from collections import Counter

import numpy as np
import pytest
from test_search_quality import corpus
from whoosh import query as Q

from indexer.engine import columns as column_reads
from indexer.engine.columns import column_values, count_by_term
from indexer.engine.index import open_index, write_articles
from indexer.query import matching
from indexer.query.matching import best, matching_docs, scores
from indexer.query.ranking import SaturatedTfIdf
from indexer.query.search import filter_queries, parse_query
from indexer.vietnamese.dates import parse_date_span
from indexer.vietnamese.provinces import resolve

QUERIES = ["hợp tác xã", "hop tac xa", "HTX NOT OCOP", '"tổ hợp tác" OR QTDND', '"nông nghiệp công nghệ cao"',
           "title:OCOP", "xoài (Đồng Tháp OR Cao Lãnh)", "quỹ tín dụng nhân dân", '"Liên minh Hợp tác xã tỉnh"',
           '"lien minh hop tac xa tinh" OCOP', '"tỉnh Sóc Trăng"', '"xa tinh"', '"Sóc Trăng tỉnh"',
           '"thành viên hợp tác xã"', '"tín dụng nhân dân"', '"san pham OCOP" OR "kinh tế tập thể"']  # words before a word


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("matching")
    articles = list(corpus().values())
    write_articles(data_dir, articles[:12])
    write_articles(data_dir, articles[12:])  # a second segment
    write_articles(data_dir, [dataclasses.replace(a, body=a.body + "\n\nCập nhật.") for a in articles[::3]])
    # the updates leave deleted documents in the older segments; one copy has no date
    undated = next(a for a in articles if "hợp tác xã" in a.body)
    write_articles(data_dir, [dataclasses.replace(undated, url=undated.url + "?undated", published=None)])
    # a segment whose articles have no province: it has no province column
    write_articles(data_dir, [dataclasses.replace(a, url=a.url + "?nowhere", province="") for a in articles[:2]])
    return open_index(data_dir)


FILTERS = {  # (provinces, since, until)
    "none": ((), None, None),
    "province and year": (resolve("soc trang"), *parse_date_span("2023")),
    "since": ((), parse_date_span("2024")[0], None),
    "until": ((), None, parse_date_span("2024")[1]),
}


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("lookups", [True, False])  # both ways of counting, checking dates and intersecting terms
def test_same_documents_as_whoosh(index, text, filters, lookups, monkeypatch):
    if lookups:
        monkeypatch.setattr(matching, "PROBE_SHARE", 0)  # every term AND-ed to candidates is probed
    else:
        monkeypatch.setattr(column_reads, "COLUMN_LOOKUPS", -1)
        monkeypatch.setattr(matching, "DATE_LOOKUPS", -1)
        monkeypatch.setattr(matching, "PROBE_SHARE", float("inf"))
    filters = filter_queries(*FILTERS[filters])
    query = Q.And([parse_query(index, text), *filters])
    with index.searcher() as searcher:
        assert searcher.doc_count_all() > searcher.doc_count()  # deletions are present
        expected = set(searcher.docs_for_query(query))
        found = matching_docs(searcher, query)
        assert found.tolist() == sorted(expected)
        columns = searcher.reader().column_reader("province")
        by_doc = {key: sum(1 for d in expected if columns[d] == key) for key in {columns[d] for d in expected}}
        assert dict(count_by_term(searcher, found, "province")) == by_doc


@pytest.mark.parametrize("text", QUERIES)
def test_scores_one_by_one_equal_whoosh_search(index, text, monkeypatch):
    query = parse_query(index, text)
    with index.searcher(weighting=SaturatedTfIdf()) as searcher:
        docs = matching_docs(searcher, query)
        expected = {hit.docnum: hit.score for hit in searcher.search(query, limit=None, filter=set(docs.tolist()))}
        assert scores(searcher, query, docs) == pytest.approx(expected)
        monkeypatch.setattr(matching, "SCORE_ONE_BY_ONE", 0)  # scored from the postings' weights
        by_weights = best(searcher, query, docs, len(docs), {})
        assert by_weights is not None or " OR " in text  # a phrase under an OR is left to Whoosh
        if by_weights is not None:  # same scores, ties broken as Whoosh breaks them: the earlier document first
            assert dict(by_weights) == pytest.approx(expected)
            assert [doc for doc, _ in by_weights] == [hit.docnum for hit in searcher.search(query, limit=None, filter=set(docs.tolist()))]


@pytest.mark.parametrize("fieldname", ["province", "published", "story"])
def test_whole_columns_read_in_one_piece_equal_value_by_value(index, fieldname, monkeypatch):
    monkeypatch.setattr(column_reads, "COLUMN_LOOKUPS", -1)
    with index.searcher() as searcher:
        assert len(list(searcher.leaf_searchers())) > 1
        column = searcher.reader().column_reader(fieldname, translate=False)
        every = list(range(searcher.doc_count_all()))
        assert column_values(searcher, fieldname, every) == [column[doc] for doc in every]
        if fieldname == "province":  # counted from each segment's references, segments without the column too
            counts = count_by_term(searcher, np.array(every), fieldname)
            assert counts == +Counter(column[doc].decode() for doc in every) and counts[""] >= 2


@pytest.mark.parametrize("span", [2000, 2**40])  # document numbers (a table of them) or phrase keys (searched)
@pytest.mark.parametrize("sizes", [(0, 5), (5, 0), (3, 1000), (1000, 3), (500, 600)])
def test_set_algebra_on_sorted_arrays(sizes, span):
    """Unions, intersections and differences of document sets (or phrase keys), whichever array is the longer."""
    rng = np.random.default_rng(3)
    a, b = (np.unique(rng.integers(0, span, size)).astype(np.int64) for size in sizes)
    assert matching._both(a, b).tolist() == sorted(set(a.tolist()) & set(b.tolist()))
    assert matching._without(a, b).tolist() == sorted(set(a.tolist()) - set(b.tolist()))
    assert matching._union([a, b, a[:2]]).tolist() == sorted(set(a.tolist()) | set(b.tolist()))
