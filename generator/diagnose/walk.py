"""The order of the steps, as a sending server takes them: the MX hosts in
order of preference, each of their addresses in turn, until one goes through
a whole session. The first step that fails names the fault."""
from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.i18n.labels import N_
from generator.diagnose import dane, smtp
from generator.diagnose.connect import connect, routable
from generator.diagnose.dns import Addresses, query_addresses, query_mx
from generator.diagnose.mtasts import StsPolicy, check_mx, enforced, fetch_policy, no_starttls, sts_record
from generator.diagnose.steps import CONNECT_TIMED_OUT, Clock, Step
from generator.diagnose.target import Target
from generator.diagnose.tls import Trust, handshake, starttls
from generator.diagnose.tlsrpt import tls_reporting
from generator.diagnose.tlsa import Policy, query_tlsa

# The whole run may take this many step timeouts: room for a few hosts, never a retry storm.
RUN_BOUND = 3


@dataclass(frozen=True)
class Options:
    port: int = 25
    timeout: float = 10.0
    require_tls: bool = False
    helo: str | None = None
    tls_name: str | None = None
    trust: Trust = Trust(None)
    resolver: object = None       # a dns.resolver.Resolver, or None without one
    sts_port: int = 443           # where the MTA-STS policy is fetched (another port only for tests)


@dataclass(frozen=True)
class Host:
    name: str | None              # None for an IP address given as the target
    tls_name: str | None          # the name the certificate must carry
    sts: StsPolicy | None = None  # the domain's MTA-STS policy, in testing or enforce mode
    authentic_mx: bool = True     # the MX records that named it came with the AD flag (none: nothing to vouch for)


@dataclass
class Diagnosis:
    target: Target
    steps: list[Step] = field(default_factory=list)
    healthy: bool = False

    @property
    def code(self) -> str | None:
        if self.healthy:
            return None
        return next((step.code for step in self.steps if step.code), None)


def diagnose(target: Target, options: Options, on_step: Callable[[Step], None] = lambda step: None) -> Diagnosis:
    clock = Clock(options.timeout, options.timeout * RUN_BOUND)
    diagnosis = Diagnosis(target)

    def record(step: Step) -> Step:
        diagnosis.steps.append(step)
        on_step(step)
        return step

    for host in hosts(target, options, clock, record):
        if host_works(host, target, options, clock, record):
            diagnosis.healthy = True
            break
    return diagnosis


def hosts(target: Target, options: Options, clock: Clock, record):
    """The mail hosts to try, in order; none when DNS already failed."""
    if target.address:
        yield Host(None, options.tls_name)
        return
    step, mx_hosts = query_mx(options.resolver, target.name, clock)
    record(step)
    if not step.ok:
        return
    if mx_hosts is None:
        yield Host(target.name, options.tls_name or target.name)
        return
    sts = mta_sts(target.name, options, clock, record) if mx_hosts else None
    if mx_hosts:
        record(tls_reporting(options.resolver, target.name, clock))
    for mx in mx_hosts:
        yield Host(mx.name, options.tls_name or mx.name, sts, mx.authentic)


def mta_sts(domain: str, options: Options, clock: Clock, record) -> StsPolicy | None:
    """The domain's MTA-STS policy when it has one that applies (mode testing or enforce)."""
    step, announced = sts_record(options.resolver, domain, clock)
    record(step)
    if not announced:
        return None
    step, policy = fetch_policy(options.resolver, domain, options.sts_port, options.trust.context(check_name=True),
                                clock)
    record(step)
    return policy if policy is not None and policy.mode != "none" else None


def host_works(host: Host, target: Target, options: Options, clock: Clock, record) -> bool:
    authentic_addresses = False
    if host.name is None:
        addresses = [target.address]
    else:
        if out_of_time(clock, host.name, record):
            return False
        step, found = query_addresses(options.resolver, host.name, clock)
        record(step)
        addresses, authentic_addresses = found.addresses, found.authentic
        if addresses and found.canonical != host.name:
            record(expansion(host.name, found, host.authentic_mx))
        reachable = [address for address in addresses if routable(address)]
        if addresses and not reachable:
            record(Step("connect", False, N_("This machine has no route to %(addresses)s"),
                        {"addresses": ", ".join(addresses)}, host=host.name, code=CONNECT_TIMED_OUT))
        addresses = reachable
    policy = None
    if addresses and host.name is not None and options.resolver is not None:
        secure = host.authentic_mx and authentic_addresses
        if secure and found.canonical != host.name:   # RFC 7672 §2.2.2: the expanded name first
            steps, policy = query_tlsa(options.resolver, found.canonical, options.port, secure, clock, host.name)
        else:
            steps, policy = query_tlsa(options.resolver, host.name, options.port, secure, clock)
        if not all(record(step).ok for step in steps):
            return False
    # Where DANE applies (authenticated TLSA records), it decides and MTA-STS does not (RFC 8461 §2; Microsoft's
    # "How SMTP DANE works"): the policy's mx patterns are checked only for a host without it.
    if policy is None and host.sts is not None and not record(check_mx(host.sts, host.name)).ok:
        return False
    for address in addresses:
        if out_of_time(clock, host.name or address, record):
            return False
        if session_works(host, address, options, clock, record, policy, reference_names(host, target, policy)):
            return True
    return False


def expansion(name: str, found: Addresses, authentic_mx: bool) -> Step:
    """The step that shows where an MX host's CNAME chain leads (RFC 7672 §2.2.2), and where TLSA records
    are asked for: at the expanded name first only when the MX record and the chain are both vouched for."""
    values = {"name": name, "alias": found.canonical}
    if found.authentic and not authentic_mx:
        return Step("dns-cname", True, N_("%(name)s is an alias (CNAME) of %(alias)s; the resolver vouched for the "
                                          "chain but not for the MX record that leads to it (no AD flag), so TLSA "
                                          "records are asked for at %(name)s only (RFC 7672 §2.2.1)"), values,
                    host=name)
    if found.authentic:
        return Step("dns-cname", True, N_("%(name)s is an alias (CNAME) of %(alias)s, and the resolver vouched for the "
                                          "chain (AD flag): a sending server that checks DANE asks for TLSA records "
                                          "at %(alias)s first, then at %(name)s (RFC 7672 §2.2.2)"), values, host=name)
    return Step("dns-cname", True, N_("%(name)s is an alias (CNAME) of %(alias)s; the resolver did not vouch for the "
                                      "chain and its addresses (no AD flag), so TLSA records are asked for at "
                                      "%(name)s only (RFC 7672 §2.2.2)"), values, host=name)


def reference_names(host: Host, target: Target, policy: Policy | None = None) -> list[str]:
    """The names a DANE-TA certificate may carry: the TLSA base domain where the CNAME chain led to it
    (first, it is the SNI name, RFC 7672 §8.1), the host's (or --tls-name), and the domain the mail is
    for (RFC 7672 §3.2.2)."""
    base = policy.base if policy is not None and policy.base != host.name else None
    names = [base, host.tls_name, host.name, target.name]
    return [name for index, name in enumerate(names) if name and name not in names[:index]]


def out_of_time(clock: Clock, host: str, record) -> bool:
    if not clock.expired():
        return False
    record(Step("connect", False, N_("Not tried: the run's time bound of %(seconds)s s was reached"),
                {"seconds": f"{clock.total:g}"}, host=host))
    return True


def session_works(host: Host, address: str, options: Options, clock: Clock, record, policy: Policy | None = None,
                  names: list[str] | None = None) -> bool:
    """One attempt: connect, greeting, EHLO, STARTTLS, certificate (or DANE
    with the policy of authenticated TLSA records), EHLO again, QUIT."""
    step, sock = connect(address, options.port, host.name, clock)
    record(step)
    if sock is None:
        return False
    session = smtp.Session(sock)
    try:
        if not record(smtp.greeting(session, host.name, clock)).ok:
            return False
        name = options.helo or helo_name(sock)
        step, reply = smtp.ehlo(session, name, host.name, clock)
        if not record(step).ok:
            return False
        secure = secured(session, reply, host, options, clock, record, policy, names)
        if secure is False:
            return False
        if secure:
            step, _ = smtp.ehlo(session, name, host.name, clock, step="ehlo-tls")
            if not record(step).ok:
                return False
        return record(smtp.quit(session, host.name, clock)).ok
    finally:
        session.sock.close()


def secured(session: smtp.Session, offered: smtp.Reply, host: Host, options: Options, clock: Clock, record,
            policy: Policy | None, names: list[str] | None) -> bool | None:
    """STARTTLS and the handshake, checked by DANE (policy), by an enforce-mode
    MTA-STS policy or as usual. True when the session goes on over TLS, None
    when it goes on in the clear (no STARTTLS, and nothing requires it)."""
    enforce = policy is None and host.sts is not None and host.sts.mode == "enforce"  # DANE comes first
    if enforce and not smtp.offers(offered, "STARTTLS"):
        record(no_starttls(host.name))
        return False
    step, ready = starttls(session, offered, options.require_tls, host.name, clock, dane=policy is not None)
    if not record(step).ok:
        return False
    if not ready:
        return None
    if policy is not None:
        steps, secure = dane.handshake(session, policy, names, host.name, clock)
    else:
        steps, secure = handshake(session, options.trust, host.tls_name, host.name, clock)
        steps = enforced(steps) if enforce else steps
    for step in steps:
        record(step)
    return secure


def helo_name(sock: socket.socket) -> str:
    """This machine's name if it is a full one, else the address literal of
    our end of the connection (RFC 5321 §4.1.3)."""
    hostname = socket.gethostname()
    if "." in hostname:
        return hostname
    address = sock.getsockname()[0]
    return f"[IPv6:{address}]" if ":" in address else f"[{address}]"
