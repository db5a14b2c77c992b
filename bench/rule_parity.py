"""Where a reason rule's pattern matches differently in Python's re and in JavaScript's RegExp.

Usage: .venv/bin/python bench/rule_parity.py [--show N]

Every pattern of generator/data/reasons/rules.json (rules, their when/unless, the
refinements, families, commands, delay words, not_bounce kinds), compiled as rules.py compiles it and as
bounces/rules.js does (node runs the same V8 engine as Chromium), is searched in every field
value the rules read (evidence_records, made matchable) of the shared corpora, the
held-out families (tests/data/other-families) and tests/data/whole-bounces; the
headers and report text the family patterns read too.  Prints how many (pattern,
text) pairs differ (found in one engine only, or a different match), with the first N,
and what the probes find: each word a pattern starts or ends with at a word boundary,
glued to Korean, Japanese and accented letters, searched in both engines.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from generator.bounces.classify import FAMILY_TEXT_CHARS, evidence_records  # noqa: E402
from generator.bounces.report import read_report  # noqa: E402
from generator.bounces.rules import RULES_PATH, compile_pattern, load_rules, matchable  # noqa: E402

import parity  # noqa: E402

SCRIPTS = REPO / "site_overrides" / "assets" / "javascripts"
# Letters a word can be glued to in a bounce: Korean, Japanese, accented Latin, Cyrillic.
NEIGHBOURS = ("한", "の", "é", "ж")

NODE_SEARCH = """
const fs = require("fs");
const [patterns, values] = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const compile = %s;
const out = patterns.map(p => { const re = compile(p);
  return values.map(v => { const m = re.exec(v); return m ? m[0] : null; }); });
fs.writeFileSync(process.argv[3], JSON.stringify(out));
"""


def js_compile_source() -> str:
    """bounces/rules.js's compile(), taken from the script itself: what the page runs."""
    source = (SCRIPTS / "bounces" / "rules.js").read_text(encoding="utf-8")
    found = re.search(r"function compile\(pattern\) \{.*?\n  \}|function compile\(pattern\) \{[^\n]*\}", source, re.S)
    return "(function () { " + found.group(0) + " return compile; })()"


def all_patterns(data: dict) -> list[str]:
    patterns = []
    for item in data["rules"] + data["refine"]:
        if "pattern" in item:
            patterns.append(item["pattern"])
        for key in ("when", "unless"):
            patterns += item.get(key, {}).values()
    patterns += [item["pattern"] for item in data["families"] + data["commands"]]
    patterns += [item["pattern"] for item in data["delay"]["notice"] + data["delay"]["unless"]]
    patterns.append(data["delay"]["retry"])
    kinds = data.get("not_bounce", {})
    patterns += [item["pattern"] for key in ("structure", "words", "unless") for item in kinds.get(key, [])]
    return list(dict.fromkeys(patterns))


def field_values(paths: list[Path]) -> list[str]:
    rules = load_rules()
    values = []
    for path in paths:
        text = parity.read(path)
        report = read_report(text)
        values += [report.headers[:20000], report.body[:FAMILY_TEXT_CHARS]]
        for record in evidence_records(text, rules):
            values += matchable(record).values()
    return list(dict.fromkeys(value for value in values if value))


def probes(patterns: list[str]) -> list[str]:
    """Each word that follows a leading \\b or precedes a trailing one, glued to a letter of each script."""
    words = set()
    for pattern in patterns:
        words.update(re.findall(r"\\b([A-Za-z]{2,})", pattern))
        words.update(re.findall(r"([A-Za-z]{2,})\\b", pattern))
    return [f"{before}{word}{after}" for word in sorted(words) for letter in NEIGHBOURS
            for before, after in ((letter, " x"), ("x ", letter))]


def python_search(patterns: list[str], values: list[str]) -> list[list[str | None]]:
    compiled = [compile_pattern(pattern, RULES_PATH) for pattern in patterns]  # as rules.py compiles them
    return [[(found.group(0) if (found := regex.search(value)) else None) for value in values] for regex in compiled]


def javascript_search(patterns: list[str], values: list[str]) -> list[list[str | None]]:
    with tempfile.TemporaryDirectory() as folder:
        given, taken, script = Path(folder, "in.json"), Path(folder, "out.json"), Path(folder, "search.js")
        given.write_text(json.dumps([patterns, values]), encoding="utf-8")
        script.write_text(NODE_SEARCH % js_compile_source(), encoding="utf-8")
        subprocess.run(["node", str(script), str(given), str(taken)], check=True)
        return json.loads(taken.read_text(encoding="utf-8"))


def differences(patterns: list[str], values: list[str]) -> list[tuple[str, str, str | None, str | None]]:
    python, javascript = python_search(patterns, values), javascript_search(patterns, values)
    return [(pattern, value, p, j) for pattern, ps, js in zip(patterns, python, javascript)
            for value, p, j in zip(values, ps, js) if p != j]


def excerpt(value: str, found: str | None) -> str:
    at = value.find(found) if found else -1
    start = max(0, at - 40)
    return value[start:start + 120].replace("\n", " ")


def report(title: str, found: list, count: int, show: int) -> None:
    print(f"{title}: {len(found)} of {count} (pattern, text) pairs differ; "
          f"patterns: {len({pattern for pattern, *_ in found})}")
    for pattern, value, p, j in found[:show]:
        print(f"  {pattern[:90]}\n    python {p!r} page {j!r}\n    in {excerpt(value, p or j)!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args()
    patterns = all_patterns(json.loads(RULES_PATH.read_text(encoding="utf-8")))
    paths = parity.default_paths()
    values = field_values(paths)
    report(f"field values of {len(paths)} texts", differences(patterns, values), len(patterns) * len(values), args.show)
    glued = probes(patterns)
    report(f"probes ({len(glued)})", differences(patterns, glued), len(patterns) * len(glued), args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
