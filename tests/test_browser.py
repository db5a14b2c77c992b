"""The site in headless Chromium, served from 127.0.0.1."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def test_language_switch_keeps_the_page_and_nothing_leaves_localhost(page, site_url):
    hosts = []
    page.on("request", lambda request: hosts.append(urlsplit(request.url).hostname))

    page.goto(f"{site_url}/ko/errors/4.4.316/")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert "4.4.316" in page.locator("h1").inner_text()

    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_url(f"{site_url}/en/errors/4.4.316/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "How to fix it" in page.locator("article").inner_text()

    assert hosts and set(hosts) == {"127.0.0.1"}


def test_root_follows_the_browser_language_then_the_readers_choice(browser, site_url):
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    page.goto(f"{site_url}/")
    page.wait_for_url(f"{site_url}/ko/")
    page.goto(f"{site_url}/ko/overview/")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_url(f"{site_url}/en/overview/")
    page.goto(f"{site_url}/")
    page.wait_for_url(f"{site_url}/en/")
    context.close()


def test_unknown_browser_language_gets_english(browser, site_url):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.goto(f"{site_url}/")
    page.wait_for_url(f"{site_url}/en/")
    context.close()
