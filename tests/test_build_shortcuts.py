"""The build's shortcuts change nothing a reader gets: figures drawn into
the finished pages, Material's navigation rendered once for the pages
outside it, the hidden originals set aside while search reads a page,
search sections read without Material's parser, compiled templates kept
in .cache/, Markdown handed to MkDocs in memory (generator.site.figures,
generator.site.mkdocs_plugin, generator.search.sections, generator.site.jinja_cache)."""
from __future__ import annotations

import re

from conftest import SMALL_ENTRIES, copy_project, keep_only_entries, tree_digest
from generator.site import mkdocs_plugin
from generator.site.ownership import MARKER
from generator.build import build
from generator.project import Project


def test_site_is_the_same_byte_for_byte_without_the_shortcuts(small_project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    slow = copy_project(tmp_path / "slow")
    keep_only_entries(slow, SMALL_ENTRIES)
    build(Project(small_project))  # compiles every template into .cache/templates
    first = tree_digest(small_project / "site", skip=(MARKER,))  # only a full build marks its site as its own
    assert len(list((small_project / ".cache/templates").iterdir())) > 20
    build(Project(small_project))  # loads them from there
    assert tree_digest(small_project / "site", skip=(MARKER,)) == first
    monkeypatch.setattr(mkdocs_plugin, "shared_nav_key", lambda page, nav: None)
    monkeypatch.setattr(mkdocs_plugin, "ORIGINAL_SPAN", re.compile(r"(?!)"))
    monkeypatch.setattr(mkdocs_plugin, "sections", lambda content: None)  # Material's parser for every page
    build(Project(slow, use_cache=False), workspace=slow / ".preview")  # the preview's Markdown is on disk
    assert not (slow / ".cache").exists()
    assert (slow / ".preview/docs/ko/errors/4.4.316.md").is_file()
    assert tree_digest(slow / ".preview/site", skip=(MARKER,)) == first


def test_a_cache_that_cannot_be_written_only_slows_the_build(small_project):
    (small_project / ".cache").write_text("not a folder")
    build(Project(small_project))
    assert (small_project / "site/en/errors/4.4.316/index.html").is_file()


def test_every_figure_slot_is_filled(built_site):
    pages = list(built_site.rglob("*.html"))
    assert [p for p in pages if "mfkb-figure-slot" in p.read_text(encoding="utf-8")] == []
    for lang in ("en", "ko"):
        page = (built_site / lang / "errors" / "4.4.316" / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<figure class="mfkb-figure mfkb-path"[^>]*><svg [^>]*role="img"', page)
        overview = (built_site / lang / "overview" / "index.html").read_text(encoding="utf-8")
        assert '<figure class="mfkb-figure mfkb-timeline"' in overview


def test_search_sections_decline_pages_they_cannot_vouch_for():
    from generator.search.sections import sections

    page = '<h1 id="t">Title</h1>\n<p>Intro <strong>bold</strong>.</p>\n<h2 id="causes">Causes</h2>\n<ul>\n<li>One</li>\n</ul>'
    assert sections(page) == [("", "Title", "Intro bold."), ("causes", "Causes", "One")]
    assert sections("<p>before the heading</p>" + page) is None
    assert sections(page + '<div data-search-exclude>x</div>') is None
    assert sections(page + "<pre><code>x</code></pre>") is None
    assert sections(page + '<div class="admonition"><h2 id="inner">Inner</h2></div>') is None


def test_theme_files_are_listed_as_mkdocs_would_copy_them():
    import fnmatch

    from jinja2 import FileSystemLoader
    from mkdocs.config import load_config

    from conftest import ROOT
    from generator.site.mkdocs_plugin import listed_outside_dot_folders

    theme = load_config(str(ROOT / "mkdocs.yml"), theme={"name": "material", "custom_dir": str(ROOT / "site_overrides")}).theme
    def copied(names):  # MkDocs' own filter drops dot paths: '.*' and '*/.*'
        return [n for n in names if not fnmatch.fnmatch(n.lower(), ".*") and not fnmatch.fnmatch(n.lower(), "*/.*")]
    everything = FileSystemLoader(theme.dirs).list_templates()
    listed = listed_outside_dot_folders(theme.dirs)
    assert len(everything) > 10 * len(listed)
    assert copied(listed) == copied(everything)
    assert "assets/javascripts/lookup.js" in listed  # the overrides are listed too
