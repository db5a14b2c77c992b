"""What a bounce says about each failed recipient, read from its report text.

Every reader of the reason rules (this module, and the lookup page's
JavaScript) first turns a bounce into a list of Evidence records with the same
text-level steps, so that the rules in generator/data/reasons/rules.json see
the same fields everywhere:

- Recipients come from RFC 3464 per-recipient groups (``Final-Recipient``
  with its ``Action``, ``Status`` and ``Diagnostic-Code``) when the report has
  them (failed ones; else delayed ones; else all); else from an
  ``X-Failed-Recipients`` header; else from the addresses that start lines of
  the prose (``<a@b>: ...``, an indented address), or failing that every
  address it names, minus the bounce's own From/To, the ``MAIL FROM:<...>``
  of a transcript and the contacts it gives ("please contact <...>").
- ``prose`` is what the prose says about one recipient: the stretches of text
  from each mention of it to the next mention of another recipient of the
  report.  With a single recipient it is the whole report.
- ``diagnosis`` is the Diagnostic-Code with its type (``smtp; 550 ...``,
  ``X-Unix; 71``), or the prose when there is none.
- ``command`` is the SMTP command the failing reply answered, from phrasings
  in rules.json ("in reply to RCPT TO command", "after MAIL FROM", a
  transcript's first ``>>>`` line).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace

from generator.bounces.address import ADDRESS, ADDRESS_LINE, ADDRESS_RE
from generator.bounces.bounce_log import bounce_log_entries
from generator.bounces.message import well_formed
from generator.bounces.once import Once
from generator.bounces.queue_listing import on_queue_line, queue_entries, without_queue_lines
from generator.bounces.report import RECIPIENT_FIELD_RE, Report

# An address that a line starts with (after indentation, "<", "*", ">>>",
# quotes, Markdown's "`"): how reports list the recipients they are about.  Addresses inside
# sentences are more often contacts ("please contact <support@...>").
# The marks before it are taken whole (a lookahead's group, matched again: an atomic group
# that JavaScript also has): given back one by one to "\**" or to the local part, a line of
# "*" or "-" took time in the square of its length.
LINE_ADDRESS_RE = re.compile(r"^(?=([ \t>*\"'`-]*))\1<?\**(" + ADDRESS + ")", re.MULTILINE)
# "a@b, c@d": the addresses that continue a line-start address's list.
LIST_NEXT_RE = re.compile(r">?[ \t]*[,;][ \t]*<?(" + ADDRESS + ")")
# What separates the addresses of one list: recipients named only together.
LIST_SEPARATOR_RE = re.compile(r"[>\s,;]*<?")
# "MAIL FROM:<sender@...>" in a transcript, "from=<sender@...>" in Postfix's log,
# "Domain of sender address sender@... does not resolve" in a reply, "Sender
# Address: sender@..." in Exchange Online's "Original Message Details" (the value
# on the next line when its table is copied): the sender, not a recipient.
# In an ESP's notification JSON, "source": "a@b" (Amazon SES) names the sender; so
# does "envelope sender not allowed a@b" (Symfony Mailer's quote of a refusal), and
# a greylisting reply's "not yet authorized to deliver mail from <a@b> to <c@d>"
# (Exim's log writes the reply's line breaks as "\n": "mail from\n451-<a@b>").
SENDER_BEFORE_RE = re.compile(r"(?:FROM:|\bfrom=|sender address:?|sender not allowed:?|\"source\"\s*:\s*\"|\bmail from(?:\\n[245][0-9][0-9]-)?)\s*<?(?![\s\S])",
                              re.IGNORECASE)
SENDER_LOOKBEHIND = 24
# "please contact <postmaster@...>", "send mail to help@...", "forward this message to
# delist@...", "report details to abuse@..." (Mail.ru): a contact the report names, not a recipient.
CONTACT_BEFORE_RE = re.compile(r"(?:\bcontact|(?<!unable to )(?<!failed to )(?<!could not )(?<!couldn't )(?<!cannot )(?<!can't )(?<!not able to )\bsend (?:an? )?(?:e-?)?mail to|\bwrite to|\bforward this (?:message|e-?mail) to|\breport (?:(?:the )?details |it |this )?to)[ \t:]*<?(?![\s\S])",
                               re.IGNORECASE)
CONTACT_LOOKBEHIND = 32
# Korean and Japanese put the verb after the address: "help@... 으로 문의해 주시기 바랍니다"
# (Dooray!), "support@... までお問い合わせください" ("ask ... for help").
CONTACT_AFTER_RE = re.compile(r"[>)\s]*(?:으?로 문의|まで(?:お問い?合わせ|ご連絡))")
# Postfix's log: "orig_to=<a@b>" is the address as first written, beside the "to=<...>"
# that failed; "message-id=<...>" (ZoneMTA's "id=<...>") is the message's id, not an address.
NOT_RECIPIENT_BEFORE_RE = re.compile(r"(?:\borig_to=|\bmessage-id[=:][ \t]*|\bid=)<?(?![\s\S])", re.IGNORECASE)
NOT_RECIPIENT_LOOKBEHIND = 16
# A stack trace's frame names the arguments of a call (SwiftMailer's "at Swift_Transport->
# _doMailTransaction(object(Swift_Message), 'a@b', array('c@d'))", PHP's "#0 /path(341): f('a@b')"):
# the sender and every addressee, not the failed ones.
STACK_FRAME_LINE_RE = re.compile(r"[ \t]*(?:at |#[0-9]+ )[^\n(]*\(")
# "<sender@...> sender rejected", "<sender@...>... Sender ok": a reply about the sender.
SENDER_AFTER_RE = re.compile(r">?[ \t]*(?:\.{3}[ \t]*)?sender\b", re.IGNORECASE)
# The bounce's own sender ("sent by MAILER-DAEMON@host" in a paste, its From line
# copied from a web mail; Exchange Online's MicrosoftExchange<32 hex digits>@tenant):
# never a failed recipient.
BOUNCE_SENDER_RE = re.compile(r"mailer-daemon@|microsoftexchange[0-9a-f]{32}@", re.IGNORECASE)
# "Your message wasn't delivered to a@b", "Your message to a@b couldn't be delivered",
# "a temporary problem delivering your message to a@b", Exim's "The address to which
# the message has not yet been delivered is: a@b": the report naming its recipient
# in a sentence, where a note pasted around it may name other addresses.
FAILED_BEFORE_RE = re.compile(
    r"(?:(?:wasn[’']t|was not|couldn[’']t be|could not be) delivered to|delivering your message to|your message to"
    r"|not yet been delivered is:)"
    r"\s*[<`\[*]*(?![\s\S])", re.IGNORECASE)
FAILED_LOOKBEHIND = 40
# An ESP's bounce notification or event pasted as JSON names each failed recipient
# in a member of its own: "emailAddress" (Amazon SES), "email" (SendGrid),
# "recipient" (Mailgun), "Email" (Postmark), "rcpt_to" (SparkPost).  Its other
# addresses are the sender, every addressee of the mail, a message id.
JSON_RECIPIENT_RE = re.compile(r'"(?:emailAddress|email|recipient|rcpt_to)"\s*:\s*"<?(' + ADDRESS + ')', re.IGNORECASE)
# A reply quoted as a JSON string ("diagnosticCode": "smtp; 550 ...") ends at the
# string's closing quote, its escapes ("\n", "\/", '\"') read.
JSON_STRING_OPEN_RE = re.compile(r'"\s*:\s*"(?:[^"\\\n]|\\.)*$')
JSON_STRING_REST_RE = re.compile(r'(?:[^"\\\n]|\\.)*')
# Nodemailer's error as Node prints it: "response: '550 5.7.1 ...'," in single quotes.
NODE_STRING_OPEN_RE = re.compile(r"\b(?:response|message):\s*'(?:[^'\\\n]|\\.)*$")
NODE_STRING_REST_RE = re.compile(r"(?:[^'\\\n]|\\.)*")
JSON_ESCAPE_RE = re.compile(r'\\(u[0-9a-fA-F]{4}|.)')
# Mailgun's event gives the remote server's reply in two members of its "delivery-status":
# "code": 421, then "message": "...": read together as the reply "421 ...".  PHPMailer's own
# "SMTP Error: ..." (in FluentSMTP's log: "code": 423, "message": "SMTP Error: data not accepted.") is none.
JSON_CODE_MESSAGE_RE = re.compile(r'"code"\s*:\s*([45][0-9][0-9])\s*,[^{}]*?"message"\s*:\s*"(?!SMTP Error)((?:[^"\\\n]|\\.)+)"')
# Cisco Secure Email's (IronPort AsyncOS) bounce log gives the reply as a tuple: Response: "('550', ['...'])".
ASYNCOS_RESPONSE_RE = re.compile(r"""Response: "\('([45][0-9][0-9])',\s*\['((?:[^'\\]|\\.)*)'\]\)""")
# Python's smtplib gives the reply as a tuple: "(550, b'5.1.1 ...')" (in SMTPRecipientsRefused's dict of
# refused recipients, SMTPDataError, SMTPSenderRefused); Python 2's without the "b", and a
# text holding a "'" in double quotes.
PYTHON_REPLY_RE = re.compile(r"""\(([45][0-9][0-9]), [bu]?(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")""")
JSON_ESCAPES = {"n": "\n", "t": "\t", "r": "\n", "b": "", "f": ""}
FIELD_RE = re.compile(r"^([A-Za-z][A-Za-z0-9-]*):[ \t]*([^\n]*(?:\n[ \t][^\n]*)*)", re.MULTILINE)
# A multi-line reply that a field's value leaves open ("550-Requested action not taken: ...",
# no "550 " line after it), and a line that starts a field: where its unindented rest stops.
OPEN_REPLY_RE = re.compile(r"(?<![0-9.])([45][0-9][0-9])-")
FIELD_START_RE = re.compile(r"[A-Za-z][A-Za-z0-9-]*:")
OPEN_REPLY_LINES = 6
PARAGRAPH_SPLIT_RE = re.compile(r"\n[ \t]*\n")
# Status X.0.0, "other or undefined": what Postfix writes when it could not read the reply's code.
UNDEFINED_STATUS_RE = re.compile(r"[245]\.0\.0$")
# Not a version in a file path ("python2.7.3", "ruby/2.3.0/net/smtp.rb" in a stack trace).
STATUS_RE = re.compile(r"(?<![0-9.A-Za-z/])([245]\.[0-9]{1,3}\.[0-9]{1,3})(?![0-9]|\.[0-9])")
# In prose only a failure's status is the recipient's: a transcript's "250 2.1.0 Ok" to
# MAIL FROM precedes the "554 5.7.1" that refused the recipient.
FAILURE_STATUS_RE = re.compile(r"(?<![0-9.A-Za-z/])([45]\.[0-9]{1,3}\.[0-9]{1,3})(?![0-9]|\.[0-9])")
# A remote server's reply: a basic reply code, perhaps a status code, and its
# text (on the next line when the report wrapped it after the code).  A code after
# an article without a status code after it is a note's words ("rejects the email
# with a 554 error"), not a reply.  The article is a word of its own: no letter of a Latin
# script before it ("ça 550 ..." has none), spelled out so that the page's pattern, without
# Unicode classes, reads the same (reasons.js REPLY_RE).
WORD_START = r"(?<![0-9A-Za-z_\u00C0-\u024F])"
NOTE_CODE_AHEAD = (r"(?!(?:(?<=%s[Aa] )|(?<=%s[Aa]n )|(?<=%s[Tt]he ))[45][0-9][0-9] (?![245]\.))"
                   % (WORD_START, WORD_START, WORD_START))
REPLY_RE = re.compile(r"(?<![0-9.])" + NOTE_CODE_AHEAD + r"[45][0-9][0-9](?:[ -]|\n[ \t]+|\n(?=#?[245]\.[0-9]{1,3}\.[0-9]{1,3} ))(?:[245]\.[0-9]{1,3}\.[0-9]{1,3}[ ]|#[245]\.[0-9]\.[0-9][ ])?[^\n]*")
# A reply quoted without its basic code, on a line of its own ("5.2.1 <a@b>... User
# Unknown") or in a Diagnostic-Code field ("smtp; 5.4.7 - Delivery expired"): read only
# when the text holds no reply with one.
BARE_STATUS_REPLY_RE = re.compile(
    r"(?:(?<![^\n])|(?<=[Ss][Mm][Tt][Pp];)|(?<=[Ss][Mm][Tt][Pp]; ))[45]\.[0-9]{1,3}\.[0-9]{1,3} (?=\S)[^\n]*")
# The lines that continue a reply wrapped by the report (Postfix's "said: 550
# 5.1.1\n    <a@b>: Recipient address rejected: ..."): indented, and at least as
# far as the reply's own line.
INDENT_RE = re.compile(r"[ \t]*")
# Words before a reply on its line, other than a transcript's mark for the server
# ("S: 550-..." in MailKit's protocol log; "<<< ", "> " hold no words).
TEXT_BEFORE_RE = re.compile(r"^(?![ \t]*S: )[^\n]*[A-Za-z0-9]")
# A line that is a labelled field ("Remote system: ...", "Reason: ..."), and the start
# of a line that holds a reply in one ("Diagnostic code: smtp;").
FIELD_LINE_RE = re.compile(r"[ \t]*[A-Z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)*:[ \t]")
FIELD_BEFORE_RE = re.compile(r"[ \t]*[A-Z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)*:[ \t]*(?:[Ss][Mm][Tt][Pp];[ \t]*)?$")
# A line of an address alone (a queue listing's recipient under its entry's error) does
# not continue a reply; Postfix's wrapped "<a@b>: Recipient address rejected: ..." does.
ADDRESS_LINE_AHEAD = r"(?!%s(?:\n|$))" % ADDRESS_LINE
# Nor does a stack trace's frame under the error line that quotes the reply: Node's and
# Java's "    at Class.method (file.js:784:19)", .NET's "   at System.Net.Mail.X(...)",
# Python's '  File "smtplib.py", line 881, in sendmail'.
STACK_FRAME_AHEAD = r"(?![ \t]+(?:at [\w$.<>/\\-]+(?: ?\(|:[0-9])|File \"))"
# Nor does a transcript's next line, marked as the client's or the server's (swaks's " -> QUIT",
# "<- 221 ...", sendmail's ">>> QUIT").
TRANSCRIPT_LINE_AHEAD = r"(?![ \t]*(?:->|<-|<\*\*|>>>|<<<)[ \t])"
# Exim's "host mx.example [192.0.2.1]: " before a reply, and up to three lines at the
# line start (not an address alone) that continue it.
EXIM_HOST_BEFORE_RE = re.compile(r"\bhost [^\s\[\]]+ \[[0-9A-Fa-f.:]+\]:[ \t]*$")
UNINDENTED_PARAGRAPH_RE = re.compile(r"(?:\n%s(?=[^\s])[^\n]*){0,3}" % ADDRESS_LINE_AHEAD)
# Exim's "SMTP error from remote mail server after RCPT TO:<a@b>:" (perhaps wrapped) on the lines
# before a reply that starts its own line, and up to three lines that continue it when a paste
# lost their indentation (not an address alone, a labelled field or a "--" separator).  Only a
# line as long as the report's wrapping makes them was wrapped: a short one ("550 Denied by
# policy") is the whole reply, and the line after it something else (an attachment's name).
EXIM_ERROR_BEFORE_RE = re.compile(r"\bSMTP error from remote (?:mail server|MTA) after[^\n]*(?:\n[^\n]*)?:[ \t]*\n$")
EXIM_ERROR_LOOKBEHIND = 160
WRAPPED_LINE_CHARS = 60
UNINDENTED_REPLY_LINES_RE = re.compile(r"(?:\n%s(?!%s)(?!--)(?=[^\s])[^\n]*){0,3}" % (ADDRESS_LINE_AHEAD, FIELD_LINE_RE.pattern))
# Up to six non-blank lines (a blank line ends the paragraph), and the end of Postfix's reply among them.
UNINDENTED_LINES_RE = re.compile(r"(?:\n[^\n]*\S[^\n]*){1,6}")
IN_REPLY_TO_RE = re.compile(r"\(in reply\s+to\s[^()]*?command\)")
# SendGrid's "550 5.1.1 <a@b>... User Unknown  in RCPT TO": the stage, written after the reply.
STAGE_AFTER_RE = re.compile(r"\s+in (?:RCPT TO|MAIL FROM|DATA)\s*$")
# Postfix's "said: 553" ending its line, a blank line after it (a paste that doubled every line
# break), and how many of the non-blank lines after it the reply may take.
SAID_CODE_AT_LINE_END_RE = re.compile(r"\bsaid:[ \t]*([45][0-9][0-9])[ \t]*\n[ \t]*\n")
DOUBLED_REPLY_LINES = 6
# A log's "\n" written for each line break of a multi-line reply ("...from\n451-<a@b> ...").
LOGGED_BREAK_RE = re.compile(r"\\n(?=[245][0-9][0-9][ -])")
# A log's line for a recipient it delivered to (Postfix's "status=sent", sendmail's
# "stat=Sent", Exim's server confirmation 'C="250 ..."'): that recipient did not fail.
DELIVERED_RE = re.compile(r'\bstatus=sent\b|\bstat=Sent\b|\bC="250[ -]')
# A log's line for a recipient it did not deliver to (deferred, bounced, expired): the
# recipient's last logged outcome counts, so a delivery after a deferral is a delivery.
NOT_DELIVERED_RE = re.compile(r'\bstatus=(?:deferred|bounced|expired)\b|\bstat=(?!Sent\b)[A-Za-z]|\bdefer \(-?[0-9]+\)| \*\* [^ \n]+@')
# The returned message's subject, quoted by the report (Exchange's "Subject: ...", Exim's "The subject of
# the message is: ..."), or a returned header block's Subject line: the sender's words, not the failure's.
RETURNED_SUBJECT_RE = re.compile(r"^[ \t]*(?:Subject|The subject of the message is):[^\n]*", re.MULTILINE)
FAILED_ACTIONS = ("failed", "")
NOT_RECIPIENT_HEADERS = ("from", "to", "return-path", "reply-to", "sender")


@dataclass(frozen=True)
class Evidence:
    recipient: str | None
    action: str
    status: str | None
    reply: str | None
    diagnosis: str
    prose: str
    command: str | None
    family: str | None
    text: str
    headers: str
    retry: str          # the delivery-status group's Will-Retry-Until, if it has one

    def fields(self) -> dict:
        return asdict(self)


def gather(report: Report, commands, family: str | None) -> list[Evidence]:
    """One Evidence per failed recipient, in the report's order (at least one)."""
    groups = _dsn_groups(report.body)
    failed = [group for group in groups if group["action"] in FAILED_ACTIONS]
    chosen = failed or [group for group in groups if group["action"] == "delayed"] or groups
    if not chosen:
        chosen = [{"recipient": address, "action": "", "status": "", "diagnosis": ""}
                  for address in _prose_recipients(report)] or [
                     {"recipient": None, "action": "", "status": "", "diagnosis": ""}]
    recipients = [group["recipient"] for group in groups or chosen]
    mentions = (queue_entries(report.body, recipients) or bounce_log_entries(report.body, recipients)
                or _prose_by_recipient(report.body, recipients))
    once = Once()
    records = [_evidence(group, mentions, report, commands, family, once) for group in chosen]
    failed = [record for record in records if not _delivered(record)]
    # A log that delivered every recipient it names, in the end, reports deliveries.
    return failed or [replace(record, action="delivered") for record in records]


def _delivered(record: Evidence) -> bool:
    """A recipient without a delivery-status group whose own log lines say, last, that it was delivered."""
    if record.action or record.recipient is None:
        return False
    delivered = _last_end(DELIVERED_RE, record.prose)
    return delivered > _last_end(NOT_DELIVERED_RE, record.prose)


def _last_end(pattern: re.Pattern, text: str) -> int:
    """Where the last match of pattern in text ends, or -1."""
    return max((found.end() for found in pattern.finditer(text)), default=-1)


def _evidence(group: dict, mentions: dict, report: Report, commands, family, once: Once) -> Evidence:
    prose = mentions[group["recipient"]] if group["recipient"] in mentions else once(without_queue_lines, report.body)
    prose = once(_without_returned_subjects, prose)
    diagnosis = group["diagnosis"] or prose
    status = _specific_status(_first_status(group["status"]),
                              _first_status(group["diagnosis"]) or once(_first_failure_status, prose))
    reply = _whole_reply(_reply(group["diagnosis"]), once(_reply, prose))
    return Evidence(
        recipient=group["recipient"],
        action=group["action"],
        status=status,
        reply=" ".join(reply.split()) if reply else None,
        diagnosis=diagnosis,
        prose=prose,
        command=_command(commands, [group["diagnosis"], prose, report.body], once),
        family=family,
        text=report.body,
        headers=report.headers,
        retry=group.get("retry", ""),
    )


def _whole_reply(given: str | None, told: str | None) -> str | None:
    """The Diagnostic-Code's reply, or the prose's when it is the same reply read on by
    more words: a pasted DSN whose wrapped Diagnostic-Code lines lost their indentation
    keeps only the first ("551 5.9.9 Message you sent blocked by our bulk spam"), the
    report's own paragraph the whole ("... email filter. ..."); what a report writes after
    a reply ("(expanded from: ...)", Exchange's "##") does not continue it."""
    if not given or not told:
        return given or told
    given, read = " ".join(given.split()), " ".join(STAGE_AFTER_RE.sub("", IN_REPLY_TO_RE.sub("", told)).split())
    more = read[len(given) + 1 : len(given) + 2] if read.startswith(given + " ") else ""
    return told if more.isalnum() else given


def _reply(text: str) -> str | None:
    """The first server reply in text, with the lines that continue it."""
    found = REPLY_RE.search(text)
    if not found and (members := JSON_CODE_MESSAGE_RE.search(text) or ASYNCOS_RESPONSE_RE.search(text)
                      or PYTHON_REPLY_RE.search(text)):
        message = next(group for group in members.groups()[1:] if group is not None)
        return f"{members.group(1)} {_json_unescape(message)}"
    # Before a status code alone at a line start: that may be the doubled reply's second line
    # ("said: 550", a blank line, "5.1.1 <a@b>: Recipient address rejected: ...").
    if not found and (doubled := _doubled_postfix_reply(text)):
        return doubled
    found = found or BARE_STATUS_REPLY_RE.search(text)
    if not found:
        return None
    line_start = text.rfind("\n", 0, found.start()) + 1
    before = text[line_start : found.start()]
    if JSON_STRING_OPEN_RE.search(before):
        return _json_unescape(JSON_STRING_REST_RE.match(text, found.start()).group(0))
    if NODE_STRING_OPEN_RE.search(before):
        return _json_unescape(NODE_STRING_REST_RE.match(text, found.start()).group(0))
    if found.group(0)[3] == "-" and not TEXT_BEFORE_RE.search(before):
        # A multi-line reply on lines of its own ("550-5.1.1 ...", then "550 5.1.1 ..."
        # last), as Gmail quotes it, each line after the same marks ("<<< ", "> ").
        code, marks = re.escape(found.group(0)[:3]), re.escape(before)
        lines = re.compile(r"(?:\n%s%s-[^\n]*)*(?:\n%s%s [^\n]*)?" % (marks, code, marks, code))
        reply = found.group(0) + lines.match(text, found.end()).group(0)
        if text[:max(line_start - 1, 0)].rstrip().endswith("said:") and "(in reply to" not in reply:
            # Postfix's "said:" reply re-wrapped by a page, its code lines no longer each at a line start.
            reply = _postfix_tail(reply, text, found.start() + len(reply))
        # The marks are the transcript's or the quote's, not the server's words.
        return _balanced(reply.replace("\n" + before, "\n") if before.strip() else reply, before)
    indent = len(INDENT_RE.match(before).group(0))
    # A reply held by a labelled field ("Diagnostic code: smtp;550 ...") ends before
    # the next field ("Remote system: ..."), however far it is indented.
    next_field = "(?!%s)" % FIELD_LINE_RE.pattern if FIELD_BEFORE_RE.match(before) else ""
    continued = re.compile(r"(?:\n%s%s%s[ \t]{%d,}[^\s][^\n]*)*"
                           % (ADDRESS_LINE_AHEAD, STACK_FRAME_AHEAD + TRANSCRIPT_LINE_AHEAD, next_field, max(indent, 1)))
    reply = found.group(0) + continued.match(text, found.end()).group(0)
    if before.rstrip().endswith("said:") and "(in reply to" not in reply:
        reply = _postfix_tail(reply, text, found.end() + len(reply) - len(found.group(0)))
    elif indent and reply == found.group(0) and EXIM_HOST_BEFORE_RE.search(before):
        # Exim's indented "host mx [192.0.2.1]: 421 ..." whose wrapped lines a paste put
        # at the line start: the reply is the rest of its paragraph.
        reply += UNINDENTED_PARAGRAPH_RE.match(text, found.end()).group(0)
    elif (not before.strip() and reply == found.group(0) and len(reply) >= WRAPPED_LINE_CHARS
          and EXIM_ERROR_BEFORE_RE.search(text[max(0, line_start - EXIM_ERROR_LOOKBEHIND) : line_start])):
        # Exim's reply on its own line under "SMTP error from remote mail server after ...:",
        # its wrapped lines put at the line start by a paste (an Outlook forward).
        reply += UNINDENTED_REPLY_LINES_RE.match(text, found.end()).group(0)
    return _balanced(LOGGED_BREAK_RE.sub("\n", reply), before)


def _doubled_postfix_reply(text: str) -> str | None:
    """Postfix's "said: 553" whose every line break a paste doubled: the reply's lines, blank
    lines between them, read to its "(in reply to ... command)"; none without that close."""
    said = SAID_CODE_AT_LINE_END_RE.search(text)
    if not said:
        return None
    lines = [line for line in text[said.end() :].split("\n")[: 2 * DOUBLED_REPLY_LINES] if line.strip()]
    reply = " ".join([said.group(1)] + [line.strip() for line in lines[:DOUBLED_REPLY_LINES]])
    close = IN_REPLY_TO_RE.search(reply)
    return reply[: close.end()] if close else None


def _postfix_tail(reply: str, text: str, end: int) -> str:
    """Postfix's reply ("host ... said: 550 ...") with the lines that a paste lost the
    indentation of, as far as its closing "(in reply to ... command)"."""
    lines = UNINDENTED_LINES_RE.match(text, end)
    close = IN_REPLY_TO_RE.search(reply + lines.group(0), len(reply)) if lines else None
    return (reply + lines.group(0))[: close.end()] if close else reply


def _balanced(reply: str, before: str) -> str:
    """The reply without the closing marks of the text around it: Postfix's log
    ("status=bounced (host ... said: 550 ... (in reply to RCPT TO command))"),
    Exchange's "Remote Server returned '550 ...'", Markdown code ("`<a@b>: 550 ...`")."""
    while reply.endswith(")") and reply.count(")") > reply.count("("):
        reply = reply[:-1]
    for mark in "'\"":
        if reply.endswith(mark) and before.count(mark) % 2:
            reply = reply[:-1]
    # A backquote is never an apostrophe: one left alone closes Markdown code
    # opened before the reply (perhaps before the recipient the prose starts at).
    if reply.endswith("`") and reply.count("`") % 2:
        reply = reply[:-1]
    return reply


def _json_unescape(text: str) -> str:
    def one(match: re.Match) -> str:
        escape = match.group(1)
        if len(escape) == 5:
            return chr(int(escape[1:], 16))
        return JSON_ESCAPES.get(escape, escape)
    return well_formed(JSON_ESCAPE_RE.sub(one, text))  # "\ud83d\ude00" is one character, "\ud800" none


def _dsn_groups(body: str) -> list[dict]:
    groups = []
    for paragraph in PARAGRAPH_SPLIT_RE.split(body):
        if not RECIPIENT_FIELD_RE.search(paragraph):
            continue
        for fields in _field_groups(paragraph):
            if "final-recipient" in fields or "original-recipient" in fields:
                groups.append(_dsn_group(fields))
    return groups


def _field_groups(paragraph: str) -> list[dict[str, str]]:
    """The fields of a paragraph, a new group starting where a field of the current one
    comes again: the per-recipient fields of a DSN pasted without the blank lines between."""
    groups: list[dict[str, str]] = [{}]
    for match in FIELD_RE.finditer(paragraph):
        name = match.group(1).lower()
        if name in groups[-1]:
            groups.append({})
        value = match.group(2) + _open_reply_rest(paragraph, match.end(), match.group(2))
        groups[-1][name] = " ".join(value.split())
    return groups


def _open_reply_rest(paragraph: str, end: int, value: str) -> str:
    """The lines, indentation lost in a paste, that close a multi-line reply the value left
    open: up to the one with its last line's code ("550-..." then "... 550 For ...")."""
    opened = OPEN_REPLY_RE.search(value)
    if not opened:
        return ""
    last_line = re.compile(r"(?<![0-9.])%s " % opened.group(1))
    if last_line.search(value, opened.end()):
        return ""
    rest = []
    for line in paragraph[end + 1 :].split("\n")[:OPEN_REPLY_LINES] if end < len(paragraph) else []:
        if FIELD_START_RE.match(line):
            break
        rest.append(line)
        if last_line.search(line):
            return "\n" + "\n".join(rest)
    return ""


def _dsn_group(fields: dict[str, str]) -> dict:
    recipient = _address(fields.get("final-recipient", "")) or _address(fields.get("original-recipient", ""))
    return {
        "recipient": recipient,
        "action": fields.get("action", "").lower().split(" ")[0] if fields.get("action") else "",
        "status": fields.get("status", ""),
        "diagnosis": fields.get("diagnostic-code", ""),
        "retry": fields.get("will-retry-until", ""),
    }


def _address(text: str) -> str | None:
    found = ADDRESS_RE.search(text)
    return found.group(0).lower() if found else None


def _specific_status(given: str | None, said: str | None) -> str | None:
    """The DSN's Status, unless it is only X.0.0 and the reply (the diagnosis, else the
    recipient's prose) carries a code of the same class: Postfix writes 5.0.0 for a reply
    whose code it could not read ("550 #5.7.1 ...")."""
    if given and said and UNDEFINED_STATUS_RE.match(given) and said[0] == given[0]:
        return said
    return given or said


def _first_status(text: str) -> str | None:
    found = STATUS_RE.search(text or "")
    return found.group(1) if found else None


def _first_failure_status(text: str) -> str | None:
    found = FAILURE_STATUS_RE.search(text or "")
    return found.group(1) if found else None


def _prose_recipients(report: Report) -> list[str]:
    """Addresses the report is about: X-Failed-Recipients, or those the prose names."""
    header_lines = report.headers.split("\n")
    listed = [line.split(":", 1)[1] for line in header_lines if line.lower().startswith("x-failed-recipients:")]
    if listed:
        return _unique(address.lower() for line in listed for address in ADDRESS_RE.findall(line))
    if named_in_json := JSON_RECIPIENT_RE.findall(report.body):
        return _unique(address.lower() for address in named_in_json)
    ours = {
        address.lower()
        for line in header_lines
        if line.split(":", 1)[0].lower() in NOT_RECIPIENT_HEADERS
        for address in ADDRESS_RE.findall(line)
    }
    listed = [a.lower() for start, a in _line_addresses(report.body)
              if a.lower() not in ours and not BOUNCE_SENDER_RE.match(a) and not _after_sender_label(report.body, start)]
    matches = [match for match in ADDRESS_RE.finditer(report.body) if match.group(0).lower() not in ours]
    # Named once as the sender ("MAIL FROM: <a@b>" in a log) or as a contact, an
    # address is that wherever else the text names it ("a@b へエラーメールを作成");
    # a contact on a line of its own is not a listed recipient either.
    contacts = {match.group(0).lower() for match in matches if _is_contact(report.body, match)}
    others = contacts | {match.group(0).lower() for match in matches if _is_sender(report.body, match)}
    named = [match for match in matches if match.group(0).lower() not in others and not _is_not_recipient(report.body, match)]
    introduced = [match for match in named if _is_introduced(report.body, match)]
    listed = [address for address in listed if address not in contacts]
    return _unique(listed or [match.group(0).lower() for match in introduced or named])


def _line_addresses(body: str):
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


def _is_introduced(text: str, match: re.Match) -> bool:
    """An address that the report's own sentence names as the one it failed to reach."""
    return _said_before(FAILED_BEFORE_RE, FAILED_LOOKBEHIND, text, match.start())


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


def _is_not_recipient(text: str, match: re.Match) -> bool:
    """An address a log names as the original one, a message id, or an argument in a stack frame."""
    return (_said_before(NOT_RECIPIENT_BEFORE_RE, NOT_RECIPIENT_LOOKBEHIND, text, match.start())
            or _on_stack_frame(text, match.start()))


def _on_stack_frame(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return bool(STACK_FRAME_LINE_RE.match(text[line_start:start]))


def _without_returned_subjects(prose: str) -> str:
    return RETURNED_SUBJECT_RE.sub("", prose)


def _prose_by_recipient(body: str, recipients: list[str | None]) -> dict[str, str]:
    """Each recipient's stretches of prose: from a mention of it to the next mention of another."""
    wanted = {recipient for recipient in recipients if recipient}
    if len(wanted) < 2:
        return {}
    found = [match for match in ADDRESS_RE.finditer(body) if match.group(0).lower() in wanted]
    if len({match.group(0).lower() for match in found}) > 1 and all(
            LIST_SEPARATOR_RE.fullmatch(body, before.end(), after.start()) for before, after in zip(found, found[1:])):
        return {}  # named only together, in one list: the whole report is about each of them
    mentions = [(match.start(), match.group(0).lower()) for match in _outside_replies(body, found)]
    stretches: dict[str, list[str]] = {}
    for index, (start, recipient) in enumerate(mentions):
        if index and mentions[index - 1][1] == recipient:
            continue  # within the stretch from its run's first mention
        # Read from here, not copied from here, once per run: a text naming one address
        # 60,000 times took minutes.
        end = next((mentions[later][0] for later in range(index + 1, len(mentions))
                    if mentions[later][1] != recipient), len(body))
        stretches.setdefault(recipient, []).append(body[start:end])
    return {recipient: "\n".join(parts) for recipient, parts in stretches.items()}


# How far before where a search for a reply stopped the next one starts: a reply's code, its
# separator and the status its lookahead reads, so that a reply straddling the stop is not missed.
REPLY_REACH = 16
REPLY_CONTEXT = 8  # what REPLY_RE's lookbehinds read: "the " and a word's start


def _outside_replies(body: str, found: list[re.Match]) -> list[re.Match]:
    """The mentions that do not stand inside a reply running on the line of an earlier mention:
    that reply is all the line's recipient's, whatever addresses it quotes (Stalwart's report
    gives Barracuda's verdict "(b@x:blocked,a@x:blocked)" in each recipient's reply).  All of
    them if that would leave a recipient unmentioned (each named only inside replies)."""
    kept, previous, first_end, searched, replied = [], None, 0, 0, False
    for match in found:
        if previous is None or "\n" in body[previous : match.start()]:  # the first mention on its line
            first_end = searched = match.end()
            replied = False
        elif not replied:
            # Read on from where the last search stopped, not again from the line's first mention
            # (a line naming thousands of addresses took time in its square); the lookbehinds see
            # up to REPLY_CONTEXT characters before, but none before first_end.
            start = max(first_end, searched - REPLY_REACH)
            context = max(first_end, start - REPLY_CONTEXT)
            replied = bool(REPLY_RE.search(body[context : match.start()], start - context))
            searched = match.start()
        previous = match.start()
        if replied:
            continue
        kept.append(match)
    named = {match.group(0).lower() for match in kept}
    return kept if len(named) == len({match.group(0).lower() for match in found}) else found


def _command(commands, texts: list[str], once: Once) -> str | None:
    """The SMTP command named by the first text that names one; its first mention there.

    A transcript goes on after the failing reply (``>>> DATA`` after a
    rejected RCPT TO, ``<<< 503 Need RCPT``): the first command is the one
    that failed.
    """
    for text in texts:
        command = once(_first_command, commands, text or "")
        if command:
            return command
    return None


def _first_command(commands, text: str) -> str | None:
    text = " ".join(text.split())
    first = None
    for command, pattern in commands:
        match = pattern.search(text)
        if match and (first is None or match.start() < first[0]):
            first = (match.start(), command)
    return first[1] if first else None


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))
