"""Crawl benchmark: a full htx crawl of a large generated portal over loopback, a repeat crawl of it, and a
fetch-only Scrapy baseline measured in the same run.

Generates a site in the shape of the Sóc Trăng fixture (benchmarks/synthetic_site.py: list pages of 20
articles, N article pages built from the fixture's own article pages, robots.txt) and a profile ``bench.toml``
whose ``[settings]`` turn politeness off, serves it with crawler.fixture_server.serve_fixtures on 127.0.0.1,
and runs, each as its own process with HTX_PORTALS pointing at the generated profile:

  baseline   python benchmarks/bench_crawl.py --baseline-spider URL: a tiny Scrapy spider that follows the same
             list and article links (the profile's selectors) with the same Scrapy settings as htx (project
             settings, loopback overrides, the profile's [settings]) but extracts, stores and indexes nothing
             and has no HTTP cache
  full       htx --index DATA crawl bench --base-url bench=URL   (extraction, item store, index, HTTP cache)
  repeat     the same command again into the same DATA: what an incremental crawl of an unchanged site costs
  full-stored, repeat-stored   (with --stored N) the same two crawls into a DATA that already holds N stored
             articles of another portal (items/ and the crawl database as earlier crawls leave them, the index
             left empty: synthetic_site.stored_archive, which also times filling the database from items/): the
             repeat shows whether a crawl's start-up grows with the archive

Pages are the requests the site's counter saw (robots.txt counted apart); seconds are wall-clock time of the
process from start to exit (imports and the final commit included); "fetch window" is the first to the last
request the server saw; peak RSS is the child's ru_maxrss (os.wait4). CPU is the child's user+system time.
The HTTP server runs in this process and its CPU time is reported apart ("server CPU").

    .venv/bin/python benchmarks/bench_crawl.py                       # 5,000 articles (several minutes)
    .venv/bin/python benchmarks/bench_crawl.py --articles 300        # a quick check
    .venv/bin/python benchmarks/bench_crawl.py --articles 500 --profile /tmp/crawl.prof   # cProfile the full crawl
    .venv/bin/python benchmarks/bench_crawl.py --keep /tmp/bench --json out.json
    .venv/bin/python benchmarks/bench_crawl.py --runs baseline              # only the baseline (seconds)
    .venv/bin/python benchmarks/bench_crawl.py --articles 300 --stored 100000 --runs full,repeat,full-stored,repeat-stored
    .venv/bin/python benchmarks/bench_crawl.py --replicas   # crawl --start on the replicas without a profile

The fixture server's sockets get a listen queue of 128 (--backlog; the standard library's default of 5
overflows under eight concurrent connections, and every dropped connection costs the client a one-second SYN
retry, which halved the baseline's pages/s). Overflows seen by the kernel during each run are reported.

Prints numbers; asserts nothing about them. Nothing leaves 127.0.0.1 (proxy variables are removed from the
children's environment).
"""

import argparse
import http.server
import json
import os
import platform
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

PORTAL = "bench"
MARKER = ".htx-bench-crawl"
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "ftp_proxy", "no_proxy")


# ---------------------------------------------------------------------------------------------- baseline spider


def effective_settings(profile) -> "Settings":  # noqa: F821
    """The Scrapy settings an htx crawl of a replica runs with (crawler/run.py: project settings, then the
    loopback overrides and the run's own settings at cmdline priority; the profile's [settings] apply at
    spider priority), without what belongs to htx's storage: no HTTP cache, no item pipelines."""
    from scrapy.settings import Settings

    from crawler.run import LOOPBACK_SETTINGS

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.update(LOOPBACK_SETTINGS, priority="cmdline")
    settings.set("ITEM_PIPELINES", {}, priority="cmdline")
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    return settings


def run_baseline_spider(base_url: str, portal: str) -> int:
    """Fetch-only crawl of ``portal`` at ``base_url``; prints one JSON line with Scrapy's stats."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    from crawler.profiles import load_profiles
    from crawler.run import setup_logging

    profile = load_profiles()[portal]

    class FetchOnlySpider(scrapy.Spider):
        """Follows the profile's list and article links; article pages are fetched and dropped."""

        name = f"{portal}_fetch_only"
        custom_settings = profile.settings
        allowed_domains = [*profile.domains, "127.0.0.1"]

        async def start(self):
            for url in profile.start_urls(base_url):
                yield scrapy.Request(url, callback=self.parse_list, headers={"Cache-Control": "max-age=0"})

        def parse_list(self, response):
            for href in response.css(profile.article_links).xpath("@href").getall():
                yield response.follow(href, callback=self.parse_article)
            next_href = response.css(profile.next_page).xpath("@href").get()
            if next_href:
                yield response.follow(next_href, callback=self.parse_list, headers={"Cache-Control": "max-age=0"})

        def parse_article(self, response):
            self.crawler.stats.inc_value("bench/article_bytes", len(response.body))

    setup_logging(False)
    settings = effective_settings(profile)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(FetchOnlySpider)
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats()
    keys = ("downloader/response_count", "downloader/request_count", "response_received_count", "finish_reason",
            "elapsed_time_seconds", "bench/article_bytes", "robotstxt/request_count")
    effective = {k: crawler.settings.get(k) for k in ("CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "DOWNLOAD_DELAY",
                                                      "AUTOTHROTTLE_ENABLED", "ROBOTSTXT_OBEY", "HTTPCACHE_ENABLED")}
    print(json.dumps({"stats": {k: stats.get(k) for k in keys}, "settings": effective}, default=str))
    return 0


# ---------------------------------------------------------------------------------------------- measuring


class TimedCounter(Counter):
    """The fixture site's request counter, also noting when the first and the last request came in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.first = self.last = None
        self.times: list[float] = []
        self.lock = threading.Lock()

    def __setitem__(self, key, value):
        now = time.perf_counter()
        with self.lock:
            if self.first is None:
                self.first = now
            self.last = now
            self.times.append(now)
            super().__setitem__(key, value)


def throughput_by_fifth(times: list[float]) -> list[float]:
    """Requests per second in each fifth of the fetch window: a crawl that slows down as the index grows shows here."""
    if len(times) < 10 or times[-1] <= times[0]:
        return []
    start, span = times[0], (times[-1] - times[0]) / 5
    counts = Counter(min(4, int((t - start) / span)) for t in times)
    return [counts[i] / span for i in range(5)]


class RssSampler(threading.Thread):
    """Polls a process's VmRSS (/proc/PID/status) every ``interval`` seconds: how memory grows during a crawl."""

    def __init__(self, pid: int, interval: float = 0.5):
        super().__init__(daemon=True)
        self.pid, self.interval, self.samples = pid, interval, []
        self.stopped = threading.Event()
        self.start_time = time.perf_counter()

    def run(self):
        status = Path(f"/proc/{self.pid}/status")
        while not self.stopped.is_set():
            try:
                text = status.read_text()
            except OSError:
                return
            for line in text.splitlines():
                if line.startswith("VmRSS:"):
                    self.samples.append((round(time.perf_counter() - self.start_time, 2), int(line.split()[1]) / 1024))
            self.stopped.wait(self.interval)


def listen_overflows() -> int | None:
    """The kernel's count of connections dropped because a listen queue was full (all sockets; Linux only).
    Each drop costs the client a SYN retransmission, about a second."""
    try:
        lines = Path("/proc/net/netstat").read_text().splitlines()
    except OSError:
        return None
    for names, values in zip(lines[::2], lines[1::2]):
        if names.startswith("TcpExt:"):
            row = dict(zip(names.split()[1:], values.split()[1:]))
            return int(row.get("ListenOverflows", 0))
    return None


def child_env(portals: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k.lower() not in PROXY_VARIABLES and k != "HTX_INDEX"}
    env["HTX_PORTALS"] = str(portals)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_child(cmd: list[str], env: dict, log: Path, site) -> dict:
    """Run one crawl process; wall time, its own rusage (peak RSS, CPU), and what the site saw."""
    site.requests = TimedCounter()
    site.not_modified.clear()
    server_before = resource.getrusage(resource.RUSAGE_SELF)
    overflows_before = listen_overflows()
    load = os.getloadavg()[0]
    with open(log.with_suffix(".out"), "wb") as out, open(log.with_suffix(".err"), "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err, cwd=ROOT)
        sampler = RssSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        sampler.stopped.set()
    proc.returncode = os.waitstatus_to_exitcode(status)
    server_after = resource.getrusage(resource.RUSAGE_SELF)
    requests = site.requests
    robots = sum(n for path, n in requests.items() if path.split("?")[0] == "/robots.txt")
    lists = sum(n for path, n in requests.items() if path.split("?")[0].endswith("/Kinh-te-tap-the.aspx"))
    total = sum(requests.values())
    pages = total - robots
    window = (requests.last - requests.first) if requests.first is not None else 0.0
    result = {
        "command": cmd,
        "exit_code": proc.returncode,
        "requests": total,
        "robots_requests": robots,
        "pages": pages,
        "list_pages": lists,
        "article_pages": pages - lists,
        "not_modified_304": sum(site.not_modified.values()),
        "seconds": wall,
        "pages_per_second": pages / wall if wall else 0.0,
        "fetch_window_seconds": window,
        "pages_per_second_in_window": pages / window if window > 0 else None,
        "startup_seconds": (requests.first - start) if requests.first is not None else None,
        "after_last_request_seconds": (start + wall - requests.last) if requests.last is not None else None,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "listen_overflows": (listen_overflows() - overflows_before) if overflows_before is not None else None,
        "server_cpu_seconds": (server_after.ru_utime + server_after.ru_stime) - (server_before.ru_utime + server_before.ru_stime),
        "load_average_before": load,
        "requests_per_second_by_fifth": throughput_by_fifth(requests.times),
        "rss_mb_by_fifth": rss_by_fifth(sampler.samples, wall),
        "rss_samples_mb": sampler.samples,
        "log": str(log.with_suffix(".err")),
    }
    if proc.returncode != 0:
        tail = log.with_suffix(".err").read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}:\n{tail}")
    return result


def rss_by_fifth(samples: list[tuple[float, float]], wall: float) -> list[float]:
    """The highest RSS sampled in each fifth of the run (MB)."""
    if not samples or wall <= 0:
        return []
    fifths = [0.0] * 5
    for t, mb in samples:
        i = min(4, int(5 * t / wall))
        fifths[i] = max(fifths[i], mb)
    return fifths


def latest_summary(data: Path) -> dict:
    files = sorted((data / "crawls").glob("*.json"))
    if not files:
        return {}
    summaries = json.loads(files[-1].read_text(encoding="utf-8"))
    return next((s for s in summaries if s["portal"] == PORTAL), {})


def indexed_total(htx: str, data: Path, env: dict) -> int:
    out = subprocess.run([htx, "--index", str(data), "stats", "--json"], env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)["total"]


def top_functions(prof: Path, count: int = 30) -> str:
    import io

    buffer = io.StringIO()
    stats = pstats.Stats(str(prof), stream=buffer)
    stats.strip_dirs().sort_stats("cumulative").print_stats(count)
    stats.sort_stats("tottime").print_stats(count)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------- report


def report(result: dict) -> str:
    runs = result["runs"]
    lines = [
        f"site: {result['site']['articles']} articles ({result['site']['about_cooperatives']} about cooperatives), "
        f"{result['site']['list_pages']} list pages, {result['site']['bytes'] / 1e6:.1f} MB; "
        f"{result['machine']['cpus']} CPUs, Python {result['machine']['python']}, Scrapy {result['machine']['scrapy']}",
        "",
        f"{'run':<30} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'window s':>9} {'pages/s*':>8} {'CPU s':>7} {'peak RSS MB':>11}",
    ]
    stored = f"{result.get('stored', 0):,} stored"
    labels = {"full": "htx full crawl", "repeat": "htx repeat crawl", "baseline": "fetch-only baseline (Scrapy)",
              "full-stored": f"htx full crawl, {stored}", "repeat-stored": f"htx repeat crawl, {stored}"}
    for key in ("full", "repeat", "full-stored", "repeat-stored", "baseline"):
        run = runs.get(key)
        if not run:
            continue
        in_window = f"{run['pages_per_second_in_window']:.1f}" if run["pages_per_second_in_window"] else "-"
        lines.append(
            f"{labels[key]:<30} {run['pages']:>6} {run['seconds']:>8.2f} {run['pages_per_second']:>8.1f} "
            f"{run['fetch_window_seconds']:>9.2f} {in_window:>8} {run['cpu_seconds']:>7.1f} {run['peak_rss_mb']:>11.1f}"
        )
    lines.append("  pages: requests the site answered, robots.txt not counted; window: first to last request; "
                 "pages/s*: pages / window")
    full, repeat, base = runs.get("full"), runs.get("repeat"), runs.get("baseline")
    if full:
        s = full.get("summary", {})
        lines += ["", f"full crawl: {full['list_pages']} list + {full['article_pages']} article pages; indexed {full.get('indexed')} "
                      f"(summary: {s.get('pages_fetched')} pages fetched, {s.get('new')} new, {s.get('skipped_not_cooperative')} skipped not about cooperatives, "
                      f"failed {sum(s.get('failed', {}).values()) if s else '?'}); started fetching after {full['startup_seconds']:.2f} s, "
                      f"exited {full['after_last_request_seconds']:.2f} s after the last request; "
                      f"{1000 * full['cpu_seconds'] / max(1, full['pages']):.1f} ms CPU per page"]
    if repeat:
        s = repeat.get("summary", {})
        lines.append(f"repeat crawl: {repeat['requests']} requests ({repeat['robots_requests']} robots.txt, {repeat['list_pages']} list, "
                     f"{repeat['article_pages']} article; {repeat['not_modified_304']} answered 304), {repeat['seconds']:.2f} s, "
                     f"{s.get('known_not_fetched')} articles already stored not fetched; index still {repeat.get('indexed')} articles")
    for key in ("repeat", "repeat-stored"):
        run = runs.get(key)
        if run:
            lines.append(f"{labels[key]}: {run['requests']} requests; started fetching after {run['startup_seconds']:.2f} s, "
                         f"{run['seconds']:.2f} s in all, peak RSS {run['peak_rss_mb']:.0f} MB")
    if base:
        lines.append(f"baseline: {base['list_pages']} list + {base['article_pages']} article pages, "
                     f"{1000 * base['cpu_seconds'] / max(1, base['pages']):.1f} ms CPU per page; settings {base.get('settings')}")
    if full and base and base["pages_per_second"]:
        lines += ["", f"htx full crawl vs fetch-only baseline: {full['pages_per_second'] / base['pages_per_second']:.2f}x the pages/s "
                      f"({full['seconds'] / base['seconds']:.2f}x the time, {full['cpu_seconds'] / max(base['cpu_seconds'], 1e-9):.2f}x the CPU, "
                      f"{full['peak_rss_mb'] / base['peak_rss_mb']:.2f}x the peak RSS)"]
    for key in ("full", "baseline"):
        run = runs.get(key)
        if run and run.get("requests_per_second_by_fifth"):
            lines.append(f"{labels[key]}, by fifths of the run: requests/s "
                         + " ".join(f"{v:.0f}" for v in run["requests_per_second_by_fifth"])
                         + "; RSS MB " + " ".join(f"{v:.0f}" for v in run["rss_mb_by_fifth"]))
    lines.append("server CPU (this process) per run: " + ", ".join(f"{k} {v['server_cpu_seconds']:.1f} s" for k, v in runs.items())
                 + f"; listen backlog {result.get('backlog')}, listen-queue overflows (whole machine): "
                 + ", ".join(f"{k} {v.get('listen_overflows')}" for k, v in runs.items()))
    if result.get("profile"):
        lines.append(f"(full crawl ran under cProfile: {result['profile']}; its times are inflated)")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------- replicas


def crawl_replicas() -> int:
    """``htx crawl --start`` on each replica portal without a profile (fixtures/truth/learned/), twice into a fresh
    data directory: requests the site saw (robots.txt and learning included) against the bound of the issue."""
    from crawler.fixture_server import serve_fixtures

    htx = str(Path(sys.executable).with_name("htx"))
    env = {k: v for k, v in child_env(ROOT).items() if k != "HTX_PORTALS"}  # the shipped profiles only
    print(f"{'replica':<12} {'family':<10} {'articles':>8} {'lists':>5} {'bound':>6} {'first':>6} {'repeat':>6}")
    with serve_fixtures() as served:
        for truth_file in sorted((ROOT / "fixtures" / "truth" / "learned").glob("*.json")):
            truth = json.loads(truth_file.read_text(encoding="utf-8"))
            url, site = served[truth["portal"]]
            data = tempfile.mkdtemp(prefix="htx-replica-")
            counts = []
            for _ in range(2):
                site.requests.clear()
                subprocess.run([htx, "--index", data, "crawl", "--start", url + truth["start"], "--province", truth["province"]],
                               env=env, check=True, capture_output=True, cwd=ROOT)
                counts.append(sum(site.requests.values()))
            shutil.rmtree(data, ignore_errors=True)
            articles, lists = len(truth["articles"]), truth["list_pages"]
            print(f"{truth['portal']:<12} {truth['family']:<10} {articles:>8} {lists:>5} {1.5 * (articles + lists):>6.1f} "
                  f"{counts[0]:>6} {counts[1]:>6}")
    return 0


# ---------------------------------------------------------------------------------------------- main


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    parser.add_argument("--articles", type=int, default=5000, help="article pages in the generated site (default 5000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", metavar="DIR", help="generate and crawl in DIR (kept) instead of a temporary directory")
    parser.add_argument("--json", metavar="FILE", help="also save every number as JSON")
    parser.add_argument("--profile", metavar="FILE", help="run the full htx crawl under cProfile, saving the stats to FILE")
    parser.add_argument("--runs", default="baseline,full,repeat",
                        help="which runs, comma-separated, in this order (default baseline,full,repeat; repeat needs full)")
    parser.add_argument("--stored", type=int, default=0, metavar="N",
                        help="for the full-stored and repeat-stored runs: stored articles already in their data directory")
    parser.add_argument("--backlog", type=int, default=128,
                        help="listen queue of the fixture server's sockets (default 128; the standard library's 5 "
                             "drops connections under 8 concurrent requests, each drop a 1 s SYN retry)")
    parser.add_argument("--replicas", action="store_true",
                        help="instead: learn and crawl each replica portal without a profile, first and repeat crawl")
    parser.add_argument("--baseline-spider", metavar="URL", help=argparse.SUPPRESS)  # child mode
    parser.add_argument("--portal", default=PORTAL, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.baseline_spider:
        return run_baseline_spider(args.baseline_spider, args.portal)
    if args.replicas:
        return crawl_replicas()

    runs = [r.strip() for r in args.runs.split(",") if r.strip()]
    unknown = set(runs) - {"baseline", "full", "repeat", "full-stored", "repeat-stored"}
    out_of_order = any(r in runs and (f not in runs or runs.index(r) < runs.index(f))
                       for f, r in (("full", "repeat"), ("full-stored", "repeat-stored")))
    if unknown or out_of_order or ("full-stored" in runs and args.stored <= 0):
        parser.error("--runs: baseline, full, repeat, full-stored, repeat-stored; each repeat after its full; "
                     "the stored runs need --stored N")

    import scrapy
    import synthetic_site

    from crawler.fixture_server import serve_fixtures

    python = sys.executable
    htx = str(Path(python).with_name("htx"))
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="htx-bench-crawl-"))
    if args.keep and work.exists() and any(work.iterdir()):
        if not (work / MARKER).exists():
            parser.error(f"--keep {work}: not empty and not left by an earlier bench_crawl run")
        shutil.rmtree(work)  # a fresh site and data directory every run
    work.mkdir(parents=True, exist_ok=True)
    (work / MARKER).write_text("generated by benchmarks/bench_crawl.py; deleted by its next --keep run here\n")
    try:
        t0 = time.perf_counter()
        info = synthetic_site.generate(work, args.articles, args.seed)
        generated_in = time.perf_counter() - t0
        print(f"generated {info['articles']} articles, {info['list_pages']} list pages ({info['bytes'] / 1e6:.1f} MB) "
              f"in {generated_in:.1f} s under {work}", file=sys.stderr)
        del info["generated"]
        portals, data, logs = Path(info["portals"]), work / "data", work / "logs"
        logs.mkdir(exist_ok=True)
        if args.stored:
            t0 = time.perf_counter()
            subprocess.run([sys.executable, str(BENCH_DIR / "synthetic_site.py"), str(work / "data-stored"), "--archive",
                            "--articles", str(args.stored), "--seed", str(args.seed)], check=True, cwd=ROOT)
            print(f"stored the archive in {time.perf_counter() - t0:.1f} s (a child process)", file=sys.stderr)
        env = child_env(portals)
        result = {
            "articles": args.articles,
            "seed": args.seed,
            "site": info,
            "work_dir": str(work),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "scrapy": scrapy.__version__,
                        "platform": platform.platform()},
            "runs": {},
            "profile": args.profile,
            "stored": args.stored,
        }
        result["backlog"] = args.backlog
        http.server.ThreadingHTTPServer.request_queue_size = args.backlog  # class attribute read by server_activate()
        with serve_fixtures(work) as served:
            url, site = served[PORTAL]
            print(f"serving {PORTAL} at {url}", file=sys.stderr)
            crawl = [htx, "--index", str(data), "crawl", PORTAL, "--base-url", f"{PORTAL}={url}"]
            stored_crawl = [htx, "--index", str(work / "data-stored"), "crawl", PORTAL, "--base-url", f"{PORTAL}={url}"]
            commands = {
                "full-stored": stored_crawl,
                "repeat-stored": stored_crawl,
                "baseline": [python, str(Path(__file__).resolve()), "--baseline-spider", url, "--portal", PORTAL],
                "full": [python, "-m", "cProfile", "-o", str(Path(args.profile).resolve()), *crawl] if args.profile else crawl,
                "repeat": crawl,
            }
            for name in runs:
                if name.startswith("repeat"):
                    time.sleep(1.1)  # crawl summaries are named by the second
                print(f"{name}: {' '.join(commands[name])}", file=sys.stderr)
                run = run_child(commands[name], env, logs / name, site)
                if name == "baseline":
                    run.update(json.loads((logs / "baseline.out").read_text(encoding="utf-8").strip().splitlines()[-1]))
                else:
                    run_data = work / "data-stored" if name.endswith("-stored") else data
                    run["summary"] = latest_summary(run_data)
                    run["indexed"] = indexed_total(htx, run_data, env)
                result["runs"][name] = run
                print(f"  {run['requests']} requests in {run['seconds']:.1f} s; {run['listen_overflows']} listen-queue overflows", file=sys.stderr)
        print(report(result))
        if args.profile:
            print("\n" + top_functions(Path(args.profile)), file=sys.stderr)
        if args.json:
            Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
