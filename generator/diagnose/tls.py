"""The STARTTLS and certificate steps. The handshake verifies the chain to a
trusted root (the system's, or --cafile's), the validity dates and, when
there is a name to check, the name; OpenSSL's reason for a rejection is
reported as it says it. A handshake that fails for any other reason is
4.4.317, as it is for Microsoft 365."""
from __future__ import annotations

import ssl
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from generator.errors import UserError
from generator.i18n.labels import N_
from generator.diagnose.smtp import Reply, Session, exchange, offers
from generator.diagnose.steps import CERTIFICATE, DANE_NO_TLS, SMTP_ERROR, Clock, Step, since

# OpenSSL's X509_V_ERR_* codes, grouped by what they mean to a sender.
EXPIRED = {10: N_("The certificate has expired"), 9: N_("The certificate is not valid yet")}
SELF_SIGNED = {18, 19}
NAME_MISMATCH = 62
RENEW_WITHIN_DAYS = 14   # a certificate this close to its end is a warning: the fault is days away


@dataclass(frozen=True)
class Trust:
    """Where trust comes from: the system's roots, or the PEM file given."""
    cafile: str | None

    def context(self, check_name: bool) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=self.cafile) if self.cafile else ssl.create_default_context()
        context.check_hostname = check_name
        return context


def load_trust(cafile: str | None) -> Trust:
    """Read --cafile once up front: an unreadable file is the user's mistake."""
    if cafile is None:
        return Trust(None)
    try:
        ssl.create_default_context(cafile=cafile)
    except FileNotFoundError:
        raise UserError(Path(cafile), None, "--cafile: no such file", "give the PEM file of the CA certificates to trust") from None
    except (OSError, ssl.SSLError, ValueError) as error:
        raise UserError(Path(cafile), None, f"--cafile: cannot read CA certificates from this file ({error})",
                        "give a PEM file with one or more CA certificates (-----BEGIN CERTIFICATE-----)") from None
    return Trust(cafile)


def starttls(session: Session, offered: Reply, require_tls: bool, host: str | None,
             clock: Clock, dane: bool = False) -> tuple[Step, Reply | None]:
    """Ask for TLS if it is offered; the caller then runs handshake(). With
    usable TLSA records (dane) TLS is required, and its absence is 4.7.321."""
    start = time.perf_counter()
    refused_code = DANE_NO_TLS if dane else SMTP_ERROR
    if not offers(offered, "STARTTLS"):
        if dane:
            return Step("starttls", False, N_("The server does not offer STARTTLS, but its TLSA records require TLS "
                                              "(RFC 7672 §2.2)"), {}, since(start), host=host, code=DANE_NO_TLS), None
        if require_tls:
            return Step("starttls", False, N_("The server does not offer STARTTLS, and TLS is required (--require-tls)"),
                        {}, since(start), host=host, code=SMTP_ERROR), None
        return Step("starttls", True, N_("The server does not offer STARTTLS: mail to it travels unencrypted, "
                                         "and a connector that requires TLS fails here with 4.4.317"),
                    {}, since(start), host=host, warning=True), None
    failed, reply = exchange(session, "starttls", "STARTTLS", host, clock)
    if failed:
        return failed, None
    if reply.code != 220:
        return Step("starttls", False, N_("The server offers STARTTLS but refused to start TLS"), {}, since(start),
                    host=host, said=reply.text, code=refused_code), None
    return Step("starttls", True, N_("The server is ready to start TLS"), {}, since(start), host=host,
                said=reply.text), reply


def wrap(session: Session, context: ssl.SSLContext, name: str | None, clock: Clock) -> None:
    """Run the TLS handshake on the session's socket; ssl's errors pass through."""
    session.sock.settimeout(clock.step_timeout())
    session.sock = context.wrap_socket(session.sock, server_hostname=name)


def failed_handshake(error: Exception, seconds: float, host: str | None, code: str = SMTP_ERROR) -> Step:
    return Step("tls", False, N_("The TLS handshake failed"), {}, seconds, host=host,
                said=getattr(error, "reason", None) or str(error) or type(error).__name__, code=code)


def handshake_done(tls: ssl.SSLSocket, seconds: float, host: str | None) -> Step:
    return Step("tls", True, N_("TLS handshake done: %(version)s, %(cipher)s"),
                {"version": tls.version(), "cipher": tls.cipher()[0]}, seconds, host=host)


def handshake(session: Session, trust: Trust, name: str | None, host: str | None,
              clock: Clock) -> tuple[list[Step], bool]:
    """The TLS handshake and the certificate step; True when both passed and
    the session goes on over TLS."""
    start = time.perf_counter()
    values = {"name": name or ""}
    try:
        wrap(session, trust.context(check_name=name is not None), name, clock)
    except ssl.SSLCertVerificationError as error:
        seconds = since(start)
        return [Step("tls", True, N_("TLS handshake reached the certificate"), {}, seconds, host=host),
                Step("certificate", False, rejection(error), values, 0.0, host=host,
                     said=error.verify_message, code=CERTIFICATE)], False
    except (ssl.SSLError, OSError) as error:
        return [failed_handshake(error, since(start), host)], False
    cert = session.sock.getpeercert()
    return [handshake_done(session.sock, since(start), host), accepted(cert, name, host), *expiring(cert, host)], True


def rejection(error: ssl.SSLCertVerificationError) -> str:
    code = error.verify_code
    if code in EXPIRED:
        return EXPIRED[code]
    if code in SELF_SIGNED:
        return N_("The certificate is self-signed: no trusted certificate authority vouches for it")
    if code == NAME_MISMATCH:
        return N_("The certificate is not valid for the name %(name)s")
    if code in (2, 20, 21):
        return N_("The certificate does not chain to a trusted root: an intermediate certificate is "
                  "missing, or its certificate authority is not trusted here")
    return N_("The certificate was rejected")


def accepted(cert: dict, name: str | None, host: str | None) -> Step:
    values = {
        "names": ", ".join(value for kind, value in cert.get("subjectAltName", ()) if kind in ("DNS", "IP Address"))
        or field(cert, "subject", "commonName"),
        "issuer": field(cert, "issuer", "organizationName") or field(cert, "issuer", "commonName"),
        "not_before": day(cert["notBefore"]),
        "not_after": day(cert["notAfter"]),
        "name": name or "",
    }
    if name:
        message = N_("Trusted chain, issued by %(issuer)s to %(names)s, valid %(not_before)s to %(not_after)s; "
                     "the name %(name)s matches")
    else:
        message = N_("Trusted chain, issued by %(issuer)s to %(names)s, valid %(not_before)s to %(not_after)s; "
                     "no name checked (give --tls-name to check one)")
    return Step("certificate", True, message, values, 0.0, host=host)


def expiring(cert: dict, host: str | None) -> list[Step]:
    days = int((ssl.cert_time_to_seconds(cert["notAfter"]) - time.time()) // 86400)
    if days >= RENEW_WITHIN_DAYS:
        return []
    return [Step("certificate", True, N_("The certificate expires in %(days)s days (%(not_after)s): renew it before "
                                         "sending servers reject it with 4.7.320"),
                 {"days": days, "not_after": day(cert["notAfter"])}, 0.0, host=host, warning=True)]


def field(cert: dict, part: str, key: str) -> str:
    for rdn in cert.get(part, ()):
        for attribute, value in rdn:
            if attribute == key:
                return value
    return ""


def day(openssl_time: str) -> str:
    seconds = ssl.cert_time_to_seconds(openssl_time)
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%d")
