"""An entry for a code with a class says its own thing: its causes and fixes are not
its class-agnostic registry entry's, word for word (5.4.1 is not X.4.1 again, since
5.4.1 from real servers is mostly Exchange Online's edge blocking). Vendor meanings
give their own reply codes, and the registry entry's summary is the registry's."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, run_generator
from htmltext import visible_text

# Each code with a class, and its registry entry, whose causes it used to copy.
OWN_WORDS = [("5.4.1", "X.4.1"), ("5.1.10", "X.1.10"), ("4.3.2", "X.3.2"), ("5.1.8", "X.1.8"),
             ("5.7.12", "X.7.12"), ("5.7.13", "X.7.13"), ("5.5.0", "X.5.0"), ("5.1.0", "X.1.0")]
SECTIONS = ("causes", "fixes", "receiving-server", "partner")


def page(built_site: Path, lang: str, code: str) -> str:
    return (built_site / lang / "errors" / code / "index.html").read_text(encoding="utf-8")


def section_items(html: str, anchor: str) -> set[str]:
    """The text of each list item (or paragraph) of a section, as the reader sees it."""
    start = html.find(f'id="{anchor}"')
    if start < 0:
        return set()
    end = html.find("<h2", start + 1)
    body = html[start:end if end > 0 else None]
    body = body[body.index(">") + 1:]
    parts = re.findall(r"<(li|p)\b[^>]*>(.*?)</\1>", body, re.S)
    return {visible_text(text) for _, text in parts if visible_text(text)}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("code, registry", OWN_WORDS, ids=[code for code, _ in OWN_WORDS])
def test_a_code_with_a_class_does_not_repeat_its_registry_entry(built_site, lang, code, registry):
    own, general = page(built_site, lang, code), page(built_site, lang, registry)
    assert section_items(own, "causes") and section_items(own, "fixes")
    assert section_items(general, "causes") and section_items(general, "fixes")  # something to compare with
    for anchor in SECTIONS:
        repeated = section_items(own, anchor) & section_items(general, anchor)
        assert not repeated, f"{code} repeats {registry}'s {anchor}: {repeated}"


@pytest.mark.parametrize("lang, words", [
    ("en", ["Recipient address rejected: Access denied", "protection.outlook.com", "X.4.1"]),
    ("ko", ["Recipient address rejected: Access denied", "protection.outlook.com", "X.4.1"]),
])
def test_5_4_1_tells_the_filtering_servers_refusal_from_a_silent_host(built_site, lang, words):
    causes = " ".join(section_items(page(built_site, lang, "5.4.1"), "causes"))
    assert all(word in causes for word in words), causes
    assert 'href="../X.4.1/"' in page(built_site, lang, "5.4.1")


def facts(html: str) -> str:
    start = html.index('class="mfkb-facts"')
    return visible_text(html[start:html.index("</div>", start)])


def meaning_block(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    return visible_text(html[start:html.index("</div>", start)])


@pytest.mark.parametrize("lang, registry_label, label", [
    ("en", "Reply code in the registry: 550", "Reply code: 553"),
    ("ko", "레지스트리의 응답 코드: 550", "응답 코드: 553"),
])
def test_yahoos_5_7_2_shows_the_553_it_comes_with(built_site, lang, registry_label, label):
    html = page(built_site, lang, "X.7.2")
    assert registry_label in facts(html)
    assert label in meaning_block(html, "from-yahoo-mail")


def test_a_code_with_a_class_keeps_the_plain_reply_code_label(built_site):
    assert "Reply code: 550" in facts(page(built_site, "en", "5.4.1"))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_x_7_9_says_the_registrys_meaning_and_leaves_yahoo_to_its_meaning(built_site, lang):
    html = page(built_site, lang, "X.7.9")
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    assert "Yahoo" not in description and "534 5.7.9" in description
    assert "554, 550" in meaning_block(html, "from-yahoo-mail")


def test_a_meanings_reply_code_of_another_class_is_refused_with_its_line(tmp_path):
    from content_edits import content_with
    from generator.content.load import load_content
    from generator.content.validate import validate_content
    from generator.errors import UserError

    folder, text = content_with(tmp_path, "errors/X.7.2.yml", "    reply_codes: [553]\n", "    reply_codes: [453]\n")
    with pytest.raises(UserError) as raised:
        validate_content(load_content(folder))
    error = raised.value
    assert error.path.name == "X.7.2.yml" and "reply code 453 does not belong with 5.7.2" in error.message
    assert text.splitlines()[error.line - 1].strip() == "reply_codes: [553]"


MAILMAN_NOTICE = ("Subject: Your membership in the mailing list Example has been disabled\n\n"
                  "Your membership in the mailing list Example has been disabled due to excessive bounces\n"
                  "Member: kyle@example.net\n")


@pytest.mark.parametrize("lang, words", [
    ("en", ["mailing list", "Mailman"]),
    ("ko", ["메일링 리스트", "Mailman"]),
])
def test_a_lists_bounce_notice_is_told_of_the_lists_suppression(tmp_path, lang, words):
    notice = tmp_path / "notice.txt"
    notice.write_text(MAILMAN_NOTICE, encoding="utf-8")
    result = run_generator(ROOT, "lookup", "--lang", lang, "--file", str(notice))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    summary = lines[lines.index(next(line for line in lines if "(suppressed)" in line)) + 1]
    first_step = next(line for line in lines if line.strip().startswith(("What the sender can do", "보낸 사람이 할 수 있는 일")))
    assert all(word in summary for word in words), summary
    assert words[0] in first_step, first_step
