"""A real browser on the map: Debian's chromium, headless, driven by selenium through
chromedriver, against ``veille serve`` started on 127.0.0.1 by the test."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from veille.store import open_store

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="no chromium/chromedriver on PATH: install Debian's chromium and chromium-driver "
           "(.ci/run does) to run the browser test")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(dashboard_db: str) -> Iterator[str]:
    """Start `veille serve` on the dashboard store and return its base URL."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "veille.cli", "serve", "--db", dashboard_db,
                                "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                out = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"veille serve did not start: {out}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,900"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _located_events(db: str) -> int:
    store = open_store(db, read_only=True)
    try:
        return sum(1 for e in store.events() if e["lat"] is not None and e["lon"] is not None)
    finally:
        store.close()


def test_the_map_has_one_marker_per_located_event(server: str, browser, dashboard_db: str,  # type: ignore[no-untyped-def]
                                                  tmp_path_factory: pytest.TempPathFactory
                                                  ) -> None:
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    expected = _located_events(dashboard_db)
    assert expected >= 4
    browser.get(f"{server}/")
    wait = WebDriverWait(browser, 30)
    element = browser.find_element(By.ID, "map")
    wait.until(lambda _: element.get_attribute("data-ready") == "true")
    # The country outlines are loaded from the vendored world-atlas file.
    wait.until(lambda _: element.get_attribute("data-countries")
               or element.get_attribute("data-countries-error"))
    assert element.get_attribute("data-countries-error") is None
    assert int(element.get_attribute("data-countries")) > 150

    assert int(element.get_attribute("data-markers")) == expected
    assert browser.execute_script("return window.veilleMap.cluster.getLayers().length") == expected
    # What is drawn adds up as well, once clustering's transitions are over: single markers
    # plus the counts shown on clusters.
    drawn_script = """
        var single = document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive');
        var clustered = 0;
        document.querySelectorAll('.marker-cluster > div > span').forEach(function (s) {
            clustered += parseInt(s.textContent, 10) || 0; });
        return single.length + clustered;"""
    try:
        wait.until(lambda _: browser.execute_script(drawn_script) == expected)
    except TimeoutException:
        pytest.fail(f"{browser.execute_script(drawn_script)} markers drawn, {expected} expected")

    shots = tmp_path_factory.mktemp("screenshots")
    assert browser.save_screenshot(str(shots / "map.png"))
    assert (shots / "map.png").stat().st_size > 10_000
    print(f"screenshot: {shots / 'map.png'}")

    # Nothing was blocked by the Content-Security-Policy, and no script failed.
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def test_the_article_page_runs_no_script_from_the_text(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    keys = httpx.get(f"{server}/api/events", params={"place": "Bamako"}).json()["events"]
    event = httpx.get(f"{server}/api/events/{keys[0]['event_id']}").json()
    article_key = event["mentions"][0]["article"]["article_key"]
    browser.get(f"{server}/articles/{article_key}")
    body = browser.find_element(By.CLASS_NAME, "article-body")
    assert "<script>alert(1)</script>" in body.text  # shown as text
    assert not browser.find_elements(By.CSS_SELECTOR, ".article-body script")
    assert browser.execute_script("return document.scripts.length") == 0


def test_filters_in_the_url_narrow_the_map(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{server}/?type=PROTEST")
    element = browser.find_element(By.ID, "map")
    WebDriverWait(browser, 30).until(lambda _: element.get_attribute("data-ready") == "true")
    assert element.get_attribute("data-markers") == "2"


def test_a_dyad_bar_leads_to_its_events(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # "Le président nigérien a reçu mardi à Niamey son homologue tchadien": a visit of Chad.
    browser.get(f"{server}/dyads?a=TCD&b=NER")
    bars = [a for a in browser.find_elements(By.CSS_SELECTOR, "svg.dyad a.period")
            if a.get_attribute("data-events") != "0"]
    assert bars
    expected = int(bars[0].get_attribute("data-events"))
    bars[0].find_element(By.TAG_NAME, "rect").click()
    WebDriverWait(browser, 30).until(lambda b: "/events?" in b.current_url)
    assert "dyad=TCD-NER" in browser.current_url
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.events tbody tr")) == expected
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
