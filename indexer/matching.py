"""Which documents match a query, as sets of document numbers: exact totals and per-province counts without
scoring every match.

Terms are read a posting block at a time and combined with set algebra (Or, And, Not, AndMaybe); other
queries (phrases, wildcards) go through Whoosh's own matchers. A date range AND-ed with terms is checked in
the date column when the terms leave few documents (else through Whoosh, which expands it into many terms).
Deleted documents are left out.
"""

from collections import Counter

from whoosh import query as Q
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.searching import Searcher

COLUMN_LOOKUPS = 2000  # up to this many matches, counting values one document at a time is faster
NO_DATE = 2**64 - 1  # what Whoosh's 64-bit date column holds for a document without a date
DATE_LOOKUPS = 20_000  # up to this many candidates, a date range is checked in the column, one document at a time


def _postings(reader, fieldname: str, text) -> set[int]:
    """The document numbers holding one term, read a block at a time (whoosh-reloaded 2.7's W3 codec)."""
    if (fieldname, text) not in reader:
        return set()
    matcher = reader.postings(fieldname, text)
    if isinstance(matcher, FilterMatcher):  # the segment has deletions; matching_docs leaves them out
        matcher = matcher.child
    if not isinstance(matcher, W3LeafMatcher):
        return set(matcher.all_ids())
    ids = set()
    while matcher.is_active():
        matcher.block_min_id()  # loads the block's ids
        ids.update(matcher._ids)
        matcher._next_block()
    return ids


def _all_docs(searcher: Searcher) -> set[int]:
    return set(searcher.reader().all_doc_ids())


def _in_date_range(searcher: Searcher, docs: set[int], query: Q.DateRange) -> set[int]:
    """The ``docs`` whose date (from the field's sortable column) lies in the range."""
    column = searcher.reader().column_reader(query.fieldname, translate=False)
    start = 0 if query.start is None else query.start + query.startexcl
    end = NO_DATE - 1 if query.end is None else query.end - query.endexcl
    return {doc for doc in docs if start <= column[doc] <= end}


def _evaluate(searcher: Searcher, query: Q.Query) -> set[int]:
    """Matches in one segment, deleted documents possibly included."""
    if isinstance(query, Q.Term):
        return _postings(searcher.reader(), query.fieldname, query.text)
    if isinstance(query, Q.Or):
        return set().union(*(_evaluate(searcher, sub) for sub in query.subqueries))
    if isinstance(query, Q.And):
        dates = [sub for sub in query.subqueries if isinstance(sub, Q.DateRange)]
        wanted = [sub for sub in query.subqueries if not isinstance(sub, (Q.Not, Q.DateRange))]
        found = [_evaluate(searcher, sub) for sub in wanted] or [_all_docs(searcher)]
        docs = set.intersection(*sorted(found, key=len))
        for sub in dates:
            docs = _in_date_range(searcher, docs, sub) if len(docs) <= DATE_LOOKUPS else docs & _evaluate(searcher, sub)
        for sub in query.subqueries:
            if isinstance(sub, Q.Not):
                docs -= _evaluate(searcher, sub.query)
        return docs
    if isinstance(query, Q.AndMaybe):
        return _evaluate(searcher, query.a)
    if isinstance(query, Q.AndNot):
        return _evaluate(searcher, query.a) - _evaluate(searcher, query.b)
    if isinstance(query, Q.Not):
        return _all_docs(searcher) - _evaluate(searcher, query.query)
    if isinstance(query, Q.Every):
        return _all_docs(searcher)
    return set(query.docs(searcher))


def matching_docs(searcher: Searcher, query: Q.Query) -> set[int]:
    """The numbers of the live documents matching ``query``."""
    docs = set()
    for leaf, offset in searcher.leaf_searchers():
        found = _evaluate(leaf, query)
        found -= leaf.reader().deleted_docs_set
        docs.update(found if not offset else (doc + offset for doc in found))
    return docs


def column_values(searcher: Searcher, fieldname: str, docs: list[int]):
    """The raw (untranslated) column value of each of ``docs``, indexable by document number: looked up one
    document at a time for a few documents, else the whole column read in one pass."""
    column = searcher.reader().column_reader(fieldname, translate=False)
    if len(docs) <= COLUMN_LOOKUPS:
        return {doc: column[doc] for doc in docs}
    return list(column)


def count_by_term(searcher: Searcher, docs: set[int], fieldname: str) -> Counter:
    """How many of ``docs`` hold each value of a sortable one-value field (province, unit_2025): per document
    from the column for a few documents, else by intersecting each value's postings."""
    if len(docs) <= COLUMN_LOOKUPS:
        column = searcher.reader().column_reader(fieldname)
        return +Counter(column[doc] for doc in docs)
    counts = Counter()
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        for text in reader.field_terms(fieldname):
            ids = _postings(reader, fieldname, text)
            counts[text] += len(docs & (ids if not offset else {doc + offset for doc in ids}))
    return +counts
