"""A reporter's path through the site in headless Chromium, against a real `scrutiny serve`.

Home page -> search -> authority page -> person page -> archived copy, with a
screenshot of each under tests/artifacts/. Uses Debian's chromium and
chromium-driver (the Makefile installs them); skips when they are absent.
"""

from __future__ import annotations

import base64
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from scrutiny.config import Paths
from scrutiny.db.fixtures import GOLD_DIRS, REPORTS_DIR

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).parent / "artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"scrutiny serve exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"scrutiny serve did not answer {url} in {timeout}s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def server(seeded_db: Paths, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """`scrutiny serve` on a free 127.0.0.1 port over the fixture database; yields (base URL, log file)."""
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "scrutiny", "serve", "--data-dir", str(seeded_db.data_dir),
             "--host", "127.0.0.1", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/-/versions.json", process, log)
        yield base, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip(f"headless browser test needs {CHROMIUM} and {CHROMEDRIVER} (apt-get install chromium "
                    "chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def screenshot(driver, name: str) -> Path:
    """The whole page, not just the window (Chrome DevTools' captureBeyondViewport)."""
    ARTIFACTS.mkdir(exist_ok=True)
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 8000), "scale": 1},
    })
    path = ARTIFACTS / f"{name}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def page_text(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.TAG_NAME, "body").text


def assert_shows(driver, *expected: str) -> None:
    text = page_text(driver)
    missing = [e for e in expected if e not in text]
    assert not missing, f"{driver.current_url} does not show {missing}"


def test_a_reporter_follows_the_sandwell_story(server, browser):
    from selenium.webdriver.common.by import By

    base, log = server
    browser.get(base + "/")
    assert_shows(browser, "scrutiny: children's services in England", "Authorities", "Open Government Licence")
    screenshot(browser, "01-home")

    box = browser.find_element(By.ID, "scrutiny-q")
    box.send_keys("Impower")
    box.submit()
    assert "/scrutiny/search" in browser.current_url
    marks = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "td mark")]
    assert marks and all(m == "Impower" for m in marks)
    assert_shows(browser, "Sandwell looks to private partner to break cycle of failure")
    screenshot(browser, "02-search")

    browser.get(base + "/authorities")
    browser.find_element(By.LINK_TEXT, "Sandwell").click()
    assert browser.current_url == base + "/authority/333"
    assert_shows(browser, "Sandwell", "West Midlands", "Current grades", "Inadequate", "Helen Smith",
                 "Simon White", "Contract: Impower", "Statutory direction (proposed)", "Departure: Helen Smith")
    grades = {g.text for g in browser.find_elements(By.CSS_SELECTOR, ".scrutiny-grades .grade")}
    # Sandwell today: Good by its 2025 report when the Ofsted corpus is there, else inadequate by the press
    with_reports = any(GOLD_DIRS[1].glob("*.json")) and REPORTS_DIR.is_dir()
    assert ("Good" if with_reports else "Inadequate") in grades, grades
    evidence = browser.find_elements(By.CSS_SELECTOR, ".scrutiny-timeline blockquote.evidence")
    assert any("Impower" in e.text for e in evidence)
    screenshot(browser, "03-authority-sandwell")

    browser.find_element(By.CSS_SELECTOR, ".scrutiny-people").find_element(By.LINK_TEXT, "Helen Smith").click()
    assert "/person/" in browser.current_url
    assert_shows(browser, "Helen Smith", "Sandwell", "Departure: Helen Smith",
                 "This finding led the council’s then service director")
    screenshot(browser, "04-person-helen-smith")

    browser.find_element(By.LINK_TEXT, "archived copy").click()
    assert "/archive/" in browser.current_url
    assert "Helen Smith" in page_text(browser)
    screenshot(browser, "05-archived-copy")

    browser.get(base + "/no/such/page")
    assert_shows(browser, "Error 404")
    assert "Traceback" not in page_text(browser)
    assert "Traceback" not in log.read_text()
