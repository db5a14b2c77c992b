"""Inline SVG figures drawn at build time: an entry's delivery path with the
step where its code fails marked, and the overview's retry timeline.

Plain SVG inside the page: no script, nothing fetched.  Colours come from
the theme through the classes styled in site_overrides/.../mfkb.css.  SVG
text does not wrap, so labels are wrapped here, by an estimate of their
width that errs on the wide side (the browser tests measure the real one).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Callable, Iterable

from generator.i18n.labels import N_

Gettext = Callable[[str], str]

WIDTH = 480          # user units; the figure shows at this many CSS pixels, less on narrow screens
FONT_SIZE = 14
LINE_HEIGHT = 19
PAD = 9              # inside a box, above and below the text
GAP = 12             # between two rows
RAIL_X = 18          # the vertical line with the step markers
MARK_R = 11
BOX_X = 38
TEXT_X = BOX_X + 12
BADGE_SPACE = 30     # right end of a box, kept for the passed/failed badge


@dataclass(frozen=True)
class Step:
    key: str    # a Stage value, or "queue" / "ndr" for what follows a failure
    label: str  # English msgid


DELIVERY_STEPS = (
    Step("dns", N_("Look up the smart host or MX record in DNS")),
    Step("connect", N_("Open a TCP connection to port 25")),
    Step("smtp", N_("SMTP greeting from the receiving server")),
    Step("tls", N_("STARTTLS and certificate check")),
    Step("transfer", N_("Transfer the message")),
)
# What happens after a failure depends on the class of the code.
OUTCOME_STEPS = {
    "transient": (Step("queue", N_("Queued and retried")), Step("ndr", N_("NDR to the sender after 24 hours"))),
    "permanent": (Step("ndr", N_("NDR to the sender")),),
}

NOT_TIED = N_("This fault is not tied to one step of the delivery path.")

# --- text --------------------------------------------------------------------

def text_width(text: str, size: float = FONT_SIZE, bold: bool = False) -> float:
    """Estimated advance width: CJK full width, Latin by rough glyph class."""
    em = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in "WF":
            em += 1.0
        elif char == " ":
            em += 0.3
        elif char.isupper() or char.isdigit() or char in "mw%@":
            em += 0.7
        else:
            em += 0.56
    return em * size * (1.08 if bold else 1.0)


def split_word(word: str, width: float, bold: bool) -> list[str]:
    """A word wider than the line (Korean compounds, long host names) is cut between characters."""
    pieces, current = [], ""
    for char in word:
        if current and text_width(current + char, bold=bold) > width:
            pieces.append(current)
            current = ""
        current += char
    return pieces + [current]


def wrap(text: str, width: float, bold: bool = False) -> list[str]:
    return list(wrapped(text, width, bold))


@lru_cache(maxsize=4096)  # the step labels are the same on every entry page
def wrapped(text: str, width: float, bold: bool) -> tuple[str, ...]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        for piece in split_word(word, width, bold):
            candidate = f"{current} {piece}" if current else piece
            if current and text_width(candidate, bold=bold) > width:
                lines.append(current)
                current = piece
            else:
                current = candidate
    return tuple(lines + [current] if current else lines or [""])


def text_block(x: float, top: float, lines: list[str], css: str) -> str:
    """One <text> whose lines are <tspan>s, the first baseline one line below `top`."""
    spans = "".join(
        f'<tspan x="{x}" dy="{LINE_HEIGHT if index else LINE_HEIGHT - 5}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return f'<text class="{css}" x="{x}" y="{top}">{spans}</text>'


def svg(figure_id: str, css: str, height: float, title: str, desc: str, body: Iterable[str]) -> str:
    """The figure: one line of HTML (a blank line would end Markdown's raw HTML block)."""
    title_id, desc_id = f"{figure_id}-title", f"{figure_id}-desc"
    return (
        f'<figure class="mfkb-figure {css}" data-search-exclude>'
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'viewBox="0 0 {WIDTH} {height:g}" width="{WIDTH}" height="{height:g}" font-size="{FONT_SIZE}">'
        f'<title id="{title_id}">{escape(title)}</title><desc id="{desc_id}">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg></figure>"
    )


# --- markers -----------------------------------------------------------------

def marker(cy: float, content: str, css: str) -> str:
    return f'<g class="{css}"><circle cx="{RAIL_X}" cy="{cy:g}" r="{MARK_R}"/>{content}</g>'


def number(cy: float, n: int) -> str:
    return f'<text class="mfkb-mark__number" x="{RAIL_X}" y="{cy + 5:g}" text-anchor="middle">{n}</text>'


def check_badge(x: float, cy: float) -> str:
    """Drawn, not a glyph: ✓ is missing from some fonts."""
    return f'<path class="mfkb-badge mfkb-badge--passed" d="M{x - 6:g} {cy:g}l4 4l8-9"/>'


def cross_badge(x: float, cy: float) -> str:
    return f'<path class="mfkb-badge mfkb-badge--failed" d="M{x - 6:g} {cy - 6:g}l12 12m0-12l-12 12"/>'


# --- delivery path -----------------------------------------------------------

def step_states(stage: str, steps: tuple[Step, ...]) -> list[str]:
    """passed / failed / skipped for the delivery steps; `neutral` when the
    stage is `other`: such a fault is not tied to one step, and marking a
    guessed step would mislead."""
    keys = [step.key for step in steps]
    if stage not in keys:
        return ["neutral"] * len(steps)
    failed = keys.index(stage)
    return ["passed"] * failed + ["failed"] + ["skipped"] * (len(steps) - failed - 1)


def step_row(index: int, step: Step, state: str, top: float, failed_label: str, gettext: Gettext) -> tuple[str, float]:
    """One step: its box, label (and on the failing step what went wrong), badge and numbered marker."""
    if state == "failed":
        return drawn_step_row(index, step, state, top, gettext(step.label), failed_label)
    return unnamed_step_row(index, step, state, top, gettext(step.label))


@lru_cache(maxsize=1024)  # only the failing step names the entry: the others recur on page after page
def unnamed_step_row(index: int, step: Step, state: str, top: float, label: str) -> tuple[str, float]:
    return drawn_step_row(index, step, state, top, label, "")


def drawn_step_row(index: int, step: Step, state: str, top: float, label: str, failed_label: str) -> tuple[str, float]:
    room = WIDTH - TEXT_X - BADGE_SPACE
    label_lines = wrap(label, room)
    what_lines = wrap(failed_label, room, bold=True) if state == "failed" else []
    height = 2 * PAD + LINE_HEIGHT * (len(label_lines) + len(what_lines))
    cy = top + height / 2
    parts = [
        f'<rect class="mfkb-step__box" x="{BOX_X}" y="{top:g}" width="{WIDTH - BOX_X - 1}" height="{height:g}" rx="6"/>',
        text_block(TEXT_X, top + PAD, label_lines, "mfkb-step__label"),
    ]
    if what_lines:
        parts.append(text_block(TEXT_X, top + PAD + LINE_HEIGHT * len(label_lines), what_lines, "mfkb-step__what"))
    badge = {"passed": check_badge, "failed": cross_badge}.get(state)
    if badge:
        parts.append(badge(WIDTH - BADGE_SPACE / 2 - 2, cy))
    parts.append(marker(cy, number(cy, index), "mfkb-mark"))
    return f'<g class="mfkb-step mfkb-step--{state}" data-step="{step.key}">{"".join(parts)}</g>', height


def delivery_path(code: str, stage: str, severity: str, what: str, gettext: Gettext) -> str:
    """The delivery path of one entry; `what` is the entry's title in the page's language."""
    steps = DELIVERY_STEPS + OUTCOME_STEPS.get(severity, ())
    states = step_states(stage, DELIVERY_STEPS) + ["outcome"] * (len(steps) - len(DELIVERY_STEPS))
    failed_label = gettext("Fails here: %(what)s") % {"what": what}
    body, centres, top = [], [], 1.0
    for index, (step, state) in enumerate(zip(steps, states), 1):
        row, height = step_row(index, step, state, top, failed_label, gettext)
        body.append(row)
        centres.append((top + height / 2, state))
        top += height + GAP
    rails = [
        f'<line class="mfkb-rail{" mfkb-rail--outcome" if state == "outcome" else ""}" x1="{RAIL_X}" '
        f'y1="{above + MARK_R:g}" x2="{RAIL_X}" y2="{below - MARK_R:g}"/>'
        for (above, _), (below, state) in zip(centres, centres[1:])
    ]
    if "failed" not in states:  # say so in the picture too, or the unmarked path puzzles the reader
        note = wrap(gettext(NOT_TIED), WIDTH - BOX_X)
        body.append(text_block(BOX_X, top, note, "mfkb-path__note"))
        top += LINE_HEIGHT * len(note) + GAP
    title = gettext("Delivery path of %(code)s") % {"code": code}
    desc = path_description(steps, states, what, gettext)
    return svg(f"mfkb-path-{code.replace('.', '-')}", "mfkb-path", top - GAP + 1, title, desc, rails + body)


def path_description(steps, states, what: str, gettext: Gettext) -> str:
    """The text alternative: every step in order, then where it fails."""
    listed = "; ".join(f"{n}. {gettext(step.label)}" for n, step in enumerate(steps, 1))
    if "failed" not in states:
        return f"{listed}. " + gettext(NOT_TIED)
    n = states.index("failed")
    where = gettext("Delivery fails at step %(number)s, %(step)s: %(what)s.") % {
        "number": n + 1, "step": gettext(steps[n].label), "what": what}
    return f"{listed}. {where}"


# --- retry timeline ----------------------------------------------------------

AXIS_GAP = 18        # from the time labels to the axis, and from the axis to the events


@dataclass(frozen=True)
class Deferral:
    """One fault under its two codes: while retried, and after expiry."""

    reply: str
    code: str
    expired_reply: str
    expired_code: str


GENERIC_DEFERRAL = Deferral("4xx", "4.x.x", "5xx", "5.x.x")


def expired_form(entry: dict) -> str | None:
    """The alias that is the 5.x form of a 4.x entry's code (4.4.316 -> 5.4.316)."""
    wanted = "5" + entry["code"][1:]
    return wanted if entry["code"].startswith("4.") and wanted in entry["aliases"] else None


def deferral_example(entries: list[dict], texts: Iterable[str]) -> Deferral:
    """The entry the timeline shows: the first one the nearby text names,
    else the first with an expiry alias, else placeholders."""
    candidates = [entry for entry in entries if expired_form(entry)]
    text = " ".join(str(part) for part in texts)
    named = sorted((text.find(entry["code"]), n) for n, entry in enumerate(candidates) if entry["code"] in text)
    if named:
        candidates = [candidates[named[0][1]]]
    if not candidates:
        return GENERIC_DEFERRAL
    entry = candidates[0]
    reply = str(entry["reply_codes"][0]) if entry["reply_codes"] else "4xx"
    return Deferral(reply, entry["code"], "5" + reply[1:], expired_form(entry))


@dataclass(frozen=True)
class Event:
    key: str
    when: str       # time label, or "" between the marked times
    headline: str
    detail: str


def timeline_events(deferral: Deferral, gettext: Gettext) -> list[Event]:
    hours = gettext("%(hours)s h")
    return [
        Event("start", hours % {"hours": 0}, gettext("First attempt fails"),
              gettext("%(reply)s %(code)s: the message is queued") % {"reply": deferral.reply, "code": deferral.code}),
        Event("retry", "", gettext("Retried for 24 hours"),
              gettext("Each failed retry reports %(code)s again. Fixed in time, the next retry delivers the message.")
              % {"code": deferral.code}),
        Event("expiry", hours % {"hours": 24}, gettext("The message expires"),
              gettext("%(reply)s %(code)s: the same fault, now a permanent error")
              % {"reply": deferral.expired_reply, "code": deferral.expired_code}),
        Event("ndr", "", gettext("NDR to the sender"),
              gettext("The sender gets the message back with %(code)s.") % {"code": deferral.expired_code}),
    ]


def event_row(event: Event, top: float, time_x: float) -> tuple[str, float, float]:
    """One event: its time, its point on the axis (dots along it for the retries), its text."""
    axis_x = time_x + AXIS_GAP
    event_x = axis_x + AXIS_GAP
    room = WIDTH - event_x - 4
    head_lines, detail_lines = wrap(event.headline, room, bold=True), wrap(event.detail, room)
    height = LINE_HEIGHT * (len(head_lines) + len(detail_lines)) + (3 * PAD if event.key == "retry" else PAD)
    cy = top + LINE_HEIGHT / 2 + 1
    parts = [
        text_block(event_x, top, head_lines, "mfkb-event__headline"),
        text_block(event_x, top + LINE_HEIGHT * len(head_lines), detail_lines, "mfkb-event__detail"),
    ]
    if event.when:
        parts.append(f'<text class="mfkb-event__time" x="{time_x:g}" y="{cy + 5:g}" text-anchor="end">'
                     f'{escape(event.when)}</text>')
    if event.key == "retry":
        parts += [f'<circle class="mfkb-tick" cx="{axis_x:g}" cy="{top + step:g}" r="3"/>'
                  for step in range(4, int(height), 14)]
    else:
        parts.append(f'<circle class="mfkb-event__dot" cx="{axis_x:g}" cy="{cy:g}" r="7"/>')
    return f'<g class="mfkb-event mfkb-event--{event.key}">{"".join(parts)}</g>', height, cy


def retry_timeline(deferral: Deferral, gettext: Gettext) -> str:
    """First attempt, 24 hours of retries, expiry under the 5.x code, the NDR."""
    events = timeline_events(deferral, gettext)
    time_x = 2 + max(text_width(event.when) for event in events)  # sized for the longest time label
    body, points, top = [], [], 1.0
    for event in events:
        row, height, cy = event_row(event, top, time_x)
        body.append(row)
        points.append(cy)
        top += height + GAP
    axis_x = time_x + AXIS_GAP
    axis = f'<line class="mfkb-rail" x1="{axis_x:g}" y1="{points[0]:g}" x2="{axis_x:g}" y2="{points[-1]:g}"/>'
    title = gettext("Retries and expiry of %(code)s") % {"code": deferral.code}
    desc = " ".join(f"{event.when + ': ' if event.when else ''}{event.headline}. {event.detail}" for event in events)
    return svg("mfkb-timeline", "mfkb-timeline", top - GAP + 1, title, desc, [axis] + body)
