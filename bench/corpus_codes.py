"""List the status codes of the shared bounce corpora, for the deep links.

Usage: .venv/bin/python bench/corpus_codes.py [--write] [CORPUS_DIR ...]

Prints every code-shaped string of the corpora's messages (as written, and as
the lookup reads them decoded), and every status in their expected.tsv, one a
line, sorted.  With --write it
stores them in generator/data/corpus_codes.txt: the build writes a page (or a
redirect) at /errors/{code}/ and /{lang}/errors/{code}/ for each, so a code
met in real bounces is never a 404 (tests/test_deep_links.py checks it).
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.bounces.message import BOUNCE_CODE_RE  # noqa: E402
from generator.codes.parse import parse_query  # noqa: E402
from generator.codes.syntax import is_code, normalize, sort_key  # noqa: E402

SHARED = REPO.parent / "shared" / "corpora"
DEFAULT = [SHARED / "bounces", SHARED / "bounces-by-text"]
OUTPUT = REPO / "generator" / "data" / "corpus_codes.txt"
HEADER = ("# Status codes met in the shared bounce corpora (bench/corpus_codes.py --write):\n"
          "# each gets a deep link /errors/{code}/ that is not a 404.\n")


def corpus_codes(folders: list[Path]) -> list[str]:
    codes: set[str] = set()
    for folder in folders:
        for path in sorted(folder.glob("*.eml")):
            text = path.read_bytes().decode("utf-8", errors="replace")
            codes.update(normalize(match.group("code")) for match in BOUNCE_CODE_RE.finditer(text))
            codes.update(found.code for found in parse_query(text))
        table = folder / "expected.tsv"
        if table.is_file():
            with open(table, newline="", encoding="utf-8") as rows:
                for row in csv.DictReader(rows, delimiter="\t"):
                    codes.update(code for code in (row.get("all_statuses") or "").split(",") if is_code(code))
    return sorted(codes, key=sort_key)


def main(argv: list[str]) -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("corpora", nargs="*", type=Path, default=DEFAULT)
    options.add_argument("--write", action="store_true", help=f"store the list in {OUTPUT.relative_to(REPO)}")
    args = options.parse_args(argv[1:])
    codes = corpus_codes(args.corpora)
    if args.write:
        OUTPUT.write_text(HEADER + "".join(code + "\n" for code in codes), encoding="utf-8")
        print(f"{len(codes)} codes written to {OUTPUT.relative_to(REPO)}")
    else:
        print("\n".join(codes))


if __name__ == "__main__":
    main(sys.argv)
