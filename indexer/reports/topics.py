"""Topics: the words and multi-syllable terms that set some provinces' coverage apart from the rest.

Dunning's log-likelihood of each term's count in the chosen provinces' articles against the rest of the
index. Counts come from the index (whole corpus) and from re-analysing the chosen articles only.
"""

import math
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from whoosh import query as Q
from whoosh.index import Index

from indexer.engine.index import searchable_text
from indexer.query.search import filter_queries
from indexer.vietnamese.provinces import Province


@dataclass
class Topic:
    term: str
    count: int
    rest: int
    score: float


def _log_likelihood(a: int, b: int, n: int, rest_total: int) -> float:
    total = a + b
    expected_a, expected_b = n * total / (n + rest_total), rest_total * total / (n + rest_total)
    return 2 * sum(x * math.log(x / e) for x, e in ((a, expected_a), (b, expected_b)) if x and e)


def topics(ix: Index, provinces: list[Province], limit: int = 20, since: datetime | None = None,
           until: datetime | None = None) -> list[Topic]:
    """The ``limit`` terms most over-represented in the provinces' articles of the period (syllables and
    compound terms), against every other article."""
    analyzer = ix.schema["text"].analyzer
    counts, chosen_length = Counter(), 0
    with ix.searcher() as searcher:
        reader = searcher.reader()
        query = Q.And(filter_queries(provinces, since, until))
        for docnum in searcher.docs_for_query(query):
            chosen_length += reader.doc_field_length(docnum, "text", 0)
            stored = searcher.stored_fields(docnum)
            text = searchable_text(*(stored.get(name) or "" for name in ("title", "lead", "body")))
            counts.update({term: len(found) for term, found in analyzer.positions(text, fold=False).items() if not term.isdigit()})
        rest_length = reader.field_length("text") - chosen_length
        found = []
        for term, count in counts.items():
            rest = int(reader.frequency("text", term)) - count
            if len(term) < 2 or count / max(chosen_length, 1) <= rest / max(rest_length, 1):
                continue
            found.append(Topic(term.replace("_", " "), count, rest, _log_likelihood(count, rest, chosen_length, rest_length)))
    return sorted(found, key=lambda t: -t.score)[:limit]
