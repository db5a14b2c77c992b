"""The SMTP steps: greeting, EHLO and QUIT, read and sent on a plain or TLS
socket. Never MAIL, RCPT or DATA: a diagnosis delivers nothing."""
from __future__ import annotations

import socket
import ssl
import time
from dataclasses import dataclass

from generator.i18n.labels import N_
from generator.diagnose.steps import DROPPED, SMTP_ERROR, Clock, Step, since, waited

MAX_REPLY = 64 * 1024   # a server that sends more than this is not answering SMTP


@dataclass(frozen=True)
class Reply:
    code: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def extensions(self) -> list[str]:
        """EHLO keywords after the first line: STARTTLS, SIZE 35882577, ..."""
        return [line[4:] for line in self.lines[1:]]


class Dropped(Exception):
    """The server closed or reset the connection."""


class Silent(Exception):
    """No complete reply in time."""


class NotSmtp(Exception):
    """What came back is not an SMTP reply."""


class Session:
    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.pending = b""

    def read_reply(self, timeout: float) -> Reply:
        deadline = time.monotonic() + timeout
        lines, size = [], 0
        while True:
            line = self.read_line(deadline)
            if len(line) < 3 or not line[:3].isdigit() or line[3:4] not in ("", " ", "-"):
                raise NotSmtp(line)
            lines.append(line)
            size += len(line)
            if size > MAX_REPLY:
                raise NotSmtp(lines[0])
            if line[3:4] != "-":
                return Reply(int(line[:3]), tuple(lines))

    def read_line(self, deadline: float) -> str:
        while b"\n" not in self.pending:
            if len(self.pending) > MAX_REPLY:
                raise NotSmtp(self.pending[:80].decode("utf-8", "replace"))
            left = deadline - time.monotonic()
            if left <= 0:
                raise Silent()
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(4096)
            except (TimeoutError, socket.timeout):
                raise Silent() from None
            except (ConnectionError, ssl.SSLError, OSError) as error:
                raise Dropped(str(error)) from None
            if not chunk:
                raise Dropped("")
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return line.rstrip(b"\r").decode("utf-8", "replace")

    def send(self, command: str, timeout: float) -> None:
        self.sock.settimeout(timeout)
        try:
            self.sock.sendall(command.encode("ascii") + b"\r\n")
        except (TimeoutError, socket.timeout):
            raise Silent() from None
        except (ConnectionError, ssl.SSLError, OSError) as error:
            raise Dropped(str(error)) from None

    def command(self, command: str | None, timeout: float) -> Reply:
        """Send command (None: only read, as for the greeting) and read the reply."""
        deadline = time.monotonic() + timeout
        if command is not None:
            self.send(command, timeout)
        return self.read_reply(max(0.01, deadline - time.monotonic()))


def exchange(session: Session, step: str, command: str | None, host: str | None,
             clock: Clock) -> tuple[Step | None, Reply | None]:
    """Send command and read its reply; a failed step when the connection
    broke off or the server said nothing in time (both 4.4.318) or was
    not speaking SMTP (4.4.317). The caller judges the reply."""
    start = time.perf_counter()
    timeout = clock.step_timeout()
    values = {"seconds": waited(timeout)}
    try:
        return None, session.command(command, timeout)
    except Dropped as error:
        return Step(step, False, N_("The server closed the connection instead of answering"), values,
                    since(start), host=host, said=str(error) or None, code=DROPPED), None
    except Silent:
        return Step(step, False, N_("The server did not answer within %(seconds)s s"), values,
                    since(start), host=host, code=DROPPED), None
    except NotSmtp as error:
        return Step(step, False, N_("The server's answer is not an SMTP reply"), values,
                    since(start), host=host, said=str(error), code=SMTP_ERROR), None


def greeting(session: Session, host: str | None, clock: Clock) -> Step:
    start = time.perf_counter()
    failed, reply = exchange(session, "greeting", None, host, clock)
    if failed:
        return failed
    if reply.code != 220:
        return Step("greeting", False, N_("The server greeted with an error: it will not take mail now"), {},
                    since(start), host=host, said=reply.text, code=SMTP_ERROR)
    return Step("greeting", True, N_("The server is ready"), {}, since(start), host=host, said=reply.text)


def ehlo(session: Session, name: str, host: str | None, clock: Clock, step: str = "ehlo") -> tuple[Step, Reply | None]:
    start = time.perf_counter()
    failed, reply = exchange(session, step, f"EHLO {name}", host, clock)
    if failed:
        return failed, None
    if reply.code != 250:
        return Step(step, False, N_("The server rejected EHLO %(name)s"), {"name": name}, since(start), host=host,
                    said=reply.text, code=SMTP_ERROR), None
    offered = ", ".join(reply.extensions) or "-"
    return Step(step, True, N_("The server offers: %(extensions)s"), {"extensions": offered}, since(start),
                host=host, said=reply.lines[0]), reply


def quit(session: Session, host: str | None, clock: Clock) -> Step:
    start = time.perf_counter()
    failed, reply = exchange(session, "quit", "QUIT", host, clock)
    if failed:
        return failed
    return Step("quit", True, N_("Session closed; no message was sent"), {}, since(start), host=host,
                said=reply.text)


def offers(reply: Reply, keyword: str) -> bool:
    return any(extension.split(" ", 1)[0].upper() == keyword for extension in reply.extensions)
