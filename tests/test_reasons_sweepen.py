"""Replies of hosting providers and mail servers outside the corpora's sender
families (iCloud, Rackspace, Zoho, cPanel/Exim hosts, Exchange Server, Dovecot
and others), as real bounces and the providers' pages quote them, get the
reason that their words give.  Each is wrapped in the report a Postfix sender
writes, and the lookup page's JavaScript must decide them as Python does."""
from __future__ import annotations

import pytest

from bounce_shapes import assert_reason, each_case, exim_local, postfix_dsn, shaped
from generator.bounces.classify import classify

REPLIES = [
    # iCloud: mail to one address deferred for volume; https://smtp.codes/icloud
    ("421 4.7.1 Messages to neko@example.org deferred due to excessive volume. Try again later - "
     "https://support.apple.com/en-us/HT204137", "RCPT TO", "speeding", "excessive volume"),
    # Rackspace (emailsrvr.com) G30, a per-mailbox inbound rate limit; https://smtp.codes/rackspace
    ("450 4.2.1 <neko@example.org>: Mailbox received too much email in a short period of time (G30)",
     "RCPT TO", "speeding", "received too much email"),
    # A per-recipient inbound rate limit, quoted in https://github.com/zone-eu/zone-mta/issues/396
    ("450 User is receiving mail too quickly tnmpmscs", "RCPT TO", "speeding", "receiving mail too quickly"),
    # Rackspace G1E, the sender's DMARC record could not be looked up; https://smtp.codes/rackspace
    ("450 4.4.0 <neko@example.org> Temporary DMARC DNS lookup failure (G1E)", "RCPT TO",
     "networkerror", "DNS lookup failure"),
    # Rackspace, throttled for the spam the sending server sent before;
    # https://docs.rackspace.com/docs/common-email-bounces
    ("451 4.3.0 <mx.example.net[192.0.2.1]>: Client host rejected: Throttled - Too much spam from your "
     "mail server. Try again later.", "RCPT TO", "badreputation", "Too much spam"),
    # Zoho Mail, the recipient domain's policy restricts delivery; https://smtp.codes/zoho
    ("452 <neko@example.org> Mailbox delivery restricted by policy error", "RCPT TO", "policyviolation",
     "restricted by policy"),
    # A mailbox closed for not being read, quoted in
    # https://github.com/ActiveCampaign/smtp-field-manual/issues/11
    ("550 5.7.1 <neko@example.org>: Recipient address rejected: Inactive MailBox, not poped for more "
     "than 6 months", "RCPT TO", "suspend", "Inactive MailBox"),
    # A server refusing a sender's IP address; http://helpdesk.umd.edu/documents/3/3025/
    ("550 Sorry, no access for this ip", "MAIL FROM", "blocked", "no access for this ip"),
    # IONOS (1&1): the sending program did not sign in;
    # https://www.ionos.com/help/email/troubleshooting-mail-basicmail-business/error-messages-caused-by-undeliverable-email/
    ("550 must be authenticated", "MAIL FROM", "securityerror", "must be authenticated"),
    # A receiving server too busy for another connection; https://intohost.in/kb/common-email-bounce-back-errors
    ("421 4.2.0 Server busy, please try again later", "CONNECT", "toomanyconn", "Server busy"),
    # A recipient refusing the sender (as Interia's does in test_reasons_sweepintl), with a block
    # list only threatened; quoted in
    # https://github.com/ActiveCampaign/smtp-field-manual/issues/11
    ("554 5.7.1 The recipient definitively does not want your mail. It will not be delivered but analyzed "
     "again.  We may feed it to a spam blacklist.", "RCPT TO", "filtered", "does not want your"),
    # An attachment over the recipient's size limit, as a hosted mail service lists its bounces;
    # https://help-atosmartdocs.theaccessgroup.com/en/articles/13791357-reasons-for-client-emails-not-being-delivered
    ("550 5.7.0 Message Size Violation", "end of DATA", "mesgtoobig", "Message Size Violation"),
    # Exchange Server's front end passing on its transport's DNS answer for the recipient's domain;
    # https://sistemitec.com/message-wasnt-delivered-because-the-recipients-email-provider-rejected-it/
    ("550 5.7.0 Proxy session setup failed on Frontend with '554 5.4.4 SMTPSEND.DNS.NonExistentDomain; "
     "nonexistent domain'", "RCPT TO", "hostunknown", "nonexistent domain"),
    # IceWarp (Merak) over its message size limit;
    # https://docs.icewarp.com/Content/IceWarp-Server/Administration-Nodes/Status/Logs/Interpretation%20of%205xx%20Errors%20in%20Icewarp%20SMTP.htm
    ("501 5.7.1 Message is too long", "end of DATA", "mesgtoobig", "Message is too long"),
    # A mail loop, as Symantec Email Security.cloud lists recipients' replies;
    # https://knowledge.broadcom.com/external/article/161393/rejection-errors-when-delivering-to-3rd.html
    ("554 Too many Received: headers", "end of DATA", "networkerror", "Too many Received: headers"),
]


EXIM_TEXTS = [
    # cPanel's Exim holding back a domain over its hourly sending limit; the bounce quoted in
    # https://forums.cpanel.net/threads/email-quota.697029/
    ("Domain example.net has exceeded the max emails per hour (3/2 (150%)) allowed. Message discarded.",
     "speeding", "max emails per hour"),
    # Exim finding no route for the recipient's domain, quoted in
    # https://techjourney.net/email-bounces-back-with-unrouteable-mail-domain-error/
    ('unrouteable mail domain "example.org"', "hostunknown", "unrouteable mail domain"),
]

CASES = shaped(postfix_dsn, REPLIES) + shaped(exim_local, EXIM_TEXTS)


@each_case(CASES)
def test_replies_get_the_reason_their_words_give(text, reason, quoted):
    assert_reason(text, reason, quoted)


@pytest.mark.parametrize("reply, reason", [
    # The new phrases stay out of the way of replies that name another cause.
    ("550 5.2.2 <neko@example.org>: too much mail data, mailbox full", "mailboxfull"),
    ("550 5.7.1 Email rejected per DMARC policy for example.net", "authfailure"),
    ("421 4.7.0 Too many concurrent connections from this client, server busy", "toomanyconn"),
    ("451 4.4.2 Message has been in the queue too long", "expired"),
])
def test_other_causes_keep_their_reason(reply, reason):
    [verdict] = classify(postfix_dsn(reply, "RCPT TO"))
    assert verdict.reason == reason, verdict
