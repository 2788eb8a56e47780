"""Web benchmark: `htx serve`'s /search and /compare pages at a large index, one client and 20 at once, next to
the same questions asked through the library call (NewsArchive.search / .coverage) in-process.

    .venv/bin/python benchmarks/bench_web.py /tmp/web-bench --articles 100000   # builds /tmp/web-bench/index first
    .venv/bin/python benchmarks/bench_web.py /tmp/bench                          # a bench_search.py --keep DIR

The server runs as users run it (a uvicorn process on a free loopback port); requests go over keep-alive
connections. "server" is the Server-Timing the application reports (request in to response start), "client"
the time the client waited for the whole page. Warm: every question is asked once before timing.
Prints times; asserts nothing about them.
"""

import argparse
import http.client
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_compare import CASES  # noqa: E402  (benchmarks/bench_compare.py)
from bench_search import build, draw_queries, percentile  # noqa: E402  (benchmarks/bench_search.py)

from indexer.archive import Filters, NewsArchive  # noqa: E402
from indexer.vietnamese.provinces import by_key  # noqa: E402


def search_questions(per_kind: int, seed: int) -> list[dict]:
    """bench_search.py's queries (keywords, phrases, province + month, without diacritics) as the page's
    parameters, the month written as users type it ("tháng 5/2023")."""
    questions = []
    for kind, queries in draw_queries(per_kind, seed).items():
        for query in queries:
            params = {"q": query["text"]}
            if "province" in query:
                month = query["since"][:7]
                params.update(province=by_key(query["province"]).name, since=f"tháng {int(month[5:])}/{month[:4]}")
                params["until"] = params["since"]
            questions.append({"kind": kind, "params": params})
    return questions


def compare_questions() -> list[dict]:
    return [{"kind": "compare", "params": {"q": text, "period": period, "province": names, **({"merged": "1"} if merged else {})}}
            for text, period, names, merged in CASES]


def filters(params: dict) -> Filters:
    province = params.get("province") or ()
    return Filters(tuple([province] if isinstance(province, str) else province), bool(params.get("merged")),
                   params.get("since"), params.get("until"))


def library_ms(archive: NewsArchive, path: str, questions: list[dict]) -> list[float]:
    def ask(params):
        if path == "/search":
            return archive.search(params["q"], filters(params))
        return archive.coverage(params["q"], filters(params), params["period"])

    for question in questions:
        ask(question["params"])
    times = []
    for question in questions:
        start = time.perf_counter()
        ask(question["params"])
        times.append((time.perf_counter() - start) * 1000)
    return times


class Client:
    """One keep-alive HTTP connection to the server."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)

    def get(self, path: str, params: dict) -> tuple[float, float, int]:
        start = time.perf_counter()
        self.connection.request("GET", f"{path}?{urlencode(params, doseq=True)}")
        response = self.connection.getresponse()
        response.read()
        client = (time.perf_counter() - start) * 1000
        server = float(response.getheader("server-timing", "app;dur=nan").partition("dur=")[2])
        return server, client, response.status


def sequential(port: int, path: str, questions: list[dict]) -> tuple[list[float], list[float]]:
    client, server_ms, client_ms = Client(port), [], []
    for question in questions:  # warm-up
        assert client.get(path, question["params"])[2] == 200, question
    for question in questions:
        server, waited, _ = client.get(path, question["params"])
        server_ms.append(server)
        client_ms.append(waited)
    return server_ms, client_ms


def concurrent(port: int, path: str, questions: list[dict], clients: int, per_client: int) -> dict:
    """``clients`` threads, each with its own connection, each asking ``per_client`` questions in turn."""
    client_ms, server_ms, failures, lock = [], [], [], threading.Lock()

    def work(number: int):
        client = Client(port)
        for i in range(per_client):
            question = questions[(number * per_client + i) % len(questions)]
            server, waited, status = client.get(path, question["params"])
            with lock:
                (client_ms.append(waited), server_ms.append(server)) if status == 200 else failures.append(status)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    return {"client": client_ms, "server": server_ms, "failures": failures, "per_second": len(client_ms) / wall}


def cell(times: list[float]) -> str:
    return f"{statistics.median(times):,.0f} / {percentile(times, 95):,.0f}"


def data_dir_for(root: Path, args) -> Path:
    """A data directory over the index: root itself, a link to a bench_search.py --keep index, or built now."""
    if (root / "htx").is_dir():
        data_dir = Path(tempfile.mkdtemp(prefix="htx-web-bench-"))
        (data_dir / "index").symlink_to((root / "htx").resolve())
        return data_dir
    if not (root / "index").is_dir():
        print(f"building {args.articles:,} articles into {root / 'index'}", file=sys.stderr)
        build("htx", root / "index", SimpleNamespace(articles=args.articles, words=600, seed=1, limitmb=256,
                                                     commit_every=10_000, verbose=False))
    return root


def wait_for(port: int, server: subprocess.Popen) -> None:
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit(f"htx serve exited {server.returncode}")
        try:
            Client(port).get("/crawls", {})
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("htx serve did not start")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", help="a data directory (holding index/), or a bench_search.py --keep directory")
    parser.add_argument("--articles", type=int, default=100_000, help="articles to build when root has no index yet")
    parser.add_argument("--queries", type=int, default=10, help="search queries of each of the 4 kinds (default 10)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--per-client", type=int, default=5, help="requests per concurrent client (default 5)")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args(argv)
    data_dir = data_dir_for(Path(args.root), args)
    archive = NewsArchive(data_dir)
    with archive.index().searcher() as searcher:
        size = searcher.doc_count()
    server = subprocess.Popen([sys.executable, "-m", "search_cli.web", "--port", str(args.port), "--data-dir", str(data_dir)],
                              stderr=subprocess.DEVNULL)
    try:
        wait_for(args.port, server)
        print(f"{size:,} articles; p50 / p95 ms; {args.clients} concurrent clients × {args.per_client} requests each\n")
        print("| page | questions | library call | page, one client: server | page, one client: client "
              f"| {args.clients} clients: server | {args.clients} clients: client | {args.clients} clients: pages/s |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for path, questions in (("/search", search_questions(args.queries, 1)), ("/compare", compare_questions())):
            library = library_ms(archive, path, questions)
            server_ms, client_ms = sequential(args.port, path, questions)
            load = concurrent(args.port, path, questions, args.clients, args.per_client)
            failed = f" ({len(load['failures'])} failed)" if load["failures"] else ""
            print(f"| {path} | {len(questions)} | {cell(library)} | {cell(server_ms)} | {cell(client_ms)} "
                  f"| {cell(load['server'])} | {cell(load['client'])} | {load['per_second']:.1f}{failed} |")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
