"""Ranking: BM25's term-frequency saturation and idf, without BM25's length normalisation.

Whoosh's BM25F reads each scored document's field length from disk, which was most of the cost of a
search; news articles are of similar length, and the headline is weighted by repetition in the text field
(indexer.engine.index.TITLE_COPIES), so the score needs only the term's weight in the posting.
"""

from whoosh import scoring

K1 = 1.2  # BM25's saturation: the fifth mention of a word adds far less than the second


class SaturatedTfIdf(scoring.WeightingModel):
    """idf × tf·(K1+1)/(tf+K1), with block maxima so that Whoosh can skip blocks that cannot reach the top."""

    def supports_block_quality(self):
        return True

    def scorer(self, searcher, fieldname, text, qf=1):
        return _Scorer(searcher.idf(fieldname, text), searcher.term_info(fieldname, text).max_weight())


class _Scorer(scoring.BaseScorer):
    def __init__(self, idf: float, max_weight: float):
        self.idf, self.max_weight = idf, max_weight

    def supports_block_quality(self):
        return True

    def score_weight(self, weight: float) -> float:
        """The score of a posting of this weight (the term's frequency in the document)."""
        return self.idf * weight * (K1 + 1) / (weight + K1)

    def score(self, matcher):
        return self.score_weight(matcher.weight())

    def max_quality(self):
        return self.score_weight(self.max_weight)

    def block_quality(self, matcher):
        return self.score_weight(matcher.block_max_weight())
