"""Run `python -m generator lookup --json --file` over the bounce corpus.

Usage: .venv/bin/python bench/lookup_corpus.py [--in-process] [--workers N] [--root DIR] [CORPUS_DIR]

Prints, per sender family and overall, how often the expected primary status
is the first match the command returns ("first") and among its matches
("contained"), then the time per message.  By default every message is a real
subprocess (start-up included); --in-process calls generator.cli.main.main with
the same arguments, which is what tests/test_lookup.py runs.
Scoring and the table come from bench/bounce_corpus.py.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bounce_corpus import DEFAULT_CORPUS, Outcome, Report, Tally, format_report, load_expected

REPO = Path(__file__).resolve().parents[1]


def lookup_subprocess(path: Path, root: Path) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "lookup", "--json", "--file", str(path)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode not in (0, 1):
        raise RuntimeError(f"{path.name}: exit {result.returncode}: {result.stderr}")
    return json.loads(result.stdout)


def lookup_in_process(path: Path, root: Path) -> list[dict]:
    from generator.cli.main import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--root", str(root), "lookup", "--json", "--file", str(path)])
    if code not in (0, 1):
        raise RuntimeError(f"{path.name}: exit {code}")
    return json.loads(out.getvalue())


def score_cli(corpus: Path, root: Path = REPO, in_process: bool = True, workers: int = 1) -> Report:
    run = lookup_in_process if in_process else lookup_subprocess
    expected = load_expected(corpus)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=1 if in_process else workers) as pool:
        answers = list(pool.map(lambda item: run(corpus / item.file, root), expected))
    seconds = time.perf_counter() - started
    overall, by_family = Tally(), defaultdict(Tally)
    for item, matches in zip(expected, answers):
        outcome = Outcome(item, tuple(match["code"] for match in matches))
        overall.add(outcome, 0)
        by_family[item.family].add(outcome, 0)
    return Report(overall, dict(sorted(by_family.items())), seconds)


def main(argv: list[str]) -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    options.add_argument("--in-process", action="store_true", help="call generator.cli.main.main instead of a subprocess")
    options.add_argument("--workers", type=int, default=2, help="subprocesses at a time")
    options.add_argument("--root", type=Path, default=REPO, help="project whose content answers (default: this repo)")
    args = options.parse_args(argv[1:])
    report = score_cli(args.corpus, args.root, in_process=args.in_process, workers=args.workers)
    print(format_report(report))
    mode = "in process" if args.in_process else f"subprocesses, {args.workers} at a time"
    print(f"expected code first: {report.overall.first}/{report.overall.messages} = {report.overall.first_rate:.2%}")
    print(f"time: {report.seconds:.1f} s for {report.overall.messages} messages ({mode}),"
          f" {1000 * report.seconds / report.overall.messages:.0f} ms per message")


if __name__ == "__main__":
    main(sys.argv)
