"""Which documents match a query, as sorted arrays of document numbers, and the best of them: exact totals
and per-province counts without scoring every match, then a ranking from what was read.

A term's postings are read in one piece (indexer.engine.codec) and combined with set algebra on sorted numpy
arrays (Or, And, Not, AndMaybe, and phrases lined up on their positions); other queries (wildcards, ranges)
go through Whoosh's own matchers. A term AND-ed to far fewer candidates is probed candidate by candidate; a
date range AND-ed with terms is checked in the date column when the terms leave few documents (else through
Whoosh, which expands it into many terms). Deleted documents are left out. Columns (province, date, story)
are read whole, a segment at a time, when many documents need them.
"""

import heapq
from itertools import accumulate

import numpy as np
from whoosh import query as Q
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.searching import Searcher

from indexer.engine.analysis import term_syllables
from indexer.engine.codec import PostingsMatcher, TermPostings
from indexer.engine.columns import NO_DATE, column_numbers
from indexer.query.ranking import SaturatedTfIdf

PROBE_SHARE = 256  # probe a term candidate by candidate when it has this many times more postings (a block holds 128)
NONE = np.zeros(0, np.int64)  # no documents
SCORE_ONE_BY_ONE = 5000  # up to this many documents, ranking may skip to each instead of reading all postings
DATE_LOOKUPS = 20_000  # up to this many candidates, a date range is checked in the column, one document at a time


def _term_matcher(reader, fieldname: str, text) -> PostingsMatcher | None:
    """The term's postings in one segment, deleted documents included (matching_docs leaves them out); None
    when the segment does not hold the term."""
    try:
        matcher = reader.postings(fieldname, text)
    except TermNotFound:
        return None
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def _read(reader, fieldname: str, text) -> TermPostings:
    """A term's postings in one segment."""
    matcher = _term_matcher(reader, fieldname, text)
    return TermPostings(NONE, []) if matcher is None else matcher.read_all()


def _postings(reader, fieldname: str, text, cache: dict | None = None) -> np.ndarray:
    """The document numbers holding one term; its postings kept in ``cache`` (one per segment) for the rest of
    the same search."""
    if cache is None:
        return _read(reader, fieldname, text).ids
    if (fieldname, text) not in cache:
        cache[fieldname, text] = _read(reader, fieldname, text)
    return cache[fieldname, text].ids


def _probe(reader, fieldname: str, text, docs: np.ndarray) -> np.ndarray:
    """Which of ``docs`` hold the term: its postings skip from one candidate to the next, so only the
    blocks that may hold a candidate are read."""
    matcher, found = _term_matcher(reader, fieldname, text), []
    if matcher is None:
        return NONE
    for doc in docs.tolist():
        if not matcher.is_active():
            break
        matcher.skip_to(doc)
        if matcher.is_active() and matcher.id() == doc:
            found.append(doc)
    return np.array(found, np.int64)


def _all_docs(searcher: Searcher) -> np.ndarray:
    return np.arange(searcher.reader().doc_count_all(), dtype=np.int64)


def _in_date_range(searcher: Searcher, docs: np.ndarray, query: Q.DateRange) -> np.ndarray:
    """The ``docs`` whose date (from the field's sortable column) lies in the range."""
    start = 0 if query.start is None else query.start + query.startexcl
    end = NO_DATE - 1 if query.end is None else query.end - query.endexcl
    dates = column_numbers(searcher, query.fieldname, docs)
    return docs[(dates >= start) & (dates <= end)] if len(docs) else docs


def _union(parts: list[np.ndarray]) -> np.ndarray:
    """The documents in any of ``parts`` (sorted arrays): marked in a table of every number up to the largest
    when that table is small next to them (a segment's document numbers), else merged by sorting."""
    parts = [part for part in parts if len(part)]
    if len(parts) <= 1:
        return parts[0] if parts else NONE
    size = max(int(part[-1]) for part in parts) + 1
    if size > 4 * sum(len(part) for part in parts):
        return _distinct(np.sort(np.concatenate(parts)))
    marked = np.zeros(size, bool)
    for part in parts:
        marked[part] = True
    return np.flatnonzero(marked)


def _both(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The documents in both sorted arrays."""
    return a[_among(a, b)]


def _without(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The documents of ``a`` not in ``b`` (both sorted)."""
    return a[~_among(a, b)]


def _conjuncts(query: Q.And):
    """The parts of an AND, nested ANDs flattened."""
    for sub in query.subqueries:
        yield from _conjuncts(sub) if isinstance(sub, Q.And) else [sub]


def _within(searcher: Searcher, docs: np.ndarray, query: Q.Query, cache: dict) -> np.ndarray:
    """The ``docs`` that also match ``query``: a term (or OR of terms) with far more postings than there are
    candidates is probed candidate by candidate, anything else evaluated and intersected."""
    reader = searcher.reader()
    slots = _phrase_slots(query)
    if slots is not None:
        return _phrase_docs(searcher, slots, cache, among=docs)
    terms = query.subqueries if isinstance(query, Q.Or) else [query]
    if all(isinstance(term, Q.Term) for term in terms) and len(docs) * PROBE_SHARE < query.estimate_size(reader):
        return _union([_probe(reader, term.fieldname, term.text, docs) for term in terms])
    return _both(docs, _evaluate(searcher, query, cache))


def _phrase_slots(query: Q.Query) -> list[tuple[int, list[Q.Term]]] | None:
    """The terms that may stand at each place of a phrase (a Phrase, or a Sequence of terms and ORs of terms,
    as the diacritic-free form of a phrase is), each place with its offset from the phrase's start: a
    multi-syllable word's term spans its syllables. None for anything else."""
    if isinstance(query, Q.Phrase) and query.slop == 1:
        slots = [[Q.Term(query.fieldname, word)] for word in query.words]
    elif isinstance(query, Q.Sequence) and query.slop == 1 and query.ordered:
        slots = [sub.subqueries if isinstance(sub, Q.Or) else [sub] for sub in query.subqueries]
        plain = all(sub.boost == 1 for sub in query.subqueries) and all(term.boost == 1 for slot in slots for term in slot)
        if not (plain and all(isinstance(term, Q.Term) for slot in slots for term in slot)):
            return None
    else:
        return None
    sizes = [{term_syllables(term.text) for term in slot} for slot in slots]
    if any(len(size) > 1 for size in sizes[:-1]):  # terms of different lengths before the last place
        return None
    return list(zip(accumulate([0] + [min(size) for size in sizes[:-1]]), slots))


def _starts(postings: TermPostings, offset: int, docs: np.ndarray) -> np.ndarray:
    """Where a phrase would start in ``docs`` (``offset`` words before each position of the term), as sorted
    keys document << 32 | position."""
    counts, keys = postings.positions()
    keys = keys[np.repeat(_among(postings.ids, docs), counts)]
    return keys[(keys & 0xFFFFFFFF) >= offset] - offset if offset else keys


def _distinct(ordered: np.ndarray) -> np.ndarray:
    """A sorted array without repeats."""
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))] if len(ordered) else ordered


def _among(keys: np.ndarray, ordered: np.ndarray) -> np.ndarray:
    """Which of ``keys`` are in ``ordered`` (both sorted, without repeats): looked up in a table of every number
    up to the largest when that table is small next to them (a segment's document numbers), else each number of
    the shorter array looked up in the longer one."""
    if not len(ordered) or not len(keys):
        return np.zeros(len(keys), bool)
    size = max(int(keys[-1]), int(ordered[-1])) + 1
    if size <= 4 * (len(keys) + len(ordered)):
        marked = np.zeros(size, bool)
        marked[ordered] = True
        return marked[keys]
    if len(ordered) >= len(keys):
        return ordered[np.minimum(np.searchsorted(ordered, keys), len(ordered) - 1)] == keys
    found, at = np.zeros(len(keys), bool), np.minimum(np.searchsorted(keys, ordered), len(keys) - 1)
    found[at[keys[at] == ordered]] = True
    return found


def _phrase_docs(searcher: Searcher, slots: list[tuple[int, list[Q.Term]]], cache: dict, among: np.ndarray | None = None) -> np.ndarray:
    """The documents (of ``among``, if given) where a term of each slot stands at the slot's offset: the
    candidates holding every slot come from the document numbers; the phrase's possible starts from the
    positions of the slot with the fewest, in the candidates; then each other slot keeps the starts it stands
    at the right distance from (each term's positions decoded once a search)."""
    reader = searcher.reader()
    for _, slot in slots:
        for term in slot:
            _postings(reader, term.fieldname, term.text, cache)
    postings = [(offset, [cache[term.fieldname, term.text] for term in slot]) for offset, slot in slots]
    docs = among if among is not None else _all_docs(searcher)
    for held in sorted((_union([found.ids for found in slot]) for _, slot in postings), key=len):
        docs = _both(docs, held)
    if not len(docs):
        return NONE
    postings.sort(key=lambda slot: sum(found.values_size() for found in slot[1]))  # fewest positions first
    first, found = postings[0]
    starts = _union([_starts(term, first, docs) for term in found])  # as keys document << 32 | position
    for offset, slot in postings[1:]:
        wanted = starts + offset  # where a term of the slot must stand
        starts = starts[np.any([_among(wanted, term.positions()[1]) for term in slot], axis=0)]
    return _distinct(starts >> 32)


def _evaluate(searcher: Searcher, query: Q.Query, cache: dict) -> np.ndarray:
    """Matches in one segment, deleted documents possibly included (the result may be ``cache``'s own array)."""
    if isinstance(query, Q.Term):
        return _postings(searcher.reader(), query.fieldname, query.text, cache)
    if isinstance(query, Q.Or):
        return _union([_evaluate(searcher, sub, cache) for sub in query.subqueries])
    if isinstance(query, Q.And):
        parts = list(_conjuncts(query))
        dates = [sub for sub in parts if isinstance(sub, Q.DateRange)]
        wanted = sorted((sub for sub in parts if not isinstance(sub, (Q.Not, Q.DateRange))),
                        key=lambda sub: sub.estimate_size(searcher.reader()))
        docs = _evaluate(searcher, wanted[0], cache) if wanted else _all_docs(searcher)
        for sub in dates:
            docs = _in_date_range(searcher, docs, sub) if len(docs) <= DATE_LOOKUPS else _both(docs, _evaluate(searcher, sub, cache))
        for sub in wanted[1:]:
            docs = _within(searcher, docs, sub, cache)
        for sub in parts:
            if isinstance(sub, Q.Not):
                docs = _without(docs, _evaluate(searcher, sub.query, cache))
        return docs
    if isinstance(query, Q.AndMaybe):
        return _evaluate(searcher, query.a, cache)
    if isinstance(query, Q.AndNot):
        return _without(_evaluate(searcher, query.a, cache), _evaluate(searcher, query.b, cache))
    if isinstance(query, Q.Not):
        return _without(_all_docs(searcher), _evaluate(searcher, query.query, cache))
    if isinstance(query, Q.Every):
        return _all_docs(searcher)
    slots = _phrase_slots(query)
    if slots is not None:
        return _phrase_docs(searcher, slots, cache)
    return np.array(sorted(query.docs(searcher)), np.int64)


def matching_docs(searcher: Searcher, query: Q.Query, cache: dict | None = None, among: np.ndarray | None = None) -> np.ndarray:
    """The numbers of the live documents (of ``among``, a sorted array, if given) matching ``query``, as a sorted
    array. Queries of one search that share terms may share a ``cache`` (a dict) so that each term's postings
    are read once."""
    docs = []
    cache = {} if cache is None else cache
    for leaf, offset in searcher.leaf_searchers():
        leaf_cache = cache.setdefault(offset, {})
        if among is None:
            found = _evaluate(leaf, query, leaf_cache)
        else:
            start, end = np.searchsorted(among, [offset, offset + leaf.doc_count_all()])
            found = _within(leaf, among[start:end] - offset, query, leaf_cache)
        if leaf.reader().has_deletions():
            found = _without(found, np.array(sorted(leaf.reader().deleted_docs_set), np.int64))
        docs.append(found + offset)
    return np.concatenate(docs) if docs else NONE


def scores(searcher: Searcher, query: Q.Query, docs: np.ndarray) -> dict[int, float]:
    """The score of each of ``docs`` that matches ``query``, as a Whoosh search would score it: the query's
    matchers skip from one candidate to the next instead of walking every match."""
    context, found = searcher.context(), {}
    for leaf, offset in searcher.leaf_searchers():
        end = offset + leaf.doc_count_all()
        local = (docs[(docs >= offset) & (docs < end)] - offset).tolist()
        matcher = query.matcher(leaf, context) if local else None
        for doc in local:
            if not matcher.is_active():
                break
            matcher.skip_to(doc)
            if matcher.is_active() and matcher.id() == doc:
                found[doc + offset] = matcher.score()
    return found


def _scored_terms(query: Q.Query, boost: float = 1.0, under_or: bool = False) -> list[tuple[Q.Term | None, float]] | None:
    """The terms whose weights make up a match's score, with their boosts, for queries whose score is the sum
    of the matching terms' scores (terms under AND, OR, AND NOT, AND MAYBE); a NOT inside an AND adds Whoosh's
    constant 1 (term None). An AND under an OR, a phrase or anything else: None."""
    boost *= query.boost
    if isinstance(query, Q.Term):
        return [(query, boost)]
    if isinstance(query, Q.Or) and query.scale is None:
        parts = [_scored_terms(sub, boost, True) for sub in query.subqueries]
    elif isinstance(query, Q.And) and not under_or:
        parts = [[(None, boost)] if isinstance(sub, Q.Not) else _scored_terms(sub, boost) for sub in query.subqueries]
    elif _phrase_slots(query) is not None and not under_or:  # Whoosh scores a phrase as the sum of its words
        parts = [[(term, boost) for term in slot] for _, slot in _phrase_slots(query)]
    elif isinstance(query, (Q.AndNot, Q.AndMaybe)) and not under_or:
        parts = [_scored_terms(query.a, boost), _scored_terms(query.b, boost) if isinstance(query, Q.AndMaybe) else []]
    else:
        return None
    return None if any(part is None for part in parts) else [term for part in parts for term in part]


def _top_by_weights(searcher: Searcher, terms: list[tuple[Q.Term | None, float]], docs: np.ndarray, limit: int,
                    cache: dict) -> list[tuple[int, float]]:
    """The ``limit`` best of ``docs`` scored from the weights in the postings of ``terms`` (from ``cache``,
    read now if not there yet), added up in the order Whoosh's matchers add them."""
    totals = np.full(searcher.doc_count_all(), float(sum(boost for term, boost in terms if term is None)))
    for leaf, offset in searcher.leaf_searchers():
        reader, leaf_cache = leaf.reader(), cache.setdefault(offset, {})
        for term, boost in terms:
            if term is None or not len(_postings(reader, term.fieldname, term.text, leaf_cache)):
                continue
            postings = leaf_cache[term.fieldname, term.text]
            ids, weights = postings.ids + offset, postings.weights().astype(np.float64)
            totals[ids] += boost * searcher.weighting.scorer(leaf, term.fieldname, term.text).score_weight(weights)
    candidates, found = docs, totals[docs]
    if len(found) > limit:  # the best scores and their ties
        keep = found >= np.partition(found, len(found) - limit)[len(found) - limit]
        candidates, found = candidates[keep], found[keep]
    return sorted(zip(candidates.tolist(), found.tolist()), key=lambda item: (-item[1], item[0]))[:limit]


def best(searcher: Searcher, query: Q.Query, docs: np.ndarray, limit: int, cache: dict) -> list[tuple[int, float]] | None:
    """The ``limit`` best of ``docs`` (each matching ``query``) with their scores, as a Whoosh search would rank
    them but without walking every match: a query of terms scored from its postings' weights (read for
    matching, so in ``cache``, or worth reading), else a few documents scored one by one. None for many
    documents and a query whose score is not a sum of term scores (a phrase under an OR): Whoosh must rank those."""
    terms = _scored_terms(query) if isinstance(searcher.weighting, SaturatedTfIdf) else None
    keys = {(t.fieldname, t.text) for t, _ in terms or () if t is not None}
    read = all(key in cache.get(offset, ()) for key in keys for _, offset in searcher.leaf_searchers())
    postings = sum(searcher.doc_frequency(*key) for key in keys)
    if terms is not None and (read or len(docs) > SCORE_ONE_BY_ONE or len(docs) * PROBE_SHARE >= postings):
        return _top_by_weights(searcher, terms, docs, limit, cache)
    if len(docs) <= SCORE_ONE_BY_ONE:
        found = scores(searcher, query, docs)
        return heapq.nlargest(limit, found.items(), key=lambda item: (item[1], -item[0]))  # ties: earlier first
    return None
