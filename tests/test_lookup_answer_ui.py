"""The lookup page's answer to a pasted bounce as a reader meets it (issue 15, item 6), in
headless Chromium on the session's built site: where focus goes and what a screen reader is
told, the order of its headings, a long list of recipients folded after the first three, and
long replies wrapped on a phone; in English and Korean."""
from __future__ import annotations

import pytest

from generator.cli.lookup import why_it_bounced
from generator.lookup import lookup, shipped_knowledge_base

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 800}
WHY = {"en": "Why it bounced", "ko": "왜 반송되었나요?"}
USER_UNKNOWN = {"en": "The recipient's address doesn't exist", "ko": "받는 사람 주소가 존재하지 않음"}
CODES = {"en": "Codes found", "ko": "찾은 코드"}
MORE = {"en": "Show {count} more recipients", "ko": "받는 사람 {count}명 더 보기"}


def report(recipients: int, reply: str | None = None) -> str:
    """A DSN (message/delivery-status fields, as pasted) with this many failed recipients."""
    parts = ["Reporting-MTA: dns; mail.sender.example\n"]
    for i in range(recipients):
        said = reply or f"550 5.1.1 <user{i}@recipient{i}.example>: Recipient address rejected: User unknown"
        parts.append(f"Final-Recipient: rfc822; user{i}@recipient{i}.example\nAction: failed\nStatus: 5.1.1\n"
                     f"Remote-MTA: dns; mx.recipient{i}.example\nDiagnostic-Code: smtp; {said}\n")
    return "\n".join(parts)


@pytest.fixture(scope="module")
def phone(browser):
    """One phone-sized page per language, opened on the lookup page."""
    contexts, pages = [], {}

    def opened(site_url, lang, scheme="light"):
        if (lang, scheme) not in pages:
            context = browser.new_context(viewport=PHONE, color_scheme=scheme,
                                          locale="ko-KR" if lang == "ko" else "en-US")
            contexts.append(context)
            pages[lang, scheme] = context.new_page()
        page = pages[lang, scheme]
        page.goto(f"{site_url}/{lang}/lookup/")
        page.wait_for_function("window.mfkbLookupDone !== undefined")
        page.evaluate("window.mfkbLookupDone")
        return page

    yield opened
    for context in contexts:
        context.close()


def look_up(page, text):
    page.fill("#mfkb-lookup-q", text)
    page.click("#mfkb-lookup button[type=submit]")
    page.wait_for_selector("#mfkb-lookup-results > *")  # then focus moves or the status line is set, at once


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_look_up_takes_focus_to_the_answer_and_says_it_once(phone, site_url, lang):
    page = phone(site_url, lang)
    look_up(page, report(1))
    focused = page.evaluate("""() => { const a = document.activeElement, box = a.getBoundingClientRect();
        return {heading: a.matches('#mfkb-lookup-results .mfkb-lookup-why > h2') && a.textContent,
                inView: box.top >= 0 && box.bottom <= innerHeight} }""")
    assert focused == {"heading": WHY[lang], "inView": True}
    # The focused heading is what a screen reader says: no live region repeats the whole answer.
    assert page.evaluate("document.getElementById('mfkb-lookup-status').textContent") == ""
    assert page.locator("#mfkb-lookup-results[aria-live], #mfkb-lookup-results [aria-live]").count() == 0


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_paste_leaves_focus_in_the_box_and_the_status_line_says_what_came(phone, site_url, lang):
    page = phone(site_url, lang)
    page.fill("#mfkb-lookup-q", report(1))
    page.focus("#mfkb-lookup-q")
    page.dispatch_event("#mfkb-lookup-q", "paste")
    status = page.locator("#mfkb-lookup-status[role=status]")
    status.filter(has_text=WHY[lang]).wait_for(state="attached")
    assert status.text_content() == f"{WHY[lang]}: {USER_UNKNOWN[lang]}"
    assert page.evaluate("document.activeElement.id") == "mfkb-lookup-q"


def test_a_code_in_the_address_is_told_by_the_status_line(phone, site_url):
    page = phone(site_url, "ko")
    page.goto(f"{site_url}/ko/lookup/?q=5.1.1")
    page.wait_for_function("window.mfkbLookupDone !== undefined")
    page.evaluate("window.mfkbLookupDone")
    assert page.locator("#mfkb-lookup-status").text_content() == f"{WHY['ko']}: {USER_UNKNOWN['ko']}"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_answers_headings_go_down_one_level_at_a_time(phone, site_url, lang):
    # A log with a greylisting deferral and an unknown user: two reasons, two codes.
    from test_reasons_several import LOG_DEFERRED_AND_BOUNCED
    page = phone(site_url, lang)
    look_up(page, LOG_DEFERRED_AND_BOUNCED)
    headings = page.evaluate("""() => [...document.querySelectorAll('article h1, article h2, article h3, article h4')]
        .map(h => [Number(h.tagName[1]), h.textContent.replace('¶', '').trim(),
                   h.closest('.mfkb-lookup-why') ? 'why' : h.closest('.mfkb-lookup-codes') ? 'codes' : 'page'])""")
    levels = [level for level, _, _ in headings]
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:])), headings
    answer = [(level, where) for level, _, where in headings if where != "page"]
    assert answer == [(2, "why"), (3, "why"), (3, "why"), (2, "codes"), (3, "codes"), (3, "codes")]
    reasons = [text for level, text, where in headings if where == "why" and level == 3]
    assert len(reasons) == 2 and reasons[1] == USER_UNKNOWN[lang]
    assert [text for level, text, where in headings if where == "codes" and level == 2] == [CODES[lang]]


@pytest.mark.parametrize("lang, scheme", [("en", "light"), ("ko", "dark")])
def test_a_long_list_of_recipients_shows_three_and_keeps_the_fix_in_sight(phone, site_url, lang, scheme):
    text = report(14)
    page = phone(site_url, lang, scheme)
    look_up(page, text)
    shown = page.evaluate("""() => {
        const why = document.querySelector('.mfkb-lookup-why'), fix = why.querySelector('.mfkb-lookup-reason-fix');
        const visible = [...why.querySelectorAll('.mfkb-lookup-said li')].filter(li => li.checkVisibility());
        return {visible: visible.length, more: why.querySelector('details > summary').textContent,
                fixBelowHeading: fix.getBoundingClientRect().top - why.querySelector('h2').getBoundingClientRect().top};
    }""")
    assert shown["visible"] == 3 and shown["more"] == MORE[lang].format(count=11)
    assert shown["fixBelowHeading"] < PHONE["height"]  # before, 2,138 px down: three screens of addresses
    page.keyboard.press("Tab")  # from the focused heading: the reason's link, then the fold
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    # All fourteen, in the command's words and order.
    said = page.evaluate("""() => [...document.querySelectorAll('.mfkb-lookup-said li')]
        .filter(li => li.checkVisibility()).map(li => li.textContent)""")
    kb = shipped_knowledge_base()
    command = why_it_bounced(kb, lookup(text, kb), lang).splitlines()
    assert said == [line.strip() for line in command if line.startswith("    ")] and len(said) == 14
    axe = pytest.importorskip("axe_playwright_python")
    from pathlib import Path
    page.add_script_tag(path=str(Path(axe.__file__).parent / "axe.min.js"))
    result = page.evaluate("""() => axe.run('#mfkb-lookup-results',
        {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    assert [violation["id"] for violation in result["violations"]] == []


def test_one_recipient_more_than_three_is_not_folded(phone, site_url):
    page = phone(site_url, "en")
    look_up(page, report(4))
    assert page.locator(".mfkb-lookup-why li:visible").count() == 4
    assert page.locator(".mfkb-lookup-why details").count() == 0
    # From five on the rest fold: never a fold over a single recipient.
    page = phone(site_url, "en")
    look_up(page, report(5))
    assert page.locator(".mfkb-lookup-why li:visible").count() == 3
    assert page.locator(".mfkb-lookup-why details > summary").text_content() == MORE["en"].format(count=2)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_reply_with_a_long_unbroken_address_wraps_on_a_phone(phone, site_url, lang):
    token = "https://security.recipient.example/unblock?id=" + "A1b2C3d4E5f6G7h8" * 16
    page = phone(site_url, lang)
    look_up(page, report(1, "550 5.7.1 Message rejected as spam; to request removal visit " + token))
    overflow = page.evaluate("""() => ({page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        wide: [...document.querySelectorAll('#mfkb-lookup-results *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth).map(e => e.tagName)})""")
    assert overflow == {"page": 0, "wide": []}
    assert token in page.locator(".mfkb-lookup-said li").text_content()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_recipient_still_being_retried_is_marked_apart_from_its_reply(phone, site_url, lang):
    # A log with a deferral and a bounce: the deferred recipient's mark stands out (a bordered,
    # bold label), not as more words at the end of the server's reply; the words are the command's.
    from test_reasons_several import LOG_DEFERRED_AND_BOUNCED
    page = phone(site_url, lang)
    look_up(page, LOG_DEFERRED_AND_BOUNCED)
    marks = page.evaluate("""() => [...document.querySelectorAll('.mfkb-lookup-said li')].map(li => {
        const mark = li.querySelector('.mfkb-lookup-retried'), style = mark && getComputedStyle(mark);
        return mark && {text: mark.textContent, bold: Number(style.fontWeight) >= 600,
                        border: style.borderTopStyle !== 'none', endsLine: li.textContent.endsWith(' ' + mark.textContent)};
    })""")
    marker = {"en": "(still being retried)", "ko": "(아직 재시도 중)"}[lang]
    assert marks == [{"text": marker, "bold": True, "border": True, "endsLine": True}, None]
