"""How long `python -m generator diagnose` takes to name each fault.

Usage: .venv/bin/python bench/diagnose.py [--timeout SECONDS] [--repeat N]

Starts the same servers on 127.0.0.1 as tests/test_diagnose.py (DNS, SMTP,
TLS, a full accept queue), runs the command in-process with --json for each
case, and prints the code found and the slowest and median run. A fault must
be named within its step timeout plus one second; the exit code is 1 when a
case gets the wrong code or takes longer.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from diagnose_servers import (Certificates, dns_server, drops_after_ehlo, free_port, full_backlog,  # noqa: E402
                              garbles_tls, greets_554, scripted_smtp, silent_dns_server, smtp_server)


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
    print(f"{'case':<30} {'expected':<9} {'found':<9} {'median s':>9} {'max s':>7}  within bound")
    with tempfile.TemporaryDirectory() as folder, dns_server() as dns_port:
        certificates = Certificates(Path(folder))
        for name, expected, server, arguments in cases(certificates, f"127.0.0.1:{dns_port}"):
            with server or contextlib.nullcontext(0) as port:
                runs = [diagnose([*arguments(port), "--timeout", f"{options.timeout:g}"]) for _ in range(options.repeat)]
            found = {code for code, _ in runs}
            seconds = [elapsed for _, elapsed in runs]
            ok = found == {expected} and max(seconds) <= options.timeout + 1
            failures += not ok
            shown = ",".join(sorted(str(code) for code in found))
            print(f"{name:<30} {str(expected):<9} {shown:<9} {statistics.median(seconds):9.3f} {max(seconds):7.3f}  "
                  f"{'yes' if ok else 'NO'}")
    print(f"{failures} case(s) wrong or too slow")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
