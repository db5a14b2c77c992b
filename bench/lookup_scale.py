"""How lookup time grows with the number of distinct codes in the input.

Usage: .venv/bin/python bench/lookup_scale.py [--sizes 1000,8000,64000] [--page-codes 8000] [--no-page]

Prints the time of `python -m generator lookup --file X --json` (a real
subprocess, start-up included) for:
- a pasted bounce: one code a line (at most 16,000 distinct codes: a bounce's
  codes have subjects 0-7), and
- one line of codes separated by spaces (any number),
then the lookup page's time, in headless Chromium on a site built from this
repo, from pressing "Look up" on that many pasted codes (one a line) to the
results on screen. Linear growth: 8 times the codes, about 8 times the time.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BOUNCE_LIMIT = 2 * 8 * 1000  # classes 4 and 5, subjects 0-7, details 0-999


def bounce_codes(count: int) -> str:
    """count distinct codes, one a line, as a bounce lists them."""
    codes = [f"{cls}.{subject}.{detail}" for cls in "54" for subject in range(8) for detail in range(1000)]
    return "\n".join(codes[:count]) + "\n"


def one_line_codes(count: int) -> str:
    codes = (f"{cls}.{subject}.{detail}" for cls in "54X" for subject in range(1000) for detail in range(1000))
    return " ".join(code for code, _ in zip(codes, range(count))) + "\n"


def cli_seconds(text: str, workdir: Path) -> tuple[float, int]:
    query = workdir / "query.txt"
    query.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(REPO), "lookup", "--json", "--file",
                             str(query)], capture_output=True, text=True, cwd=REPO)
    seconds = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"lookup failed: {result.stderr}")
    return seconds, result.stdout.count('"code":') - result.stdout.count('"entry": {')


def page_seconds(count: int, workdir: Path) -> tuple[float, int]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "tests"))
    from conftest import CHROMIUM, CHROMIUM_FLAGS, copy_project, serve

    project = copy_project(workdir / "project")
    built = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "build"],
                           capture_output=True, text=True, cwd=REPO)
    if built.returncode:
        raise SystemExit(f"build failed: {built.stderr}")
    text = bounce_codes(count)
    with serve(project / "site") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        page = browser.new_page()
        page.goto(f"{url}/en/lookup/")
        page.wait_for_function("() => window.mfkbLookupDone")
        page.evaluate("() => window.mfkbLookupDone")
        seconds, shown = page.evaluate("""async (text) => {
            document.getElementById('mfkb-lookup-q').value = text;
            const start = performance.now();
            document.querySelector('#mfkb-lookup button[type=submit]').click();
            const results = document.getElementById('mfkb-lookup-results');
            while (!results.querySelector('li')) await new Promise(done => requestAnimationFrame(done));
            return [(performance.now() - start) / 1000, results.querySelectorAll('li').length];
        }""", text)
        browser.close()
    return seconds, shown


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--sizes", default="1000,8000,64000",
                         help="numbers of distinct codes, comma-separated (empty: the page only)")
    options.add_argument("--page-codes", type=int, default=8000, help="codes pasted into the lookup page")
    options.add_argument("--no-page", action="store_true", help="skip the browser")
    args = options.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="mfkb-lookup-scale-"))
    try:
        print(f"{'input':<28} {'codes':>7} {'seconds':>8}")
        for count in (int(size) for size in args.sizes.split(",") if size):
            seconds, _ = cli_seconds(one_line_codes(count), workdir)
            print(f"{'CLI, one line':<28} {count:>7} {seconds:>8.2f}", flush=True)
            shown = min(count, BOUNCE_LIMIT)
            seconds, _ = cli_seconds(bounce_codes(shown), workdir)
            print(f"{'CLI, bounce (one a line)':<28} {shown:>7} {seconds:>8.2f}", flush=True)
        if not args.no_page:
            seconds, shown = page_seconds(args.page_codes, workdir)
            print(f"{'page, pasted (one a line)':<28} {args.page_codes:>7} {seconds:>8.2f}  ({shown} results shown)")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
