"""The big providers' sender requirements (Gmail and Yahoo since 2024): each
documented reply gets the reason its words give, not the reason a side remark
in it suggests.

Gmail's replies are the texts of "Gmail SMTP errors and codes"
(https://support.google.com/a/answer/3726730), wrapped the way Gmail's
multi-line replies reach a Postfix report (each line repeats the code).  Each
says "Gmail requires all bulk email senders to ...": that names who must meet
the requirement, it is no spam verdict.  Yahoo's is the "Unresolvable RFC.5321
or RFC.5322 from domain" error of its Sender Hub
(https://senders.yahooinc.com/smtp-error-codes/)."""
from __future__ import annotations

from bounce_shapes import assert_reason, each_case, postfix_report, shaped

GMAIL = "a1si123 - gsmtp"

REPLIES = [
    # 4.7.27 / 5.7.27: SPF did not pass.
    ("421-4.7.27 Your email has been rate limited because SPF authentication didn't\n"
     "421-4.7.27 pass for this message. Gmail requires all bulk email senders to\n"
     f"421 4.7.27 authenticate their email with SPF. {GMAIL}",
     "end of DATA", "authfailure", "SPF authentication didn't pass"),
    ("550-5.7.27 This message was blocked because it didn't pass SPF authentication.\n"
     "550-5.7.27 Gmail requires bulk email senders to authenticate their email with\n"
     f"550 5.7.27 SPF. Authentication results: SPF with 192.0.2.1 = did not pass {GMAIL}",
     "end of DATA", "authfailure", "didn't pass SPF authentication"),
    # 4.7.30 / 5.7.30: DKIM did not pass (the registry's X.7.30 is REQUIRETLS: the code alone
    # would say a TLS failure).
    ("421-4.7.30 Your email has been rate limited because DKIM authentication didn't\n"
     "421-4.7.30 pass for this message. Gmail requires all email bulk senders to\n"
     f"421 4.7.30 authenticate their email with DKIM. {GMAIL}",
     "end of DATA", "authfailure", "DKIM authentication didn't pass"),
    ("550-5.7.30 This message was blocked because it didn't pass DKIM authentication.\n"
     "550-5.7.30 Gmail requires bulk email senders to authenticate their email with\n"
     f"550 5.7.30 DKIM. Authentication results: DKIM = did not pass {GMAIL}",
     "end of DATA", "authfailure", "didn't pass DKIM authentication"),
    # 4.7.40 / 5.7.40: no DMARC record, or one without a policy.
    ("421-4.7.40 Your email has been rate limited because the sending domain doesn't\n"
     "421-4.7.40 have a DMARC record, or the DMARC record doesn't specify a DMARC\n"
     "421-4.7.40 policy. Gmail requires all bulk email senders to add a DMARC record\n"
     f"421 4.7.40 to their sending domain. {GMAIL}",
     "end of DATA", "authfailure", "doesn't have a DMARC record"),
    ("550-5.7.40 Your message was blocked because the sending domain doesn't have a\n"
     "550-5.7.40 DMARC record or the DMARC record doesn't specify a DMARC policy. Gmail\n"
     "550-5.7.40 requires all bulk email senders to add a DMARC record to their\n"
     f"550 5.7.40 sending domain. {GMAIL}",
     "end of DATA", "authfailure", "doesn't have a DMARC record"),
    # 4.7.32 / 5.7.32: the From: domain is not aligned with SPF or DKIM.
    ("550-5.7.32 Your email was blocked because the From: header (RFC5322) in this\n"
     "550-5.7.32 message isn't aligned with either the authenticated SPF or DKIM\n"
     f"550 5.7.32 organizational domain. {GMAIL}",
     "end of DATA", "authfailure", "isn't aligned with either the authenticated SPF or DKIM"),
    # 451 4.7.26: the domain's DMARC policy, and a temporary DNS failure kept the checks from
    # finishing: an authentication verdict still to come, not a network fault of the sender's.
    ("451-4.7.26 Unauthenticated email from example.com is not accepted due to\n"
     "451-4.7.26 domain's DMARC policy, but temporary DNS failures prevent\n"
     "451-4.7.26 authentication. Please contact the administrator of example.com\n"
     f"451 4.7.26 domain if this was a legitimate email. {GMAIL}",
     "end of DATA", "authfailure", "temporary DNS failures prevent authentication"),
    # 4.7.29 / 5.7.29: the message did not come over TLS.
    ("421-4.7.29 Your email has been rate limited because you're not using a TLS\n"
     "421-4.7.29 connection. Gmail requires all bulk email senders to use TLS/SSL for\n"
     f"421 4.7.29 SMTP connections. {GMAIL}",
     "end of DATA", "failedstarttls", "not using a TLS connection"),
    ("550-5.7.29 This message was blocked because it wasn't sent over a TLS\n"
     "550-5.7.29 connection. Gmail requires all bulk email senders to use TLS/SSL for\n"
     f"550 5.7.29 SMTP connections. {GMAIL}",
     "end of DATA", "failedstarttls", "wasn't sent over a TLS connection"),
    # 4.7.28: a rate or a quota of the sender's, not a full mailbox; its "unsolicited" texts
    # stay a reputation verdict (tests/test_reasons_sweepreasons.py).
    ("421-4.7.28 Gmail has detected an unusual rate of email originating from your IP\n"
     "421-4.7.28 address 192.0.2.1. To protect our users from spam, email sent from your\n"
     f"421 4.7.28 IP address has been temporarily rate limited. {GMAIL}",
     "end of DATA", "speeding", "unusual rate of email"),
    ("421-4.7.28 Gmail has detected this sender exceeded the quota for sending\n"
     "421-4.7.28 messages that have the same Message-ID:. To best protect our users,\n"
     f"421 4.7.28 the message has been temporarily rejected. {GMAIL}",
     "end of DATA", "speeding", "exceeded the quota for sending messages"),
    ("421-4.7.28 Gmail has detected an unusual amount of unsolicited email originating from\n"
     "421-4.7.28 your IP address. To protect our users from spam, email sent from your IP\n"
     f"421 4.7.28 address has been temporarily blocked. {GMAIL}",
     "end of DATA", "badreputation", "unusual amount of unsolicited email"),
    # 4.7.0: a verdict on the content and links (the status alone would say a security fault).
    ("421-4.7.0 This message is suspicious due to the nature of the content or the links\n"
     "421-4.7.0 within. To best protect our users from spam, the message has been blocked.\n"
     f"421 4.7.0 {GMAIL}",
     "end of DATA", "spamdetected", "suspicious due to the nature of the content"),
    # 5.7.1: Gmail's RFC 5322 requirements, the message's format (the status alone would say the
    # sender was refused).
    ("550-5.7.1 Messages missing a valid Message-ID: header are not accepted. For more\n"
     f"550 5.7.1 information, go to Email sender guidelines. {GMAIL}",
     "end of DATA", "notcompliantrfc", "Messages missing a valid Message-ID"),
    ("550-5.7.1 Messages missing a valid address in the From: header, or having no From:\n"
     f"550 5.7.1 header, are not accepted. {GMAIL}",
     "end of DATA", "notcompliantrfc", "Messages missing a valid address in the From"),
    (f"550 5.7.1 Messages with multiple addresses in the From: header are not accepted. {GMAIL}",
     "end of DATA", "notcompliantrfc", "Messages with multiple addresses in the From"),
    (f"550 5.7.1 The message contains a unicode character in a disallowed header. {GMAIL}",
     "end of DATA", "notcompliantrfc", "unicode character in a disallowed header"),
    ("550-5.7.1 Encoded-word syntax is not permitted in message header Subject. To reduce\n"
     f"550 5.7.1 the amount of spam sent to Gmail, this message has been blocked. {GMAIL}",
     "end of DATA", "notcompliantrfc", "Encoded-word syntax is not permitted"),
    # Yahoo: the MAIL FROM domain does not resolve (451 while DNS fails, 554 once it is known).
    ("451 Message temporarily deferred due to unresolvable RFC.5321 from domain; "
     "see https://postmaster.yahooinc.com/error-codes",
     "MAIL FROM", "rejected", "unresolvable RFC.5321 from domain"),
]
CASES = shaped(postfix_report, REPLIES)


@each_case(CASES)
def test_sender_requirement_replies_get_their_reason(text, reason, quoted):
    assert_reason(text, reason, quoted)
