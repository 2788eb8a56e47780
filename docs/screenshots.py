"""Screenshots of `htx serve` pages for the README, taken in Debian's headless Chromium as the browser tests drive it.

    .venv/bin/python docs/screenshots.py DATA_DIR search='/search?q=hop+tac+xa' compare='/compare?q=HTX&period=year'

writes docs/search.png, docs/compare.png … (each page whole, 1280 px wide)."""

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from selenium import webdriver

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars", "--window-size=1280,900")
PORT = 8766


def main(data_dir: str, *pages: str) -> None:
    server = subprocess.Popen([sys.executable, "-m", "search_cli.web", "--port", str(PORT), "--data-dir", data_dir],
                              stderr=subprocess.DEVNULL)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"))
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/crawls", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        for page in pages:
            name, _, path = page.partition("=")
            driver.set_window_size(1280, 900)
            driver.get(f"http://127.0.0.1:{PORT}{path}")
            for _ in range(3):  # the viewport is shorter than the window: grow until the page fits
                missing = driver.execute_script("return document.documentElement.scrollHeight - window.innerHeight")
                if missing <= 0:
                    break
                driver.set_window_size(1280, min(driver.get_window_size()["height"] + missing, 2400))
            target = Path(__file__).parent / f"{name}.png"
            driver.save_screenshot(str(target))
            print(f"{target} ({path})")
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main(*sys.argv[1:])
