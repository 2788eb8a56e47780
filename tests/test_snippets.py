"""Snippets around vocabulary words wherever a text puts them: first, last, before punctuation, in the headline."""

import pytest

from indexer.article import Article
from indexer.engine.analysis import compound_table
from indexer.engine.index import open_index, write_articles
from indexer.query.search import search
from indexer.query.snippets import make_snippet, word_key

TABLE = compound_table()
WRITTEN = sorted({" ".join(key) for key in TABLE} | {term.replace("_", " ") for term in TABLE.values()})


def placements(word: str) -> list[str]:
    """The word alone, first, last, before each punctuation mark, in capitals and capitalised."""
    shown = [word, word.upper(), word[:1].upper() + word[1:]]
    texts = list(shown)
    for w in shown:
        texts += [f"{w}. Hôm nay họp.", f"Hôm nay họp {w}.", f"Hôm nay họp {w}", f"({w})", f"Họp {w}, {w}; {w}!"]
    return texts


@pytest.mark.parametrize("word", WRITTEN)
def test_every_vocabulary_word_is_marked_wherever_it_stands(word):
    """The phrases a search for the word marks: its term's syllables and every spelling the vocabulary gives it."""
    term = TABLE.get(tuple(word.split()), word.replace(" ", "_"))
    spellings = [term.split("_")] + [key for key, value in TABLE.items() if value == term]
    phrases = {tuple(word_key(w) for w in spelling) for spelling in spellings}
    for text in placements(word):
        marked = [segment for segment, matched in make_snippet(text, phrases) if matched]
        assert marked and all(segment.lower() in WRITTEN for segment in marked), (text, marked)


def test_a_text_ending_with_an_abbreviated_word_has_a_snippet_for_every_spelling_of_the_query(tmp_path):
    """The crash of issue 16: a text ending "Liên hiệp HTX." searched as "liên hiệp hợp tác xã"."""
    write_articles(tmp_path, [Article(url="https://lmhtx.vn/a", title="Đại hội Liên hiệp HTX", province="Sóc Trăng",
                                      body="Các hợp tác xã thống nhất thành lập Liên hiệp HTX.")])
    ix = open_index(tmp_path)
    for query in ("liên hiệp hợp tác xã", "liên hiệp HTX", "lien hiep hop tac xa", "LHHTX"):
        [hit] = search(ix, query).hits
        assert [s for s, matched in hit.snippet if matched] == ["Liên hiệp HTX"], query


def test_every_vocabulary_word_in_headline_and_at_both_ends_of_the_body_is_found_and_marked(tmp_path):
    articles = [Article(url=f"https://lmhtx.vn/{n}", title=f"{word.upper()} họp", province="Sóc Trăng",
                        body=f"{word[:1].upper() + word[1:]} tổ chức họp, nhiều người dự. Cuối buổi có {word}.")
                for n, word in enumerate(WRITTEN)]
    write_articles(tmp_path, articles)
    ix = open_index(tmp_path)
    for article, word in zip(articles, WRITTEN):
        for query in (word, f'"{word}"'):
            result = search(ix, query, limit=100)
            hit = next(h for h in result.hits if h.url == article.url)
            assert sum(matched for _, matched in hit.snippet) >= 2, (query, hit.snippet)


@pytest.mark.parametrize("query,written", [
    ("hợp tác xã nông nghiệp", "HTX nông nghiệp"), ("HTX nông nghiệp", "Hợp tác xã Nông nghiệp"),
    ("hợp tác xã dịch vụ", "HTX dịch vụ"), ("quỹ tín dụng nhân dân", "QTD"), ("QTD", "Quỹ tín dụng nhân dân"),
    ("hợp tác xã thủy sản", "HTX thuỷ sản"),
])
def test_htx_and_qtd_forms_are_one_word(tmp_path, query, written):
    write_articles(tmp_path, [Article(url="https://lmhtx.vn/a", title="Tin", province="Sóc Trăng",
                                      body=f"Tỉnh hỗ trợ {written} Mỹ Xuyên mở rộng sản xuất."),
                              Article(url="https://lmhtx.vn/b", title="Tin", province="Sóc Trăng",
                                      body="Tỉnh hỗ trợ nông dân Mỹ Xuyên mở rộng sản xuất, dịch vụ và thủy sản.")])
    [hit] = search(open_index(tmp_path), query).hits
    assert hit.url == "https://lmhtx.vn/a" and [s for s, matched in hit.snippet if matched] == [written]
