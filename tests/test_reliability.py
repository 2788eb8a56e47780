"""Issue 18's probes run for real: concurrent writers, damaged index files, bad JSON lines, user mistakes. Every
probe asserts one line on stderr (never a traceback), the exit code, and that nothing stored or indexed is lost.

Each test is one probe class; the README's "When things go wrong" table counts them.
"""

import codecs
import json
import os
import random
import re
import subprocess
import unicodedata
import urllib.error
import urllib.request

import pytest
from conftest import HTX, ROOT, load_truth, run_htx
from fault_server import Fault, serve_faults
from probes import (
    article,
    garbage_status_server,
    holding_write_lock,
    lock_is_held,
    segment_files,
    toc_file,
    wait_for,
    write_jsonl,
)
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

from crawler.fetch import same_site
from crawler.fixture_server import serve_fixtures
from crawler.guard import TOO_COMPLEX
from crawler.pages import decode_html
from crawler.settings import DOWNLOAD_MAXSIZE
from indexer.engine.schema import build_schema


def one_line_error(result, code=1):
    """The run failed with ``code`` and said why in one line, without a traceback."""
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def total(data_dir) -> int:
    return json.loads(run_htx("stats", "--json", data_dir=data_dir).stdout)["total"]


def shown(data_dir, url) -> dict:
    return json.loads(run_htx("show", url, "--json", data_dir=data_dir).stdout)


@pytest.fixture
def two_segments(tmp_path):
    """A data directory whose index holds 30 articles in two segments (two imports)."""
    data_dir = tmp_path / "data"
    run_htx("index", write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(20)]), data_dir=data_dir)
    run_htx("index", write_jsonl(tmp_path / "b.jsonl", [article(i) for i in range(20, 30)]), data_dir=data_dir)
    assert len(segment_files(data_dir)) == 2 and total(data_dir) == 30
    return data_dir


# --- writers coordinate, nothing silently lost ---------------------------------------------------------------


def test_index_during_reindex_keeps_both(tmp_path):
    data_dir = tmp_path / "data"
    run_htx("index", write_jsonl(tmp_path / "old.jsonl", [article(i) for i in range(400)]), data_dir=data_dir)
    new = write_jsonl(tmp_path / "new.jsonl", [article(i) for i in range(400, 500)])
    env = {**os.environ, "HTX_INDEX": str(data_dir)}
    reindex = subprocess.Popen([HTX, "reindex"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert wait_for(lambda: (data_dir / "reindex-tmp").exists() or reindex.poll() is not None)
    imported = run_htx("index", new, data_dir=data_dir)
    _, errors = reindex.communicate(timeout=300)
    assert reindex.returncode == 0 and not errors
    assert "indexed 100 new" in imported.stdout
    assert total(data_dir) == 500


def test_two_reindexes_at_once(tmp_path):
    data_dir = tmp_path / "data"
    run_htx("index", write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(200)]), data_dir=data_dir)
    env = {**os.environ, "HTX_INDEX": str(data_dir)}
    runs = [subprocess.Popen([HTX, "reindex"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0 and "rebuilt the index from 200" in out and not err
    assert total(data_dir) == 200 and not (data_dir / "reindex-tmp").exists()


def test_busy_writer_is_one_line(tmp_path, two_segments):
    """A writer that waits past its time gives one line (the wait is cut short by HTX_WRITE_TIMEOUT)."""
    with holding_write_lock(two_segments):
        assert lock_is_held(two_segments)
        env = {"HTX_WRITE_TIMEOUT": "1"}
        for args in (["index", write_jsonl(tmp_path / "c.jsonl", [article(99)])], ["reindex"]):
            line = one_line_error(run_htx(*args, data_dir=two_segments, check=False, env=env))
            assert "locked by another writer" in line and "nothing indexed was lost" in line
    assert total(two_segments) == 30


def test_reindex_keeps_the_best_copy(tmp_path):
    data_dir = tmp_path / "data"
    full, cut = article(1, body_words=200), article(1, body_words=40)
    run_htx("index", write_jsonl(tmp_path / "full.jsonl", [full]), data_dir=data_dir)
    kept = run_htx("index", write_jsonl(tmp_path / "cut.jsonl", [cut]), data_dir=data_dir)
    assert "kept 1 stored articles" in kept.stdout
    run_htx("reindex", data_dir=data_dir)
    assert len(shown(data_dir, full["url"])["body"]) == len(full["body"])


def test_duplicate_urls_in_one_import_give_one_document(tmp_path):
    data_dir = tmp_path / "data"
    first, second = article(1), article(1, title="Hợp tác xã số 1: bản sửa")
    result = run_htx("index", write_jsonl(tmp_path / "dup.jsonl", [first, second, article(2)]), data_dir=data_dir)
    assert "indexed 2 new" in result.stdout
    assert total(data_dir) == 2 and shown(data_dir, first["url"])["title"] == second["title"]
    run_htx("reindex", data_dir=data_dir)
    assert total(data_dir) == 2


def test_published_offset_becomes_vietnam_time(tmp_path):
    data_dir = tmp_path / "data"
    record = article(1, published="2023-05-15T08:30:00+00:00")
    run_htx("index", write_jsonl(tmp_path / "utc.jsonl", [record]), data_dir=data_dir)
    assert shown(data_dir, record["url"])["published"] == "2023-05-15T15:30:00"


# --- damage detected and named ---------------------------------------------------------------------------------


def truncate(path, size):
    with open(path, "r+b") as handle:
        handle.truncate(size)


def zero(path):
    size = path.stat().st_size
    path.write_bytes(b"\0" * size)


def overwrite_head(path):
    with open(path, "r+b") as handle:
        handle.write(b"\xff" * 64)


DAMAGE = {
    "segment truncated": lambda d: truncate(segment_files(d)[0], 4000),
    "segment zeroed": lambda d: zero(segment_files(d)[0]),
    "segment overwritten": lambda d: overwrite_head(segment_files(d)[1]),
    "segment deleted": lambda d: segment_files(d)[0].unlink(),
    "segment emptied": lambda d: truncate(segment_files(d)[1], 0),
    "table of contents emptied": lambda d: truncate(toc_file(d), 0),
    "table of contents garbage": lambda d: toc_file(d).write_bytes(os.urandom(300)),
    "table of contents deleted": lambda d: toc_file(d).unlink(),
}
COMMANDS = [["search", "hợp tác xã"], ["stats"], ["show", article(1)["url"]], ["compare", "HTX"], ["facts"],
            ["topics", "-p", "Sóc Trăng"], ["check"]]


@pytest.mark.parametrize("damage", DAMAGE)
def test_damaged_index_is_named(tmp_path, two_segments, damage):
    DAMAGE[damage](two_segments)
    for command in COMMANDS:
        line = one_line_error(run_htx(*command, data_dir=two_segments, check=False))
        assert "is damaged" in line and "are intact" in line and "reindex" in line, (command, line)
    importing = run_htx("index", write_jsonl(tmp_path / "c.jsonl", [article(99)]), data_dir=two_segments, check=False)
    assert "is damaged" in one_line_error(importing)  # never a new index over the damaged one
    assert run_htx("reindex", data_dir=two_segments).stdout.startswith("rebuilt the index from 31")
    assert total(two_segments) == 31 and "whole: 31 articles" in run_htx("check", data_dir=two_segments).stdout


@pytest.mark.parametrize("seed", range(3))
def test_segment_overwritten_inside(two_segments, seed):
    """Bytes overwritten inside a segment (its size and directory intact): every command succeeds or says so in
    one line; `htx check` reads everything and names the damage."""
    moments = random.Random(seed)
    segment = segment_files(two_segments)[seed % 2]
    header, size = 12, segment.stat().st_size
    with open(segment, "r+b") as handle:
        handle.seek(moments.randrange(header, size // 2))
        handle.write(moments.randbytes(size // 4))
    for command in COMMANDS[:4]:  # search, stats, show, compare
        result = run_htx(*command, data_dir=two_segments, check=False)
        assert result.returncode == 0 or one_line_error(result)
    assert "is damaged" in one_line_error(run_htx("check", data_dir=two_segments, check=False))


def test_index_without_segments_is_an_empty_archive(tmp_path):
    data_dir = tmp_path / "data"
    storage = FileStorage(str(data_dir / "index")).create()
    TOC.create(storage, build_schema(), "MAIN")
    assert "No articles found" in run_htx("search", "HTX", data_dir=data_dir).stdout
    assert total(data_dir) == 0
    for command in (["compare", "HTX"], ["facts"], ["topics", "-p", "Sóc Trăng"], ["check"]):
        run_htx(*command, data_dir=data_dir)
    run_htx("index", write_jsonl(tmp_path / "a.jsonl", [article(1)]), data_dir=data_dir)
    assert total(data_dir) == 1


# --- htx index validates each line ---------------------------------------------------------------------------

BAD_FIELDS = [
    ({"province": 7}, "field 'province' must be text, not a number"),
    ({"lead": ["x"]}, "field 'lead' must be text, not a list"),
    ({"crawled": True}, "field 'crawled' must be a date as text"),
    ({"title": 3}, "field 'title' must be text"),
    ({"body": ""}, "field 'body' is missing or empty"),
    ({"about_cooperatives": "yes"}, "must be true or false"),
    ({"warnings": "x"}, "must be a list of texts"),
    ({"published": "0001-01-01T00:00:00"}, "out of range"),
    ({"published": "9999-12-31T00:00:00"}, "out of range"),
    ({"published": "9999-12-31"}, "is not a date"),
    ({"published": "hôm kia"}, "is not a date"),
]


def test_bad_lines_are_reported_by_number(tmp_path):
    data_dir = tmp_path / "data"
    lines = [json.dumps(article(0))] + [json.dumps(article(n, **fields)) for n, (fields, _) in enumerate(BAD_FIELDS, 1)]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + "\n".join(lines + ["[1, 2]", "{not json"]).encode() + b"\n\xff\xfe{}\n")
    result = run_htx("index", path, data_dir=data_dir, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "indexed 1 new" in result.stdout and f"skipped {len(BAD_FIELDS) + 3} bad lines" in result.stdout
    reported = dict(line.removeprefix(f"skipped {path}:").split(": ", 1) for line in result.stderr.splitlines())
    for number, (_, reason) in enumerate(BAD_FIELDS, 2):
        assert reason in reported[str(number)]
    assert reported[str(len(BAD_FIELDS) + 4)].startswith("not UTF-8 text")
    assert total(data_dir) == 1


@pytest.mark.parametrize("encoding, named", [("cp1258", "windows-1258"), ("utf-16", "UTF-16"), ("utf-16-le", "UTF-16")])
def test_file_in_another_encoding_is_named(tmp_path, encoding, named):
    text = "Hơ\u0323p ta\u0301c xa\u0303 đươ\u0300ng ơ ư ă"  # writable in windows-1258 (tone marks combining)
    records = [article(n, title=text, body=text * 5, province="") for n in range(3)]
    path = tmp_path / f"{encoding}.jsonl"
    path.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode(encoding))
    result = run_htx("index", path, data_dir=tmp_path / "data", check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"seems to be {named}" in result.stderr or f"is {named}" in result.stderr
    assert unicodedata.is_normalized("NFC", text) is False  # the probe really used combining marks


# --- user mistakes: one line and the right exit code --------------------------------------------------------


@pytest.mark.parametrize("args, code, says", [
    (["search", "NOT NOT HTX"], 2, "two operators in a row"),
    (["search", "HTX AND OR x"], 2, "two operators in a row"),
    (["compare", "HTX", "--chart", "x.txt"], 2, "give a file name ending in .png"),
    (["compare", "HTX", "--chart", ""], 2, "give a file name ending in .png"),
    (["portal", "check", "--nope"], 2, "htx portal check: error: No such option"),
    (["show"], 2, "htx show: error: Missing argument"),
])
def test_mistakes_are_one_line(two_segments, args, code, says):
    assert says in one_line_error(run_htx(*args, data_dir=two_segments, check=False), code)


def test_data_directory_that_is_a_file(tmp_path):
    """A data directory that cannot be one (a file stands there): one line naming the path, exit 1."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    records = write_jsonl(tmp_path / "a.jsonl", [article(1)])
    for args in (["index", records], ["reindex"], ["crawl", "soctrang", "--base-url", "soctrang=http://127.0.0.1:9"]):
        line = one_line_error(run_htx(*args, data_dir=blocker / "data", check=False))
        assert str(blocker) in line, line


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes whatever the permissions say")
def test_read_only_data_directory(tmp_path, two_segments):
    records = write_jsonl(tmp_path / "a.jsonl", [article(1)])
    os.chmod(two_segments / "index", 0o555)
    os.chmod(two_segments, 0o555)
    try:
        for args in (["index", records], ["reindex"]):
            assert "Permission denied" in one_line_error(run_htx(*args, data_dir=two_segments, check=False))
    finally:
        os.chmod(two_segments, 0o755)
        os.chmod(two_segments / "index", 0o755)
    assert total(two_segments) == 30


# --- hostile pages ---------------------------------------------------------------------------------------------


def test_hostile_page_is_too_complex(tmp_path):
    """100,000 nested mixed tags: 'page too complex' at once, in htx extract as in the crawl (same function)."""
    tags = ["div", "span", "b", "section", "font", "a"]
    page = "<html><body>" + "".join(f"<{tags[n % 6]}>x " for n in range(100_000)) + "Hợp tác xã." * 50 + "</body></html>"
    path = tmp_path / "nested.html"
    path.write_text(page, encoding="utf-8")
    result = run_htx("extract", path, "--jsonl")
    assert json.loads(result.stdout)["problem"] == TOO_COMPLEX


PATH = load_truth()["soctrang"]["articles"][0]["path"]


def test_extract_url_within_the_crawl_limits():
    faults = {PATH: Fault("oversize", arg=DOWNLOAD_MAXSIZE + 1024)}
    with serve_faults(faults) as server, serve_faults({}) as other_port:
        faults["/moved"] = Fault("redirect", arg=f"http://127.0.0.1:{other_port.server_port}{PATH}")
        for path, says in ((PATH, "larger than 8 MiB"), ("/moved", "redirected to another site")):
            line = one_line_error(run_htx("extract", f"{server.base_url}{path}", check=False))
            assert says in line, line
        assert other_port.requests[PATH] == 0


def test_portal_learn_within_the_crawl_limits(tmp_path):
    """`portal learn` fetches as `extract URL` does: a start page over the size limit or redirected to another
    port is one line, and the other site is never asked."""
    faults = {"/": Fault("oversize", arg=DOWNLOAD_MAXSIZE + 1024)}
    with serve_faults(faults) as server, serve_faults({}) as other_port:
        faults["/moved"] = Fault("redirect", arg=f"http://127.0.0.1:{other_port.server_port}/")
        for path in ("/", "/moved"):
            line = one_line_error(run_htx("portal", "learn", f"{server.base_url}{path}", "--province", "Sóc Trăng",
                                          data_dir=tmp_path, check=False))
            assert "cannot fetch the start page" in line, line
        assert other_port.requests["/"] == 0


@pytest.mark.parametrize("url, other, same", [
    ("http://dongthap.gov.vn/a", "https://www.dongthap.gov.vn/b", True),  # https and www. are the same portal
    ("http://dongthap.gov.vn/", "http://dongthap.gov.vn:80/", True),
    ("http://127.0.0.1:8000/", "http://127.0.0.1:9000/", False),  # another port is another site
    ("https://dongthap.gov.vn/", "https://soctrang.gov.vn/", False),
])
def test_same_site(url, other, same):
    assert same_site(url, other) is same


@pytest.mark.parametrize("declared, encoding", [("text/html; charset=windows-1258", "utf-8"),
                                                ("text/html; charset=iso-8859-1", "utf-8"),
                                                ("text/html; charset=utf-8", "cp1258"), (None, "cp1258")])
def test_bytes_win_over_the_declared_charset(caplog, declared, encoding):
    text = "Hơ\u0323p ta\u0301c xa\u0303 đươ\u0300ng"  # writable in windows-1258 (tone marks combining)
    page = f"<html><body><p>{text}</p></body></html>".encode(encoding)
    with caplog.at_level("WARNING", logger="htx.pages"):
        assert "Hợp tác xã" in decode_html(page, declared)
    assert "read as" in caplog.text


# --- readers and writers at once ---------------------------------------------------------------------------------


def test_two_crawls_of_one_portal_count_each_article_once(tmp_path):
    data_dir = tmp_path / "data"
    relevant = sum(a["about_cooperatives"] for a in load_truth()["soctrang"]["articles"])
    with serve_fixtures() as served:
        command = [HTX, "--index", str(data_dir), "crawl", "soctrang", "--base-url", f"soctrang={served['soctrang'][0]}"]
        runs = [subprocess.Popen(command, env={**os.environ, "HTX_INDEX": ""}, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(2)]
        outputs = [run.communicate(timeout=300) for run in runs]
    for run, (_, err) in zip(runs, outputs):
        assert run.returncode == 0 and "Traceback" not in err, err[-3000:]
    new = sum(int(re.search(r"indexed (\d+) new", out).group(1)) for out, _ in outputs)
    assert new == relevant == total(data_dir)


def test_searches_while_imports_commit_and_merge(tmp_path):
    """Readers open a consistent snapshot: searches and stats while imports commit (and Whoosh merges segments)
    never fail."""
    data_dir = tmp_path / "data"
    run_htx("index", write_jsonl(tmp_path / "0.jsonl", [article(0)]), data_dir=data_dir)
    files = [write_jsonl(tmp_path / f"{n}.jsonl", [article(n * 10 + k) for k in range(10)]) for n in range(1, 13)]
    env = {**os.environ, "HTX_INDEX": str(data_dir)}
    writer = subprocess.Popen(["sh", "-c", " && ".join(f"{HTX} index {path}" for path in files)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    reads = 0
    while writer.poll() is None:
        for args in (["search", "hợp tác xã", "--json"], ["stats", "--json"]):
            result = run_htx(*args, data_dir=data_dir, check=False)
            assert result.returncode == 0 and not result.stderr, result.stderr
            reads += 1
    assert writer.returncode == 0 and reads and total(data_dir) == 121


# --- inside a crawl: one line, counted, nothing lost --------------------------------------------------------------


def small_batches(tmp_path):
    """A profile folder for HTX_PORTALS: soctrang.toml committing 3 articles at a time (several batches a crawl)."""
    folder = tmp_path / "portals"
    folder.mkdir()
    profile = (ROOT / "crawler" / "portals" / "soctrang.toml").read_text(encoding="utf-8")
    (folder / "soctrang.toml").write_text(profile + "\n[settings]\nhtx_batch_size = 3\n", encoding="utf-8")
    return folder


def test_crawl_batches_meet_a_held_lock(tmp_path):
    """Every batch commit waits past HTX_WRITE_TIMEOUT: one warning line each, counted under failed, the crawl
    ends cleanly; the next crawl indexes the articles kept in items/."""
    data_dir, relevant = tmp_path / "data", sum(a["about_cooperatives"] for a in load_truth()["soctrang"]["articles"])
    env = {"HTX_WRITE_TIMEOUT": "1", "HTX_PORTALS": str(small_batches(tmp_path))}
    with serve_fixtures() as served:
        args = ["crawl", "soctrang", "--base-url", f"soctrang={served['soctrang'][0]}"]
        data_dir.mkdir()
        with holding_write_lock(data_dir):
            busy = run_htx(*args, data_dir=data_dir, env=env)
        assert "Traceback" not in busy.stderr and "ERROR" not in busy.stderr
        warnings = [line for line in busy.stderr.splitlines() if "not indexed" in line]
        assert len(warnings) == -(-relevant // 3) and all("locked by another writer" in w for w in warnings)
        assert f"failed {relevant} (index busy, kept in items/: {relevant})" in busy.stdout
        again = run_htx(*args, data_dir=data_dir, env=env)
    assert f"indexed {relevant} stored articles an interrupted crawl had not committed" in again.stderr
    assert total(data_dir) == relevant and "failed 0" in again.stdout


# --- every command path: malformed URLs, servers that reset or do not speak HTTP, htx serve on damage -------------

LIST = "/portal/Pages/Kinh-te-tap-the.aspx"  # soctrang's news list
BAD_URLS = [
    (["crawl", "--start", "http://[::1", "--province", "Sóc Trăng"], 2, "expected an http(s) URL"),
    (["crawl", "--start", "http://127.0.0.1:99999/", "--province", "Sóc Trăng"], 2, "expected an http(s) URL"),
    (["crawl", "soctrang", "--base-url", "soctrang=http://[::1"], 2, "expected PORTAL=http://host[:port]"),
    (["crawl", "soctrang", "--base-url", "soctrang=http://"], 2, "expected PORTAL=http://host[:port]"),
    (["portal", "learn", "http://[::1", "--province", "Sóc Trăng"], 2, "expected an http(s) URL"),
    (["portal", "check", "soctrang", "--base-url", "notaurl"], 2, "expected http://host[:port]"),
    (["extract", "http://[::1"], 1, "not an http(s) URL"),
    (["facts", "--scope", "bad"], 2, "Invalid value for '--scope'"),
]


@pytest.mark.parametrize("args, code, says", BAD_URLS)
def test_malformed_urls_are_one_line(tmp_path, args, code, says):
    assert says in one_line_error(run_htx(*args, data_dir=tmp_path, check=False), code)


def test_servers_that_reset_or_do_not_speak_http(tmp_path):
    """`portal learn`, `portal check` and `extract URL` against a server that resets the connection, and one that
    answers with a line that is not HTTP: one line each, exit 1."""
    with serve_faults({"/": Fault("reset"), "/robots.txt": Fault("reset"), LIST: Fault("reset")}) as reset, \
            garbage_status_server() as garbage:
        for base in (reset.base_url, garbage):
            for args in (["portal", "learn", base + "/", "--province", "Sóc Trăng"],
                         ["portal", "check", "soctrang", "--base-url", base], ["extract", base + "/"]):
                line = one_line_error(run_htx(*args, data_dir=tmp_path, check=False))
                assert "cannot fetch" in line and "damaged" not in line, line


def test_serve_names_a_damaged_index(two_segments):
    """`htx serve` over a damaged index: every page that reads it answers 503 with the damage line; the server
    logs no traceback."""
    DAMAGE["segment truncated"](two_segments)
    env = {**os.environ, "HTX_INDEX": str(two_segments)}
    server = subprocess.Popen([HTX, "serve", "--port", "0"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        base = re.search(r"http://\S+:\d+", server.stderr.readline()).group(0)
        for path in ("/api/search?q=htx", "/search?q=htx", "/api/compare?q=htx", "/api/facts", "/article?url=x"):
            with pytest.raises(urllib.error.HTTPError) as answer:
                urllib.request.urlopen(base + path, timeout=30)
            assert answer.value.code == 503 and "is damaged" in answer.value.read().decode(), path
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "Traceback" not in errors
