"""The terminology check: `i18n glossary` on the shipped catalog and on broken copies."""
from __future__ import annotations

import pytest
from babel.messages.pofile import read_po, write_po

from conftest import run_generator
from generator.i18n.glossary import Term, inflections, required_terms

PO = "locales/ko/LC_MESSAGES/messages.po"
GLOSSARY = "locales/glossary.yml"


def edit_catalog(root, change) -> None:
    with (root / PO).open("rb") as handle:
        catalog = read_po(handle)
    change(catalog)
    with (root / PO).open("wb") as handle:
        write_po(handle, catalog, width=76)


def msgid_line(root, msgid: str) -> int:
    with (root / PO).open("rb") as handle:
        return read_po(handle)[msgid].lineno


def test_shipped_catalog_follows_the_glossary(project):
    result = run_generator(project, "i18n", "glossary")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("0 glossary violation(s); ")


def test_a_translation_without_the_glossary_term_is_listed_with_its_po_line(project):
    broken = {}

    def use_another_word(catalog):
        message = next(m for m in catalog if m.id and "connector" in m.id.lower() and "커넥터" in m.string
                       and "smart host" not in m.id.lower())
        message.string = message.string.replace("커넥터", "연결기")
        broken["id"] = message.id
    edit_catalog(project, use_another_word)

    result = run_generator(project, "i18n", "glossary")
    assert result.returncode == 1
    line = msgid_line(project, broken["id"])
    assert f"{PO}:{line}: 'connector' must be written '커넥터'" in result.stdout
    assert (project / PO).read_text(encoding="utf-8").splitlines()[line - 1].startswith("msgid ")
    assert result.stdout.splitlines()[-1].startswith("1 glossary violation(s); ")


def test_product_names_are_exceptions_listed_in_the_glossary_file(project):
    glossary = project / GLOSSARY
    text = glossary.read_text(encoding="utf-8")
    start = text.index("- en: Mail Flow KB\n")
    end = text.index("\n- en:", start + 1) + 1
    glossary.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run_generator(project, "i18n", "glossary")
    assert result.returncode == 1
    assert f"{PO}:{msgid_line(project, 'Mail Flow KB')}: 'mail flow' must be written '메일 흐름'" in result.stdout

    glossary.write_text(text, encoding="utf-8")
    edit_catalog(project, lambda catalog: setattr(catalog["Mail Flow KB"], "string", "메일 흐름 KB"))
    result = run_generator(project, "i18n", "glossary")
    assert result.returncode == 1
    assert f"{PO}:{msgid_line(project, 'Mail Flow KB')}: 'Mail Flow KB' must be written 'Mail Flow KB'" in result.stdout


def test_a_broken_glossary_is_a_user_error_with_its_line(project):
    glossary = project / GLOSSARY
    lines = glossary.read_text(encoding="utf-8").splitlines()
    glossary.write_text("\n".join(lines + ["- ko: 커넥터", "  note: no English"]) + "\n", encoding="utf-8")
    result = run_generator(project, "i18n", "glossary")
    assert result.returncode == 2
    assert result.stderr.startswith(f"{GLOSSARY}:{len(lines) + 1}: error: a glossary item needs an English term")
    assert "Traceback" not in result.stderr


TERMS = [
    Term("connector", {"ko": "커넥터"}, False, 1),
    Term("retry", {"ko": "재시도"}, False, 2),
    Term("expire", {"ko": "만료"}, False, 3),
    Term("certificate", {"ko": "인증서"}, False, 4),
    Term("certificate authority", {"ko": "인증 기관"}, False, 5),
    Term("Mail Flow KB", {}, True, 6),
    Term("mail flow", {"ko": "메일 흐름"}, False, 7),
    Term("Send As", {"ko": "다른 사람 이름으로 보내기"}, False, 8, match_case=True),
]


@pytest.mark.parametrize("english, wanted", [
    ("Two Connectors relay mail.", ["connector"]),
    ("The server retried, and retries again; retrying.", ["retry"]),
    ("The message expired.", ["expire"]),
    ("Expiring soon.", ["expire"]),
    ("A certificate authority signed it.", ["certificate authority"]),
    ("The certificate and its certificate authority.", ["certificate authority", "certificate"]),
    ("Search Mail Flow KB for mail flow errors.", ["Mail Flow KB", "mail flow"]),
    ("See [the docs](https://example.org/connectors) or `Get-InboundConnector`.", []),
    ("Reconnectors are not a word; neither is connectorship.", []),
    # a setting's name is a term only as the product writes it
    ("Give the account Send As on the mailbox.", ["Send As"]),
    ("Servers send as many messages as they can; send as a reply.", []),
])
def test_terms_are_found_in_any_case_and_inflection(english, wanted):
    assert [term.en for term, _ in required_terms(TERMS, english, "ko")] == wanted


def test_inflections_of_regular_words():
    assert {"retries", "retried", "retrying"} <= inflections("retry")
    assert {"expired", "expires", "expiring"} <= inflections("expire")
    assert {"connectors", "NDRs"} <= inflections("connector") | inflections("NDR")
