"""Hostile and huge pastes: does the lookup stay linear, bounded and quiet?

Usage: .venv/bin/python bench/hostile.py [--only inputs,patterns,mutations,page,build] [--scale 1.0]
                                          [--mutations 400] [--site DIR]

Five parts, each printing figures:

- inputs: each hostile input (a 20 MB line, 200,000 short lines, a base64
  attachment, MIME nested 500 and 20,000 deep, messages nested in messages 20,000
  deep, a 50 MB paste, 3.9 MB of random bytes, 10,000 boundaries, a 1 MB header, 50,000
  addresses, 20,000 deferred log lines, 10,000 queue entries, bad encodings,
  broken quoted-printable, unclosed JSON, a 100,000-character Diagnostic-Code,
  runs of the characters the patterns repeat, runs of a non-ASCII address's letters,
  one address named 80,000 times,
  a line of 2 million list marks, 200,000 header lines each after a line of
  spaces, 4,000 forwarded bounces one inside another, unclosed quotes after
  webmail errors, a run of local-part letters each after a quote, an unclosed "<"
  before a megabyte of "@", runs of ")" or "{LED=", JSON "code" members, 10,000
  recipients' field groups, "said:" and "354" lines, escaped quotes, a CSV line of
  400,000 commas under its header, and a 2 MB
  line of each of the characters the patterns repeat) at a quarter and at full size,
  through `python -m generator lookup --json --file X` (a real subprocess): its
  exit code, seconds, peak memory (the child's maximum resident set), and
  whether it printed a traceback.  Time roughly linear in size: the full size
  takes about 4 times the quarter's.
- patterns: every pattern of generator/data/reasons/rules.json and every
  compiled pattern of the reading modules (generator.bounces.*, generator.codes.*),
  in Python's re and (through node, the engine Chromium uses) JavaScript's
  RegExp with the regex literals of the lookup page's scripts (its mfkb_scripts), searched
  in strings built to make a backtracking engine blow up: runs of the
  characters a pattern repeats, its own words repeated.  Prints the slowest
  and every pattern that takes over 50 ms on 5,000 characters, with its time
  on 10,000 (quadratic: 4 times; exponential: never ends).
- mutations: byte flips, truncations and line shuffles (fixed seed) of the
  shared corpora's messages and tests/data/whole-bounces/, each looked up in
  one process through the command's main(): tracebacks and the slowest.
- page: the same inputs pasted into the lookup page of a site built from this
  repo (served on 127.0.0.1, headless Chromium): seconds to an answer, and any
  uncaught error on the console.
- build: hostile files in a small copy of the project (bench/hostile_build.py): a pipe,
  socket or device named like a content file, a catalog or mkdocs.yml, links out of
  the project and round a loop, alias bombs, deep nesting, NUL bytes, INHERIT loops,
  a maintainer's file in the built site (at any depth), a broken or wrong Plural-Forms,
  a !!python/object/apply tag or a !!python/name: of a local module in mkdocs.yml, a
  damaged mark, content/pages linked round a loop, a 7 MB translation:
  `build`, `i18n status|glossary` on each, with exit, seconds, peak memory, traceback,
  whether the site stayed as it was, and the build's temporary folders left.
"""
from __future__ import annotations

import argparse
import base64
import contextlib
import io
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from reasons import DEFAULT_CORPORA as CORPORA  # noqa: E402  (../shared/corpora, from main or a worktree)

REPO = Path(__file__).resolve().parents[1]
WHOLE_BOUNCES = REPO / "tests" / "data" / "whole-bounces"
SCRIPTS = REPO / "site_overrides" / "assets" / "javascripts"
SEED = 15
TIMEOUT = 300  # seconds: an input that takes longer is reported as hanging
MB = 1024 * 1024

HEAD = ("From: MAILER-DAEMON@mx.example.net\nTo: sender@example.net\n"
        "Subject: Undelivered Mail Returned to Sender\n")


def multipart(parts: list[tuple[str, str]], boundary: str = "B") -> str:
    """A multipart/report of (header, body) parts."""
    body = "".join(f"--{boundary}\n{header}\n\n{text}\n" for header, text in parts)
    return (f"{HEAD}MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; "
            f'boundary="{boundary}"\n\n{body}--{boundary}--\n')


DSN = ("Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; a@example.org\nAction: failed\n"
       "Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 <a@example.org>: user unknown\n")


def one_line(size: int) -> bytes:
    words = "550 5.1.1 <a@example.org>: Recipient address rejected: user unknown; "
    return (words * (size // len(words) + 1))[:size].encode()


def short_lines(count: int) -> bytes:
    return "".join(f"line {i} 550 5.1.1\n" if i % 97 == 0 else f"line {i}\n" for i in range(count)).encode()


def base64_attachment(size: int) -> bytes:
    data = base64.encodebytes(random.Random(SEED).randbytes(size)).decode()
    return multipart([("Content-Type: text/plain", "<a@example.org>: 550 5.1.1 user unknown"),
                      ("Content-Type: message/delivery-status", DSN),
                      ("Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64", data)]).encode()


def nested_mime(depth: int) -> bytes:
    inner = f"Content-Type: text/plain\n\n<a@example.org>: 550 5.1.1 user unknown\n"
    for level in range(depth):
        inner = f'Content-Type: multipart/mixed; boundary="b{level}"\n\n--b{level}\n{inner}\n--b{level}--\n'
    return (HEAD + "MIME-Version: 1.0\n" + inner).encode()


def nested_messages(depth: int) -> bytes:
    """Messages inside messages (message/rfc822): Python's email readers went a call deeper for each."""
    return (HEAD + "Content-Type: message/rfc822\n\n" * depth + "Subject: x\n\n<a@example.org>: 550 5.1.1 user unknown\n").encode()


def paste_lines(size: int) -> bytes:
    """A paste of a bounce's line repeated up to size bytes (50 MB: the command reads past 4 MB no further)."""
    line = b"<a@example.org>: host mx.example.org said: 550 5.1.1 user unknown\n"
    return line * max(1, size // len(line))


def binary(size: int) -> bytes:
    """Random bytes (a picture or an archive pasted or named by mistake), with a fixed seed."""
    return random.Random(SEED).randbytes(size)


def boundaries(count: int) -> bytes:
    parts = [("Content-Type: text/plain", f"part {i}") for i in range(count)]
    return multipart(parts[:count // 2] + [("Content-Type: message/delivery-status", DSN)] + parts[count // 2:]).encode()


def header(size: int) -> bytes:
    folded = "\n ".join(["x" * 70] * (size // 72))
    return (f"{HEAD}X-Long: {folded}\nX-Line: {'y' * size}\n\n<a@example.org>: 550 5.1.1 user unknown\n").encode()


def addresses(count: int) -> bytes:
    listed = ", ".join(f"u{i}@example.org" for i in range(count))
    prose = "".join(f"<u{i}@example.org>: host mx.example.org said: 550 5.1.1 user unknown\n" for i in range(count))
    return f"{HEAD}Cc: {listed}\n\n{prose}".encode()


def deferred_log(count: int) -> bytes:
    return "".join(
        f"Nov 30 09:00:{i % 60:02d} mx postfix/smtp[{i}]: {i:010X}: to=<u{i}@example.org>, "
        f"dsn=4.2.0, status=deferred (host mx.example.org[192.0.2.1] said: 450 4.2.0 Greylisted "
        f"(in reply to RCPT TO command))\n"
        for i in range(count)).encode()


def postqueue(count: int) -> bytes:
    entries = "".join(
        f"{i:010X}*    1234 Mon Nov 30 09:00:00  sender@example.net\n"
        f"(host mx.example.org[192.0.2.1] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))\n"
        f"                                         u{i}@example.org\n\n" for i in range(count))
    return f"-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------\n{entries}-- {count} Kbytes in {count} Requests.\n".encode()


def bad_encodings(count: int) -> bytes:
    words = ["=?utf-8?b?7aCA?=", "=?utf-8?b?/w==?=", "=?utf-16?b?//5hAA==?=", "=?x-unknown?q?a=ZZ?=",
             "=?utf-8?q?=ED=A0=80?=", "=?utf-8?b?####?=", "=?utf-8?b?", "=??="]
    subject = " ".join(words[i % len(words)] for i in range(count))
    text = (f"From: =?utf-8?b?7aCA?= <MAILER-DAEMON@mx.example.net>\nSubject: {subject}\n"
            "Content-Type: text/plain; charset=utf-8\n\n").encode()
    body = b"<a@example.org>: 550 5.1.1 user \xff\xfe unknown \x00\xed\xa0\x80\n" * count
    return text + body


def utf16(count: int) -> bytes:
    return ("\ufeff" + HEAD + "\n" + "<a@example.org>: 550 5.1.1 user unknown\n" * count).encode("utf-16-le")


def broken_qp(count: int) -> bytes:
    body = "".join("550 5.1.1 user=\n" if i % 2 else "=ZZ=4=\n=\n" for i in range(count))
    return (f"{HEAD}Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n{body}"
            f"\n--X\nContent-Type: text/plain\n\n{'=' * 70}=\n" * 1).encode()


def undeclared_qp(count: int) -> bytes:
    """A paste of soft-broken lines without a header: joins into one long line."""
    return ("<a@example.org>: host mx.example.org said: 550 5.1.1 us=\n" * count).encode()


def unclosed_json(count: int) -> bytes:
    members = "".join(f'{{"email": "u{i}@example.org", "reason": "550 5.1.1 user unknown", "status": "5.1.1", '
                      for i in range(count))
    return ('{"event": "bounce", "diagnosticCode": "smtp; 550 5.1.1 ' + '\\"' * count + members
            + '"code": 550, "message": "' + "[" * count).encode()


def diagnostic_code(size: int) -> bytes:
    words = "user unknown, mailbox full, blocked, spam; "
    long = (words * (size // len(words) + 1))[:size]
    dsn = DSN.replace("user unknown\n", f"{long}\n")
    return multipart([("Content-Type: text/plain", "Delivery failed."),
                      ("Content-Type: message/delivery-status", dsn)]).encode()


def runs(size: int) -> bytes:
    """Runs of the characters patterns repeat, one per line, each a fraction of size."""
    units = [" ", "\t", "a", "0", ".", "-", "=", "<", ">", "@", ":", "5.", "a@", "a ", "A-", "a.", "#",
             "[", "\\", '"', "'", "550 ", "5.1.1 ", "said: ", ": ", '":"', "in reply to ", "\n "]
    share = size // len(units)
    return "\n".join(unit * (share // len(unit)) for unit in units).encode() + b"\n"


def intl_address_runs(size: int) -> bytes:
    """Runs of what a non-ASCII address repeats (Hangul and CJK letters, "@", dots, a Korean particle
    after a top-level domain) with no address ending, then recipients with such addresses."""
    units = ["가", "가.", "가@", "用户", "ü.", "한국에게 ", "@예시."]
    runs = "\n".join(unit * (size // len(unit) // len(units) // 3) for unit in units)
    listed = "".join(f"<홍길동{i}@예시.한국>: 550 5.1.1 user unknown\n" for i in range(max(1, size // 3000)))
    return f"{HEAD}\n{runs}\n{listed}".encode()


def one_address_repeated(count: int) -> bytes:
    """One recipient named count times on one line, then a second: each mention's stretch of prose."""
    line = "<neko@example.org>: 550 5.1.1 user unknown; " * count + "<inu@example.org>: 552 full\n"
    return f"{HEAD}\n{line}".encode()


def marks_line(count: int) -> bytes:
    """A line of the marks a listed address may start with, before one such address."""
    return ("*" * count + "\n ** <**neko@example.org>: 550 5.1.1 user unknown\n").encode()


def headers_after_spaces(count: int) -> bytes:
    """Header-like lines each after a line of spaces: each may start a header block."""
    return ("X-A: 1\n \n" * count + "\n<neko@example.org>: 550 5.1.1 user unknown\n").encode()


def forwarded_markers(count: int) -> bytes:
    """Lines that each start a forwarded bounce (a dashed line over a header line), one inside another."""
    return (HEAD + "\n<neko@example.org>: 550 5.1.1 user unknown\n"
            + "----- Original message -----\nFrom: a@example.com\n" * count).encode()


def webmail_quotes(count: int) -> bytes:
    """Roundcube's "SMTP (550): " each before a quote that opens an address and never closes."""
    return (HEAD + "\n" + "SMTP (550): \u00aba " * count + '\nSMTP Error (550): Failed to add recipient "neko@example.org" '
            "(5.1.1 <neko@example.org>: user unknown).\n").encode()


def local_part_run(size: int) -> bytes:
    """A line of letters each after a quote: an address's search may start after each."""
    return (HEAD + "\n" + "a'" * (size // 2) + "\n<neko@example.org>: 550 5.1.1 user unknown\n").encode()


def bracket_at_signs(count: int) -> bytes:
    """An HTML part with an unclosed "<" before many "@"."""
    return (f"{HEAD}Content-Type: text/html\n\n<p>&lt;neko@example.org&gt;: 550 5.1.1 user unknown</p><p><"
            + "a@" * count + "</p>\n").encode()


def closing_parentheses(count: int) -> bytes:
    """A reply followed by a run of ")" that close nothing opened in it."""
    return (HEAD + "\n<neko@example.org>: 550 5.1.1 user unknown" + ")" * count + "\n").encode()


def led_braces(count: int) -> bytes:
    """Exchange's "{LED=" many times, none closed, each with a "{" of its own."""
    return (HEAD + "\n" + "{LED=550 5.1.1 user unknown {" * count + "\n").encode()


def code_members(count: int) -> bytes:
    """Mailgun's "code": 550 many times without the "message" member it pairs with."""
    return (HEAD + "\n" + '{"code": 550, ' * count + "\n").encode()


def recipient_groups(count: int) -> bytes:
    """A delivery-status part of many recipients' field groups."""
    groups = "".join(f"Final-Recipient: rfc822; u{i}@example.org\nAction: failed\nStatus: 5.1.1\n"
                     f"Diagnostic-Code: smtp; 550 5.1.1 <u{i}@example.org>: user unknown\n\n" for i in range(count))
    return multipart([("Content-Type: text/plain", "Delivery failed."),
                      ("Content-Type: message/delivery-status", "Reporting-MTA: dns; mx.example.net\n\n" + groups)]).encode()


def said_lines(count: int) -> bytes:
    """Postfix's "said:" line many times, none closed by "(in reply to ... command)"."""
    return (HEAD + "\n" + "<u@example.org>: host mx.example.org said: 550 5.1.1 user unknown\n" * count).encode()


def transcript_go_aheads(count: int) -> bytes:
    """A session's "354" go-ahead many times, none followed by the lone "." that ends its data."""
    return (HEAD + "\n" + "354 Start mail input\nFrom: a@example.com\n" * count
            + "<neko@example.org>: 550 5.1.1 user unknown\n").encode()


def escaped_quotes(count: int) -> bytes:
    """A JSON string that opens before a reply and holds only escaped quotes."""
    return (HEAD + '\n{"diagnosticCode": "smtp; 550 5.1.1 ' + '\\"' * count + "\n").encode()


def spaced_reply(size: int) -> bytes:
    """A report whose Diagnostic-Code and prose hold one reply, the prose's read on after a run of spaces."""
    dsn = DSN.replace("user unknown\n", "user\n")
    return multipart([("Content-Type: text/plain", "<a@example.org>: host mx.example.org said: 550 5.1.1 user"
                       + " " * size + "unknown in RCPT TO"),
                      ("Content-Type: message/delivery-status", dsn)]).encode()


def one_char_line(size: int, char: str) -> bytes:
    return (HEAD + "\n<neko@example.org>: 550 5.1.1 user unknown\n" + char * size + "\n").encode()


def table_headers(count: int) -> bytes:
    """A PowerShell table's header and dash line repeated, then a row: each header read the rest again."""
    header = "Received            SenderAddress          RecipientAddress          Status\n"
    dashes = "--------            -------------          ----------------          ------\n"
    row = "11.08.2026 09:05:24 dienst@example-test.com empfaenger@example.com   Failed\n"
    return ((header + dashes) * count + header + dashes + row).encode()


def csv_commas(count: int) -> bytes:
    """A CSV log's header with a sender's column, then one line of commas: each comma looked to the line's end."""
    return (HEAD + "\n<neko@example.org>: 550 5.1.1 user unknown\norig,rcpt\n" + "a," * count + "\n").encode()


def nul_bytes(size: int) -> bytes:
    return b"\x00" * (size // 2) + b"550 5.1.1 user unknown" + b"\x00" * (size // 2)


# name: (builder, full-size argument, what the argument counts)
INPUTS = {
    "one line 20 MB": (one_line, 20 * MB, "bytes"),
    "one line 3.9 MB": (one_line, int(3.9 * MB), "bytes"),
    "short lines": (short_lines, 200_000, "lines"),
    "base64 5 MB": (base64_attachment, 5 * MB, "bytes"),
    "base64 2.8 MB": (base64_attachment, int(2.8 * MB), "bytes"),
    "MIME nesting": (nested_mime, 500, "levels"),
    "MIME nesting deeper": (nested_mime, 20_000, "levels"),
    "messages in messages": (nested_messages, 20_000, "levels"),
    "paste of 50 MB": (paste_lines, 50 * MB, "bytes"),
    "binary": (binary, int(3.9 * MB), "bytes"),
    "boundaries": (boundaries, 10_000, "parts"),
    "header 1 MB": (header, MB, "bytes"),
    "addresses": (addresses, 45_000, "addresses"),
    "deferred log": (deferred_log, 20_000, "lines"),
    "postqueue -p": (postqueue, 10_000, "entries"),
    "bad encodings": (bad_encodings, 20_000, "words"),
    "UTF-16 BOM": (utf16, 20_000, "lines"),
    "NUL bytes": (nul_bytes, 2 * MB, "bytes"),
    "broken QP": (broken_qp, 100_000, "lines"),
    "undeclared QP": (undeclared_qp, 50_000, "lines"),
    "unclosed JSON": (unclosed_json, 20_000, "members"),
    "Diagnostic-Code": (diagnostic_code, 100_000, "chars"),
    "pattern runs": (runs, 2 * MB, "bytes"),
    "one address repeated": (one_address_repeated, 80_000, "mentions"),
    "non-ASCII address runs": (intl_address_runs, 2 * MB, "chars"),
    "marks line": (marks_line, 2 * MB, "marks"),
    "headers after spaces": (headers_after_spaces, 200_000, "lines"),
    "forwarded markers": (forwarded_markers, 4_000, "markers"),
    "webmail quotes": (webmail_quotes, 40_000, "quotes"),
    "local part run": (local_part_run, 2 * MB, "bytes"),
    "bracket at signs": (bracket_at_signs, MB, "at signs"),
    "closing parentheses": (closing_parentheses, 2 * MB, "marks"),
    "LED braces": (led_braces, 40_000, "braces"),
    "code members": (code_members, 100_000, "members"),
    "recipient groups": (recipient_groups, 10_000, "recipients"),
    "said lines": (said_lines, 40_000, "lines"),
    "354 lines": (transcript_go_aheads, 40_000, "lines"),
    "escaped quotes": (escaped_quotes, MB, "quotes"),
    "spaced reply": (spaced_reply, 2 * MB, "spaces"),
    "table headers": (table_headers, 8_000, "headers"),
    "CSV line of commas": (csv_commas, 400_000, "commas"),
}
# A 2 MB line of one character, for each character a pattern repeats or a reader counts.
for _char in "a'*`{}()<>@\"=-_.:;[]\\ \t#%":
    INPUTS[f"2 MB of {unicodedata.name(_char, 'tab').lower()}"] = (
        lambda size, char=_char: one_char_line(size, char), 2 * MB, "bytes")


def run_lookup(path: Path) -> dict:
    """`python -m generator lookup --json --file path` in a child: exit, seconds, peak MB, traceback."""
    got = run_child(["--root", str(REPO), "lookup", "--json", "--file", str(path)], REPO)
    answer = got["stderr"].strip().splitlines()[-1] if got["stderr"].strip() else answer_of(got["stdout"])
    return {**got, "says": answer[:90]}


def run_child(args: list[str], cwd: Path) -> dict:
    """`python -m generator ARGS` in a child of its own process group, killed with its workers at
    TIMEOUT: exit ("hung" then), seconds, peak MB, whether it printed a traceback, its output."""
    start = time.perf_counter()
    # This tree's generator wherever the child runs: from a copied project's folder (the build part),
    # `python -m generator` found the installed one instead (a relative PYTHONPATH=. included).
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen([sys.executable, "-m", "generator", *args], stdout=out, stderr=err, cwd=cwd,
                                 start_new_session=True, env=env)
        deadline = start + TIMEOUT
        peak = 0
        while True:
            # The child's own high-water mark: its rusage would start from this process's size.
            peak = max(peak, high_water_kb(child.pid))
            pid, status, _ = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(child.pid, signal.SIGKILL)
                os.wait4(child.pid, 0)
                return {"exit": "hung", "seconds": TIMEOUT, "mb": peak / 1024, "traceback": False,
                        "stdout": "", "stderr": ""}
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        out.seek(0)
        stdout = out.read().decode("utf-8", "replace")
    return {"exit": os.waitstatus_to_exitcode(status), "seconds": seconds, "mb": peak / 1024,
            "traceback": "Traceback" in stderr, "stdout": stdout, "stderr": stderr}


def high_water_kb(pid: int) -> int:
    """VmHWM of a running process, in KB (0 once it has ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"^VmHWM:\s+([0-9]+) kB", status, re.MULTILINE)
    return int(found.group(1)) if found else 0


def answer_of(stdout: str) -> str:
    """How many matches the JSON list holds, and the first one's code and reason."""
    try:
        matches = json.loads(stdout)
    except ValueError:
        return f"not JSON: {stdout[:60]!r}"
    if not matches:
        return "no match"
    first = matches[0]
    return f"{len(matches)} matches, first {first.get('code')} {(first.get('reason') or {}).get('id')}"


def inputs_part(scale: float, workdir: Path, names: list[str]) -> list[tuple[str, bytes]]:
    print(f"{'input':30s} {'size':>9s} {'MB in':>6s} {'exit':>4s} {'s':>7s} {'peak MB':>7s}  answer")
    pasted = []
    for name in names:
        build, full, unit = INPUTS[name]
        for fraction in (0.25, 1.0):
            size = max(1, int(full * scale * fraction))
            data = build(size)
            path = workdir / "input.txt"
            path.write_bytes(data)
            got = run_lookup(path)
            flag = " TRACEBACK" if got["traceback"] else ""
            print(f"{name:30s} {size:9d} {len(data) / MB:6.2f} {got['exit']!s:>4s} {got['seconds']:7.2f} "
                  f"{got['mb']:7.0f}  {got['says']}{flag}", flush=True)
            if fraction == 1.0:
                pasted.append((name, data))
    return pasted


# ---------------------------------------------------------------- patterns

RUN_UNITS = [" ", "\t", "\n", "a", "A", "0", "5", ".", "-", "_", "=", ":", ";", ",", "<", ">", "@", "#", "(", ")",
             "[", "]", '"', "'", "/", "\\", "*", "a ", "a.", "0.", "5.", "a-", "a\n", " \n", "a@", "=\n", "a:",
             ": ", "\n ", "a,", "a;", "\"a", "\\\"", "\\n", "5.1.1 ", "550 ", "a@b.c ", "a'", "a*", "a`", "a{", "a)"]
# Prefixes that open what a pattern then seeks the close of: "<a@a@..." took a bracketed address's
# pattern time in the square of its length, where the run alone took none.
RUN_PREFIXES = ["<", "(", "{", "\"", "'", "\u00ab", "a@"]
WORD_RE = re.compile(r"(?<![\\])[A-Za-z][A-Za-z' -]{2,}[A-Za-z:]")


def attack_specs(source: str, length: int) -> list[tuple[str, str, int]]:
    """(prefix, unit, count) triples: prefix + unit * count is about length characters."""
    specs = [(prefix, unit, length // len(unit)) for prefix in ["", *RUN_PREFIXES] for unit in RUN_UNITS]
    for word in list(dict.fromkeys(WORD_RE.findall(source)))[:6]:
        for unit in (word + " ", word + "\n", word):
            specs.append(("", unit, length // len(unit)))
        for tail in (" ", "a", "\n", "0"):
            specs.append((word, tail, length))
    return specs


def python_patterns() -> list[tuple[str, re.Pattern]]:
    """(where, pattern) for rules.json and the reading modules' compiled patterns."""
    import importlib
    import pkgutil

    import generator.bounces
    import generator.codes
    from generator.bounces.rules import load_rules

    found = {}
    for package in (generator.bounces, generator.codes):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    found.setdefault((value.pattern, value.flags), f"{module.__name__}.{name}")
    lookup = importlib.import_module("generator.lookup")
    for name, value in vars(lookup).items():
        if isinstance(value, re.Pattern):
            found.setdefault((value.pattern, value.flags), f"generator.lookup.{name}")
    for where, pattern in rules_patterns(load_rules()):
        found.setdefault((pattern.pattern, pattern.flags), where)
    return [(where, re.compile(source, flags)) for (source, flags), where in found.items()]


def rules_patterns(rules) -> list[tuple[str, re.Pattern]]:
    out = []
    for rule in rules.rules:
        out.append((f"rules.json {rule.reason} ({rule.group})", rule.pattern))
        out += [(f"rules.json {rule.reason} when {c.field}", c.pattern) for c in rule.when]
    for refinement in rules.refinements:
        out += [(f"rules.json refine {refinement.reason} {c.field}", c.pattern)
                for c in refinement.when + refinement.unless]
    out += [(f"rules.json family {family}", condition.pattern) for family, condition in rules.families]
    out += [(f"rules.json command {command}", pattern) for command, pattern in rules.commands]
    delay = rules.delay
    out += [("rules.json delay", c.pattern) for c in vars_conditions(delay)]
    kinds = rules.not_bounce
    out += [(f"rules.json not_bounce {reason}", c.pattern) for reason, c in kinds.structure + kinds.words]
    out += [("rules.json not_bounce unless", c.pattern) for c in kinds.unless]
    return out


def vars_conditions(delay) -> list:
    conditions = []
    for value in vars(delay).values():
        if isinstance(value, tuple):
            conditions += [c for c in value if hasattr(c, "pattern")]
        elif isinstance(value, re.Pattern):
            conditions.append(type("C", (), {"pattern": value})())
    return conditions


def time_python(pattern: re.Pattern, specs, limit: float) -> tuple[float, tuple]:
    worst, worst_spec = 0.0, None
    for spec in specs:
        text = spec[0] + spec[1] * spec[2]
        start = time.perf_counter()
        pattern.search(text)
        spent = time.perf_counter() - start
        if spent > worst:
            worst, worst_spec = spent, spec
        if spent > limit:
            break
    return worst, worst_spec


# JavaScript regex literals: after an operator or bracket, up to the closing slash and flags.
JS_REGEX_RE = re.compile(r"(?:(?<=[=(,:\[!&|?;{}])|(?<=return))\s*/((?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n\[*])(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n\[])*)/([gimsuy]*)")

NODE_TIMER = r"""
const [specsFile] = process.argv.slice(2);
const jobs = JSON.parse(require('fs').readFileSync(specsFile, 'utf8'));
const out = [];
for (const job of jobs) {
  let re;
  try { re = new RegExp(job.source, job.flags.replace('g', '')); } catch (e) { out.push([job.where, -1, null]); continue; }
  let worst = 0, worstSpec = null;
  for (const spec of job.specs) {
    const text = spec[0] + spec[1].repeat(spec[2]);
    const start = process.hrtime.bigint();
    re.exec(text);
    const spent = Number(process.hrtime.bigint() - start) / 1e9;
    if (spent > worst) { worst = spent; worstSpec = spec; }
    if (spent > job.limit) break;
  }
  out.push([job.where, worst, worstSpec]);
}
console.log(JSON.stringify(out));
"""


def javascript_patterns() -> list[tuple[str, str, str]]:
    """(where, source, flags): the regex literals of the page's reading scripts and rules.json's patterns."""
    from generator.bounces.ascii_words import as_written
    from generator.bounces.rules import load_rules
    from generator.site.page_scripts import page_scripts

    found = {}
    for path in page_scripts("lookup"):
        script = path.relative_to(SCRIPTS).as_posix()
        text = path.read_text(encoding="utf-8")
        for match in JS_REGEX_RE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.setdefault((match.group(1), match.group(2)), f"{script}:{line}")
    for where, pattern in rules_patterns(load_rules()):
        found.setdefault((as_written(pattern.pattern), "i"), where)
    return [(where, source, flags) for (source, flags), where in found.items()]


def run_node(jobs: list[dict], workdir: Path) -> list:
    specs = workdir / "jobs.json"
    specs.write_text(json.dumps(jobs), encoding="utf-8")
    script = workdir / "timer.js"
    script.write_text(NODE_TIMER, encoding="utf-8")
    result = subprocess.run(["node", str(script), str(specs)], capture_output=True, text=True, timeout=3600)
    if result.returncode:
        raise SystemExit(f"node failed: {result.stderr[-2000:]}")
    return json.loads(result.stdout)


def patterns_part(workdir: Path, length: int = 5000, limit: float = 0.05) -> None:
    slow = []
    python = python_patterns()
    for where, pattern in python:
        worst, spec = time_python(pattern, attack_specs(pattern.pattern, length), limit)
        if worst > limit:
            again, _ = time_python(pattern, [(spec[0], spec[1], spec[2] * 2)], 60)
            slow.append(("python", where, pattern.pattern, spec, worst, again))
    print(f"python: {len(python)} patterns, {len(slow)} over {limit * 1000:.0f} ms on {length} characters")
    javascript = javascript_patterns()
    jobs = [{"where": where, "source": source, "flags": flags, "limit": limit,
             "specs": attack_specs(source, length)} for where, source, flags in javascript]
    results = run_node(jobs, workdir)
    js_slow = [(job, worst, spec) for job, (where, worst, spec) in zip(jobs, results) if worst > limit]
    bad = [job["where"] for job, (where, worst, spec) in zip(jobs, results) if worst < 0]
    again = run_node([{**job, "specs": [[spec[0], spec[1], spec[2] * 2]], "limit": 60} for job, _, spec in js_slow],
                     workdir) if js_slow else []
    for (job, worst, spec), (_, twice, _) in zip(js_slow, again):
        slow.append(("js", job["where"], job["source"], spec, worst, twice))
    print(f"javascript: {len(javascript)} patterns, {len(js_slow)} over {limit * 1000:.0f} ms; "
          f"not compiled by node: {bad or 'none'}")
    for engine, where, source, spec, worst, twice in slow:
        print(f"  {engine:6s} {where}: {worst * 1000:.0f} ms on {length}, {twice * 1000:.0f} ms on {length * 2} "
              f"chars of {spec[0]!r}+{spec[1]!r}*n\n         /{source[:150]}/")


# ---------------------------------------------------------------- mutations

def corpus_messages() -> list[tuple[str, bytes]]:
    paths = sorted(CORPORA.glob("*/*.eml")) + sorted(WHOLE_BOUNCES.glob("*.txt")) + sorted(WHOLE_BOUNCES.glob("*.eml"))
    return [(path.name, path.read_bytes()) for path in paths]


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    kind = rng.choice(["flip", "truncate", "shuffle", "duplicate", "splice"])
    if kind == "flip" and data:
        out = bytearray(data)
        for _ in range(rng.randint(1, 50)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return kind, bytes(out)
    if kind == "truncate":
        return kind, data[:rng.randrange(len(data) + 1)]
    lines = data.split(b"\n")
    if kind == "shuffle":
        rng.shuffle(lines)
    elif kind == "duplicate":
        at = rng.randrange(len(lines))
        lines[at:at] = lines[at:at + rng.randint(1, 20)] * rng.randint(2, 200)
    else:
        at, to = sorted(rng.randrange(len(lines) + 1) for _ in range(2))
        lines[to:to] = lines[at:to]
    return kind, b"\n".join(lines)


def mutations_part(count: int, workdir: Path) -> None:
    """Each mutation through main() in this process: a traceback or an exit other than 0, 1, 2 is a failure."""
    from generator.cli.main import main

    rng = random.Random(SEED)
    messages = corpus_messages()
    path = workdir / "mutated.eml"
    times, failures, exits = [], [], {}
    for index in range(count):
        name, data = messages[index % len(messages)]
        kind, mutated = mutate(data, rng)
        path.write_bytes(mutated)
        start = time.perf_counter()
        sink = io.StringIO()
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                code = main(["--root", str(REPO), "lookup", "--json", "--file", str(path)])
        except SystemExit as exit_:
            code = exit_.code
        except Exception as exc:  # noqa: BLE001 - the bench counts them
            code = f"{type(exc).__name__}: {exc}"
            failures.append((name, kind, code))
            (workdir / f"failure-{index}.eml").write_bytes(mutated)
        spent = time.perf_counter() - start
        exits[code if isinstance(code, int) else "exception"] = exits.get(code if isinstance(code, int) else "exception", 0) + 1
        times.append((spent, len(mutated), name, kind))
    times.sort(reverse=True)
    print(f"mutations: {count} of {len(messages)} messages (seed {SEED}); exits {exits}; "
          f"total {sum(t for t, *_ in times):.1f} s")
    for spent, size, name, kind in times[:5]:
        print(f"  slowest: {spent:.2f} s  {size / 1024:.0f} KB  {kind} of {name}")
    for name, kind, what in failures[:20]:
        print(f"  FAILED: {kind} of {name}: {what[:200]}")


# ---------------------------------------------------------------- page

def page_part(pasted: list[tuple[str, bytes]], workdir: Path, site: Path | None) -> None:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "tests"))
    from conftest import CHROMIUM, CHROMIUM_FLAGS, copy_project, serve

    if site is None:
        project = copy_project(workdir / "project")
        built = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "build"],
                               capture_output=True, text=True, cwd=REPO)
        if built.returncode:
            raise SystemExit(f"build failed: {built.stderr[-2000:]}")
        site = project / "site"
    print(f"{'input (page)':30s} {'MB':>6s} {'s':>7s}  answer")
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        for name, data in pasted:
            page = browser.new_page()
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.goto(f"{url}/en/lookup/")
            page.wait_for_function("() => window.mfkbLookupDone")
            page.evaluate("() => window.mfkbLookupDone")
            text = data.decode("utf-8", "replace")
            page.set_default_timeout(TIMEOUT * 1000)
            try:
                seconds, answer = page.evaluate("""async (text) => {
                    document.getElementById('mfkb-lookup-q').value = text;
                    const results = document.getElementById('mfkb-lookup-results');
                    results.replaceChildren();
                    const start = performance.now();
                    document.querySelector('#mfkb-lookup button[type=submit]').click();
                    while (!results.firstChild) await new Promise(done => setTimeout(done, 5));
                    return [(performance.now() - start) / 1000, results.innerText.slice(0, 80)];
                }""", text)
            except Exception as exc:  # noqa: BLE001 - a hung page is a finding
                seconds, answer = TIMEOUT, f"no answer: {str(exc)[:60]}"
            flag = f" ERRORS: {errors[:2]}" if errors else ""
            print(f"{name:30s} {len(data) / MB:6.2f} {seconds:7.2f}  {' '.join(answer.split())[:70]}{flag}",
                  flush=True)
            page.close()
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="inputs,patterns,mutations,page,build")
    parser.add_argument("--inputs", default=",".join(INPUTS), help="names of inputs, comma-separated")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every input's size")
    parser.add_argument("--mutations", type=int, default=400)
    parser.add_argument("--timeout", type=float, default=300, help="seconds before an input counts as hanging")
    parser.add_argument("--site", help="a built site to serve (default: build one from a copy of the repo)")
    args = parser.parse_args()
    globals()["TIMEOUT"] = args.timeout
    parts = args.only.split(",")
    names = args.inputs.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        pasted = inputs_part(args.scale, workdir, names) if "inputs" in parts else [
            (name, INPUTS[name][0](int(INPUTS[name][1] * args.scale))) for name in names if "page" in parts]
        if "patterns" in parts:
            patterns_part(workdir)
        if "mutations" in parts:
            mutations_part(args.mutations, workdir)
        if "page" in parts:
            page_part(pasted, workdir, Path(args.site) if args.site else None)
        if "build" in parts:
            from hostile_build import build_part
            build_part(workdir, run_child)
    return 0


if __name__ == "__main__":
    sys.exit(main())
