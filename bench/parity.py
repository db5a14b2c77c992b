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


def default_paths() -> list[Path]:
    return sorted(CORPORA.glob("*/*.eml")) + sorted(HELD_OUT.glob("*.eml")) + sorted(WHOLE_BOUNCES.iterdir())


def read(path: Path) -> str:
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
    paths = args.files or default_paths()
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
