"""Messages whose expected reasons disagree although their replies say the same.

Usage: .venv/bin/python bench/label_conflicts.py [SHARED_CORPORA_DIR]

Groups the messages of both shared corpora and of the held-out set
(tests/data/other-families) by what the failed recipient's reply says, with
addresses, host names, IP addresses, numbers and queue ids taken out, and
prints each group whose expected reasons (expected.tsv) differ.  No rule that
reads the reply can agree with every message of such a group, so the figures
it prints are a ceiling: the most messages any reading of the reply text could
agree with, overall and per corpus.  Messages with no reply of their own (a
sentence in the report's prose) are grouped by what the prose says after
naming the recipient.  The SMTP command the reply answered is part of the
key: rules may read it.
"""
from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reasons as bench  # noqa: E402  (bench/reasons.py: the cases and their scoring)

from generator.bounces.classify import evidence_records  # noqa: E402

# What differs between two copies of the same reply: who, where and which id.
VARYING = [
    (re.compile(r"<[^<>\s]*>"), "<>"),
    (re.compile(r"[\w.+=-]+@[\w.-]+"), "@"),
    (re.compile(r"\[[^\]]*\]"), "[]"),
    (re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b"), "ip"),
    (re.compile(r"\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b"), "host"),
    (re.compile(r"\b[0-9a-f]*\d[0-9a-f]*\b"), "n"),
    (re.compile(r"^(?:smtp|x-[\w-]+);\s*", re.IGNORECASE), ""),
    (re.compile(r"\s+"), " "),
]
# How much of the reply a group is keyed on: enough to hold its cause.
KEY_CHARS = 200
# Shorter than this, what follows the recipient is punctuation, not its cause.
MIN_SENTENCE = 10


def reply_key(text: str) -> str:
    first = evidence_records(text)
    if not first:
        return ""
    record = first[0]
    said = record["reply"] or _after_recipient(record["diagnosis"] or "", record["recipient"])
    for pattern, replacement in VARYING:
        said = pattern.sub(replacement, said.strip())
    return f'{record["command"] or ""} {said.strip().lower()[:KEY_CHARS]}'


def _after_recipient(prose: str, recipient: str | None) -> str:
    """What the prose says after naming the recipient: its sentence, not the report's preamble."""
    at = prose.find(recipient) if recipient else -1
    rest = prose[at + len(recipient):] if at >= 0 else ""
    return rest if len(rest.strip(" \t\n>:")) >= MIN_SENTENCE else prose


def conflicts(found: list[bench.Case]) -> tuple[dict[str, list[bench.Case]], int]:
    """The groups whose labels differ, and the most messages one answer per group could agree with."""
    groups: dict[str, list[bench.Case]] = defaultdict(list)
    for case in found:
        groups[reply_key(case.text())].append(case)
    ceiling = 0
    differing = {}
    for key, members in groups.items():
        labels = Counter(bench.reason_aliases().get(case.reason, case.reason) for case in members)
        ceiling += labels.most_common(1)[0][1]
        if len(labels) > 1 and key:
            differing[key] = members
    return differing, ceiling


def report(title: str, found: list[bench.Case]) -> None:
    differing, ceiling = conflicts(found)
    print(f"{title}: {len(found)} messages; {len(differing)} groups with the same reply and"
          f" different expected reasons; ceiling {ceiling}/{len(found)} = {100 * ceiling / len(found):.1f}%")
    for key, members in sorted(differing.items()):
        print(f"  \"{key}\"")
        for case in members:
            print(f"      {case.reason:16} {case.path.name}")


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else bench.DEFAULT_CORPORA
    shared = bench.cases(root)
    held_out = bench.held_out_cases()
    report("both shared corpora", shared)
    report("held out", held_out)
    report("all together", shared + held_out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
