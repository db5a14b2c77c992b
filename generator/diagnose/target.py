"""What the user asks to diagnose: an IP address, or a domain or host name.

A mistake here is the user's (exit code 2), reported before any query is sent.
"""
from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from generator.errors import UserError

LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
EXAMPLE_HINT = "give a domain (example.com), a host name (mail.example.com) or an IP address (192.0.2.25)"


@dataclass(frozen=True)
class Target:
    text: str                 # as the user typed it
    name: str | None          # the ASCII (IDNA) name, for a name
    address: str | None       # for an IP address

    @property
    def shown(self) -> str:
        return self.name or self.address


def parse_target(text: str) -> Target:
    stripped = text.strip()
    literal = stripped[1:-1] if stripped.startswith("[") and stripped.endswith("]") else stripped
    try:
        return Target(text, None, str(ipaddress.ip_address(literal.removeprefix("IPv6:"))))
    except ValueError:
        pass
    if "@" in stripped:
        raise UserError(None, None, f"'{text}' is a mail address, not a target",
                        f"give the part after @: {stripped.rsplit('@', 1)[1] or 'example.com'}")
    return Target(text, ascii_name(stripped, text), None)


def ascii_name(name: str, typed: str) -> str:
    """The name in ASCII: an internationalized name (한국.kr) in its IDNA form."""
    name = name.rstrip(".").lower()
    try:
        name = name.encode("idna").decode("ascii")
    except UnicodeError:
        raise UserError(None, None, f"'{typed}' is not a valid domain or host name", EXAMPLE_HINT) from None
    labels = name.split(".")
    if not name or len(name) > 253 or not all(LABEL.match(label) for label in labels) or labels[-1].isdigit():
        raise UserError(None, None, f"'{typed}' is not a valid domain or host name", EXAMPLE_HINT)
    return name
