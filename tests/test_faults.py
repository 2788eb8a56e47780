"""A failing portal: the crawl finishes, retries what is worth retrying, counts the rest by reason, loses nothing.

The portal is the Sóc Trăng replica served by ``fault_server`` on 127.0.0.1, crawled with ``htx crawl`` as users
run it; a copy of its profile lowers the timeout and the Retry-After cap (``HTX_PORTALS``).
"""

import asyncio
import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from types import SimpleNamespace

import pytest
from conftest import ROOT, load_truth, run_htx
from fault_server import Fault, serve_faults
from scrapy import Request
from scrapy.exceptions import IgnoreRequest

from crawler.middlewares import OFFSITE_REDIRECT, PRIVATE_REDIRECT, PrivateRedirectMiddleware, retry_after_seconds
from indexer.vietnamese.text import fold_space

pytestmark = pytest.mark.e2e  # crawls, kills or servers: the end-to-end tier

LIST = "/portal/Pages/Kinh-te-tap-the.aspx"
ARTICLES = {a["path"].split("/")[3]: a for a in load_truth()["soctrang"]["articles"]}  # by date, e.g. "2025-3-12"
PATH = {day: a["path"] for day, a in ARTICLES.items()}
REAL = "https://www.soctrang.gov.vn"
TIMEOUT, RETRIES, RETRY_AFTER_MAX = 2, 2, 1.5
MIB = 1024 * 1024

# Each fault: the requests the server must see (retries included), and the crawl's verdict, a failure reason
# in the summary or None when the page is indexed in the end.
FAULTS = {
    LIST + "?Page=2": (Fault("503", times=1, arg=1), 2, None),  # a list page: the walk goes on after the retry
    LIST + "?Page=3": (Fault("500", times=1), 2, None),
    PATH["2024-4-5"]: (Fault("timeout", times=1, arg=3 * TIMEOUT), 2, None),
    PATH["2023-12-27"]: (Fault("reset", times=1), 2, None),
    PATH["2023-10-16"]: (Fault("503", times=2, arg=3600), 3, None),  # Retry-After capped at RETRY_AFTER_MAX
    PATH["2023-3-21"]: (Fault("short", times=1), 2, None),  # Content-Length larger than the body, then whole
    PATH["2023-5-15"]: (Fault("charset"), 1, None),
    PATH["2022-9-5"]: (Fault("cut", arg=ARTICLES["2022-9-5"]["body"][2][:25]), 1, None),  # headline, some body
    PATH["2022-11-24"]: (Fault("500"), RETRIES + 1, "HTTP 500"),
    PATH["2025-3-12"]: (Fault("404"), 1, "HTTP 404"),
    PATH["2024-7-22"]: (Fault("oversize", arg=9 * MIB), 1, "page over size limit"),  # DOWNLOAD_MAXSIZE: 8 MiB
    PATH["2025-1-20"]: (Fault("redirect", arg="/moved"), 1, "redirect loop"),
    "/moved": (Fault("redirect", arg=PATH["2025-1-20"]), 1, None),
    PATH["2024-11-14"]: (Fault("empty"), 1, "empty page"),
    PATH["2023-8-25"]: (Fault("cut", arg="tandan-p-article-title"), 1, "no body"),  # a headline only
}
INDEXED_THROUGH_FAULTS = ["2024-4-5", "2023-12-27", "2023-10-16", "2023-3-21", "2023-5-15"]  # and 2022-9-5, cut


@pytest.fixture(scope="module")
def portals(tmp_path_factory):
    """A profile folder for HTX_PORTALS: soctrang.toml with test timeouts, without its sitemap (the faults are
    met through the list pages, whose walk ``--max-list-pages`` bounds)."""
    folder = tmp_path_factory.mktemp("portals")
    profile = (ROOT / "crawler" / "portals" / "soctrang.toml").read_text(encoding="utf-8")
    profile = "\n".join(line for line in profile.splitlines() if not line.startswith("sitemaps ="))
    settings = f"\n[settings]\ndownload_timeout = {TIMEOUT}\nretry_times = {RETRIES}\nhtx_retry_after_max = {RETRY_AFTER_MAX}\n"
    (folder / "soctrang.toml").write_text(profile + settings, encoding="utf-8")
    return folder


def crawl(server, data_dir, portals, *args):
    result = run_htx(
        "crawl", "soctrang", "--base-url", f"soctrang={server.base_url}", *args, data_dir=data_dir, env={"HTX_PORTALS": str(portals)}
    )
    summary = json.loads(max((data_dir / "crawls").glob("[0-9]*.json")).read_text(encoding="utf-8"))[0]
    return result.stdout, summary


def indexed(data_dir):
    """The index as ``htx search`` sees it: {url: hit}."""
    hits = json.loads(run_htx("search", "hợp tác xã", "--limit", "100", "--json", data_dir=data_dir).stdout)["hits"]
    return {hit["url"]: hit for hit in hits}


def gaps(arrivals):
    return [later - earlier for earlier, later in zip(arrivals, arrivals[1:])]


def shown(data_dir, day):
    return json.loads(run_htx("show", REAL + PATH[day], "--json", data_dir=data_dir).stdout)


def test_faulty_portal_after_healthy_one(tmp_path, portals):
    """The healthy portal's first list page, then the whole portal again (--refresh) with every fault at once."""
    with serve_faults({}) as healthy:
        crawl(healthy, tmp_path, portals, "--max-list-pages", "1")
    before, total_before = indexed(tmp_path), json.loads(run_htx("stats", "--json", data_dir=tmp_path).stdout)["total"]
    assert set(before) == {REAL + PATH["2025-3-12"], REAL + PATH["2024-7-22"]}

    with serve_faults({path: fault for path, (fault, _, _) in FAULTS.items()}) as server:
        stdout, summary = crawl(server, tmp_path, portals, "--refresh")

    # Retried where it makes sense, and only there; Retry-After was waited for, up to the cap.
    assert {path: server.requests[path] for path in FAULTS} == {path: requests for path, (_, requests, _) in FAULTS.items()}
    assert min(gaps(server.arrivals[LIST + "?Page=2"])) >= 1 - 0.05
    assert min(gaps(server.arrivals[PATH["2023-10-16"]])) >= RETRY_AFTER_MAX - 0.05

    # Every failure counted once, by reason, in the summary and on the summary line.
    failed = dict(summary["failed"])
    extractor_reasons = [reason for reason in failed if reason not in {r for _, _, r in FAULTS.values()}]
    assert len(extractor_reasons) == 1, failed  # the extractor's own words for a page without article text
    failed["no body"] = failed.pop(extractor_reasons[0])
    assert failed == {reason: 1 for _, _, reason in FAULTS.values() if reason}
    line = next(line for line in stdout.splitlines() if line.strip().startswith("soctrang:"))
    assert f"failed {sum(failed.values())} (" in line and all(f"{reason}: 1" in line for reason in summary["failed"])
    assert (summary["new"], summary["updated"], summary["skipped_not_cooperative"]) == (6, 0, 0)

    # Nothing indexed before is lost; what came through the faults is indexed, in correct Vietnamese.
    after = indexed(tmp_path)
    assert set(before) <= set(after) and len(after) == len(before) + 6
    assert json.loads(run_htx("stats", "--json", data_dir=tmp_path).stdout)["total"] == total_before + 6
    for day in ["2025-3-12", "2024-7-22", *INDEXED_THROUGH_FAULTS]:
        doc, truth = shown(tmp_path, day), ARTICLES[day]
        assert doc["title"] == truth["title"] and fold_space(doc["body"]) == fold_space(" ".join(truth["body"])), day
    cut, truth = shown(tmp_path, "2022-9-5"), ARTICLES["2022-9-5"]
    assert cut["title"] == truth["title"] and fold_space(cut["body"]).startswith(fold_space(" ".join(truth["body"][:2])))
    assert truth["body"][-1] not in cut["body"]


def test_links_and_redirects_stay_on_the_portal(tmp_path, portals):
    """Off-domain links are dropped; a redirect off the portal (to another host — localhost is off the profile's
    domains — or to another port of the replica's host) is not followed and counted as failed with its target."""
    faults = {PATH["2025-1-20"]: Fault("redirect", arg=PATH["2025-1-20"] + "?moved=1")}  # on the replica: followed
    with serve_faults(faults) as server, serve_faults({}) as other_port:
        offsite = f"http://localhost:{server.server_port}"
        faults[PATH["2024-7-22"]] = Fault("redirect", arg=offsite + "/offsite-redirect")
        faults[PATH["2025-3-12"]] = Fault("redirect", arg=f"http://127.0.0.1:{other_port.server_port}{PATH['2025-3-12']}")
        refresh = f'<head><meta http-equiv="refresh" content="0; url={offsite}/offsite-refresh">'.encode()
        faults[PATH["2024-11-14"]] = Fault("replace", arg=(b"<head>", refresh))
        link = f'href="{PATH["2024-11-14"]}"'
        faults[LIST] = Fault("replace", arg=(link.encode(), f'{link}>x</a><a href="{offsite}/offsite-link"'.encode()))
        _, summary = crawl(server, tmp_path, portals, "--max-list-pages", "1", "--keep-all")
    assert server.requests["/offsite-redirect"] == server.requests["/offsite-link"] == 0
    assert other_port.requests[PATH["2025-3-12"]] == 0
    assert server.requests[PATH["2025-1-20"] + "?moved=1"] == 1
    assert summary["failed"] == {f"{OFFSITE_REDIRECT} {offsite}/offsite-redirect": 1,
                                 f"{OFFSITE_REDIRECT} {offsite}/offsite-refresh": 1,
                                 f"{OFFSITE_REDIRECT} http://127.0.0.1:{other_port.server_port}{PATH['2025-3-12']}": 1}


PUBLIC_PORTAL = SimpleNamespace(spider=SimpleNamespace(fetch_base="https://1.1.1.1"))  # an address literal: no DNS
REPLICA = SimpleNamespace(spider=SimpleNamespace(fetch_base="http://127.0.0.1:8000"))


def redirected(url):
    return Request(url, meta={"redirect_urls": ["https://1.1.1.1/portal/Pages/a.aspx"]})


PRIVATE_URLS = ["http://10.1.2.3/", "http://192.168.1.1/admin", "http://127.0.0.1:8000/", "http://localhost/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/"]


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_redirect_to_private_address_refused(url):
    """Refused when a public portal redirects there; followed when the crawl targets a loopback replica."""
    with pytest.raises(IgnoreRequest, match=PRIVATE_REDIRECT):
        asyncio.run(PrivateRedirectMiddleware(PUBLIC_PORTAL).process_request(redirected(url)))
    assert asyncio.run(PrivateRedirectMiddleware(REPLICA).process_request(redirected(url))) is None


def test_public_redirects_and_plain_requests_pass():
    middleware = PrivateRedirectMiddleware(PUBLIC_PORTAL)
    assert asyncio.run(middleware.process_request(redirected("https://1.0.0.1/portal/Pages/b.aspx"))) is None
    assert asyncio.run(middleware.process_request(Request("http://10.1.2.3/"))) is None


def test_retry_after_forms():
    """Retry-After holds seconds or an HTTP date."""
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True).encode()
    assert retry_after_seconds(b"120") == 120
    assert 25 < retry_after_seconds(soon) <= 30
    assert retry_after_seconds(b"soon") is None and retry_after_seconds(None) is None


@pytest.mark.parametrize("fault", [Fault("timeout", arg=3 * TIMEOUT), Fault("reset")])
def test_robots_txt_unreachable_is_one_line(tmp_path, portals, fault):
    """A robots.txt that times out or resets (every try): one warning line, no traceback, and the portal is
    crawled as if it had no robots.txt (Scrapy's choice, kept)."""
    with serve_faults({"/robots.txt": fault}) as server:
        result = run_htx("crawl", "soctrang", "--base-url", f"soctrang={server.base_url}", "--max-list-pages", "1",
                         data_dir=tmp_path, env={"HTX_PORTALS": str(portals)})
    assert server.requests["/robots.txt"] == RETRIES + 1
    assert "Traceback" not in result.stderr
    said = [line for line in result.stderr.splitlines() if "robots.txt could not be fetched" in line]
    assert len(said) == 1 and "crawling as if the site had none" in said[0]
    assert set(indexed(tmp_path)) == {REAL + PATH["2025-3-12"], REAL + PATH["2024-7-22"]}
