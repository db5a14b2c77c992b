"""Shared fixtures: copies of the project, a built site, a local web
server and headless Chromium."""
from __future__ import annotations

import functools
import hashlib
import re
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ["mkdocs.yml", "content", "locales", "site_overrides"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


def set_site_url(root: Path, url: str = "https://kb.example.org/") -> None:
    """What a release (`build --strict`) needs in mkdocs.yml besides the shipped settings."""
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"site_url: {url}\n")


def run_generator(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), *args],
        capture_output=True, text=True, timeout=600,
    )


def tree_digest(folder: Path, skip: tuple[str, ...] = ()) -> str:
    """One hash over every path and byte under folder (but the top-level names in skip)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.parts[0] in skip:
            continue
        digest.update(str(relative).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def assert_same_as_shared(copy: Path, shared: Path) -> None:
    """A data file kept in the repo still equals its source in ../shared/reference."""
    if not shared.is_file():
        pytest.skip(f"shared reference not present at {shared}")
    assert copy.read_bytes() == shared.read_bytes()


@pytest.fixture(scope="session")
def entries():
    """The shipped entries, loaded and validated, by code."""
    from generator.content.load import load_content

    return load_content(ROOT / "content").entries


@pytest.fixture
def project(tmp_path) -> Path:
    """A private copy of the project that a test may break."""
    return copy_project(tmp_path / "project")


# The connector faults; their `related` codes outside this set are dropped from the copy, so nothing dangles.
SMALL_ENTRIES = ("4.4.312", "4.4.315", "4.4.316", "4.4.317", "4.4.318", "4.7.320")


def keep_related_within(path: Path, codes) -> None:
    """Drop the codes of `related: [...]` that the small project does not hold (4.7.320 -> the DANE codes)."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^related: \[(.*)\]$", text, re.MULTILINE)
    if match:
        kept = [code.strip() for code in match.group(1).split(",") if code.strip() in codes]
        text = text[: match.start()] + f"related: [{', '.join(kept)}]" + text[match.end():]
        path.write_text(text, encoding="utf-8")


def keep_only_entries(root: Path, codes) -> None:
    """Delete every entry of a project copy but codes, and the related links to the deleted ones."""
    for path in (root / "content/errors").glob("*.yml"):
        if path.stem not in codes:
            path.unlink()
        else:
            keep_related_within(path, codes)


@pytest.fixture
def small_project():
    """A private copy with a few entries and the pages, quick to build; the
    catalog stays whole. In a folder any user may enter, so a test can run
    the generator as an unprivileged user."""
    folder = Path(tempfile.mkdtemp(prefix="mfkb-small-"))
    folder.chmod(0o755)
    root = copy_project(folder / "project")
    keep_only_entries(root, SMALL_ENTRIES)
    yield root
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped content, built once for the whole session."""
    root = copy_project(tmp_path_factory.mktemp("shipped") / "project")
    result = run_generator(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(folder: Path):
    """folder served on 127.0.0.1 while the block runs; yields its base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def axe_script() -> str:
    axe = pytest.importorskip("axe_playwright_python")
    return (Path(axe.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


class StaticHost(QuietHandler):
    """Serves /404.html, with status 404, for every missing address, as Netlify,
    Cloudflare Pages and GitHub Pages do."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def host_url(built_site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StaticHost, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run scripts/test.sh, which installs it")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


def record_dialogs(page) -> list[str]:
    """The messages of every dialog (alert, confirm, prompt) the page opens from now on, dismissed."""
    opened: list[str] = []

    def on_dialog(dialog):
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return opened


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    yield page
    context.close()
