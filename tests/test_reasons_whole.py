"""Whole bounces from sender families outside the shared corpora, as people
pasted them (tests/data/whole-bounces/, README there): the failed recipients
are found, and only they, and each gets its reason, in Python and on the
lookup page alike."""
from __future__ import annotations

import email
import json
import sys
from pathlib import Path

import pytest

from bounce_shapes import engine_page
from test_reasons_several import verdicts_in_python_and_on_the_page
from generator.bounces.classify import classify
from generator.bounces.message import extract_codes
from generator.lookup import lookup

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import reasons as bench  # noqa: E402

DATA = Path(__file__).parent / "data" / "whole-bounces"
SHARED = bench.DEFAULT_CORPORA / "bounces"

EXPECTED = {
    # Not bounces (not_bounce.py): one verdict without a recipient that says what the text is.
    "sisimai-arf-03-feedback-report.txt": [(None, "feedback")],          # report-type=feedback-report
    "sisimai-rfc3834-01-out-of-office.txt": [(None, "vacation")],        # Subject: Out of Office: ...
    "sisimai-rfc3834-02-lotus-auto.txt": [(None, "vacation")],           # Subject: AUTO: ... is out of the office
    "sisimai-rfc3834-03-auto-submitted.txt": [(None, "vacation")],       # Auto-Submitted: auto-replied
    "sisimai-arf-22-hotmail-jmrp.txt": [(None, "feedback")],             # X-HmXmrOriginalRecipient: (Hotmail's JMRP)
    # Exchange's trace of an automatic reply it dropped by design ("250 2.1.5 RESOLVER.OOF.IntToExt"): no failure.
    "exchange-online-trace-drop-oof-int-to-ext.txt": [(None, "oofdropped")],
    # SparkPost's out-of-band event of bounce class 60 (Auto-Reply): an automatic reply, no failure
    # (before: the recipient failed, "onhold").
    "sparkpost-event-out-of-band-auto-reply.txt": [(None, "vacation")],
    # recip3: GNU Mailman's notices that a post waits for the list's moderator, to its poster and to the list's
    # administrator: nothing failed (before: onhold, and the admin's notice named the list address as failed).
    "mailman-post-held-for-moderator.txt": [(None, "moderated")],
    "mailman-admin-authorization-request-non-member.txt": [(None, "moderated")],
    # The address in the reply is the sender's: the paste names no recipient.
    "exim-sender-rejected.txt": [(None, "blocked")],
    # Outlook's "-----Original Message-----" starts the forwarded bounce, not the returned original.
    "outlook-forwarded-postfix.txt": [("user@mydomain.example", "userunknown")],
    # A paste that starts with an indented line has no header block to lose.
    "exim-indented-recipient.txt": [("someone@example.cz", "userunknown")],
    # "<andreas@...>: host ..." is the first recipient, not a header field.
    "postfix-recipient-first.txt": [("andreas@acc.example.se", "userunknown"),
                                    ("marma@student.example.se", "userunknown")],
    # Gmail: "because the domain ... couldn't be found" is about the domain, not the mailbox.
    "gmail-domain-not-found.txt": [("contact@mail.example.io", "hostunknown")],
    # Exchange Online: "Despite repeated attempts to contact the recipient's email system it didn't respond".
    "exchange-online-no-response.txt": [(None, "expired")],
    # Daum refusing the sending IP: "blocked automatically by anti-spam system".
    "sendmail-daum-blocked.txt": [("someone@hanmail.net", "blocked")],
    # "Domain of sender address <sender> does not resolve" names the sender.
    "sendmail-sender-domain.txt": [("test@test.example.com", "rejected")],
    # Exchange Online in German: "Das Postfach des Empfängers ist voll".
    "exchange-online-de-mailbox-full.txt": [("cwa-onboarding@example-systems.com", "mailboxfull")],
    # A header name of the returned message ("...HeadersFilteredBy...") is not the word "filtered";
    # Status 5.1.0 alone says no more.
    "exchange-dsn-with-original-headers.txt": [("cnp-pensoes@example.pt", "onhold")],
    # "550 Unauthenticated mail not allowed from this range": the sending range is refused.
    "postfix-unauthenticated-range.txt": [("destinationaddress@domain.example", "blocked")],
    # "**a@b**" is an address in Markdown bold; Exchange Online's German "... wurde nicht in ... gefunden".
    "exchange-online-de-not-found-markdown.txt": [("equel@example.se", "userunknown")],
    # "<**a@b**>:" starts each recipient's paragraph; the stars are not part of the address.
    "postfix-markdown-bold.txt": [("andreas@acc.example.se", "userunknown"),
                                  ("marma@student.example.se", "userunknown"),
                                  ("matbr@student.example.se", "userunknown")],
    # "发送自 MAILER-DAEMON@host" (sent by): the bounce's own sender is never a failed recipient.
    "postfix-mailer-daemon-in-paste.txt": [(None, "onhold")],
    # Exchange's user text: "The email address you entered couldn't be found."
    "exchange-address-you-entered.txt": [("abonds@example.gov", "userunknown")],
    # Postfix's log: "from=<a@b>" is the sender; "to=<...>" bounced with 550 5.1.1.
    "postfix-log-lines.txt": [("doesnotexist@example.com", "userunknown")],
    # Exim's log of a greylisting deferral (greylistd's "is not yet authorized to deliver mail from
    # \n451-<a@b> to <c@d>", which names the sender): still being retried, so greylisted.
    "exim-log-escaped-reply.txt": [("body@example.com", "greylisted")],
    # iCloud's Postfix gave up (Action: failed) on Stalwart's "422 4.2.2 Greylisted": the message was
    # not delivered and must be sent again, so expired; the reply shown says greylisting.
    "postfix-icloud-greylisted-failed.txt": [("user+test.com@test.example", "expired")],
    # Starting with "Final-Recipient:", the paste is a status part, not a header block.
    "exchange-dsn-fields-first.txt": [("abc@example.com", "expired")],
    # cPanel: the sending domain went over its hourly limit of deferred and failed messages.
    "cpanel-max-defers.txt": [(None, "speeding")],
    # qmail's validrcptto patch: "this recipient is not in my validrcptto list".
    "gmail-qmail-validrcptto.txt": [("marascnd@potsdam.example.edu", "userunknown")],
    # A line starting with "MAILER-DAEMON@yahoo.com" names the bounce's sender, not a recipient.
    "yahoo-web-full-view-qmail.txt": [("all@peninsulagroupllc.example", "userunknown")],
    # Exim gave up on a host failing for long: "retry time not reached for any host after a long failure period".
    "exim-retry-time-not-reached.txt": [("test@gz.example", "expired"), ("arturo.zacapa@gz.example", "expired")],
    # The forwarded Gmail bounce is read, not only the forwarder's note and header copy.
    "thunderbird-forwarded-gmail.txt": [("puneeth@peoplelinkvc.example", "userunknown")],
    # A Japanese MTA's log: "MAIL FROM: <a@b>" names the sender, so "a@b へエラーメールを作成" (an error
    # mail made for a@b) is the sender too; docomo's "550 Unknown user" after DATA is its filter's verdict.
    "docomo-mta-log-sender.txt": [("xxxxx@docomo.ne.jp", "filtered")],
    # "Mail System Error - Returned Mail" is the bounce's subject, not a system error: the account is over quota.
    "japanese-faq-mail-system-error-quota.txt": [(None, "mailboxfull")],
    # OCN's Postfix report with its Japanese half: "please contact <support@...>" (and "<support@...>
    # へご連絡ください") gives a help desk, not a recipient; the recipient's address is masked.
    "ocn-postfix-japanese-contact.txt": [(None, "hostunknown")],
    # qmail (vpopmail): "This address no longer accepts mail." - the mailbox is gone.
    "qmail-japanese-faq-no-longer-accepts.txt": [(None, "userunknown")],
    # Yahoo's "dd This user doesn't have a ... account" says the mailbox does not exist,
    # even in a reply with neither a status code nor a command.
    "gmail-yahoo-no-account.txt": [("someone@ymail.com", "userunknown")],
    # "MicrosoftExchange<32 hex digits>@tenant" is Exchange Online's own sender, not a recipient.
    "office365-ticket-microsoftexchange.txt": [("someone-name@example.com", "userunknown")],
    # "`a@b`" is an address in Markdown code: the backquote is not part of it.
    "gmail-address-in-markdown-code.txt": [("opensource@example.com", "userunknown")],
    # "user_unknown host:" (a list manager's own fields) is not "unknown host".
    "dada-mail-yahoo-no-account.txt": [("emailaddress@yahoo.co.uk", "userunknown")],
    # Exchange quoting a remote DSN's "#5.3.0 x-unix; ..." (a local delivery program failed).
    "exchange-remote-x-unix.txt": [("list-a@lists.example.edu", "mailererror"),
                                   ("list-b@lists.example.edu", "mailererror"),
                                   ("list-c@lists.example.edu", "mailererror")],
    # A recipient line in Markdown code ("`<a@b>: 550 5.1.1 ...`") is a recipient line.
    "gmail-two-bounces-markdown-code.txt": [("root@hackerspace.example", "userunknown"),
                                            ("abuse@hackerspace.example", "userunknown")],
    # "Your message wasn't delivered to a@b": the report's own sentence names the recipient,
    # not the poster's note above it ("E-mail to info@... bounces").
    "gmail-note-names-another-address.txt": [("person.name@olddomain.example", "userunknown")],
    # "Your message to a@b couldn't be delivered" (no rule says why a group refuses: no reason guessed).
    "office365-group-note-names-alias.txt": [("groupname@example.com", "onhold")],
    # Exim's "The address to which the message has not yet been delivered is: a@b", under a
    # French mail client's header lines ("De:", "A :") that name the bounce's sender and addressee.
    "exim-delay-french-client-header.txt": [("sympa@forums.example.net", "expired")],
    # Outlook's "From:" then "Sent:" lines start the copied bounce, not its returned original;
    # "a@b, c@d" lists two recipients, named only together: the whole report is about each.
    "office365-copied-list-of-two.txt": [("first@example.org", "spamdetected"),
                                         ("second@example.org", "spamdetected")],
    # "Sender Address:" with the address on the next line (Office 365's table copied) names the sender.
    "office365-details-table-copied.txt": [("headoffice@recipient.example", "spamdetected")],
    # Office 365: a server outside it "couldn't relay your message".
    "office365-remote-could-not-relay.txt": [("kontakt@example.no", "norelaying")],
    # Amazon SES's bounce notification as JSON: "emailAddress" names the failed recipient.
    "ses-notification-json.txt": [("username@example.com", "userunknown")],
    # SES's event with the recipient masked by the poster: "source" names the sender, not a recipient.
    "ses-event-masked-recipient.txt": [(None, "userunknown")],
    # SendGrid's event on one line: "email" names the recipient; "smtp-id" is a message id.
    "sendgrid-event-smtp-id.txt": [("robinson@recipient.example", "blocked")],
    # SendGrid's event pretty-printed.
    "sendgrid-event-pretty.txt": [("foo@example.com", "userunknown")],
    # SendGrid's event with JSON's escaped slashes ("http:\/\/") in the reply.
    "sendgrid-event-escaped-slash.txt": [("___@hotmail.com", "blocked")],
    # Postfix's log: "orig_to=<a@b>" is the address as written before an alias, beside the "to=<...>"
    # that bounced; each failed address once, however many of its log lines.
    "postfix-log-orig-to.txt": [("mereng.marina@example.com", "userunknown"),
                                ("messina.michele@example.com", "userunknown")],
    # Exchange's "Original message headers:" starts the returned message, even where a web page ran
    # its header lines together ("...-0400From: ... <sender@...>To: ...").
    "exchange-original-headers-run-together.txt": [("do-not-reply-user@another-domain.example", "userunknown")],
    # SparkPost's event: "rcpt_to" names the recipient; "[internal] [oob]" marks an out-of-band bounce.
    "sparkpost-event-rcpt-to.txt": [("xxxx@domain.example", "userunknown")],
    # A form's "Failed email address: a@b, c@d" over a report in fields ("Recipient address:",
    # "Reason:", "Diagnostic code:", "Remote system:") about c@d alone: a@b is given no reason.
    "form-recipient-address-fields.txt": [("first@example.com", "onhold"), ("second@example.com", "userunknown")],
    # Postfix's paragraph with its wrapped lines' indentation lost in the paste.
    "postfix-unindented-wrap.txt": [("email@example.com", "userunknown")],
    # Postfix's log: "message-id=<...@...>" is the message's id, not a recipient.
    "postfix-log-message-id.txt": [("doesnotexist@example.com", "userunknown")],
    # qmail's "Connected to ... but sender was rejected" says where; the remote host's words say why.
    "qmail-hotmail-block-list.txt": [("nuria@hotmail.com", "blocked")],
    "qmail-after-support-chat.txt": [("william@hotmail.com", "blocked")],
    # Postmark's test bounce: its "Description" is the fixed text of every hard bounce
    # ("ex: unknown user, mailbox not found"); its "Details" say nothing, so nothing decides.
    "postmark-webhook-log-line.txt": [("john@example.com", "onhold")],
    # "We are currently unable to send email to a@b" names the failed recipient, not a contact;
    # a soft bounce "can happen if Relay couldn't connect ... or if your mailbox was full": nothing decides.
    "firefox-relay-soft-bounce.txt": [("myusername@hotmail.com", "onhold")],
    # Temporary failures, before any bounce: the last reply's cause decides, not the delay
    # notice's own words ("could not be delivered for more than 2 hour(s)", a log's "Deferred").
    # Postfix's "Temporary lookup failure": the receiving server's lookup table failed.
    "postfix-delay-temporary-lookup-failure.txt": [("some.person@recipient.example", "systemerror")],
    # Yahoo's TS01 "temporarily deferred due to user complaints", as its TSS04: the sending server's
    # reputation by Yahoo Sender Hub's error codes page (the shared corpus labels TSS04 rejected twice,
    # badreputation once; we follow Yahoo). The address is the sender's.
    "exim-mainlog-yahoo-ts01-deferred.txt": [(None, "badreputation")],
    # sendmail's "stat=Deferred: 421 4.3.2 The maximum number of concurrent connections has exceeded a limit".
    "sendmail-log-deferred-concurrent-connections.txt": [(None, "toomanyconn")],
    # "Net::SMTPServerBusy:" (a Ruby program's error class) starts no header block.
    "ruby-smtp-server-busy-unable-to-verify.txt": [("ok4mpa@psrp.example.com", "systemerror")],
    # Postfix's queue listing: each entry's error, above its recipient, is that recipient's own
    # (before: the second entry's "Connection refused" was read for the first recipient).
    "postqueue-two-deferred-entries.txt": [("kullanici@nosuchdomain.invalid", "networkerror"),
                                           ("kuyruk-test@dc01.example.com", "blocked")],
    # One entry of that listing, pasted without the heading: still queued (a delay, below).
    "postqueue-one-deferred-entry.txt": [("kullanici@nosuchdomain.invalid", "networkerror")],
    # Mail-operations tools' output (sweepops): postqueue -j names each recipient in a JSON object of
    # its own, with its "delay_reason" (before: its sender was a failed recipient, "userunknown" from
    # another entry's "RCPT TO"; the one without a reason, still active, is "onhold" now).
    "postqueue-json-lines-mixed-reasons.txt": [("user@partner-a.example", "blocked"),
                                               ("info@partner-b.example", "mailboxfull"),
                                               ("sales@partner-c.example", "networkerror"),
                                               ("boss@partner-e.example", "onhold")],
    # Sendmail's mailq: its arrival time has no seconds; each recipient has the error above it (before:
    # the two errors were read for the wrong recipients).
    "sendmail-mailq-deferred-and-read-error.txt": [("user1@example.com", "onhold"), ("user@other.example", "expired")],
    # Exim's mailq (exim -bp): "D" marks the recipient already delivered; the other still waits.
    "exim-mailq-one-delivered-one-waiting.txt": [("harry@example.net", "onhold")],
    # SparkPost's "type": "delay" event.
    "sparkpost-event-delay-no-mx.txt": [("recipient@example.com", "networkerror")],
    # Exchange Online's Get-MessageTraceDetailV2 | Format-List: "SenderAddress :" is the sender.
    "exchange-online-trace-detail-v2-defer-sender-address.txt": [("user@partner.example", "networkerror")],
    # Exim's "host lookup did not complete" (defer (-1)): the DNS lookup failed for now (before: "onhold").
    "exim-debug-host-lookup-did-not-complete.txt": [("info@partner.example", "networkerror")],
    # PowerShell tables of Exchange's events: each recipient is read with its own row (no reason given).
    "exchange-tracking-log-table-fail-and-defer.txt": [("user@partner.example", "onhold"),
                                                       ("info@partner-b.example", "onhold")],
    "exchange-online-messagetracev2-table-pending.txt": [("user@partner.example", "onhold"),
                                                         ("info@partner-b.example", "onhold")],
    # Amazon SES's bounce object without a diagnosticCode: its bounceSubType NoEmail says the address
    # does not exist (before: "onhold").
    "ses-bounce-object-noemail-no-diagnostic.txt": [("pedro@invalid.example", "userunknown")],
    # Exchange's tracking log as CSV under its "#Fields:" line: the message-id and sender-address columns
    # name no recipient (before: both message ids and the sender were failed recipients).
    "exchange-tracking-log-csv-fail-and-defer.txt": [("user@partner.example", "userunknown"),
                                                     ("info@partner-b.example", "networkerror")],
    # Exchange Online's extended message trace (CSV, every field quoted): a reply holding commas is one field,
    # and the subject beside it ("your mailbox is full") is the sender's words (before: mailboxfull for both,
    # each reply running on into the subject and the sender's columns).
    "exchange-online-extended-trace-csv-quoted-reply.txt": [("user@partner.example", "blocked"),
                                                            ("info@partner-b.example", "toomanyconn")],
    # Postmark's bounce type SpamNotification: the receiving side took it for spam (before: "onhold").
    "postmark-webhook-spam-notification.txt": [("reader@recipient.example", "spamdetected")],
    # Exim's delay warning: Yahoo's TS03 "will be permanently deferred" (the sending IP is blocked).
    "exim-delay-reply-at-line-start.txt": [("person.***********_@yahoo.com", "blocked")],
    # Delays and temporary failures, eighth round: the ESPs' events of a delay, notices in other
    # words and languages, and a final bounce after retries.
    # Exchange's delay DSN forwarded from Outlook in Dutch, its lines wrapped: the recipient, and the
    # last reply ("returned '400\n4.4.7 Message delayed'") read though its status begins the next line.
    "exchange-delay-dutch-forward-wrapped.txt": [("person.name@recipient.example", "expired")],
    # cPanel's Exim: "This is a temporary error. The following address(es) deferred", the sending
    # domain over its hourly limit.
    "cpanel-deferred-max-emails-per-hour.txt": [("backup@example.com", "speeding")],
    # Mailgun's event of a temporary failure ("severity": "temporary"), the IP refused.
    "mailgun-event-temporary-failed.txt": [("tempfailrecipient@sample.mailgun.com", "blocked")],
    # Amazon SES's DeliveryDelay event: "delayedRecipients", 421 4.4.1 "Unable to connect".
    "ses-event-delivery-delay.txt": [("recipient@example.com", "networkerror")],
    # SendGrid's "deferred" event: "400 try again later" says no more than that it was deferred.
    "sendgrid-event-deferred.txt": [("example@test.com", "expired")],
    # Mailgun's event log: "No MX for [example.com]" (the domain takes no mail); the message's
    # other recipient (bar@) is not the one this event is about.
    "mailgun-events-temporary-no-mx.txt": [("baz@example.com", "notaccept")],
    # Gmail's Japanese delay notice ("配信未完了 ... Gmail は 47 時間再試行し") and, 47 hours on, its
    # final bounce ("宛先の受信トレイの空き容量不足"): the recipient's mailbox is full in both.
    "gmail-japanese-delay-over-quota.txt": [("someone@gmail.com", "mailboxfull")],
    "gmail-japanese-failed-over-quota.txt": [("someone@gmail.com", "mailboxfull")],
    # Postfix's "delivery temporarily suspended: connect to ...: Connection timed out": Postfix paused
    # delivery to the host that timed out; no mailbox is suspended.
    "postfix-delay-suspended-timed-out.txt": [("someone@gmail.com", "expired")],
    # Postal's "temporary SMTP delivery error when sending to ..." (the host masked by the poster):
    # "451 4.7.1 Try again later": X.7.1 alone names no cause (before: rejected, the sender's address
    # refused), so the words decide, a temporary refusal to try again later.
    "postal-temporary-smtp-delivery-error.txt": [(None, "systemerror")],
    # Exchange's delay DSN quoting the returned message's subject (".. Duty Deferred Direct Debit ..").
    "exchange-delay-returned-subject.txt": [("person.name@recipient.example", "expired")],
    # A delay warning's own words ("has not yet been delivered") decide only where the reply names no cause:
    # amavisd's "451 4.5.0 Error in processing" is the receiving system's error.
    "exim-delay-amavis-error-in-processing.txt": [("varnish-misc@projects.example.no", "systemerror")],
    # Dooray!'s Korean notices: the help desk named before "으로 문의해 주시기 바랍니다" (ask ...)
    # is a contact, not a second recipient; each 실패 사유 (reason) in Korean.
    "dooray-ko-mailbox-full.txt": [("someone@example.com", "mailboxfull")],
    "dooray-ko-blocked-sender.txt": [("someone@example.com", "filtered")],
    "dooray-ko-receiving-restricted.txt": [("someone@example.com", "filtered")],
    # The sending organization's rule: confidential mail may not go to outside accounts.
    "dooray-ko-confidential-external.txt": [("someone@example.com", "policyviolation")],
    # Its English notice of a recipient's block: "Your mail was denied from the receiver."
    "dooray-en-denied-from-receiver.txt": [("someone@example.com", "filtered")],
    # Gmail in Korean: "주소를 찾을 수 없거나 해당 주소에서 메일을 받을 수 없어 ...".
    "gmail-ko-address-not-found.txt": [("someone@example.com", "userunknown")],
    # Dooray!'s notice as it names a recipient, "홍길동(a@b)": the address inside the name's parentheses,
    # not at a line's start, is the recipient; the help desk on a line of its own is not.
    "dooray-ko-name-before-address.txt": [("someone@example.com", "filtered")],
    # Postfix's report as a Korean wiki re-wrapped it (the recipient masked "<****@...>"): Gmail's
    # multi-line reply no longer has each "550-5.7.1" at a line start.
    "postfix-rewrapped-gmail-ipv6-ptr.txt": [(None, "requireptr")],
    # Naver Mail's own Korean notice: "... 님께 보내신 메일 <...> 이 다음과 같은 이유로 전송 실패했습니다."
    "naver-ko-blocked-sender.txt": [("someone@example.com", "filtered")],
    # Korean providers' refusals of the sending IP address until it is registered (hanafos, Naver,
    # Paran) and Daum's CCRT (its spam center blocking the IP, "Server is busy" notwithstanding):
    # the address to register with is a contact, not a recipient.
    "hanafos-ip-filtered-register-contact.txt": [(None, "blocked")],
    "naver-ip-filtered-realip.txt": [(None, "blocked")],
    "paran-spam-suspect-ip-control.txt": [(None, "blocked")],
    "daum-ccrt-connection-refused.txt": [(None, "blocked")],
    # QQ Mail's Chinese bounce quoted in the poster's sentence: "收件人地址不存在" (the address does not exist).
    "qq-chinese-recipient-address-not-exist.txt": [("someone@example.ac.cn", "userunknown")],
    # A Chinese host's bounce labels, "[退信] <label>:<the server's words>": its label decides
    # (a timeout in RCPT is the network's fault, not a message queued too long).
    "chinese-host-label-domain-not-exist.txt": [(None, "hostunknown")],
    "chinese-host-label-mail-too-large.txt": [(None, "mesgtoobig")],
    "chinese-host-label-spam-denied.txt": [(None, "spamdetected")],
    "chinese-host-label-network-timeout.txt": [(None, "networkerror")],
    # Replies a Korean blog lists for a mailbox taken out of use ("사용중지"): the address exists,
    # whatever the 5.1.1 says; and a sender that gave up after its maximum of attempts.
    "korean-portal-inactive-mbox.txt": [(None, "suspend")],
    "korean-portal-suspended-user.txt": [(None, "suspend")],
    "korean-portal-max-delivery-attempts.txt": [(None, "expired")],
    # The poster's "When I sent an email to a@b" names the recipient; Daum's reply names it again,
    # masked otherwise ("<real_email@...>"): one recipient, not a second one without a reply.
    "daum-ract-inactive-under-note.txt": [("xxx@example.net", "suspend")],
    # Exchange Online's Korean NDR text of the sender's submission quota: the sender's sending limit.
    "exchange-online-ko-submission-quota.txt": [(None, "speeding")],
    # Sendmail's delay warning from a Korean blog: the reply's URL ends its line in "=", which is
    # not a quoted-printable soft break (the line is far over 76 characters).
    "sendmail-delay-trend-rbl-url-equals.txt": [("someone@example.com", "blocked")],
    # ZoneMTA's log: "from=a@b to=c@d" without brackets; "from=" names the sender, "to=" is a key,
    # not the start of the address; "id=<...@host>" is the message's id.
    "zonemta-log-proofpoint-from-to.txt": [("redacted@icloud.com", "blocked")],
    "zonemta-log-deferred-gmail-id.txt": [("recipient@gmail.com", "authfailure")],
    # The poster's "with a 554 error" is not the server's reply (the log line's is); the mask
    # "***@***" is no address.
    "postfix-log-masked-note-names-code.txt": [(None, "blocked")],
    # Outlook's rule of underscores and "Fra:" / "Sendt:" start the earlier message of a reply:
    # its sender is no recipient, and SendGrid's notice above is the whole report.
    "sendgrid-blocked-under-danish-outlook-reply.txt": [("someone@example.dk", "spamdetected")],
    # "blocked using Barracuda Reputation": Barracuda's block list of IP addresses.
    "stalwart-barracuda-reputation-two-recipients.txt": [("someone@example.com", "blocked"),
                                                         ("other@example.com", "blocked")],
    # The note's "email address listed on the [About page]" is no block list; the reply says "Recipient unknown".
    "postfix-quoted-under-note-address-listed-on-page.txt": [("someone@dept.example.ac.uk", "userunknown")],
    # Forward Email: "retried the maximum of (10) times and has permanently failed" (not the note's
    # "email from outlook.com: ... rejected").
    "outlook-forwardemail-retried-maximum.txt": [("someone@example.com", "expired")],
    # Exchange Online Protection: "not listed in the domain's directory" (not the note's "blocked").
    "eop-not-listed-in-directory-quoted.txt": [("someone@example.com", "userunknown")],
    # "421 Downstream server error": the receiving side's own failure, though Postfix words any refused
    # greeting "refused to talk to me".
    "postfix-mailchannels-downstream-server-error.txt": [("support@example.com", "systemerror")],
    # IronPort's bounce log: "From:<a@b> To:<c@d>" on one line is a log entry, not the returned
    # message's header block (which would cut the report off before it).
    "ironport-asyncos-bounce-log-bounced.txt": [("user2@example.net", "userunknown")],
    # Providers and languages of the eleventh round (Chinese, Russian, Czech, German, Spanish, French).
    # Tencent's Chinese bounce: "connect to the ... server failed", "连接收件方邮件系统失败".
    "exmail-chinese-connect-failed-quoted.txt": [("admin@example.com", "networkerror")],
    # QQ Mail's "涉嫌大量群发，并且被多数用户投诉为垃圾邮件" (bulk mail reported as spam).
    "qq-chinese-bulk-complaints.txt": [(None, "spamdetected")],
    # GMX, WEB.DE and 1&1's "Reject due to policy restrictions", whose first line says "mailbox
    # unavailable"; the DSN's Diagnostic-Code read on over the reply's unindented lines.
    "postfix-gmx-policy-unindented-dsn.txt": [("someone@gmx.net", "policyviolation")],
    "german-report-webde-policy.txt": [(None, "policyviolation")],
    "postfix-1and1-spanish-forward-policy.txt": [("anna@example.es", "policyviolation")],
    # Exim's two DSN groups pasted without the blank line between them: two recipients.
    "exim-spanish-outlook-forward-two-dsn-groups.txt": [("two@example.hn", "policyviolation"),
                                                        ("one@example.hn", "policyviolation")],
    # Yandex's Russian and English report: "blocked by our bulk spam email filter" is a content filter.
    "yandex-russian-bmail-bulk-spam.txt": [("someone@bmail.ru", "spamdetected")],
    # Mail.ru's "or report details to abuse@corp.mail.ru" names a contact, not a recipient.
    "exim-log-mailru-spam-report-to.txt": [("someone@mail.ru", "spamdetected")],
    # Postfix's Status 5.0.0 for a reply it could not read ("550 #5.7.1 ..."): the reply's own code
    # decides; both DSN groups of the paste are read.  X.7.1 ("delivery not authorized") in reply to
    # RCPT TO names no cause, and "your access ... has been rejected" says not whose (the sending host,
    # the sender): the cause stays open (before: rejected, "the sender's address was refused").
    "postfix-free-fr-hash-status-5-0-0.txt": [("first.person@example.com", "onhold"),
                                               ("second.person@example.com", "onhold")],
    # Seznam's "Sender Policy Framework of `example.cz' domain denied your IP address".
    "postfix-seznam-czech-forward-spf.txt": [("someone@seznam.cz", "authfailure")],
    # Postfix's DSN groups with no blank line between them (Mutt's Italian view, Centrum's report).
    "mutt-italian-postfix-two-dsn-groups.txt": [("???saluti???@mail.example.lan", "userunknown"),
                                                ("???s@mail.example.lan", "userunknown")],
    "centrum-cz-two-dsn-groups-spamhaus.txt": [("first@example.cz", "blocked"), ("second@example.cz", "blocked")],
    "exim-spanish-outlook-unindented-spamhaus.txt": [("first@example.ch", "blocked"), ("second@example.ch", "blocked"),
                                                     ("third@example.ch", "blocked")],
    # Vodafone's Postfix report pasted with every line break doubled; the recipient a Markdown mailto link.
    "postfix-vodafone-doubled-lines-uceprotect.txt": [("someone@example.de", "blocked")],
    # AsyncOS's "Reason:" is its own label of the status code ("4.1.0 - Unknown address error", given
    # even for "Relaying denied"): the server's reply decides, "block ... from your IP address".
    "ironport-asyncos-bounce-log-delayed.txt": [("user@example.net", "blocked")],
    # Mail libraries' errors (twelfth round).  A stack trace's frames, file paths ("python@3.9",
    # "python2.7.3") are no reply, address or status; Python's dict of refused recipients names them.
    "nodemailer-stack-trace-spamhaus.txt": [(None, "blocked")],
    "nodemailer-eenvelope-response-quoted.txt": [("paris.team@example.com", "norelaying")],
    "django-smtplib-recipients-refused-dict.txt": [("someone@example.fr", "userunknown")],
    "smtplib-relay-access-denied-path-with-at.txt": [("bryan@example.org", "norelaying")],
    # SMTPRecipientsRefused: refused at RCPT TO, so a mailbox that is not found (not a filter's verdict).
    "smtplib-python27-path-mailbox-not-found.txt": [("someone@example.com", "userunknown")],
    # The dict's key 'email' is a form field, not an address; Gmail's 5.1.3: the address is not valid.
    "django-gmail-553-escaped-newlines.txt": [(None, "userunknown")],
    # PHPMailer's own "RCPT TO command failed" is no mailer error: the server's reply decides.
    "phpmailer-debug-relay-access-denied.txt": [("foo@example.net", "norelaying")],
    "phpmailer-debug-451-temporary-local-problem.txt": [("support@example.org", "systemerror")],
    # Exchange's "Client does not have permission(s) to send as this sender", SendAsDenied: the From
    # address is refused to the signed-in account.
    # (The trace's frame names the sender and the addressee as a call's arguments: neither is a failed recipient.)
    "swiftmailer-5760-send-as-trace.txt": [(None, "rejected")],
    # "too many requests per time unit": a rate limit.
    "django-smtpdataerror-450-too-many-requests.txt": [(None, "speeding")],
    "rails-activejob-sendas-denied.txt": [(None, "rejected")],
    "telnet-dashes-send-as-denied.txt": [("recipient@somewhereelse.example", "rejected")],
    # SMTPSenderFailedException, at mailFrom: the sender's address is refused, not a recipient's.
    "angus-mail-sender-failed-invalid-address.txt": [(None, "rejected")],
    # smtplib's SMTPSenderRefused: sendmail's "Domain name required for sender address" refuses the sender.
    "smtplib-sender-refused-domain-required.txt": [(None, "rejected")],
    # "envelope sender not allowed a@b" names the sender, refused.
    "symfony-mailer-json-log-envelope-sender.txt": [(None, "rejected")],
    # Java Mail's "Invalid Addresses" is its own label; the server says the account's limits are exceeded.
    "angus-mail-invalid-addresses-account-limits.txt": [("valid@mail.example", "speeding")],
    # "mailbox unavailable" with no command to place it at RCPT TO reads as a filter's verdict.
    "mailkit-protocol-log-server-marks.txt": [(None, "filtered")],
    # "550 message rejected" after the session's data says no more.
    "openssl-s-client-data-then-550.txt": [("test-0f623076@example.com", "onhold")],
    "swaks-rejected-after-rcpt.txt": [("reject@reject.example.com", "onhold")],
    # Exim's greeting ("... transport unsolicited, and/or bulk e-mail") is boilerplate, no spam verdict.
    "phpmailer-old-debug-exim-banner.txt": [(None, "onhold")],
    # Hotmail's greeting ("Sending unsolicited commercial or bulk e-mail to Microsoft's computer network is
    # prohibited") is boilerplate too.
    "mailkit-smtp-dump-hotmail-greeting.txt": [(None, "onhold")],
    # FluentSMTP's "code": 423 with PHPMailer's "SMTP Error: data not accepted." is no server's reply.
    "fluentsmtp-json-data-not-accepted.txt": [(None, "onhold")],
    # Postfix could not read the remote server's greeting; the page's "(~448 o)" is the attachment's size.
    # (The stored copy ends inside the DSN's Final-Recipient, so the DSN names no address.)
    "roundcube-french-page-attachment-size.txt": [(None, "networkerror")],
    # A placeholder's domain with "_" ("user@main_address.de") is an address; Postfix's "(expanded from"
    # names the alias's original address, not a second recipient.
    "postfix-strato-placeholder-underscore-domain.txt": [("user@main_address.de", "userunknown")],
    # Five of Java Mail's refusals pasted together: five failures, each read with its own reply only.
    "angus-mail-five-causes-pasted-together.txt": [("valid@mail.example", "speeding"), (None, "norelaying"),
                                                   (None, "syntaxerror"), (None, "syntaxerror"),
                                                   (None, "blocked")],
    # The same SMTPAddressFailedException printed three times down Spring's chain is one failure. (Postfix's
    # reject_non_fqdn_recipient by its "Recipient address rejected": the reason is not this file's point.)
    "javamail-spring-journal-repeated-failure.txt": [(None, "userunknown")],
    # Trend Micro's "sender IP found in ERS-DUL" lists the client's address (its dynamic ranges): blocked; its
    # "query the IP reputation on ..." only says where to look it up.
    "trend-micro-ers-dul-one-line.txt": [(None, "blocked")],
    # Exchange's "delivery to this address is restricted" without a code: the recipient's rule of who may write to
    # it (RESOLVER.RST.AuthRequired or .NotAuthorized, Microsoft's 5.7.1 page), so policyviolation.
    "exchange-delivery-restricted-no-code.txt": [("lookatthis@npr.example", "policyviolation")],
    # "Recipient address reserved by RFC 2606": no address in that domain takes mail (notaccept), whatever 501 says.
    "python2-smtplib-rfc2606-reserved.txt": [("admin@example.com", "notaccept")],
    # A raw message whose copy lost the folding of its Received field ("id ...", "for a@b; <date>" at the line
    # start): the header block goes on to X-Failed-Recipients, From, To and the multipart's Content-Type, and
    # the report is read, not cut at its From/To lines.
    "exim-raw-message-header-folding-lost.txt": [("res_ter@example.co.uk", "hostunknown")],
    # Logs whose lines start with a program's lower-case label ("queue: ...", "smtp-in: ...") have
    # no header block; maddy's JSON names the failed recipient in "rcpt", the sender in "sender".
    "maddy-queue-log-null-mx.txt": [("nobody@example.com", "notaccept")],
    # OpenSMTPD's log: "to=<a@b>" refused with "550 Invalid recipient"; "from=<...>" is the sender.
    "opensmtpd-log-permfail-invalid-recipient.txt": [("kanzer@darkmail.example", "userunknown")],
    # The log's "stat=Delivered" recipient did not fail; "relay: TempFail" is still queued.
    "opensmtpd-log-tempfail-after-delivered.txt": [("foo@example.com", "systemerror")],
    # eM Client's "Recipient address 'a@b' not accepted due to ...": the reply's address is the sender's.
    "emclient-recipient-not-accepted-lookup-failure.txt": [("admin@recipient.example", "systemerror")],
    # Haraka's log "recipient <a@b> rejected: 550 5.1.1 <c@d>: ...": the reply's address is no second recipient.
    "haraka-log-recipient-rejected-reply-names-another.txt": [("testmailing1@example.com", "userunknown")],
    # hMailServer refusing to connect to its own address and port: a mail loop.
    "hmailserver-connecting-to-myself.txt": [("xxxxxx@example.ru", "networkerror")],
    # Yahoo's "550: 5.7.1 Service unavailable": the colon after the code.  X.7.1 alone names no cause
    # (before: rejected, the sender's address refused): "Service unavailable" decides, as elsewhere.
    "yahoo-sorry-550-colon-status.txt": [("developers@example.io", "systemerror")],
    # Google Groups: the group has sent to as many outside addresses as its quota allows.
    "google-groups-external-recipients-quota.txt": [("brigade@example.org", "speeding")],
    # Postfix's "said: 550" with the reply's next line at the line start (a Q&A page's copy).
    "postfix-mixi-japanese-question-unindented-said.txt": [("xxx@hotmail.com", "userunknown")],
    # cPanel's Exim callout refusing the sender ("550 Sender verify failed"); the address is a placeholder.
    "postfix-reply-rewrapped-sender-verify-failed.txt": [(None, "rejected")],
    # SmarterMail: the recipient's domain has used up the storage its mailboxes share.
    "smartermail-domain-size-limit.txt": [("user@example.com", "mailboxfull")],
    # A tracker's HTML export of a Postfix report: its <a href="mailto:..."> links and &lt; &gt; read as text.
    "postfix-html-export-mailto-links.txt": [("someone.alias1@forwarder.example.org", "userunknown")],
    # A challenge to click a link (the sender must prove itself): none of the reasons says that.
    "sendmail-reason-quoted-in-a-sentence.txt": [(None, "onhold")],
    # Sending platforms' events: a platform's own label decides only where no reply does.
    # Mailjet's documented events: a Message_GUID's "e567-8901-..." is no reply; the label "user unknown"
    # alone; the "comment" (Postfix's DNS words) decides over the label.
    "mailjet-event-doc-blocked-user-unknown.txt": [("bounce@mailjet.com", "userunknown")],
    "mailjet-event-doc-bounce-comment-host-not-found.txt": [("bounce@mailjet.com", "hostunknown")],
    # Brevo's own words for a domain without MX.
    "brevo-event-soft-bounce-no-mx.txt": [("recipient@no-mx.example.com", "notaccept")],
    # Constant Contact's API: the label "Non-existent address" and an empty "bounce_message".
    "constantcontact-api-bounces-non-existent.txt": [
        ("user1@example.com", "userunknown"), ("user2@example.com", "userunknown")],
    # Mandrill: "bad_mailbox" places Hotmail's bare "mailbox unavailable" at the mailbox; "invalid_domain"
    # with an empty "diag"; a deferral, still retried; a Notes report's MIME boundary after a blank line.
    "mandrill-event-hard-bounce-hotmail-bad-mailbox.txt": [("someone@hotmail.com", "userunknown")],
    "mandrill-event-invalid-domain-no-diag.txt": [("toto@example.fr", "hostunknown")],
    "mandrill-event-deferral-relay-denied.txt": [("username02@example.com", "norelaying")],
    "mandrill-event-soft-bounce-notes-boundary.txt": [("username02@example.com", "norelaying")],
    # Resend: "from": "Name <a@b>" is the sender; the platform's advice ("... your reputation as a sender")
    # and a recipient's own address ("blocked@...") decide nothing.
    "resend-event-hard-bounce-unspecified.txt": [("bounced@resend.dev", "onhold")],
    "resend-event-suppressed-blocked-address.txt": [("blocked@example.org", "suppressed")],
    "resend-event-delivery-delayed.txt": [("delivered@resend.dev", "onhold")],
    # Postal: "message_id": "...@rp.postal..." is no recipient; "MessageDelayed" is still retried, and the
    # address "deferred@..." says nothing; a message held for the suppression list was not sent.
    "postal-event-message-delayed.txt": [("deferred@example.com", "onhold")],
    "postal-event-message-held-suppression-list.txt": [("suppressed@example.com", "suppressed")],
    # The sending platform's own suppression list: nothing went to the recipient's server. Brevo's
    # "blacklist user" is its list of recipients, not a block list of the receiving side (was blocked);
    # SES's text holds "invalid address" (was userunknown); SendGrid's dropped event carries 5.0.0.
    "brevo-event-blocked-blacklist-user.txt": [("recipient@example.com", "suppressed")],
    "brevo-event-deferred-550-user-unknown.txt": [("notauser@example.com", "userunknown")],
    "ses-notification-suppressed-documented.txt": [("recipient@example.com", "suppressed")],
    "sendgrid-event-dropped-bounced-address.txt": [("example@test.com", "suppressed")],
    "mailgun-event-failed-previously-bounced.txt": [("user@list.example", "suppressed")],
    # Mailjet's labels alone, two events posted together: the member "blocked": false decides nothing.
    "mailjet-events-doc-labels-only.txt": [("bounce@mailjet.com", "hostunknown"), ("api@mailjet.com", "spamdetected")],
    # Mailjet's own "blocked" event (the event's name is no server's block); its label "typofix": the domain is wrong.
    "mailjet-event-blocked-typofix.txt": [("bad@example.com", "hostunknown")],
    # Mandrill's reject list: "550 mailbox does not exist" says the mailbox is missing, with no stage named.
    "mandrill-api-rejects-list-hard-bounce.txt": [(None, "userunknown")],
    # PowerMTA's accounting log as CSV: the "orig" column is the sender, only "rcpt" failed.
    "powermta-acct-csv-orig-sender.txt": [("xxx@domain.com", "hostunknown"), ("yyy@anotherdomain.com", "userunknown")],
    # What mail programs and web mail show when sending fails (sixteenth round). Roundcube's and
    # RainLoop's "SMTP Error (550): Failed to add recipient ..." (the address in quotes is the recipient;
    # a placeholder sentence is none); Postfix's 450 4.1.2 "Domain not found" is its default answer for
    # a domain that does not exist, not a DNS failure.
    "roundcube-failed-to-add-recipient-blacklisted.txt": [(None, "blocked")],
    "roundcube-failed-to-add-recipient-451.txt": [("email@example.com", "systemerror")],
    "rainloop-failed-to-add-recipient-domain-not-found.txt": [("xxxx@example.gr", "hostunknown")],
    "mediawiki-pear-mail-failed-to-add-recipient.txt": [("lee@example.org", "norelaying")],
    "rainloop-log-escaped-line-ends-access-denied.txt": [("user2@example.com", "userunknown")],
    # SnappyMail's log: the first recipient was accepted (250), the second refused.
    "snappymail-log-second-recipient-domain-not-found.txt": [("info@example-vaud.ch", "hostunknown")],
    "snappymail-exception-use-submission.txt": [("someone@example.com", "rejected")],
    # Thunderbird quotes Postfix's 4.3.5 "Server configuration problem": the server's fault, not the address's.
    "thunderbird-server-configuration-problem.txt": [("test@example.com", "systemerror")],
    "thunderbird-global-size-limit.txt": [(None, "mesgtoobig")],
    "ios-mail-does-not-allow-relaying.txt": [(None, "norelaying")],
    # Nextcloud Mail: Horde_Smtp's text for a 550, and its exception's class before the stack frames.
    "nextcloud-horde-address-not-found.txt": [(None, "userunknown")],
    "nextcloud-horde-exception-size-limit.txt": [(None, "mesgtoobig")],
    "outlook-express-0x800ccc79-not-a-gateway.txt": [("anemail@example.net", "norelaying")],
    # Outlook's 0x800CCC78: the server refused the sender ("Verify the e-mail address in your account properties").
    "outlook-0x800ccc78-access-denied.txt": [(None, "rejected")],
    # Roundcube's SMTP log: the host's brute-force guard blacklisted the sending IP after failed logins.
    "roundcube-smtp-log-multiline-reply.txt": [(None, "securityerror")],
    # Outlook Express's 0x800CCC78 as AT&T documents it: the sender refused until the client signs in.
    "outlook-express-0x800ccc78-sender-rejected-505.txt": [(None, "securityerror")],
    # Roundcube in Korean: the server's words in the parentheses after the address, mid-sentence.
    "roundcube-korean-failed-to-add-recipient.txt": [("hong@example.com", "userunknown")],
    # What admins copy from Exchange's consoles (fifteenth round). Get-MessageTrackingLog | fl: the
    # recipient is in "Recipients", not the padded "Sender", "ReturnPath", "MessageId" or a queued id.
    "exchange-tracking-log-fail-authrequired.txt": [("testinggroup@example.local", "securityerror")],
    "exchange-tracking-log-list-sender-messageid.txt": [("benutzer@example.mail.onmicrosoft.com", "rejected")],
    "exchange-tracking-log-sender-id-masked.txt": [(None, "authfailure")],          # Sender ID (PRA): an SPF check
    "exchange-queue-lasterror-and-tracking-invalidtoken.txt": [(None, "failedstarttls")],  # masked recipient
    "exchange-tracking-log-transport-rule-masked.txt": [(None, "policyviolation")],  # a transport rule's, not 5.7.1's
    "exchange-online-trace-defer-spf-one-line.txt": [(None, "authfailure")],  # "Defer:Reason:" is no header field
    "exchange-online-trace-detail-5-7-703.txt": [("john.doe@example.com", "policyviolation")],
    # A socket's "Connection refused" (Windows' error 10061) is the network's, not a block list's.
    "exchange-online-trace-socket-error-10061.txt": [(None, "networkerror")],
    "exchange-online-trace-connection-refused-fields.txt": [(None, "networkerror")],
    # Schannel's status and a certificate's other name: the TLS handshake failed, nothing expired.
    "exchange-online-trace-security-status-illegalmessage.txt": [(None, "failedstarttls")],
    "exchange-online-trace-subjectmismatch.txt": [(None, "failedstarttls")],
    "exchange-online-trace-tls-negotiation-failed.txt": [(None, "failedstarttls")],
    "exchange-online-tenant-inbound-attribution.txt": [(None, "securityerror")],
    "exchange-queue-lasterror-exps-authentication.txt": [(None, "securityerror")],
    "exchange-delivery-report-max-submission.txt": [(None, "mesgtoobig")],
    "exchange-edge-queue-viewer-led-wrapped.txt": [(None, "securityerror")],
    # Exchange's "421 4.3.2 Service not available" (its transport stopping or draining) quoted after
    # "Target host responded with error. ->": the receiving server going away, no block of the sender.
    "exchange-dag-queue-led-4-3-2-service-not-available.txt": [(None, "systemerror")],
    "exchange-tracking-log-gmail-5-7-26-wrapped.txt": [(None, "authfailure")],
    "exchange-online-messagetracev2-table-sender-column.txt": [("empfaenger@example.com", "onhold")],  # not SenderAddress's
    "exchange-online-messagetrace-table-senders-only.txt": [(None, "onhold")],
    # Mailing-list managers' notices that mail to a member's address bounced (list_notice.py): the
    # member is the failed address (the one named, else the one the notice is sent to), never the
    # list's owner or request address it gives as a contact; a list that stopped sending there
    # (disabled, removed) is the member's address on the list's own suppression list.
    "mailman2-disabled-member.txt": [("member@example.com", "suppressed")],
    "mailman2-disabled-last-bounce-dated.txt": [("member@example.com", "suppressed")],
    "mailman2-disabled-body-only.txt": [(None, "suppressed")],            # no header: no address names the member
    "mailman2-disabled-quoted-in-question.txt": [(None, "suppressed")],   # collins-request@ is the list's
    "mailman3-disabled-warning.txt": [("member@example.com", "suppressed")],
    "mailman3-admin-disable.txt": [("member@example.com", "suppressed")],
    "mailman3-admin-removal.txt": [("member@example.com", "suppressed")],
    "mailman2-bounce-action-notice.txt": [("member@example.com", "suppressed")],  # not the site admin's address
    "sympa-removed.txt": [("member@example.com", "suppressed")],          # not the list's address
    "sympa-listowner-removed.txt": [("first.member@example.com", "suppressed"),
                                    ("second.member@example.net", "suppressed")],
    # Warnings and probes: the list still sends.  Mailman 3's probe carries no bounce: the cause stays
    # open.  ezmlm's carry the bounce it received (below "a copy of the bounce message I received"): its
    # reason is the member's, not a returned original's words.
    "mailman3-probe.txt": [("member@example.com", "onhold")],
    "ezmlm-warn.txt": [("member@example.com", "mailboxfull")],
    "ezmlm-probe.txt": [("member@example.com", "mailboxfull")],
    # Mailman's "Uncaught bounce notification" to the list's owners: the bounce it could not read,
    # pasted below it, names the failed address and why.
    "mailman-uncaught-bounce-pasted.txt": [("reader@example.net", "mailboxfull")],
    # The list refusing the reader's own post: the sender is refused (a non-member, a DMARC domain,
    # posts reserved to subscribers or moderators), or its MIME type is.
    "mailman2-nonmember-rejected.txt": [(None, "rejected")],
    "mailman3-rejected-dmarc.txt": [(None, "rejected")],                  # the list's policy, not a failed check
    "qmail-ezmlm-only-subscribers.txt": [("testing@lists.example.org", "rejected")],
    "qmail-ezmlm-reject-html.txt": [(None, "contenterror")],              # not 5.2.3's size limit
    "sympa-rejected-fr.txt": [(None, "rejected")],
    # Gmail's notice relaying Yahoo's refusal of unauthenticated mail (550 5.7.9, Yahoo's 2024 rule).
    "gmail-notice-yahoo-5-7-9-unauthenticated.txt": [("friend@yahoo.example", "authfailure")],
    # Google Groups' refusal under a Polish web mail's header lines: "Do:" names the reader, not the group.
    "google-groups-polish-webmail-headers.txt": [(None, "rejected")],
    # Mailbox providers' replies as people posted them (wild1; README there, "Mailbox providers' replies").
    # Microsoft 365 / Outlook.com: the block list (S3140, AS3150, OU-001) refuses the sending network;
    # 4.7.650 and 5.7.708 refuse or slow an IP address for its reputation ("traffic not accepted from this
    # IP": most of its mail was judged suspicious); 5.4.1 "Recipient address rejected: Access denied" is
    # Directory-Based Edge Blocking, an address the organization does not have.
    "exim-hotmail-s3140-markdown-links.txt": [("someone@hotmail.com", "blocked")],
    "postfix-hotmail-s3140-mail-from.txt": [("someone@hotmail.co.uk", "blocked")],
    "exchange-as3150-block-list-no-ip.txt": [(None, "blocked")],
    "mailgun-outlook-ou-001-block-list.txt": [(None, "blocked")],
    "outlook-4-7-650-ip-reputation-rate-limited.txt": [(None, "badreputation")],
    "exchange-online-5-7-708-remote-server-returned.txt": [(None, "badreputation")],   # not "denied"'s blocked
    "zonemta-office365-5-4-1-access-denied.txt": [(None, "userunknown")],
    "chinese-host-office365-5-4-1-recipient-not-exist.txt": [("someone@microsoft.example", "userunknown")],
    "postfix-log-office365-5-4-1-bracketed-address.txt": [("someone@example.com.br", "userunknown")],
    "gmail-relayed-office365-5-4-1-remote-server.txt": [(None, "userunknown")],
    # Gmail: 4.7.28 rate-limits an IP address for its unsolicited mail (reputation), or a domain for its
    # rate; 5.7.1 refuses a message as likely spam, or an IP address for its unsolicited mail; 5.7.26 (SPF
    # and DKIM), 5.7.25 (PTR); 4.2.1 the recipient receives too fast; 5.4.5 the sender's daily quota.
    "postfix-log-gmail-4-7-28-unsolicited-rate-limited.txt": [("example@example.com", "badreputation")],
    "purelymail-gmail-4-7-28-spf-domain-rate.txt": [(None, "speeding")],
    "purelymail-gmail-5-7-1-likely-unsolicited.txt": [(None, "spamdetected")],     # "<redacted>@gmail.com"
    "postfix-log-gmail-5-7-1-unsolicited-ip-blocked.txt": [("recp@gmail.com", "badreputation")],
    "godaddy-gmail-5-7-26-spf-dkim-both-fail.txt": [("someone@gmail.com", "authfailure")],
    "postfix-gmail-5-7-25-ptr-forward-dns.txt": [(None, "requireptr")],
    "pmail-chinese-log-gmail-5-7-25.txt": [(None, "requireptr")],
    "zonemta-gmail-4-2-1-receiving-rate.txt": [(None, "speeding")],
    "wildduck-receiving-rate-escaped-newlines.txt": [(None, "speeding")],
    "gen-smtp-gmail-5-4-5-daily-sending-quota.txt": [(None, "speeding")],
    "phpmailer-gmail-5-4-5-daily-sending-quota.txt": [(None, "speeding")],
    # Naver's "550 5.1.1 No such user ... - nsmtp" relayed by Gmail's "Address not found".
    "gmail-naver-no-such-user-nsmtp.txt": [("privacy@naver.com", "userunknown")],
    # Apple iCloud: "[CS01] Message rejected due to local policy".
    "deltachat-postfix-icloud-cs01.txt": [("chat@example.nl", "policyviolation")],
    "yahoo-icloud-local-policy-quoted.txt": [("someone@icloud.com", "policyviolation")],
    "icloud-cs01-one-line-code-block.txt": [(None, "policyviolation")],
    # GMX: a PTR record that fails its check ("Bad DNS PTR resource record"), its policy restrictions.
    "postfix-gmx-bad-dns-ptr-refused-to-talk.txt": [(None, "requireptr")],
    "gmx-policy-restrictions-markdown-code.txt": [(None, "policyviolation")],
    # Yandex, QQ Mail, NetEase (163), Coremail and Chinese hosts' own words.
    "deltachat-yandex-suspicion-of-spam.txt": [(None, "spamdetected")],
    "pmail-chinese-log-qq-mail-content-denied.txt": [(None, "spamdetected")],      # not "denied"'s blocked
    "swiftmailer-qq-connection-frequency-limited.txt": [(None, "toomanyconn")],
    "smtplib-163-dt-spm-tuple.txt": [(None, "spamdetected")],
    # Nodemailer's "Mail command failed:" is its MAIL FROM refused, not a mailer's command failing.
    "nodemailer-163-local-user-only.txt": [(None, "rejected")],
    "coremail-help-user-suspended.txt": [(None, "suspend")],
    "coremail-help-user-disabled.txt": [(None, "suspend")],
    "coremail-help-ip-is-rejected.txt": [(None, "blocked")],
    "coremail-help-fake-sender.txt": [(None, "rejected")],
    "coremail-help-local-server-no-such-user.txt": [(None, "userunknown")],
    "chinese-host-label-sending-quota-exceeded.txt": [(None, "speeding")],
    "chinese-host-label-user-not-exist.txt": [(None, "userunknown")],
    "chinese-host-label-quota-exceeded.txt": [(None, "mailboxfull")],
    # "550 RC:LD The email account that you tried to reach does no exists." says the account does not
    # exist: no filter's verdict even without a command to place it at RCPT TO.
    "chinese-help-rc-ld-account-does-no-exists.txt": [(None, "userunknown")],
    "chinese-help-551-recipient-is-not-exist.txt": [(None, "userunknown")],
    "chinese-help-mail-from-possible-spam.txt": [(None, "spamdetected")],
    "chinese-host-cloudflare-address-does-not-exist.txt": [("abuse@jsdelivr.example", "userunknown"),
                                                           ("legal@jsdelivr.example", "userunknown")],
    # DTI (Japan): "Please reply to Postmaster@... if you feel this message to be in error" and its Japanese
    # "Postmaster@...まで返信をお願いします" give a contact; the recipient is masked ("m▲.point.ne.jp").
    "dti-japanese-returned-mail-user-unknown.txt": [(None, "userunknown")],
    # Korean portals' replies (Naver, Daum/Kakao, the Sniper filter, Yahoo! Korea) as Korean admins list them.
    "naver-ko-message-file-too-big.txt": [(None, "mesgtoobig")],
    "daum-ko-message-size-exceeds-fixed-limit.txt": [(None, "mesgtoobig")],
    "sniper-exceeds-limit-size-of-email.txt": [(None, "mesgtoobig")],
    "korean-portal-too-many-emails-24-hours.txt": [("userid@domain.com", "speeding")],
    "korean-portal-you-send-too-many-messages.txt": [(None, "speeding")],
    "korean-portal-registered-as-spammer-reject-list.txt": [(None, "filtered")],
    "yahoo-kr-account-disabled-or-discontinued.txt": [("userid@domain.com", "suspend")],
    # Fields with the reply in X-Supplementary-Info, not Diagnostic-Code (in a Markdown code block, under
    # the poster's question "maybe due to spam filter?"): the reply decides, not the question.
    "sisimai-question-office365-supplementary-info-5-4-1.txt": [("email@address.com", "userunknown")],
    "sisimai-question-yahoo-mailbox-disabled-554-30.txt": [("email@yahoo.com", "suspend")],
    "anonaddy-remote-server-returned-user-disabled.txt": [(None, "suspend")],
    "outlook-dmarc-reject-5-7-509-autolinks.txt": [(None, "authfailure")],
    "milter-reject-dmarc-policy-invalid-arc.txt": [(None, "authfailure")],
    "exim-gmail-likely-unsolicited-answer-188131.txt": [(None, "spamdetected")],
    # On-premises servers, security gateways and list managers from the wild (wild2, issue #15).
    # Proofpoint refusing the sending IP, with its IP-check address ("550 5.7.0 Blocked - see ipcheck...").
    "proofpoint-postfix-blocked-ipcheck.txt": [(None, "blocked")],
    # Mimecast's "Envelope blocked - User Entry": the recipient's own blocked senders list.
    "postfix-log-mimecast-envelope-blocked-user-entry.txt": [(None, "filtered")],
    # Mimecast's "Administrative prohibition - envelope blocked": a blocked senders policy refuses the sender.
    "exim-mimecast-administrative-prohibition-envelope-blocked.txt": [("memberservices@council.example.gov.uk", "rejected")],
    # MailChannels' "[BFD] Sender prohibited by SPF".
    "exim-mailchannels-sender-prohibited-by-spf.txt": [("kwcblade@example.com", "authfailure")],
    # qmail relaying Gmail's DMARC refusal to a list (ezmlm) address the poster masked ("<…@umail.ucc.ie>").
    "qmail-ezmlm-gmail-dmarc-masked-recipient.txt": [(None, "authfailure")],
    # cPanel's Exim: "JunkMail rejected - ... is in an RBL".
    "cpanel-junkmail-rejected-rbl-multiline.txt": [(None, "blocked")],
    # Exchange Server's Content Filter agent: "Message rejected as spam by Content Filtering".
    "swiftmailer-exchange-content-filter-rejected-as-spam.txt": [(None, "spamdetected")],
    # Haraka's log: Microsoft's block list ("blocked using FBLW15") for the recipient the log names.
    "haraka-log-recipient-rejected-fblw15.txt": [("hanna.cohen@recipient.example", "blocked")],
    # "blocked using zen.spamhaus.org; Error: open resolver": Spamhaus's error code, not a listing - the
    # receiving server's own set-up refused the mail.
    "postfix-spamhaus-open-resolver-error.txt": [("mailscanner@lists.mailscanner.info", "systemerror")],
    # Exchange Server's front end: "451 4.7.0 Temporary server error ... PRX2" is the server's fault, not X.7.0's security.
    "exchange-frontend-prx2-temporary-server-error.txt": [(None, "systemerror")],
    # Haraka's log: "recipient <a@b> rejected: 550 5.1.1 ... User unknown in relay recipient table".
    "haraka-log-user-unknown-relay-table.txt": [("testmailing1@area13.example", "userunknown")],
    # Exchange Server's back pressure: "452 4.3.1 Insufficient system resources".
    "exchange-back-pressure-insufficient-resources.txt": [(None, "systemfull")],
    # An Edge Transport queue's last error: "451 4.4.0 DNS query failed ... ServerFailure".
    "exchange-edge-queue-dns-servfail.txt": [(None, "networkerror")],
    # A list member's Google Workspace account takes mail only from inside its domain ("email blocked outside ...").
    "postfix-list-expansion-google-alumni-outside-blocked.txt": [("user@example.com", "policyviolation")],
    # A list host's Postfix: "Client host rejected: cannot find your hostname".
    "postfix-freelists-cannot-find-hostname.txt": [("nim-dev@freelists.org", "requireptr")],
    # MIMEDefang's greylisting: "First-time sender tempfailed as anti-spam measure; please try again".
    "mimedefang-first-time-sender-tempfailed.txt": [("mimedefang@lists.roaringpenguin.com", "greylisted")],
    # Haraka gave up after its retries: "Too many failures (Tried all MXs)".
    "haraka-too-many-failures-tried-all-mxs.txt": [("user@sending-domain.com", "expired")],
    # A list's Postfix: "<a@b>: Spam message rejected" for each member.
    "sympa-postfix-spam-message-rejected.txt": [("camille.ct@example.com", "spamdetected"),
                                                ("lm0@example.fr", "spamdetected")],
    # Exim's "Unknown user" under the failed address.
    "exim-ripe-unknown-user.txt": [("testing4@ripe.net", "userunknown")],
    # hMailServer's "Remote server replied: 550 5.7.1 ... blocked using Trend Micro RBL+".
    "hmailserver-trend-micro-rbl-plus.txt": [(None, "blocked")],
    # Sophos Central Email's outbound rate limit: "554 5.7.28 Mail flood detected".
    "sophos-central-mail-flood-detected.txt": [(None, "speeding")],
    # Symantec Messaging Gateway's queue: "[internal] connection was not attempted: domain is marked down".
    "symantec-smg-internal-domain-marked-down.txt": [(None, "networkerror")],
    # Postfix: "450 4.1.2 <a@b>: Recipient address rejected: Domain not found".
    "postfix-reply-450-domain-not-found.txt": [("b8grvq@ubsonline.example", "hostunknown")],
    # "Your message was rejected by this user": the recipient refused it.
    "reply-rejected-by-this-user-mips-space.txt": [(None, "filtered")],
    # Exchange Server's queue: "451 4.4.0 DNS query failed" (Microsoft KB 972744).
    "exchange-queue-dns-query-failed-kb.txt": [(None, "networkerror")],
    # Exchange Server 5.5's reports (Microsoft's knowledge base): "Host Unknown" under the recipient is its
    # domain; "Recipient Not Found", "unknown or illegal user" and "The recipient name is not recognized" the mailbox.
    "exchange55-imc-host-unknown.txt": [("test@junk.test.ca", "hostunknown")],
    "exchange55-imc-recipient-not-found.txt": [("hello@cibc.ca", "userunknown")],
    "exchange55-imc-unknown-or-illegal-user.txt": [(None, "userunknown")],
    "exchange55-mta-x400-recipient-not-recognized.txt": [(None, "userunknown")],
    # Postfix's log of Rspamd's milter refusing a message: "milter-reject: END-OF-MESSAGE ... Spam detected."
    "postfix-log-rspamd-milter-reject-spam-detected.txt": [(None, "spamdetected")],
    # hMailServer's reply for an address its route does not list: "Recipient not in route list".
    "hmailserver-recipient-not-in-route-list.txt": [(None, "userunknown")],
    # A list host's reply at RCPT TO for a list address that no longer exists: "550 ... That recipient is not allowed".
    "postfix-uberspace-recipient-not-allowed.txt": [("magdeburg@softwerkskammer.org", "userunknown")],
    # Postfix's report quoted as a Markdown block quote ("> " before each line, a code fence around its heading).
    "postfix-markdown-blockquote-local-recipient-table.txt": [("dein_name@ifsr.de", "userunknown")],
    # recip3: an ESP's batch of webhook events, read event by event: the recipient of a delivery (and its
    # processed and open events) did not fail (before: listed, onhold or with the other's reason).
    "sendgrid-event-batch-delivered-and-bounced.txt": [("gone@example.net", "userunknown")],
    "sparkpost-event-batch-delivery-and-bounce.txt": [("gone@example.net", "userunknown")],
    # recip3: a quoted local part (RFC 5321's Quoted-string, a space in it) is the recipient's address
    # (before: no recipient; the address was not read).
    "mailpit-rcpt-quoted-local-part-space.txt": [('"odd user"@example.com', "userunknown")],
    # recip3: K-9 Mail's log of a pipelined session: MAIL FROM, both RCPT TO and DATA sent at once, the replies
    # after them in the same order; the first recipient's "250 2.1.5 Ok" accepted it (before: listed as
    # failed, userunknown from the RCPT command).
    "k9-smtp-log-pipelined-one-recipient-refused.txt": [("testi@example.com", "notaccept")],
    # recip3: Exchange Online's summary report gives every recipient's status in one field ("a@x##Receive,
    # Deliver;b@y##Receive, Fail"): only the one whose status ends in Fail failed (before: both, onhold).
    "exchange-online-enhanced-summary-two-recipients.txt": [("gone@partner-b.example", "onhold")],
    # recip3: a tracking log row naming two recipients, each status in the same order ("550 ...;552 ..."): each
    # recipient gets its own (before: both mailboxfull, from the row read whole).
    "exchange-tracking-log-csv-fail-two-recipients-one-row.txt": [("user@partner.example", "userunknown"),
                                                                  ("sales@partner.example", "mailboxfull")],
}

# The reply shown for each recipient, as the bounce quotes it: its own, whole (every line of a
# multi-line reply), and without the marks around it (a JSON string's quotes and escapes, a log's
# closing parenthesis, Exchange's quotes, Markdown's backquotes).
REPLIES = {
    # recip3: a tracking log row's statuses, one per recipient (a status holds a ";" of its own).
    "exchange-tracking-log-csv-fail-two-recipients-one-row.txt": [
        "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found", "552 5.2.2 Mailbox full"],
    # recip3: qmail's "Remote host said: 550-5.7.1 ...", the reply's later lines at the line start: all of it.
    "qmail-ezmlm-gmail-dmarc-masked-recipient.txt": [
        "550-5.7.1 Unauthenticated email from example.no is not accepted due to 550-5.7.1 domain's DMARC policy."
        " Please contact the administrator of 550-5.7.1 example.no domain if this was a legitimate mail. Please"
        " visit 550-5.7.1 https://support.google.com/mail/answer/2451690 to learn about the 550 5.7.1 DMARC"
        " initiative. r75si5694561wmf.156 - gsmtp"],
    # recip3: each event's own reply, not the batch's first.
    "sendgrid-event-batch-delivered-and-bounced.txt": ["550 5.1.1 The email account that you tried to reach does not exist."],
    "sparkpost-event-batch-delivery-and-bounce.txt": [
        "550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown in virtual mailbox table"],
    "daum-ract-inactive-under-note.txt": ["550 5.2.1 RACT 192.0.2.21: Mailbox is inactive: <real_email@example.net><CRLF>"],
    "mailjet-event-doc-blocked-user-unknown.txt": [None],
    "mailjet-event-doc-bounce-comment-host-not-found.txt": [None],
    "mailjet-events-doc-labels-only.txt": [None, None],
    "mandrill-api-rejects-list-hard-bounce.txt": ["550 mailbox does not exist"],
    "mandrill-event-hard-bounce-hotmail-bad-mailbox.txt": ["550 Requested action not taken: mailbox unavailable"],
    "mandrill-event-soft-bounce-notes-boundary.txt": ["550 5.7.1 Unable to relay"],
    "postfix-rewrapped-gmail-ipv6-ptr.txt": [
        "550-5.7.1 [2001:320:11:248:546f:4bff:fef8:c9] Gmail has detected that this 550-5.7.1 message does not"
        " meet IPv6 sending guidelines regarding PTR records 550-5.7.1 and authentication. For more information,"
        " go to 550 5.7.1 https://support.google.com/mail/?p=IPv6AuthError"
        " 41be03b00d2f7-78e41c8cf4dsi11013936a12.313 - gsmtp (in reply to end of DATA command)"],
    "sendmail-delay-trend-rbl-url-equals.txt": [
        "550 Service unavailable; Client Host [] blocked using Trend Micro RBL+."
        " Please see http://www.mail-abuse.com/cgi-bin/lookup?ip_address="],
    "ses-notification-json.txt": ["550 5.1.1 <username@example.com>... User"],
    "sisimai-question-office365-supplementary-info-5-4-1.txt": [
        "550 5.4.1 [email@address.com]: Recipient address rejected: Access denied"
        " [xxx.eop-APC01.prod.protection.outlook.com]>"],
    "ses-event-masked-recipient.txt": ["552 1 Requested mail action aborted, mailbox not found"],
    # A CSV row's reply is its own field: it no longer runs on into the next fields.
    "exchange-tracking-log-csv-fail-and-defer.txt": [
        "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found",
        "451 4.4.0 DNS query failed. The error was: SMTPSEND.DNS.NonExistentDomain; nonexistent domain"],
    "exchange-online-extended-trace-csv-quoted-reply.txt": [
        "550 5.7.1 Service unavailable, Client host [40.107.22.1] blocked using Spamhaus. To request removal from"
        " this list see https://www.spamhaus.org/query/ip/40.107.22.1 (AS3130). [mx1.partner.example]",
        "451 4.7.500 Server busy, please try again later, from [203.0.113.7]"],
    "sendgrid-event-smtp-id.txt": [
        "554 5.7.1 Service unavailable; Client host [167.89.55.66] blocked using bl.spamcop.net;"
        " Blocked - see http://www.spamcop.net/bl.shtml?167.89.55.66"],
    "sendgrid-event-pretty.txt": [
        "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient foo@example.com not found by SMTP address lookup"],
    "sendgrid-event-escaped-slash.txt": [
        "550 5.7.1 Unfortunately, messages from [w.x.y.z] weren't sent. Please contact your Internet service"
        " provider since part of their network is on our block list (S3150). You can also refer your provider"
        " to http://mail.live.com/mail/troubleshooting.aspx#errors. [DM6NAM11FT044.eop-nam11.prod.protection.outlook.com]"],
    "postfix-log-orig-to.txt": [None, None],
    # Postfix's reply read to its "(in reply to ... command)" over lines that lost their indentation.
    "postfix-unindented-wrap.txt": [
        "550 5.1.1 email@example.com: Recipient address rejected: aim.com (in reply to RCPT TO command)"],
    # The reply in "Diagnostic code:" ends before the next field, "Remote system:".
    "form-recipient-address-fields.txt": [
        None,
        "550-5.1.1 The email account that you tried to reach does not exist. Please try the recipient's email"
        " address for typos or spaces. Learn more at https://support.google.com/mail/answer/6596"
        " t8si11697642ywb.299 - gs"],
    "sparkpost-event-rcpt-to.txt": ["550 [internal] [oob] The recipient is invalid."],
    # Exim's log writes a multi-line reply's line breaks as "\n".
    "exim-log-escaped-reply.txt": [
        "451-127.0.0.2 is not yet authorized to deliver mail from 451-<request@example.net> to <body@example.com>."
        " 451 Please try later."],
    # The reply shown under expired says what the server answered last: greylisting.
    "postfix-icloud-greylisted-failed.txt": ["422 4.2.2 Greylisted, please try again in a few moments."],
    "postfix-log-lines.txt": [
        "550 5.1.1 <doesnotexist@example.com> User doesn't exist: doesnotexist@example.com (in reply to RCPT TO command)"],
    "exchange-remote-x-unix.txt": [
        "554 5.3.0 < #5.3.0 x-unix; /usr/libexec/sympa/queue: usage error, one one list-name argument expected.>",
        "554 5.3.0 < #5.3.0 x-unix; /usr/libexec/sympa/queue: usage error, one one list-name argument expected.>",
        "554 5.3.0 < #5.3.0 x-unix; /usr/libexec/sympa/"],  # the post's last line is cut off there
    "gmail-two-bounces-markdown-code.txt": [
        "550 5.1.1 https://support.google.com/mail/answer/6596 n9si14921962ige.24 - gsmtp",
        "550-5.1.1 The email account that you tried to reach does not exist. Please try"
        " 550-5.1.1 double-checking the recipient's email address for typos or"
        " 550-5.1.1 unnecessary spaces. Learn more at"
        " 550 5.1.1 https://support.google.com/mail/answer/6596 199si26826665wmk.29 - gsmtp"],
    "postfix-delay-temporary-lookup-failure.txt": [
        "451 4.3.0 <Some.Person@recipient.example>: Temporary lookup failure (in reply to RCPT TO command)"],
    "exim-mainlog-yahoo-ts01-deferred.txt": [
        "421 4.7.0 [TS01] Messages from 198.500.500.500 temporarily deferred due to user complaints - 4.16.55.1;"
        " see https://help.yahoo.com/kb/postmaster/SLN3434.html"],
    "sendmail-log-deferred-concurrent-connections.txt": [
        "421 4.3.2 The maximum number of concurrent connections has exceeded a limit, closing transmission channel"],
    "ruby-smtp-server-busy-unable-to-verify.txt": ["451 <ok4mpa@psrp.example.com> unable to verify address"],
    "postqueue-two-deferred-entries.txt": [None, None],
    # Exim's "host mx [ip]: 421 ..." read on over the lines a paste put at the line start.
    "exim-delay-reply-at-line-start.txt": [
        "421 4.7.1 [TS03] All messages from 64.191.2.130 will be permanently deferred; Retrying will NOT succeed."
        " See http://postmaster.yahoo.com/421-ts03.html"],
    # Exchange's latest reply comes first; its status code wrapped to the next line.
    "exchange-delay-dutch-forward-wrapped.txt": ["400 4.4.7 Message delayed"],
    # Mailgun's "delivery-status" gives the reply in two members, "code" and "message".
    "mailgun-event-temporary-failed.txt": [
        "421 Your IP (161.38.194.10) is temporary blacklisted by an anti-troyan rule, retry later and/or"
        " visit http://sample.mailgun.com/"],
    "mailgun-events-temporary-no-mx.txt": ["498 No MX for [example.com]"],
    "ses-event-delivery-delay.txt": ["421 4.4.1 Unable to connect to remote host"],
    # The log line's reply, not the poster's "rejects the email with a 554 error."
    "postfix-log-masked-note-names-code.txt": [
        "554 IP=***.***.***.*** - A problem occurred. (Ask your postmaster for help or to contact"
        " tosa@rx.t-online.de to clarify.) (BL)"],
    # SendGrid's "Full response from the ... server:", once the reply's quoted earlier message is set aside.
    "sendgrid-blocked-under-danish-outlook-reply.txt": ["554 Message detected as spam (spam score was 6.9)"],
    # AsyncOS's tuple, Response: "('550', ['...'])", read as the reply "550 ...".
    "ironport-asyncos-bounce-log-bounced.txt": ["550 There is no such active account."],
    # A multi-line reply whose lines a paste put at the line start, read from the Diagnostic-Code on.
    "postfix-gmx-policy-unindented-dsn.txt": [
        "550-Requested action not taken: mailbox unavailable 550-Reject due to policy restrictions."
        " 550 For explanation visit"],
    # The Diagnostic-Code's first line only; the report's own paragraph has the whole reply, shown as
    # the paragraph writes it.
    "yandex-russian-bmail-bulk-spam.txt": [
        "551 5.9.9 Message you sent blocked by our bulk spam email filter. If you feel we mistreat you,"
        " do contact us: abuse@email.ru (in reply to end of DATA command)"],
    "postfix-seznam-czech-forward-spf.txt": [
        "550 5.7.1 Sender Policy Framework of `example.cz' domain denied your IP address."
        " (in reply to MAIL FROM command)"],
    # Postfix's "said: 550" then "#5.7.1 ..." at the start of the next line; the same reply for both
    # recipients, though the second's Diagnostic-Code is cut off ("smt") and the first's is not.
    "postfix-free-fr-hash-status-5-0-0.txt": [
        "550 #5.7.1 Your access to submit messages to this e-mail system has been rejected."
        " (in reply to RCPT TO command)"] * 2,
    # Exim's reply under "SMTP error from remote mail server after RCPT TO:<...>:", wrapped at the line start.
    "exim-spanish-outlook-unindented-spamhaus.txt": [
        "554 5.7.1 Service unavailable; Client host [198.51.100.13] blocked using zen.spamhaus.org;"
        " https://www.spamhaus.org/sbl/query/SBL383997"] * 3,
    # "said: 553", a blank line, then the reply's lines each after a blank line, to "(in reply to ... command)".
    "postfix-vodafone-doubled-lines-uceprotect.txt": [
        "553 Your IP is BLACKLISTED at UCEPROTECT-LEVEL 1 - See:"
        " [http://www.uceprotect.net/rblcheck.php?ipr=xxx.xxx.xxx.xxx](http://www.uceprotect.net/rblcheck.php?ipr=198.51.100.14)"
        " (in reply to RCPT TO command)"],
    "ironport-asyncos-bounce-log-delayed.txt": [
        "451 <user@example.net> Automated block triggered by suspicious activity from your IP address"
        " (10.1.1.1). Have your system administrator send e-mail to postmaster@example.net if you believe"
        " this block is in error"],
    # Each recipient's reply quotes Barracuda's verdict for both addresses: the reply is still the
    # whole line, not cut where the other recipient's address appears in it.
    "stalwart-barracuda-reputation-two-recipients.txt": [
        "550 (0.0.0) 'Service unavailable; Client host [smtp001.thundermail.com] blocked using Barracuda"
        " Reputation; http://www.barracudanetworks.com/reputation/?r=1&ip=5.60.96.9"
        " (other@example.com:blocked,someone@example.com:blocked)'"] * 2,
    # A stack trace's frames end the reply; Node's quotes and Python's tuple, b'...' and escaped "\n" are
    # the library's, not the server's; MailKit's "S: " marks too.
    "nodemailer-stack-trace-spamhaus.txt": [
        "550 5.7.1 Service unavailable; client [xx.xxx.xxx.xxx] blocked using zen.spamhaus.org"],
    "nodemailer-eenvelope-response-quoted.txt": ["550 5.7.1 Unable to relay for paris.team@example.com"],
    "django-smtplib-recipients-refused-dict.txt": [
        "550 5.1.1 <someone@example.fr>: Recipient address rejected: User unknown in local recipient table"],
    "smtplib-relay-access-denied-path-with-at.txt": ["550 relay access denied - please authenticate"],
    "smtplib-python27-path-mailbox-not-found.txt": ["550 Mailbox not found or access denied"],
    "django-gmail-553-escaped-newlines.txt": [
        "553 5.1.3 The recipient address <email> is not a valid RFC-5321 address. Learn 5.1.3 more at"
        " 5.1.3 https://support.google.com/mail/answer/6596 g1sm1186255pfu.73 - gsmtp"],
    "phpmailer-debug-relay-access-denied.txt": ["554 5.7.1 <foo@example.net>: Relay access denied"],
    "mailkit-protocol-log-server-marks.txt": [
        "550-Requested action not taken: mailbox unavailable 550 Failure sending mail. Try again later"],
    "openssl-s-client-data-then-550.txt": ["550 message rejected"],
    "swaks-rejected-after-rcpt.txt": ["554 rejecting"],
    "angus-mail-invalid-addresses-account-limits.txt": [
        "471 4.7.1 <valid@mail.example>: The limits for your account are exceeded. Please try again later."],
    "fluentsmtp-json-data-not-accepted.txt": [None],
    "smtplib-sender-refused-domain-required.txt": ["553 5.5.4 ... Domain name required for sender address jdoe"],
    "swiftmailer-5760-send-as-trace.txt": ["550 5.7.60 SMTP; Client does not have permissions to send as this sender"],
    "django-smtpdataerror-450-too-many-requests.txt": [
        "450 4.7.1 <END-OF-MESSAGE>: End-of-data rejected: Sorry, too many requests per time unit"],
    "telnet-dashes-send-as-denied.txt": ["550 5.7.1 Client does not have permissions to send as this sender"],
    # Monolog escaped Symfony's message twice ("Error Code: 550 \\r\\nMessage: ..."): the application's
    # "550" has no words; Symfony quotes the server's reply whole in 'with message "..."'.
    "symfony-mailer-json-log-envelope-sender.txt": ['550 "envelope sender not allowed xyz@example.com"'],
    # A web mail page's attachment size "(~448 o)" is no reply; Postfix quotes none.
    "roundcube-french-page-attachment-size.txt": [None],
    "postfix-strato-placeholder-underscore-domain.txt": [
        "550 5.1.2 No such mailbox [MSG0031] (in reply to RCPT TO command)"],
    "angus-mail-five-causes-pasted-together.txt": [
        "471 4.7.1 <valid@mail.example>: The limits for your account are exceeded. Please try again later.",
        "550 5.4.4 Unable to relay", "500 5.0.0 Syntax error, command unrecognized",
        "555-5.5.2 Syntax error, cannot decode response. For more information, go to 555-5.5.2"
        " https://support.google.com/a/answer/3221692 and review RFC 5321 555 5.5.2 specifications.",
        "554 5.7.1 Client host rejected: Access denied"],
    # maddy's JSON: "smtp_code": 556 with "smtp_msg": "...".
    "maddy-queue-log-null-mx.txt": ["556 Domain does not accept email (null MX)"],
    # eM Client's log quotes the server's refusal without its basic code, in a quote opening the line.
    "emclient-recipient-not-accepted-lookup-failure.txt": ["4.3.0 <user@sender.example>: Temporary lookup failure"],
    "opensmtpd-log-permfail-invalid-recipient.txt": ["550 Invalid recipient"],
    # The reply ends where the log's next entry ("    relay: TempFail ...") starts.
    "opensmtpd-log-tempfail-after-delivered.txt": ["451 Temporary failure"],
    "haraka-log-recipient-rejected-reply-names-another.txt": [
        "550 5.1.1 <testbadrcpt@remote.example>: Recipient address rejected: User unknown in relay recipient table"],
    "yahoo-sorry-550-colon-status.txt": ["550: 5.7.1 Service unavailable"],
    "postfix-mixi-japanese-question-unindented-said.txt": [
        "550 Requested action not taken: mailbox unavailable (in reply to RCPT TO command)"],
    # Postfix joined the reply's "550-" lines and wrapped them again: the indented lines below are its rest.
    # '... include the line "(reason: 554 ...)".': the note's quote, the period and sendmail's parenthesis go.
    "sendmail-reason-quoted-in-a-sentence.txt": [
        "554 READ THIS: : IMPORTANT ACTION REQUIRED: Delivery will ONLY occur if you click on this link"
        " https://mail2.example.net/cgi/user.cgi?cmd=r&f=11332596"],
    "postfix-html-export-mailto-links.txt": [
        "550 5.1.1 < Someone.Alias1@forwarder.example.org >: Recipient address rejected: User unknown in virtual"
        " alias table (in reply to RCPT TO command)"],
    "postfix-reply-rewrapped-sender-verify-failed.txt": [
        "550-Verification failed for <email address> 550-The mail server could not deliver mail to"
        " <email address>. The account or domain may not exist, they may be blacklisted, or missing the"
        " proper dns entries. 550 Sender verify failed (in reply to RCPT TO command)"],
    # A web mail's words around the server's: Roundcube's code in parentheses, the log's escaped "\\r\\n",
    # the PHP exception's file and line, Outlook Express's quotes.
    "roundcube-failed-to-add-recipient-blacklisted.txt": [
        "550 5.7.1 <webmail18.example.net[10.200.201.18]>: Client host rejected: Blacklisted user: indicates my email"
        " address"],
    "roundcube-failed-to-add-recipient-451.txt": ["451 Temporary local problem - please try later"],
    "rainloop-failed-to-add-recipient-domain-not-found.txt": [
        "450 4.1.2 <xxxx@example.gr>: Recipient address rejected: Domain not found"],
    # PEAR Mail's "(code: 550, response: ...)": the words end at the parenthesis that closes it, not at "]".
    "mediawiki-pear-mail-failed-to-add-recipient.txt": ["550 relay not permitted"],
    "rainloop-log-escaped-line-ends-access-denied.txt": [
        "554 5.7.1 <user2@example.com>: Recipient address rejected: Access denied"],
    "snappymail-log-second-recipient-domain-not-found.txt": [
        "450 4.1.2 <info@example-vaud.ch>: Recipient address rejected: Domain not found"],
    "snappymail-exception-use-submission.txt": ["501 5.1.8 Use Submission for outgoing SMTP (msg ID = aa4237d4)"],
    "outlook-express-0x800ccc79-not-a-gateway.txt": ["550 not local host example.net, not a gateway"],
    # A multi-line reply whose lines a log wrote each after the same stamp.
    "roundcube-smtp-log-multiline-reply.txt": [
        "550-Message rejected because [192.0.2.218]:10503 is blacklisted see Blocked - 550 Too many failed logins"],
    "outlook-express-0x800ccc78-sender-rejected-505.txt": ["505 Authentication required"],
    "roundcube-korean-failed-to-add-recipient.txt": [
        "550 5.1.1 <hong@example.com>: Recipient address rejected: User unknown in virtual mailbox table"],
    # Exchange's "{LED=...}" ends at its "};{": the console's other fields are no part of the reply.
    "exchange-tracking-log-fail-authrequired.txt": ["550 5.7.1 RESOLVER.RST.AuthRequired; authentication required"],
    "exchange-tracking-log-transport-rule-masked.txt": [
        "550 5.7.1 TRANSPORT.RULES.RejectMessage; the message was rejected by organization policy"],
    "exchange-tracking-log-sender-id-masked.txt": ["550 5.7.1 Sender ID (PRA) Not Permitted"],
    "exchange-online-trace-defer-spf-one-line.txt": [
        "451-4.7.23 Message deferred - unable to verify SPF policy for 451 4.7.23 example.com.au. IB305"
        " i{2b0c499b-c839-43d2-9c76-dda19649fe67}"],
    "exchange-online-trace-connection-refused-fields.txt": ["450 4.4.316 Connection refused"],
    "exchange-edge-queue-viewer-led-wrapped.txt": [
        "451 4-4.395 Target host responded with error. -> 454 4.7.0 Temporary authentication failure"],
    "exchange-tracking-log-gmail-5-7-26-wrapped.txt": [
        "550-5.7.26 Your email has been blocked because the sender is unauthenticated. 550-5.7.26 Gmail requires"
        " all senders to authenticate with either SPF or DKIM. 550-5.7.26 Authentication results: 550-5.7.26 DKIM"
        " = did not pass 550-5.7.26 SPF [] with ip: [my.exchange.server.ip] = did not pass 550-5.7.26 For"
        " instructions on setting up authentication, go to 550 5.7.26"
        " https://support.google.com/mail/answer/81126#authentication d9443c01a7336-22410ad7979si202153425ad.403"
        " - gsmtp"],
    "exchange-online-trace-tls-negotiation-failed.txt": [
        "450 4.4.317 Cannot connect to remote server [Message=451 4.4.0 TLS negotiation failed with error"
        " SocketError] [LastAttemptedServerName=xxx] [LastAttemptedIP=xxx] [SmtpSecurity=-2;-2]"
        " [DM6NAM12FT012.eop-nam12.prod.protection.outlook.com 2023-03-07T18:46:06.378Z 08DB1DF24DB12D84]"],
    "exchange-tracking-log-list-sender-messageid.txt": [
        "550 5.1.8 Access denied, bad outbound sender AS(42000001) [XX1PEPF00000000.eurprd02.prod.outlook.com]"],
    # The queue's LastError, blank lines between its lines (a page doubled the breaks), read to its close.
    "exchange-queue-lasterror-and-tracking-invalidtoken.txt": [
        "450 4.7.0 Proxy session setup failed on Frontend with '451 4.4.0 Primary target IP address responded"
        " with: \"451 4.4.0 Security status InvalidToken.\" Attempted failover to alternate host, but that did"
        " not succeed. Either there are no alternate hosts, or delivery failed to all alternate hosts. The last"
        " endpoint attempted was 2a0X:3cXX:XX2:XXX::XX00:25'"],
}


# The files that are delay warnings or deferrals, still being retried (README there: "delay warning"),
# and what each says of the retries; every other file is a bounce, or a one-off failure.
DELAYED = {
    "exim-delay-amavis-error-in-processing.txt": "Delivery attempts will continue for some time",
    "sendmail-delay-trend-rbl-url-equals.txt": "Will keep trying until message is 5 days old",
    "exim-delay-french-client-header.txt": "Delivery attempts will continue for some time",
    "exim-delay-reply-at-line-start.txt": "Delivery attempts will continue for some time",
    "exim-log-escaped-reply.txt": None,             # Exim's log: "defer (-44)"
    "firefox-relay-soft-bounce.txt": "We will try again on 20/09/2021 2:23 a.m..",
    "postfix-delay-temporary-lookup-failure.txt": "It will be retried until it is 5 day(s) old",
    "postqueue-two-deferred-entries.txt": None,     # a queue listing
    "postqueue-one-deferred-entry.txt": None,       # one entry of it, without the listing's heading
    "postqueue-json-lines-mixed-reasons.txt": None,  # postqueue -j: "queue_name": "deferred" / "active"
    "sendmail-mailq-deferred-and-read-error.txt": None,  # Sendmail's mailq: "-----Q-ID----- --Size--"
    "exim-mailq-one-delivered-one-waiting.txt": None,  # Exim's mailq: "2h  52K 12EwGE-0005jD-00 <sender>"
    "sparkpost-event-delay-no-mx.txt": None,       # SparkPost's "type": "delay"
    "exchange-online-trace-detail-v2-defer-sender-address.txt": None,  # "Event : Defer"
    "exim-debug-host-lookup-did-not-complete.txt": None,  # Exim's log: "defer (-1)"
    "sendmail-log-deferred-concurrent-connections.txt": None,  # sendmail's log: "stat=Deferred"
    "sendmail-sender-domain.txt": "Will keep trying until message is 1 week old",
    "exchange-delay-dutch-forward-wrapped.txt":
        "The server will keep trying to deliver this message for the next 1 days, 19 hours and 57 minutes",
    "cpanel-deferred-max-emails-per-hour.txt": "Message will be reattempted later",
    "mailgun-event-temporary-failed.txt": "retry-seconds: 600",
    "ses-event-delivery-delay.txt": "expirationTime: 2020-06-16T00:25:40.914Z",
    "sendgrid-event-deferred.txt": None,           # "event": "deferred", "attempt": "5"
    "mailgun-events-temporary-no-mx.txt": "retry-seconds: 900",
    "gmail-japanese-delay-over-quota.txt": "Gmail は 47 時間再試行し、配信できなかった場合はお知らせします",
    "postfix-delay-suspended-timed-out.txt": "Will-Retry-Until: Sat, 15 Feb 2020 20:34:42 +0000 (UTC)",
    "postal-temporary-smtp-delivery-error.txt": None,
    "exchange-delay-returned-subject.txt":
        "The server will keep trying to deliver this message for the next 1 days, 19 hours and 56 minutes",
    "zonemta-log-deferred-gmail-id.txt": None,     # ZoneMTA's log: "DEFERRED[other]"
    "ironport-asyncos-bounce-log-delayed.txt": None,  # AsyncOS's bounce log: "Info: Delayed:"
    "opensmtpd-log-tempfail-after-delivered.txt": None,  # OpenSMTPD's log: "relay: TempFail"
    "mandrill-event-deferral-relay-denied.txt": None,  # Mandrill's "event": "deferral"
    "resend-event-delivery-delayed.txt": None,     # Resend's "type": "email.delivery_delayed"
    "postal-event-message-delayed.txt": None,      # Postal's "event": "MessageDelayed"
    # Brevo's "deferred" is its word for a delivery delayed by the receiving server (its event names), even
    # with a 5xx reply; the outcome is a later event.  ZoneMTA's and sendmail's deferrals read the same way.
    "brevo-event-deferred-550-user-unknown.txt": None,
    "exchange-online-trace-defer-spf-one-line.txt": None,  # Exchange Online's trace: "Defer:Reason: [{LED=..."
    "exchange-queue-lasterror-and-tracking-invalidtoken.txt": None,  # Exchange's queue: "LastError : [{LRT=..."
    "exchange-edge-queue-viewer-led-wrapped.txt": None,  # "Queue viewer shows error:" and a 4xx "{LED=451 ..."
    "postfix-log-gmail-4-7-28-unsolicited-rate-limited.txt": None,  # Postfix's log: "status=deferred"
}


# Tables of events whose rows differ: one recipient's message is still being retried (the tracking log's
# DEFER, the message trace's Pending), the other's failed; each recipient is read with its own row (before:
# both failed).
PARTLY_DELAYED = {
    "exchange-tracking-log-table-fail-and-defer.txt": [["user@partner.example", False], ["info@partner-b.example", True]],
    "exchange-online-messagetracev2-table-pending.txt": [["user@partner.example", True], ["info@partner-b.example", False]],
    "exchange-tracking-log-csv-fail-and-defer.txt": [["user@partner.example", False], ["info@partner-b.example", True]],
    "exchange-online-extended-trace-csv-quoted-reply.txt": [["user@partner.example", False],
                                                            ["info@partner-b.example", True]],
}


@pytest.mark.parametrize("name", sorted(PARTLY_DELAYED))
def test_each_row_of_a_table_of_events_says_whether_its_recipient_is_still_retried(browser, name):
    text = (DATA / name).read_text(encoding="utf-8")
    assert verdicts_in_python_and_on_the_page(browser, text, "recipient delayed") == PARTLY_DELAYED[name]


def test_every_file_is_checked():
    assert sorted(path.name for path in DATA.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_python_finds_the_recipients_and_their_reasons(name):
    text = (DATA / name).read_text(encoding="utf-8")
    assert [(verdict.recipient, verdict.reason) for verdict in classify(text)] == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(REPLIES))
def test_python_shows_each_recipient_its_own_reply(name):
    text = (DATA / name).read_text(encoding="utf-8")
    assert [verdict.reply for verdict in classify(text)] == REPLIES[name]


@pytest.mark.parametrize("name", ["sendgrid-event-smtp-id.txt", "exim-log-escaped-reply.txt",
                                  "ruby-smtp-server-busy-unable-to-verify.txt"])
def test_a_one_line_paste_names_whom_its_reason_is_about(name):
    # One line (an ESP's event, a log line) is read as a query, yet says whom it is about.
    text = (DATA / name).read_text(encoding="utf-8")
    assert text.strip().count("\n") == 0
    failed = [(verdict.recipient, verdict.reply) for match in lookup(text) for verdict in match.failed]
    assert failed == [(verdict.recipient, verdict.reply) for verdict in classify(text)]
    assert [recipient for recipient, _ in failed] == [r for r, _ in EXPECTED[name]]


def test_a_delay_warning_is_told_from_a_bounce_in_python_and_on_the_page(browser):
    names = sorted(DATA.glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in names]
    python = {path.name: {(v.delayed, v.retry) for v in classify(text)} for path, text in zip(names, texts)}
    assert python == {path.name: {(True, DELAYED[path.name])} if path.name in DELAYED else
                      {(delayed, None) for _, delayed in PARTLY_DELAYED[path.name]} if path.name in PARTLY_DELAYED else
                      {(False, None)} for path in names}
    with engine_page(browser) as page:
        javascript = page.evaluate(
            "texts => texts.map(t => engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => [v.delayed, v.retry]))",
            texts)
    assert {path.name: {tuple(pair) for pair in pairs} for path, pairs in zip(names, javascript)} == python


@pytest.mark.parametrize("name, codes", [
    ("exim-indented-recipient.txt", ["5.1.1"]),
    ("postfix-recipient-first.txt", ["5.1.1", "5.4.1"]),
    ("exchange-dsn-fields-first.txt", ["5.4.317"]),
    # Its delivery-status part lost the blank line after its Content-Type: the fields are still read.
    ("exim-raw-message-header-folding-lost.txt", ["5.0.0"]),
])
def test_the_codes_of_a_report_pasted_without_headers_come_in_its_order(name, codes):
    assert extract_codes((DATA / name).read_text(encoding="utf-8")) == codes


def test_the_lookup_page_reads_them_alike(browser):
    names = sorted(EXPECTED)
    texts = [(DATA / name).read_text(encoding="utf-8") for name in names]
    with engine_page(browser) as page:
        javascript = page.evaluate(
            "texts => texts.map(t => engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => [v.recipient, v.reason]))",
            texts)
    assert dict(zip(names, javascript)) == {name: [list(pair) for pair in EXPECTED[name]] for name in names}


def test_the_lookup_page_shows_the_same_recipients_and_replies(browser):
    names = sorted(REPLIES)
    texts = [(DATA / name).read_text(encoding="utf-8") for name in names]
    with engine_page(browser) as page:
        javascript = page.evaluate(
            "texts => texts.map(t => engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => [v.recipient, v.reply]))",
            texts)
    python = {name: [[verdict.recipient, verdict.reply] for verdict in classify(text)] for name, text in zip(names, texts)}
    assert dict(zip(names, javascript)) == python
    assert {name: [reply for _, reply in pairs] for name, pairs in python.items()} == REPLIES


def test_the_returned_messages_subject_decides_nothing(browser):
    # Exchange quotes the returned message's subject ("Subject: ... Duty Deferred Direct Debit ..."):
    # the sender's words, not the failure's; the status 4.4.7 decides, in Python and on the page.
    text = (DATA / "exchange-delay-returned-subject.txt").read_text(encoding="utf-8")
    python = [[verdict.reason, verdict.evidence] for verdict in classify(text)]
    with engine_page(browser) as page:
        javascript = page.evaluate(
            "t => engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => [v.reason, v.evidence])", text)
    assert python == javascript == [["expired", 'status "4.4.7"']]


def test_the_original_after_original_mail_as_follows_is_left_out(browser):
    # fml's loop alert quotes the returned message, indented, after "Original mail as follows:":
    # its addresses and its Message-ID are not failed recipients.
    text = (bench.HELD_OUT / "lhost-fml-03.eml").read_text(encoding="utf-8", errors="replace")
    python = [verdict.recipient for verdict in classify(text)]
    with engine_page(browser) as page:
        javascript = page.evaluate(
            "t => engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => v.recipient)", text)
    assert python == javascript == ["neko@example.co.jp"]


OUTLOOK_THREAD_IN_RETURNED = """From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
To: sender@example.net
Subject: Undelivered Mail Returned to Sender
Content-Type: text/plain

This is the mail system at host mx.example.net.

<neko@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1
    <neko@example.org>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)

--- Below this line is a copy of the message.

From: Sender <sender@example.net>
To: neko@example.org
Subject: Re: meeting

Sure, see you then.

________________________________
From: Other Person <other@example.com>
Sent: Monday, 3 December 2018 10:00
To: Sender <sender@example.net>; third@example.com
Subject: meeting

Can we meet? The last one failed with 554 5.7.1 Message rejected as spam.
"""


def test_outlooks_rule_inside_the_returned_message_forwards_nothing(browser):
    # The returned message quotes its thread's earlier message under Outlook's rule of underscores:
    # that message's words ("rejected as spam") are the sender's thread, not the report's.
    assert verdicts_in_python_and_on_the_page(browser, OUTLOOK_THREAD_IN_RETURNED, "recipient reason") == [
        ["neko@example.org", "userunknown"]]


# Postfix's report pasted with every line break doubled, wrapped after "said: 550": the reply's
# second line starts with its status code.
DOUBLED_AFTER_THE_CODE = """This is the mail system at host smtp.example.net.

I'm sorry to have to inform you that your message could not

be delivered to one or more recipients. It's attached below.

<someone@example.de>: host mx00.example-long-hostname.example.de[192.0.2.10] said: 550

5.1.1 <someone@example.de>: Recipient address rejected: User unknown in

virtual mailbox table (in reply to RCPT TO command)
"""


def test_a_doubled_reply_wrapped_before_its_status_code_is_read_whole(browser):
    assert verdicts_in_python_and_on_the_page(browser, DOUBLED_AFTER_THE_CODE, "recipient reply") == [[
        "someone@example.de", "550 5.1.1 <someone@example.de>: Recipient address rejected: User unknown in"
        " virtual mailbox table (in reply to RCPT TO command)"]]


@pytest.mark.parametrize("note", [
    'I keep getting "(reason: 550 5.1.1 <kim@example.org>... User unknown)". What does it mean?',
    'The bounce says "(reason: 550 5.1.1 <kim@example.org>... User unknown)" and nothing else.',
    "The bounce says (reason: 550 5.1.1 <kim@example.org>... User unknown). Any idea?",
])
def test_sendmails_reason_ends_at_its_parenthesis_whatever_follows_it(browser, note):
    # Only a note's '...)".' at the line's end went: other words after sendmail's ")" were shown as the server's.
    assert verdicts_in_python_and_on_the_page(browser, note, "recipient reason reply") == [
        ["kim@example.org", "userunknown", "550 5.1.1 <kim@example.org>... User unknown"]]


def test_a_code_after_a_words_last_letter_a_is_a_reply_on_the_page_too(browser):
    # "with a 554 error" is a note's words; the "a" that ends "ça" is no article: the reply is read,
    # in Python (Unicode word boundaries) and on the page alike.
    text = "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered\n\n<a@example.org>: refusé, ça 550 user unknown\n"
    assert verdicts_in_python_and_on_the_page(browser, text, "recipient reply") == [["a@example.org", "550 user unknown"]]


def test_the_sender_address_in_exchange_onlines_details_is_not_a_recipient(browser):
    # An Exchange Online NDR as Outlook shows it (its text part, pasted): "Original Message
    # Details" names the "Sender Address:" beside the "Recipient Address:".
    raw = (SHARED / "rhost-microsoft-03.eml").read_bytes()
    text = next(part.get_payload(decode=True).decode("utf-8") for part in email.message_from_bytes(raw).walk()
                if part.get_content_type() == "text/plain")
    python = [[verdict.recipient, verdict.reason] for verdict in classify(text)]
    with engine_page(browser) as page:
        javascript = page.evaluate(
            "t => engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => [v.recipient, v.reason])", text)
    assert python == javascript == [["kijitora@example.com", "userunknown"]]


def test_a_contact_is_no_recipient_unless_the_report_could_not_send_to_it():
    # "unable to send email to a@b" names the failed recipient; "do not send mail to a@b" names no one who failed.
    unable = classify("From: relay@example.org\n\nWe could not send email to friend@example.net. Sorry.\n")
    assert [verdict.recipient for verdict in unable] == ["friend@example.net"]
    contact = classify("From: mailer-daemon@example.org\n\nYour message was returned. Please do not send mail"
                       " to postmaster@example.org about this.\n")
    assert [verdict.recipient for verdict in contact] == [None]


def test_a_reply_giving_excessive_bounces_as_its_reason_is_no_list_notice(browser):
    # A server refusing a sender "due to excessive bounces" fails its recipient; only a list manager's
    # "has been disabled due to excessive bounces" is about the member the notice is sent to.
    text = ("From: MAILER-DAEMON@mx.example.net\nTo: sender@example.com\n\n"
            "<friend@example.org>: host mx.example.org[192.0.2.1] said: 550 5.7.1\n"
            "    Sender blocked due to excessive bounces (in reply to RCPT TO command)\n")
    assert [row[0] for row in verdicts_in_python_and_on_the_page(browser, text, "recipient")] == ["friend@example.org"]


def test_mailmans_uncaught_bounce_notice_is_answered_by_the_bounce_it_attaches(browser):
    # As Mailman sends it: its text part, then the bounce it could not read as a message/rfc822 part
    # (one without delivery-status fields, which an embedded message needs to be read otherwise).
    text = ("From: users-bounces@lists.example.org\nTo: users-owner@lists.example.org\n"
            "Subject: Uncaught bounce notification\nMIME-Version: 1.0\n"
            'Content-Type: multipart/mixed; boundary="===1=="\n\n'
            "--===1==\nContent-Type: text/plain; charset=us-ascii\n\n"
            "The attached message was received as a bounce, but either the bounce format\n"
            "was not recognized, or no member addresses could be extracted from it.\n\n"
            "--===1==\nContent-Type: message/rfc822\n\n"
            "Return-Path: <>\nFrom: MAILER-DAEMON@mx.example.net\nTo: users-bounces@lists.example.org\n"
            "Subject: failure notice\n\n"
            "<reader@example.net>:\nRemote host said: 552 5.2.2 Mailbox full\n\n--===1==--\n")
    assert verdicts_in_python_and_on_the_page(browser, text, "recipient reason") == [["reader@example.net", "mailboxfull"]]


def test_a_returned_original_quoting_a_list_notice_is_read_as_no_bounce(browser):
    # The reader's own message, returned under an ordinary bounce, may quote a list's notice and the
    # bounce it carried: only the report's words say a bounce is carried (issue #15 item 5).
    text = ("From: MAILER-DAEMON@mx.example.net\nTo: sender@example.com\nSubject: failure notice\n\n"
            "<friend@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 User unknown\n\n"
            "Return-Path: <sender@example.com>\nReceived: from client by mx.example.net\n"
            "From: sender@example.com\nSubject: fwd: ezmlm warning\n\n"
            "I've attached a copy of the first bounce message I received.\n\n"
            "Return-Path: <>\nFrom: MAILER-DAEMON@lists.example.org\n\n"
            "<member@example.com>:\nRemote host said: 552 5.2.2 Mailbox full\n")
    assert verdicts_in_python_and_on_the_page(browser, text, "recipient reason") == [["friend@example.org", "userunknown"]]


def test_a_contact_named_before_korean_or_japanese_words_for_ask_is_no_recipient():
    # Korean and Japanese put "ask ... for help" after the address: "a@b 으로 문의해 주시기 바랍니다",
    # "a@b までお問い合わせください"; the failed address stays the one recipient.
    for ask in ("\n  help@example.org\n  으로 문의해 주시기 바랍니다.\n", "\nhelp@example.org までお問い合わせください。\n"):
        text = "From: mailer-daemon@example.org\n\nsomeone@example.net\n받는 사람의 메일함 용량이 가득 찼습니다.\n" + ask
        assert [(verdict.recipient, verdict.reason) for verdict in classify(text)] == [("someone@example.net", "mailboxfull")]


# A recipient's status is a failure's: not a version in a stack trace's file path ("python2.7.3"), nor a
# transcript's success ("250 2.1.0 Ok", "235 2.0.0 Authentication succeeded") before the failing reply.
STATUSES = {
    "smtplib-python27-path-mailbox-not-found.txt": [None],
    "phpmailer-debug-relay-access-denied.txt": ["5.7.1"],
    "openssl-s-client-data-then-550.txt": [None],
    "django-smtplib-recipients-refused-dict.txt": ["5.1.1"],
}


def test_a_recipients_status_is_its_failures_in_python_and_on_the_page(browser):
    names = sorted(STATUSES)
    texts = [(DATA / name).read_text(encoding="utf-8") for name in names]
    assert {name: [verdict.status for verdict in classify(text)] for name, text in zip(names, texts)} == STATUSES
    with engine_page(browser) as page:
        javascript = page.evaluate(
            "texts => texts.map(t => engine.classify(t, MFKB.lookupEngine.prepareBounce).map(v => v.status))", texts)
    assert dict(zip(names, javascript)) == STATUSES


# A poster's "I sent an email to a@b" names the failed recipient only when its sentence tells of the
# failure; written to support about it, the address is nobody's failure (review17).
POSTER_WROTE_TO = [
    ("Got this back from my server:\n550 5.7.1 Service unavailable; client host blocked using Spamhaus\n"
     "I sent an email to support@provider.example about it but they never answered.", [[None, "blocked"]]),
    ("My message came back with 550 5.1.1 User unknown. I sent an email to support@provider.example about it.",
     [[None, "userunknown"]]),
    ("I sent an email to friend@example.net and it came back with 550 5.1.1 User unknown. "
     "I sent an email to support@provider.example about it.", [["friend@example.net", "userunknown"]]),
    ("When I sent an email to friend@example.net, I received SMTP response is: 550 5.1.1 User unknown",
     [["friend@example.net", "userunknown"]]),
]


@pytest.mark.parametrize("text, verdicts", POSTER_WROTE_TO)
def test_whom_a_poster_wrote_to_about_it_is_no_failed_recipient(browser, text, verdicts):
    assert verdicts_in_python_and_on_the_page(browser, text, "recipient reason") == verdicts


# A Korean ending glued to the English word that tells of the failure ("550에러", "NDR이"): the page's \b
# knows ASCII only and took the poster's address as the failed one; Python's took the Korean letters for
# a word's and named the poster's own address instead.  Both read \b as the page does now.
KOREAN_GLUED_FAILURE = [
    "I sent an email to friend@example.net and got 550에러.\nMy own address is me@example.org.\n\n"
    "550 5.1.1 User unknown",
    "I sent an email to friend@example.net, NDR이 왔습니다.\nMy own address is me@example.org.\n\n"
    "550 5.1.1 User unknown",
]


@pytest.mark.parametrize("text", KOREAN_GLUED_FAILURE)
def test_a_failure_word_with_a_korean_ending_glued_on_names_the_recipient_alike(browser, text):
    assert verdicts_in_python_and_on_the_page(browser, text, "recipient reason") == [
        ["friend@example.net", "userunknown"]]


def test_an_address_with_the_kelvin_sign_is_read_alike_in_python_and_on_the_page(browser):
    # Python's case-insensitive [A-Za-z] took U+212A for "k" (and named kyle@example.net, an address the
    # paste does not hold); the page's JavaScript does not: neither names a member now.
    notice = ("Subject: Your membership in the mailing list Example has been disabled\n\n"
              "Your membership in the mailing list Example has been disabled due to excessive bounces\n"
              "Member: \u212ayle@example.net\n")
    assert verdicts_in_python_and_on_the_page(browser, notice, "recipient reason") == [[None, "suppressed"]]


# Postmark's bounce types are its own classification (https://postmarkapp.com/developer/api/bounce-api#bounce-types):
# with no server reply in "Details", the type alone says what happened.
POSTMARK_EVENT = ('{"RecordType":"Bounce","ID":42,"Type":"%s","TypeCode":%d,"Name":"%s","MessageStream":"outbound",'
                  '"Description":"%s","Details":"","Email":"reader@recipient.example","From":"news@sender.example",'
                  '"BouncedAt":"2026-11-30T06:12:41Z","Inactive":true,"CanActivate":true,"Subject":"Test subject"}')
POSTMARK_TYPES = [
    (("SpamComplaint", 100001, "Spam complaint", "The subscriber explicitly marked this email as spam."),
     [[None, "feedback"]]),
    (("AutoResponder", 64, "Auto responder", "Automatic email responder (ex: Out of Office or On Vacation)."),
     [[None, "vacation"]]),
]


@pytest.mark.parametrize("fields, verdicts", POSTMARK_TYPES)
def test_postmarks_bounce_type_says_what_happened_in_python_and_on_the_page(browser, fields, verdicts):
    assert verdicts_in_python_and_on_the_page(browser, POSTMARK_EVENT % fields, "recipient reason") == verdicts


# An ESP's own classification, when the reply it quotes says nothing more: SparkPost's bounce_class
# (https://support.sparkpost.com/docs/deliverability/bounce-classification-codes), Amazon SES's delayType
# (https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html) and bounceSubType
# (https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html#bounce-types).
SPARKPOST_EVENT = ('{"msys":{"message_event":{"type":"bounce","bounce_class":"%s","error_code":"554",'
                   '"raw_reason":"554 5.0.0 Message not accepted","rcpt_to":"reader@recipient.example",'
                   '"friendly_from":"news@sender.example","timestamp":"1764480000"}}}')
SES_BOUNCE_EVENT = ('{"notificationType":"Bounce","bounce":{"bounceType":"Transient","bounceSubType":"%s",'
                    '"bouncedRecipients":[{"emailAddress":"reader@recipient.example"}],"timestamp":"2026-11-30T06:12:41.000Z",'
                    '"feedbackId":"0100019a-example"},"mail":{"source":"news@sender.example","destination":'
                    '["reader@recipient.example"]}}')
SES_DELAY_EVENT = ('{"eventType":"DeliveryDelay","mail":{"source":"news@sender.example","destination":'
                   '["reader@recipient.example"]},"deliveryDelay":{"delayType":"%s","expirationTime":'
                   '"2026-11-30T20:12:40.000Z","delayedRecipients":[{"emailAddress":"reader@recipient.example"}]}}')
VENDOR_CLASSES = [
    (SPARKPOST_EVENT % "22", "mailboxfull"),    # Mailbox Full
    (SPARKPOST_EVENT % "50", "blocked"),        # Mail Block
    (SPARKPOST_EVENT % "52", "spamdetected"),   # Spam Content
    (SPARKPOST_EVENT % "25", "policyviolation"),  # Admin Failure: SparkPost's configured policies
    (SPARKPOST_EVENT % "53", "policyviolation"),  # Prohibited Attachment
    (SPARKPOST_EVENT % "54", "norelaying"),     # Relaying Denied
    (SES_BOUNCE_EVENT % "ContentRejected", "contenterror"),
    (SES_BOUNCE_EVENT % "AttachmentRejected", "policyviolation"),
    (SES_DELAY_EVENT % "MailboxFull", "mailboxfull"),
    (SES_DELAY_EVENT % "IPFailure", "blocked"),
    (SES_DELAY_EVENT % "TransientCommunicationFailure", "networkerror"),
    (SES_DELAY_EVENT % "RecipientServerError", "systemerror"),
]


@pytest.mark.parametrize("text, reason", VENDOR_CLASSES)
def test_an_esps_own_class_gives_the_reason_when_the_reply_says_nothing_more(browser, text, reason):
    assert verdicts_in_python_and_on_the_page(browser, text, "recipient reason") == [["reader@recipient.example", reason]]

# A forwarded or quoted message's header lines in the reader's language (Outlook's, Gmail's templates:
# "-----Original Message-----" or "---------- Forwarded message ---------" over them, or the lines
# alone as a web mail shows them) are read as English From:/To:/Subject: are: the reader to whom the
# bounce came is no failed recipient.
GOOGLE_GROUPS_REFUSAL = (
    "We're writing to let you know that the group you tried to contact (example-group) may not exist, or you\n"
    "may not have permission to post messages to the group. A few more details on why you weren't able to post:\n\n"
    " * You might have spelled or formatted the group name incorrectly.\n"
    " * This group may not be open to posting.\n")
HEADER_NAMES = {
    "de": ("Von", "Gesendet", "An", "Betreff"),
    "fr": ("De ", "Envoyé ", "À ", "Objet "),
    "es": ("De", "Enviado el", "Para", "Asunto"),
    "pl": ("Od", "Wysłano", "Do", "Temat"),
    "ko": ("보낸 사람", "보낸 날짜", "받는 사람", "제목"),
    "ja": ("差出人", "送信日時", "宛先", "件名"),
}
FORWARDING_LINES = ("-----Original Message-----\n", "---------- Forwarded message ---------\n", "")


@pytest.mark.parametrize("language", sorted(HEADER_NAMES))
def test_a_forwarded_bounces_header_names_in_the_readers_language_name_no_recipient(browser, language):
    sender, sent, to, subject = HEADER_NAMES[language]
    texts = [f"It came back again.\n\n{line}{sender}: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
             f"{sent}: 2024-07-19 16:34\n{to}: Reader <reader@example.org>\n"
             f"{subject}: Delivery Status Notification (Failure)\n\n{GOOGLE_GROUPS_REFUSAL}"
             for line in FORWARDING_LINES]
    for text in texts:
        assert verdicts_in_python_and_on_the_page(browser, text, "recipient reason") == [[None, "rejected"]]



def test_a_sparkpost_batch_with_an_auto_reply_still_reads_its_bounces(browser):
    """SparkPost posts its events in batches (a JSON array): an auto-reply event (bounce class 60) beside a
    hard bounce makes the bounce no less a failure. Only a text with no bounce in it reads as a vacation
    reply (before: the whole batch did, and the recipient who failed was lost)."""
    auto_reply = json.loads((DATA / "sparkpost-event-out-of-band-auto-reply.txt").read_text(encoding="utf-8"))[0]
    bounce = json.loads(json.dumps(auto_reply))
    bounce["msys"]["message_event"].update(
        type="bounce", bounce_class="10", rcpt_to="gone@recipient.example", raw_rcpt_to="gone@recipient.example",
        reason="550 5.1.1 <gone@recipient.example>: Recipient address rejected: User unknown in virtual mailbox table",
        raw_reason="550 5.1.1 <gone@recipient.example>: Recipient address rejected: User unknown in virtual mailbox table")
    for batch in ([auto_reply, bounce], [bounce, auto_reply]):
        verdicts = verdicts_in_python_and_on_the_page(browser, json.dumps(batch, indent=2), "recipient reason")
        # (The auto-reply's recipient is still listed, onhold, from its own event: its type is no delivery's.)
        assert ["gone@recipient.example", "userunknown"] in verdicts


# Postfix quotes a local part that needs it, in its report's recipient lines and in the reply it quotes
# (RFC 5321's Quoted-string: a space, an "@" inside the quotes); "(expanded from <...>)" names the alias.
POSTFIX_QUOTED_LOCAL_PARTS = """This is the mail system at host mx.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<"john doe"@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1
    <"john doe"@example.com>: Recipient address rejected: User unknown in
    virtual mailbox table (in reply to RCPT TO command)

<"user.name@example.de"@forward.example> (expanded from <user.name@example.de>):
    host mx.forward.example[192.0.2.2] said: 552 5.2.2 Mailbox full (in reply
    to RCPT TO command)
"""


def test_a_quoted_local_part_is_read_as_the_address_in_python_and_on_the_page(browser):
    assert verdicts_in_python_and_on_the_page(browser, POSTFIX_QUOTED_LOCAL_PARTS, "recipient reason") == [
        ['"john doe"@example.com', "userunknown"], ['"user.name@example.de"@forward.example', "mailboxfull"]]

