"""One step of a diagnosis, the codes a failing step is named by, and the
clock that bounds each step and the whole run."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

# The connector codes, one per place a sending server stops.
DNS_FAILED = "4.4.312"
CONNECT_TIMED_OUT = "4.4.315"
CONNECT_REFUSED = "4.4.316"
SMTP_ERROR = "4.4.317"        # error reply, unmet requirement, TLS handshake failure
DROPPED = "4.4.318"           # the session broke off after it had started
CERTIFICATE = "4.7.320"
# SMTP DANE (RFC 7672), as Exchange Online names its faults. The temporary forms, like the
# connector codes above: a sending server defers first and returns 5.7.32x when its retries run out.
DANE_NO_TLS = "4.7.321"       # no STARTTLS, or a failed handshake, where TLSA records require TLS
DANE_EXPIRED = "4.7.322"
DANE_NO_MATCH = "4.7.323"
DANE_DNSSEC = "4.7.324"
DANE_NAME = "4.7.325"
# MTA-STS (RFC 8461), as Exchange Online's NDR table names its faults (temporary forms).
STS_MX = "4.4.8"              # the MX host is not among the policy's mx patterns
STS_CERTIFICATE = "4.7.5"     # the certificate fails under an enforce-mode policy
CONNECTOR_CODES = (DNS_FAILED, CONNECT_TIMED_OUT, CONNECT_REFUSED, SMTP_ERROR, DROPPED, CERTIFICATE)
DANE_CODES = (DANE_NO_TLS, DANE_EXPIRED, DANE_NO_MATCH, DANE_DNSSEC, DANE_NAME)


def both_classes(codes: tuple[str, ...]) -> tuple[str, ...]:
    """Each temporary code and its permanent form: a sender's retries end in the 5.x.y code."""
    return tuple(form for code in codes for form in (code, "5" + code[1:]))


# Entries whose own meaning is a fault the walk names: their pages and the lookup page offer the command.
DIAGNOSED_CODES = CONNECTOR_CODES + both_classes(DANE_CODES + (STS_MX,))
# Codes the registry defines otherwise (X.7.5, a cryptographic failure): only Exchange Online's meaning
# of them, chosen from the reply's words, is a fault the walk names.
DIAGNOSED_MEANINGS = both_classes((STS_CERTIFICATE,))
# The bounce reasons (content/reasons/) whose fault lies on a step a diagnosis walks: DNS, the
# connection, the greeting (a domain that takes no mail, a null MX included), STARTTLS and the certificate.
# expired too: a message gives up in the queue mostly because the receiving server never answered (Exchange
# Online's "Despite repeated attempts ... it didn't respond", Gmail's "did not accept our requests to connect").
PATH_REASONS = ("hostunknown", "networkerror", "notaccept", "failedstarttls", "expired")
# RFC 7505: a client must not try a domain with a null MX, and reports 556 5.1.10.
NULL_MX = "5.1.10"

STEP_NAMES = ("dns-mx", "mta-sts-txt", "mta-sts-policy", "tls-rpt", "mta-sts-mx", "dns-address", "dns-cname", "dane-tlsa", "connect",
              "greeting", "ehlo", "starttls", "tls", "certificate", "dane", "ehlo-tls", "quit")


@dataclass
class Step:
    """What one step did. message is an English interface string with
    %(name)s fields (translated when shown); said is the server's or the
    resolver's own words, shown as they are; notes are our own lines that go
    with them (what was compared, what was counted): (message, values) pairs,
    translated when shown after the said lines."""
    step: str
    ok: bool
    message: str
    values: dict = field(default_factory=dict)
    seconds: float = 0.0
    host: str | None = None
    said: str | None = None
    code: str | None = None       # the fault this step found, when it failed
    warning: bool = False         # passed, but with something to look at
    notes: tuple[tuple[str, dict], ...] = ()


class Clock:
    """Each step gets at most `timeout` seconds and never more than the run
    has left; the run as a whole gets `total` seconds."""

    def __init__(self, timeout: float, total: float):
        self.timeout = timeout
        self.deadline = time.monotonic() + total
        self.total = total

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def step_timeout(self) -> float:
        return max(0.01, min(self.timeout, self.remaining()))

    def expired(self) -> bool:
        return self.remaining() <= 0


def waited(seconds: float) -> str:
    """How long a step or query could wait, as its wording says it: 10, 0.5, 0.37."""
    return f"{round(seconds, 2):g}"


def since(start: float) -> float:
    """Seconds from start (a time.perf_counter() value), to the millisecond."""
    return round(time.perf_counter() - start, 3)
