"""`python -m generator serve`: build, serve the site on 127.0.0.1, rebuild
when a source file changes and make open pages reload themselves.

Rebuilds after a content or catalog change are dirty (only pages whose
Markdown changed go through MkDocs again); a change to mkdocs.yml or the
theme overrides rebuilds everything. A mistake in a file is printed and the
last good site stays up.
"""
from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from generator.build import build
from generator.project import Project
from generator.errors import UserError
from generator.site.output import remove_tree, replace_tree

BUILD_PATH = "/__mfkb_build"
RELOAD_SCRIPT = (
    "<script>(function(){var seen=null;function poll(){fetch('" + BUILD_PATH + "',{cache:'no-store'})"
    ".then(function(r){return r.text()}).then(function(n){if(seen===null)seen=n;else if(n!==seen)"
    "location.reload()}).catch(function(){}).then(function(){setTimeout(poll,100)})}poll()})();</script>"
).encode()
CHANGE_EVENTS = {"created", "modified", "moved", "deleted"}
WATCHED_SUFFIXES = {".yml", ".yaml", ".po", ".html", ".css", ".js", ".svg", ".png"}


class BuildState:
    """The number of the last good build; pages reload when it changes."""

    def __init__(self):
        self.number = 0
        self.changed = threading.Event()
        self.full = False


def make_handler(site: Path, state: BuildState):
    class PreviewHandler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path == BUILD_PATH:
                return self.send_bytes(str(state.number).encode(), "text/plain")
            path = Path(self.translate_path(self.path))
            if path.is_dir() and self.path.endswith("/"):
                path = path / "index.html"
            if path.suffix == ".html" and path.is_file():
                page = path.read_bytes().replace(b"</body>", RELOAD_SCRIPT + b"</body>", 1)
                return self.send_bytes(page, "text/html; charset=utf-8")
            return super().do_GET()

        def send_bytes(self, body: bytes, content_type: str):
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return PreviewHandler


class SourceWatcher(FileSystemEventHandler):
    """Flags a rebuild; a change to the theme or mkdocs.yml asks for a full one."""

    def __init__(self, root: Path, state: BuildState):
        self.root, self.state = root, state

    def on_any_event(self, event):
        # Reads show up as opened/closed_no_write events: the build's own reads must not retrigger it.
        if event.is_directory or event.event_type not in CHANGE_EVENTS:
            return
        for name in (event.src_path, getattr(event, "dest_path", "") or ""):
            path = Path(name)
            if path.suffix not in WATCHED_SUFFIXES or path.name.startswith("."):
                continue
            if path.name == "mkdocs.yml" or (self.root / "site_overrides") in path.parents:
                self.state.full = True
            self.state.changed.set()


def full_build(project: Project, workspace: Path) -> None:
    """Everything built beside the preview and swapped in whole, Markdown and
    site together (a dirty build compares their times): the server never
    shows half a site, and a failed build leaves the last good one."""
    fresh = workspace.with_name(workspace.name + "-next")
    remove_tree(fresh)
    try:
        build(project, workspace=fresh)
        workspace.mkdir(exist_ok=True)
        for part in ("docs", "site"):
            replace_tree(fresh / part, workspace / part)
    finally:
        remove_tree(fresh)


def rebuild(project: Project, workspace: Path, state: BuildState, dirty: bool) -> None:
    start = time.perf_counter()
    try:
        if dirty:
            build(project, workspace=workspace, dirty=True)
        else:
            full_build(project, workspace)
    except UserError as error:
        print(error.format(project.root), flush=True)
        return
    state.number += 1
    print(f"rebuilt ({'changed pages' if dirty else 'everything'}) in {time.perf_counter() - start:.2f} s", flush=True)


def watch(project: Project, workspace: Path, state: BuildState) -> None:
    while True:
        state.changed.wait()
        time.sleep(0.05)  # let an editor finish writing
        state.changed.clear()
        full, state.full = state.full, False
        rebuild(project, workspace, state, dirty=not full)


def serve(project: Project, host: str = "127.0.0.1", port: int = 8000) -> None:
    workspace = project.root / ".preview"
    state = BuildState()
    full_build(project, workspace)
    state.number = 1
    observer = Observer()
    handler = SourceWatcher(project.root, state)
    for folder in ("content", "locales", "site_overrides"):
        if (project.root / folder).is_dir():
            observer.schedule(handler, str(project.root / folder), recursive=True)
    observer.schedule(handler, str(project.root), recursive=False)
    observer.start()
    threading.Thread(target=watch, args=(project, workspace, state), daemon=True).start()
    server = http.server.ThreadingHTTPServer((host, port), make_handler(workspace / "site", state))
    print(f"serving http://{host}:{server.server_address[1]}/ (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    finally:
        observer.stop()
