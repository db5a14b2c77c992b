"""The output as a whole: reproducible, complete under concurrent builds,
and with every internal link and anchor resolving."""
from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po
import pytest

from conftest import run_generator, set_site_url, tree_digest
from generator.site.linkcheck import check_site


def test_two_clean_builds_are_byte_identical(project, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    for name in ("one", "two"):
        result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "build",
                                 "--site-dir", str(tmp_path / name)], capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")
    for path in (tmp_path / "one").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js"):
            assert str(tmp_path) not in path.read_text(encoding="utf-8", errors="replace"), path


def test_source_date_epoch_is_honoured(project):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")  # 2023-11-14
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "build"],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    sitemap = gzip.decompress((project / "site/en/sitemap.xml.gz").read_bytes()).decode()
    assert "<lastmod>2023-11-14</lastmod>" in sitemap


def test_builds_started_at_once_leave_one_whole_site(project):
    commands = [[sys.executable, "-m", "generator", "--root", str(project), "build"]] * 2
    runs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    results = [(run.wait(), run.stderr.read()) for run in runs]
    assert all(code == 0 for code, _ in results), results
    concurrent = tree_digest(project / "site")
    assert run_generator(project, "build").returncode == 0
    assert tree_digest(project / "site") == concurrent
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]


def test_every_internal_link_and_anchor_resolves(built_site):
    assert check_site(built_site) == []


def test_link_checker_finds_missing_pages_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="causes">x</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/#causes">ok</a><a href="a/#fixes">anchor</a><a href="b/">page</a>'
        '<img src="x.png"><a href="https://example.org/">out</a>', encoding="utf-8")
    broken = {(b.target, b.reason) for b in check_site(tmp_path)}
    assert broken == {("a/#fixes", "no such anchor"), ("b/", "no such file"), ("x.png", "no such file")}


def test_strict_build_refuses_a_broken_anchor(project):
    """The link is in the English and its translation (a translation may not add one)."""
    entry = project / "content/errors/4.4.316.yml"
    english = "Connection refused [see](#no-such-section)"
    entry.write_text(entry.read_text(encoding="utf-8").replace("\ntitle: Connection refused\n", f"\ntitle: {english}\n"),
                     encoding="utf-8")
    po = project / "locales/ko/LC_MESSAGES/messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    catalog.add(english, catalog["Connection refused"].string + " [참고](#no-such-section)")
    with po.open("wb") as handle:
        write_po(handle, catalog)

    set_site_url(project)
    assert run_generator(project, "build").returncode == 0
    before = tree_digest(project / "site")
    result = run_generator(project, "build", "--strict")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "ko/errors/4.4.316/index.html: #no-such-section (no such anchor)" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(project / "site") == before


def test_a_users_mistake_found_in_a_language_process_keeps_its_file_and_line():
    """Catalogs load, and languages build, in other processes: their errors come back pickled."""
    import pickle

    from generator.errors import CatalogError
    from generator.i18n.translation_status import TranslationIncomplete

    for error in (CatalogError("locales/ko/LC_MESSAGES/messages.po", 24, "broken catalog line", "fix it"),
                  TranslationIncomplete("content/errors/4.4.316.yml", 6, "1 string(s) not translated")):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and copy.format() == error.format()


def test_a_swapped_in_site_never_goes_missing_in_between(tmp_path, monkeypatch):
    # The preview server reads from the folder while a full rebuild swaps it: a moment
    # without it would answer 404 (tests/test_serve.py saw one). Every rename made
    # while swapping must find the folder there.
    from generator.site import output

    site, new = tmp_path / "site", tmp_path / "new"
    for folder, text in ((site, "old"), (new, "new")):
        (folder / "en").mkdir(parents=True)
        (folder / "en" / "index.html").write_text(text, encoding="utf-8")
    renames = []
    real_replace = os.replace

    def watched_replace(source, target):
        renames.append(site.is_dir())
        real_replace(source, target)

    monkeypatch.setattr(output.os, "replace", watched_replace)
    output.replace_tree(new, site)
    assert all(renames), renames
    assert (site / "en" / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_ctrl_c_while_the_old_site_is_removed_stops_at_once_with_the_new_site_in_place(tmp_path, monkeypatch):
    """Removing the old tree of a site (3,200 files) takes seconds; swap_in held Ctrl+C through it,
    so a Ctrl+C there (and every further one) waited for the whole removal (review21). Only the
    exchange and the keeping of what was put in are held now."""
    import signal
    import time

    from generator.site import output

    site, new = tmp_path / "site", tmp_path / "new"
    for folder, text in ((site, "old"), (new, "new")):
        (folder / "en").mkdir(parents=True)
        (folder / "en" / "index.html").write_text(text, encoding="utf-8")
    real_remove = output.remove_tree

    def slow_removal(folder):  # a large old tree: the user presses Ctrl+C while it goes
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)
        real_remove(folder)

    monkeypatch.setattr(output, "remove_tree", slow_removal)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        output.swap_in(new, site)
    assert time.monotonic() - started < 2
    assert (site / "en" / "index.html").read_text(encoding="utf-8") == "new"
