"""Where indexes built before the engine package pickled the postings codec and format: kept importable so
those indexes open (tests/test_layout.py)."""

from indexer.engine.codec import AnalyzedPositions, PostingsCodec

__all__ = ["AnalyzedPositions", "PostingsCodec"]
