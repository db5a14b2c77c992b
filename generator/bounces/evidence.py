"""What a bounce says about each failed recipient, read from its report text.

Every reader of the reason rules (this module, and the lookup page's
JavaScript) first turns a bounce into a list of Evidence records with the same
text-level steps, so that the rules in generator/data/reasons/rules.json see
the same fields everywhere:

- Recipients come from RFC 3464 per-recipient groups (``Final-Recipient``
  with its ``Action``, ``Status`` and ``Diagnostic-Code``) when the report has
  them (failed ones; else delayed ones; else all); else from Java Mail's
  refusals pasted together (one failure each); else from an
  ``X-Failed-Recipients`` header; else from the addresses that start lines of
  the prose (``<a@b>: ...``, an indented address), or failing that every
  address it names, minus the bounce's own From/To, the ``MAIL FROM:<...>``
  of a transcript and the contacts it gives ("please contact <...>").
- ``prose`` is what the prose says about one recipient: its entries in a queue
  listing or a bounce log, else the stretches of text from each mention of it
  to the next mention of another recipient of the report.  With a single
  recipient it is the whole report.
- ``diagnosis`` is the Diagnostic-Code with its type (``smtp; 550 ...``,
  ``X-Unix; 71``), or the prose when there is none.
- ``command`` is the SMTP command the failing reply answered, from phrasings
  in rules.json ("in reply to RCPT TO command", "after MAIL FROM", a
  transcript's first ``>>>`` line).

The readings themselves have modules of their own: dsn_groups (the
per-recipient fields), java_mail (Java Mail's refusals), recipients (which
addresses prose names as failed), queue_listing and bounce_log (a queue's or
a log's entries), json_events (an ESP's batch of events, each recipient's own), reply (the server's
reply, whatever shape it is quoted in).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace

from generator.bounces.address import ADDRESS_RE
from generator.bounces.ascii_words import ascii_compile
from generator.bounces.bounce_log import bounce_log_entries
from generator.bounces.dsn_groups import dsn_groups
from generator.bounces.java_mail import java_mail_entries
from generator.bounces.json_events import DELIVERED_EVENT, NOT_DELIVERED_EVENT, event_entries
from generator.bounces.once import Once
from generator.bounces.queue_listing import queue_entries, without_queue_lines
from generator.bounces.recipients import prose_recipients
from generator.bounces.reply import REPLY_RE, WEBMAIL_SMTP_ERROR_HEAD, first_reply, whole_reply
from generator.bounces.report import Report
from generator.bounces.table_rows import DELIVERED_STATUS, NOT_DELIVERED_STATUS, table_entries

# What separates the addresses of one list: recipients named only together.
LIST_SEPARATOR_RE = re.compile(r"[>\s,;]*<?")
# Status X.0.0, "other or undefined": what Postfix writes when it could not read the reply's code.
UNDEFINED_STATUS_RE = re.compile(r"[245]\.0\.0$")
# Not a version in a file path ("python2.7.3", "ruby/2.3.0/net/smtp.rb" in a stack trace).
STATUS_RE = re.compile(r"(?<![0-9.A-Za-z/])([245]\.[0-9]{1,3}\.[0-9]{1,3})(?![0-9]|\.[0-9])")
# In prose only a failure's status is the recipient's: a transcript's "250 2.1.0 Ok" to
# MAIL FROM precedes the "554 5.7.1" that refused the recipient.
FAILURE_STATUS_RE = re.compile(r"(?<![0-9.A-Za-z/])([45]\.[0-9]{1,3}\.[0-9]{1,3})(?![0-9]|\.[0-9])")
# A log's line for a recipient it delivered to (Postfix's "status=sent", sendmail's
# "stat=Sent", OpenSMTPD's "stat=Delivered", Exim's server confirmation 'C="250 ..."'):
# that recipient did not fail.
# So does an ESP's event of a type that tells of no failure (json_events.DELIVERED_EVENT), and Exchange
# Online's "<address>##Receive, Deliver" (table_rows.DELIVERED_STATUS).
DELIVERED_RE = ascii_compile(r'\bstatus=sent\b|\bstat=(?:Sent|Delivered)\b|\bC="250[ -]|' + DELIVERED_EVENT + "|" + DELIVERED_STATUS)
# A log's line for a recipient it did not deliver to (deferred, bounced, expired): the
# recipient's last logged outcome counts, so a delivery after a deferral is a delivery.
NOT_DELIVERED_RE = ascii_compile(r'\bstatus=(?:deferred|bounced|expired)\b|\bstat=(?!(?:Sent|Delivered)\b)[A-Za-z]|\bdefer \(-?[0-9]+\)| \*\* [^ \n]+@|'
                                 + NOT_DELIVERED_EVENT + "|" + NOT_DELIVERED_STATUS)
# The returned message's subject, quoted by the report (Exchange's "Subject: ...", Exim's "The subject of
# the message is: ..."), or a returned header block's Subject line: the sender's words, not the failure's.
RETURNED_SUBJECT_RE = re.compile(r"^[ \t]*(?:Subject|The subject of the message is):[^\n]*", re.MULTILINE)
FAILED_ACTIONS = ("failed", "")


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
    groups = dsn_groups(report.body)
    failed = [group for group in groups if group["action"] in FAILED_ACTIONS]
    chosen = failed or [group for group in groups if group["action"] == "delayed"] or groups
    if not chosen:
        # Java Mail's refusals pasted together: each its own failure, with its own text.
        chosen = [{"recipient": address, "action": "", "status": "", "diagnosis": "", "prose": text}
                  for address, text in java_mail_entries(report.body)] or [
                     {"recipient": address, "action": "", "status": "", "diagnosis": ""}
                     for address in prose_recipients(report)] or [
                     {"recipient": None, "action": "", "status": "", "diagnosis": ""}]
    recipients = [group["recipient"] for group in groups or chosen]
    own = (queue_entries(report.body, recipients) or table_entries(report.body, recipients)
           or event_entries(report.body, recipients))
    mentions = own or bounce_log_entries(report.body, recipients) or _prose_by_recipient(report.body, recipients)
    once = Once()
    records = [_evidence(group, mentions, report, commands, family, once, bool(own)) for group in chosen]
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


def _evidence(group: dict, mentions: dict, report: Report, commands, family, once: Once, own: bool) -> Evidence:
    if "prose" in group:
        prose = group["prose"]
    elif group["recipient"] in mentions:
        prose = mentions[group["recipient"]]
    else:
        prose = once(without_queue_lines, report.body)
    prose = once(_without_returned_subjects, prose)
    diagnosis = group["diagnosis"] or prose
    status = _specific_status(_first_status(group["status"]),
                              _first_status(group["diagnosis"]) or once(_first_failure_status, prose))
    reply = whole_reply(first_reply(group["diagnosis"]), once(first_reply, prose))
    return Evidence(
        recipient=group["recipient"],
        action=group["action"],
        status=status,
        reply=" ".join(reply.split()) if reply else None,
        diagnosis=diagnosis,
        prose=prose,
        # A queue listing's entries and a table's rows are other messages: the SMTP command one names is not another's.
        command=_command(commands, [group["diagnosis"], prose] + ([] if own else [report.body]), once),
        family=family,
        text=report.body,
        headers=report.headers,
        retry=group.get("retry", ""),
    )


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
    mentions = [(_stretch_start(body, match.start()), match.group(0).lower()) for match in _outside_replies(body, found)]
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


# A web mail's error before the address it names ('SMTP Error (550): Failed to add recipient "a@b" (...)'),
# and how far before the address it may start.
WEBMAIL_ERROR_BEFORE_RE = ascii_compile(WEBMAIL_SMTP_ERROR_HEAD + "$")
WEBMAIL_ERROR_REACH = 120


def _stretch_start(body: str, start: int) -> int:
    """Where the stretch of prose of the recipient mentioned at start begins: at the mention, or at the
    web mail's error that names it, whose reply code stands before the address (two of Roundcube's
    errors pasted together: each address's stretch holds its own code, not the next one's)."""
    found = WEBMAIL_ERROR_BEFORE_RE.search(body, max(0, start - WEBMAIL_ERROR_REACH), start)
    return found.start() if found else start


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

