"""Happy Eyeballs (RFC 8305), kept simple: a TCP connection to the first of
several addresses that answers, within one deadline for them all. The
addresses are taken IPv6 and IPv4 in turn (§4); a new attempt starts every
CONNECTION_ATTEMPT_DELAY seconds, or at once when one fails (§5), and the
others are closed when one connects."""
from __future__ import annotations

import errno
import os
import selectors
import socket
import time

from generator.diagnose.connect import family, shown

CONNECTION_ATTEMPT_DELAY = 0.25   # RFC 8305 §5: the recommended 250 ms


class NoConnection(OSError):
    """No address answered: each address with what happened to it."""

    def __init__(self, port: int, errors: list[tuple[str, OSError]]):
        super().__init__("; ".join(f"{shown(address, port)}: {error.strerror or error}" for address, error in errors))
        self.errors = errors


def interleaved(addresses: list[str]) -> list[str]:
    """IPv6 first, then the families in turn: 6, 4, 6, 4 … (RFC 8305 §4)."""
    six = [address for address in addresses if ":" in address]
    four = [address for address in addresses if ":" not in address]
    order = []
    for index in range(max(len(six), len(four))):
        order += six[index:index + 1] + four[index:index + 1]
    return order


def connect_first(addresses: list[str], port: int, seconds: float,
                  delay: float = CONNECTION_ATTEMPT_DELAY) -> tuple[socket.socket, str]:
    """The connected socket (blocking again) and the address that answered; NoConnection when none
    did within seconds."""
    deadline = time.monotonic() + seconds
    waiting = interleaved(addresses)
    errors: list[tuple[str, OSError]] = []
    with selectors.DefaultSelector() as selector:
        next_start = time.monotonic()
        try:
            while waiting or selector.get_map():
                now = time.monotonic()
                if now >= deadline:
                    break
                if waiting and (now >= next_start or not selector.get_map()):
                    address = waiting.pop(0)
                    failed = start(selector, address, port)
                    if failed is not None:
                        errors.append((address, failed))
                        continue
                    next_start = now + delay
                until = min(deadline, next_start) if waiting else deadline
                for key, _ in selector.select(max(0.0, until - time.monotonic())):
                    sock, address = key.fileobj, key.data
                    selector.unregister(sock)
                    code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                    if code == 0:
                        sock.setblocking(True)
                        return sock, address
                    sock.close()
                    errors.append((address, OSError(code, os.strerror(code))))
                    next_start = time.monotonic()      # §5: a failed attempt starts the next one at once
        finally:
            for key in list(selector.get_map().values()):
                selector.unregister(key.fileobj)
                key.fileobj.close()
                if time.monotonic() >= deadline:
                    errors.append((key.data, TimeoutError(errno.ETIMEDOUT, "timed out")))
    errors += [(address, TimeoutError(errno.ETIMEDOUT, "not tried: no time left")) for address in waiting]
    raise NoConnection(port, errors)


def start(selector: selectors.BaseSelector, address: str, port: int) -> OSError | None:
    """Starts a non-blocking connection attempt; the error when it fails at once."""
    sock = socket.socket(family(address), socket.SOCK_STREAM)
    sock.setblocking(False)
    code = sock.connect_ex((address, port))
    if code not in (0, errno.EINPROGRESS, errno.EWOULDBLOCK):
        sock.close()
        return OSError(code, os.strerror(code))
    selector.register(sock, selectors.EVENT_WRITE, address)
    return None
