"""The HTTPS fetch of an MTA-STS policy (RFC 8461 §3.3): the policy host's
addresses (AAAA and A, as the MX hosts' are found), a connection to the first
that answers (Happy Eyeballs), the TLS handshake with the context given (a
trusted certificate for mta-sts.DOMAIN), one GET that follows no redirect,
and at most MAX_POLICY bytes, all within one step's time. What the policy
says, and what a sending server does with it, is mtasts.py's."""
from __future__ import annotations

import http.client
import io
import socket
import ssl
from dataclasses import dataclass

from generator.diagnose.connect import routable, shown
from generator.diagnose.dns import query_addresses
from generator.diagnose.eyeballs import connect_first
from generator.diagnose.steps import Clock, Step, waited

POLICY_PATH = "/.well-known/mta-sts.txt"
MAX_POLICY = 64 * 1024      # RFC 8461 §3.3: senders may limit the policy's size; 64 KB is its example


@dataclass(frozen=True)
class Response:
    address: str                # the address that answered, as [IPv6]:port or IPv4:port
    status: int
    media_type: str
    body: str


class Connected(Exception):
    """A connection to address was made, then error ended the fetch."""

    def __init__(self, address: str, error: Exception):
        super().__init__(str(error))
        self.address, self.error = address, error


class Unresolved(Exception):
    """The policy host has no address to connect to; step (an address step) says why."""

    def __init__(self, step: Step):
        super().__init__(step.message)
        self.step = step


def get(resolver, host: str, port: int, context: ssl.SSLContext, clock: Clock) -> Response:
    """The policy's address, status, media type and text. The address lookup, the connection, the TLS handshake
    and the response share one step's time (a clock of their own), as each other step's parts do."""
    step = Clock(clock.timeout, clock.step_timeout())
    raw, address = connected(resolver, host, port, step)
    with raw:
        raw.settimeout(step.step_timeout())
        try:
            with context.wrap_socket(raw, server_hostname=host) as tls:
                tls.sendall(f"GET {POLICY_PATH} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode("ascii"))
                response = http.client.HTTPResponse(Timed(tls, step))
                response.begin()
                media_type = (response.getheader("Content-Type") or "").lower()
                return Response(shown(address, port), response.status, media_type,
                                read_body(response).decode("utf-8", "replace"))
        except (OSError, ssl.SSLError, http.client.HTTPException) as error:
            raise Connected(shown(address, port), error) from error


def connected(resolver, host: str, port: int, clock: Clock) -> tuple[socket.socket, str]:
    """A connection to the policy host, found as the MX hosts are (AAAA and A, where this machine has a
    route), and the address that answered: its addresses race as a browser's do (Happy Eyeballs, RFC
    8305), within what is left of the step's time."""
    step, found = query_addresses(resolver, host, clock)
    if not found.addresses:
        raise Unresolved(step)
    reachable = [address for address in found.addresses if routable(address)] or found.addresses
    return connect_first(reachable, port, clock.step_timeout())


class SlowPolicy(TimeoutError):
    """The policy did not arrive within the step's time."""

    def __init__(self, seconds: float):
        super().__init__(f"the policy took more than {waited(seconds)} s to arrive")
        self.seconds = seconds


class Timed(io.RawIOBase):
    """The response's socket as http.client reads it, with one deadline for all it reads (status line,
    header lines and body): a server that sends a byte just inside each read's timeout does not hold
    the run."""

    def __init__(self, sock: socket.socket, step: Clock):
        super().__init__()
        self.sock, self.step = sock, step

    def makefile(self, mode: str) -> io.BufferedReader:
        return io.BufferedReader(self)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        left = self.step.remaining()
        if left <= 0:
            raise SlowPolicy(self.step.total)
        self.sock.settimeout(left)
        try:
            return self.sock.recv_into(buffer)
        except TimeoutError:
            raise SlowPolicy(self.step.total) from None


def read_body(response: http.client.HTTPResponse) -> bytes:
    """At most MAX_POLICY bytes (in the time Timed allows)."""
    body = b""
    while len(body) < MAX_POLICY:
        chunk = response.read1(MAX_POLICY - len(body))
        if not chunk:
            break
        body += chunk
    return body
