"""`python -m generator diagnose`: which step of the delivery path to a
domain, host or IP address fails now, and the entry that explains it.

    python -m generator diagnose contoso.com
    python -m generator diagnose mail.contoso.com --require-tls --lang ko
    python -m generator diagnose 192.0.2.25 --port 2525 --tls-name mail.contoso.com --json

Exit code 0 when the path is healthy, 1 when a step fails, 2 for a user's mistake.
"""
from __future__ import annotations

import json
from pathlib import Path

from generator.cli.help import Translate, english
from generator.cli.help import command as help_command
from generator.errors import UserError
from generator.i18n.catalog import SOURCE_LOCALE
from generator.i18n.labels import N_

EXIT_FAULT = 1


def add_commands(commands, translate: Translate = english) -> None:
    _ = translate
    command = help_command(commands, "diagnose", N_("walk DNS, TCP, SMTP, STARTTLS, the certificate and DANE to a "
                                                    "mail server, and name the fault"), translate)
    command.add_argument("target", help=_(N_("a domain (its MX hosts), a host name or an IP address")))
    command.add_argument("--port", type=int, default=25, help=_(N_("SMTP port (default 25)")))
    command.add_argument("--timeout", type=float, default=10.0,
                         help=_(N_("seconds each step may take (default 10); the whole run at most 3 times that")))
    command.add_argument("--json", action="store_true", help=_(N_("print the result as one JSON object")))
    command.add_argument("--lang", default=SOURCE_LOCALE,
                         help=_(N_("language of the steps, the result and this help (en, ko)")))
    command.add_argument("--nameserver",
                         help=_(N_("send DNS queries to this server: IP or IP:PORT (default: the system's)")))
    command.add_argument("--cafile", help=_(N_("trust the CA certificates in this PEM file instead of the system's")))
    command.add_argument("--tls-name", help=_(N_("the name the certificate must carry (default: the MX or host name)")))
    command.add_argument("--require-tls", action="store_true",
                         help=_(N_("a server that does not offer STARTTLS is a fault (4.4.317), as for a connector "
                                   "that requires TLS")))
    command.add_argument("--helo", help=_(N_("the name to send with EHLO (default: this machine's)")))
    command.add_argument("--mta-sts-port", type=int, default=443,
                         help=_(N_("fetch the MTA-STS policy from this port of mta-sts.DOMAIN (default 443)")))
    command.set_defaults(run=cmd_diagnose)


def options_from(args):
    from generator.diagnose.dns import make_resolver, parse_nameserver
    from generator.diagnose.target import ascii_name
    from generator.diagnose.tls import load_trust
    from generator.diagnose.walk import Options

    if not 0 < args.port < 65536:
        raise UserError(None, None, f"--port {args.port} is not a TCP port", "give a port from 1 to 65535, e.g. --port 25")
    if not 0 < args.mta_sts_port < 65536:
        raise UserError(None, None, f"--mta-sts-port {args.mta_sts_port} is not a TCP port",
                        "give a port from 1 to 65535, e.g. --mta-sts-port 443")
    if not 0 < args.timeout <= 300:
        raise UserError(None, None, f"--timeout {args.timeout:g} is out of range", "give seconds from 0.1 to 300, e.g. --timeout 10")
    nameserver = parse_nameserver(args.nameserver) if args.nameserver else None
    tls_name = ascii_name(args.tls_name, args.tls_name) if args.tls_name else None
    return Options(port=args.port, timeout=args.timeout, require_tls=args.require_tls, helo=args.helo,
                   tls_name=tls_name, trust=load_trust(args.cafile), resolver=make_resolver(nameserver),
                   sts_port=args.mta_sts_port)


def cmd_diagnose(args) -> int:
    from generator.cli.lookup import knowledge_base
    from generator.diagnose import report
    from generator.diagnose.target import parse_target
    from generator.diagnose.walk import diagnose

    target = parse_target(args.target)
    options = options_from(args)
    kb = knowledge_base(str(Path(args.root).resolve()))
    if args.lang not in kb.locales:
        raise UserError(None, None, f"unknown language '{args.lang}'", f"use one of: {', '.join(kb.locales)}")
    if args.json:
        diagnosis = diagnose(target, options)
        print(json.dumps(report.as_json(kb, diagnosis, options, args.lang), ensure_ascii=False, indent=2))
    else:
        print(report.heading(kb, target.shown, options, args.lang), flush=True)
        diagnosis = diagnose(target, options, lambda step: print(report.step_lines(kb, step, args.lang), flush=True))
        print(report.result_text(kb, diagnosis, args.lang))
    return 0 if diagnosis.healthy else EXIT_FAULT
