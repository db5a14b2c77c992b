"""The TLSA step of SMTP DANE (RFC 7672): the records at _PORT._tcp.HOST,
asked for with the DNSSEC OK bit, and whether the resolver vouched for them
(the AD flag of its answer)."""
from __future__ import annotations

from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization

from generator.i18n.labels import N_
from generator.diagnose.dns import ask, failure
from generator.diagnose.steps import DANE_DNSSEC, Clock, Step

DANE_TA, DANE_EE = 2, 3


@dataclass(frozen=True)
class Tlsa:
    usage: int
    selector: int
    mtype: int
    data: bytes

    @property
    def supported(self) -> bool:
        """RFC 7672 §3.1.3: SMTP uses DANE-TA(2) and DANE-EE(3) only; selectors
        0 (certificate) and 1 (public key); matching 0 (exact), 1 (SHA-256), 2 (SHA-512)."""
        return self.usage in (DANE_TA, DANE_EE) and self.selector in (0, 1) and self.mtype in (0, 1, 2)

    @property
    def usable(self) -> bool:
        return self.supported and self.unreadable is None

    @property
    def unreadable(self) -> str | None:
        """Why the data cannot be what the record's fields say it is (a message for a note), or None:
        a record that cannot be read matches nothing, and counts as unusable."""
        if not self.supported:
            return None
        if self.mtype != 0:
            return None     # a digest of the wrong length: dnspython refuses the whole answer (FormError)
        if self.selector == 0 and self.certificate() is None:
            return N_("TLSA %(record)s cannot be read: a record of selector 0 and matching type 0 holds a whole "
                      "certificate (for DANE-TA, the trust anchor itself), and its data is not one")
        if self.selector == 1:
            try:
                serialization.load_der_public_key(self.data)
            except (ValueError, UnsupportedAlgorithm):
                return N_("TLSA %(record)s cannot be read: a record of selector 1 and matching type 0 holds a whole "
                          "public key, and its data is not one")
        return None


    def certificate(self) -> x509.Certificate | None:
        """The certificate a `x 0 0` record holds; None when its data is not one."""
        try:
            return x509.load_der_x509_certificate(self.data)
        except ValueError:
            return None

    @property
    def text(self) -> str:
        return f"{self.usage} {self.selector} {self.mtype} {self.data.hex()}"

    @property
    def short(self) -> str:
        """The record as it is shown in a line: long data cut after 16 hex digits."""
        data = self.data.hex()
        return f"{self.usage} {self.selector} {self.mtype} {data[:16]}…" if len(data) > 16 else self.text


@dataclass(frozen=True)
class Policy:
    """Authenticated TLSA records: the server must offer TLS and present a
    certificate that matches one of the usable ones."""
    name: str
    records: tuple[Tlsa, ...]
    base: str = ""                # the TLSA base domain: the host, or the name its CNAME chain leads to

    @property
    def usable(self) -> tuple[Tlsa, ...]:
        return tuple(record for record in self.records if record.usable)


def tlsa_name(host: str, port: int) -> str:
    return f"_{port}._tcp.{host}"


def query_tlsa(resolver, host: str, port: int, led_by_authentic: bool, clock: Clock,
               original: str | None = None) -> tuple[list[Step], Policy | None]:
    """The TLSA steps; a Policy only for records the resolver vouched for, of
    a host whose MX and address records it vouched for too (RFC 7672 §2.2;
    Microsoft: TLSA is asked for once the MX and A/AAAA records are authentic).
    original: host is the name the MX host's secure CNAME chain leads to, and
    without records there the MX host's own name is asked next (RFC 7672 §2.2.2)."""
    name = tlsa_name(host, port)
    values = {"name": name}
    query = ask(resolver, name, "TLSA", clock.step_timeout())
    if query.absent and original:
        step = Step("dane-tlsa", True, N_("No TLSA records at %(name)s, where the CNAME leads: a sending server asks at "
                                          "%(original)s next (RFC 7672 §2.2.2)"),
                    {**values, "original": tlsa_name(original, port)}, query.seconds, host=original)
        steps, policy = query_tlsa(resolver, original, port, led_by_authentic, clock)
        return [step, *steps], policy
    step, policy = tlsa_step(query, host, led_by_authentic, clock)
    return [step], policy


def tlsa_step(query, host: str, led_by_authentic: bool, clock: Clock) -> tuple[Step, Policy | None]:
    """The step of one TLSA query (its name is _PORT._tcp.host)."""
    name = query.name
    values = {"name": name}
    if query.absent:
        return Step("dane-tlsa", True, N_("No TLSA records at %(name)s: DANE does not apply"), values, query.seconds,
                    host=host), None
    if query.failed and not led_by_authentic:
        # RFC 7672 §2.2: TLSA records count only for a host whose MX and address records are secure; for
        # any other a sending server does not use them, so a failed TLSA query does not stop delivery.
        return failure("dane-tlsa", query, clock, host, N_("The TLSA query for %(name)s failed, but the resolver did not "
                                                           "vouch for the MX and address records that lead to it (no AD "
                                                           "flag): a sending server does not apply DANE here. If the "
                                                           "zones are signed, ask a validating resolver (--nameserver)"),
                       warning=True), None
    if query.timed_out:
        # RFC 7672 §2.1.1: a TLSA lookup that fails (other than "no such records") defers delivery; a timeout
        # says nothing about the signatures, so it is the DNS failure it is, not dnssec-invalid.
        return failure("dane-tlsa", query, clock, host, N_("The TLSA query for %(name)s timed out after %(seconds)s s: "
                                                           "a sending server that checks DANE cannot tell whether the "
                                                           "host has TLSA records, and does not deliver to it now")), None
    if query.failed:
        # A validating resolver answers SERVFAIL when the signatures do not verify (RFC 4035 §5.5): a DANE
        # sender cannot tell whether the host has TLSA records and does not deliver to it.
        return failure("dane-tlsa", query, clock, host, N_("The TLSA query for %(name)s failed: a validating resolver "
                                                           "answers so when the DNSSEC signatures do not verify, and a "
                                                           "sending server that checks DANE does not deliver to this "
                                                           "host"), code=DANE_DNSSEC), None
    records = tuple(Tlsa(record.usage, record.selector, record.mtype, record.cert) for record in query.answer)
    said = query.flagged
    notes = ((N_("MX and address records with the AD flag: yes") if led_by_authentic
              else N_("MX and address records with the AD flag: no"), {}),)
    alias = query.answer.canonical_name.to_text(omit_final_dot=True)
    if alias.lower() != name.lower():
        # The TLSA name may be an alias: the resolver follows the CNAME, and the AD flag covers the whole chain.
        notes = ((N_("%(name)s is an alias (CNAME) of %(alias)s: these are the TLSA records of %(alias)s"),
                  {"name": name, "alias": alias}), *notes)
    values["count"] = len(records)
    if not (query.authentic and led_by_authentic):
        # Microsoft's "How SMTP DANE works": Exchange Online applies DANE when the TLSA records are
        # "proven authentic" with DNSSEC; records of an unsigned zone are not (RFC 7672 §2.2: as if there
        # were none). Records that fail validation come back as SERVFAIL from a validating resolver
        # (4.7.324, above), not as records without AD. So without AD: DANE not applied, the usual checks.
        return Step("dane-tlsa", True, N_("%(name)s has TLSA records, but the resolver did not vouch for them, or for "
                                          "the MX and address records that lead to them (no AD flag): a sending "
                                          "server applies DANE only where DNSSEC proves all of them authentic, so the "
                                          "certificate is checked as usual. If the zones are signed, ask a validating "
                                          "resolver (--nameserver)"),
                    values, query.seconds, host=host, said=said, notes=notes, warning=True), None
    policy = Policy(name, records, host)
    notes = (*notes, *((record.unreadable, {"record": record.short}) for record in records if record.unreadable))
    if not policy.usable and any(record.unreadable for record in records):
        return Step("dane-tlsa", True, N_("%(name)s has TLSA records authenticated by DNSSEC, but none is usable: a "
                                          "record whose data cannot be read matches nothing and counts as unusable, "
                                          "as one of usage 0 or 1 does: a sending server still requires TLS, but "
                                          "does not authenticate the certificate"),
                    values, query.seconds, host=host, said=said, notes=notes, warning=True), policy
    if not policy.usable:
        return Step("dane-tlsa", True, N_("%(name)s has TLSA records authenticated by DNSSEC, but none is usable for "
                                          "SMTP (only usages 2 and 3 are, RFC 7672 §3.1.3): a sending server still "
                                          "requires TLS, but does not authenticate the certificate"),
                    values, query.seconds, host=host, said=said, notes=notes, warning=True), policy
    return Step("dane-tlsa", True, N_("%(name)s has TLSA records (%(count)s), authenticated by DNSSEC (AD flag): the "
                                      "server must offer STARTTLS and present a certificate that matches one"),
                values, query.seconds, host=host, said=said, notes=notes), policy
