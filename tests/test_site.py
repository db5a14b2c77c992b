"""The shipped content, built whole: what a reader gets in each language."""
from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from ruamel.yaml import YAML

from conftest import ROOT
from generator.i18n.translatable import iter_strings
from htmltext import article, markdown_as_text, visible_text

ENTRY_FILES = sorted((ROOT / "content" / "errors").glob("*.yml"))
PAGE_FILES = sorted((ROOT / "content" / "pages").glob("*.yml"))
CONNECTOR_CODES = ["4.4.312", "4.4.315", "4.4.316", "4.4.317", "4.4.318", "4.7.320"]


def korean_catalog() -> dict[str, str]:
    with (ROOT / "locales/ko/LC_MESSAGES/messages.po").open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id and not m.fuzzy and m.string}


def load(path):
    return YAML(typ="rt").load(path.read_text(encoding="utf-8"))


def read(site, relative):
    return (site / relative).read_text(encoding="utf-8")


@pytest.mark.parametrize("code", CONNECTOR_CODES)
def test_connector_entries_ship_in_both_languages(built_site, code):
    for lang in ("en", "ko"):
        assert (built_site / lang / "errors" / code / "index.html").is_file()


@pytest.mark.parametrize("code, english, korean, meaning", [
    ("4.4.8", "MX hosts failed MTA-STS validation", "MX 호스트가 MTA-STS 유효성 검사에 실패함", None),
    ("5.4.8", "MX hosts failed MTA-STS validation", "MX 호스트가 MTA-STS 유효성 검사에 실패함", None),
    ("4.7.5", "Cryptographic failure", "암호화 실패", ("Remote certificate failed MTA-STS validation",
                                                    "원격 서버의 인증서가 MTA-STS 유효성 검사에 실패함")),
    ("5.7.5", "Cryptographic failure", "암호화 실패", ("Remote certificate failed MTA-STS validation",
                                                    "원격 서버의 인증서가 MTA-STS 유효성 검사에 실패함")),
])
def test_mta_sts_entries_ship_in_both_languages(built_site, code, english, korean, meaning):
    """Exchange Online's MTA-STS codes (its NDR table, RFC 8461): their own page in each language,
    with Exchange Online's meaning of 4.7.5/5.7.5 next to the registry's."""
    for lang, title, index in (("en", english, 0), ("ko", korean, 1)):
        text = visible_text(article(read(built_site, f"{lang}/errors/{code}/index.html")))
        assert f"{code} {title}" in text
        assert "RFC 8461" in text and "Exchange Online" in text
        if meaning:
            assert meaning[index] in text


@pytest.mark.parametrize("path", ENTRY_FILES + PAGE_FILES, ids=lambda p: p.stem)
def test_every_sentence_reaches_both_languages(built_site, path):
    """Title, summary, causes, fixes, partner note, sections: each string of
    the source shows on the English page, and its Korean on the Korean page."""
    data = load(path)
    relative = f"errors/{data['code']}/index.html" if "code" in data else f"{data['slug']}/index.html"
    english = visible_text(article(read(built_site, "en/" + relative)))
    korean = visible_text(article(read(built_site, "ko/" + relative)))
    catalog = korean_catalog()
    for text, line in iter_strings(data):
        assert markdown_as_text(text) in english, f"{path.name}:{line} missing on the English page"
        assert text in catalog, f"{path.name}:{line} has no Korean translation"
        assert markdown_as_text(catalog[text]) in korean, f"{path.name}:{line} missing on the Korean page"
    assert "mfkb-fallback" not in read(built_site, "ko/" + relative)


@pytest.mark.parametrize("lang, headings, absent", [
    ("ko", ("원인", "해결 방법", "파트너"), ("Causes", "How to fix it", "번역")),  # 번역: no fallback notice
    ("en", ("Causes", "How to fix it", "If the error is at a partner"), ("원인",)),
])
def test_entry_page_reads_in_its_language(built_site, lang, headings, absent):
    page = read(built_site, f"{lang}/errors/4.4.316/index.html")
    text = visible_text(article(page))
    assert f'<html lang="{lang}"' in page
    assert all(heading in text for heading in headings), headings
    assert not [word for word in absent if word in text]
    assert "4.4.316" in text and "450" in text


def test_korean_headings_get_readable_ids(built_site):
    page = read(built_site, "ko/errors/4.4.316/index.html")
    assert 'id="원인"' in page


@pytest.mark.parametrize("relative", ["errors/4.4.316/", "overview/", "other-codes/", "", "errors/"])
def test_alternates_and_language_switch_name_the_same_page(built_site, relative):
    for lang, other in (("en", "ko"), ("ko", "en")):
        page = read(built_site, f"{lang}/{relative}index.html")
        depth = "../" * (relative.count("/") + 1) if relative else "./../"
        expected = f"{depth}{other}/{relative}"
        assert f'<link rel="alternate" href="{expected}" hreflang="{other}">' in page
        assert re.search(rf'<a href="{re.escape(expected)}" hreflang="{other}"[^>]*md-select__link', page)
        assert f'<html lang="{lang}"' in page


def test_each_language_has_its_own_404(built_site):
    english = visible_text(read(built_site, "en/404.html"))
    korean = visible_text(read(built_site, "ko/404.html"))
    assert "Page not found" in english
    assert "찾을 수 없" in korean and "Page not found" not in korean


def test_root_sends_visitors_to_a_language_with_plain_links(built_site):
    page = read(built_site, "index.html")
    assert 'href="en/"' in page and 'href="ko/"' in page
    assert "mfkbChooseLanguage" in page and "localStorage" in page


def test_no_page_loads_anything_from_another_host(built_site):
    pattern = re.compile(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//', re.I)
    offenders = [p for p in built_site.rglob("*.html") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_entries_stay_out_of_the_navigation(built_site):
    """Page size must not grow with the number of entries: no entry in the nav."""
    page = read(built_site, "en/overview/index.html")
    start = page.index('<nav class="md-nav md-nav--primary"')
    nav = page[start:page.index('md-sidebar--secondary', start)]
    links = re.findall(r'href="([^"]+)"', nav)
    assert "../errors/" in links
    assert not [link for link in links if re.search(r"errors/[245X]\.", link)]


def test_overview_and_other_codes_in_both_languages(built_site):
    for lang in ("en", "ko"):
        overview = visible_text(article(read(built_site, f"{lang}/overview/index.html")))
        other = read(built_site, f"{lang}/other-codes/index.html")
        assert "24" in overview
        assert 'id="other-error-codes"' in other
    assert "NDR" in visible_text(article(read(built_site, "ko/overview/index.html")))


def test_category_pages_list_every_entry_of_their_subject(built_site):
    from generator.i18n.labels import SUBJECTS

    codes = [path.stem for path in ENTRY_FILES]
    for lang in ("en", "ko"):
        listed = set()
        for number, (slug, _title) in SUBJECTS.items():
            page = read(built_site, f"{lang}/categories/{slug}/index.html")
            found = set(re.findall(r'href="\.\./\.\./errors/([245X]\.\d+\.\d+)/"', page))
            assert all(code.split(".")[1] == number for code in found), (slug, found)
            listed |= found
        assert listed == set(codes)
    assert "보안 또는 정책" in read(built_site, "ko/categories/security-and-policy/index.html")
