"""Servers on 127.0.0.1 for the diagnose tests and bench/diagnose.py: DNS
(dnslib), SMTP (aiosmtpd, and scripted ones that misbehave on purpose), a
port whose accept queue is full, an HTTPS MTA-STS policy server, trustme
certificates and the TLSA records that pin them. Each is a context
manager that stops its server on the way out."""
from __future__ import annotations

import contextlib
import hashlib
import http.server
import logging
import socket
import socketserver
import ssl
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import trustme
from aiosmtpd.controller import Controller
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from dnslib import AAAA, MX, QTYPE, RCODE, RR, TLSA, A, DNSError
from dnslib.server import BaseResolver, DNSLogger, DNSServer

# The test zone: name -> records; SERVFAIL for the names in SERVFAIL, no answer at all for the silent
# ones, NXDOMAIN for any other name. A name whose records are a CNAME is answered with the CNAME and
# the target's records of the type asked for, as a recursive resolver does.
ZONE = {
    "mx.test": [MX("mail.mx.test", 10)],
    "mail.mx.test": [A("127.0.0.1")],
    "nomx.test": [A("127.0.0.1")],
    "nullmx.test": [MX(".", 0)],
    "twomx.test": [MX("down.twomx.test", 10), MX("mail.mx.test", 20)],
    "down.twomx.test": [A("127.0.0.2")],     # nothing listens there: refused
    "v6.test": [AAAA("::1"), A("127.0.0.1")],
    "noaddress.test": [MX("empty.noaddress.test", 10)],
    "empty.noaddress.test": [],
    # four MX hosts that all time out: the run's bound stops before the last
    "slow.test": [MX(f"{letter}.slow.test", 10 * n) for n, letter in enumerate("abcd", 1)],
    **{f"{letter}.slow.test": [A(f"127.0.0.{n}")] for n, letter in enumerate("abcd", 1)},
}
SERVFAIL = {"servfail.test"}


class ZoneResolver(BaseResolver):
    """Answers from zone; for the names in authenticated it sets the AD flag,
    as a validating resolver does for records whose signatures it verified."""

    def __init__(self, zone: dict, authenticated: set, servfail: set, silent: set = frozenset()):
        self.zone = zone
        self.authenticated = authenticated
        self.servfail = servfail
        self.silent = silent

    def resolve(self, request, handler):
        reply = request.reply()
        name = str(request.q.qname).rstrip(".").lower()
        if name in self.silent:
            raise DNSError(f"{name}: left unanswered on purpose")   # dnslib's handler then sends nothing
        if name in self.servfail:
            reply.header.rcode = RCODE.SERVFAIL
        elif name not in self.zone:
            reply.header.rcode = RCODE.NXDOMAIN
        else:
            target = name
            for rdata in self.zone[name]:
                if type(rdata).__name__ == "CNAME" and QTYPE[request.q.qtype] != "CNAME":
                    reply.add_answer(RR(name, QTYPE.CNAME, rdata=rdata, ttl=60))
                    target = str(rdata.label).rstrip(".").lower()
            for rdata in self.zone.get(target, []):
                if type(rdata).__name__ == QTYPE[request.q.qtype]:
                    reply.add_answer(RR(target, request.q.qtype, rdata=rdata, ttl=60))
            reply.header.ad = int(name in self.authenticated and target in self.authenticated)
        return reply


@contextlib.contextmanager
def dns_server(zone: dict = ZONE, authenticated: set = frozenset(), servfail: set = SERVFAIL, silent: set = frozenset()):
    """Yields the UDP port of a name server for zone (a test may change it
    while the server runs)."""
    server = DNSServer(ZoneResolver(zone, authenticated, servfail, silent), address="127.0.0.1", port=0,
                       logger=DNSLogger(logf=lambda text: None))
    server.start_thread()
    try:
        yield server.server.server_address[1]
    finally:
        server.stop()
        server.server.server_close()


@contextlib.contextmanager
def silent_dns_server():
    """A UDP port that takes queries and never answers: DNS timeouts."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def full_backlog(addresses=("127.0.0.1",), port: int = 0):
    """Yields a port (port, or a free one) that listens on each address with a full accept queue:
    the kernel drops further SYNs, so a connect times out."""
    listeners, fillers = [], []
    try:
        for address in addresses:
            listener = socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET)
            listeners.append(listener)
            listener.bind((address, port))
            listener.listen(0)
            port = listener.getsockname()[1]
            fillers += fill_queue(address, port)
        yield port
    finally:
        for sock in fillers + listeners:
            sock.close()


def fill_queue(address: str, port: int) -> list[socket.socket]:
    fillers = []
    for _ in range(16):
        filler = socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET)
        filler.setblocking(False)
        filler.connect_ex((address, port))
        fillers.append(filler)
        time.sleep(0.05)
        try:
            filler.getpeername()
        except OSError:      # this one is not connected: the queue is full
            return fillers
    raise RuntimeError("the accept queue never filled")


class ScriptedHandler(socketserver.StreamRequestHandler):
    def handle(self):
        self.server.script(self.rfile, self.wfile)


@contextlib.contextmanager
def scripted_smtp(script):
    """Yields the port of a server that runs script(rfile, wfile) for each
    connection, then closes it."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), ScriptedHandler)
    server.script = script
    with serving(server) as port:
        yield port


@contextlib.contextmanager
def serving(server: socketserver.BaseServer):
    """Runs server in a thread; yields its port and stops it on the way out."""
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def greets_554(rfile, wfile):
    wfile.write(b"554 5.3.2 mail.mx.test Service not available, closing transmission channel\r\n")
    wfile.flush()
    rfile.readline()


def records_commands(commands: list[str]):
    """A script that answers like a server and keeps every command it got."""
    def script(rfile, wfile):
        wfile.write(b"220 mail.mx.test ESMTP\r\n")
        wfile.flush()
        for line in rfile:
            command = line.decode().rstrip("\r\n")
            commands.append(command)
            wfile.write(b"221 bye\r\n" if command == "QUIT" else b"250-mail.mx.test\r\n250 8BITMIME\r\n")
            wfile.flush()
            if command == "QUIT":
                return
    return script


def floods_ehlo(rfile, wfile):
    """Answers EHLO with continuation lines that never end."""
    wfile.write(b"220 mail.mx.test ESMTP\r\n")
    wfile.flush()
    rfile.readline()
    with contextlib.suppress(OSError):
        while True:
            wfile.write(b"250-FLOOD\r\n" * 1000)


def garbles_tls(rfile, wfile):
    """Offers STARTTLS, agrees to it, then answers the handshake with plain text."""
    wfile.write(b"220 mail.mx.test ESMTP\r\n")
    wfile.flush()
    rfile.readline()
    wfile.write(b"250-mail.mx.test\r\n250 STARTTLS\r\n")
    wfile.flush()
    rfile.readline()
    wfile.write(b"220 2.0.0 Ready to start TLS\r\n")
    wfile.flush()
    rfile.read(5)
    wfile.write(b"this is not TLS\r\n")
    wfile.flush()


def drops_after_ehlo(rfile, wfile):
    """Answers EHLO (offering STARTTLS), then cuts the connection at the next
    command, as a firewall's SMTP inspection can."""
    wfile.write(b"220 mail.mx.test ESMTP\r\n")
    wfile.flush()
    rfile.readline()
    wfile.write(b"250-mail.mx.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n")
    wfile.flush()
    rfile.readline()


@contextlib.contextmanager
def smtp_server(tls: ssl.SSLContext | None = None, host: str = "127.0.0.1"):
    """Yields the port of an aiosmtpd server; with STARTTLS when tls is given.
    Its log stays quiet: a client that rejects the certificate is the test."""
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    port = free_port()
    controller = Controller(object(), hostname=host, port=port, tls_context=tls, require_starttls=False,
                            ready_timeout=5)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


class PolicyHandler(http.server.BaseHTTPRequestHandler):
    """Serves server.body at /.well-known/mta-sts.txt, 404 elsewhere."""

    def do_GET(self):
        found = self.path == "/.well-known/mta-sts.txt"
        body = self.server.body.encode() if found else b"not found"
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", self.server.content_type)
        self.send_header("Content-Length", str(len(body)))
        if self.server.trickle_headers:
            self.trickle(b"X-Padding: " + b"a" * 10000)
            return
        self.end_headers()
        if not self.server.trickle:
            self.wfile.write(body)
            return
        self.trickle(body)

    def trickle(self, data: bytes):
        try:  # a byte at a time, each well inside the client's read timeout
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(self.server.trickle)
        except OSError:  # the client gave up
            pass

    def log_message(self, *args):
        pass


class IPv6HTTPServer(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6


def ipv6_loopback() -> bool:
    """Whether this machine can listen on ::1."""
    try:
        with socket.socket(socket.AF_INET6) as sock:
            sock.bind(("::1", 0))
        return True
    except OSError:
        return False


@contextlib.contextmanager
def policy_server(tls: ssl.SSLContext, body: str, content_type: str = "text/plain", trickle: float = 0.0,
                  host: str = "127.0.0.1", trickle_headers: bool = False, handshake_delay: float = 0.0):
    """Yields the port of an HTTPS server on host (127.0.0.1 or ::1) that serves an MTA-STS policy (with
    trickle, one byte of it every trickle seconds; with trickle_headers too, a header line that never
    ends, a byte every trickle seconds, instead of the policy; with handshake_delay, the TLS handshake
    answered that many seconds late)."""
    server_class = IPv6HTTPServer if ":" in host else http.server.ThreadingHTTPServer
    server = server_class((host, 0), PolicyHandler)
    server.body, server.content_type, server.trickle = body, content_type, trickle
    server.trickle_headers = trickle_headers
    server.socket = tls.wrap_socket(server.socket, server_side=True)   # accept() does the handshake
    if handshake_delay:
        accept = server.get_request
        server.get_request = lambda: time.sleep(handshake_delay) or accept()
    with serving(server) as port:
        yield port


class Certificates:
    """A trusted CA (written to cafile) and server contexts for each case."""

    def __init__(self, folder: Path):
        self.ca = trustme.CA()
        self.cafile = folder / "ca.pem"
        self.ca.cert_pem.write_to_path(str(self.cafile))
        self.folder = folder

    def context(self, cert: trustme.LeafCert) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(context)
        return context

    def leaf(self, name: str = "mail.mx.test", expired: bool = False) -> trustme.LeafCert:
        now = datetime.now(timezone.utc)
        if expired:
            return self.ca.issue_cert(name, not_before=now - timedelta(days=60), not_after=now - timedelta(days=1))
        return self.ca.issue_cert(name)

    def sending_root(self, cert: trustme.LeafCert) -> ssl.SSLContext:
        """A server that sends the CA's certificate after its own, as a DANE-TA(2) server must (RFC 7671 §5.2.2)."""
        path = self.folder / "chain-with-root.pem"
        path.write_bytes(cert.private_key_and_cert_chain_pem.bytes() + self.ca.cert_pem.bytes())
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(path))
        return context

    def intermediate(self, expired: bool = False) -> trustme.CA:
        """A CA under the root; with expired, its certificate ended yesterday (trustme makes no such one:
        its certificate is signed again by the root with those dates)."""
        child = self.ca.create_child_ca()
        if expired:
            now, old = datetime.now(timezone.utc), child._certificate
            builder = (x509.CertificateBuilder().subject_name(old.subject).issuer_name(old.issuer)
                       .public_key(old.public_key()).serial_number(old.serial_number)
                       .not_valid_before(now - timedelta(days=60)).not_valid_after(now - timedelta(days=1)))
            for extension in old.extensions:
                builder = builder.add_extension(extension.value, extension.critical)
            child._certificate = builder.sign(self.ca._private_key, hashes.SHA256())
        return child

    def good(self) -> ssl.SSLContext:
        return self.context(self.ca.issue_cert("mail.mx.test"))

    def expired(self) -> ssl.SSLContext:
        return self.context(self.leaf(expired=True))

    def expiring(self) -> ssl.SSLContext:
        now = datetime.now(timezone.utc)
        return self.context(self.ca.issue_cert("mail.mx.test", not_before=now - timedelta(days=80),
                                               not_after=now + timedelta(days=5, hours=1)))

    def wrong_name(self) -> ssl.SSLContext:
        return self.context(self.ca.issue_cert("other.test"))

    def self_signed(self) -> ssl.SSLContext:
        """A certificate that signs itself (a CA of its own that nobody trusts)."""
        own = trustme.CA()
        path = self.folder / "self-signed.pem"
        path.write_bytes(own.private_key_pem.bytes() + own.cert_pem.bytes())
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(path))
        return context


def der(leaf) -> x509.Certificate:
    return x509.load_pem_x509_certificate(leaf.cert_chain_pems[0].bytes())


def ee_311(cert: x509.Certificate) -> TLSA:
    spki = cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return TLSA(3, 1, 1, hashlib.sha256(spki).digest())


def ta_201(certificates: Certificates) -> TLSA:
    ca = ssl.PEM_cert_to_DER_cert(certificates.ca.cert_pem.bytes().decode())
    return TLSA(2, 0, 1, hashlib.sha256(ca).digest())


def ta_210(certificates: Certificates) -> TLSA:
    """DANE-TA by the root's whole public key (selector 1, matching 0)."""
    ca = x509.load_pem_x509_certificate(certificates.ca.cert_pem.bytes())
    return TLSA(2, 1, 0, ca.public_key().public_bytes(serialization.Encoding.DER,
                                                      serialization.PublicFormat.SubjectPublicKeyInfo))
