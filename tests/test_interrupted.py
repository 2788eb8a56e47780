"""A crawl or an import killed with SIGKILL while it writes loses nothing committed, and the next run completes the
work; `htx search` works while the crawl is writing."""

import json
import os
import random
import signal
import subprocess
import time

import pytest
from conftest import FIXTURES, HTX, load_truth, run_htx
from probes import article, write_jsonl
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


def indexed_documents(data_dir) -> list[str]:
    """The URL of every live document in the index, repeats included."""
    try:
        with whoosh_index.open_dir(str(data_dir / "index")).searcher() as searcher:
            return [doc["url"] for doc in searcher.all_stored_fields()]
    except Exception:  # not created yet
        return []


def after_kill(data_dir, before: dict) -> dict:
    """Search and stats work after a kill (one line when there is no index yet), every article committed before
    is still there unchanged, and no URL is indexed twice."""
    for args in (["search", "hợp tác xã", "--json"], ["stats", "--json"]):
        result = run_htx(*args, data_dir=data_dir, check=False)
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 0 or (not before and len(result.stderr.strip().splitlines()) == 1), result.stderr
    urls = indexed_documents(data_dir)
    assert len(urls) == len(set(urls)), "no duplicates"
    now = committed(data_dir)
    assert all(now.get(url) == digest for url, digest in before.items()), "every committed article still there"
    return now


@pytest.mark.e2e
def test_kill_9_at_random_moments(tmp_path):
    """kill -9 at 20 random moments (10 of a crawl, 10 of `htx index`), each followed by a search, a stats and
    the next run; at the end one run of each completes the work."""
    moments = random.Random(18)
    env = {**os.environ, **slow_profiles(tmp_path), "HTX_INDEX": ""}
    data_dir = tmp_path / "data"
    records = write_jsonl(tmp_path / "import.jsonl", [article(n) for n in range(600)])
    relevant = sum(a["about_cooperatives"] for a in load_truth()["soctrang"]["articles"])
    before = {}
    with serve_fixtures() as served:
        crawl = [HTX, "--index", str(data_dir), "crawl", "soctrang", "--base-url", f"soctrang={served['soctrang'][0]}"]
        index = [HTX, "--index", str(data_dir), "index", str(records)]
        for command, latest in [(crawl, 7.0), (index, 5.0)] * 10:
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(moments.uniform(0.3, latest))
            process.send_signal(signal.SIGKILL)
            process.wait()
            before = after_kill(data_dir, before)
        for command in (crawl, index):
            finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
            assert finished.returncode == 0 and "Traceback" not in finished.stderr, finished.stderr
    after_kill(data_dir, before)
    assert len(committed(data_dir)) == relevant + 600
