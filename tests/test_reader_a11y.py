"""Each page type a reader meets (home, entry, reason, list, lookup with an answer, 404, the search
open), in headless Chromium at 1280 px and on a 360 px phone (the search's results in the dark
scheme too): one h1 and headings in order, the landmarks, every link, button, image and form field
named (axe), a visible focus on every control, the contrast of every text computed from the page's
styles, no sideways scroll, Korean kept whole between words; and no request to anything but the site
itself (it works offline). One browser session per language; the measures are in tests/page_checks.js."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import axe_script

pytestmark = pytest.mark.browser

CHECKS = (Path(__file__).parent / "page_checks.js").read_text(encoding="utf-8")
AXE_RULES = ["page-has-heading-one", "heading-order", "landmark-one-main", "landmark-unique", "region",
             "link-name", "button-name", "image-alt", "label", "color-contrast", "scrollable-region-focusable"]
PAGES = {
    "home": "",
    "entry": "errors/4.4.316/",
    "reason": "reasons/mailboxfull/",
    "list": "errors/",
    "lookup": "lookup/?q=450+4.4.316",
    "404": "no-such-page/",
    "search open": "errors/4.4.316/",
}
# The dark scheme changes colours only: tests/test_reader_ui.py runs axe on every page type in it; the
# search's results, which that test does not open, are measured here.
VIEWS = [("light", 1280, PAGES), ("light", 360, PAGES), ("dark", 1280, ["search open"])]
SEARCH_WORD = {"en": "connector", "ko": "커넥터"}


def open_state(page, url: str, name: str, lang: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if name == "lookup":
        page.wait_for_selector("#mfkb-lookup-results > *")
    if name == "search open":
        page.keyboard.press("/")  # Material's key for the search: it opens and takes the box
        page.locator("input.md-search__input").fill(SEARCH_WORD[lang])
        page.wait_for_selector(".md-search-result__item")
    page.mouse.move(0, 0)
    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_page_type_reads_well_at_both_widths_and_asks_nothing_of_other_sites(browser, host_url, lang):
    axe = axe_script()
    context = browser.new_context(locale="ko-KR" if lang == "ko" else "en-US")
    context.add_init_script(CHECKS)
    origin = urlsplit(host_url).netloc
    elsewhere: set[str] = set()
    context.on("request", lambda request: urlsplit(request.url).scheme in ("http", "https", "ws", "wss")
               and urlsplit(request.url).netloc != origin and elsewhere.add(request.url))
    page = context.new_page()
    found: dict[str, list[str]] = {}
    for scheme, width, names in VIEWS:
        page.emulate_media(color_scheme=scheme)
        page.set_viewport_size({"width": width, "height": 800})
        for name in names:
            open_state(page, f"{host_url}/{lang}/{PAGES[name]}", name, lang)
            problems = page.evaluate("mfkbChecks.structure().concat(mfkbChecks.contrast())")
            page.add_script_tag(content=axe)
            result = page.evaluate("rules => axe.run(document, {runOnly: {type: 'rule', values: rules}})", AXE_RULES)
            problems += [f"axe {v['id']}: {node['target']}" for v in result["violations"] for node in v["nodes"]]
            if (scheme, width) == ("light", 1280) and name != "search open":
                page.keyboard.press("Tab")  # the reader is on the keyboard: focus shows as it does for them
                problems += page.evaluate("mfkbChecks.focus()")
            if problems:
                found[f"{name}, {scheme}, {width} px"] = list(dict.fromkeys(problems))
    context.close()
    assert not found, found
    assert not elsewhere, sorted(elsewhere)
