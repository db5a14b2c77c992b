"""Bounce reasons: a page per reason in both languages, the reasons index,
their API documents, and the mistakes a reason file can hold."""
from __future__ import annotations

import csv
import html as html_module
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import ROOT, run_generator
from generator.content.load import load_content
from generator.content.validate import validate_content
from generator.errors import ContentError
from htmltext import article, visible_text
from test_api import read_json, validator

CORPORA = ROOT.parent / "shared" / "corpora"  # shared/ lies beside the project, as in CI
# The issue's list: sisimai's names, undefined for "could not tell".
NAMED = """userunknown mailboxfull hostunknown expired filtered blocked rejected spamdetected authfailure
securityerror policyviolation suspend norelaying requireptr notaccept mesgtoobig exceedlimit toomanyconn
speeding systemerror systemfull networkerror mailererror contenterror virusdetected hasmoved onhold
badreputation syntaxerror notcompliantrfc failedstarttls undefined""".split()


def corpus_reasons() -> set[str]:
    found = set()
    for tsv in sorted(CORPORA.glob("*/expected.tsv")):
        with tsv.open(encoding="utf-8", newline="") as handle:
            found |= {row["reason"] for row in csv.DictReader(handle, delimiter="\t")}
    return found


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT / "content")


def test_every_reason_named_in_the_issue_and_the_corpora_has_a_page(content):
    reasons = corpus_reasons()
    if not reasons:
        pytest.skip(f"shared corpora not present at {CORPORA}")
    assert reasons <= set(content.reasons), reasons - set(content.reasons)
    assert set(NAMED) <= set(content.reasons), set(NAMED) - set(content.reasons)


def read_page(site: Path, path: str) -> str:
    return (site / path.lstrip("/") / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, title, headings, first_code", [
    ("en", "The recipient's mailbox is full",
     ["Usual causes", "What the sender can do", "What the recipient's administrator can do",
      "Codes that usually carry it", "Sources"],
     "5.2.2: Submission quota exceeded, or mailbox full"),
    ("ko", "받는 사람의 사서함이 가득 참",
     ["흔한 원인", "보낸 사람이 할 수 있는 일", "받는 사람 쪽 관리자가 할 수 있는 일",
      "이 이유를 주로 나타내는 코드", "출처"],
     "5.2.2: 제출 할당량 초과 또는 사서함 가득 참"),
])
def test_a_reason_page_reads_whole_in_its_language(built_site, lang, title, headings, first_code):
    html = read_page(built_site, f"/{lang}/reasons/mailboxfull/")
    text = visible_text(article(html)).replace(" :", ":")  # a link's text and the colon after it
    assert text.startswith(title)
    assert [heading for heading in headings if heading not in text] == []
    assert text.index(headings[0]) < text.index(headings[1]) < text.index(headings[-1])
    assert first_code in text
    assert "mfkb-fallback" not in html  # every string shown in the page's language
    assert re.search(r"<title>([^<]*) - ", html).group(1).replace("&#x27;", "'") == title


def links(html: str) -> dict[str, str]:
    """Link text -> href of the article's links."""
    return {html_module.unescape(re.sub(r"<[^>]+>", "", text)).strip(): href
            for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', article(html), re.S)}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_codes_link_to_their_entry_or_to_the_lookup(built_site, content, lang):
    found = links(read_page(built_site, f"/{lang}/reasons/mailboxfull/"))
    assert found["5.2.2"] == "../../errors/5.2.2/"
    assert found["4.2.2"] == "../../lookup/?q=4.2.2"  # only X.2.2 explains it: the lookup says so
    expired = links(read_page(built_site, f"/{lang}/reasons/expired/"))
    assert expired["5.4.316"] == "../../errors/4.4.316/"  # an alias lands on its entry
    base = f"/{lang}/reasons/mailboxfull/"
    for reason in (built_site / lang / "reasons").iterdir():
        if reason.is_dir() and reason.name in content.reasons:  # not an alias's page, which leads on
            for code, href in links(read_page(built_site, f"/{lang}/reasons/{reason.name}/")).items():
                target = urlsplit(urljoin(base, href))
                if not target.scheme and "/errors/" in target.path:
                    assert (built_site / target.path.lstrip("/") / "index.html").is_file(), (reason.name, href)


@pytest.mark.parametrize("lang, label", [("en", "Why mail bounces"), ("ko", "메일이 반송되는 이유")])
def test_the_index_lists_every_reason_and_the_navigation_leads_to_it(built_site, content, lang, label):
    index = read_page(built_site, f"/{lang}/reasons/")
    listed = links(index)
    assert len(listed) == len(content.reasons)
    assert sorted(href.strip("./") for href in listed.values()) == sorted(content.reasons)
    for where in (f"/{lang}/", f"/{lang}/reasons/mailboxfull/", f"/{lang}/errors/4.4.316/"):
        nav = re.search(rf'<a href="([^"]*)" class="md-nav__link">\s*(?:<[^>]+>\s*)*{label}', read_page(built_site, where))
        assert nav and urljoin(where, nav.group(1)) == f"/{lang}/reasons/", (where, nav and nav.group(1))
    for reason_id in content.reasons:
        assert (built_site / lang / "reasons" / reason_id / "index.html").is_file()


def test_reason_pages_are_in_the_search_index(built_site, content):
    for lang in ("en", "ko"):
        chunks = " ".join(p.read_text(encoding="utf-8") for p in (built_site / lang / "search/mfkb").glob("d*.json"))
        missing = [reason_id for reason_id in content.reasons if f'"reasons/{reason_id}/"' not in chunks]
        assert missing == [], (lang, missing)


def test_the_api_documents_match_their_schemas_and_the_pages(built_site, content):
    index_doc = read_json(built_site / "api/v1/reasons/index.json")
    validator("reasons-index.schema.json").validate(index_doc)
    listed = {reason["id"]: reason for reason in index_doc["result"]["reasons"]}
    assert set(listed) == set(content.reasons)
    one = validator("reason.schema.json")
    for reason_id, item in listed.items():
        document = read_json(built_site / "api/v1" / item["api"])
        one.validate(document)
        for url in [*item["urls"].values(), *document["result"]["urls"].values()]:
            assert (built_site / url.lstrip("/") / "index.html").is_file()
    full = read_json(built_site / "api/v1/reasons/mailboxfull.json")["result"]
    assert listed["toomanyconn"]["aliases"] == ["ratelimited"] and listed["mailboxfull"]["aliases"] == []
    assert read_json(built_site / "api/v1/reasons/toomanyconn.json")["result"]["aliases"] == ["ratelimited"]
    # sisimai 5.6's wider names take in exceedlimit and speeding too (their `within`).
    assert (listed["exceedlimit"]["within"], listed["speeding"]["within"], listed["mesgtoobig"]["within"]) == (
        ["emailtoolarge"], ["ratelimited"], [])
    assert read_json(built_site / "api/v1/reasons/speeding.json")["result"]["within"] == ["ratelimited"]
    assert full["aliases"] == []
    for alias in content.reason_aliases():  # an alias has no document: the index's aliases lead to the reason
        assert not (built_site / "api/v1/reasons" / f"{alias}.json").exists()
    assert listed["mailboxfull"]["title"] == {"en": "The recipient's mailbox is full", "ko": "받는 사람의 사서함이 가득 참"}
    assert full["codes"] == ["5.2.2", "4.2.2"] and full["entries"] == {"5.2.2": "5.2.2", "4.2.2": None}
    ko = full["content"]["ko"]
    assert ko["title"] == {"text": "받는 사람의 사서함이 가득 참", "status": "translated", "fallback": False}
    assert ko["sender_fixes"][0]["steps"] == [] and ko["sender_fixes"][0]["text"]["status"] == "translated"
    assert full["sources"][0]["url"].startswith("https://")


def test_the_schema_refuses_a_wrong_reason_document(built_site):
    document = read_json(built_site / "api/v1/reasons/mailboxfull.json")
    document["result"]["urls"]["en"] = "/en/errors/5.2.2/"
    assert not validator("reason.schema.json").is_valid(document)
    document = read_json(built_site / "api/v1/reasons/toomanyconn.json")
    document["result"]["aliases"] = ["Rate-Limited"]
    assert not validator("reason.schema.json").is_valid(document)
    del document["result"]["aliases"]
    assert not validator("reason.schema.json").is_valid(document)


def test_openapi_describes_the_reason_documents(built_site):
    openapi = read_json(built_site / "api/v1/openapi.json")
    assert {"/reasons/index.json", "/reasons/{id}.json"} <= set(openapi["paths"])
    for name in ("reasons-index.schema.json", "reason.schema.json"):
        assert (built_site / "api/v1/schemas" / name).is_file()


# Mistakes in a reason file: (what to write over a line, the line's pattern, words of the message)
REASON = "content/reasons/mailboxfull.yml"


def rewrite(path: Path, pattern: str, new: str) -> int:
    """Write new over the first line matching pattern (over the whole block, for a key
    whose items follow it); its 1-based line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if re.search(pattern, line))
    end = index + 1
    if lines[index].endswith(":"):
        while end < len(lines) and lines[end].startswith("  "):
            end += 1
    lines[index:end] = [new]
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


MISTAKES = {
    "id not the file name": (r"^id:", "id: fullmailbox", "reason id 'fullmailbox' does not match the file name"),
    "id not a name": (r"^id:", "id: Mailbox-Full", "'id' is not a reason id"),
    "malformed code": (r"^codes:", "codes: [5.2.2, 4.2]", "'codes.1' is not an enhanced status code"),
    "code twice": (r"^codes:", "codes: [5.2.2, 5.02.2]", "code 5.2.2 is listed twice"),
    "source not https": (r"url: https://www.rfc", "    url: http://www.rfc-editor.org/rfc/rfc3463",
                         "'sources.0.url' is not an https address"),
    "unknown field": (r"^codes:", "codes: [5.2.2]\nseverity: high", "unknown field 'severity'"),
    "no sender fixes": (r"^sender_fixes:", "sender_fixes: []", "'sender_fixes' is empty"),
    "raw html": (r"Large attachments", "  - Large <b>attachments</b> filled it.", "raw HTML <b>"),
    "broken yaml": (r"^codes:", "codes: [5.2.2, 4.2.2", "invalid YAML"),
    "alias not a name": (r"^codes:", "codes: [5.2.2]\naliases: [full-mailbox]", "'aliases.0' is not a reason id"),
    "alias a reason": (r"^codes:", "codes: [5.2.2]\naliases: [quotaexceeded, userunknown]",
                       "alias userunknown is a reason of its own"),
}
# Mistakes written on a line of their own after the one replaced.
ON_THE_NEXT_LINE = {"unknown field", "alias not a name", "alias a reason"}


@pytest.fixture
def content_copy(tmp_path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


@pytest.mark.parametrize("mistake", MISTAKES, ids=str)
def test_a_mistake_in_a_reason_file_names_file_and_line(content_copy, mistake):
    pattern, new, words = MISTAKES[mistake]
    line = rewrite(content_copy / REASON, pattern, new)
    if mistake in ON_THE_NEXT_LINE:
        line += 1
    with pytest.raises(ContentError) as caught:
        validate_content(load_content(content_copy / "content"))
    message = caught.value.format(content_copy)
    assert message.startswith(f"{REASON}:{line}: error:"), message
    assert words in message and "hint:" in message


def test_a_name_is_the_alias_of_one_reason_only(content_copy):
    mine = rewrite(content_copy / REASON, r"^codes:", "codes: [5.2.2]\naliases: [ratelimited]") + 1
    theirs = next(number for number, line in enumerate(
        (content_copy / "content/reasons/toomanyconn.yml").read_text(encoding="utf-8").split("\n"), 1)
        if line.startswith("aliases:"))
    with pytest.raises(ContentError) as caught:
        validate_content(load_content(content_copy / "content"))
    message = caught.value.format(content_copy)
    assert message.startswith(f"content/reasons/toomanyconn.yml:{theirs}: error: alias ratelimited is already "
                              f"an alias of mailboxfull (in content/reasons/mailboxfull.yml:{mine})"), message
    assert "hint: a name may be the alias of one reason only" in message


@pytest.mark.parametrize("wider", ["ratelimited", "tooslow"])
def test_a_wider_name_must_be_the_alias_of_another_reason(content_copy, wider):
    # toomanyconn's own alias is not wider than toomanyconn; a name no reason has leads nowhere.
    reason = content_copy / "content/reasons/toomanyconn.yml"
    line = rewrite(reason, r"^aliases:", f"aliases: [ratelimited]\nwithin: [{wider}]") + 1
    with pytest.raises(ContentError) as caught:
        validate_content(load_content(content_copy / "content"))
    message = caught.value.format(content_copy)
    assert message.startswith(f"content/reasons/toomanyconn.yml:{line}: error: '{wider}' under 'within' "
                              "is not an alias of another reason"), message
    assert "hint: list it under 'aliases'" in message


def test_a_page_cannot_take_the_reasons_address(content_copy):
    page = content_copy / "content/pages/other-codes.yml"
    line = rewrite(page, r"^slug:", "slug: reasons")
    with pytest.raises(ContentError) as caught:
        load_content(content_copy / "content")
    assert caught.value.format(content_copy).startswith(f"content/pages/other-codes.yml:{line}: error: page slug 'reasons'")


def test_the_build_reports_a_bad_reason_file_and_exits_2(small_project):
    line = rewrite(small_project / REASON, r"^codes:", "codes: [5.2.2, 550]")
    result = run_generator(small_project, "build")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith(f"{REASON}:{line}: error: 'codes.1' is not an enhanced status code")
    assert not (small_project / "site").exists()


@pytest.mark.browser
def test_a_reader_goes_from_the_navigation_to_a_reason_and_on_to_its_code(page, site_url):
    page.goto(f"{site_url}/ko/")
    page.locator("nav.md-nav--primary a", has_text="메일이 반송되는 이유").first.click()
    page.wait_for_url("**/ko/reasons/")
    page.get_by_role("link", name="받는 사람의 사서함이 가득 참").click()
    page.wait_for_url("**/ko/reasons/mailboxfull/")
    assert page.locator("article h1").inner_text().startswith("받는 사람의 사서함이 가득 참")
    assert page.locator("article").get_by_text("보낸 사람이 할 수 있는 일").is_visible()
    page.locator("article").get_by_role("link", name="5.2.2", exact=True).click()
    page.wait_for_url("**/ko/errors/5.2.2/")
    page.go_back()
    page.locator("article").get_by_role("link", name="4.2.2", exact=True).click()
    page.wait_for_url("**/ko/lookup/?q=4.2.2")


@pytest.mark.parametrize("lang, heading, title", [
    ("en", "Bounce reasons it usually carries", "The recipient's mailbox is full"),
    ("ko", "이 코드가 주로 나타내는 반송 이유", "받는 사람의 사서함이 가득 참"),
])
def test_an_entry_links_to_the_reasons_its_code_usually_carries(built_site, lang, heading, title):
    html = read_page(built_site, f"/{lang}/errors/5.2.2/")
    assert heading in visible_text(article(html))
    assert links(html)[title] == "../../reasons/mailboxfull/"
    refused = links(read_page(built_site, f"/{lang}/errors/4.4.316/"))  # through its alias 5.4.316 too
    assert {href for href in refused.values() if "/reasons/" in href} == {
        "../../reasons/networkerror/", "../../reasons/expired/"}


@pytest.mark.parametrize("lang, label, sentence", [
    ("en", "Other tools' names for it: ratelimited", "Sisimai 5.6 and later call this reason ratelimited"),
    ("ko", "다른 도구에서 쓰는 이름: ratelimited", "Sisimai 5.6 이후 버전은 이 이유를 ratelimited 라고 부르고"),  # a code span, then the particle
])
def test_a_reason_page_names_its_aliases(built_site, lang, label, sentence):
    text = visible_text(article(read_page(built_site, f"/{lang}/reasons/toomanyconn/")))
    assert label in text and sentence in text
    assert "Other tools' names" not in visible_text(article(read_page(built_site, f"/{lang}/reasons/mailboxfull/")))


@pytest.mark.parametrize("lang, label, wrong", [("en", "Reason name: vacation", "Bounce reason"),
                                                 ("ko", "이유 이름: vacation", "반송 이유")])
def test_a_page_for_a_text_that_is_no_bounce_does_not_call_itself_a_bounce_reason(built_site, lang, label, wrong):
    """An automatic reply's page gives its name as the reasons index does, not as a bounce's reason."""
    text = visible_text(article(read_page(built_site, f"/{lang}/reasons/vacation/")))
    assert label in text and wrong not in text


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_an_alias_address_leads_to_its_reason(built_site, content, lang):
    aliases = content.reason_aliases()
    assert aliases["ratelimited"] == "toomanyconn" and aliases["emailtoolarge"] == "mesgtoobig"
    for alias, reason_id in aliases.items():
        html = read_page(built_site, f"/{lang}/reasons/{alias}/")
        assert f'<html lang="{lang}">' in html and '<meta name="robots" content="noindex">' in html
        assert f'content="0; url=../{reason_id}/"' in html
        (href, text), = re.findall(r'<a href="([^"]+)">([^<]+)</a>', html)  # for a reader without JavaScript
        assert href == f"../{reason_id}/" and html_module.unescape(text).startswith(f"{reason_id}: ")
        if lang == "en":
            assert html_module.unescape(text) == f"{reason_id}: {content.reasons[reason_id].title}"
        assert (built_site / lang / "reasons" / reason_id / "index.html").is_file()
    assert not (built_site / "reasons").exists()  # reasons have no address without a language


@pytest.mark.browser
def test_a_reader_following_sisimai_5s_name_lands_on_our_reason(page, site_url):
    page.goto(f"{site_url}/ko/reasons/ratelimited/#kept")
    page.wait_for_url("**/ko/reasons/toomanyconn/#kept")
    assert page.locator("article h1").inner_text().startswith("연결이나 받는 사람이 한꺼번에 너무 많음")
    assert "ratelimited" in page.locator("article").inner_text()
