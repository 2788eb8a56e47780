"""Shared test fixtures: the htx command as users run it, the fixture truth, a crawled index."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
HTX = str(Path(sys.executable).with_name("htx"))


def run_htx(*args, data_dir=None, check=True, env=None):
    """Run the installed ``htx`` console script; returns the CompletedProcess (text mode)."""
    command = [HTX] + (["--index", str(data_dir)] if data_dir else []) + [str(a) for a in args]
    full_env = {**os.environ, "HTX_INDEX": "", **(env or {})}
    result = subprocess.run(command, capture_output=True, text=True, env=full_env, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"{command} exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}")
    return result


def load_truth():
    """Every hand-written truth file, by portal."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((FIXTURES / "truth").glob("*.json"))}


def truth_articles():
    """(portal, article truth) for every fixture article page."""
    return [(portal, article) for portal, truth in load_truth().items() for article in truth["articles"]]


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """``htx demo`` into a fresh data directory: fixture portals served on loopback, crawled, indexed."""
    data_dir = tmp_path_factory.mktemp("htx-data")
    result = run_htx("demo", data_dir=data_dir)
    return data_dir, result


@pytest.fixture(scope="session")
def data_dir(demo_run):
    return demo_run[0]
