"""The lookup page around its answer, in headless Chromium on the session's built site: the table
of contents lists the answer's headings (each reason, each code) and follows each new lookup; the
"Check a delivery path" section is there only where a path check can find the fault, and says where
the command comes from; in English and Korean, on a desktop and on a phone."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import copy_project, run_generator

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
OUT_OF_OFFICE = """From: Ji-woo Park <jiwoo@example.org>
To: sender@example.com
Subject: Automatic reply: Quarterly figures
Auto-Submitted: auto-replied

I am out of the office until Monday 7 December and will reply when I return."""
WHY = {"en": "Why it bounced", "ko": "왜 반송되었나요?"}
CODES = {"en": "Codes found", "ko": "찾은 코드"}
NETWORK = {"en": "A network error stopped delivery", "ko": "네트워크 오류로 배달이 중단됨"}
CHECK = {"en": "Check a delivery path", "ko": "배달 경로 확인하기"}
# The sidebar's table of contents on a desktop; the one inside the menu's current page on a phone.
TOC = {"desktop": ".md-sidebar--secondary [data-md-component=toc]",
       "phone": ".md-sidebar--primary [data-md-component=toc]"}


def opened(browser, site_url, lang, viewport):
    context = browser.new_context(viewport=viewport, locale="ko-KR" if lang == "ko" else "en-US")
    page = context.new_page()
    page.goto(f"{site_url}/{lang}/lookup/")
    page.wait_for_function("window.mfkbLookupDone !== undefined")
    page.evaluate("window.mfkbLookupDone")
    return context, page


def look_up(page, text):
    page.fill("#mfkb-lookup-q", text)
    page.click("#mfkb-lookup button[type=submit]")
    if text.strip():
        page.wait_for_selector("#mfkb-lookup-results > *")


def toc_entries(page, selector):
    """(text, level, target's text) of each shown link of that table of contents."""
    return page.evaluate("""selector => [...document.querySelectorAll(selector + ' a.md-nav__link')]
        .filter(a => !a.closest('[hidden]'))
        .map(a => { const target = document.getElementById(decodeURIComponent(a.hash.slice(1)));
                    return [a.textContent.trim(), a.closest('nav.md-nav').parentElement.closest('nav.md-nav') ? 2 : 1,
                            target ? target.textContent.replace('¶', '').trim() : null]; })""", selector)


@pytest.mark.parametrize("lang, size", [("en", "desktop"), ("ko", "phone")])
def test_the_table_of_contents_lists_the_answer_and_follows_each_lookup(browser, site_url, lang, size):
    context, page = opened(browser, site_url, lang, DESKTOP if size == "desktop" else PHONE)
    look_up(page, "450 4.4.316")
    entries = toc_entries(page, TOC[size])
    assert [text for text, _, _ in entries][:3] == [WHY[lang], NETWORK[lang], CODES[lang]]
    assert entries[3][0].startswith("450 4.4.316") and entries[3][1] == 2
    assert entries[-1][0] == CHECK[lang]
    assert all(text == target for text, _, target in entries), entries  # each link leads to its heading
    look_up(page, "550 5.7.26")
    texts = [text for text, _, _ in toc_entries(page, TOC[size])]
    assert texts[0] == WHY[lang] and texts[-1].startswith("550 5.7.26") and not any("4.4.316" in t for t in texts)
    look_up(page, "")
    assert [text for text, _, _ in toc_entries(page, TOC[size])] == [CHECK[lang]]
    context.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_table_of_contents_link_jumps_to_the_codes_heading_by_keyboard(browser, site_url, lang):
    context, page = opened(browser, site_url, lang, DESKTOP)
    look_up(page, "450 4.4.316")
    link = page.locator(f"{TOC['desktop']} a.md-nav__link", has_text=CODES[lang])
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash.length > 1")
    target = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    heading = page.locator(f"[id='{target}']")
    assert heading.text_content() == CODES[lang]
    box = heading.bounding_box()
    assert 0 <= box["y"] < DESKTOP["height"] / 2
    context.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_path_check_is_offered_only_where_it_can_find_the_fault(browser, site_url, lang):
    context, page = opened(browser, site_url, lang, DESKTOP)
    check = page.locator("#check-a-path")
    assert check.is_visible()  # an empty box: the page's own tools
    look_up(page, OUT_OF_OFFICE)
    assert not check.is_visible()
    assert not page.locator("article pre", has_text="diagnose").is_visible()
    look_up(page, "550 5.1.1")
    assert not check.is_visible()
    # Exchange Online's text alone, no code: the recipient's server never answered, the message expired.
    no_response = (Path(__file__).parent / "data" / "whole-bounces" / "exchange-online-no-response.txt").read_text()
    for connector_fault in ("450 4.4.316", "5.4.318", "451 4.4.312 DNS query failed", no_response):
        look_up(page, connector_fault)
        assert check.is_visible(), connector_fault
        assert page.locator("article pre", has_text="diagnose").is_visible()
    look_up(page, "")
    assert check.is_visible()
    context.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_path_check_is_offered_after_dane_and_mta_sts_codes(browser, site_url, lang):
    """The walk checks TLSA records and the MTA-STS policy and names Exchange Online's codes for
    them; 4.7.5/5.7.5 only when the words choose Exchange Online's MTA-STS meaning, since the
    registry's 5.7.5 (a message that couldn't be decrypted) is nothing a path check finds."""
    context, page = opened(browser, site_url, lang, DESKTOP)
    check = page.locator("#check-a-path")
    for fault in ("450 4.7.323 tlsa-invalid: The domain failed DANE validation",
                  "550 5.7.321 starttls-not-supported: Destination mail server must support TLS to receive mail.",
                  "550 5.4.8 MX hosts of contoso.com failed MTA-STS validation",
                  "451 4.7.5 Remote certificate failed MTA-STS validation."):
        look_up(page, "550 5.1.1")
        assert not check.is_visible()
        look_up(page, fault)
        assert check.is_visible(), fault
        assert page.locator("article pre", has_text="diagnose").is_visible()
    look_up(page, "554 5.7.5 The message could not be decrypted")
    assert not check.is_visible()
    context.close()


@pytest.mark.parametrize("lang, path", [("en", "lookup/"), ("ko", "lookup/"), ("en", "errors/4.4.316/"),
                                        ("ko", "errors/4.7.320/")])
def test_the_diagnose_box_says_where_the_command_comes_from(browser, site_url, lang, path):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{site_url}/{lang}/{path}")
    link = page.locator("article a[href$='other-codes/#diagnose-command']")
    assert link.count() == 1 and link.is_visible()
    link.click()
    page.wait_for_url(f"{site_url}/{lang}/other-codes/#diagnose-command")
    section = page.evaluate("""() => { const h = document.getElementById('diagnose-command'); let text = '';
        for (let n = h.nextElementSibling; n && n.tagName !== 'H2'; n = n.nextElementSibling) text += n.textContent + ' ';
        return text; }""")
    # the repository's address is the publisher's (mkdocs.yml repo_url, unset as shipped): no page invents one
    assert "git clone" in section and "scripts/setup.sh" in section
    assert "python -m generator diagnose contoso.com" in section
    assert page.locator("header a.md-source").count() == 0
    context.close()


def test_a_publishers_repository_is_linked_in_the_header_without_asking_githubs_api(tmp_path):
    """repo_url set when publishing: Material's header link, drawn without data-md-component="source",
    so no visit asks api.github.com for stars and forks (site_overrides/partials/source.html)."""
    root = copy_project(tmp_path / "project")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("repo_url: https://git.example.org/mailflow-kb\nrepo_name: mailflow-kb\n")
    result = run_generator(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    for page in ("en/index.html", "ko/other-codes/index.html"):
        html = (root / "site" / page).read_text(encoding="utf-8")
        assert '<a href="https://git.example.org/mailflow-kb" title=' in html and "md-source" in html
        assert 'data-md-component="source"' not in html


FIVE_CAUSES = Path(__file__).parent / "data" / "whole-bounces" / "angus-mail-five-causes-pasted-together.txt"
# Each answer link of that table of contents in turn: the page scrolled to just past its heading (as far as
# Material's own counts a heading read: past the sticky header), then [link's target, the active link's
# target, the targets of the links marked passed]. A heading too near the page's end to scroll to is left out.
SCROLL_SPY = r"""async (selector) => {
  const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const header = document.querySelector('[data-md-component="header"]').offsetHeight;
  const links = [...document.querySelectorAll(selector + ' a.md-nav__link')].filter(a => !a.closest('[hidden]'));
  const target = a => decodeURIComponent(a.hash.slice(1));
  const seen = [];
  for (const link of links.filter(a => a.closest('li.mfkb-toc-answer'))) {
    const heading = document.getElementById(target(link));
    const y = heading.getBoundingClientRect().top + scrollY - header;
    if (y + innerHeight + 40 >= document.body.offsetHeight) continue;
    scrollTo(0, y + 4);
    await frame();
    const active = links.filter(a => a.classList.contains('md-nav__link--active')).map(target);
    const passed = links.filter(a => a.classList.contains('md-nav__link--passed')).map(target);
    seen.push([target(link), active, passed]);
  }
  return [links.map(target), seen];
}"""


@pytest.mark.parametrize("lang, size", [("en", "desktop"), ("ko", "phone")])
def test_the_table_of_contents_marks_the_answers_heading_being_read(browser, site_url, lang, size):
    """As Material marks a page's own headings: the last heading scrolled past is active, it and those
    before it passed, in the sidebar on a desktop and in the menu on a phone."""
    context, page = opened(browser, site_url, lang, DESKTOP if size == "desktop" else PHONE)
    look_up(page, FIVE_CAUSES.read_text(encoding="utf-8"))
    order, seen = page.evaluate(SCROLL_SPY, TOC[size])
    assert len(seen) >= 4, seen
    for heading, active, passed in seen:
        assert active == [heading]
        assert passed == order[: order.index(heading) + 1]
    page.evaluate("scrollTo(0, 0)")
    page.wait_for_function(f"!document.querySelector('{TOC[size]} .md-nav__link--active')")
    context.close()


@pytest.mark.parametrize("fragment", ["%E0%A4%A", "%", "%ZZ"])
def test_an_address_with_a_broken_fragment_leaves_the_page_working(browser, site_url, fragment):
    """A #fragment that is not valid percent-encoding (a link cut short, a typo): no script fails, the
    answer is there and the table of contents still marks the heading being read."""
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{site_url}/ko/lookup/?q={quote(FIVE_CAUSES.read_text(encoding='utf-8'))}#{fragment}")
    page.wait_for_selector("#mfkb-lookup-results > *")
    order, seen = page.evaluate(SCROLL_SPY, TOC["desktop"])
    assert seen and all(active == [heading] for heading, active, _ in seen), seen
    assert errors == []
    context.close()
