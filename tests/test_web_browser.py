"""htx serve as users run it: a server process on a free loopback port over a real index, driven in Debian's
headless Chromium through its chromedriver (nothing downloaded; `.ci/run` installs both with apt)."""

import csv
import os
import re
import shutil
import subprocess
import time
import urllib.parse
from pathlib import Path

import pytest
from conftest import HTX, run_htx
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
from web_corpus import XSS_URL, build_data_dir

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000")
SERVE = [HTX, "serve"]

if not (CHROMIUM and CHROMEDRIVER):
    if os.environ.get("CI"):
        raise RuntimeError("CI needs chromium and chromedriver: apt-get install -y chromium chromium-driver")
    pytest.skip("chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver)", allow_module_level=True)


def wait_for_address(log: Path, server: subprocess.Popen, tries: int = 600) -> str:
    """The address `htx serve --port 0` says it listens on (its first line on stderr)."""
    for _ in range(tries):
        found = re.search(r"open (http://\S+)/search", log.read_text(encoding="utf-8"))
        if found:
            return found.group(1)
        if server.poll() is not None:
            raise AssertionError(f"htx serve exited {server.returncode}: {log.read_text(encoding='utf-8')}")
        time.sleep(0.1)
    raise AssertionError("htx serve did not say where it listens")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data_dir = build_data_dir(tmp_path_factory.mktemp("web-browser") / "data", run_htx)
    log = data_dir.parent / "serve.log"
    with log.open("w", encoding="utf-8") as stderr:
        process = subprocess.Popen([*SERVE, "--port", "0", "--data-dir", str(data_dir)], stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        yield wait_for_address(log, process), data_dir
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def test_search_without_diacritics_province_and_month_then_open_a_hit(server, browser):
    base, _ = server
    browser.get(base + "/search")
    browser.find_element(By.NAME, "q").send_keys("hop tac xa")
    Select(browser.find_element(By.NAME, "province")).select_by_visible_text("Sóc Trăng")
    browser.find_element(By.NAME, "since").send_keys("tháng 5/2023")
    browser.find_element(By.NAME, "until").send_keys("tháng 5/2023")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.ID, "total"))
    hits = browser.find_elements(By.CSS_SELECTOR, "li.hit")
    assert hits and browser.find_element(By.ID, "total").text.startswith(f"{len(hits)} bài viết")
    for hit in hits:
        meta = hit.find_element(By.CSS_SELECTOR, ".meta").text
        assert meta.startswith("Sóc Trăng · ") and "/05/2023" in meta
    assert browser.find_elements(By.CSS_SELECTOR, "li.hit mark")
    title = hits[0].find_element(By.CSS_SELECTOR, "a.title")
    expected = title.text
    title.click()
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "article h1"))
    assert browser.find_element(By.CSS_SELECTOR, "article h1").text == expected
    assert browser.find_element(By.CSS_SELECTOR, "a.source").get_attribute("href").startswith("https://")


def test_compare_shows_the_chart_and_downloads_the_csv(server, browser, downloads):
    base, data_dir = server
    browser.get(base + "/search")
    browser.find_element(By.LINK_TEXT, "So sánh tỉnh").click()
    browser.find_element(By.NAME, "q").send_keys("hợp tác xã")
    Select(browser.find_element(By.NAME, "period")).select_by_visible_text("năm")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    chart = WebDriverWait(browser, 30).until(lambda d: d.find_element(By.ID, "heatmap"))
    assert chart.is_displayed() and chart.size["width"] > 300
    cells = chart.find_elements(By.TAG_NAME, "rect")
    assert len(cells) >= 5 * 3  # five provinces, three years (and the legend)
    browser.find_element(By.ID, "csv").click()
    target = downloads / "htx-compare-year.csv"
    WebDriverWait(browser, 30).until(lambda _: target.exists() and target.stat().st_size)
    expected = run_htx("compare", "hợp tác xã", "--period", "year", "--csv", data_dir=data_dir).stdout
    assert list(csv.reader(target.open(encoding="utf-8"))) == list(csv.reader(expected.splitlines()))


def test_facts_page_draws_the_history(server, browser):
    base, _ = server
    browser.get(base + "/facts?metric=cooperatives")
    assert browser.find_element(By.ID, "history").is_displayed()
    assert len(browser.find_elements(By.CSS_SELECTOR, "#latest tbody tr")) == 5


def test_crawled_script_and_handlers_do_not_run(server, browser):
    base, _ = server
    browser.get(f"{base}/article?url={urllib.parse.quote(XSS_URL, safe='')}")
    assert "<script>window.__xss = 1</script>" in browser.find_element(By.CSS_SELECTOR, "article h1").text
    assert '<a href="javascript:window.__xss = 3">' in browser.find_element(By.CSS_SELECTOR, "article").text
    for path in ("/search?q=th%E1%BB%AD+nghi%E1%BB%87m", "/search?q=%C4%91%E1%BB%8Ba+ch%E1%BB%89+l%E1%BA%A1", None):
        if path:
            browser.get(base + path)
        hrefs = [link.get_attribute("href") or "" for link in browser.find_elements(By.TAG_NAME, "a")]
        assert all(href.startswith(("http://", "https://")) for href in hrefs), hrefs
        assert not browser.find_elements(By.CSS_SELECTOR, "script, iframe, img, [onerror]")
        assert browser.execute_script("return window.__xss === undefined")
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text
