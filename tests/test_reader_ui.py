"""The reader's way in (issue 17), in headless Chromium: the site's 404 page on a
host that serves it for every missing address, section anchors and the language
switch, accessibility (axe-core, WCAG 2.0/2.1 A and AA), no failing request or
console error, the home page's and the lookup page's lookup box, Korean typography."""
from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import axe_script

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGE_TYPES = {
    "home": "",
    "entry": "errors/4.4.316/",
    "registry entry": "errors/X.1.1/",
    "errors index": "errors/",
    "category": "categories/network-and-routing/",
    "prose": "overview/",
    "lookup": "lookup/?q=450+4.4.316",
    "404": "404.html",
}
NDR = """Reporting-MTA: dns; mail.contoso.com

Final-Recipient: rfc822; someone@fabrikam.com
Action: failed
Status: 5.4.316
Diagnostic-Code: smtp; 550 5.4.316 Message expired, connection refused
"""


@pytest.fixture
def korean_page(browser):
    context = browser.new_context(locale="ko-KR")
    yield context.new_page()
    context.close()


def watch(page) -> list[str]:
    """Every failing request and console error of the page from now on."""
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"script: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on("response", lambda response: response.status >= 400 and problems.append(f"{response.status}: {response.url}"))
    return problems


# The site's /404.html on a host that serves it for every missing address

@pytest.mark.parametrize("path, lang", [("/errors/4.4.399/", "en"), ("/ko/errors/5.1.99/", "ko"), ("/en/errors/5.6.99/", "en")])  # 5.4.316 has a page: the alias of 4.4.316
def test_missing_entry_opens_the_lookup_with_its_code(page, host_url, path, lang):
    code = path.rstrip("/").rsplit("/", 1)[1]
    page.goto(host_url + path)
    page.wait_for_url(f"{host_url}/{lang}/lookup/?q={quote(code)}")
    assert page.locator("#mfkb-lookup-q").input_value() == code
    page.locator("#mfkb-lookup-results li, #mfkb-lookup-results p").first.wait_for()
    assert code in page.locator("#mfkb-lookup-results").inner_text()


# A code written another way in the address: its own page, as a link in its one form would give
# (5.7.26 has an entry, 5.7.1 its entry, X.7.1 the registry's); in its one form but without a page,
# the lookup with that form filled in.
@pytest.mark.parametrize("path, landing", [
    ("/errors/5.7.026/", "/en/errors/5.7.26/"), ("/ko/errors/5.7.026/", "/ko/errors/5.7.26/"),
    ("/errors/5.07.1/", "/en/errors/5.7.1/"), ("/en/errors/%205.7.1/", "/en/errors/5.7.1/"),
    ("/errors/x.7.1/", "/en/errors/X.7.1/"), ("/ko/errors/x.7.1/", "/ko/errors/X.7.1/"),
    ("/en/errors/550-5.7.1/", "/en/errors/5.7.1/"), ("/errors/550%205.7.1/", "/en/errors/5.7.1/"),
    ("/en/errors/5.7.1./", "/en/errors/5.7.1/"), ("/en/erors/5.7.026/", "/en/errors/5.7.26/"),
    ("/en/errors/5.07.99/", "/en/lookup/?q=5.7.99"),
])
def test_a_code_written_another_way_in_the_address_reaches_its_page(page, host_url, path, landing):
    problems = watch(page)
    page.goto(host_url + path)
    page.wait_for_url(host_url + landing)
    code = landing.split("=")[1] if "?q=" in landing else landing.rstrip("/").rsplit("/", 1)[1]
    if "?q=" in landing:
        page.locator("#mfkb-lookup-results li, #mfkb-lookup-results p").first.wait_for()
        assert code in page.locator("#mfkb-lookup-results").inner_text()
    else:
        assert page.locator("article h1").inner_text().startswith(code + " ")
    assert [problem for problem in problems if problem.startswith("script: ")] == []


@pytest.mark.parametrize("path, lang", [("/no/such/page/", "ko"), ("/en/no-such-page/", "en"), ("/ko/a/b/c", "ko")])
def test_missing_page_shows_the_readers_language_404_with_a_way_to_the_lookup(korean_page, host_url, path, lang):
    korean_page.goto(host_url + path)
    korean_page.wait_for_url(f"{host_url}/{lang}/404.html?from={quote(path, safe='')}")
    assert korean_page.locator("html").get_attribute("lang") == lang
    assert korean_page.title() == {"en": "Page not found", "ko": "페이지를 찾을 수 없습니다"}[lang] + " - Mail Flow KB"
    assert not korean_page.locator("#mfkb-not-found-near").is_visible()
    lookup = korean_page.locator(f'article a[href="/{lang}/lookup/"]')
    lookup.click()
    korean_page.wait_for_url(f"{host_url}/{lang}/lookup/")



@pytest.mark.parametrize("path, near", [("/en/erors/", "/en/errors/"), ("/ko/reason/vacation/", "/ko/reasons/vacation/"),
                                        ("/en/lokup/", "/en/lookup/")])
def test_a_mistyped_section_is_offered_the_section_it_nearly_names(korean_page, host_url, path, near):
    korean_page.goto(host_url + path)
    offer = korean_page.locator("#mfkb-not-found-near")
    offer.wait_for()
    label = {"en": "Perhaps you meant:", "ko": "혹시 이 주소를 찾으셨나요?"}[near.split("/")[1]]
    assert offer.inner_text() == f"{label} {near}"
    offer.locator("a").click()
    korean_page.wait_for_url(host_url + near)


@pytest.mark.parametrize("path, lang, code", [("/en/erors/5.7.26/", "en", "5.7.26"), ("/ko/error/4.4.316", "ko", "4.4.316")])
def test_a_mistyped_address_that_ends_in_a_code_looks_the_code_up(korean_page, host_url, path, lang, code):
    korean_page.goto(host_url + path)
    korean_page.wait_for_url(f"{host_url}/{lang}/lookup/?q={code}")
    korean_page.locator(f'#mfkb-lookup-results a[href$="errors/{code}/"]').first.wait_for()


# Sections and the language switch

def test_sections_have_the_same_ids_in_both_languages(built_site):
    english = (built_site / "en/errors/4.4.316/index.html").read_text(encoding="utf-8")
    korean = (built_site / "ko/errors/4.4.316/index.html").read_text(encoding="utf-8")
    for section in ("causes", "fixes", "partner", "related"):
        assert f'<h2 id="{section}"' in english and f'<h2 id="{section}"' in korean
    assert 'id="원인" data-mfkb-section="causes"' in korean          # readable Korean ids still lead there
    assert 'id="how-to-fix-it" data-mfkb-section="fixes"' in english  # and so do the former English ones
    assert 'id="how-to-fix-it" data-mfkb-section="fixes"' in korean


def switch_to(page, lang: str) -> None:
    page.locator(".md-header__option .md-select").hover()
    page.locator(f"a.md-select__link[hreflang={lang}]").click()


def test_language_switch_keeps_the_section_and_the_query(korean_page, site_url):
    korean_page.goto(f"{site_url}/ko/errors/4.4.316/#원인")
    switch_to(korean_page, "en")
    korean_page.wait_for_url(f"{site_url}/en/errors/4.4.316/#causes")
    switch_to(korean_page, "ko")
    korean_page.wait_for_url(f"{site_url}/ko/errors/4.4.316/#causes")
    assert korean_page.evaluate("document.getElementById('causes').getBoundingClientRect().top") < 200

    korean_page.goto(f"{site_url}/ko/lookup/?q=450+4.4.316")
    korean_page.wait_for_url(f"{site_url}/ko/lookup/?q=450+4.4.316")
    switch_to(korean_page, "en")
    korean_page.wait_for_url(f"{site_url}/en/lookup/?q=450+4.4.316")
    assert korean_page.locator("#mfkb-lookup-q").input_value() == "450 4.4.316"


# Every page type: no failing request, no console error, no axe violation

def reason_pages(language_root: Path) -> dict[str, str]:
    """The pages about why mail bounces (/{lang}/reasons/), once the site has them."""
    reasons = sorted(path.parent.name for path in language_root.glob("reasons/*/index.html"))
    return {"reasons index": "reasons/", "reason": f"reasons/{reasons[0]}/"} if reasons else {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_page_type_is_clean_and_accessible(browser, built_site, site_url, lang, scheme):
    axe = axe_script()
    context = browser.new_context(locale=f"{lang}-US" if lang == "en" else "ko-KR", color_scheme=scheme)
    found = {}
    for name, path in {**PAGE_TYPES, **reason_pages(built_site / lang)}.items():
        page = context.new_page()
        problems = watch(page)
        page.goto(f"{site_url}/{lang}/{path}")
        page.wait_for_load_state("networkidle")
        page.add_script_tag(content=axe)
        states = [name]
        if page.locator("button.mfkb-original-toggle").count():
            states.append(f"{name}, originals toggled")
        for state in states:
            if state != name:
                page.locator("button.mfkb-original-toggle").click()
                page.mouse.move(0, 0)
                page.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")
            result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
            violations = [f"{v['id']}: {node['target']} {node['failureSummary']}"
                          for v in result["violations"] for node in v["nodes"]]
            if violations or problems:
                found[state] = violations + problems
        page.close()
    context.close()
    assert not found, found


# Keyboard: the lookup box and the originals toggle come first after "skip to content"

@pytest.mark.parametrize("path, first", [("", "#mfkb-home-q"), ("lookup/", "#mfkb-lookup-q"),
                                         ("errors/4.4.316/", "button.mfkb-original-toggle")])
def test_skip_link_then_tab_reaches_the_lookup_box_or_the_toggle(korean_page, site_url, path, first):
    korean_page.goto(f"{site_url}/ko/{path}")
    korean_page.keyboard.press("Tab")
    assert korean_page.evaluate("document.activeElement.classList.contains('md-skip')")
    korean_page.keyboard.press("Enter")
    korean_page.keyboard.press("Tab")
    assert korean_page.evaluate(f"document.activeElement === document.querySelector({first!r})")


def test_originals_toggle_says_what_pressing_it_does(korean_page, site_url):
    korean_page.goto(f"{site_url}/ko/errors/4.4.316/")
    toggle = korean_page.get_by_role("button", name="영어 원문 함께 보기")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    pressed = korean_page.get_by_role("button", name="영어 원문 숨기기", pressed=True)
    assert pressed.is_visible()
    assert korean_page.locator(".mfkb-original").first.is_visible()
    pressed.click()
    assert korean_page.get_by_role("button", name="영어 원문 함께 보기", pressed=False).is_visible()


# Korean typography, phone layout, the diagram's contrast

def test_korean_breaks_between_words_with_room_for_hangul(korean_page, site_url, page):
    korean_page.goto(f"{site_url}/ko/errors/4.4.316/")
    style = """el => { const s = getComputedStyle(el);
                       return [s.wordBreak, parseFloat(s.lineHeight) / parseFloat(s.fontSize)]; }"""
    for selector in ("article p", "article li", "article h2"):
        word_break, ratio = korean_page.locator(selector).first.evaluate(style)
        assert word_break == "keep-all" and ratio >= (1.35 if selector.endswith("h2") else 1.7), selector
    korean_page.goto(f"{site_url}/ko/errors/")
    word_break, ratio = korean_page.locator("article td").nth(1).evaluate(style)
    assert word_break == "keep-all" and ratio >= 1.6
    page.goto(f"{site_url}/en/errors/4.4.316/")
    assert page.locator("article p").first.evaluate(style)[0] == "normal"


def test_phone_keeps_the_entry_title_whole(browser, site_url):
    context = browser.new_context(locale="ko-KR", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site_url}/ko/errors/4.4.316/")
    title = page.locator("article h1").bounding_box()
    toggle = page.locator("button.mfkb-original-toggle").bounding_box()
    article = page.locator("article").bounding_box()
    assert toggle["y"] >= title["y"] + title["height"]       # the toggle under the title, not beside it
    assert title["width"] >= 0.9 * article["width"]
    assert page.locator("article h1").evaluate("h => h.getClientRects().length") == 1
    context.close()



# Where a text node's lines break between two letters, one of them Hangul (not at a space): "앞|뒤" for each.
# An English name in a code span may still wrap anywhere.
CUT_WORDS = """
(root) => {
  const cuts = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    const text = node.textContent;
    let top = null;
    for (let i = 0; i < text.length; i++) {
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect();
      if (!box.width && !box.height) continue;
      const pair = text[i - 1] + text[i];
      if (top !== null && box.top > top + 5 && /^[가-힣\\w]{2}$/.test(pair) && /[가-힣]/.test(pair))
        cuts.push(text.slice(Math.max(0, i - 8), i) + "|" + text.slice(i, i + 8));
      top = box.top;
    }
  }
  return cuts;
}
"""


def test_korean_links_break_between_words_on_a_phone(browser, site_url):
    # Material's word-break on links (break-word, normal in tables) undid keep-all inside them.
    context = browser.new_context(locale="ko-KR", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site_url}/ko/reasons/")
    links = page.locator("article table a")
    assert links.count() > 30
    assert page.locator("article table").first.evaluate(CUT_WORDS) == []
    reply = "554 5.7.1 DAS51 192.0.2.1: Your mail is blocked automatically by anti-spam system. (E06)"
    page.goto(f"{site_url}/ko/lookup/?q={quote(reply, safe='')}")
    entry = page.locator("#mfkb-lookup-results a.mfkb-lookup-entry").first
    entry.wait_for()
    assert entry.evaluate("a => a.getClientRects().length") > 1   # the title does wrap at this width
    assert entry.evaluate(CUT_WORDS) == []
    context.close()

CONTRAST = """
(root) => {
  const rgba = (text) => { const v = text.match(/[\\d.]+/g).map(Number); return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
  const over = (top, bottom) => top.slice(0, 3).map((c, i) => c * top[3] + bottom[i] * (1 - top[3]));
  const lum = (c) => { const l = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                       return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const alpha = (el) => { let a = 1; for (; el && el !== root; el = el.parentElement) a *= parseFloat(getComputedStyle(el).opacity); return a; };
  const page = over(rgba(getComputedStyle(document.querySelector(".md-main")).backgroundColor),
                    rgba(getComputedStyle(document.body).backgroundColor));
  const seen = (el, paint) => { const c = rgba(getComputedStyle(el)[paint]); c[3] *= alpha(el); return over(c, page); };
  const out = {text: [], lines: []};
  root.querySelectorAll(".mfkb-step--skipped text").forEach(t => out.text.push(ratio(seen(t, "fill"), page)));
  root.querySelectorAll(".mfkb-step--skipped .mfkb-step__box").forEach(b => out.lines.push(ratio(seen(b, "stroke"), page)));
  return out;
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_skipped_diagram_steps_keep_their_contrast(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{site_url}/en/errors/4.4.316/")
    measured = page.locator("figure.mfkb-figure svg").first.evaluate(CONTRAST)
    assert measured["text"] and measured["lines"]
    assert min(measured["text"]) >= 4.5 and min(measured["lines"]) >= 3, measured
    context.close()


# The home page and the lookup page

def test_home_leads_with_the_lookup_then_connector_and_common_codes(korean_page, site_url):
    korean_page.goto(f"{site_url}/ko/")
    assert korean_page.title() == "Mail Flow KB"
    headings = korean_page.locator("article h2").all_inner_texts()
    assert [h.strip("¶ \n") for h in headings[:3]] == ["커넥터 오류", "자주 만나는 코드", "주제별 코드"]
    box = korean_page.locator("#mfkb-home-q").bounding_box()
    assert box["y"] < korean_page.locator("article h2").first.bounding_box()["y"]
    connector = korean_page.locator("#connector-errors + ul a").all_inner_texts()
    assert [text.split()[0] for text in connector] == ["4.4.312", "4.4.315", "4.4.316", "4.4.317", "4.4.318", "4.7.320"]
    common = [text.split()[0] for text in korean_page.locator("#common-codes + ul a").all_inner_texts()]
    assert {"5.1.1", "5.7.1", "4.4.7"} <= set(common)
    assert korean_page.locator("button.mfkb-original-toggle").count() == 0


@pytest.mark.parametrize("keys", ["Enter", "Control+Enter"])
def test_home_lookup_runs_on_enter(korean_page, site_url, keys):
    korean_page.goto(f"{site_url}/ko/")
    korean_page.locator("#mfkb-home-q").fill("450 4.4.316")
    korean_page.locator("#mfkb-home-q").press(keys)
    korean_page.wait_for_url(f"{site_url}/ko/lookup/?q=450+4.4.316")
    korean_page.locator('#mfkb-lookup-results a[href$="errors/4.4.316/"]').first.wait_for()


def paste(page, selector: str, text: str) -> None:
    """What the browser does on Ctrl+V: the text goes in, then the paste event fires."""
    page.locator(selector).focus()
    page.evaluate("""([selector, text]) => {
        const box = document.querySelector(selector);
        const data = new DataTransfer(); data.setData("text/plain", text);
        if (box.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true})))
          document.execCommand("insertText", false, text);
    }""", [selector, text])


def test_pasting_an_ndr_on_the_home_page_looks_it_up(korean_page, site_url):
    korean_page.goto(f"{site_url}/ko/")
    paste(korean_page, "#mfkb-home-q", NDR)
    korean_page.wait_for_url(f"{site_url}/ko/lookup/")
    assert "Status: 5.4.316" in korean_page.locator("#mfkb-lookup-q").input_value()
    korean_page.locator('#mfkb-lookup-results a[href$="errors/4.4.316/"]').first.wait_for()


def test_lookup_page_runs_on_paste_and_on_ctrl_enter(page, site_url):
    page.goto(f"{site_url}/en/lookup/")
    paste(page, "#mfkb-lookup-q", NDR)
    page.locator('#mfkb-lookup-results a[href$="errors/4.4.316/"]').first.wait_for()
    page.locator("#mfkb-lookup-q").fill("5.7.1")
    page.locator("#mfkb-lookup-q").press("Control+Enter")
    page.locator('#mfkb-lookup-results a[href$="errors/5.7.1/"]').first.wait_for()
    assert page.evaluate("new URL(location.href).searchParams.get('q')") == "5.7.1"



@pytest.mark.parametrize("lang", ["en", "ko"])
def test_lookup_page_runs_on_enter_and_shift_enter_starts_a_line(browser, site_url, lang):
    """As in the home page's box: a code typed and Enter looks it up."""
    context = browser.new_context(locale="ko-KR" if lang == "ko" else "en-US")
    page = context.new_page()
    page.goto(f"{site_url}/{lang}/lookup/")
    box = page.locator("#mfkb-lookup-q")
    box.fill("550 5.7.26")
    box.press("Shift+Enter")
    assert box.input_value() == "550 5.7.26\n"
    assert page.locator("#mfkb-lookup-results > *").count() == 0
    box.fill("550 5.7.26")
    box.press("Enter")
    page.locator('#mfkb-lookup-results a[href$="errors/5.7.26/"]').first.wait_for()
    assert box.input_value() == "550 5.7.26"
    button = page.locator("#mfkb-lookup button[type=submit]").bounding_box()
    answer = page.locator("#mfkb-lookup-results > *").first.bounding_box()
    assert answer["y"] - (button["y"] + button["height"]) >= 16, "the answer touches the button"
    hint = {"en": "Enter, Ctrl+Enter or pasting runs the lookup", "ko": "Enter나 Ctrl+Enter를 누르거나 붙여넣으면"}[lang]
    assert hint in page.locator("#mfkb-lookup-hint").inner_text()
    context.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_back_from_the_answers_reason_page_shows_the_bounce_and_its_answer_again(browser, site_url, lang):
    """The pasted NDR is in no address; Back from the reason page the answer links to brings both back."""
    context = browser.new_context(locale="ko-KR" if lang == "ko" else "en-US")
    page = context.new_page()
    page.goto(f"{site_url}/{lang}/lookup/")
    paste(page, "#mfkb-lookup-q", NDR)
    page.locator("#mfkb-lookup-results a[href*='reasons/']").first.click()
    page.wait_for_url("**/reasons/**")
    page.go_back()
    page.locator('#mfkb-lookup-results a[href$="errors/4.4.316/"]').first.wait_for()
    assert "Status: 5.4.316" in page.locator("#mfkb-lookup-q").input_value()
    assert "q=" not in page.url
    context.close()



@pytest.mark.parametrize("path", ["/en/reasons/vacation/", "/ko/reasons/suppressed/", "/ko/errors/4.4.316/"])
def test_a_reason_or_entry_page_links_to_its_own_json_document(korean_page, site_url, path):
    """The API is for tools; the page is where a reader learns that it exists and where."""
    lang = path.split("/")[1]
    korean_page.goto(site_url + path)
    title = korean_page.locator("article h1").inner_text().strip("¶ \n")
    link = korean_page.locator("article .mfkb-api-link a")
    label = {"en": "This page in the JSON API:", "ko": "JSON API로 받는 이 페이지의 내용:"}[lang]
    assert korean_page.locator("article .mfkb-api-link").inner_text().startswith(label)
    shown = link.inner_text()
    with korean_page.expect_response("**/api/v1/**") as response:
        link.click()
    assert response.value.status == 200
    document = response.value.json()
    assert shown == response.value.url.removeprefix(site_url)
    assert document["result"]["content"][lang]["title"]["text"] in title



def test_the_language_switch_takes_a_pasted_bounce_along(page, site_url):
    """A code rides in ?q=; a whole NDR is in no address, and was lost on switching to Korean."""
    page.goto(f"{site_url}/en/lookup/")
    paste(page, "#mfkb-lookup-q", NDR)
    page.locator('#mfkb-lookup-results a[href$="errors/4.4.316/"]').first.wait_for()
    page.locator("a.mfkb-lang-link[hreflang=ko]").dispatch_event("click")
    page.wait_for_url(f"{site_url}/ko/lookup/")
    assert "Status: 5.4.316" in page.locator("#mfkb-lookup-q").input_value()
    page.locator('#mfkb-lookup-results a[href$="errors/4.4.316/"]').first.wait_for()
    assert "찾은 코드" in page.locator("#mfkb-lookup-results").inner_text()
    assert page.evaluate("sessionStorage.getItem('mfkb-lookup-q')") is None  # taken once


# What the built pages say

def test_korean_pages_carry_no_english_interface_strings(built_site):
    """Labels, tooltips and placeholders in Korean; English only for names kept in English."""
    kept = {"Mail Flow KB", "450 4.4.316"}
    for path in (built_site / "ko").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for english in ("Switch to dark mode", "Switch to light mode", "Permanent link"):
            assert english not in html, (path, english)
        for label in re.findall(r'(?:aria-label|title|placeholder)="([^"]*)"', html):
            assert label in kept or re.search("[가-힣]", label) or not re.search("[A-Za-z]{3}", label), (path, label)


def test_diagram_labels_wrap_between_words():
    """Korean step labels break at spaces, as keep-all does in the text; a word is cut only
    when it is wider than the whole line."""
    from generator.site.diagram import text_width, wrap

    label = "받는 서버가 보낸 사람의 도메인을 확인하는 동안 연결이 끊어졌습니다"
    lines = wrap(label, 120)
    assert len(lines) > 1 and " ".join(lines) == label
    assert all(text_width(line) <= 120 for line in lines)


def test_all_error_codes_lists_specific_codes_before_the_registry_rows(built_site):
    for lang in ("en", "ko"):
        html = (built_site / f"{lang}/errors/index.html").read_text(encoding="utf-8")
        rows = [row.split('href="', 1)[1].split("/", 1)[0] for row in html.split("<tr>")[2:]]
        generic = [code[0] == "X" for code in rows]
        assert generic == sorted(generic) and generic[0] is False and generic[-1] is True


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_diagnose_box_points_to_the_commands_help_not_to_a_readme_the_reader_lacks(built_site, lang):
    for page in ("lookup/index.html", "errors/4.4.316/index.html"):
        html = unescape((built_site / lang / page).read_text(encoding="utf-8"))
        html = re.sub(r'<bdi class="mfkb-option">([^<]*)</bdi>', r"\1", html)  # options kept whole on a phone
        assert re.search(r'<code( lang="en")?>python -m generator diagnose --help</code>', html)
        assert "describes every option" not in html and "README에 설명" not in html
