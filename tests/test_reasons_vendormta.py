"""Mail server software's own default refusal texts (OpenSMTPD, Haraka,
hMailServer, Zimbra, Stalwart, spamass-milter, amavisd-new, Rspamd, Exchange
Server 2003), each quoted from the software's source or a real bounce, in the
bounce shape a sender gets back, and the reason the rules give it."""
from __future__ import annotations

from bounce_shapes import assert_reason, each_case, exchange2003_ndr, postfix_dsn, shaped

REPLIES = [
    # OpenSMTPD smtp_message_end(), smtpd/smtp_session.c: over the maximum size.
    # https://github.com/OpenSMTPD/OpenSMTPD/blob/master/smtpd/smtp_session.c
    ("554 5.3.4 Message too big for system: Transaction failed, message too big", "end of DATA",
     "mesgtoobig", "Transaction failed, message too big"),
    # haraka-plugin-karma, karma.js: the connection's reputation score is below the threshold.
    # https://github.com/haraka/haraka-plugin-karma
    ("550 very bad karma score: -10", "RCPT TO", "badreputation", "bad karma score"),
    # Haraka rcpt_respond(), connection.js: no plugin accepted the recipient's domain.
    # https://github.com/haraka/Haraka/blob/master/connection.js
    ("550 I cannot deliver mail for <neko@example.org>", "RCPT TO", "norelaying", "I cannot deliver mail for"),
    # hMailServer ProtocolRCPT_(), SMTPConnection.cpp: the IP range forbids this relay.
    # https://github.com/hmailserver/hmailserver/blob/master/hmailserver/source/Server/SMTP/SMTPConnection.cpp
    ("550 Delivery is not allowed to this address.", "RCPT TO", "norelaying", "Delivery is not allowed"),
    # hMailServer OnPreAcceptTransfer_(), same file: line feeds without carriage returns.
    ("554 Rejected - Message containing bare LF's.", "end of DATA", "contenterror", "bare LF"),
    # hMailServer, same file: the accepted message could not be stored.
    ("554 Your message was received but it could not be saved. Please retry later.", "end of DATA",
     "systemerror", "could not be saved"),
    # Zimbra LmtpReply.TLS_REQUIRED, despite its 4.2.2 (mailbox full) code.
    # https://github.com/Zimbra/zm-mailbox/blob/develop/store/src/java/com/zimbra/cs/lmtpserver/LmtpReply.java
    ("451 4.2.2 Server accepts messages only on TLS connection", "RCPT TO", "failedstarttls", "only on TLS connection"),
    # Stalwart queue_message(), crates/smtp/src/inbound/data.rs, despite its 5.7.7.
    # https://github.com/stalwartlabs/mail-server/blob/main/crates/smtp/src/inbound/data.rs
    ("550 5.7.7 Failed to parse message.", "end of DATA", "contenterror", "Failed to parse message"),
    # Stalwart, same file: ARC validation in strict mode (5.7.29 names no reason of ours).
    ("550 5.7.29 ARC validation failed.", "end of DATA", "authfailure", "ARC validation fail"),
    # Stalwart handle_rcpt_to(), crates/smtp/src/inbound/rcpt.rs: greylisting with a
    # 4.2.2 code, and its rate limiter with 4.4.5 (system full), neither what the code says.
    # The greylisting reply in a report that gave up (Action: failed) is expired; while the
    # message is still retried it is greylisted (test_reasons_greylist.py).
    # https://github.com/stalwartlabs/mail-server/blob/main/crates/smtp/src/inbound/rcpt.rs
    ("452 4.2.2 Greylisted, please try again in a few moments.", "RCPT TO", "expired", "Greylisted"),
    ("452 4.4.5 Rate limit exceeded, try again later.", "RCPT TO", "speeding", "Rate limit exceeded"),
    # Rspamd's ratelimit plugin soft-rejects with 'Ratelimit exceeded' (4.7.1 through its milter).
    # https://github.com/rspamd/rspamd/blob/master/src/plugins/lua/ratelimit.lua
    ("451 4.7.1 Ratelimit exceeded", "RCPT TO", "speeding", "Ratelimit exceeded"),
    # spamass-milter's default rejecttext and rejectcode (spamass-milter.cpp).
    # https://savannah.nongnu.org/projects/spamass-milt/
    ("550 5.7.1 Blocked by SpamAssassin", "end of DATA", "spamdetected", "Blocked by SpamAssassin"),
    # amavisd-new 2.11 %smtp_reason_by_ccat, CC_VIRUS: 'id=%n - INFECTED: %V'.
    # https://www.ijs.si/software/amavisd/
    ("554 5.7.0 Reject, id=12345-01 - INFECTED: Eicar-Signature", "end of DATA", "virusdetected", "- INFECTED"),
]

NDRS = [
    # Exchange Server 2003's #5.4.0 ("Authoritative host not found", KB 284204), as
    # seen in https://snmail.co.uk/support/failure-dns.htm; no code rule reads 5.4.0.
    ("The destination server for this recipient could not be found in Domain Name Service (DNS). "
     "Please verify the email address and retry. If that fails, contact your administrator.",
     "5.4.0", "hostunknown", "Domain Name Service"),
    # Variation 2 on the same page: the general text, and the remote reply that decides.
    ("The e-mail system was unable to deliver the message, but did not report a specific reason. "
     "Check the address and try again. If it still fails, contact your system administrator.",
     "4.0.0 smtp;450 <>: Sender address rejected: Domain not found", "rejected", "Sender address rejected"),
]
CASES = shaped(postfix_dsn, REPLIES) + shaped(exchange2003_ndr, NDRS)


@each_case(CASES)
def test_default_texts_of_mail_servers(text, reason, quoted):
    assert_reason(text, reason, quoted)
