"""Where the lookup page's answer differs from `python -m generator lookup --json`'s.

Usage: .venv/bin/python bench/parity.py [--site DIR] [--show N] [FILE ...]

Each text (by default every message of the shared corpora, shared/corpora/*/, of the
held-out families, tests/data/other-families/, and every file of tests/data/whole-bounces/) is looked up by Python (generator.lookup,
as the command does) and by the lookup page of a site built from this repo (served on
127.0.0.1, headless Chromium; MFKB.lookupEngine.lookup with the index, rules and meanings
the page loads).  Each answer is compared item by item: the code, the reply, the
resolution and entry, the vendor meaning chosen (its id, how, on what), the reason
and each of its recipients (address, reply, delayed, retry).  Prints how many texts
differ in each of these, and the first N differing texts with both answers.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from conftest import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402
from generator.lookup import lookup, shipped_knowledge_base  # noqa: E402
from reasons import DEFAULT_CORPORA as CORPORA  # noqa: E402  (../shared/corpora, from main or a worktree)

WHOLE_BOUNCES = REPO / "tests" / "data" / "whole-bounces"
HELD_OUT = REPO / "tests" / "data" / "other-families"
ASPECTS = ("codes", "reply", "resolution", "meaning", "reason", "recipients")

PAGE_ANSWER = """async texts => {
    const data = JSON.parse(document.getElementById('mfkb-lookup-data').textContent);
    const index = await (await fetch(data.index)).json();
    const entries = index.result.entries;
    const known = new MFKB.codes.resolve.KnownCodes(entries), rules = new MFKB.bounces.rules.Rules(data.rules);
    const meanings = new MFKB.bounces.meanings.Meanings(entries);
    return texts.map(text => MFKB.lookupEngine.lookup(text, known, rules, meanings).map(m => ({
        code: m.code, reply: m.reply, resolution: m.via, entry: m.entry,
        meaning: m.meaning && [m.meaning.meaning.id, m.meaning.by, m.meaning.matched, m.meaning.host, m.meaning.where],
        reason: m.reason || null,
        recipients: (m.reason && m.failed || []).map(v => [v.recipient, v.reply, v.delayed, v.retry || null]),  // as JSON's reason
    })));
}"""


# Texts written to reach the few places where the twins' regular expressions could part (review17): a
# web mail's error whose "SMTP" would stand right after a word character at the start of the 120-character
# window evidence.py/js search before an address; a transcript whose data-ending "." line ends in a lone
# U+2028 or "\r" (JavaScript's multiline "$" stops there, Python's only before "\n"); an address with the
# Kelvin sign (U+212A) or the long s (U+017F), which Python's case-insensitive [A-Za-z] matches and
# JavaScript's (no "u" flag) does not.  bench/parity.py counts them with the rest.
EDGE_PROBES = {
    "webmail-error-after-a-word-at-the-window-start.txt":
        "x" * 20 + 'xSMTP Error (550): Failed to add recipient "' + "y" * 60 + '" then "a@example.com" (550 5.1.1 '
        'unknown)\nSMTP Error (550): Failed to add recipient "b@example.com" (550 5.7.1 relaying denied)\n',
    "transcript-data-end-before-u2028.txt":
        "Reporting-MTA: dns; mx.example.org\n\n<<< 250 ok\n>>> DATA\n<<< 354 go ahead\nSubject: 550 5.1.1 no\n"
        ".\u2028\nX: 552 5.3.4 too big\n.\n<<< 550 5.7.1 rejected as spam\n",
    "transcript-data-end-before-lone-cr.txt":
        ">>> DATA\n<<< 354 go ahead\nSubject: 550 5.1.1 no\n.\r<<< 550 5.7.1 rejected as spam\n.\n"
        "<<< 421 4.7.0 bye\n",
    "kelvin-sign-in-addresses.txt":
        "Your message to \u212aim@example.com couldn't be delivered.\n550 5.1.1 user unknown\n"
        "Member: \u212ayle@example.net\nproblem delivering messages to \u017fam@example.net\n"
        "Final-Recipient: rfc822; \u212aelvin@example.org\nStatus: 5.1.1\n",
    "json-event-kelvin-email.txt": '{"event": "bounce", "email": "\u212aim@example.com", "reason": "550 5.1.1 unknown"}\n',
    "list-notice-kelvin-member.txt":
        "Subject: Your membership in the mailing list Example has been disabled\n\n"
        "Your membership in the mailing list Example has been disabled due to excessive bounces\n"
        "Member: \u212ayle@example.net\n",
}
EDGE_PROBE_DIR = REPO / "bench" / "edge-probes"


def default_paths() -> list[Path]:
    return sorted(CORPORA.glob("*/*.eml")) + sorted(HELD_OUT.glob("*.eml")) + sorted(WHOLE_BOUNCES.iterdir())


def read(path: Path) -> str:
    if path.parent == EDGE_PROBE_DIR:
        return EDGE_PROBES[path.name]
    return path.read_bytes().decode("utf-8", errors="replace")


def python_answer(text: str, kb) -> list[dict]:
    answer = []
    for match in lookup(text, kb):
        item = kb.as_json(match, "en")
        meaning = item["meaning"]
        answer.append({
            "code": item["code"], "reply": item["reply"], "resolution": item["resolution"],
            "entry": item["entry"] and item["entry"]["code"],
            "meaning": meaning and [meaning["id"], meaning["chosen_by"], meaning["matched"], meaning["host"],
                                    meaning["where"]],
            "reason": item["reason"] and item["reason"]["id"],
            "recipients": [[r["address"], r["reply"], r["delayed"], r["retry"] or None]
                           for r in (item["reason"] or {}).get("recipients", [])],
        })
    return answer


def differing_aspects(python: list[dict], page: list[dict]) -> list[str]:
    """Which aspects of two answers differ: the codes' order, or a field of an item."""
    aspects = []
    if [item["code"] for item in python] != [item["code"] for item in page]:
        aspects.append("codes")
    for aspect, keys in (("reply", ("reply",)), ("resolution", ("resolution", "entry")), ("meaning", ("meaning",)),
                         ("reason", ("reason",)), ("recipients", ("recipients",))):
        if [[item[key] for key in keys] for item in python] != [[item[key] for key in keys] for item in page]:
            aspects.append(aspect)
    return aspects


def page_answers(site: Path, texts: list[str]) -> list[list[dict]]:
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            page = browser.new_page()
            page.goto(f"{url}/en/lookup/")
            page.wait_for_function("window.mfkbLookupDone !== undefined")
            return page.evaluate(PAGE_ANSWER, texts)
        finally:
            browser.close()


def built_site(folder: Path) -> Path:
    site = folder / "site"
    subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", str(site)], cwd=REPO, check=True,
                   stdout=subprocess.DEVNULL)
    return site


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--site", type=Path, help="a site built from this repo (default: build one)")
    parser.add_argument("--show", type=int, default=5, help="how many differing texts to print")
    args = parser.parse_args()
    paths = args.files or default_paths() + [EDGE_PROBE_DIR / name for name in EDGE_PROBES]
    texts = [read(path) for path in paths]
    kb = shipped_knowledge_base()
    python = [python_answer(text, kb) for text in texts]
    with tempfile.TemporaryDirectory() as folder:
        page = page_answers(args.site or built_site(Path(folder)), texts)
    counts, differing = Counter(), []
    for path, p, j in zip(paths, python, page):
        aspects = differing_aspects(p, j)
        counts.update(aspects)
        if aspects:
            differing.append((path, aspects, p, j))
    print(f"texts: {len(texts)}; answers that differ: {len(differing)}")
    for aspect in ASPECTS:
        print(f"  {aspect:<12} {counts[aspect]}")
    for path, aspects, p, j in differing[: args.show]:
        print(f"\n{path.relative_to(path.parents[1])}: {', '.join(aspects)}")
        print(f"  python: {json.dumps(p, ensure_ascii=False)[:1500]}")
        print(f"  page:   {json.dumps(j, ensure_ascii=False)[:1500]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
