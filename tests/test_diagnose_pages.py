"""The lookup page, the six connector entries, the DANE and MTA-STS entries
and Exchange Online's MTA-STS meaning of 4.7.5/5.7.5 show the `diagnose`
command to copy, in each language; other entries do not."""
from __future__ import annotations

import html
import re

import pytest

from generator.diagnose.steps import CONNECTOR_CODES

COMMAND = {"en": "python -m generator diagnose contoso.com", "ko": "python -m generator diagnose contoso.com --lang ko"}
HEADING = {"en": "Check the path now", "ko": "지금 경로 확인하기"}


def code_blocks(page: str) -> list[str]:
    return [html.unescape(block).strip() for block in re.findall(r"<pre><code>(.*?)</code></pre>", page, re.S)]


def read(site, lang: str, path: str) -> str:
    return (site / lang / path / "index.html").read_text(encoding="utf-8")


def test_the_six_connector_codes_are_the_diagnosed_ones():
    assert CONNECTOR_CODES == ("4.4.312", "4.4.315", "4.4.316", "4.4.317", "4.4.318", "4.7.320")


# The walk also checks TLSA records and the MTA-STS policy, and names these codes.
DANE_AND_MTA_STS = ["4.7.321", "4.7.322", "4.7.323", "4.7.324", "4.7.325",
                    "5.7.321", "5.7.322", "5.7.323", "5.7.324", "5.7.325", "4.4.8", "5.4.8"]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("code", [*CONNECTOR_CODES, *DANE_AND_MTA_STS])
def test_an_entry_of_a_fault_the_walk_names_shows_the_command(built_site, lang, code):
    page = read(built_site, lang, f"errors/{code}")
    assert COMMAND[lang] in code_blocks(page)
    assert f">{HEADING[lang]}<a" in page
    assert "--require-tls" in html.unescape(page)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("code", ["4.7.5", "5.7.5"])
def test_exchange_onlines_mta_sts_meaning_shows_the_command_in_its_own_section(built_site, lang, code):
    """4.7.5/5.7.5 are the registry's cryptographic failure (no path check finds a missing
    decryption key); only Exchange Online's MTA-STS meaning gets the command."""
    page = read(built_site, lang, f"errors/{code}")
    before, meaning = page.split('id="from-exchange-online"', 1)
    assert code_blocks(before) == []
    assert code_blocks(meaning.split("<h2", 1)[0]) == [COMMAND[lang]]
    assert code_blocks(page).count(COMMAND[lang]) == 1
    assert f">{HEADING[lang]}<a" not in page  # no section of its own for the registry's meaning


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("code", ["5.1.10", "4.4.7", "X.7.5", "5.7.1"])
def test_other_entries_do_not(built_site, lang, code):
    page = read(built_site, lang, f"errors/{code}")
    assert "python -m generator diagnose" not in page


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_lookup_page_shows_the_command(built_site, lang):
    assert COMMAND[lang] in code_blocks(read(built_site, lang, "lookup"))


@pytest.mark.browser
def test_the_command_has_a_copy_button(page, site_url):
    page.goto(f"{site_url}/ko/errors/4.4.317/")
    block = page.locator("pre", has_text="python -m generator diagnose")
    assert block.locator("code").inner_text().strip() == COMMAND["ko"]
    copy = block.locator("button[data-md-type=copy]")
    assert copy.count() == 1
    assert copy.get_attribute("data-clipboard-target") == f"#{block.get_attribute('id')} > code"


@pytest.mark.parametrize("lang, dane, mta_sts", [
    ("en", "TLS becomes mandatory and the certificate must match one of the records", "MTA-STS policy"),
    ("ko", "TLS가 필수가 되고 인증서가 레코드 중 하나와 일치해야 합니다", "MTA-STS 정책"),
])
def test_the_command_section_says_that_dane_and_mta_sts_are_checked(built_site, lang, dane, mta_sts):
    page = html.unescape(read(built_site, lang, "other-codes"))
    section = page[page.index('id="diagnose-command"'):].split("<h2", 1)[0]
    assert dane in section and "4.7.321" in section
    assert mta_sts in section and "4.4.8" in section and "4.7.5" in section
