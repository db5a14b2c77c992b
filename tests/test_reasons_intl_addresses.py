"""Internationalized addresses (RFC 6531: non-ASCII letters in the local part and the domain) are
read as recipients, in Python and on the lookup page alike; a Korean particle glued after an address
is no part of its domain where the domain tells (an ASCII top-level domain, or 한국, the one Hangul
country code). Postfix's words are its own ("SMTPUTF8 is required, but was not offered by host",
as posted in https://github.com/git-multimail/git-multimail/issues/220); the addresses are examples."""
from __future__ import annotations

import pytest

from bounce_shapes import page_verdicts
from generator.bounces.classify import classify

POSTFIX = """This is the mail system at host mx.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

<{first}>: SMTPUTF8 is required, but was not offered by host
    mx.example.org[192.0.2.1]

<{second}>: host mx.example.org[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command)
"""
KOREAN = "{first}에게 보낸 메일이 반송되었습니다.\n{second}으로 보낸 메일도 반송되었습니다.\n\n550 5.1.1 User unknown\n"

ADDRESSED = [
    (POSTFIX.format(first="홍길동@예시.한국", second="user@bücher.example"), ["홍길동@예시.한국", "user@bücher.example"]),
    (POSTFIX.format(first="用户@例子.广告", second="δοκιμή@παράδειγμα.δοκιμή"), ["用户@例子.广告", "δοκιμή@παράδειγμα.δοκιμή"]),
    (KOREAN.format(first="홍길동@예시.한국", second="kim@example.co.kr"), ["홍길동@예시.한국", "kim@example.co.kr"]),
]


@pytest.mark.parametrize("text, recipients", ADDRESSED)
def test_internationalized_addresses_are_recipients(text, recipients):
    assert [verdict.recipient for verdict in classify(text)] == recipients


def test_the_lookup_page_reads_them_alike(browser):
    assert page_verdicts(browser, [text for text, _ in ADDRESSED], "recipient") == [recipients for _, recipients in ADDRESSED]
