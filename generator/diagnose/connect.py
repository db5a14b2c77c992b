"""The TCP step: connect to one address of a mail host."""
from __future__ import annotations

import ipaddress
import socket
import time

from generator.i18n.labels import N_
from generator.diagnose.steps import CONNECT_REFUSED, CONNECT_TIMED_OUT, Clock, Step, since, waited


def family(address: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ipaddress.ip_address(address).version == 6 else socket.AF_INET


def routable(address: str) -> bool:
    """Whether this machine has a route to address: connecting a UDP socket
    sends nothing, it only picks the route. IPv6 is tried where there is one."""
    try:
        with socket.socket(family(address), socket.SOCK_DGRAM) as probe:
            probe.connect((address, 9))
        return True
    except OSError:
        return False


def shown(address: str, port: int) -> str:
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"


def connect(address: str, port: int, host: str | None, clock: Clock) -> tuple[Step, socket.socket | None]:
    timeout = clock.step_timeout()
    values = {"address": shown(address, port), "seconds": waited(timeout)}
    sock = socket.socket(family(address), socket.SOCK_STREAM)
    start = time.perf_counter()
    try:
        sock.settimeout(timeout)
        sock.connect((address, port))
    except TimeoutError:
        sock.close()
        return Step("connect", False, N_("No answer from %(address)s within %(seconds)s s: the connection timed out"),
                    values, since(start), host=host, code=CONNECT_TIMED_OUT), None
    except ConnectionRefusedError as error:
        sock.close()
        return Step("connect", False, N_("%(address)s refused the connection: nothing listens on that port"),
                    values, since(start), host=host, said=error.strerror, code=CONNECT_REFUSED), None
    except OSError as error:
        # Unreachable network or host: like a timeout, nothing answers there.
        sock.close()
        return Step("connect", False, N_("Cannot reach %(address)s"), values, since(start), host=host,
                    said=error.strerror or str(error), code=CONNECT_TIMED_OUT), None
    return Step("connect", True, N_("Connected to %(address)s"), values, since(start), host=host), sock
