"""Preview freshness: how long after an entry file is saved does the open
page in Chromium show the change? Runs `python -m generator serve` on a
copy of the shipped project.

    .venv/bin/python bench/serve.py [--edits 3]
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM, CHROMIUM_FLAGS, copy_project  # noqa: E402

ENTRY = "content/errors/4.4.316.yml"


def start_server(project: Path) -> tuple[subprocess.Popen, str]:
    server = subprocess.Popen([sys.executable, "-u", "-m", "generator", "--root", str(project), "serve", "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in server.stdout:
        match = re.search(r"serving (http://\S+)", line)
        if match:
            return server, match.group(1).rstrip("/")
    raise SystemExit("serve did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mfkb-serve-") as workdir:
        project = copy_project(Path(workdir) / "project")
        start = time.perf_counter()
        server, url = start_server(project)
        print(f"first build and start: {time.perf_counter() - start:.1f} s")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                page = browser.new_page()
                page.goto(f"{url}/en/errors/4.4.316/")
                entry = project / ENTRY
                original = entry.read_text(encoding="utf-8")
                times = []
                for edit in range(1, args.edits + 1):
                    title = f"Connection refused (edit {edit})"
                    saved = time.perf_counter()
                    entry.write_text(re.sub(r"^title: .*$", f"title: {title}", original, flags=re.M), encoding="utf-8")
                    page.wait_for_function("t => document.querySelector('h1').textContent.includes(t)",
                                           arg=title, timeout=30000)
                    times.append(time.perf_counter() - saved)
                    print(f"edit {edit}: page fresh after {times[-1]:.2f} s")
                browser.close()
            print(f"median: {sorted(times)[len(times) // 2]:.2f} s over {len(times)} edits")
        finally:
            server.terminate()
            server.wait()
            shutil.rmtree(project / ".preview", ignore_errors=True)


if __name__ == "__main__":
    main()
