"""The real pages in headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

`storyline serve` runs on a free loopback port over a demo archive: the bundled sample story
(samples/harbor.jsonl, analysed) plus a hostile article. Screenshots at laptop and phone width
go to tests/screenshots/ (git-ignored) for a person to look at.

Needs: `apt-get install -y chromium` (as root) and the `playwright` Python package (requirements-dev.lock); never
`playwright install` (no browser download). Skips, saying why, when Chromium is absent.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright import sync_api as playwright_sync  # pinned in requirements-dev.lock: missing, the tests fail
from test_web_helpers import XSS_IMG, XSS_SCRIPT, hostile
from storyline.store.dates import calendar_date, period_end

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "harbor.jsonl"
SHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]
LAPTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}


def _chromium() -> str:
    """The Chromium binary, installing Debian's package when we may (root, apt-get present)."""
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    if os.environ.get("STORYLINE_NO_APT") or not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.skip(f"{CHROMIUM} is absent and cannot be installed here: run `apt-get install -y chromium` as root")
    result = subprocess.run(
        ["apt-get", "install", "-y", "--no-install-recommends", "chromium"],
        capture_output=True, text=True, timeout=900, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    if result.returncode != 0 or not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is absent and `apt-get install -y chromium` failed: {result.stderr.strip()[-300:]}")
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    from storyline.ingest import read_paths
    from storyline.jobs.ingest import ingest
    from storyline.jobs.link import link
    from storyline.store import Store

    path = tmp_path_factory.mktemp("browser") / "demo.db"
    with Store.open(path) as store:
        summary = ingest(store, read_paths([SAMPLE]), jobs=1)
        assert summary.ingested == 8 and not summary.failed, summary
        store.add_article(hostile(), origin="test:hostile")
        link(store)
    return path


@pytest.fixture(scope="module")
def server(demo_db) -> str:
    """`storyline serve` in a child process; yields its base URL."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-c", "import sys; from storyline.cli import main; sys.exit(main())",
               "serve", "--db", str(demo_db), "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/api/stats", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode(errors="replace") if process.stdout else ""
                    pytest.fail(f"storyline serve did not start: {output[-2000:]}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright_sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A laptop-sized page that fails the test on any script error."""
    context = browser.new_context(viewport=LAPTOP)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield pg
    context.close()
    assert not errors, errors


def shot(pg, name: str, full_page: bool = True) -> None:
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def test_home_search_article_card_person(server, page):
    page.goto(server + "/")
    assert page.locator("h1").first.inner_text() == "Who said what, when"
    assert page.locator("ul.articles li").count() >= 8
    assert page.locator("ol.people li").count() >= 5
    shot(page, "home-laptop")

    page.fill(".search-big input[name=q]", "strike")
    page.press(".search-big input[name=q]", "Enter")
    page.wait_for_url("**/search?*")
    marks = page.locator(".snippet mark")
    assert marks.count() >= 1 and marks.first.inner_text().lower().startswith("strike")
    shot(page, "search-laptop")

    # open the first statement hit's article
    page.locator(".hit-statement .src a").first.click()
    page.wait_for_url("**/articles/**")
    card = page.locator(".card:not([hidden])")
    assert card.count() == 1  # the link names a statement: its card is open
    first = page.locator("mark.st").first
    first.click()
    statement_id = first.get_attribute("data-st")
    card = page.locator(f"#card-{statement_id}")
    assert card.is_visible()
    details = card.inner_text()
    for label in ("Speaker", "Cue", "Stance", "Time"):
        assert label in details
    shot(page, "article-laptop")

    # a named speaker's card links to their page
    linked = page.locator(".card .card-speaker a")
    assert linked.count() >= 1
    for_card = page.locator("mark.st").nth(0)
    name = None
    for i in range(page.locator("mark.st").count()):
        m = page.locator("mark.st").nth(i)
        sid = m.get_attribute("data-st")
        if page.locator(f"#card-{sid} .card-speaker a").count():
            m.click()
            for_card = page.locator(f"#card-{sid} .card-speaker a")
            name = for_card.inner_text()
            break
    assert name
    for_card.click()
    page.wait_for_url("**/people/*")
    assert page.locator("h1").inner_text() == name
    items = page.locator("ol.statements li.statement")
    assert items.count() >= 1
    dates = [d for d in page.locator("ol.statements li.statement time").all_inner_texts()]
    assert dates == sorted(dates)
    assert page.locator("svg.timeline-chart circle").count() >= 1
    shot(page, "person-laptop")

    # and each statement links back to its place in the article
    items.first.locator(".src a").click()
    page.wait_for_url("**/articles/**#st-*")
    assert page.locator(".card:not([hidden])").count() == 1


def test_timeline_renders_and_zooms(server, page):
    page.goto(server + "/timeline")
    svg = page.locator("svg.timeline-chart")
    assert svg.is_visible()
    points = page.locator("svg.timeline-chart circle").count()
    assert points >= 20
    assert page.locator("svg.timeline-chart .tick-label").count() >= 3
    shot(page, "timeline-laptop")

    # drag from the earliest point to the median one: the page reloads on that date range, with fewer points
    # (the summary now comes first, so the chart may sit below the fold: the mouse works in the viewport)
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    xs = sorted(c["x"] + c["width"] / 2 for c in (pt.bounding_box() for pt in page.locator("svg.timeline-chart circle").all()))
    y = box["y"] + box["height"] - 8
    page.mouse.move(xs[0] - 4, y)
    page.mouse.down()
    page.mouse.move(xs[len(xs) // 2] + 4, y, steps=5)
    page.mouse.up()
    page.wait_for_url("**/timeline?*since=*")
    since = page.input_value("input[name=since]")
    until = page.input_value("input[name=until]")
    assert since and until and since <= until
    zoomed = page.locator("svg.timeline-chart circle").count()
    assert 0 < zoomed < points
    # a date is shown with the precision the text gave ("2021-W09", "2021-03"): its period overlaps the range
    for t in page.locator("ol.timeline-list time").all_inner_texts():
        assert calendar_date(t) <= until and period_end(t) >= since, t
    shot(page, "timeline-zoomed-laptop")

    # filter by person and words
    page.goto(server + "/timeline?speaker=Jane+Roe")
    roe = page.locator("svg.timeline-chart circle").count()
    assert 0 < roe < points
    assert set(page.locator("ol.timeline-list strong").all_inner_texts()) == {"Jane Roe"}


def test_phone_width(server, browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    pg = context.new_page()
    try:
        for name, path in (("home", "/"), ("timeline", "/timeline"), ("people", "/people")):
            pg.goto(server + path)
            shot(pg, f"{name}-phone", full_page=False)
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"] + 1, f"{path} overflows a phone screen ({width}px)"
        pg.goto(server + "/articles/harbor-02")
        mark = pg.locator("mark.st[id^=st-]").nth(3)
        mark.tap()
        card = pg.locator(".card:not([hidden])")
        assert card.count() == 1 and card.is_visible()
        # the statement stays in view above the card sheet
        mark_box, card_box = mark.bounding_box(), card.bounding_box()
        assert mark_box["y"] >= 0 and mark_box["y"] + mark_box["height"] <= card_box["y"]
        assert pg.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
        shot(pg, "article-phone", full_page=False)
    finally:
        context.close()


def test_hostile_article_runs_nothing(server, page):
    from urllib.parse import quote

    for path in ("/articles/" + quote("hostile<1>", safe=""), "/", "/search?q=window", "/statements", "/people", "/timeline"):
        page.goto(server + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__xss") == "undefined", path
    page.goto(server + "/articles/" + quote("hostile<1>", safe=""))
    text = page.inner_text("#article-text")
    assert XSS_SCRIPT in text and XSS_IMG in text  # visible, as text
    assert page.locator("#article-text img, #article-text script").count() == 0
    page.locator("mark.st").first.click()
    page.locator("mark.st").first.hover()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("a.ext").count() == 0  # the javascript: URL is not a link
    shot(page, "hostile-laptop")


def test_unknown_ids_show_an_error_page(server, browser):
    context = browser.new_context(viewport=LAPTOP)  # not the `page` fixture: the 404s are expected here
    pg = context.new_page()
    try:
        response = pg.goto(server + "/articles/no-such-article")
        assert response.status == 404
        assert "404" in pg.locator("h1").inner_text()
        assert "no-such-article" in pg.locator(".detail").inner_text()
        shot(pg, "error-laptop")
        assert pg.goto(server + "/people/99999").status == 404
    finally:
        context.close()


def test_timeline_summary_comes_first(server, page):
    """Issue 17: the summary (dates that mattered, what happened) is the first thing on the timeline page."""
    page.goto(server + "/timeline")
    summary = page.locator("#timeline-summary")
    assert summary.is_visible()
    assert summary.bounding_box()["y"] < page.locator("svg.timeline-chart").bounding_box()["y"]
    dates = summary.locator("time").all_inner_texts()
    assert dates and dates == sorted(dates)
    assert summary.locator("ul li").count() >= len(dates)
    shot(page, "timeline-summary-laptop")
