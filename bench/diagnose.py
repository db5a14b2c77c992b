"""How long `python -m generator diagnose` takes to name each fault.

Usage: .venv/bin/python bench/diagnose.py [--timeout SECONDS] [--repeat N]

Starts the same servers on 127.0.0.1 as tests/test_diagnose.py,
test_diagnose_dane.py and test_diagnose_mtasts.py (DNS, SMTP, TLS, a full
accept queue, a signed zone with TLSA records, an HTTPS MTA-STS policy
server), runs the command in-process with --json for each case, and prints
the code found and the slowest and median run. A fault must
be named within its step timeout plus one second; the exit code is 1 when a
case gets the wrong code or takes longer.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import ssl
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from dnslib import AAAA, CNAME, MX, TLSA, TXT, A  # noqa: E402
from diagnose_servers import (Certificates, der, dns_server, drops_after_ehlo, ee_311, free_port,  # noqa: E402
                              full_backlog, garbles_tls, greets_554, ipv6_loopback, policy_server, scripted_smtp,
                              silent_dns_server, smtp_server, ta_201)

DANE_HOST, STS_HOST = "mail.dane.test", "mail.sts.test"
# A signed zone for DANE (the resolver vouches for every name in SIGNED, TLSA names added per case,
# since they carry the SMTP server's port) and an MTA-STS domain whose policy host is 127.0.0.1.
SECURE_ZONE = {
    "dane.test": [MX(DANE_HOST, 10)], DANE_HOST: [A("127.0.0.1")],
    "sts.test": [MX(STS_HOST, 10)], STS_HOST: [A("127.0.0.1")],
    "_mta-sts.sts.test": [TXT("v=STSv1; id=20261130")], "mta-sts.sts.test": [A("127.0.0.1")],
    "_smtp._tls.sts.test": [TXT("v=TLSRPTv1; rua=mailto:tlsrpt@sts.test")],
    # an MX host that is an alias of a provider's host (RFC 7672 §2.2.2: TLSA where the CNAME leads)
    "alias.test": [MX("mail.alias.test", 10)], "mail.alias.test": [CNAME("mx.provider.test")],
    "mx.provider.test": [A("127.0.0.1")],
    # a policy host whose IPv6 address drops the connection (Happy Eyeballs takes IPv4)
    "eyeballs.test": [MX(STS_HOST, 10)], "_mta-sts.eyeballs.test": [TXT("v=STSv1; id=20261130")],
    "mta-sts.eyeballs.test": [AAAA("::1"), A("127.0.0.1")],
}
SIGNED = frozenset({"dane.test", DANE_HOST, "alias.test", "mail.alias.test", "mx.provider.test"})


def cases(certificates: Certificates, nameserver: str):
    """(name, expected code, server context manager or None, arguments given the port)."""
    ca = ["--cafile", str(certificates.cafile)]
    by_ip = lambda *more: lambda port: ["127.0.0.1", "--port", str(port), *more]  # noqa: E731
    by_mx = lambda *more: lambda port: ["mx.test", "--nameserver", nameserver, "--port", str(port), *more]  # noqa: E731
    return [
        ("connection refused", "4.4.316", None, lambda port: ["127.0.0.1", "--port", str(free_port())]),
        ("accept queue full", "4.4.315", full_backlog(), by_ip()),
        ("greeting 554", "4.4.317", scripted_smtp(greets_554), by_ip()),
        ("no STARTTLS, TLS required", "4.4.317", smtp_server(), by_ip("--require-tls")),
        ("TLS handshake garbled", "4.4.317", scripted_smtp(garbles_tls), by_ip()),
        ("dropped after EHLO", "4.4.318", scripted_smtp(drops_after_ehlo), by_ip()),
        ("self-signed certificate", "4.7.320", smtp_server(certificates.self_signed()), by_mx(*ca)),
        ("expired certificate", "4.7.320", smtp_server(certificates.expired()), by_mx(*ca)),
        ("certificate for another name", "4.7.320", smtp_server(certificates.wrong_name()), by_mx(*ca)),
        ("NXDOMAIN", "4.4.312", None, lambda port: ["nx.test", "--nameserver", nameserver]),
        ("SERVFAIL", "4.4.312", None, lambda port: ["servfail.test", "--nameserver", nameserver]),
        ("DNS timeout", "4.4.312", silent_dns_server(), lambda port: ["mx.test", "--nameserver", f"127.0.0.1:{port}"]),
        ("null MX", "5.1.10", None, lambda port: ["nullmx.test", "--nameserver", nameserver]),
        ("healthy by IP address", None, smtp_server(certificates.good()), by_ip(*ca)),
        ("healthy by domain (MX -> A)", None, smtp_server(certificates.good()), by_mx(*ca)),
    ]


class SecureZone:
    """The DANE and MTA-STS cases' zone, served while the cases run; a case adds the TLSA
    records (or a SERVFAIL) for its SMTP server's port before the command runs."""

    def __init__(self, nameserver: str, records: dict, signed: set, servfail: set, silent: set):
        self.nameserver, self.records, self.signed, self.servfail = nameserver, records, signed, servfail
        self.silent = silent

    def dane(self, *tlsa: TLSA, servfail: bool = False, silent: bool = False):
        def arguments(port):
            name = f"_{port}._tcp.{DANE_HOST}"
            if servfail:
                self.servfail.add(name)
            elif silent:
                self.silent.add(name)
            else:
                self.records[name] = list(tlsa)
                self.signed.add(name)
            return ["dane.test", "--nameserver", self.nameserver, "--port", str(port)]
        return arguments

    def alias(self, *tlsa: TLSA):
        """TLSA records where mail.alias.test's CNAME leads."""
        def arguments(port):
            name = f"_{port}._tcp.mx.provider.test"
            self.records[name] = list(tlsa)
            self.signed.add(name)
            return ["alias.test", "--nameserver", self.nameserver, "--port", str(port)]
        return arguments

    def sts(self, certificates: Certificates, domain: str = "sts.test"):
        return lambda ports: [domain, "--nameserver", self.nameserver, "--port", str(ports[0]),
                              "--mta-sts-port", str(ports[1]), "--cafile", str(certificates.cafile)]


@contextlib.contextmanager
def sts_servers(certificates: Certificates, mode: str, mx: str, smtp: ssl.SSLContext, domain: str = "sts.test",
                dropped_ipv6: bool = False):
    """The policy server and the SMTP server; yields (SMTP port, policy port). With dropped_ipv6, the
    policy's port on ::1 drops connections (a full accept queue)."""
    body = f"version: STSv1\nmode: {mode}\nmx: {mx}\nmax_age: 86400\n"
    policy_tls = certificates.context(certificates.leaf(f"mta-sts.{domain}"))
    with policy_server(policy_tls, body) as policy_port, smtp_server(smtp) as smtp_port, \
            (full_backlog(("::1",), policy_port) if dropped_ipv6 else contextlib.nullcontext()):
        yield smtp_port, policy_port


def secure_cases(certificates: Certificates, zone: SecureZone):
    """DANE (RFC 7672) and MTA-STS (RFC 8461), named by Exchange Online's codes."""
    pinned, expired, other = (certificates.leaf(DANE_HOST), certificates.leaf(DANE_HOST, expired=True),
                              certificates.leaf("other.test"))
    return [
        ("DANE 3 1 1 matches", None, smtp_server(certificates.context(pinned)), zone.dane(ee_311(der(pinned)))),
        ("DANE, no STARTTLS", "4.7.321", smtp_server(), zone.dane(TLSA(3, 1, 1, bytes(32)))),
        ("DANE-TA, expired certificate", "4.7.322", smtp_server(certificates.sending_root(expired)),
         zone.dane(ta_201(certificates))),
        ("DANE, wrong hash", "4.7.323", smtp_server(certificates.context(pinned)), zone.dane(TLSA(3, 1, 1, bytes(32)))),
        ("DANE-TA, expired intermediate", "4.7.322",
         smtp_server(certificates.sending_root(certificates.intermediate(expired=True).issue_cert(DANE_HOST))),
         zone.dane(ta_201(certificates))),
        ("DANE-TA, anchor not sent", "4.7.323", smtp_server(certificates.context(pinned)), zone.dane(ta_201(certificates))),
        ("DANE, TLSA SERVFAIL", "4.7.324", smtp_server(certificates.context(pinned)), zone.dane(servfail=True)),
        ("DANE, TLSA timeout", "4.4.312", smtp_server(certificates.context(pinned)), zone.dane(silent=True)),
        ("DANE-TA, another name", "4.7.325", smtp_server(certificates.sending_root(other)),
         zone.dane(ta_201(certificates))),
        ("MTA-STS enforce, host listed", None,
         sts_servers(certificates, "enforce", "*.sts.test", certificates.context(certificates.leaf(STS_HOST))),
         zone.sts(certificates)),
        ("MTA-STS enforce, host not listed", "4.4.8",
         sts_servers(certificates, "enforce", "mx.elsewhere.test", certificates.context(certificates.leaf(STS_HOST))),
         zone.sts(certificates)),
        ("MTA-STS enforce, wrong name", "4.7.5",
         sts_servers(certificates, "enforce", STS_HOST, certificates.context(other)), zone.sts(certificates)),
        ("DANE-TA where the MX CNAME leads", None,
         smtp_server(certificates.sending_root(certificates.leaf("mx.provider.test"))), zone.alias(ta_201(certificates))),
        ("DANE, 2 0 0 holding no certificate", None, smtp_server(certificates.context(pinned)),
         zone.dane(TLSA(2, 0, 0, b"not a certificate"))),
    ] + ([("MTA-STS policy host: IPv6 drops", "4.4.8",
           sts_servers(certificates, "enforce", "mx.elsewhere.test", certificates.context(certificates.leaf(STS_HOST)),
                       "eyeballs.test", dropped_ipv6=True), zone.sts(certificates, "eyeballs.test"))]
         if ipv6_loopback() else [])


def diagnose(args: list[str]) -> tuple[str | None, float]:
    from generator.cli.main import main

    out = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out):
        main(["--root", str(REPO), "diagnose", "--json", *args])
    return json.loads(out.getvalue())["code"], time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=2.0, help="each step's timeout (default 2)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (default 3)")
    options = parser.parse_args()
    diagnose(["127.0.0.1", "--port", str(free_port())])  # loads the knowledge base once, as a long process would
    failures = 0
    print(f"timeout {options.timeout:g} s per step; bound {options.timeout + 1:g} s; {options.repeat} runs per case")
    print(f"{'case':<34} {'expected':<9} {'found':<9} {'median s':>9} {'max s':>7}  within bound")
    records, signed, servfail, silent = dict(SECURE_ZONE), set(SIGNED), set(), set()
    with (tempfile.TemporaryDirectory() as folder, dns_server() as dns_port,
          dns_server(records, signed, servfail, silent) as secure_port):
        certificates = Certificates(Path(folder))
        zone = SecureZone(f"127.0.0.1:{secure_port}", records, signed, servfail, silent)
        for name, expected, server, arguments in [*cases(certificates, f"127.0.0.1:{dns_port}"),
                                                  *secure_cases(certificates, zone)]:
            with server or contextlib.nullcontext(0) as port:
                runs = [diagnose([*arguments(port), "--timeout", f"{options.timeout:g}"]) for _ in range(options.repeat)]
            found = {code for code, _ in runs}
            seconds = [elapsed for _, elapsed in runs]
            ok = found == {expected} and max(seconds) <= options.timeout + 1
            failures += not ok
            shown = ",".join(sorted(str(code) for code in found))
            print(f"{name:<34} {str(expected):<9} {shown:<9} {statistics.median(seconds):9.3f} {max(seconds):7.3f}  "
                  f"{'yes' if ok else 'NO'}")
    print(f"{failures} case(s) wrong or too slow")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
