"""The story pages in a real browser (Chromium through Playwright), over the harbor sample archive."""
from __future__ import annotations

from test_browser import browser, demo_db, page, server, shot  # noqa: F401 - pytest fixtures


def test_home_leads_with_stories_and_a_story_page_reads_by_day(server, page):  # noqa: F811
    page.goto(server + "/")
    headings = page.locator("h2").all_inner_texts()
    assert headings[0] == "Stories that moved"
    first = page.locator("ol.stories li a").first
    assert first.count() == 1
    first.click()
    page.wait_for_url("**/stories/*")
    rows = page.locator("table.story-days tbody tr.day")
    assert rows.count() >= 1
    days = rows.locator("th time").all_inner_texts()
    assert days == sorted(days, key=lambda d: (d == "undated", d))
    links = page.locator("table.story-days td.outlets a")
    assert links.count() >= 1
    shot(page, "story-laptop")
    links.first.click()
    page.wait_for_url("**/articles/**")
