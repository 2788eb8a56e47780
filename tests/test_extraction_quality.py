"""Quality floors of the generic (profile-less) extraction on pages of seven platform families.

Scores come from benchmarks/eval_extraction.py (body F1 over 4-token shingles, headline and date accuracy,
leaked boilerplate phrases, non-article pages refused) against the hand-written fixtures/extraction/truth.json.
"""

import json
import subprocess
import sys

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    out = tmp_path_factory.mktemp("eval") / "scores.json"
    command = [sys.executable, ROOT / "benchmarks" / "eval_extraction.py", "--set", "all", "--runs", "1", "--no-trafilatura", "--json", out]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, timeout=300)
    return json.loads(out.read_text(encoding="utf-8"))["sets"]


@pytest.mark.parametrize("page_set", ["holdout", "tune"])
def test_quality_floors(scores, page_set):
    htx = scores[page_set]["htx"]
    assert htx["f1"] >= 0.97
    assert htx["title_ok"] == htx["date_ok"] == htx["extracted"] == htx["articles"]
    assert htx["leaks"] == 0
    assert htx["refused_non_articles"] == htx["non_articles"]
