"""Replies for the reasons the corpora hold few examples of (a failed or
required STARTTLS, sizes, line endings, viruses, relaying, sign-in, the
sender's reputation), in the words real servers use, get the reason that
their words give.  Each is wrapped in the report a Postfix sender writes,
and the lookup page's JavaScript must decide them as Python does."""
from __future__ import annotations

from bounce_shapes import (assert_reason, each_case, exim_local, postfix_dsn, postfix_local,
                          provider_report, shaped)

# (QMAIL): qmail's SMTP server, whose replies notqmail keeps:
#   https://github.com/notqmail/notqmail/blob/master/qmail-smtpd.c
# (COREMAIL): Coremail's replies, as listed in https://blog.sina.com.cn/s/blog_8dc13ec50101fxxr.html
# (POSTFIX): Postfix's SMTP server replies, as MailRoute lists them:
#   https://support.mailroute.net/hc/en-us/articles/360063327833-Postfix-SMTP-Response-Errors

REPLIES = [
    # Gmail refusing a domain whose policy demands TLS; https://support.google.com/a/answer/3726730
    ("421 4.7.0 TLS required for RCPT domain, closing connection.", "RCPT TO", "failedstarttls", "TLS required"),
    # Exchange Online turning away TLS 1.0 and 1.1;
    # https://knowledge.broadcom.com/external/article/227333/when-does-tls-apply-for-the-emailgtw.html
    ("421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2.",
     "MAIL FROM", "failedstarttls", "TLS 1.0 and 1.1 are not supported"),
    # A gateway's rule that demands encryption; everycloud's code table,
    # https://support.everycloud.com/support/solutions/articles/4000039509-workspace-reason-codes
    ("554 5.6.5 TLS encryption required by customer rule", "end of DATA", "failedstarttls",
     "TLS encryption required"),
    # A lone carriage return or line feed, refused by a relay service (SparkPost) and by a provider;
    # https://github.com/splitbrain/dokuwiki-plugin-smtp/issues/7 and https://github.com/marlam/msmtp/issues/145
    ("550 5.6.0 Lone CR or LF in headers (see RFC2822 section 2.2)", "end of DATA", "contenterror", "Lone CR"),
    ("552 5.2.0 Message contains bare CR and is violating 822.bis section 2.3", "end of DATA", "contenterror",
     "bare CR"),
    # Fastmail (Cyrus) refusing bare newlines; https://github.com/Necoro/feed2imap-go/issues/46
    ("554 Message contains bare newlines", "end of DATA", "contenterror", "bare newlines"),
    # qmail's answer to a bare LF, pointing at djb's page on it (QMAIL)
    ("451 See https://cr.yp.to/docs/smtplf.html.", "end of DATA", "contenterror", "/smtplf.html"),
    # Coremail's answer to the same (COREMAIL)
    ("451 stray newline", "end of DATA", "contenterror", "stray newline"),
    # Fastmail refusing a header it cannot parse; https://github.com/Necoro/feed2imap-go/issues/46
    ("554 Message contains invalid header", "end of DATA", "notcompliantrfc", "invalid header"),
    # A gateway's virus verdict (everycloud's code table, as above)
    ("554 5.6.4 Virus E-Mail Blocked", "end of DATA", "virusdetected", "Virus E-Mail"),
    # Coremail over its per-attachment limit (COREMAIL)
    ("554 attachment is too long.", "end of DATA", "mesgtoobig", "attachment is too long"),
    # qmail refusing to relay for a domain it does not serve (QMAIL)
    ("553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)", "RCPT TO", "norelaying",
     "rcpthosts"),
    # Coremail refusing to relay (COREMAIL)
    ("553 host denies relay.", "RCPT TO", "norelaying", "denies relay"),
    # qmail on a submission port before sign-in, and a failed sign-in (QMAIL)
    ("530 Authorization required (#5.7.1)", "MAIL FROM", "securityerror", "Authorization required"),
    ("535 authentication failed (#5.7.1)", "AUTH", "securityerror", "authentication failed"),
    # Coremail's failed sign-in, with 551 (which otherwise means the user moved) (COREMAIL)
    ("551 auth error.", "AUTH", "securityerror", "auth error"),
    # Postfix: its own TLS set-up failed; AUTH asked for on a connection not yet encrypted, or not
    # given before MAIL; malformed addresses; a client over its message rate limit (POSTFIX)
    ("454 4.7.0 TLS not available due to local problem", "STARTTLS", "failedstarttls", "TLS not available"),
    ("504 5.5.4 Encryption required for requested authentication mechanism", "AUTH", "securityerror",
     "Encryption required for requested authentication"),
    ("503 5.5.4 Error: send AUTH command first", "MAIL FROM", "securityerror", "send AUTH command first"),
    ("501 5.1.7 Bad sender address syntax", "MAIL FROM", "syntaxerror", "Bad sender address syntax"),
    ("501 5.1.3 Bad recipient address syntax", "RCPT TO", "syntaxerror", "Bad recipient address syntax"),
    ("450 4.7.1 Error: too much mail from 192.0.2.1", "MAIL FROM", "speeding", "too much mail from"),
    # Exim short of spool space; https://github.com/Exim/exim/blob/master/src/src/smtp_in.c
    ("452 space shortage, please try later", "MAIL FROM", "systemfull", "space shortage"),
    # Exim's failed sign-in, as fail2ban's Exim filter matches it;
    # https://github.com/fail2ban/fail2ban/blob/master/config/filter.d/exim.conf
    ("535 Incorrect authentication data", "AUTH", "securityerror", "Incorrect authentication data"),
    # qmail's queue could not write the message; https://github.com/notqmail/notqmail/blob/master/qmail.c
    ("451 qq write error or disk full (#4.3.0)", "end of DATA", "systemfull", "disk full"),
    # Gmail's SMTP relay over its peak rate; https://support.google.com/a/answer/3726730
    ("450 4.2.1 Peak SMTP relay limit exceeded for customer. This is a temporary error.", "RCPT TO",
     "speeding", "SMTP relay limit exceeded"),
    # Exchange Online throttling a mailbox that receives too much too fast;
    # https://learn.microsoft.com/exchange/troubleshoot/email-delivery/ndr/non-delivery-reports-in-exchange-online
    ("432 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded", "end of DATA", "speeding",
     "recipient thread limit exceeded"),
    # A hosting provider's outbound quota for the sending domain; https://pastebin.com/v3bkLPK5
    ("550 5.4.5 <neko@example.org>: Recipient address rejected: Domain Sending Quota Exceeded", "RCPT TO",
     "speeding", "Sending Quota Exceeded"),
    # A provider refusing an IP address without a reverse DNS name;
    # https://support.arubacloud.pl/kb/a2837/wiadomosc-e-mail-zostala-odrzucona-z-bledem-brak-reverse-dns-dla-x_x_x_x.aspx
    ("554 cmg1.fe.forpsi.com bizsmtp 0bcW1i00G0jifNx01bcmHa no DNS reverse for 192.0.2.1", "CONNECT",
     "requireptr", "no DNS reverse"),
    # sendmail's require_rdns feature when the client's address does not resolve (sendmail, 4th edition, 7.7);
    # http://www.book4u.org.ua/book/89821/sendmail--4th-Edition/
    ("451 4.1.8 Client IP address 192.0.2.1 does not resolve", "RCPT TO", "requireptr", "does not resolve"),
    # Gmail slowing down an IP address or SPF domain for the spam it sent;
    # https://support.google.com/a/answer/3726730 and
    # https://emailconsul.com/blog/smtp-errors-are-not-random-they-are-feedback/
    ("421 4.7.0 Our system has detected an unusual rate of unsolicited mail originating from your IP "
     "address. To protect our users from spam, mail sent from your IP address has been temporarily "
     "blocked.", "RCPT TO", "badreputation", "unusual rate of unsolicited"),
    ("421 4.7.28 Gmail has detected an unusual rate of unsolicited email originating from your SPF domain.",
     "end of DATA", "badreputation", "unusual rate of unsolicited"),
    # Hermes, an anti-spam SMTP proxy (hermes-project.com), refusing a client without reverse DNS
    # ("no reverse resolution" check); its source is stored among public GitHub code.
    ("550 Your IP address does not resolve to a hostname.", "RCPT TO", "requireptr", "does not resolve"),
]

LOCAL_TEXTS = [
    # Postfix's own report of a failed TLS handshake; https://github.com/TeamNewPipe/NewPipe/issues/3040
    ("Cannot start TLS: handshake failure", "failedstarttls", "Cannot start TLS"),
]

EXIM_TEXTS = [
    # Exim told to require TLS for a host that does not offer it, or whose TLS start fails;
    # https://github.com/Exim/exim/blob/master/src/src/transports/smtp.c
    ("a TLS session is required, but the server did not offer TLS support", "failedstarttls",
     "TLS session is required"),
    ("a TLS session is required, but an attempt to start TLS failed", "failedstarttls",
     "TLS session is required"),
]

PROVIDER_TEXTS = [
    # ZoneMTA quoting OpenSSL's refusal of the server's TLS version; https://github.com/zone-eu/zone-mta/pull/393
    ("Delivery failed", "35242434560:error:1408F10B:SSL routines:ssl3_get_record:wrong version number:"
     "/usr/src/crypto/openssl/ssl/record/ssl3_record.c:339:", "failedstarttls", "SSL routines"),
    # A university's gateway refusing a sender whose name and address do not match;
    # http://www.lpl.arizona.edu/resources2/computing/faqs/mail_dns_filter.html
    ("Undeliverable", "Possibly forged hostname for 192.0.2.1", "requireptr", "Possibly forged"),
    # A relay service's hourly cap (its table gives the text, prefix first);
    # https://portal.iridis.uk/?action=article&cmd=knowledgebase&id=254
    ("Delivery delayed", "HST-RTE: Hourly send rate exceeded, retry later.", "speeding", "send rate exceeded"),
]

CASES = (shaped(postfix_dsn, REPLIES) + shaped(postfix_local, LOCAL_TEXTS) + shaped(exim_local, EXIM_TEXTS)
         + shaped(provider_report, PROVIDER_TEXTS))


@each_case(CASES)
def test_replies_get_the_reason_their_words_give(text, reason, quoted):
    assert_reason(text, reason, quoted)


# The new phrases leave other causes to their own rules.
KEPT = shaped(postfix_dsn, [
    ("550 5.7.1 SPF authentication failed for example.net", "RCPT TO", "authfailure", "SPF"),
    ("554 5.7.1 Message rejected: this message is spam", "end of DATA", "spamdetected", "is spam"),
    # The sender's domain does not resolve: the sender's, not a missing PTR of the client.
    ("451 4.1.8 Domain of sender address a@example.net does not resolve", "MAIL FROM", "rejected", "Domain of sender"),
])


@each_case(KEPT)
def test_other_causes_keep_their_reason(text, reason, quoted):
    assert_reason(text, reason, quoted)
