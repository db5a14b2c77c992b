"""The DNS steps: the domain's MX records (RFC 5321 §5.1: none means the
domain itself is the host; a null MX, RFC 7505, means no mail at all), then
each host's AAAA and A records. dnspython asks the system's name servers,
or the one given with --nameserver."""
from __future__ import annotations

import ipaddress
import time
from dataclasses import dataclass

import dns.exception
import dns.flags
import dns.resolver

from generator.errors import UserError
from generator.i18n.labels import N_
from generator.diagnose.steps import DNS_FAILED, NULL_MX, Clock, Step, since, waited

NAMESERVER_HINT = "give an IP address, with a port if it is not 53: 192.0.2.53, 192.0.2.53:5353 or [2001:db8::53]:5353"


@dataclass(frozen=True)
class MxHost:
    preference: int
    name: str
    authentic: bool = False       # the MX RRset came with the AD flag (SMTP DANE needs it, RFC 7672 §2.2.1)


def parse_nameserver(text: str) -> tuple[str, int]:
    """`IP`, `IP:PORT`, `[IPv6]:PORT` or a bare IPv6 address -> (address, port)."""
    host, port = text, "53"
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        if rest:
            if not rest.startswith(":"):
                raise bad_nameserver(text)
            port = rest[1:]
    elif text.count(":") == 1:
        host, port = text.split(":")
    try:
        address = str(ipaddress.ip_address(host))
    except ValueError:
        raise bad_nameserver(text) from None
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise bad_nameserver(text)
    return address, int(port)


def bad_nameserver(text: str) -> UserError:
    return UserError(None, None, f"--nameserver '{text}' is not an IP address with an optional port", NAMESERVER_HINT)


def make_resolver(nameserver: tuple[str, int] | None) -> dns.resolver.Resolver | None:
    """None when this machine has no name server configured and none was given.
    Queries carry the DNSSEC OK bit and ask for the AD flag (RFC 6840 §5.7),
    which tells whether a validating resolver vouched for the answer (DANE)."""
    if nameserver is None:
        try:
            resolver = dns.resolver.Resolver()
        except dns.resolver.NoResolverConfiguration:
            return None
    else:
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = [nameserver[0]]
        resolver.port = nameserver[1]
    resolver.use_edns(0, dns.flags.DO, 1232)
    resolver.flags = dns.flags.RD | dns.flags.AD
    return resolver


def authentic(answer: dns.resolver.Answer) -> bool:
    return bool(answer.response.flags & dns.flags.AD)


@dataclass(frozen=True)
class Query:
    """One DNS query as a step sees it: the answer, or the error that stands for none."""
    name: str
    seconds: float
    answer: dns.resolver.Answer | None = None
    error: dns.exception.DNSException | None = None
    lifetime: float | None = None     # how long the query could wait: the step's time, or what the run had left

    @property
    def absent(self) -> bool:
        """No such name (NXDOMAIN) or no records of the type asked for: an answer, not a failure."""
        return isinstance(self.error, (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer))

    @property
    def failed(self) -> bool:
        """SERVFAIL, refused, a timeout: the name may have records, nobody said."""
        return self.error is not None and not self.absent

    @property
    def timed_out(self) -> bool:
        return isinstance(self.error, dns.exception.Timeout)

    @property
    def authentic(self) -> bool:
        return self.answer is not None and authentic(self.answer)

    @property
    def records(self) -> str:
        return self.answer.rrset.to_text() if self.answer is not None else ""

    @property
    def flagged(self) -> str:
        """The answer's flags and records, as dig shows them."""
        return f"flags: {dns.flags.to_text(self.answer.response.flags)}\n{self.records}" if self.answer else ""

    @property
    def said(self) -> str:
        """The resolver's (dnspython's) words for the error."""
        return str(self.error) or type(self.error).__name__ if self.error is not None else ""


def ask(resolver, name: str, rdtype: str, lifetime: float) -> Query:
    """The one place a step asks DNS: timed, with every DNS error kept in the Query."""
    start = time.perf_counter()
    try:
        answer = resolver.resolve(name, rdtype, lifetime=lifetime, search=False)
    except dns.exception.DNSException as error:
        return Query(name, since(start), error=error, lifetime=lifetime)
    return Query(name, since(start), answer=answer, lifetime=lifetime)


def failure(step: str, query: Query, clock: Clock, host: str | None = None, message: str | None = None,
            code: str | None = DNS_FAILED, warning: bool = False, seconds: float | None = None) -> Step:
    """A query that found nothing as a step. Without a message of the step's own, the wording says
    what happened: NXDOMAIN, SERVFAIL (no server answered) and timeouts, all 4.4.312 as they are for
    Microsoft 365. A warning passes (ok); anything else fails."""
    if message is None:
        if isinstance(query.error, dns.resolver.NXDOMAIN):
            message = N_("%(name)s does not exist (NXDOMAIN)")
        elif query.timed_out:
            message = N_("The DNS query for %(name)s timed out after %(seconds)s s")
        elif isinstance(query.error, dns.resolver.NoNameservers):
            message = N_("No name server answered the DNS query for %(name)s (SERVFAIL or refused)")
        else:
            message = N_("The DNS query for %(name)s failed")
    lifetime = clock.timeout if query.lifetime is None else query.lifetime
    return Step(step, warning, message, {"name": query.name, "seconds": waited(lifetime)},
                query.seconds if seconds is None else seconds, host=host or query.name, said=query.said,
                code=None if warning else code, warning=warning)


def no_resolver(step: str, name: str) -> Step:
    return Step(step, False, N_("No name server is configured on this machine; give one with --nameserver"),
                {"name": name}, 0.0, host=name, code=DNS_FAILED)


def query_mx(resolver, domain: str, clock: Clock) -> tuple[Step, list[MxHost] | None]:
    """The MX hosts in order of preference; None when the domain has no MX
    (then it is its own mail host); none for a null MX, a step of its own."""
    if resolver is None:
        return no_resolver("dns-mx", domain), []
    query = ask(resolver, domain, "MX", clock.step_timeout())
    if isinstance(query.error, dns.resolver.NoAnswer):
        return Step("dns-mx", True, N_("%(name)s has no MX record; its own A/AAAA records are used (RFC 5321 §5.1)"),
                    {"name": domain}, query.seconds, host=domain), None
    if query.error is not None:
        return failure("dns-mx", query, clock), []
    answer = query.answer
    records = sorted((record.preference, record.exchange.to_text(omit_final_dot=True)) for record in answer)
    if len(records) == 1 and records[0][1] in ("", "."):
        return Step("dns-mx", False, N_("%(name)s publishes a null MX (RFC 7505): it accepts no mail"),
                    {"name": domain}, query.seconds, host=domain, said=query.records, code=NULL_MX), []
    hosts = [MxHost(preference, name.lower(), authentic(answer)) for preference, name in records
             if name not in ("", ".")]
    listed = ", ".join(f"{host.preference} {host.name}" for host in hosts)
    return Step("dns-mx", True, N_("MX records of %(name)s: %(hosts)s"), {"name": domain, "hosts": listed},
                query.seconds, host=domain), hosts


@dataclass(frozen=True)
class Addresses:
    """What the address step found: the addresses, whether each answer with addresses came with the AD
    flag, and the name they belong to (the host's own, or the target of its CNAME chain)."""
    addresses: list[str]
    authentic: bool = False
    canonical: str | None = None


def query_addresses(resolver, host: str, clock: Clock) -> tuple[Step, Addresses]:
    """AAAA, then A; both share one step's time. Found at all is enough: a
    failure of one type is mentioned, not fatal."""
    if resolver is None:
        return no_resolver("dns-address", host), Addresses([])
    start = time.perf_counter()
    budget = clock.step_timeout()
    addresses, failed, vouched, canonical = [], [], True, host
    for rdtype in ("AAAA", "A"):
        left = budget - (time.perf_counter() - start)
        query = (ask(resolver, host, rdtype, left) if left > 0
                 else Query(host, 0.0, error=dns.resolver.LifetimeTimeout(timeout=budget, errors=[]), lifetime=budget))
        if query.answer is not None:
            addresses += [record.address for record in query.answer]
            vouched = vouched and query.authentic
            canonical = query.answer.canonical_name.to_text(omit_final_dot=True).lower()
        elif isinstance(query.error, dns.resolver.NXDOMAIN):
            return failure("dns-address", query, clock, seconds=since(start)), Addresses([])
        elif query.failed:
            failed.append(query)
    if addresses:
        return Step("dns-address", True, N_("%(name)s has the addresses %(addresses)s"),
                    {"name": host, "addresses": ", ".join(addresses)}, since(start), host=host,
                    said="; ".join(query.said for query in failed) or None), Addresses(addresses, vouched, canonical)
    if failed:
        return failure("dns-address", failed[0], clock, seconds=since(start)), Addresses([])
    return Step("dns-address", False, N_("%(name)s has no A or AAAA record"), {"name": host}, since(start),
                host=host, code=DNS_FAILED), Addresses([])
