"""An entry's sources and example reply lines: required and checked in the
content, shown on the page in both languages, published in the API, and
found by the site search."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from generator.content.load import load_content
from generator.errors import ContentError
from htmltext import article, visible_text
from test_search import open_search, search

ENTRY = "4.4.316"
LANGUAGES = {"en": ("What it looks like", "Sources"), "ko": ("이렇게 보입니다", "출처")}


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A copy of content/ that a test may break, loaded without building."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


def rewrite(path: Path, pattern: str, new: str) -> int:
    """Replace the block that starts with the line matching pattern (and its indented lines); its line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(pattern, line))
    end = start + 1
    while end < len(lines) and lines[end].startswith(" "):
        end += 1
    lines[start:end] = new.split("\n") if new else []
    path.write_text("\n".join(lines), encoding="utf-8")
    return start + 1


def refusal(content: Path) -> ContentError:
    with pytest.raises(ContentError) as caught:
        load_content(content)
    return caught.value


def test_an_entry_without_sources_is_refused_where_it_starts(content_copy):
    path = content_copy / "errors" / f"{ENTRY}.yml"
    rewrite(path, r"^sources:", "")
    first_key = next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                     if line and not line.startswith("#"))
    error = refusal(content_copy)
    assert (Path(error.path), error.line) == (path, first_key)
    assert "names no sources" in str(error) and "https://" in error.hint


@pytest.mark.parametrize("block, words", [
    ("sources: []", "names no sources"),
    ("sources:\n  - title: RFC 3463\n    url: http://www.rfc-editor.org/rfc/rfc3463", "is not an https address"),
    ("sources:\n  - title: RFC 3463\n    url: javascript:alert(1)", "is not an https address"),
    ("sources:\n  - url: https://www.rfc-editor.org/rfc/rfc3463", "missing required field 'sources.0.title'"),
    ("sources:\n  - title: A\n    url: https://example.org/a\n  - title: B\n    url: https://example.org/a",
     "https://example.org/a is listed twice"),
])
def test_a_source_must_be_https_with_a_title(content_copy, block, words):
    path = content_copy / "errors" / f"{ENTRY}.yml"
    line = rewrite(path, r"^sources:", block)
    error = refusal(content_copy)
    assert Path(error.path) == path and error.line >= line, (error.line, line)
    assert words in str(error)


def test_examples_may_be_plain_lines_or_name_their_emitter(content_copy):
    path = content_copy / "errors" / f"{ENTRY}.yml"
    rewrite(path, r"^examples:", "examples:\n  - 450 4.4.316 Connection refused\n"
                                 "  - text: >-\n      550 5.4.316 Message expired,\n      connection refused\n"
                                 "    emitter: Exchange Online")
    entry = load_content(content_copy).entries[ENTRY]
    assert [(e.text, e.emitter) for e in entry.examples] == [
        ("450 4.4.316 Connection refused", None),
        ("550 5.4.316 Message expired, connection refused", "Exchange Online"),
    ]


def test_every_shipped_entry_names_https_sources(entries):
    assert entries and all(entry.sources for entry in entries.values())
    assert all(source.url.startswith("https://") and source.title for e in entries.values() for source in e.sources)


def shown(built_site: Path, lang: str, code: str) -> str:
    return (built_site / lang / "errors" / code / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_page_shows_its_examples_and_ends_with_its_sources(built_site, entries, lang):
    examples_heading, sources_heading = LANGUAGES[lang]
    entry = entries[ENTRY]
    page = article(shown(built_site, lang, ENTRY))
    text = visible_text(page)
    assert examples_heading in text and sources_heading in text
    for example in entry.examples:
        assert f"{example.emitter}: {example.text}" in text
    sources_part = page[page.index(f">{sources_heading}<"):]
    links = re.findall(r'<a href="(https://[^"]+)"[^>]*>([^<]+)</a>', sources_part)
    assert [(url, visible_text(title)) for url, title in links] == [(s.url, s.title) for s in entry.sources]
    # The sources close the page: only the review date follows them.
    assert visible_text(sources_part.split("</ul>", 1)[1]).startswith(("Last reviewed", "마지막 검토"))


def test_a_page_without_examples_has_no_empty_block(built_site, entries):
    code = next(code for code, entry in entries.items() if not entry.examples)
    for lang, (examples_heading, sources_heading) in LANGUAGES.items():
        text = visible_text(article(shown(built_site, lang, code)))
        assert examples_heading not in text and sources_heading in text


def test_entry_document_carries_sources_and_examples(built_site, entries):
    result = json.loads((built_site / "api/v1/errors" / f"{ENTRY}.json").read_text(encoding="utf-8"))["result"]
    entry = entries[ENTRY]
    assert result["sources"] == [{"title": s.title, "url": s.url} for s in entry.sources]
    assert result["examples"] == [{"text": e.text, "emitter": e.emitter} for e in entry.examples]
    assert result["examples"] and result["examples"][0]["emitter"] == "Exchange Online"


# Words that only an entry's example lines hold, not its prose: found only if examples are indexed.
EXAMPLE_QUERIES = [("InfoNoRecords", "4.4.312"), ("User unknown in virtual mailbox table", "X.1.1"),
                   ("user is over quota", "X.2.2")]


def prose_of(entry) -> str:
    return json.dumps(entry.model_dump(mode="json", exclude={"examples"}), ensure_ascii=False).lower()


@pytest.mark.browser
@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_search_finds_an_entry_by_the_words_of_its_reply_line(page, site_url, entries, lang):
    open_search(page, f"{site_url}/{lang}/")
    for query, code in EXAMPLE_QUERIES:
        assert any(query.lower() in e.text.lower() for e in entries[code].examples)
        assert query.lower() not in prose_of(entries[code]), f"{query!r} must come from the examples only"
        paths = search(page, query)
        assert f"/{lang}/errors/{code}/" in paths[:3], (query, paths)
