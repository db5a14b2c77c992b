"""Korean through Babel: extraction, update, and honest fallbacks."""
from __future__ import annotations

import re
import subprocess
import sys

from babel.messages.pofile import read_po, write_po

from conftest import ROOT, run_generator
from htmltext import article, visible_text

PO = "locales/ko/LC_MESSAGES/messages.po"
TITLE = "Connection refused"


def pybabel(cwd, *args):
    result = subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args],
                            cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result


def edit_catalog(root, change):
    path = root / PO
    with path.open("rb") as handle:
        catalog = read_po(handle)
    change(catalog)
    with path.open("wb") as handle:
        write_po(handle, catalog)


def korean_entry_page(root):
    return (root / "site/ko/errors/4.4.316/index.html").read_text(encoding="utf-8")


def test_pybabel_extract_finds_content_and_template_strings(tmp_path):
    pot = tmp_path / "messages.pot"
    pybabel(ROOT, "extract", "-F", "babel.cfg", "-o", str(pot), ".")
    text = pot.read_text(encoding="utf-8")
    assert "#: content/errors/4.4.316.yml:" in text
    assert f'msgid "{TITLE}"' in text
    assert 'msgid "How to fix it"' in text          # Jinja2 template
    assert 'msgid "TLS and certificate check"' in text  # Python labels


def test_shipped_catalog_is_complete(tmp_path):
    """Every string the content and templates have is translated, none fuzzy."""
    pot = tmp_path / "messages.pot"
    pybabel(ROOT, "extract", "-F", "babel.cfg", "-o", str(pot), ".")
    with pot.open("rb") as handle:
        wanted = {m.id for m in read_po(handle) if m.id}
    with (ROOT / PO).open("rb") as handle:
        have = {m.id: m for m in read_po(handle) if m.id}
    missing = sorted(i for i in wanted if i not in have or not have[i].string)
    fuzzy = sorted(i for i in wanted if i in have and have[i].fuzzy)
    assert missing == [] and fuzzy == []


def test_changed_english_turns_fuzzy_after_pybabel_update(project):
    entry = project / "content/errors/4.4.316.yml"
    entry.write_text(entry.read_text(encoding="utf-8").replace(
        f"title: {TITLE}", "title: Connection refused by the server"), encoding="utf-8")
    pybabel(project, "extract", "-F", str(ROOT / "babel.cfg"), "-o", "locales/messages.pot", ".")
    pybabel(project, "update", "-i", "locales/messages.pot", "-d", "locales", "--previous")
    with (project / PO).open("rb") as handle:
        message = read_po(handle).get("Connection refused by the server")
    assert message is not None and message.fuzzy


def test_missing_translation_shows_english_with_a_korean_notice(project):
    edit_catalog(project, lambda catalog: catalog.delete(TITLE))
    result = run_generator(project, "build")
    assert result.returncode == 0, result.stderr
    page = korean_entry_page(project)
    assert f'<span class="mfkb-fallback" lang="en" data-status="missing">{TITLE}</span>' in page
    text = visible_text(article(page))
    assert "아직 번역되지 않았" in text
    assert "ko: " in result.stdout and " 1 missing" in result.stdout


def test_fuzzy_translation_shows_english_with_a_korean_notice(project):
    def make_fuzzy(catalog):
        catalog[TITLE].flags.add("fuzzy")
    edit_catalog(project, make_fuzzy)
    result = run_generator(project, "build")
    assert result.returncode == 0, result.stderr
    page = korean_entry_page(project)
    assert f'data-status="fuzzy">{TITLE}</span>' in page
    assert "최신이 아닐 수" in visible_text(article(page))
    assert " 1 fuzzy" in result.stdout


def test_build_reports_counts_per_locale(built_site):
    result = run_generator(built_site.parent, "build")
    lines = [l for l in result.stdout.splitlines() if l.startswith("strings ")]
    assert [l.split(":")[0] for l in lines] == ["strings en", "strings ko"]
    assert lines[1].endswith("0 fuzzy, 0 missing")


def navigation_labels(page) -> list[str]:
    html = page.read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary"'):]
    nav = nav[: nav.index("</nav>")]
    return [visible_text(label) for label in re.findall(r'<span class="md-ellipsis">(.*?)</span>', nav, re.S)]


def test_korean_navigation_has_no_english_label(built_site):
    english = navigation_labels(built_site / "en" / "errors" / "4.4.316" / "index.html")
    korean = navigation_labels(built_site / "ko" / "errors" / "4.4.316" / "index.html")
    assert len(korean) == len(english) > 10
    assert [label for label in korean if label in english] == []
