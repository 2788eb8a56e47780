"""Deploy to a real scrapyd on loopback with scrapyd-client, schedule a portal, find its articles with htx."""

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, run_htx

from crawler.fixture_server import serve_fixtures

pytestmark = pytest.mark.e2e  # crawls, kills or servers: the end-to-end tier

BIN = Path(sys.executable).parent
SEED = "Lãnh đạo Ủy ban nhân dân tỉnh Sóc Trăng làm việc với Liên minh Hợp tác xã tỉnh"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(url: str, data: dict | None = None) -> dict:
    body = urllib.parse.urlencode(data, doseq=True).encode() if data else None
    with urllib.request.urlopen(url, data=body, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture
def scrapyd(tmp_path):
    """A scrapyd on 127.0.0.1 with its eggs, logs and job database in a temp folder."""
    port = free_port()
    (tmp_path / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = {tmp_path}/eggs\nlogs_dir = {tmp_path}/logs\n"
        f"dbs_dir = {tmp_path}/dbs\nitems_dir =\nmax_proc = 1\npoll_interval = 0.5\n",
        encoding="utf-8",
    )
    process = subprocess.Popen([BIN / "scrapyd"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                call(url + "daemonstatus.json")
                break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_deploy_schedule_and_search(scrapyd, tmp_path):
    project = tmp_path / "project"
    for name in ("crawler", "indexer", "search_cli"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, project / name)
    (project / "scrapy.cfg").write_text(f"[settings]\ndefault = crawler.settings\n\n[deploy]\nurl = {scrapyd}\nproject = htx\n", encoding="utf-8")
    deployed = subprocess.run([BIN / "scrapyd-deploy"], cwd=project, capture_output=True, text=True, timeout=300)
    assert deployed.returncode == 0, deployed.stderr
    assert call(scrapyd + "listspiders.json?project=htx")["spiders"] == sorted(p.stem for p in (ROOT / "crawler" / "portals").glob("*.toml"))
    data_dir = tmp_path / "data"
    with serve_fixtures() as served:
        job = call(scrapyd + "schedule.json", {
            "project": "htx", "spider": "soctrang", "base_url": served["soctrang"][0],
            "setting": [f"HTX_DATA_DIR={data_dir}", "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False"],
        })["jobid"]
        for _ in range(600):
            if any(j["id"] == job for j in call(scrapyd + "listjobs.json?project=htx")["finished"]):
                break
            time.sleep(0.2)
        else:
            pytest.fail("the scrapyd job did not finish in 120 s")
    found = json.loads(run_htx("search", "hợp tác xã", "--province", "Sóc Trăng", "-n", "50", "--json", data_dir=data_dir).stdout)
    assert any(hit["title"].startswith(SEED) for hit in found["hits"])
    assert list((data_dir / "items").glob("soctrang-*.jsonl")), "the job stored its items for reindexing"
