"""indexer.engine.codec must store exactly what Whoosh's own codec stores: the same postings (document numbers,
weights, positions) read back through Whoosh's matchers, block skipping and top-N search alike, for terms
of one posting and of many blocks, in several segments with deleted documents."""

import random

import numpy as np
import pytest
from whoosh import query as Q
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from indexer.engine.analysis import vietnamese_analyzer
from indexer.engine.codec import PostingsCodec, PostingsMatcher
from indexer.engine.index import index_writer
from indexer.engine.schema import vietnamese_text

WORDS = ("hợp tác xã", "thành viên", "doanh thu", "tỷ đồng", "nông sản", "liên kết", "Sóc Trăng", "OCOP",
         "quỹ tín dụng nhân dân", "kinh tế tập thể", "xoài", "lúa", "tôm", "HTX")


def _schema() -> Schema:
    return Schema(url=ID(stored=True, unique=True), tags=KEYWORD, plain=TEXT(phrase=True),
                  text=vietnamese_text(vietnamese_analyzer()), year=NUMERIC(stored=True))


def _documents() -> list[dict]:
    """700 articles of random words: common words in several blocks of 128, rare words in one."""
    rng, documents = random.Random(7), []
    for n in range(700):
        words = [rng.choice(WORDS[: 4 + n % len(WORDS)]) for _ in range(rng.randint(1, 40))]
        text = ". ".join(" ".join(words[i : i + 5]) for i in range(0, len(words), 5))
        documents.append({"url": f"https://example.vn/{n}", "tags": " ".join(sorted(set(w.split()[0] for w in words))),
                          "plain": text, "text": text, "year": 2015 + n % 12})
    return documents


def _build(writer_for) -> object:
    """The same documents in three segments, some updated (deleted from their first segment)."""
    ix, documents = RamStorage().create_index(_schema()), _documents()
    for batch in (documents[:300], documents[300:], documents[::7]):
        with writer_for(ix) as writer:
            for document in batch:
                writer.update_document(**document)
    return ix


@pytest.fixture(scope="module")
def indexes():
    return _build(index_writer), _build(lambda ix: ix.writer())


def _walk(matcher) -> list[tuple]:
    """Every posting as Whoosh's matcher interface gives it: (document, weight, encoded value)."""
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    return found


def _encoded(positions) -> bytes:
    """Positions as the format encodes them (what Whoosh's matchers give as a posting's value)."""
    return np.asarray(positions, "<u4").tobytes()


def _unfiltered(reader, text):
    """A term's matcher without the wrapper that hides deleted documents."""
    matcher = reader.postings("text", text)
    return getattr(matcher, "child", matcher)


def test_segments_are_written_with_htx_codec(indexes):
    ours, whooshs = indexes
    assert all(isinstance(segment.codec(), PostingsCodec) for segment in ours._segments())
    assert not any(isinstance(segment.codec(), PostingsCodec) for segment in whooshs._segments())


def test_every_posting_reads_back_as_whoosh_stored_it(indexes):
    ours, whooshs = indexes
    with ours.reader() as mine, whooshs.reader() as theirs:
        terms = list(theirs.all_terms())
        assert terms == list(mine.all_terms())
        assert any(theirs.doc_frequency(field, text) > 3 * 128 for field, text in terms)  # several blocks
        for field, text in terms:
            assert _walk(mine.postings(field, text)) == _walk(theirs.postings(field, text)), (field, text)
            assert mine.term_info(field, text).max_weight() == theirs.term_info(field, text).max_weight()


def test_read_all_holds_the_postings(indexes):
    """matching.py reads a term's postings in one piece: the same postings (deleted documents too), with all
    positions as document << 32 | position keys."""
    ours, _ = indexes
    deleted = blocks = 0
    with ours.searcher() as searcher:
        for leaf, _ in searcher.leaf_searchers():
            for text in ("hợp_tác_xã", "xoài", "ocop"):
                matcher = _unfiltered(leaf.reader(), text)
                assert isinstance(matcher, PostingsMatcher)
                postings = matcher.read_all()
                counts, keys = postings.positions()
                assert (keys >> 32).tolist() == [doc for doc, count in zip(postings.ids.tolist(), counts.tolist()) for _ in range(count)]
                values = [_encoded(keys[end - count : end] & 0xFFFFFFFF) for count, end in zip(counts, np.cumsum(counts))]
                read = list(zip(postings.ids.tolist(), postings.weights().tolist(), values))
                assert len(read) == sum(length for length, _, _, _ in postings.blocks)
                blocks = max(blocks, len(postings.blocks))
                deleted += sum(leaf.reader().is_deleted(doc) for doc, _, _ in read)
                live = [posting for posting in read if not leaf.reader().is_deleted(posting[0])]
                assert live == _walk(leaf.reader().postings("text", text))
    assert deleted and blocks > 1


@pytest.mark.parametrize("query", [
    Q.Term("text", "hợp_tác_xã"), Q.Term("plain", "xoài"), Q.And([Q.Term("text", "tôm"), Q.Term("text", "lúa")]),
    Q.Or([Q.Term("text", "ocop"), Q.Term("text", "htx")]), Q.Phrase("plain", ["sóc", "trăng"]),
    Q.Phrase("text", ["xoài", "lúa"]), Q.Term("tags", "quỹ"), Q.NumericRange("year", 2018, 2020),
])
def test_searches_find_and_rank_the_same(indexes, query):
    """Whoosh's top-N search skips blocks by their highest weight and skips to documents: same hits, same order."""
    ours, whooshs = indexes
    with ours.searcher() as mine, whooshs.searcher() as theirs:
        for limit in (3, 10, None):
            expected = [(hit["url"], round(hit.score, 5)) for hit in theirs.search(query, limit=limit)]
            assert expected
            assert [(hit["url"], round(hit.score, 5)) for hit in mine.search(query, limit=limit)] == expected
        assert sorted(mine.stored_fields(d)["url"] for d in query.docs(mine)) == \
            sorted(theirs.stored_fields(d)["url"] for d in query.docs(theirs))


def test_positions_round_trip():
    """Repeated and far positions (a long document) come back as they went in."""
    fmt = _schema()["text"].format
    for positions in ([0], [3, 4, 9], [0, 0, 7], [5, 70_000, 2**31]):
        value = fmt.encode(positions)
        assert fmt.decode_positions(value) == positions
        assert fmt.decode_frequency(value) == len(positions)
        assert fmt.decode_weight(value) == len(positions)


def test_positions_of_an_indexed_text():
    """Each term's positions, counted by hand in syllables: a multi-syllable word stands at its first syllable,
    beside the syllables themselves."""
    ix = RamStorage().create_index(_schema())
    with index_writer(ix) as writer:
        writer.add_document(url="u", text="Hợp tác xã Tân Phú có 120 thành viên. Hợp tác xã Tân Phú")
    with ix.reader() as reader:
        found = {term: reader.postings("text", term).value_as("positions")
                 for term in ("hợp_tác_xã", "hợp", "xã", "tân", "phú", "có", "120", "thành_viên", "viên")}
    assert found == {"hợp_tác_xã": [0, 9], "hợp": [0, 9], "xã": [2, 11], "tân": [3, 12], "phú": [4, 13], "có": [5],
                     "120": [6], "thành_viên": [7], "viên": [8]}


def test_positions_past_65535_words():
    """A block holding a document longer than 65,535 words stores its positions in 32 bits: phrases are found
    there through Whoosh's matchers and indexer.query.matching alike, and the other blocks keep 16 bits."""
    from indexer.query.matching import matching_docs

    ix = RamStorage().create_index(_schema())
    long_text = "lúa " * 70_000 + "hợp tác xã xoài"
    with index_writer(ix) as writer:
        for n in range(300):
            writer.add_document(url=f"u{n}", text=long_text if n == 200 else "xoài lúa tôm. Hợp tác xã xoài")
    phrase = Q.Phrase("text", ["xã", "xoài"])
    with ix.searcher() as searcher:
        matcher = _unfiltered(searcher.reader(), "hợp_tác_xã")
        assert matcher.read_all().positions()[1][200] == 200 << 32 | 70_000
        widths = [width for _, width, _, _ in matcher.read_all().blocks]
        assert widths == [2, 4, 2]
        assert sorted(phrase.docs(searcher)) == list(range(300)) != sorted(Q.Phrase("text", ["lúa", "xoài"]).docs(searcher))
        assert matching_docs(searcher, phrase).tolist() == list(range(300))
        assert matching_docs(searcher, Q.Phrase("text", ["lúa", "hợp"])).tolist() == [200]
