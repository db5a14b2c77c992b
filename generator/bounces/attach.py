"""Which reason goes with which code of a lookup, and which reasons no code carries.

A lookup lists codes, most relevant first.  For a pasted bounce each failed
recipient's verdict joins the code its status names (the first recipient's
joins the most relevant code when its status is not among them, unless another
recipient's status names that code); a reason that
no code carries becomes an item of its own, with no code: first when no code
has a reason, else after the codes.  A one-line query is read the same way
("550 5.7.1 IP address blacklisted" is blocked, a reason 5.7.1 alone does not give);
when nothing in it decides, each code gets the reason its status code says
(``44316`` is expired), if the rules give one.  For a bounce, the verdicts go
along: the lookup names each reason's recipients and the server's reply; so
does a one-line paste that names its recipient (a log line, an ESP's event).
A text that is no bounce (an automatic reply, a complaint: not_bounce.py) is
one item without a code, first, and its codes carry no reason.  The lookup
page's bounces/attach.js does the same.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from generator.bounces.address import ADDRESS_RE
from generator.bounces.classify import Verdict, classify
from generator.bounces.report import RECIPIENT_FIELD_RE
from generator.bounces.rules import Rules, load_rules

# The message a structured log's entry is about, as a JSON member (maddy's "msg_id": "2f6f32e9").
MESSAGE_ID_MEMBER_RE = re.compile(r'"(?:msg_id|message_id|queue_id)" ?: ?"([^"\\]+)"')


@dataclass(frozen=True)
class Attached:
    by_code: tuple[str | None, ...]   # the reason of each code, in the lookup's order
    before: tuple[str, ...]           # reasons without a code, listed before the codes
    after: tuple[str, ...]            # reasons without a code, listed after them
    verdicts: tuple[Verdict, ...] = ()  # a bounce's failed recipients, to say whom each reason is about


def attach_reasons(text: str, codes: list[str], bounce: bool, rules: Rules | None = None) -> Attached:
    rules = rules or load_rules()
    verdicts = classify(text, rules)
    if verdicts[0].reason in rules.not_bounce.reasons:
        # Not a bounce (an automatic reply, a complaint...): what it is comes first, and no code it
        # happens to hold is a failed recipient's.
        return Attached((None,) * len(codes), (verdicts[0].reason,), ())
    if bounce:
        return replace(attach(codes, verdicts), verdicts=tuple(verdicts))
    if verdicts[0].reason != rules.default:
        # A one-line paste that names its recipient (a log line, an ESP's event) says whom it is about.
        return replace(attach(codes, verdicts), verdicts=tuple(v for v in verdicts if v.recipient))
    return Attached(tuple(rules.code_reason(code) for code in codes), (), ())


def attach(codes: list[str], verdicts: list[Verdict]) -> Attached:
    by_code: list[str | None] = [None] * len(codes)
    alone: list[str] = []
    # The most relevant code is not the first recipient's when another recipient's status names it.
    others = {verdict.status for verdict in verdicts[1:]}
    for number, verdict in enumerate(verdicts):
        slot = next((i for i, code in enumerate(codes) if code == verdict.status and by_code[i] is None), None)
        if slot is None and number == 0 and codes and by_code[0] is None and codes[0] not in others:
            slot = 0
        if slot is not None:
            by_code[slot] = verdict.reason
        elif verdict.reason not in alone and verdict.reason not in by_code:
            alone.append(verdict.reason)
    if any(by_code):
        return Attached(tuple(by_code), (), tuple(alone))
    return Attached(tuple(by_code), tuple(alone), ())


def recipients_first(text: str, codes: list[str], verdicts: tuple[Verdict, ...],
                     code_lines: Callable[[str], list[str]]) -> list[int]:
    """The order to list the codes of a report without delivery-status fields (a log, a paste of
    prose) in: those on a line that names a failed recipient first, then the others, each in the
    order given.  A log of several messages holds lines about other ones (another queue ID's
    deferral) whose codes concern none of the recipients the answer is about.  A code whose lines
    name only other messages than the failed recipients' lines do is left out: maddy's log checks
    the DSN it generated ("msgpipeline: no check action {"msg_id": <the DSN's id>, ...,
    "smtp_enchcode": "5.7.20"}"), a code of no failure of the recipient's.  A report's
    delivery-status fields say which codes are a recipient's: its order stands."""
    recipients = {verdict.recipient for verdict in verdicts if verdict.recipient}
    if not recipients or RECIPIENT_FIELD_RE.search(text):
        return list(range(len(codes)))

    def names_one(code: str) -> bool:
        return any(address.lower() in recipients for line in code_lines(code) for address in ADDRESS_RE.findall(line))

    named = [names_one(code) for code in codes]
    failed_ids = {found for index, code in enumerate(codes) if named[index] for found in _message_ids(code_lines(code))}

    def about_another(index: int) -> bool:
        ids = _message_ids(code_lines(codes[index]))
        return bool(failed_ids and ids) and not named[index] and not ids & failed_ids

    kept = [index for index in range(len(codes)) if not about_another(index)]
    return sorted(kept, key=lambda index: not named[index])


def _message_ids(lines: list[str]) -> set[str]:
    """The messages a structured log's lines name: maddy's JSON entries say "msg_id": "2f6f32e9"."""
    return {found.group(1) for line in lines for found in MESSAGE_ID_MEMBER_RE.finditer(line)}
