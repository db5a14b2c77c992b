"""The build's shortcuts change nothing a reader gets: figures drawn into
the finished pages, Material's navigation rendered once for the pages
outside it, the hidden originals set aside while search reads a page
(generator.figures, generator.mkdocs_plugin)."""
from __future__ import annotations

import re

from conftest import copy_project, tree_digest
from generator import mkdocs_plugin
from generator.build import Project, build


def test_site_is_the_same_byte_for_byte_without_the_shortcuts(small_project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    slow = copy_project(tmp_path / "slow")
    for path in (slow / "content/errors").glob("*.yml"):
        if not (small_project / "content/errors" / path.name).exists():
            path.unlink()
    build(Project(small_project))
    monkeypatch.setattr(mkdocs_plugin, "shared_nav_key", lambda page, nav: None)
    monkeypatch.setattr(mkdocs_plugin, "ORIGINAL_SPAN", re.compile(r"(?!)"))
    build(Project(slow))
    assert tree_digest(small_project / "site") == tree_digest(slow / "site")


def test_every_figure_slot_is_filled(built_site):
    pages = list(built_site.rglob("*.html"))
    assert [p for p in pages if "mfkb-figure-slot" in p.read_text(encoding="utf-8")] == []
    for lang in ("en", "ko"):
        page = (built_site / lang / "errors" / "4.4.316" / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<figure class="mfkb-figure mfkb-path"[^>]*><svg [^>]*role="img"', page)
        overview = (built_site / lang / "overview" / "index.html").read_text(encoding="utf-8")
        assert '<figure class="mfkb-figure mfkb-timeline"' in overview
