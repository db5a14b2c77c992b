"""Which addresses a report names as its failed recipients, when it has no
per-recipient delivery-status fields: an X-Failed-Recipients header, an ESP's
JSON members, the members a mailing list's notice of their bounces is about
(list_notice), the addresses that start lines of the prose, or failing that
every address it names, minus the bounce's own From/To, the sender of a
transcript or log, the sender's and the message ids' columns of a table of
events (table_rows), the recipients a transcript's server accepted while it refused
another (transcript), the contacts it gives ("please contact <...>"), message ids
and a stack frame's arguments.
"""
from __future__ import annotations

import bisect
import re

from generator.bounces.address import ADDRESS, ADDRESS_RE
from generator.bounces.ascii_words import ascii_compile
from generator.bounces.list_notice import list_notice_members
from generator.bounces.queue_listing import on_queue_line
from generator.bounces.pasted_headers import pasted_header_addresses
from generator.bounces.report import Report
from generator.bounces.table_rows import table_senders
from generator.bounces.transcript import accepted_recipients

# An address that a line starts with (after indentation, "<", "*", ">>>",
# quotes, Markdown's "`"): how reports list the recipients they are about.  Addresses inside
# sentences are more often contacts ("please contact <support@...>").
# The marks before it are taken whole (a lookahead's group, matched again: an atomic group
# that JavaScript also has): given back one by one to "\**" or to the local part, a line of
# "*" or "-" took time in the square of its length.
LINE_ADDRESS_RE = re.compile(r"^(?=([ \t>*\"'`-]*))\1<?\**(" + ADDRESS + ")", re.MULTILINE)
# "a@b, c@d": the addresses that continue a line-start address's list.
LIST_NEXT_RE = re.compile(r">?[ \t]*[,;][ \t]*<?(" + ADDRESS + ")")
# "MAIL FROM:<sender@...>" in a transcript, "from=<sender@...>" in Postfix's log,
# "Domain of sender address sender@... does not resolve" in a reply, "Sender
# Address: sender@..." in Exchange Online's "Original Message Details" (the value
# on the next line when its table is copied): the sender, not a recipient.
# In an ESP's notification JSON, "source": "a@b" (Amazon SES) and "from": "Name <a@b>"
# (Resend's event, whose failed recipients are its "to") name the sender; so
# does "envelope sender not allowed a@b" (Symfony Mailer's quote of a refusal), and
# a greylisting reply's "not yet authorized to deliver mail from <a@b> to <c@d>"
# (Exim's log writes the reply's line breaks as "\n": "mail from\n451-<a@b>"); so do the
# "Sender" and "ReturnPath" of Exchange's tracking log as PowerShell lists it ("Sender : a@b"), and the
# "SenderAddress" of Exchange Online's message trace (Get-MessageTraceDetailV2 | Format-List).
SENDER_BEFORE_RE = ascii_compile(r"(?:FROM:|\bfrom=|sender address:?|\b(?:sender(?:address)?|return-?path)[ \t]*:|sender not allowed:?|\"(?:source|from)\"\s*:\s*\"(?:[^\"<\n]{0,40}<)?|\bmail from(?:\\n[245][0-9][0-9]-)?)\s*<?(?![\s\S])",
                                 re.IGNORECASE)
SENDER_LOOKBEHIND = 64
# "please contact <postmaster@...>", "send mail to help@...", "forward this message to
# delist@...", "report details to abuse@..." (Mail.ru), "You must register your IP to spammaster@..."
# (hanafos, a Korean provider), "Please reply to Postmaster@... if you feel this message to be in
# error" (DTI, a Japanese provider): a contact the report names, not a recipient.
CONTACT_BEFORE_RE = ascii_compile(r"(?:\bcontact|(?<!unable to )(?<!failed to )(?<!could not )(?<!couldn't )(?<!cannot )(?<!can't )(?<!not able to )\bsend (?:an? )?(?:e-?)?mail to|\bwrite to|\bforward this (?:message|e-?mail) to|\breport (?:(?:the )?details |it |this )?to|\bregister your IP to|\bplease reply to)[ \t:]*<?(?![\s\S])",
                                  re.IGNORECASE)
CONTACT_LOOKBEHIND = 32
# Korean and Japanese put the verb after the address: "help@... 으로 문의해 주시기 바랍니다"
# (Dooray!), "support@... までお問い合わせください" ("ask ... for help"), "Postmaster@...まで返信を
# お願いします" ("please reply to ...", DTI).
CONTACT_AFTER_RE = re.compile(r"[>)\s]*(?:으?로 문의|まで(?:お問い?合わせ|ご連絡|返信))")
# Postfix's log: "orig_to=<a@b>" is the address as first written, beside the "to=<...>"
# that failed, as is its report's "<a@b> (expanded from <c@d>)" (an alias; a paste may wrap
# the line there); "message-id=<...>" (ZoneMTA's "id=<...>"), a JSON event's "message_id": "..."
# (Postal; Brevo's "message-id", SES's "messageId") is the message's id, not an address; so are
# Exchange's tracking log's "MessageId : <...>" and "Reference : {<...>}" (PowerShell pads the names),
# and the id a "250 2.6.0 <...> Queued mail for delivery" names.
NOT_RECIPIENT_BEFORE_RE = ascii_compile(r"(?:\borig_to=|\bmessage-?id[ \t]*[=:][ \t]*|\breference[ \t]*:[ \t]*\{?|\b2\.6\.0[ \t]+|\bid=|\"message[-_]?id\"\s*:\s*\"|\(expanded from:?\s*)<?(?![\s\S])",
                                        re.IGNORECASE)
NOT_RECIPIENT_LOOKBEHIND = 40
# A stack trace's frame names the arguments of a call (SwiftMailer's "at Swift_Transport->
# _doMailTransaction(object(Swift_Message), 'a@b', array('c@d'))", PHP's "#0 /path(341): f('a@b')"):
# the sender and every addressee, not the failed ones.
# Found in the whole text at once, each frame's line by its start: seeking the start of an address's
# line, for each address, took time in the square of a long line's length.
STACK_FRAME_LINE_RE = re.compile(r"(?<![^\n])[ \t]*(?:at |#[0-9]+ )[^\n(]*\(")
# "<sender@...> sender rejected", "<sender@...>... Sender ok": a reply about the sender.
SENDER_AFTER_RE = ascii_compile(r">?[ \t]*(?:\.{3}[ \t]*)?sender\b", re.IGNORECASE)
# The bounce's own sender ("sent by MAILER-DAEMON@host" in a paste, its From line
# copied from a web mail; Exchange Online's MicrosoftExchange<32 hex digits>@tenant):
# never a failed recipient.
BOUNCE_SENDER_RE = re.compile(r"mailer-daemon@|microsoftexchange[0-9a-f]{32}@", re.IGNORECASE)
# "Your message wasn't delivered to a@b", "Your message to a@b couldn't be delivered",
# "a temporary problem delivering your message to a@b", Exim's "The address to which
# the message has not yet been delivered is: a@b", eM Client's "Recipient address 'a@b'
# not accepted due to the following reason: ...", Haraka's log "recipient <a@b> rejected:
# 550 5.1.1 <c@d>: ...": the report naming its recipient in a sentence, where a note pasted
# around it, or the reply, may name other addresses.
FAILED_BEFORE_RE = ascii_compile(
    r"(?:(?:wasn[’']t|was not|couldn[’']t be|could not be) delivered to|delivering your message to|your message to"
    r"|not yet been delivered is:|\brecipient(?: address)?)"
    r"\s*[<`'\[*]*(?![\s\S])", re.IGNORECASE)
FAILED_LOOKBEHIND = 40
# A poster's "I sent an email to a@b": the failed recipient when the rest of the sentence tells of the
# failure ("When I sent an email to a@b, i received SMTP response is: 550 ..."), else someone the poster
# wrote to about it ("I sent an email to support@b about it"), no recipient at all.
POSTER_SENT_BEFORE_RE = ascii_compile(r"\bI sent an? e-?mail to[ \t]*<?(?![\s\S])", re.IGNORECASE)
POSTER_FAILURE_AFTER_RE = ascii_compile(
    r"(?:(?![.!?](?:\s|$)|\n[ \t]{0,8}\n)[\s\S]){0,120}?"
    r"\b(?:bounce|came back|returned|reject|fail|error|undeliver|response|NDR\b|[245][0-9]{2}\b)", re.IGNORECASE)
POSTER_TOLD_OF_FAILURE, POSTER_WROTE_TO = "told of a failure", "wrote to"
# An ESP's bounce notification or event pasted as JSON names each failed recipient
# in a member of its own: "emailAddress" (Amazon SES), "email" (SendGrid),
# "recipient" (Mailgun), "Email" (Postmark), "rcpt_to" (SparkPost); so does maddy's log
# ("queue: delivery attempt failed {..., "rcpt":"a@b", ...}"), and postqueue -j each recipient
# of a queued message ("recipients": [{"address": "a@b", "delay_reason": "..."}]).  Its other
# addresses are the sender, every addressee of the mail, a message id.
JSON_RECIPIENT_RE = re.compile(r'"(?:emailAddress|email|recipient|rcpt_to|rcpt|address)"\s*:\s*"<?((?-i:' + ADDRESS + '))', re.IGNORECASE)
NOT_RECIPIENT_HEADERS = ("from", "to", "return-path", "reply-to", "sender")


def prose_recipients(report: Report) -> list[str]:
    """Addresses the report is about: X-Failed-Recipients, or those the prose names."""
    header_lines = report.headers.split("\n")
    listed = [line.split(":", 1)[1] for line in header_lines if line.lower().startswith("x-failed-recipients:")]
    if listed:
        return _unique(address.lower() for line in listed for address in ADDRESS_RE.findall(line))
    if named_in_json := JSON_RECIPIENT_RE.findall(report.body):
        return _unique(address.lower() for address in named_in_json)
    members = list_notice_members(report.headers, report.body)
    if members is not None:
        return members
    ours = {
        address.lower()
        for line in header_lines
        if line.split(":", 1)[0].lower() in NOT_RECIPIENT_HEADERS
        for address in ADDRESS_RE.findall(line)
    } | table_senders(report.body) | pasted_header_addresses(report.body) | accepted_recipients(report.body)
    listed = [a.lower() for start, a in line_addresses(report.body)
              if a.lower() not in ours and not BOUNCE_SENDER_RE.match(a) and not _after_sender_label(report.body, start)
              and not _said_before(NOT_RECIPIENT_BEFORE_RE, NOT_RECIPIENT_LOOKBEHIND, report.body, start)]
    matches = [match for match in ADDRESS_RE.finditer(report.body) if match.group(0).lower() not in ours]
    # Named once as the sender ("MAIL FROM: <a@b>" in a log) or as a contact, an
    # address is that wherever else the text names it ("a@b へエラーメールを作成");
    # a contact on a line of its own is not a listed recipient either.
    contacts = {match.group(0).lower() for match in matches if _is_contact(report.body, match)}
    others = contacts | {match.group(0).lower() for match in matches if _is_sender(report.body, match)}
    frames = _StackFrames(report.body)
    told = [(match, _poster_told(report.body, match)) for match in matches if match.group(0).lower() not in others]
    named = [(match, poster) for match, poster in told
             if poster != POSTER_WROTE_TO and not _is_not_recipient(report.body, match, frames)]
    introduced = [match for match, poster in named if _is_introduced(report.body, match, poster)]
    listed = [address for address in listed if address not in contacts]
    return _unique(listed or [match.group(0).lower() for match in introduced or [match for match, _ in named]])


def line_addresses(body: str):
    """The addresses that start lines, and those listed after them on the same line, with where each starts."""
    for match in LINE_ADDRESS_RE.finditer(body):
        yield match.start(2), match.group(2)
        end = match.end()
        while more := LIST_NEXT_RE.match(body, end):
            yield more.start(1), more.group(1)
            end = more.end()


def _said_before(pattern: re.Pattern, lookbehind: int, text: str, start: int) -> bool:
    """The words just before start (at most lookbehind characters) end as pattern says."""
    return bool(pattern.search(text[max(0, start - lookbehind) : start]))


def _after_sender_label(text: str, start: int) -> bool:
    return _said_before(SENDER_BEFORE_RE, SENDER_LOOKBEHIND, text, start)


def _is_introduced(text: str, match: re.Match, poster: str | None) -> bool:
    """An address that the report's own sentence, or a poster telling of the failure, names as the one it
    failed to reach."""
    return poster == POSTER_TOLD_OF_FAILURE or _said_before(FAILED_BEFORE_RE, FAILED_LOOKBEHIND, text, match.start())


def _poster_told(text: str, match: re.Match) -> str | None:
    """What a poster's "I sent an email to a@b" makes of a@b: the failed recipient (POSTER_TOLD_OF_FAILURE),
    someone written to about it (POSTER_WROTE_TO), or None when no such sentence names it."""
    if not _said_before(POSTER_SENT_BEFORE_RE, FAILED_LOOKBEHIND, text, match.start()):
        return None
    return POSTER_TOLD_OF_FAILURE if POSTER_FAILURE_AFTER_RE.match(text, match.end()) else POSTER_WROTE_TO


def _is_sender(text: str, match: re.Match) -> bool:
    """An address a transcript or reply names as the sender, not a recipient."""
    return bool(_after_sender_label(text, match.start())
                or SENDER_AFTER_RE.match(text, match.end())
                or BOUNCE_SENDER_RE.match(match.group(0))
                or on_queue_line(text, match))


def _is_contact(text: str, match: re.Match) -> bool:
    """An address the report gives to write to (a postmaster, a help desk)."""
    return bool(_said_before(CONTACT_BEFORE_RE, CONTACT_LOOKBEHIND, text, match.start())
                or CONTACT_AFTER_RE.match(text, match.end()))


def _is_not_recipient(text: str, match: re.Match, frames: _StackFrames) -> bool:
    """An address a log names as the original one, a message id or an argument in a stack frame."""
    return (_said_before(NOT_RECIPIENT_BEFORE_RE, NOT_RECIPIENT_LOOKBEHIND, text, match.start())
            or frames.holds(match.start()))


class _StackFrames:
    """The lines of a text that open a stack frame's call: (line start, end of the opening, line end)."""

    def __init__(self, text: str):
        self._frames = [(found.start(), found.end(), _line_end(text, found.end()))
                        for found in STACK_FRAME_LINE_RE.finditer(text)]
        self._starts = [frame[0] for frame in self._frames]

    def holds(self, start: int) -> bool:
        """Whether the text at start is an argument of a frame's call: after its "(" on its line."""
        index = bisect.bisect_right(self._starts, start) - 1
        if index < 0:
            return False
        _, opened, line_end = self._frames[index]
        return opened <= start <= line_end


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))
