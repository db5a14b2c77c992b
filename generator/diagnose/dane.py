"""The DANE step (RFC 7672 §3): with usable TLSA records the certificate is
checked against them instead of against the trusted roots. DANE-EE(3)
matches the server's own certificate or key, and ignores its names and
dates (§3.1.1); DANE-TA(2) matches a certificate of the chain the server
sent (or the one in a `2 0 0` record), and the server's certificate must
chain to it, be within its dates and carry the host's or the domain's name
(§3.1.2, §3.2)."""
from __future__ import annotations

import hashlib
import ssl
import time
from dataclasses import dataclass
from datetime import datetime, timezone

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization

from generator.i18n.labels import N_
from generator.diagnose.smtp import Session
from generator.diagnose.steps import DANE_EXPIRED, DANE_NAME, DANE_NO_MATCH, DANE_NO_TLS, Clock, Step, since
from generator.diagnose.tls import failed_handshake, handshake_done, wrap
from generator.diagnose.tlsa import DANE_EE, DANE_TA, Policy, Tlsa

HASHES = {1: hashlib.sha256, 2: hashlib.sha512}


@dataclass(frozen=True)
class Presented:
    """The certificates the server sent, its own first; whole is False where
    this Python gives the server's certificate only."""
    chain: tuple[bytes, ...]
    whole: bool


def handshake(session: Session, policy: Policy, names: list[str], host: str | None,
              clock: Clock) -> tuple[list[Step], bool]:
    """The TLS handshake without the usual checks (DANE replaces them), then
    the DANE step. A handshake that fails is 4.7.321: TLS is required here."""
    start = time.perf_counter()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        wrap(session, context, names[0], clock)      # SNI: the TLSA base domain (RFC 7672 §8.1)
    except (ssl.SSLError, OSError) as error:
        return [failed_handshake(error, since(start), host, DANE_NO_TLS)], False
    shake = handshake_done(session.sock, since(start), host)
    step = check(presented(session.sock), policy, names, host, datetime.now(timezone.utc))
    return [shake, step], step.ok


def presented(tls: ssl.SSLSocket) -> Presented:
    """Python 3.13 has SSLSocket.get_unverified_chain(); 3.10 to 3.12 have it
    on the private _sslobj only, returning certificate objects."""
    method = getattr(tls, "get_unverified_chain", None) or getattr(getattr(tls, "_sslobj", None),
                                                                   "get_unverified_chain", None)
    if method is None:
        return Presented((tls.getpeercert(binary_form=True),), False)
    certs = method() or []
    chain = tuple(cert if isinstance(cert, bytes) else ssl.PEM_cert_to_DER_cert(cert.public_bytes()) for cert in certs)
    return Presented(chain or (tls.getpeercert(binary_form=True),), bool(chain))


def check(server: Presented, policy: Policy, names: list[str], host: str | None, now: datetime) -> Step:
    if not policy.usable:
        return Step("dane", True, N_("Encrypted, but not authenticated: none of the TLSA records is usable for SMTP"),
                    {}, 0.0, host=host, warning=True)
    try:
        leaf = x509.load_der_x509_certificate(server.chain[0])
    except ValueError as error:
        return Step("dane", False, N_("The server's certificate cannot be read"), {}, 0.0, host=host, said=str(error),
                    code=DANE_NO_MATCH)
    faults = []
    for record in policy.usable:
        values = {"record": record.short}
        if record.usage == DANE_EE and matches(record, leaf):
            return Step("dane", True, N_("The certificate matches the TLSA record %(record)s (DANE-EE: its names and "
                                         "dates are not checked, RFC 7672 §3.1.1)"), values, 0.0, host=host)
        if record.usage == DANE_TA and (anchor := trust_anchor(record, server)) is not None:
            fault = anchored_fault(leaf, server, anchor, names, now, values)
            if fault is None:
                return Step("dane", True, N_("The certificate chains to the trust anchor in the TLSA record "
                                             "%(record)s (DANE-TA), is within its dates and names %(name)s"),
                            {**values, "name": names_matched(leaf, names)}, 0.0, host=host)
            faults.append(fault)
    said, notes = compared(policy, server)
    if faults:
        message, values, code = faults[0]
        return Step("dane", False, message, values, 0.0, host=host, said=said, notes=notes, code=code)
    if server.whole and all(record.usage == DANE_TA for record in policy.usable):
        # RFC 7672 §3.1.2: a DANE-TA server MUST send its trust anchor (a `2 0 0` record excepted, which
        # holds it): one the chain lacks is one no record can match.
        values = {"records": ", ".join(record.short for record in policy.usable), "count": len(server.chain) - 1}
        return Step("dane", False, anchor_missing(server), values, 0.0, host=host, said=said, notes=notes,
                    code=DANE_NO_MATCH)
    return Step("dane", False, N_("The certificate matches none of the TLSA records of %(name)s"),
                {"name": policy.name}, 0.0, host=host, said=said, notes=notes, code=DANE_NO_MATCH)


def anchor_missing(server: Presented) -> str:
    """Why no DANE-TA record found its anchor in the chain the server sent. A chain that runs up to a root
    (a self-issued certificate) holds whatever anchor the server has: the records name another CA, as
    they do when the server's certificate moved to a new CA and the TLSA records did not follow."""
    sent = sent_after_own(server)
    if len(server.chain) == 1:
        return N_("The server sent its own certificate only, without the trust anchor of TLSA %(records)s: a "
                  "DANE-TA server must send its trust anchor in its chain (RFC 7672 §3.1.2)")
    if sent and sent[-1].subject == sent[-1].issuer:
        return N_("The server sent its chain up to its root (%(count)s certificate(s) after its own), and none of "
                  "them is the trust anchor of TLSA %(records)s: the records name another CA, for example one that no "
                  "longer issues the server's certificate")
    return N_("None of the certificates the server sent after its own (%(count)s) is the trust anchor of "
              "TLSA %(records)s: a DANE-TA server must send its trust anchor in its chain (RFC 7672 §3.1.2)")


def selected(record: Tlsa, cert: x509.Certificate) -> bytes:
    if record.selector == 0:
        return cert.public_bytes(serialization.Encoding.DER)
    return cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def association(record: Tlsa, cert: x509.Certificate) -> bytes:
    """What the record would hold for this certificate."""
    data = selected(record, cert)
    return HASHES[record.mtype](data).digest() if record.mtype in HASHES else data


def matches(record: Tlsa, cert: x509.Certificate) -> bool:
    return association(record, cert) == record.data


def trust_anchor(record: Tlsa, server: Presented) -> x509.Certificate | None:
    """The certificate of the chain the record names; a `2 0 0` record holds
    the anchor itself, which the server need not send (RFC 7671 §5.2.2)."""
    for cert in sent_after_own(server):
        if matches(record, cert):
            return cert
    if (record.selector, record.mtype) == (0, 0):
        return record.certificate()
    return None


def sent_after_own(server: Presented) -> list[x509.Certificate]:
    """The certificates the server sent after its own; one that cannot be read is left out, as if
    not sent (OpenSSL took it in the handshake, cryptography's stricter reader may refuse it)."""
    certs = []
    for der in server.chain[1:]:
        try:
            certs.append(x509.load_der_x509_certificate(der))
        except ValueError:
            continue
    return certs


def between(leaf: x509.Certificate, server: Presented, anchor: x509.Certificate) -> list[x509.Certificate] | None:
    """The certificates the server sent between its own and the anchor, each issued by the next; None
    when its own does not chain to the anchor that way."""
    path = [leaf, *sent_after_own(server)]
    for index, cert in enumerate(path):
        if cert == anchor:
            return path[1:index]
        if issued_by(cert, anchor):
            return path[1:index + 1]
        if index + 1 == len(path) or not issued_by(cert, path[index + 1]):
            return None
    return None


def issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
        return True
    except (InvalidSignature, ValueError, TypeError):
        return False


def anchored_fault(leaf, server: Presented, anchor, names: list[str], now: datetime, values: dict):
    """Why a DANE-TA record whose anchor was found does not vouch for the
    certificate: (message, values, code), or None when it does."""
    intermediates = between(leaf, server, anchor)
    if intermediates is None:
        return (N_("The TLSA record %(record)s names a trust anchor, but the certificate does not chain to it"),
                values, DANE_NO_MATCH)
    if leaf.not_valid_after_utc < now:
        return (N_("The certificate has expired (%(not_after)s); the TLSA record %(record)s (DANE-TA) requires valid "
                   "dates"), {**values, "not_after": f"{leaf.not_valid_after_utc:%Y-%m-%d}"}, DANE_EXPIRED)
    if leaf.not_valid_before_utc > now:
        return (N_("The certificate is not valid before %(not_before)s"),
                {**values, "not_before": f"{leaf.not_valid_before_utc:%Y-%m-%d}"}, DANE_NO_MATCH)
    for cert in intermediates:
        # Each certificate between the server's and the anchor must be within its dates, as the server's is.
        # The anchor's own are not checked here: a `2 1 x` record names a bare public key, which has none.
        subject = {**values, "subject": cert.subject.rfc4514_string()}
        if cert.not_valid_after_utc < now:
            return (N_("The intermediate certificate %(subject)s has expired (%(not_after)s); the TLSA record "
                       "%(record)s (DANE-TA) requires valid dates up to its trust anchor"),
                    {**subject, "not_after": f"{cert.not_valid_after_utc:%Y-%m-%d}"}, DANE_EXPIRED)
        if cert.not_valid_before_utc > now:
            return (N_("The intermediate certificate %(subject)s is not valid before %(not_before)s"),
                    {**subject, "not_before": f"{cert.not_valid_before_utc:%Y-%m-%d}"}, DANE_NO_MATCH)
    if not names_matched(leaf, names):
        return (N_("The certificate names %(names)s, none of the names it must carry (%(wanted)s); the TLSA record "
                   "%(record)s (DANE-TA) requires one of them"),
                {**values, "names": ", ".join(cert_names(leaf)) or "-", "wanted": ", ".join(names)}, DANE_NAME)
    return None


def cert_names(cert: x509.Certificate) -> list[str]:
    """The DNS names of the subject alternative names; the common name only without them."""
    try:
        return cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value.get_values_for_type(
            x509.DNSName)
    except x509.ExtensionNotFound:
        return [attribute.value for attribute in cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)]


def names_matched(cert: x509.Certificate, names: list[str]) -> str:
    """The first reference name the certificate carries ('' for none); a
    wildcard stands for one whole left-most label (RFC 6125 §6.4.3)."""
    carried = [name.lower().rstrip(".") for name in cert_names(cert)]
    for name in names:
        for pattern in carried:
            if pattern == name or (pattern.startswith("*.") and name.partition(".")[2] == pattern[2:]):
                return name
    return ""


def compared(policy: Policy, server: Presented) -> tuple[str, tuple[tuple[str, dict], ...]]:
    """Each usable record next to what the server's certificates give for it, testssl.sh style: the
    server's own for DANE-EE, each one it sent after its own for DANE-TA; then how many it sent."""
    leaf = x509.load_der_x509_certificate(server.chain[0])
    lines = []
    for record in policy.usable:
        lines.append(f"TLSA {record.text}")
        shown = [leaf] if record.usage == DANE_EE else sent_after_own(server)
        for cert in shown:
            line = f"cert {record.usage} {record.selector} {record.mtype} {association(record, cert).hex()}"
            lines.append(line if record.usage == DANE_EE else f"{line} ({cert.subject.rfc4514_string()})")
    if not server.whole:
        note = (N_("(this Python gives the server's certificate only: DANE-TA records were compared with it alone)"), {})
    else:
        note = (N_("the server sent %(count)s certificate(s)"), {"count": len(server.chain)})
    return "\n".join(lines), (note,)
