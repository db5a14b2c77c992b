"""The preview server: an edited entry reaches the open page by itself,
and a mistake keeps the last good site up."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def preview(project):
    server = subprocess.Popen([sys.executable, "-u", "-m", "generator", "--root", str(project), "serve", "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = None
    for line in server.stdout:
        match = re.search(r"serving (http://\S+)/", line)
        if match:
            url = match.group(1)
            break
    assert url, "serve did not start"
    yield project, url, server
    server.terminate()
    server.wait(timeout=30)


def set_title(project, title):
    entry = project / "content/errors/4.4.316.yml"
    entry.write_text(re.sub(r"^title: .*$", f"title: {title}", entry.read_text(encoding="utf-8"), flags=re.M),
                     encoding="utf-8")


def test_edited_entry_reloads_in_the_open_page(preview, page):
    project, url, _server = preview
    page.goto(f"{url}/en/errors/4.4.316/")
    assert "Connection refused" in page.locator("h1").inner_text()

    set_title(project, "Connection refused by the preview")
    page.wait_for_function("() => document.querySelector('h1').textContent.includes('by the preview')",
                           timeout=120_000)

    (project / "content/errors/4.4.316.yml").write_text("code: [unclosed\n", encoding="utf-8")
    page.wait_for_timeout(3000)
    page.reload()
    assert "by the preview" in page.locator("h1").inner_text()


def test_a_full_rebuild_never_shows_half_a_site(preview):
    """A theme change rebuilds everything beside the served preview, then swaps it in."""
    import time
    import urllib.request

    project, url, _server = preview

    def get(path):
        with urllib.request.urlopen(url + path, timeout=30) as response:
            return response.status, response.read().decode("utf-8")

    _, before = get("/__mfkb_build")
    main = project / "site_overrides/main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{# touched by the test #}\n", encoding="utf-8")
    seen, deadline = 0, time.monotonic() + 300
    while get("/__mfkb_build")[1] == before:
        assert time.monotonic() < deadline, "the full rebuild did not finish"
        for path in ("/en/errors/4.4.316/", "/ko/errors/4.7.320/", "/en/search/search_index.json"):
            status, body = get(path)  # urlopen raises on a 404
            assert status == 200 and body
            seen += 1
        time.sleep(0.02)
    assert seen > 30  # the pages were asked for all through the rebuild
    assert not (project / ".preview-next").exists()
