"""`python -m generator lookup`: codes in a text or an NDR file, and their entries.

    python -m generator lookup 450 4.4.316
    python -m generator lookup --file bounce.eml --json
    python -m generator lookup --lang ko 54316
    python -m generator lookup - < bounce.txt

Exit code 0 when a code or a reason was found (a text that is no bounce, such as an
automatic reply, gives its reason), 1 when neither was, 2 for a user's mistake.
"""
from __future__ import annotations

import json
import stat
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cli.help import Translate, english
from generator.cli.help import command as help_command
from generator.codes.parse import MAX_QUERY_BYTES
from generator.i18n.catalog import SOURCE_LOCALE
from generator.i18n.labels import N_
from generator.errors import UserError
from generator.site.urls import entry_page

if TYPE_CHECKING:  # imported when a lookup runs: every other command would pay for the bounce parser
    from generator.lookup import KnowledgeBase, Match

EXIT_NOTHING_FOUND = 1


def add_commands(commands, translate: Translate = english) -> None:
    _ = translate
    command = help_command(commands, "lookup", N_("look status codes up: a code in any form, or a whole NDR"),
                           translate)
    command.add_argument("text", nargs="*",
                         help=_(N_("the text to look up, e.g. 450 4.4.316, 44316, 5.4.316; - for standard input")))
    command.add_argument("--file", help=_(N_("read the text from this file (a saved NDR, .eml); - for standard input")))
    command.add_argument("--json", action="store_true",
                         help=_(N_("print a JSON list of matches, most relevant first")))
    command.add_argument("--lang", default=SOURCE_LOCALE, help=_(N_("language of titles, notes and this help (en, ko)")))
    command.set_defaults(run=cmd_lookup)


def read_query(args) -> str:
    from generator.bounces.message import message_text

    if args.file is None:
        if not args.text:
            raise UserError(None, None, "nothing to look up",
                            "give a code (lookup 450 4.4.316), a file (--file bounce.eml) or pipe the text in (lookup -)")
        if args.text != ["-"]:
            return " ".join(args.text)
    elif args.text:
        raise UserError(None, None, f"both a text ({' '.join(args.text)}) and --file {args.file} to look up",
                        "give one of them: the text, or --file (--file - or lookup - for standard input)")
    if args.file in ("-", None):  # "lookup -" as "--file -": the usual way to say standard input
        return message_text(capped(sys.stdin.buffer, None))
    path = Path(args.file)
    try:
        # Checked before opening: opening a pipe with no writer waits forever, /dev/zero never ends.
        if not stat.S_ISREG(path.stat().st_mode):
            raise UserError(path, None, "not a regular file (a folder, pipe or device)",
                            "give a saved message (.eml) or a text file; pipe text in with --file -")
        with path.open("rb") as handle:
            return message_text(capped(handle, path))
    except OSError as exc:
        raise UserError(path, None, f"cannot read file: {exc.strerror}", "check the path of the NDR file") from None


def capped(stream, path: Path | None) -> bytes:
    """At most MAX_QUERY_BYTES of stream (path, or None for standard input)."""
    data = stream.read(MAX_QUERY_BYTES + 1)
    if len(data) > MAX_QUERY_BYTES:
        raise UserError(path, None, f"{'the file' if path else 'standard input'} holds over "
                        f"{MAX_QUERY_BYTES // 1024 // 1024} MB, more than a bounce",
                        "look up the bounce itself, or split the text into smaller files")
    return data


def cmd_lookup(args) -> int:
    from generator.lookup import RESULT_TEXT, is_not_bounce, lookup

    text = read_query(args)
    kb = knowledge_base(str(Path(args.root).resolve()))
    if args.lang not in kb.locales:
        raise UserError(None, None, f"unknown language '{args.lang}'", f"use one of: {', '.join(kb.locales)}")
    matches = lookup(text, kb)
    if args.json:
        print(json.dumps([kb.as_json(match, args.lang) for match in matches], ensure_ascii=False, indent=2))
    elif matches:
        blocks = [why_it_bounced(kb, matches, args.lang)]
        blocks += [describe(kb, match, args.lang) for match in matches if match.code]
        if not any(match.code for match in matches) and not is_not_bounce([m.reason for m in matches if m.reason]):
            blocks.append(kb.text(RESULT_TEXT["no-codes-reason"], args.lang))
        print("\n\n".join(block for block in blocks if block))
    else:
        print(kb.text(RESULT_TEXT["no-codes"], args.lang))
    return 0 if matches else EXIT_NOTHING_FOUND


@lru_cache(maxsize=4)
def knowledge_base(root: str) -> KnowledgeBase:
    """Loaded once per process, for callers that run many lookups through main()."""
    from generator.lookup import load_knowledge_base

    return load_knowledge_base(Path(root))


def why_it_bounced(kb: KnowledgeBase, matches: list[Match], lang: str) -> str:
    """The reasons first, once each, most relevant first: "Why it bounced" (or, for a delay warning, "Why it
    is delayed" and that nothing was returned yet), title, what it is, whom it is about and what the server
    said, the sender's first step, page."""
    from generator.lookup import RESULT_TEXT, partly_retried, why_heading

    firsts = {}
    for match in matches:
        if match.reason:
            firsts.setdefault(match.reason, match)
    if not firsts:
        return ""
    verdicts = [verdict for match in firsts.values() for verdict in match.failed]
    lines = [kb.text(RESULT_TEXT[why_heading(verdicts, list(firsts))], lang)]
    lines += [f"  {line}" for line in kb.delay_lines(verdicts, lang)]
    mark_delayed = partly_retried(verdicts)
    for reason, match in firsts.items():
        title = kb.reason_title(reason, lang)
        lines.append(f"  {title}" if title == reason else f"  {title} ({reason})")
        says = kb.reason_says(reason, lang)
        if says:
            lines.append(f"  {says[0]}")
        lines += [f"    {line}" for line in kb.said_lines(match.failed, lang, mark_delayed)]
        if says:
            lines.append(f"  {kb.text(RESULT_TEXT['sender-can'], lang)}: {says[1]}")
        lines.append(f"  {kb.reason_json(reason, lang)['url']}")
    return "\n".join(lines)


def describe(kb: KnowledgeBase, match: Match, lang: str) -> str:
    from generator.lookup import severity_text

    found = f"{match.reply} {match.code}" if match.reply else match.code
    head = f"{found} → {match.entry} {kb.titles[match.entry][lang]}" if match.entry else found
    lines = [head]
    lines += [f"  {line}" for line in kb.meaning_lines(match, lang)]
    lines += [f"  {line}" for line in kb.possible_lines(match, lang)]
    note = kb.note(match, lang)
    if note:
        lines.append(f"  {note}")
    lines.append(f"  {severity_text(kb, match, lang)}")
    if match.entry:
        lines.append(f"  {entry_page(lang, match.entry)}")
    return "\n".join(lines)
