"""How the time to read a bounce's reasons grows with its number of failed recipients.

Usage: .venv/bin/python bench/reasons_scale.py [--sizes 1000,4000,16000] [--no-page]

Prints the time of generator.bounces.classify.classify (Python) and of the lookup
page's engine (its scripts in headless Chromium) on three shapes of
bounce, each listing that many recipients:
- dsn: one delivery-status group per recipient, each with its Diagnostic-Code;
- prose: Postfix-style paragraphs ("<a@b>: host ... said: 550 ...");
- shared: groups without a diagnosis over a report whose prose names none of
  them apart, so that every recipient reads the same text (the shape that was
  quadratic before the readings of a shared text were kept).
Linear growth: 4 times the recipients, about 4 times the time.  "peak MB" is
the memory Python's reading takes at most (tracemalloc, in a second run): the
results of the rules' searches are kept only for texts that several recipients
share (once.py), so it grows with the bounce, not with rules times recipients.
"""
from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from generator.bounces.classify import classify  # noqa: E402


def dsn(count: int) -> str:
    return "".join(f"Final-Recipient: rfc822; a{i}@example.org\nAction: failed\nStatus: 5.1.1\n"
                   f"Diagnostic-Code: smtp; 550 5.1.1 <a{i}@example.org>: user unknown\n\n" for i in range(count))


def prose(count: int) -> str:
    return "This is the mail system at host mx.example.net.\n\n" + "".join(
        f"<a{i}@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 user unknown"
        " (in reply to RCPT TO command)\n\n" for i in range(count))


def shared(count: int) -> str:
    return ("Content-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@example.org\nAction: failed\n"
            * count) + "The report says nothing about any recipient apart.\n" * 200


SHAPES = {"dsn": dsn, "prose": prose, "shared": shared}


def python_seconds(text: str) -> tuple[float, int]:
    start = time.perf_counter()
    verdicts = classify(text)
    return time.perf_counter() - start, len(verdicts)


def python_peak_mb(text: str) -> float:
    tracemalloc.start()
    try:
        classify(text)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def page_seconds(texts: list[str]) -> list[float]:
    from playwright.sync_api import sync_playwright

    from bounce_shapes import engine_page

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        try:
            with engine_page(browser) as page:
                return [page.evaluate("""t => { const start = performance.now();
                    engine.classify(t, MFKB.lookupEngine.prepareBounce); return (performance.now() - start) / 1000; }""",
                                      text) for text in texts]
        finally:
            browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000,16000")
    parser.add_argument("--no-page", action="store_true", help="Python only (no Chromium)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    rows = [(shape, size, make(size)) for shape, make in SHAPES.items() for size in sizes]
    pages = [None] * len(rows) if args.no_page else page_seconds([text for _, _, text in rows])
    print(f"{'shape':8s} {'recipients':>10s} {'KB':>7s} {'python s':>9s} {'peak MB':>8s} {'page s':>7s}")
    for (shape, size, text), page in zip(rows, pages):
        seconds, verdicts = python_seconds(text)
        assert verdicts == size, (shape, size, verdicts)
        shown = f"{page:7.2f}" if page is not None else "      -"
        print(f"{shape:8s} {size:10d} {len(text) / 1024:7.0f} {seconds:9.2f} {python_peak_mb(text):8.1f} {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
