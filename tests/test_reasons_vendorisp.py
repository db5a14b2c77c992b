"""Mailbox providers' own rejection texts (GoDaddy, Comcast, AT&T, Yandex,
WEB.DE/GMX, Zoho, QQ Mail) get the reason that the provider's page gives them.

Each reply is a text the provider documents or that a real bounce showed; it
is wrapped in the report a Postfix sender writes, so the rules see it where
they see it in real bounces (the diagnosis, placed by the SMTP command)."""
from __future__ import annotations

from bounce_shapes import assert_reason, each_case, postfix_report, provider_report, shaped

REPLIES = [
    # GoDaddy (secureserver.net), "Sender bounces" and "Content bounces" of
    # https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685
    ("535 Authentication not allowed on IBSMTP Servers. IB401", "MAIL FROM", "securityerror", "IB401"),
    ("550 sender@example.net Blank From: addresses are not allowed. Provide a valid From. IB501",
     "end of DATA", "notcompliantrfc", "IB501"),
    ("550 sender@example.net IP addresses are not allowed as a From: Address. Provide a valid From. IB502",
     "end of DATA", "notcompliantrfc", "IB502"),
    ("552 Message rejected for spam or virus content", "end of DATA", "spamdetected", "rejected for spam"),
    # Comcast: the codes of http://postmaster.comcast.net/mail-error-codes.html; the reply's shape as
    # in https://github.com/EFForg/starttls-backend/issues/83 (".../smtp-error-codes.php#BL000010")
    # and https://github.com/ActiveCampaign/smtp-field-manual/pull/65 ("Comcast block for spam.")
    ("554 resimta-ch2-18v.sys.comcast.net comcast 192.0.2.1 found on one or more DNSBLs, "
     "see http://postmaster.comcast.net/smtp-error-codes.php#BL000001", "RCPT TO", "blocked", "BL000001"),
    ("554 resimta-po-02v.sys.comcast.net comcast 192.0.2.1 Comcast block for spam. "
     "Please see http://postmaster.comcast.net/smtp-error-codes.php#BL000000", "MAIL FROM", "blocked", "BL000000"),
    ("554 imta14.emeryville.ca.mail.comcast.net comcast 192.0.2.2 Comcast block for spam.",
     "MAIL FROM", "blocked", "block for spam"),
    ("554 resimta-ch2-18v.sys.comcast.net comcast 192.0.2.1 found on one or more DNSBLs",
     "RCPT TO", "blocked", "DNSBLs"),
    # AT&T / BellSouth: http://worldnet.att.net/general-info/bls_info/block_enduser.html and
    # http://www.att.net/general-info/mail_info/block_enduser.html
    ("421-failure in DNS look-up.", "greeting", "requireptr", "failure in DNS look-up"),
    ("550 Error. Blocked for status: <unknown sender>", "MAIL FROM", "requireptr", "Blocked for status"),
    ("550 [suspend] Mailbox currently suspended--Please contact correspondent directly.",
     "RCPT TO", "suspend", "Mailbox currently suspended"),
    # Yandex: https://yandex.com/support/mail/bounces/yandex/message-rejected-under-suspicion-of-spam.html
    ("554 5.7.1 Message rejected under suspicion of SPAM; https://ya.cc/1IrBc 1234567890-AbCdEfGh",
     "end of DATA", "spamdetected", "suspicion of SPAM"),
    ("554 5.7.1 Blocked by spam statistics - see https://ya.cc/1IrBc", "MAIL FROM", "blocked",
     "Blocked by spam statistics"),
    # WEB.DE / GMX: https://postmaster.web.de/de/fehlermeldungen ("zu viele E-Mails in zu kurzer Zeit")
    ("421 Rate limit reached. Please try again later", "MAIL FROM", "speeding", "Rate limit reached"),
    # Zoho: https://www.zoho.com/zeptomail/help/api/smtp-error-codes.html (a virus named in the reply)
    ("552 5.7.1 virus Win.Test.EICAR_HDB-1 detected by Zoho Mail", "end of DATA", "virusdetected",
     "EICAR_HDB-1 detected"),
    # Zoho: https://smtp.codes/zoho (filters set by the receiving domain; its administrator must change them).
    ("541 5.4.1 Mail rejected by destination domain", "RCPT TO", "filtered", "rejected by destination domain"),
]
CASES = shaped(postfix_report, REPLIES) + [
    # QQ Mail's own report names the cause in Chinese: 收件人空间不足 ("the recipient's space is
    # insufficient"); https://qqmailbox.com/transceivers/169.html lists the keywords of its reports.
    (provider_report("退信", "收件人空间不足"), "mailboxfull", "收件人空间不足"),
]


@each_case(CASES)
def test_provider_replies_get_the_providers_reason(text, reason, quoted):
    assert_reason(text, reason, quoted)

