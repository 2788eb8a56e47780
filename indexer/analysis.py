"""Where indexes built before the engine package pickled the analyzer: kept importable so those indexes open
(tests/test_layout.py)."""

from indexer.engine.analysis import VietnameseAnalyzer

__all__ = ["VietnameseAnalyzer"]
