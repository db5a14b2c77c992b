"""Every well-formed code the knowledge base knows works as /errors/{code}/ and
/{lang}/errors/{code}/: an entry's page, or a page that sends the reader on
(to the entry that answers for the code, with ?from=, or to the lookup page)."""
from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from corpus_codes import DEFAULT as CORPORA, corpus_codes  # noqa: E402

from generator.codes.syntax import CODE_RE  # noqa: E402
from generator.content.load import load_content  # noqa: E402
from generator.site.code_links import data_codes, followed_codes, known_codes  # noqa: E402

LANGS = ("en", "ko")
REPLACE_RE = re.compile(r'location\.replace\("(?P<target>[^"]+)"')


def registry_codes() -> set[str]:
    return {cls + code[1:] for code in data_codes() if code[0] == "X" for cls in "245"}


def landing(site: Path, lang: str, code: str) -> tuple[str, str | None]:
    """(path of the page a reader lands on from /{lang}/errors/{code}/, the code it was followed from)."""
    page = site / lang / "errors" / code / "index.html"
    assert page.is_file(), f"/{lang}/errors/{code}/ is a 404"
    found = REPLACE_RE.search(page.read_text(encoding="utf-8"))
    if not found:
        return f"/{lang}/errors/{code}/", None
    target = urlsplit(urljoin(f"/{lang}/errors/{code}/", found.group("target")))
    assert (site / target.path.lstrip("/") / "index.html").is_file(), f"{code} leads to a missing {target.path}"
    query = parse_qs(target.query)
    assert query.get("from", query.get("q")) == [code]
    return target.path, query.get("from", [None])[0]


def test_the_corpora_codes_are_all_listed_for_the_build():
    if not all(folder.is_dir() for folder in CORPORA):
        pytest.skip("shared corpora not found beside the repo")
    stored = {line for line in (ROOT / "generator/data/corpus_codes.txt").read_text().splitlines()
              if line and not line.startswith("#")}
    assert set(corpus_codes(CORPORA)) <= stored, "run bench/corpus_codes.py --write"


def test_every_code_of_the_corpora_and_the_registry_has_a_working_deep_link(built_site):
    content = load_content(ROOT / "content")
    known = known_codes(content)
    codes = sorted(data_codes() | registry_codes())
    codes = [code for code in codes if CODE_RE.match(code) and code[0] != "X"]
    assert len(codes) > 250
    for code in codes:
        root_page = (built_site / "errors" / code / "index.html").read_text(encoding="utf-8")
        assert f'href="../../ko/errors/{code}/"' in root_page and f'href="../../en/errors/{code}/"' in root_page
        resolution = known.resolve(code)
        for lang in LANGS:
            path, followed = landing(built_site, lang, code)
            if resolution.entry is None:
                assert path == f"/{lang}/lookup/", code
            else:
                assert path == f"/{lang}/errors/{resolution.entry}/", code
                assert followed == (None if resolution.entry == code else code)


def test_aliases_ranges_and_class_agnostic_codes_lead_to_their_entries(built_site):
    assert landing(built_site, "ko", "5.4.316") == ("/ko/errors/4.4.316/", "5.4.316")
    assert landing(built_site, "en", "4.7.555") == ("/en/errors/4.7.500/", "4.7.555")
    assert landing(built_site, "en", "5.2.2") == ("/en/errors/5.2.2/", None)   # an entry of its own
    assert landing(built_site, "en", "4.2.2") == ("/en/errors/X.2.2/", "4.2.2")
    assert landing(built_site, "ko", "5.7.3") == ("/ko/errors/X.7.3/", "5.7.3")
    assert landing(built_site, "en", "5.1.351") == ("/en/lookup/", None)
    every = followed_codes(load_content(ROOT / "content"))
    for code in every:
        assert (built_site / "en" / "errors" / code / "index.html").is_file()


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "code", "landing_path", "note"), [
    ("en", "5.4.316", "/en/errors/4.4.316/",
     ["You followed 5.4.316, the form this fault takes after 24 hours of retries: "
      "the message expired and was returned to the sender."]),
    ("ko", "5.4.316", "/ko/errors/4.4.316/",
     ["5.4.316 링크를 따라왔습니다. 24시간 동안 재시도한 뒤 이 오류가 띠는 형태로, "
      "메시지가 만료되어 보낸 사람에게 반송되었습니다."]),
    ("en", "5.7.3", "/en/errors/X.7.3/",
     ["You followed 5.7.3. It has no entry of its own: this registry entry describes it in every class.",
      "Permanent (5.x.x): the message was returned to the sender",
      "From Exchange Online, 5.7.3 means: SMTP AUTH sign-in failed."]),
    ("ko", "4.7.555", "/ko/errors/4.7.500/", ["4.7.555 링크를 따라왔습니다. 이 항목이 다루는 코드 가운데 하나입니다."]),
    # Vendors' codes since the 2024-25 sender requirements (tests/test_meanings_senderreq.py).
    ("en", "4.2.1", "/en/errors/X.2.1/",
     ["You followed 4.2.1. It has no entry of its own: this registry entry describes it in every class.",
      "Transient (4.x.x): the sending server keeps retrying",
      "From Gmail, 4.2.1 means: Too much mail for the recipient at once, not a disabled mailbox."]),
    ("ko", "4.7.0", "/ko/errors/X.7.0/",
     ["4.7.0 링크를 따라왔습니다. 이 코드만 다루는 항목은 없으며, 이 레지스트리 항목이 모든 클래스에 걸쳐 설명합니다.",
      "일시적 오류(4.x.x): 보내는 서버가 계속 재시도합니다",
      "Yahoo Mail에서 온 4.7.0의 의미: 보내는 서버의 메일을 Yahoo가 당분간 지연시킴."]),
    ("ko", "5.7.28", "/ko/errors/X.7.28/",
     ["5.7.28 링크를 따라왔습니다. 이 코드만 다루는 항목은 없으며, 이 레지스트리 항목이 모든 클래스에 걸쳐 설명합니다.",
      "영구적 오류(5.x.x): 메시지가 보낸 사람에게 반송되었습니다",
      "Gmail에서 온 5.7.28의 의미: 원치 않는 메일 때문에 보내는 IP 주소의 메일이 차단됨."]),
])
def test_following_another_codes_link_shows_a_note(browser, site_url, lang, code, landing_path, note):
    context = browser.new_context(locale="ko-KR" if lang == "ko" else "en-US")
    page = context.new_page()
    page.goto(f"{site_url}/errors/{code}/#how-to-fix-it")
    page.wait_for_url(f"{site_url}{landing_path}?from={code}#how-to-fix-it")
    page.wait_for_selector(".mfkb-followed:not([hidden])")
    shown = page.evaluate("""() => [...document.querySelectorAll('.mfkb-followed p:not([hidden])')]
        .map(p => p.textContent.replace(/\\s+/g, ' ').trim())""")
    assert shown == note
    context.close()


@pytest.mark.browser
def test_an_entry_reached_directly_shows_no_note_and_a_bad_from_nothing(page, site_url):
    for query in ("", "?from=5.9.99", "?from=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"):
        page.goto(f"{site_url}/en/errors/4.4.316/{query}")
        page.wait_for_load_state("load")
        assert page.locator(".mfkb-followed").is_hidden()


@pytest.mark.browser
def test_a_code_no_entry_answers_opens_the_lookup_with_it(page, site_url):
    page.goto(f"{site_url}/en/errors/5.1.351/")
    page.wait_for_url(f"{site_url}/en/lookup/?q=5.1.351")
    page.wait_for_selector("#mfkb-lookup-results li.mfkb-lookup-match")
    assert page.input_value("#mfkb-lookup-q") == "5.1.351"
    assert "5.1.351 is not in the knowledge base yet." in page.text_content("#mfkb-lookup-results")
