"""A bounce as the text the reason rules read: its headers and its report.

The MIME walk is generator.bounces.message's (every part decoded, HTML as text); this
module only keeps what the sender's MTA wrote and drops the returned original
message, whose headers and body say nothing about why delivery failed.  A
forwarded bounce with no report of its own yields the inner message's report.
"""
from __future__ import annotations

import email
import email.message
import re
from dataclasses import dataclass

from generator.bounces.ascii_words import ascii_compile
from generator.bounces.message import bounded_message, original_message_start, parse_message, report_parts

# Where a whole message (a forwarded bounce) starts inside a text part: after
# an mbox separator ("From MAILER-DAEMON  Thu Apr 29 23:34:45 2015"), a mail
# program's "Begin forwarded message:" line, or Outlook's "-----Original
# Message-----" or its rule of underscores ("____", a reply's or a forward's
# earlier message), each with that message's header lines (in the user's
# language: "Fra:", "Von:") right under it; a returned original announced by a
# dashed line ("----- Original message -----" in Gmail's) has a blank line first.
FORWARDED_RE = re.compile(
    r"^(?:From [^ \n]+ +[A-Z][a-z]{2} [A-Z][a-z]{2} +[0-9]|Begin forwarded message:|-+ ?Forwarded message ?-+"
    r"|(?:-{5}[^\n-][^\n]{0,40}?-{5}|_{10,})[ \t]*(?=\n[^\s:][^\n:]{0,30}:))",
    re.MULTILINE,
)
# The header lines a mail program writes over a forwarded or quoted message, in the reader's language:
# German, French ("De :", "À :" in Outlook), Spanish, Polish, Korean and Japanese beside English, each
# read as its English name ("Od:" as "From:", "받는 사람:" as "To:").  Python's parser stops its header
# block at a name that is not ASCII or holds a space ("보낸 사람:", "Enviado el:").
FIELD_NAMES = (
    ("From", r"From|Von|De|Od|보낸 ?사람|差出人"),
    ("To", r"To|An|À|Para|Do|받는 ?사람|宛先"),
    ("Cc", r"Cc|Kopie|DW|참조"),
    ("Subject", r"Subject|Betreff|Objet|Asunto|Temat|제목|件名"),
    ("Date", r"Date|Datum|Gesendet|Envoyé|Enviado(?: el)?|Fecha|Data|Wysłano|보낸 ?날짜|날짜|送信日時|日付"),
)
FIELD_NAME_RE = re.compile(
    "^(?:" + "|".join(f"(?P<{english.lower()}>{names})" for english, names in FIELD_NAMES) + ")[ \t]*:",
    re.IGNORECASE | re.MULTILINE)
FIELD_ENGLISH = {english.lower(): english for english, _ in FIELD_NAMES}
# A list manager's notice that carries the bounce it received (ezmlm's warning: "I've attached a copy of
# the first bounce message I received", "--- Below this line is a copy of the bounce message I received.";
# Mailman's "Uncaught bounce notification": "The attached message was received as a bounce"): the message
# after it is that bounce, read as a forwarded one, not a returned original (which says nothing).  Only the
# notice's own words, before the cut, tell it: an ordinary bounce's returned original is never read.
CARRIED_BOUNCE_RE = ascii_compile(
    r"\bcopy\s+of\s+the\s+(?:first\s+)?bounce\s+message\s+I\s+received\b"
    r"|\bThe\s+attached\s+message\s+was\s+received\s+as\s+a\s+bounce\b",
    re.IGNORECASE)
# The field that starts each recipient's group of an RFC 3464 report.
RECIPIENT_FIELD_RE = re.compile(r"^(?:Final|Original)-Recipient:", re.MULTILINE | re.IGNORECASE)
QUOTE_MARK_RE = re.compile(r"^> ?", re.MULTILINE)
# Postmark's bounce payload (it has a "TypeCode") describes the bounce's TYPE in a
# fixed "Description" ("... (ex: unknown user, mailbox not found)." for every hard
# bounce); this bounce's own words are in "Details".
POSTMARK_PAYLOAD_RE = re.compile(r'"TypeCode"\s*:')
TYPE_DESCRIPTION_RE = re.compile(r'"Description"\s*:\s*"(?:[^"\\\n]|\\.)*"\s*,?')
# A forwarded bounce with every line quoted: most of its lines start with ">".
QUOTED_SHARE = 0.5
# How many bounces forwarded one inside another are read as such: each is read again from the
# text after its forwarding line, so a text of many such lines took time in the square of their number.
MAX_FORWARDED = 10


@dataclass(frozen=True)
class Report:
    headers: str   # the bounce's own header fields, one a line, unfolded
    body: str      # the decoded report: prose, transcripts, delivery-status fields


def read_report(text: str) -> Report:
    return _report(parse_message(text))


def _report(message: email.message.Message, forwarded_depth: int = 0) -> Report:
    headers = "\n".join(f"{name}: {_unfold(str(value))}" for name, value in message.items())
    texts, embedded = report_parts(message)
    parts = []
    forwarded_messages = []
    carried = False
    for text in texts:
        text = _without_type_description(_unquoted(text))
        forwarded = FORWARDED_RE.search(text)
        # One inside the returned message (its thread's earlier message) was not forwarded to us.
        if forwarded and forwarded_depth < MAX_FORWARDED and forwarded.start() <= original_message_start(text):
            inner_text = text[forwarded.end():].split("\n", 1)[-1].lstrip("\n")
            forwarded_messages.append(bounded_message(english_field_names(inner_text)))
            text = text[: forwarded.start()]
        cut = original_message_start(text)
        carries = bool(CARRIED_BOUNCE_RE.search(text, 0, cut))
        carried = carried or carries
        if carries and cut < len(text) and forwarded_depth < MAX_FORWARDED:
            forwarded_messages.append(parse_message(text[cut:]))
        parts.append(text[:cut])
    body = "\n\n".join(part for part in parts if part.strip())
    inner = [_report(message, forwarded_depth) for message in embedded]
    forwarded_reports = [_report(message, forwarded_depth + 1) for message in forwarded_messages]
    if not body.strip() and inner + forwarded_reports:
        return (inner + forwarded_reports)[0]
    # A bounce forwarded in the text (under the forwarder's note) or one inside
    # this one with its delivery-status fields says more than its wrapper.
    reports = [report.body for report in inner if carried or RECIPIENT_FIELD_RE.search(report.body)]
    reports += [report.body for report in forwarded_reports]
    return Report(headers=headers, body="\n\n".join([body, *reports]) if reports else body)


def english_field_names(text: str) -> str:
    """A forwarded message with the names of its header block's From, To, Cc, Subject and Date lines in English."""
    head, blank, rest = text.partition("\n\n")
    return FIELD_NAME_RE.sub(lambda field: f"{FIELD_ENGLISH[field.lastgroup]}:", head) + blank + rest


def _unquoted(text: str) -> str:
    lines = [line for line in text.split("\n") if line.strip()]
    quoted = sum(line.startswith(">") for line in lines)
    return QUOTE_MARK_RE.sub("", text) if lines and quoted / len(lines) >= QUOTED_SHARE else text


def _without_type_description(text: str) -> str:
    return TYPE_DESCRIPTION_RE.sub("", text) if POSTMARK_PAYLOAD_RE.search(text) else text


def _unfold(value: str) -> str:
    return " ".join(value.split())
