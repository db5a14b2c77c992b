"""Host names in code spans (`mail-eur01.outbound.protection.outlook.com`) break on a phone only after
a dot, never at a hyphen: a reader who copies a name split as `mail-` / `eur01...` may copy it broken,
and a name broken in the middle of a label reads as two. Each label with a hyphen is kept whole
(.mfkb-option, as a command option is) and each dot is followed by a <wbr>, which a copy leaves out.

A code span's text is HTML-escaped, some characters as numeric entities (`&#45;`, `&#46;`): each
character or entity is one unit, so a name is found in the decoded text and marked up in the units."""
from __future__ import annotations

import html
import re
from typing import Callable

UNIT = re.compile(r"&#?\w+;|.", re.DOTALL)
# A name of two or more labels that ends in letters (`contoso.com`, not `550-5.7.26` or `5.7.506`).
HOST = re.compile(r"(?<![\w.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?![\w-])")
LABEL_TAG = '<bdi class="mfkb-option">'


def mark_hosts(escaped: str, rest: Callable[[str], str]) -> str:
    """The escaped text of a code span with each host name that has a hyphen marked up to break only
    at its dots; the text between them goes through rest."""
    units = UNIT.findall(escaped)
    plain = "".join(html.unescape(unit) for unit in units)
    if len(plain) != len(units):  # an entity of more than one character: leave the span as it is
        return rest(escaped)
    out, done = [], 0
    for host in HOST.finditer(plain):
        if "-" not in host.group(0):
            continue
        out.append(rest("".join(units[done:host.start()])))
        out.append(host_html(units[host.start():host.end()]))
        done = host.end()
    out.append(rest("".join(units[done:])))
    return "".join(out)


def host_html(units: list[str]) -> str:
    labels, label = [], []
    for unit in units:
        if html.unescape(unit) == ".":
            labels.append(label_html(label) + unit + "<wbr>")
            label = []
        else:
            label.append(unit)
    return "".join(labels) + label_html(label)


def label_html(units: list[str]) -> str:
    text = "".join(units)
    return f"{LABEL_TAG}{text}</bdi>" if any(html.unescape(unit) == "-" for unit in units) else text
