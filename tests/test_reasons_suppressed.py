"""A sending platform's own suppression list (Amazon SES, Resend, Postal, Brevo, SendGrid, Mailgun):
the platform sent nothing, so the reason is `suppressed` (sisimai 5's name), not the receiving side's
`blocked`, nor `userunknown` for SES's "invalid address", nor `onhold`.  The whole platform events
are in tests/data/whole-bounces (test_reasons_whole.py); here their wording alone, the receiving side's
block lists that stay `blocked`, and the command in both languages."""
from __future__ import annotations

import json

import pytest

from bounce_shapes import engine_page
from conftest import ROOT, run_generator
from generator.bounces.classify import classify

DATA = ROOT / "tests" / "data" / "whole-bounces"

# Each platform's own words, alone (as a user pastes one line of a log or a dashboard).
WORDING = [
    "Amazon SES has suppressed sending to this address because it is on the account-level suppression list.",
    "Amazon SES has suppressed sending to this address because it has a recent history of bouncing as an"
    " invalid address.",
    "Recipient (someone@example.com) is on the suppression list",
    "blocked : due to blacklist user",
    '{"email": "a@example.com", "event": "dropped", "reason": "Unsubscribed Address"}',
    "605 Not delivering to previously bounced address",
    # Mailgun's other dropped codes (Symfony's Mailgun bridge names 605, 606 and 607 alike).
    "606 Not delivering to unsubscribed address",
    "607 Not delivering to a user who marked your messages as spam",
    '{"event": "failed", "severity": "permanent", "reason": "suppress-complaint", "recipient": "a@example.com"}',
    # Mailjet's labels of a recipient it did not send to (its table "Possible values for errors").
    *[f'{{"event": "blocked", "email": "a@example.com", "error_related_to": "{related}", "error": "{label}"}}'
      for related, label in [("mailjet", "preblocked"), ("recipient", "spam reporter"), ("recipient", "blacklisted"),
                             ("mailjet", "duplicate in campaign")]],
]

# A block list of the receiving side names the sender's server: still blocked.
RECEIVING_SIDE = [
    "550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
    "554 Your IP 192.0.2.1 is blacklisted, see https://www.spamcop.net/",
]


@pytest.mark.parametrize("text", WORDING)
def test_the_platforms_own_words_say_suppressed(text):
    assert [verdict.reason for verdict in classify(text)] == ["suppressed"]


@pytest.mark.parametrize("text", RECEIVING_SIDE)
def test_a_receiving_servers_block_list_stays_blocked(text):
    assert [verdict.reason for verdict in classify(text)] == ["blocked"]


# Mailjet's "no mail host" ("Nobody answers when we knock at the door", under "domain"): no host takes its mail.
NO_MAIL_HOST = '{"event": "bounce", "email": "a@example.com", "error_related_to": "domain", "error": "no mail host"}'


def test_mailjets_no_mail_host_is_an_unknown_host():
    assert [(verdict.recipient, verdict.reason) for verdict in classify(NO_MAIL_HOST)] == [("a@example.com", "hostunknown")]


def test_the_lookup_page_reads_them_alike(browser):
    texts = WORDING + RECEIVING_SIDE + [NO_MAIL_HOST]
    with engine_page(browser) as page:
        javascript = page.evaluate(
            "texts => texts.map(t => engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => v.reason))", texts)
    assert javascript == [["suppressed"]] * len(WORDING) + [["blocked"]] * len(RECEIVING_SIDE) + [["hostunknown"]]


@pytest.mark.parametrize("lang, heading, title, fix", [
    ("en", "Why it bounced", "On the sending platform's or mailing list's suppression list (suppressed)",
     "Find where the address is suppressed and why: on your email platform, look it up"),
    ("ko", "왜 반송되었나요?", "발송 플랫폼이나 메일링 리스트의 억제 목록에 있음 (suppressed)",
     "이 주소가 어디에서 왜 억제되었는지 찾습니다"),
])
def test_the_command_says_the_platform_did_not_send(lang, heading, title, fix):
    path = DATA / "brevo-event-blocked-blacklist-user.txt"
    result = run_generator(ROOT, "lookup", "--lang", lang, "--file", str(path))
    assert result.returncode == 0, result.stderr
    assert heading in result.stdout and title in result.stdout and fix in result.stdout
    assert "recipient@example.com" in result.stdout


def test_the_json_names_the_reason_and_its_page():
    path = DATA / "ses-notification-suppressed-documented.txt"
    result = run_generator(ROOT, "lookup", "--json", "--file", str(path))
    assert result.returncode == 0, result.stderr
    reasons = [item["reason"] for item in json.loads(result.stdout) if item["reason"]]
    assert [(reason["id"], reason["url"]) for reason in reasons] == [("suppressed", "/en/reasons/suppressed/")]
    assert [recipient["address"] for recipient in reasons[0]["recipients"]] == ["recipient@example.com"]
