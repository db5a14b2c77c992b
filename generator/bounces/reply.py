"""The server's reply in a report's text, whatever shape the sender gave it.

A reply is a basic code, perhaps a status code, and its words, with the lines
that continue it: indented under it (Postfix's "said:", a Diagnostic-Code), a
multi-line reply's "550-" lines, or lines a paste put at the line start.  It
may also come quoted by a program: a JSON string (an ESP's notification), a
Node error's "response: '...'", Mailgun's "code" and "message" members, Cisco
AsyncOS's bounce log tuple, Python smtplib's "(550, b'...')".  The lookup page
reads replies the same way (site_overrides/assets/javascripts/bounces/reply.js).
"""
from __future__ import annotations

import re

from generator.bounces.address import ADDRESS_LINE
from generator.bounces.ascii_words import ascii_compile
from generator.bounces.message import well_formed
from generator.bounces.reply_marks import balanced, before_unopened_parenthesis, unopened_close, without_library_quote

# A reply quoted as a JSON string ("diagnosticCode": "smtp; 550 ...") ends at the
# string's closing quote, its escapes ("\n", "\/", '\"') read.
JSON_STRING_OPEN_RE = re.compile(r'"\s*:\s*"(?:[^"\\\n]|\\.)*$')
JSON_STRING_REST_RE = re.compile(r'(?:[^"\\\n]|\\.)*')
# Nodemailer's error as Node prints it: "response: '550 5.7.1 ...'," in single quotes.
NODE_STRING_OPEN_RE = ascii_compile(r"\b(?:response|message):\s*'(?:[^'\\\n]|\\.)*$")
NODE_STRING_REST_RE = re.compile(r"(?:[^'\\\n]|\\.)*")
JSON_ESCAPE_RE = re.compile(r'\\(u[0-9a-fA-F]{4}|.)')
# Mailgun's event gives the remote server's reply in two members of its "delivery-status":
# "code": 421, then "message": "...": read together as the reply "421 ...".  PHPMailer's own
# "SMTP Error: ..." (in FluentSMTP's log: "code": 423, "message": "SMTP Error: data not accepted.") is none.
# maddy's log names them "smtp_code": 556 and "smtp_msg": "...".
JSON_CODE_MESSAGE_RE = re.compile(
    r'"(?:smtp_)?code"\s*:\s*([45][0-9][0-9])\s*,[^{}]*?"(?:message|smtp_msg)"\s*:\s*"(?!SMTP Error)((?:[^"\\\n]|\\.)+)"')
# Cisco Secure Email's (IronPort AsyncOS) bounce log gives the reply as a tuple: Response: "('550', ['...'])".
ASYNCOS_RESPONSE_RE = re.compile(r"""Response: "\('([45][0-9][0-9])',\s*\['((?:[^'\\]|\\.)*)'\]\)""")
# Python's smtplib gives the reply as a tuple: "(550, b'5.1.1 ...')" (in SMTPRecipientsRefused's dict of
# refused recipients, SMTPDataError, SMTPSenderRefused); Python 2's without the "b", and a
# text holding a "'" in double quotes.
PYTHON_REPLY_RE = re.compile(r"""\(([45][0-9][0-9]), [bu]?(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")""")
# Roundcube's 'SMTP Error (550): Failed to add recipient "a@b" (5.7.1 <a@b>: ...).' (or "Failed to set
# sender"), in any of its languages ('SMTP 오류 (550): 수신자를 "a@b" (...)에 추가하는데 실패했습니다.'): the
# code in parentheses, the server's words in the parentheses after the quoted address.  The address is
# at most QUOTED_ADDRESS_CHARS long: a line of unclosed quotes was read to its end from each.
# Its head, to the quote that opens the address, is where that recipient's part of a paste starts.
QUOTED_ADDRESS_CHARS = 320
WEBMAIL_SMTP_ERROR_HEAD = r'\bSMTP[^\n(]{0,12}\(([45][0-9][0-9])\) ?:[^\n(]{0,80}?["\u00ab\u201c]'
WEBMAIL_SMTP_ERROR_RE = ascii_compile(
    WEBMAIL_SMTP_ERROR_HEAD + r'[^"\u00bb\u201d\n]{0,%d}["\u00bb\u201d][^\n(]{0,60}\(([^\n]*)' % QUOTED_ADDRESS_CHARS)
# PEAR Mail's SMTP error (MediaWiki's and osTicket's mailer): 'Failed to add recipient: a@b [SMTP: Invalid
# response code received from server (code: 550, response: relay not permitted)]': the code, and the
# server's words to the parenthesis that closes "(code:".
PEAR_SMTP_ERROR_RE = re.compile(r"\(code: ([45][0-9][0-9]), response: ([^\n]*)")
JSON_ESCAPES = {"n": "\n", "t": "\t", "r": "\n", "b": "", "f": ""}
# A remote server's reply: a basic reply code, perhaps a status code, and its
# text (on the next line when the report wrapped it after the code; after a colon in
# Yahoo's "550: 5.7.1 Service unavailable" when a status code follows).  A code after
# an article without a status code after it is a note's words ("rejects the email
# with a 554 error"), not a reply.  The article is a word of its own: no letter of a Latin
# script before it ("ça 550 ..." has none), spelled out so that the page's pattern, without
# Unicode classes, reads the same (bounces/reply.js REPLY_RE).  A code glued to a letter is part of a
# word or an id (Mailjet's "Message_GUID": "1ab23cd4-e567-8901-..."), not a reply; a JSON string's
# escaped line break ("...\\n451-...") is no letter of a word.
WORD_START = r"(?<![0-9A-Za-z_\u00C0-\u024F])"
NOTE_CODE_AHEAD = (r"(?!(?:(?<=%s[Aa] )|(?<=%s[Aa]n )|(?<=%s[Tt]he ))[45][0-9][0-9] (?![245]\.))"
                   % (WORD_START, WORD_START, WORD_START))
REPLY_RE = re.compile(r"(?<![0-9.])(?<![^\\][A-Za-z])" + NOTE_CODE_AHEAD + r"[45][0-9][0-9](?:-[ \t]*\n[ \t]*(?=#?[245]\.[0-9]{1,3}\.[0-9]{1,3} )|[ -]|\n[ \t]+|\n(?=#?[245]\.[0-9]{1,3}\.[0-9]{1,3} )|: (?=[245]\.[0-9]{1,3}\.[0-9]{1,3} ))(?:[245]\.[0-9]{1,3}\.[0-9]{1,3}[ ]|#[245]\.[0-9]\.[0-9][ ])?[^\n]*")
# A multi-line reply's line that a mail client broke after its code ("555-", then "5.5.2 Syntax error" on
# the next line; a folded Diagnostic-Code's "555- 5.5.2" once unfolded): the line as the server sent it.
BROKEN_AFTER_CODE_RE = re.compile(r"^([45][0-9][0-9]-)[ \t\n]+(?=#?[245]\.[0-9]{1,3}\.[0-9]{1,3} )")
# A reply quoted without its basic code, on a line of its own ("5.2.1 <a@b>... User
# Unknown") or in a Diagnostic-Code field ("smtp; 5.4.7 - Delivery expired"): read only
# when the text holds no reply with one.
BARE_STATUS_REPLY_RE = re.compile(
    r"(?:(?<![^\n])|(?<=[Ss][Mm][Tt][Pp];)|(?<=[Ss][Mm][Tt][Pp]; ))[45]\.[0-9]{1,3}\.[0-9]{1,3} (?=\S)[^\n]*")
# Or quoted by a mail program that dropped its basic code: eM Client's log writes the reason a
# recipient was refused on the next line, in a double quote ('"4.3.0 <a@b>: Temporary lookup
# failure'); the reply starts after the quote (bounces/reply.js BARE_STATUS_REPLY_RE reads both at once).
QUOTED_STATUS_LINE_RE = re.compile(r'^[ \t]*"(?=[45]\.[0-9]{1,3}\.[0-9]{1,3} \S)', re.MULTILINE)
STATUS_REPLY_RE = re.compile(r"[45]\.[0-9]{1,3}\.[0-9]{1,3} (?=\S)[^\n]*")
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
# "<- 221 ...", sendmail's ">>> QUIT"), or a log's next entry under its program's lower-case
# label ("    relay: TempFail ..." after OpenSMTPD's "    smtp-in: ... => 451 Temporary failure").
TRANSCRIPT_LINE_AHEAD = r"(?![ \t]*(?:(?:->|<-|<\*\*|>>>|<<<)[ \t]|[a-z][a-z0-9-]*: ))"
# Exim's "host mx.example [192.0.2.1]: " before a reply, and up to three lines at the
# line start (not an address alone) that continue it.
EXIM_HOST_BEFORE_RE = ascii_compile(r"\bhost [^\s\[\]]+ \[[0-9A-Fa-f.:]+\]:[ \t]*$")
UNINDENTED_PARAGRAPH_RE = re.compile(r"(?:\n%s(?=[^\s])[^\n]*){0,3}" % ADDRESS_LINE_AHEAD)
# Exim's "SMTP error from remote mail server after RCPT TO:<a@b>:" (perhaps wrapped) on the lines
# before a reply that starts its own line, and up to three lines that continue it when a paste
# lost their indentation (not an address alone, a labelled field or a "--" separator).  Only a
# line as long as the report's wrapping makes them was wrapped: a short one ("550 Denied by
# policy") is the whole reply, and the line after it something else (an attachment's name).
EXIM_ERROR_BEFORE_RE = ascii_compile(r"\bSMTP error from remote (?:mail server|MTA) after[^\n]*(?:\n[^\n]*)?:[ \t]*\n$")
EXIM_ERROR_LOOKBEHIND = 160
WRAPPED_LINE_CHARS = 60
UNINDENTED_REPLY_LINES_RE = re.compile(r"(?:\n%s(?!%s)(?!--)(?=[^\s])[^\n]*){0,3}" % (ADDRESS_LINE_AHEAD, FIELD_LINE_RE.pattern))
# Up to six non-blank lines (a blank line ends the paragraph), and the end of Postfix's reply among them.
UNINDENTED_LINES_RE = re.compile(r"(?:\n[^\n]*\S[^\n]*){1,6}")
IN_REPLY_TO_RE = re.compile(r"\(in reply\s+to\s[^()]*?command\)")
# SendGrid's "550 5.1.1 <a@b>... User Unknown  in RCPT TO": the stage, written after the reply.
# Sought from the start of a run of spaces only: from each of its spaces, a reply of a long run took
# time in the square of its length.
STAGE_AFTER_RE = re.compile(r"(?<!\s)\s+in (?:RCPT TO|MAIL FROM|DATA)\s*$")
# Postfix's "said: 553" ending its line, a blank line after it (a paste that doubled every line
# break) or the reply's next line unindented (a copy that lost the indentation), and how many
# of the non-blank lines after it the reply may take.
SAID_CODE_AT_LINE_END_RE = ascii_compile(r"\bsaid:[ \t]*([45][0-9][0-9])[ \t]*\n(?:[ \t]*\n)?")
DOUBLED_REPLY_LINES = 6
# A log's "\n" written for each line break of a multi-line reply ("...from\n451-<a@b> ...").
LOGGED_BREAK_RE = re.compile(r"\\n(?=[245][0-9][0-9][ -])")
# A reply code is a reply's only with words or a status code after it: a web mail's attachment size
# "(~448 o)", an application's "Error Code: 550" before its own words on the next line are none.  Few
# are tried: a text of many such numbers would be searched anew from each.
WORDS_RE = re.compile(r"[A-Za-z\u00C0-\uD7FF\uE000-\uFFFF]{2}|[245]\.[0-9]{1,3}\.[0-9]")
WORDLESS_TRIES = 8
# A line break still escaped in a JSON string once read (a log that escaped the message twice:
# Monolog's "Error Code: 550 \\r\\nMessage: ..."): the reply's line ends there; so does a blank line
# (Mandrill's "diag" of a Lotus Notes report: "... 550 5.7.1 Unable to relay\n\n--==<boundary>").
ESCAPED_BREAK_RE = re.compile(r"\\r?\\n(?![245][0-9][0-9][ -])|\n[ \t]*\n")
# A web mail's log writes each line of the session with its escaped line end (RainLoop's and
# SnappyMail's "< 554 5.7.1 ...\\r\\n"), and its PHP exception the file and line that raised it
# ("... Access denied in /var/www/.../SmtpClient.php:794"): neither is the server's.
LOGGED_LINE_END_RE = re.compile(r"(?:\\r)?\\n$| in (?:[A-Za-z]:)?[\\/][^\s]*\.php:[0-9]+$", re.M)
# Exchange's record of a recipient's delivery status: the tracking log's "RecipientStatus :
# {[{LRT=};{LED=550 5.7.1 ...};{FQDN=};{IP=}]}", the message trace's "Reason: [{LED=...};{MSG=};...]",
# the queue's "LastError : [{LRT=...};{LED=450 ...};{FQDN=...}]", or "{LED=...}" alone.  The reply is
# the LED's value, read across the lines a console wrapped it on (blank lines between them when a page
# doubled the breaks) to the "}" that closes its "{" (a reply may hold braces: "IB305 i{2b0c...}").
EXCHANGE_LED_BEFORE_RE = re.compile(r"\{LED=$")
EXCHANGE_LED_CHARS = 4000
BLANK_LINES_RE = re.compile(r"\n(?:[ \t]*\n)+")
# A line break, or two around a blank line (a page that doubled every line break).
DOUBLED_BREAK = r"\n(?:[ \t]*\n)?"


def whole_reply(given: str | None, told: str | None) -> str | None:
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


def first_reply(text: str) -> str | None:
    """The first server reply in text, with the lines that continue it."""
    found = REPLY_RE.search(text)
    for _ in range(WORDLESS_TRIES):
        if not found:
            break
        reply = _reply_at(text, found)
        if WORDS_RE.search(reply, 3):
            return BROKEN_AFTER_CODE_RE.sub(r"\1", reply, count=1)
        found = REPLY_RE.search(text, found.start() + 3)  # the next code, on this line too
    if members := JSON_CODE_MESSAGE_RE.search(text) or ASYNCOS_RESPONSE_RE.search(text) or PYTHON_REPLY_RE.search(text):
        message = next(group for group in members.groups()[1:] if group is not None)
        return f"{members.group(1)} {json_unescaped(message)}"
    if mailer := WEBMAIL_SMTP_ERROR_RE.search(text) or PEAR_SMTP_ERROR_RE.search(text):
        return f"{mailer.group(1)} {before_unopened_parenthesis(mailer.group(2)).strip()}"
    # Before a status code alone at a line start: that may be the doubled reply's second line
    # ("said: 550", a blank line, "5.1.1 <a@b>: Recipient address rejected: ...").
    if doubled := _doubled_postfix_reply(text):
        return doubled
    found = _bare_status_reply(text)
    return _reply_at(text, found) if found else None


def _bare_status_reply(text: str) -> re.Match | None:
    """The first reply quoted without its basic code: at a line start, after "smtp;", or after a
    quote that opens its line."""
    quoted = QUOTED_STATUS_LINE_RE.search(text)
    found = [BARE_STATUS_REPLY_RE.search(text), quoted and STATUS_REPLY_RE.match(text, quoted.end())]
    return min((match for match in found if match), key=lambda match: match.start(), default=None)


def _reply_at(text: str, found: re.Match) -> str:
    """The reply that starts at found, with the lines that continue it, without the marks around it."""
    line_start = text.rfind("\n", 0, found.start()) + 1
    before = text[line_start : found.start()]
    if JSON_STRING_OPEN_RE.search(before):
        reply = json_unescaped(JSON_STRING_REST_RE.match(text, found.start()).group(0))
        return without_library_quote(ESCAPED_BREAK_RE.split(reply, 1)[0], before)
    if NODE_STRING_OPEN_RE.search(before):
        return json_unescaped(NODE_STRING_REST_RE.match(text, found.start()).group(0))
    if EXCHANGE_LED_BEFORE_RE.search(before) and (close := _closing_brace(text, found.start())) is not None:
        return BLANK_LINES_RE.sub("\n", text[found.start() : close])
    # A multi-line reply whose lines Postfix joined and wrapped again ("550-Verification failed for
    # <a@b> 550-The mail server could not" on one line, its rest indented below) is wrapped text.
    joined = re.search(r"\s%s[ -]" % re.escape(found.group(0)[:3]), found.group(0))
    # A log's lines each after the same stamp ("[15-Aug-2018 04:28:19 -0500]: <id> Recv: 550-..."), a
    # blank line between them where a page doubled the line breaks (SnappyMail's log pasted so).
    code, marks = re.escape(found.group(0)[:3]), re.escape(before)
    logged = re.compile(DOUBLED_BREAK + marks + code).match(text, found.end())
    # Or its first line after the report's words, the rest at the line start (qmail's "Remote host said:
    # 550-5.7.1 ...", then "550-5.7.1 ..." lines and the last "550 5.7.1 ...").
    said_first = not logged and re.compile(DOUBLED_BREAK + code + "[ -]").match(text, found.end())
    if said_first:
        marks = ""
    if found.group(0)[3] == "-" and (not TEXT_BEFORE_RE.search(before) or logged or said_first) and not joined:
        # A multi-line reply on lines of its own ("550-5.1.1 ...", then "550 5.1.1 ..."
        # last), as Gmail quotes it, each line after the same marks ("<<< ", "> ").
        lines = re.compile(r"(?:%s%s%s-[^\n]*)*(?:%s%s%s [^\n]*)?" % (DOUBLED_BREAK, marks, code, DOUBLED_BREAK, marks, code))
        reply = found.group(0) + lines.match(text, found.end()).group(0)
        if text[:max(line_start - 1, 0)].rstrip().endswith("said:") and "(in reply to" not in reply:
            # Postfix's "said:" reply re-wrapped by a page, its code lines no longer each at a line start.
            reply = _postfix_tail(reply, text, found.start() + len(reply))
        reply = LOGGED_LINE_END_RE.sub("", BLANK_LINES_RE.sub("\n", reply))
        # The marks are the transcript's or the quote's, not the server's words.
        return balanced(reply.replace("\n" + before, "\n") if before.strip() and not said_first else reply, before)
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
    return balanced(LOGGED_LINE_END_RE.sub("", LOGGED_BREAK_RE.sub("\n", reply)), before)


def _closing_brace(text: str, start: int) -> int | None:
    """Where the "}" that closes a brace opened before start is, within EXCHANGE_LED_CHARS, if any."""
    return unopened_close(text, "{}", start, start + EXCHANGE_LED_CHARS)


def _doubled_postfix_reply(text: str) -> str | None:
    """Postfix's "said: 553" at a line's end, whose lines a paste doubled every line break of or
    put at the line start: the reply's lines, blank lines between them, read to its "(in reply
    to ... command)"; none without that close."""
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


def json_unescaped(text: str) -> str:
    def one(match: re.Match) -> str:
        escape = match.group(1)
        if len(escape) == 5:
            return chr(int(escape[1:], 16))
        return JSON_ESCAPES.get(escape, escape)
    return well_formed(JSON_ESCAPE_RE.sub(one, text))  # "\ud83d\ude00" is one character, "\ud800" none

