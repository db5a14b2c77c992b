"""A third language is one command and one line of configuration away; and
review dates come from the content, written the way each language writes dates."""
from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import subprocess
import sys

from conftest import ROOT, run_generator
from generator.content.load import read_yaml
from htmltext import article, visible_text

ENTRY = "errors/4.4.316/index.html"


def reviewed_line(page: str) -> str:
    match = re.search(r'<p class="mfkb-reviewed">(.*?)</p>', page, re.S)
    assert match, "no review dates on the page"
    return visible_text(match.group(1))


def test_review_dates_are_written_for_each_language(built_site):
    reviewed = read_yaml(ROOT / "content/errors/4.4.316.yml").data["reviewed"]
    en, ko = reviewed["en"], reviewed["ko"]
    english = (built_site / "en" / ENTRY).read_text(encoding="utf-8")
    korean = (built_site / "ko" / ENTRY).read_text(encoding="utf-8")
    assert reviewed_line(english) == (f"Last reviewed: English {calendar.month_name[en.month]} {en.day}, {en.year}"
                                      f" · Korean {calendar.month_name[ko.month]} {ko.day}, {ko.year}")
    assert reviewed_line(korean) == (f"마지막 검토: 영어 {en.year}년 {en.month}월 {en.day}일"
                                     f" · 한국어 {ko.year}년 {ko.month}월 {ko.day}일")
    assert f'<time datetime="{ko.isoformat()}">' in korean
    overview = (built_site / "ko/overview/index.html").read_text(encoding="utf-8")
    assert reviewed_line(overview).startswith("마지막 검토: 영어 ")


def test_a_third_language_is_one_command_and_one_line_of_configuration_away(project):
    # The one command:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "init", "-i", "locales/messages.pot",
                    "-d", "locales", "-l", "ja"], cwd=project, check=True, capture_output=True)
    # The one line:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("  languages: [en, ko]\n") == 1
    config.write_text(text.replace("  languages: [en, ko]\n", "  languages: [en, ko, ja]\n"), encoding="utf-8")
    # Review dates in the content, the new language's too, show on every language's page.
    entry = project / "content/errors/4.4.316.yml"
    entry.write_text(re.sub(r"\n  ko: \d{4}-\d\d-\d\d\n", "\n  ko: 2025-03-01\n  ja: 2025-03-02\n",
                            entry.read_text(encoding="utf-8")), encoding="utf-8")

    result = run_generator(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^strings ja: 0 translated, 0 fuzzy, \d+ missing$", result.stdout, re.M)
    site = project / "site"

    english_pages = {p.relative_to(site / "en") for p in (site / "en").rglob("*.html")}
    japanese_pages = {p.relative_to(site / "ja") for p in (site / "ja").rglob("*.html")}
    assert japanese_pages == english_pages and len(japanese_pages) > 10
    for relative in japanese_pages:
        page = (site / "ja" / relative).read_text(encoding="utf-8")
        assert '<html lang="ja"' in page, relative
        if relative.name != "404.html" and not is_code_redirect(page):
            assert 'class="admonition warning mfkb-notice"' in article(page), f"{relative}: no fallback notice"

    japanese = (site / "ja" / ENTRY).read_text(encoding="utf-8")
    text = visible_text(article(japanese))
    assert "Connection refused" in text and "How to fix it" in text  # English fallback
    assert 'data-status="missing"' in japanese and "mfkb-original" not in japanese
    assert json.loads((site / "ja/search/search_index.json").read_text(encoding="utf-8"))["config"]["lang"] == ["ja"]
    assert re.search(r'<a href="[^"]*/ja/errors/4\.4\.316/" hreflang="ja" lang="ja" '
                     r'class="md-select__link mfkb-lang-link" aria-current="true">\s*日本語\s*</a>', japanese)
    korean = (site / "ko" / ENTRY).read_text(encoding="utf-8")
    assert re.search(r'<a href="[^"]*/ja/errors/4\.4\.316/" hreflang="ja" lang="ja"', korean)
    assert 'hreflang="ja"' in (site / "index.html").read_text(encoding="utf-8")

    assert "마지막 검토: 영어 " in reviewed_line(korean) and "한국어 2025년 3월 1일" in reviewed_line(korean)
    assert reviewed_line((site / "en" / ENTRY).read_text(encoding="utf-8")).endswith(
        " · Japanese March 2, 2025 · Korean March 1, 2025")
    assert "日本語 2025年3月2日" in reviewed_line(japanese) and "韓国語 2025年3月1日" in reviewed_line(japanese)


def test_a_review_date_that_is_not_a_date_is_reported_with_its_line(project):
    entry = project / "content/errors/4.4.316.yml"
    entry.write_text(re.sub(r"\n  ko: (\d{4}-\d\d-\d\d)\n", r"\n  ko: \1\n  ja: soon\n", entry.read_text(encoding="utf-8")),
                     encoding="utf-8")
    line = entry.read_text(encoding="utf-8").splitlines().index("  ja: soon") + 1
    result = run_generator(project, "build")
    assert result.returncode == 2
    assert result.stderr.startswith(f"content/errors/4.4.316.yml:{line}: error: 'reviewed.ja': ")
    assert "Traceback" not in result.stderr and not (project / "site").exists()


def is_code_redirect(page: str) -> bool:
    """A page that sends a code's address on to its entry or the lookup (generator/site/code_links.py)."""
    return '<meta name="robots" content="noindex">' in page and "location.replace(" in page
