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

Then the hand-written patterns of generator/bounces/*.py and generator/codes/*.py beside their twins of the
same name in the page's scripts: how many (pattern, text) pairs differ over the same texts, and over
probes made from them: the text around each match with a Korean, Japanese or accented letter glued to the
match's first and last character, counted where the unglued text agrees.  A twin written "^..." or with
the y flag is searched in Python with .match, one written "^...$" with .fullmatch, as their callers do.
What still differs over the texts is not about words: "$" before a final newline (Python's matches there,
JavaScript's without m does not; their callers pass single lines), and twins that read more at once
(message.js's ORIGINAL_HEADERS_RE holds ORIGINAL_MARKER_RE; reply.js's BARE_STATUS_REPLY_RE a quoted
status line).
"""
from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
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
# Whole phrases glued as readers meet them: an accent or umlaut before a word, a Korean ending or particle
# right after an English phrase or its parenthesis.
GLUED_SAMPLES = ["éuser unknown", "Ünbekannt", "user unknown입니다", "(user unknown)은", "550 5.1.1 user unknown입니다",
                 "mailbox full입니다", "quota exceeded로 반송", "SPF인증 실패", "blacklisted되어", "spam으로 분류"]

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


# The hand-written patterns of generator/bounces/*.py and generator/codes/*.py beside their twins in the
# page's scripts of the same name (bounces/recipients.js's POSTER_FAILURE_AFTER_RE for recipients.py's),
# taken from the scripts as the page loads them: each script's *_RE variables, handed out by a line put
# before its closing "})(window.MFKB ...)".
TWIN_EXPORT = '\n  (globalThis.mfkbTwins = globalThis.mfkbTwins || {})["%s"] = {%s};\n'
TWIN_NAME_RE = re.compile(r"\b([A-Z][A-Z0-9_]*_(?:RE|SOURCE|SEARCH))\s*=(?!=)")
# A script may keep a pattern as its text, which its callers compile with the flags Python's has
# (emitter.js's NAMED_HOST_SOURCE for emitter.py's NAMED_HOST_RE); twins named apart: Python's, the script's.
TWIN_ALIASES = {
    "address.ADDRESS_RE": "address.ADDRESS_SEARCH",
    "bounce_log.ENTRY_RE": "bounce_log.BOUNCE_LOG_ENTRY_RE",
    "java_mail.ENTRY_RE": "java_mail.JAVA_MAIL_ENTRY_RE",
}
SCRIPT_END_RE = re.compile(r"\n\}\)\(window\.MFKB[^\n]*\s*$")
NODE_TWINS = """
const fs = require("fs"), vm = require("vm");
globalThis.window = globalThis;
globalThis.document = { createElement: () => ({}) };  // bounces/html_text.js keeps an element to read entities with
const [scripts, patternsFile] = process.argv.slice(2);
for (const source of JSON.parse(fs.readFileSync(scripts, "utf8"))) vm.runInThisContext(source);
const out = {};
for (const [module, names] of Object.entries(globalThis.mfkbTwins))
  for (const [name, value] of Object.entries(names))
    if (value instanceof RegExp) out[module + "." + name] = [value.source, value.flags];
    else if (typeof value === "string") out[module + "." + name] = [value, null];
fs.writeFileSync(patternsFile, JSON.stringify(out));
"""
NODE_TWIN_SEARCH = """
const fs = require("fs");
const [texts, jobs] = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const out = jobs.map(([source, flags, indices]) => { const re = new RegExp(source, flags.replace("g", ""));
  return indices.map(i => { re.lastIndex = 0; const m = re.exec(texts[i]); return m ? m[0] : null; }); });
fs.writeFileSync(process.argv[3], JSON.stringify(out));
"""
# The glue the probes put against a match's first and last character: a Korean syllable and particle,
# a Japanese kana, accented Latin letters (Korean writes its particle right after an English phrase:
# "user unknown입니다", "(user unknown)은").
GLUE = ("한", "은", "の", "é", "Ü")
GLUE_CONTEXT = 200
TWIN_TEXT_CHARS = 20000
# Both sides read a text with its line breaks made "\n" (bounces/report.js, bounces/pasted.js).
LINE_BREAKS_RE = re.compile(r"\r\n?")


def javascript_twins() -> dict[str, tuple[str, str]]:
    """{"module.NAME": (source, flags)} for each *_RE of the lookup page's bounces/ and codes/ scripts."""
    from generator.site.page_scripts import page_scripts

    sources = []
    for path in page_scripts("lookup"):
        if path.parent.name not in ("bounces", "codes"):
            continue
        text = path.read_text(encoding="utf-8")
        names = sorted(set(TWIN_NAME_RE.findall(text)))
        export = TWIN_EXPORT % (path.stem, ", ".join(f"{name}: {name}" for name in names))
        end = SCRIPT_END_RE.search(text)
        sources.append(text[: end.start()] + export + text[end.start():])
    with tempfile.TemporaryDirectory() as folder:
        given, taken, script = Path(folder, "in.json"), Path(folder, "out.json"), Path(folder, "twins.js")
        given.write_text(json.dumps(sources), encoding="utf-8")
        script.write_text(NODE_TWINS, encoding="utf-8")
        subprocess.run(["node", str(script), str(given), str(taken)], check=True)
        return {key: tuple(value) for key, value in json.loads(taken.read_text(encoding="utf-8")).items()}


def python_twins() -> dict[str, re.Pattern]:
    """{"module.NAME": pattern} for each compiled pattern of generator/bounces/*.py and generator/codes/*.py."""
    import generator.bounces
    import generator.codes

    found = {}
    for package in (generator.bounces, generator.codes):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            found.update({f"{info.name}.{name}": value for name, value in vars(module).items()
                          if isinstance(value, re.Pattern) and isinstance(value.pattern, str)})
    return found


def twin_pairs() -> list[tuple[str, re.Pattern, tuple[str, str]]]:
    python, javascript = python_twins(), javascript_twins()
    named = {key: twin for key in python for twin in (key, key[:-len("_RE")] + "_SOURCE") if twin in javascript}
    named |= TWIN_ALIASES
    return [(key, python[key], _with_flags(javascript[twin], python[key])) for key, twin in sorted(named.items())]


def _with_flags(twin: tuple[str, str | None], pattern: re.Pattern) -> tuple[str, str]:
    """A script's pattern text with the flags its callers give it: Python's."""
    source, flags = twin
    if flags is None:
        flags = ("i" if pattern.flags & re.IGNORECASE else "") + ("m" if pattern.flags & re.MULTILINE else "")
    return source, flags


def anchored(pattern: re.Pattern, source: str, flags: str) -> bool:
    """The page's twin matches at the text's start only (Python calls .match where the script writes "^" or y)."""
    return "y" in flags or (source.startswith("^") and "m" not in flags and not pattern.pattern.startswith("^"))


def python_twin_search(pattern: re.Pattern, js: tuple[str, str], text: str) -> re.Match | None:
    """Python's pattern as the page's twin is written to match: anywhere, at the start, or the whole text
    (Python's .fullmatch where the script writes "^...$")."""
    source, flags = js
    if anchored(pattern, source, flags) and source.endswith("$") and not pattern.pattern.endswith("$"):
        return pattern.fullmatch(text)
    return (pattern.match if anchored(pattern, source, flags) else pattern.search)(text)


def twin_differences(pairs, texts: list[str], jobs: list[list[int]]) -> list[tuple[str, int, str | None, str | None]]:
    """(key, text's index, Python's match, the page's) where they differ, each pair searched in the texts its
    job names."""
    python = [[(found.group(0) if (found := python_twin_search(pattern, js, texts[i])) else None) for i in indices]
              for (_, pattern, js), indices in zip(pairs, jobs)]
    with tempfile.TemporaryDirectory() as folder:
        given, taken, script = Path(folder, "in.json"), Path(folder, "out.json"), Path(folder, "search.js")
        given.write_text(json.dumps([texts, [[*js, indices] for (_, _, js), indices in zip(pairs, jobs)]]),
                         encoding="utf-8")
        script.write_text(NODE_TWIN_SEARCH, encoding="utf-8")
        subprocess.run(["node", str(script), str(given), str(taken)], check=True)
        javascript = json.loads(taken.read_text(encoding="utf-8"))
    return [(key, i, p, j) for (key, _, _), indices, ps, js in zip(pairs, jobs, python, javascript)
            for i, p, j in zip(indices, ps, js) if p != j]


def glued(pairs, texts: list[str]) -> tuple[list[str], list[list[int]], dict[int, int]]:
    """Probe texts, for each pair which of them to search, and which window each glued probe was made from:
    the text around Python's first match in each text (the window), and the window with a letter of GLUE
    put against the match's first character (unless the match must start the text) and against its last."""
    probes, jobs, windows = {}, [], {}
    for _, pattern, js in pairs:
        mine = []
        for text in texts:
            found = python_twin_search(pattern, js, text)
            if not found or found.start() == found.end():
                continue
            start, end = found.span()
            low, high = max(0, start - GLUE_CONTEXT), end + GLUE_CONTEXT
            window = probes.setdefault(text[low:high], len(probes))
            mine.append(window)
            for letter in GLUE:
                for at in (end,) if anchored(pattern, *js) else (start, end):
                    probe = probes.setdefault(text[low:at] + letter + text[at:high], len(probes))
                    windows.setdefault(probe, window)
                    mine.append(probe)
        jobs.append(list(dict.fromkeys(mine)))
    return list(probes), jobs, windows


def glued_differences(pairs, probes: list[str], jobs: list[list[int]], windows: dict[int, int]) -> list:
    """Where a letter glued to a match makes Python and the page part, around a match they agree on."""
    found = twin_differences(pairs, probes, jobs)
    apart = {(key, i) for key, i, _, _ in found}
    return [(key, probes[i], p, j) for key, i, p, j in found if i in windows and (key, windows[i]) not in apart]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args()
    patterns = all_patterns(json.loads(RULES_PATH.read_text(encoding="utf-8")))
    paths = parity.default_paths()
    values = field_values(paths)
    report(f"field values of {len(paths)} texts", differences(patterns, values), len(patterns) * len(values), args.show)
    glued_words = probes(patterns) + GLUED_SAMPLES
    report(f"probes ({len(glued_words)})", differences(patterns, glued_words), len(patterns) * len(glued_words),
           args.show)
    pairs = twin_pairs()
    texts = list(dict.fromkeys(LINE_BREAKS_RE.sub("\n", text) for path in paths
                               for text in (parity.read(path)[:TWIN_TEXT_CHARS], read_report(parity.read(path)).body)))
    every = [list(range(len(texts)))] * len(pairs)
    print(f"\nhand-written patterns of generator/bounces and generator/codes with a twin in the page's scripts: "
          f"{len(pairs)}")
    apart = [(key, texts[i], p, j) for key, i, p, j in twin_differences(pairs, texts, every)]
    report(f"  texts ({len(texts)})", apart, len(pairs) * len(texts), args.show)
    probe_texts, jobs, windows = glued(pairs, texts)
    report(f"  glued probes ({len(probe_texts)}), where the unglued text agrees",
           glued_differences(pairs, probe_texts, jobs, windows), sum(map(len, jobs)), args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
