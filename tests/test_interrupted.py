"""A crawl killed with SIGKILL while it writes loses nothing committed, and the next run completes the work;
`htx search` works while the crawl is writing."""

import json
import os
import signal
import subprocess
import time

import pytest
from conftest import FIXTURES, HTX, load_truth, run_htx
from whoosh import index as whoosh_index

from crawler.fixture_server import serve_fixtures

pytestmark = pytest.mark.e2e  # crawls, kills or servers: the end-to-end tier


def slow_profiles(tmp_path):
    """The Sóc Trăng profile, committing every article and fetching slowly enough to be killed mid-crawl."""
    folder = tmp_path / "portals"
    folder.mkdir()
    profile = (FIXTURES.parent / "crawler" / "portals" / "soctrang.toml").read_text(encoding="utf-8")
    (folder / "soctrang.toml").write_text(profile + "\n[settings]\nhtx_batch_size = 1\ndownload_delay = 0.6\n", encoding="utf-8")
    return {"HTX_PORTALS": str(folder)}


def committed(data_dir):
    try:
        with whoosh_index.open_dir(str(data_dir / "index")).searcher() as searcher:
            return {doc["url"]: doc["content_hash"] for doc in searcher.all_stored_fields()}
    except Exception:  # not created yet
        return {}


def test_kill_9_then_resume(tmp_path):
    env = slow_profiles(tmp_path)
    data_dir = tmp_path / "data"
    relevant = sum(a["about_cooperatives"] for a in load_truth()["soctrang"]["articles"])
    with serve_fixtures() as served:
        command = [HTX, "--index", str(data_dir), "crawl", "soctrang", "--base-url", f"soctrang={served['soctrang'][0]}"]
        crawl = subprocess.Popen(command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while len(committed(data_dir)) < 3 and time.monotonic() < deadline and crawl.poll() is None:
            time.sleep(0.05)
        crawl.send_signal(signal.SIGKILL)
        crawl.wait()
        before = committed(data_dir)
        assert 3 <= len(before) < relevant, "killed mid-crawl, after some commits"
        resumed = subprocess.Popen(command, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        during = run_htx("search", "hợp tác xã", "--json", data_dir=data_dir)  # reading while the crawl writes
        assert resumed.poll() is None and json.loads(during.stdout)["total"] >= len(before)
        resumed_output = resumed.communicate(timeout=120)[0]
    after = committed(data_dir)
    assert len(after) == relevant and all(after[url] == digest for url, digest in before.items())
    assert "failed 0" in resumed_output
    stats = json.loads(run_htx("stats", "--json", data_dir=data_dir).stdout)
    assert stats["total"] == relevant, "no duplicates"
