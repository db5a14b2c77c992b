"""Score generator.bounces.message.extract_codes against the bounce corpus.

Usage: .venv/bin/python bench/bounce_corpus.py [CORPUS_DIR]

Prints, per sender family and overall: how often the expected primary status is
the first code returned ("first") and among the codes returned ("contained"),
how many other expected recipient statuses were missed, and how many returned
codes do not occur in the expected statuses ("extra") or look like false
positives ("suspect": class 2 in a failure report, or a code that is also the
tail of a dotted number such as an IP address or a version).  Then throughput.
tests/test_bounce_corpus.py imports this module, so the figures are the same.
"""
from __future__ import annotations

import csv
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from generator.bounces.message import extract_codes

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bounces"
FAMILY_SUFFIX_RE = re.compile(r"-\d+\.eml$")


@dataclass(frozen=True)
class Expected:
    file: str
    primary_status: str
    all_statuses: tuple[str, ...]

    @property
    def family(self) -> str:
        return FAMILY_SUFFIX_RE.sub("", self.file)


@dataclass(frozen=True)
class Outcome:
    expected: Expected
    found: tuple[str, ...]

    @property
    def first(self) -> bool:
        return bool(self.found) and self.found[0] == self.expected.primary_status

    @property
    def contained(self) -> bool:
        return self.expected.primary_status in self.found

    @property
    def missed_others(self) -> int:
        return len(set(self.expected.all_statuses) - set(self.found))

    @property
    def extra(self) -> int:
        return len(set(self.found) - set(self.expected.all_statuses))


@dataclass
class Tally:
    messages: int = 0
    first: int = 0
    contained: int = 0
    missed_others: int = 0
    extra: int = 0
    suspect: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, outcome: Outcome, suspect: int) -> None:
        self.messages += 1
        self.first += outcome.first
        self.contained += outcome.contained
        self.missed_others += outcome.missed_others
        self.extra += outcome.extra
        self.suspect += suspect
        if not outcome.first:
            self.failures.append(
                f"{outcome.expected.file}: expected {outcome.expected.primary_status}"
                f" got {list(outcome.found)}"
            )

    @property
    def first_rate(self) -> float:
        return self.first / self.messages if self.messages else 0.0

    @property
    def contained_rate(self) -> float:
        return self.contained / self.messages if self.messages else 0.0


@dataclass
class Report:
    overall: Tally
    by_family: dict[str, Tally]
    seconds: float

    @property
    def messages_per_second(self) -> float:
        return self.overall.messages / self.seconds if self.seconds else float("inf")


def load_expected(corpus: Path) -> list[Expected]:
    with open(corpus / "expected.tsv", newline="", encoding="utf-8") as table:
        return [
            Expected(
                file=row["file"],
                primary_status=row["primary_status"],
                all_statuses=tuple(filter(None, row["all_statuses"].split(","))),
            )
            for row in csv.DictReader(table, delimiter="\t")
        ]


def suspect_codes(found: tuple[str, ...], text: str, expected: Expected) -> int:
    """Returned codes that look like false positives rather than statuses."""
    failure_report = not expected.primary_status.startswith("2")
    count = 0
    for code in set(found) - set(expected.all_statuses):
        tail_of_number = re.search(rf"\d\.{re.escape(code)}(?!\d)", text)
        if (failure_report and code.startswith("2")) or tail_of_number:
            count += 1
    return count


def score(corpus: Path) -> Report:
    overall, by_family = Tally(), defaultdict(Tally)
    seconds = 0.0
    for expected in load_expected(corpus):
        text = (corpus / expected.file).read_bytes().decode("utf-8", errors="replace")
        started = time.perf_counter()
        found = tuple(extract_codes(text))
        seconds += time.perf_counter() - started
        outcome = Outcome(expected, found)
        suspect = suspect_codes(found, text, expected)
        overall.add(outcome, suspect)
        by_family[expected.family].add(outcome, suspect)
    return Report(overall, dict(sorted(by_family.items())), seconds)


def format_report(report: Report) -> str:
    header = f"{'family':<22} {'msgs':>5} {'first':>7} {'contained':>9} {'missed':>6} {'extra':>5} {'suspect':>7}"
    lines = [header, "-" * len(header)]
    for family, tally in [*report.by_family.items(), ("OVERALL", report.overall)]:
        lines.append(
            f"{family:<22} {tally.messages:>5} {tally.first_rate:>7.1%} {tally.contained_rate:>9.1%}"
            f" {tally.missed_others:>6} {tally.extra:>5} {tally.suspect:>7}"
        )
    lines.append(
        f"first {report.overall.first}/{report.overall.messages}"
        f" = {report.overall.first_rate:.2%}; contained {report.overall.contained}/"
        f"{report.overall.messages} = {report.overall.contained_rate:.2%}"
    )
    lines.extend(f"  not first: {failure}" for failure in report.overall.failures)
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    corpus = Path(argv[1]) if len(argv) > 1 else DEFAULT_CORPUS
    report = score(corpus)
    print(format_report(report))
    print(f"throughput: {report.messages_per_second:,.0f} messages/s "
          f"({report.overall.messages} messages in {report.seconds:.3f}s of extraction)")


if __name__ == "__main__":
    main(sys.argv)
