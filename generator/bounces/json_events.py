"""An ESP's events pasted as JSON, read event by event.

ESPs post their webhook events in batches, a JSON array of events (SendGrid, SparkPost), and list
them so through their APIs (Mailgun's "items"): a batch may hold a bounce for one recipient beside
a delivery, an open or a click for another.  Each event names its recipient in a member of its own
(recipients.JSON_RECIPIENT_RE): a recipient's event is the widest object around that member that
names no other recipient, and what it says (its type, its reply) is that recipient's, not the
batch's.  The lookup page reads a batch alike (site_overrides/assets/javascripts/bounces/json_events.js).
"""
from __future__ import annotations

import bisect
import re

from generator.bounces.recipients import JSON_RECIPIENT_RE

# A brace, or a quote that opens a JSON string (its braces are text), and the rest of the string: to its
# closing quote, or to its line's end when it has none (read once: sought anew from each quote of a line of
# unclosed ones, it took time in the square of the line's length).
OBJECT_MARK_RE = re.compile(r'["{}]')
STRING_REST_RE = re.compile(r'(?:[^"\\\n]|\\[^\n])*["\\]?')
# An event's type (SendGrid's and Mailgun's "event", SparkPost's and Resend's "type", SES's "eventType"
# and "notificationType", Postmark's "RecordType"), and the types that tell of no failure: the message
# was accepted, sent, delivered, opened, clicked, or its recipient unsubscribed.
EVENT_TYPE = r'"(?:[Ee]vent|[Tt]ype|eventType|notificationType|RecordType)"\s*:\s*"'
NO_FAILURE_TYPES = (r'(?:email\.)?(?:[Dd]eliver(?:ed|y)|[Pp]rocessed|[Ii]njection|[Aa]ccepted|[Ss]en[dt]|[Rr]equest'
                    r'|(?:unique_)?[Oo]pen(?:ed)?|[Cc]lick(?:ed)?|(?:list_|link_)?[Uu]nsubscribed?|SubscriptionChange'
                    r'|MessageSent|MessageLoaded|MessageLinkClicked)"')
# An event of such a type, and one of any other (a bounce, a deferral, a drop): the recipient's last
# event counts, as a log's last line does (evidence.DELIVERED_RE).
DELIVERED_EVENT = EVENT_TYPE + NO_FAILURE_TYPES
NOT_DELIVERED_EVENT = EVENT_TYPE + "(?!" + NO_FAILURE_TYPES + ")"
# How many objects around a recipient's member are looked at, innermost first: an event's
# recipient sits at most a few levels down in it (SparkPost's {"msys": {"message_event": {...}}}).
EVENT_DEPTH = 6
# How many objects closed before a member are stepped out of to find the one holding it (bounded: a
# text of deeply nested objects would be walked out of anew from each member).
ENCLOSING_STEPS = 64


def event_entries(body: str, recipients: list[str | None]) -> dict[str, str]:
    """Each recipient's events, their texts one after another, when the text is a batch of events
    naming two recipients or more; none otherwise (one event is the whole text)."""
    wanted = {recipient for recipient in recipients if recipient}
    if len(wanted) < 2:
        return {}
    members = [(found.start(), found.group(1).lower()) for found in JSON_RECIPIENT_RE.finditer(body)]
    members = [(at, address) for at, address in members if address in wanted]
    if len({address for _, address in members}) < 2:
        return {}
    objects = _objects(body)
    starts = [start for start, _, _ in objects]
    positions = [at for at, _ in members]
    runs = _runs([address for _, address in members])  # members of one recipient in a row share a run
    events: dict[str, list[tuple[int, int]]] = {}
    for index, (at, address) in enumerate(members):
        event = _event(objects, starts, positions, runs, index, at)
        if event and event not in events.setdefault(address, []):
            events[address].append(event)
    return {address: "\n".join(body[start:end] for start, end in spans) for address, spans in events.items()}


def _objects(body: str) -> list[tuple[int, int, int]]:
    """Each JSON object's (start, end, parent's index or -1), in the order they open; one left
    open ends with the text."""
    objects: list[list[int]] = []
    open_ones: list[int] = []
    at = 0
    while found := OBJECT_MARK_RE.search(body, at):
        mark, at = found.group(0), found.end()
        if mark == '"':
            at = STRING_REST_RE.match(body, at).end()
        elif mark == "{":
            objects.append([found.start(), len(body), open_ones[-1] if open_ones else -1])
            open_ones.append(len(objects) - 1)
        elif open_ones:
            objects[open_ones.pop()][1] = found.end()
    return [(start, end, parent) for start, end, parent in objects]


def _runs(addresses: list[str]) -> list[int]:
    """For each member, the number of the run of members of one recipient in a row it belongs to."""
    runs, run = [], 0
    for index, address in enumerate(addresses):
        if index and address != addresses[index - 1]:
            run += 1
        runs.append(run)
    return runs


def _event(objects, starts, positions, runs, index: int, at: int) -> tuple[int, int] | None:
    """The widest object around the member at `at` (the index-th) naming no other recipient."""
    inner = bisect.bisect_right(starts, at) - 1
    for _ in range(ENCLOSING_STEPS):  # from an object closed before the member out to one holding it
        if inner < 0 or objects[inner][1] > at:
            break
        inner = objects[inner][2]
    else:
        return None
    event = None
    for _ in range(EVENT_DEPTH):
        if inner < 0:
            break
        start, end, parent = objects[inner]
        first = bisect.bisect_left(positions, start)
        last = bisect.bisect_left(positions, end) - 1
        if runs[first] != runs[index] or runs[last] != runs[index]:
            break
        event, inner = (start, end), parent
    return event
