"""Reasons of the rejections that mail security gateways in front of the
recipients' mailboxes send (Sophos Email, Mimecast, Trend Micro, Proofpoint),
read the way each vendor's own page explains them: each reply is wrapped in a
minimal bounce of the shape it was seen in and classified as a whole."""
from __future__ import annotations

import json

from bounce_shapes import assert_reason, each_case, exim_report, postfix_report
from generator.bounces.rules import RULES_PATH

SOPHOS_CODES = "https://docs.sophos.com/central/customer/help/en-us/ManageYourProducts/EmailSecurity/SMTPErrorCodes/index.html"
MIMECAST_CODES = "https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754"

REPLIES = [
    # Sophos Email: its table of XGEMAIL codes (SOPHOS_CODES). Replies of this
    # shape ("550 5.7.1 XGEMAIL_0011 Command rejected", "... XGEMAIL_0008 ...")
    # are quoted in public GitHub code (a Go SMTP reply parser's tests, an SES
    # bounce fixture); the other codes are the table's, in the same reply.
    (postfix_report, "RCPT TO", "550 5.7.1 XGEMAIL_0011 Command rejected", "userunknown", "XGEMAIL_0011"),
    (postfix_report, "end of DATA", "550 5.7.1 XGEMAIL_0001 Command rejected", "authfailure", "XGEMAIL_0001"),
    (postfix_report, "end of DATA", "550 5.7.1 XGEMAIL_0003 Command rejected", "authfailure", "XGEMAIL_0003"),
    (postfix_report, "RCPT TO", "550 5.7.1 XGEMAIL_0004 Command rejected", "blocked", "XGEMAIL_0004"),
    (postfix_report, "RCPT TO", "550 5.7.1 XGEMAIL_0009 Command rejected", "filtered", "XGEMAIL_0009"),
    (postfix_report, "RCPT TO", "550 5.7.1 XGEMAIL_0010 Command rejected", "norelaying", "XGEMAIL_0010"),
    (postfix_report, "end of DATA", "550 5.7.1 XGEMAIL_0012 Command rejected", "mesgtoobig", "XGEMAIL_0012"),
    (postfix_report, "end of DATA", "550 5.7.1 XGEMAIL_0013 Command rejected", "exceedlimit", "XGEMAIL_0013"),
    (postfix_report, "RCPT TO", "550 5.7.1 XGEMAIL_0014 Command rejected", "speeding", "XGEMAIL_0014"),
    # A TLS refusal at mx-01-eu-central-1.prod.hydra.sophos.com, quoted (cut
    # short) in a public GitHub design note: the sender offered no TLS.
    (postfix_report, "RCPT TO", "550 5.7.4 XGEMAIL_0006 the configured TLS version is Preferred TLS 1.3 for the"
     " recipient and the sender TLS version is not available", "failedstarttls", "XGEMAIL_0006"),
    # https://community.sophos.com/sophos-email/f/recommended-reads/136256/sophos-email-outbound-emails-bounced-with-554-5-7-28-mail-flood-detected
    (postfix_report, "RCPT TO", "554 5.7.28 Mail flood detected", "speeding", "Mail flood detected"),
    # Mimecast (MIMECAST_CODES): "the Mimecast server is under maximum load".
    (postfix_report, "RCPT TO", "421 Unable to process connection at this time", "toomanyconn",
     "Unable to process connection"),
    # https://wordtothewise.com/2018/07/who-are-mimecast (rejections from bounce
    # logs) and https://www.suped.com/knowledge/email-deliverability/troubleshooting/why-are-sendgrid-verification-emails-blocked-by-mimecast-when-project-invites-are-not
    (postfix_report, "RCPT TO", "550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550",
     "filtered", "User Entry"),
    (postfix_report, "end of DATA", "550 Rejected by header based manually Blocked Senders: cat@example.net"
     " - https://community.mimecast.com/docs/DOC-1369#550", "filtered", "manually Blocked Senders"),
    (postfix_report, "end of DATA", "550 Rejected by header based Blocked Senders: cat@example.net"
     " - https://community.mimecast.com/docs/DOC-1369#550", "rejected", "header based Blocked Senders"),
    # https://github.com/mysociety/writetothem/issues/364 (Exim, to a council
    # behind eu-smtp-inbound-1.mimecast.com that blocked the sending domain).
    (exim_report, "RCPT TO:<neko@example.org>", "550 Administrative prohibition - envelope blocked"
     " - https://community.mimecast.com/docs/DOC-1369#550", "rejected", "Administrative prohibition"),
    # https://github.com/mysociety/fixmystreet/issues/1651 (reports sent with the
    # reporter's own address at the council's domain, refused by its Mimecast).
    (postfix_report, "end of DATA", "550 Rejected by header based Anti-Spoofing policy: neko@example.org"
     " - https://community.mimecast.com/docs/DOC-1369#550", "rejected", "Anti-Spoofing policy"),
    # Mimecast's Geographical Restriction policy refuses the sending IP address's country; the reply
    # as a public mail-sending script records it (554 Host network not allowed).
    (postfix_report, "RCPT TO", "554 Host network not allowed", "policyviolation", "Host network not allowed"),
    # Trend Micro's Email Reputation Services defer an IP address in its dynamic
    # reputation (zombie) database; https://docs.trendmicro.com/en-us/documentation/article/deep-discovery-email-inspector-51-online-help-smtp-error-codes
    (postfix_report, "HELO", "450 Temporary denial of connection (450) for Zombie matches (ERS)", "badreputation",
     "Zombie matches"),
    # Proofpoint (in front of iCloud, among others) links a refused IP address to
    # its lookup: reported in https://www.suped.com/knowledge/email-deliverability/troubleshooting/how-quickly-does-proofpoint-provide-delisting-details-and-advice
    # and listed for icloud.com in public GitHub code (a table of providers' bounces).
    (postfix_report, "RCPT TO", "550 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.9", "blocked",
     "ipcheck.proofpoint.com"),
    # A limit of recipients per hour, not of connections: quoted in
    # https://knowledge.broadcom.com/external/article/385809 and in SendGrid's
    # list of deferrals ("452 Too many recipients received this hour (throttled)").
    (postfix_report, "RCPT TO", "452 Too many recipients received this hour (throttled)", "speeding",
     "received this hour"),
]
CASES = [(shape(reply, command), reason, quoted) for shape, command, reply, reason, quoted in REPLIES]


@each_case(CASES)
def test_gateway_rejections_as_their_vendors_explain_them(text, reason, quoted):
    assert_reason(text, reason, quoted)


def test_each_gateway_code_rule_names_the_vendors_page():
    rules = json.loads(RULES_PATH.read_text(encoding="utf-8"))["rules"]
    pages = {"XGEMAIL": SOPHOS_CODES, "User (?:domain )?entry": MIMECAST_CODES,
             "administrative prohibition": MIMECAST_CODES, "Anti-Spoofing": MIMECAST_CODES,
             "host network not allowed": "mimecastsupport.zendesk.com", "Zombie matches": "docs.trendmicro.com",
             "ipcheck": "proofpoint.com/us/postmaster"}
    for marker, page in pages.items():
        sourced = [r.get("source", "") for r in rules if marker.lower() in r["pattern"].lower()]
        assert sourced and all(page in source for source in sourced), (marker, sourced)
