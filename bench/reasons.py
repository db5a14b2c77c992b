"""Score generator.bounces.classify against both shared bounce corpora.

Usage: .venv/bin/python bench/reasons.py [SHARED_CORPORA_DIR] [--failures]

Prints the reason agreement (the first failed recipient's reason against
sisimai's, from expected.tsv) overall (and, as the "before", what the first
status code alone would give), per reason and per sender family (the file
name without -NN.eml), on ../shared/corpora/bounces and bounces-by-text;
then how the reasons were decided (which field gave them); then the mix of
resolutions of the first code the lookup reports (exact, alias, range,
class-agnostic, none, or no code), and the throughput.
Then the same agreement on the held-out set, tests/data/other-families:
sender families that are in neither shared corpus, which the rules were not
written against (see its NOTICE), to show how far the rules generalise.
--failures lists the disagreements of both.
An expected label that is an alias of the reason given (another tool's name
for it, content/reasons/*.yml `aliases`: sisimai 5.6's `ratelimited` is our
`toomanyconn`) agrees; each rate says how many agreed that way.
tests/test_reasons.py imports this module, so the figures are the same.
"""
from __future__ import annotations

import csv
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.bounces.classify import Verdict, classify
from generator.content.load import Content, load_reasons


def _shared_corpora() -> Path:
    """../shared/corpora beside the checkout (a worktree sits one level deeper)."""
    for folder in Path(__file__).resolve().parents[1].parents:
        if (folder / "shared" / "corpora").is_dir():
            return folder / "shared" / "corpora"
    return Path(__file__).resolve().parents[1].parent / "shared" / "corpora"  # where it should be


DEFAULT_CORPORA = _shared_corpora()
CORPORA = ("bounces", "bounces-by-text")
HELD_OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "other-families"
CONTENT = Path(__file__).resolve().parents[1] / "content"
FAMILY_SUFFIX_RE = re.compile(r"-\d+\.eml$")


@lru_cache(maxsize=1)
def reasons_content() -> Content:
    content = Content(root=CONTENT)
    load_reasons(CONTENT / "reasons", content)
    return content


def reason_aliases() -> dict[str, str]:
    """Another tool's name for a reason -> our reason's id (`ratelimited` -> `toomanyconn`)."""
    return reasons_content().reason_aliases()


def through_alias(expected: str, given: str | None) -> bool:
    """The expected label is another tool's name for the reason given, or for a wider
    reason that takes it in (sisimai 5.6's `emailtoolarge` for our `exceedlimit`)."""
    content = reasons_content()
    return given in content.reasons and expected in content.reason_labels(given)


def same_reason(expected: str, given: str | None) -> bool:
    return given == expected or through_alias(expected, given)


@dataclass(frozen=True)
class Case:
    corpus: str
    path: Path
    reason: str
    named_family: str | None = None   # expected.tsv's family column, where it has one

    @property
    def family(self) -> str:
        return self.named_family or FAMILY_SUFFIX_RE.sub("", self.path.name)

    def text(self) -> str:
        return self.path.read_bytes().decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Outcome:
    case: Case
    verdicts: tuple[Verdict, ...]

    @property
    def reason(self) -> str | None:
        return self.verdicts[0].reason if self.verdicts else None

    @property
    def agrees(self) -> bool:
        return same_reason(self.case.reason, self.reason)

    @property
    def by_alias(self) -> bool:
        return through_alias(self.case.reason, self.reason)


def table_cases(folder: Path, corpus: str) -> list[Case]:
    """The messages of folder/expected.tsv (columns file, reason and perhaps family)."""
    with open(folder / "expected.tsv", encoding="utf-8", newline="") as table:
        return [Case(corpus, folder / row["file"], row["reason"], row.get("family"))
                for row in csv.DictReader(table, delimiter="\t")]


def cases(root: Path = DEFAULT_CORPORA) -> list[Case]:
    return [case for corpus in CORPORA for case in table_cases(root / corpus, corpus)]


def score(found: list[Case]) -> list[Outcome]:
    return [Outcome(case, tuple(classify(case.text()))) for case in found]


def run(root: Path = DEFAULT_CORPORA) -> list[Outcome]:
    return score(cases(root))


def held_out_cases(folder: Path = HELD_OUT) -> list[Case]:
    return table_cases(folder, folder.name)


def run_held_out(folder: Path = HELD_OUT) -> list[Outcome]:
    return score(held_out_cases(folder))


def rate(outcomes: list[Outcome]) -> str:
    agreed = sum(outcome.agrees for outcome in outcomes)
    aliased = sum(outcome.by_alias for outcome in outcomes)
    through = f" ({aliased} through an alias)" if aliased else ""
    return f"{agreed}/{len(outcomes)} = {100 * agreed / len(outcomes):.1f}%{through}"


def print_table(title: str, groups: dict[str, list[Outcome]]) -> None:
    print(f"\n{title}")
    for name in sorted(groups):
        print(f"  {name:22} {rate(groups[name])}")


def print_breakdown(outcomes: list[Outcome], where: str = "") -> None:
    by_reason, by_family = defaultdict(list), defaultdict(list)
    for outcome in outcomes:
        by_reason[outcome.case.reason].append(outcome)
        by_family[outcome.case.family].append(outcome)
    print_table(f"per expected reason{where}", by_reason)
    print_table(f"per family{where}", by_family)


def print_failures(outcomes: list[Outcome], where: str = "") -> None:
    print(f"\ndisagreements{where} (file: expected -> got, evidence)")
    for outcome in outcomes:
        if not outcome.agrees:
            verdict = outcome.verdicts[0] if outcome.verdicts else None
            print(f"  {outcome.case.path.name}: {outcome.case.reason} -> {outcome.reason}"
                  f" [{verdict.evidence if verdict else ''}] cmd={verdict and verdict.status}")


def resolution_mix(outcomes: list[Outcome]) -> Counter:
    from generator.lookup import lookup

    mix: Counter = Counter()
    for outcome in outcomes:
        coded = [match for match in lookup(outcome.case.text()) if match.code]
        mix[coded[0].via.value if coded else "no code"] += 1
    return mix


def decided_by(verdict: Verdict) -> str:
    """The field whose text gave the reason, or "no rule" for the default."""
    return "no rule" if verdict.evidence == "no rule matched" else verdict.evidence.split(" ")[0]


def code_alone_agreement(outcomes: list[Outcome]) -> str:
    """Before: the reason that the bounce's most relevant status code alone gives."""
    from generator.bounces.message import extract_codes
    from generator.bounces.rules import load_rules

    rules = load_rules()
    agreed = 0
    for outcome in outcomes:
        codes = extract_codes(outcome.case.text())
        reason = (rules.code_reason(codes[0]) if codes else None) or rules.default
        agreed += same_reason(outcome.case.reason, reason)
    return f"{agreed}/{len(outcomes)} = {100 * agreed / len(outcomes):.1f}%"


def main(argv: list[str]) -> int:
    args = [arg for arg in argv if not arg.startswith("--")]
    root = Path(args[0]) if args else DEFAULT_CORPORA
    started = time.perf_counter()
    outcomes = run(root)
    elapsed = time.perf_counter() - started
    print(f"reason agreement, both corpora: {rate(outcomes)}")
    print(f"  before: from the first status code alone {code_alone_agreement(outcomes)}")
    for corpus in CORPORA:
        print(f"  {corpus:22} {rate([o for o in outcomes if o.case.corpus == corpus])}")
    print_breakdown(outcomes)
    decided = Counter(decided_by(o.verdicts[0]) if o.verdicts else "no recipient" for o in outcomes)
    print("\nwhat decided the first recipient's reason: " + ", ".join(f"{k} {v}" for k, v in decided.most_common()))
    recipients = sum(len(o.verdicts) for o in outcomes)
    print(f"recipients classified: {recipients}, {recipients / elapsed:.0f}/s ({elapsed:.2f} s)")
    if "--failures" in argv:
        print_failures(outcomes)
    if "--resolutions" in argv:
        mix = resolution_mix(outcomes)
        print("\nresolution of the first code: " + ", ".join(f"{k} {v}" for k, v in mix.most_common()))
    held_out = run_held_out()
    families = len({outcome.case.family for outcome in held_out})
    print(f"\nheld out, {families} sender families in neither shared corpus"
          f" ({HELD_OUT.name}): {rate(held_out)}")
    print(f"  before: from the first status code alone {code_alone_agreement(held_out)}")
    print_breakdown(held_out, ", held out")
    if "--failures" in argv:
        print_failures(held_out, ", held out")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
