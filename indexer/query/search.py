"""Searching the index: Vietnamese-aware query parsing, province and date filters, ranked hits."""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from whoosh import query as Q
from whoosh.index import Index
from whoosh.qparser import AndGroup, QueryParser
from whoosh.searching import Searcher

from indexer.engine.analysis import folded_form, syllables, term_syllables
from indexer.engine.columns import count_by_term
from indexer.engine.schema import TEXT_FIELDS
from indexer.query.matching import best, matching_docs
from indexer.query.ranking import SaturatedTfIdf
from indexer.query.snippets import make_snippet, word_key
from indexer.vietnamese.provinces import Province, by_key
from indexer.vietnamese.text import clean_text, diacritic_variants

SORTS = ("relevance", "newest", "oldest")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


class QueryError(ValueError):
    """A query that cannot be run; the message says what is wrong."""


@dataclass
class Hit:
    url: str
    title: str
    province: str
    published: datetime | None
    score: float
    snippet: list[tuple[str, bool]]


@dataclass
class SearchResult:
    total: int
    page: int
    hits: list[Hit]
    by_province: Counter = field(default_factory=Counter)


def _check_syntax(text: str, fieldnames: set[str]) -> None:
    if not text:
        raise QueryError("the query is empty: give words to search for, e.g. 'hợp tác xã'")
    if text.count('"') % 2:
        raise QueryError('unbalanced quote in the query: close the phrase with a second "')
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth:
        raise QueryError("unbalanced parentheses in the query")
    words = re.sub(r'"[^"]*"', " x ", text).split()
    if words[0] in _OPERATORS - {"NOT"} or words[-1] in _OPERATORS:
        raise QueryError(f"the query starts or ends with the operator '{words[0] if words[0] in _OPERATORS else words[-1]}'")
    for first, second in zip(words, words[1:]):
        if first in _OPERATORS and second in _OPERATORS and (second != "NOT" or first == "NOT"):
            raise QueryError(f"'{first} {second}' in the query: two operators in a row")
    for name in re.findall(r"(?:^|[\s(])(\w+):", re.sub(r'"[^"]*"', " ", text)):
        if name not in fieldnames:
            raise QueryError(f"unknown field '{name}:' in the query; use one of: {', '.join(sorted(fieldnames))}")


def compound_table(ix: Index) -> dict[tuple[str, ...], str]:
    """The multi-syllable words the index was built with (from the analyzer pickled in its schema)."""
    return ix.schema["text"].analyzer.table


@dataclass
class _Vocabulary:
    """The multi-syllable words of an index, for reading queries."""

    terms: dict[tuple[str, ...], str]  # syllables, as written or without diacritics -> the word's term
    in_full: set[str]  # terms of words the text always writes in full: no abbreviation of another length


def _vocabulary(table: dict[tuple[str, ...], str]) -> _Vocabulary:
    """The words of the analyzer's ``table``, with their diacritic-free forms."""
    lengths = defaultdict(set)  # a term -> the lengths of the texts indexed as it
    for key, term in table.items():
        lengths[term].add(len(key))
        lengths[folded_form(term)].add(len(key))
    folded = {tuple(folded_form(w) for w in key): folded_form(term) for key, term in table.items()}
    return _Vocabulary({**folded, **table}, {term for term, found in lengths.items() if found == {term_syllables(term)}})


def _mark_compounds(text: str, vocabulary: _Vocabulary) -> str:
    """Unquoted runs of words that form a multi-syllable word are quoted, so that :func:`_as_compound`
    searches them as that word ("hợp tác xã", not the three syllables wherever they occur)."""
    longest = max((len(key) for key in vocabulary.terms), default=1)
    out, run = [], []

    def flush():
        i = 0
        while i < len(run):
            for size in range(min(len(run) - i, longest), 1, -1):
                words = run[i : i + size]
                key = syllables(" ".join(words))
                if len(key) == size and key in vocabulary.terms:
                    out.append(f'"{" ".join(words)}"')
                    i += size
                    break
            else:
                out.append(run[i])
                i += 1
        run.clear()

    for chunk in re.findall(r'"[^"]*"|[()]|[^\s()]+', text):
        if chunk[0] in '"()' or chunk in _OPERATORS or ":" in chunk:
            flush()
            out.append(chunk)
        else:
            run.append(chunk)
    flush()
    return " ".join(out)


def _as_compound(node: Q.Query, vocabulary: _Vocabulary) -> Q.Query:
    """A phrase (or abbreviation) that is one multi-syllable word becomes a single-term query on that word.
    In a longer phrase, the word it ends with becomes that word's term, and so do the words before it that the
    text always writes in full: "thành viên hợp tác xã" is thành_viên then hợp_tác_xã, finds "thành viên HTX"
    too, and lines up two terms instead of five syllables (a word's term spans its syllables). A word with a
    shorter abbreviation stays syllables unless it ends the phrase: what follows it could not be lined up."""
    if isinstance(node, Q.Term):
        words = (node.text,)
    elif isinstance(node, Q.Phrase) and node.slop == 1:
        words = tuple(node.words)
    else:
        return node
    if node.fieldname not in TEXT_FIELDS:
        return node
    terms = vocabulary.terms
    last = next((start for start in range(len(words)) if words[start:] in terms), len(words))
    if not last:
        return Q.Term(node.fieldname, terms[words], boost=node.boost)
    found, start = [], 0
    while start < last:
        size = next((n for n in range(last - start, 1, -1) if terms.get(words[start : start + n]) in vocabulary.in_full), 1)
        found.append(terms[words[start : start + size]] if size > 1 else words[start])
        start += size
    found += [terms[words[last:]]] if last < len(words) else []
    return node if found == list(words) else Q.Phrase(node.fieldname, found, boost=node.boost)


def highlight_phrases(query: Q.Query, table: dict) -> set[tuple[str, ...]]:
    """The word sequences to mark in snippets: each matched term's syllables, and the variants of its words."""
    terms = {t.decode() if isinstance(t, bytes) else t for field, t in query.iter_all_terms() if field in TEXT_FIELDS}
    phrases = {tuple(word_key(s) for s in term.split("_")) for term in terms}
    phrases |= {tuple(word_key(w) for w in key) for key, term in table.items() if term in terms or folded_form(term) in terms}
    return phrases


def _spellings(fieldname: str, word: str, reader, boost: float = 1.0) -> Q.Query:
    """A word without its diacritics: a multi-syllable word as its indexed twin ("hop_tac_xa"), a syllable
    as each of its spellings the index holds ("hoa" -> hoa OR hòa OR hóa ...)."""
    folded = folded_form(word)
    found = [] if "_" in word else sorted(v for v in diacritic_variants(folded) if (fieldname, v) in reader)
    if len(found) <= 1:  # one spelling, or none indexed: the plain term
        return Q.Term(fieldname, found[0] if found else folded, boost=boost)
    return Q.Or([Q.Term(fieldname, spelling) for spelling in found], boost=boost)


def _folded(node: Q.Query, reader) -> Q.Query:
    """A term or phrase that matches its words with or without diacritics."""
    if getattr(node, "fieldname", None) not in TEXT_FIELDS:
        return node
    if isinstance(node, Q.Term):
        return _spellings(node.fieldname, node.text, reader, node.boost)
    if isinstance(node, Q.Phrase):
        words = [_spellings(node.fieldname, word, reader) for word in node.words]
        if all(isinstance(word, Q.Term) for word in words):
            return Q.Phrase(node.fieldname, [word.text for word in words], slop=node.slop, boost=node.boost)
        return Q.Sequence(words, slop=node.slop, boost=node.boost)
    return node


def parse_query(ix: Index, text: str, exact: bool = False) -> Q.Query:
    """Parse a user query (words AND-ed, "phrases", OR/NOT, title:) into a Whoosh query.

    Multi-syllable words and abbreviations become single terms. Words match with or without diacritics,
    or, with ``exact``, only as the query writes them.
    """
    text = clean_text(text)
    _check_syntax(text, set(TEXT_FIELDS))
    vocabulary = _vocabulary(compound_table(ix))
    parser = QueryParser("text", ix.schema, group=AndGroup)
    parsed = parser.parse(_mark_compounds(text, vocabulary))
    if parsed is Q.NullQuery or not list(parsed.iter_all_terms()):
        raise QueryError(f"nothing to search for in '{text}'")
    parsed = parsed.accept(lambda node: _as_compound(node, vocabulary)).normalize()
    if exact:
        return parsed
    with ix.reader() as reader:
        return folded_query(parsed, reader)


def folded_query(query: Q.Query, reader) -> Q.Query:
    """The query with every text term and phrase matching with or without diacritics (a superset)."""
    return query.accept(lambda node: _folded(node, reader)).normalize()


def filter_queries(provinces: list[Province], since: datetime | None, until: datetime | None, mentions: bool = True) -> list[Q.Query]:
    """Queries for the articles of these provinces (with ``mentions``, also the national articles whose headline
    or lead names one of them) published in the date range."""
    filters = []
    if provinces:
        fields = ("province", "mentions") if mentions else ("province",)
        filters.append(Q.Or([Q.Term(field, p.key) for p in provinces for field in fields]))
    if since or until:
        filters.append(Q.DateRange("published", since, until))
    return filters


def _negates(query: Q.Query) -> bool:
    """True when the query holds a NOT."""
    return isinstance(query, (Q.Not, Q.AndNot)) or any(_negates(sub) for sub in query.children())


def _best(searcher: Searcher, query: Q.Query, docs: np.ndarray, limit: int, postings: dict, whole: bool) -> list[tuple[int, float]]:
    """The ``limit`` best (document, score) among ``docs``, which match ``query`` (``whole``: all its matches):
    ranked in indexer.query.matching where it can, else by Whoosh (given a subset, Whoosh walks every match)."""
    found = best(searcher, query, docs, limit, postings)
    if found is not None:
        return found
    only = None if whole else set(docs.tolist())
    return [(hit.docnum, hit.score or 0.0) for hit in searcher.search(query, limit=limit, filter=only)]


def _hit(fields: dict, score: float, terms: set[tuple[str, ...]]) -> Hit:
    return Hit(
        url=fields["url"],
        title=fields["title"],
        province=fields.get("province_name", ""),
        published=fields.get("published"),
        score=score or 0.0,
        snippet=make_snippet(" ".join(filter(None, (fields.get("lead"), fields["body"]))), terms),
    )


def search(
    ix: Index,
    text: str,
    provinces: list[Province] = (),
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 10,
    page: int = 1,
    sort: str = "relevance",
) -> SearchResult:
    """Run a query; hits of one page, the total and the count of matches per province."""
    if sort not in SORTS:
        raise QueryError(f"unknown sort '{sort}': use {', '.join(SORTS)}")
    filters = filter_queries(list(provinces), since, until)

    def filtered(query: Q.Query) -> Q.Query:
        return Q.And([query, *filters]) if filters else query

    exact = parse_query(ix, text, exact=True)
    with ix.searcher(weighting=SaturatedTfIdf()) as searcher:
        every = folded_query(exact, searcher.reader())
        terms = highlight_phrases(Q.Or([exact, every]), compound_table(ix))
        postings = {}  # each term's postings are read once: for the matches, the exact tier and the ranking
        matching = matching_docs(searcher, filtered(every), postings)
        pages = max(1, -(-len(matching) // limit))
        page = min(max(page, 1), pages)
        wanted = page * limit
        if sort == "relevance":  # the query's own diacritics first, then matches only without them
            if exact == every:
                exact_all = matching
            elif _negates(exact):  # a NOT drops more without diacritics than with them: look beyond the matches
                exact_all = matching_docs(searcher, filtered(exact), postings)
            else:  # else the exact query matches some of the diacritic-free one's matches
                exact_all = matching_docs(searcher, exact, postings, among=matching)
            exact_docs = np.intersect1d(exact_all, matching, assume_unique=True)
            same = not filters and len(exact_docs) == len(exact_all)
            found = _best(searcher, exact, exact_docs, wanted, postings, whole=same)
            if len(found) < wanted and len(exact_docs) < len(matching):
                others = np.setdiff1d(matching, exact_docs, assume_unique=True)
                found += _best(searcher, every, others, wanted - len(found), postings, whole=False)
        else:
            reverse = sort == "newest"
            only = set(matching.tolist()) if filters else None  # a filter stops Whoosh skipping blocks: only when needed
            found = [(hit.docnum, hit.score) for hit in searcher.search(every, limit=wanted, sortedby="published", reverse=reverse, filter=only)]
        hits = [_hit(searcher.stored_fields(doc), score, terms) for doc, score in found[(page - 1) * limit : page * limit]]
        counts = count_by_term(searcher, matching, "province")
        by_province = Counter({(by_key(key).name if key else "?"): n for key, n in counts.items()})
        return SearchResult(total=len(matching), page=page, hits=hits, by_province=by_province)
