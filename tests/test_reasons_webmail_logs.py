"""Web mail logs pasted for help: each recipient is read with the whole reply it got, in Python
and on the lookup page alike. SnappyMail logs each line of the SMTP session after a stamp
(its log as in https://github.com/the-djmaze/snappymail/issues/1521); a page that doubled the
line breaks leaves a blank line between the lines of a multi-line reply (Gmail's, as quoted in
Strapi's documentation)."""
from __future__ import annotations

from bounce_shapes import page_verdicts
from generator.bounces.classify import classify

GMAIL_LINES = [
    "550-5.7.1 [192.0.2.10] The IP you're using to send mail is not authorized to",
    "550-5.7.1 send email directly to our servers. Please use the SMTP relay at your",
    "550-5.7.1 service provider instead. For more information, go to",
    "550 5.7.1  https://support.google.com/mail/?p=NotAuthorizedError a1si2132728pjz.75 - gsmtp",
]
STAMP = "[2024-05-02 10:11:12.300][a1b2c3d4] SMTP[INFO]: "
SNAPPYMAIL_DOUBLED = "\n\n".join(
    ["[2024-05-02 10:11:12.100][a1b2c3d4] SMTP[INFO]: > RCPT TO:<friend@example.com>\\r\\n"]
    + [f"{STAMP}< {line}\\r\\n" for line in GMAIL_LINES]) + "\n"
WHOLE = " ".join(" ".join(GMAIL_LINES).split())  # a verdict gives the reply on one line


def test_a_multi_line_reply_with_blank_lines_between_its_log_lines_is_read_whole():
    assert [(verdict.recipient, verdict.reply) for verdict in classify(SNAPPYMAIL_DOUBLED)] == [
        ("friend@example.com", WHOLE)]


def test_the_lookup_page_reads_it_whole_too(browser):
    assert page_verdicts(browser, [SNAPPYMAIL_DOUBLED], "reply") == [[WHOLE]]


# Two of Roundcube's errors pasted together, each as users posted one (RainLoop issue #510, where the other
# client was Roundcube; Vesta issue #2028): the code of each stands before the address it names.
ROUNDCUBE_TWO = (
    'SMTP Error (450): Failed to add recipient "xxxx@example.gr" (4.1.2 <xxxx@example.gr>: Recipient address'
    ' rejected: Domain not found).\n'
    'SMTP Error (451): Failed to add recipient "email@example.com" (Temporary local problem - please try later).\n')
ROUNDCUBE_REPLIES = [
    ("xxxx@example.gr", "450 4.1.2 <xxxx@example.gr>: Recipient address rejected: Domain not found", "hostunknown"),
    ("email@example.com", "451 Temporary local problem - please try later", "systemerror"),
]


def test_two_webmail_errors_pasted_together_give_each_recipient_its_own_reply():
    assert [(v.recipient, v.reply, v.reason) for v in classify(ROUNDCUBE_TWO)] == ROUNDCUBE_REPLIES


def test_the_lookup_page_gives_each_its_own_reply_too(browser):
    assert page_verdicts(browser, [ROUNDCUBE_TWO], "reply") == [[reply for _, reply, _ in ROUNDCUBE_REPLIES]]
