"""Page weight: what a first visit to a page costs, as headless Chromium loads it
from a local server with an empty cache (every request the page makes until the
network is idle, bytes as served and gzipped at level 6, as a host would send them).

    .venv/bin/python bench/page_weight.py [--site site] [--lang en ko]

Without --site it builds the shipped project into a temporary folder first.
"""
from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402

PAGES = {"entry": "errors/4.4.316/", "home": "", "lookup": "lookup/"}


def kind(url: str, resource_type: str) -> str:
    return "font" if url.endswith((".woff", ".woff2")) else resource_type


def weigh(browser, url: str) -> tuple[int, int, int, Counter]:
    """requests, raw bytes, gzipped bytes and bytes by resource type of one cold page load."""
    context = browser.new_context()
    page = context.new_page()
    bodies = []
    page.on("response", lambda response: bodies.append(response))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    raw = gzipped = 0
    by_type: Counter = Counter()
    for response in bodies:
        body = response.body() if response.status < 300 else b""
        packed = len(gzip.compress(body, 6)) if body else 0
        raw += len(body)
        gzipped += packed
        by_type[kind(response.url, response.request.resource_type)] += packed
    context.close()
    return len(bodies), raw, gzipped, by_type


def build(target: Path) -> Path:
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(ROOT), "build", "--site-dir", str(target)],
                            capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(result.stdout + result.stderr)
    return target


def report(site: Path, langs: list[str]) -> None:
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        print(f"{'page':<20} {'requests':>8} {'raw KB':>8} {'gzip KB':>8}   gzip KB by type")
        for lang in langs:
            for name, path in PAGES.items():
                requests, raw, gzipped, by_type = weigh(browser, f"{base}/{lang}/{path}")
                types = ", ".join(f"{t} {size / 1024:.1f}" for t, size in by_type.most_common())
                print(f"{lang + ' ' + name:<20} {requests:>8} {raw / 1024:>8.1f} {gzipped / 1024:>8.1f}   {types}")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build the project into a temporary folder)")
    parser.add_argument("--lang", nargs="+", default=["en", "ko"])
    args = parser.parse_args()
    if args.site:
        report(args.site, args.lang)
        return
    with tempfile.TemporaryDirectory(prefix="mfkb-weight-") as folder:
        report(build(Path(folder) / "site"), args.lang)


if __name__ == "__main__":
    main()
