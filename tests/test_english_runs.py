"""English that a translation keeps as written (a label on Microsoft's screens) is marked in the English,
`[**Mail flow** > **Connectors**]{lang=en}`; on a Korean page it is `<span lang="en">` (WCAG 3.1.2),
on an English page nothing; a Korean translation that drops or changes one is refused at its line, and so
is a mark in the content that marks nothing."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from generator.content.escaping import html_text, markdown_escape, plain_text, unmarked
from generator.content.load import load_content
from generator.content.validate import validate_content
from generator.errors import CatalogError, ContentError
from generator.i18n.catalog import Translator, read_catalog

LABEL = "Go to [**Mail flow** > **Connectors**]{lang=en}."
PO_HEAD = '''msgid ""
msgstr ""
"Language: ko\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

'''


def test_a_marked_run_is_english_on_a_page_and_plain_text_elsewhere():
    assert markdown_escape("**메일 흐름**([**Mail flow** > **Connectors**]{lang=en})로 `<x>`") == (
        '**메일 흐름**(<span lang="en">**Mail flow** &gt; **Connectors**</span>)로 <code>&#60;x&#62;</code>')
    assert unmarked(LABEL) == "Go to **Mail flow** > **Connectors**."
    assert plain_text(LABEL) == "Go to Mail flow > Connectors."  # the lookup page, the lookup command
    assert html_text(markdown_escape(LABEL)) == "Go to **Mail flow** &gt; **Connectors**."  # front matter, nav
    assert markdown_escape("[x]{lang=ko} {onclick=alert(1)}") == "[x]&#123;lang=ko} &#123;onclick=alert(1)}"
    english = Translator("en").lookup(LABEL)  # an English page says it without the mark
    assert str(english) == "Go to **Mail flow** > **Connectors**." and english.source == LABEL


def catalog(tmp_path: Path, msgstr: str) -> Path:
    path = tmp_path / "locales/ko/LC_MESSAGES/messages.po"
    path.parent.mkdir(parents=True)
    path.write_text(PO_HEAD + f'#: content/errors/4.4.316.yml:43\nmsgid "{LABEL}"\nmsgstr ""\n"{msgstr}"\n',
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("msgstr, problem", [
    ("**메일 흐름** > **커넥터**(**Mail flow** > **Connectors**)로 이동합니다.",
     "translation drops the English run [**Mail flow** > **Connectors**]{lang=en}"),
    ("[**메일 흐름** > **커넥터**]{lang=en}로 이동합니다.",
     "translation changes the English run [**Mail flow** > **Connectors**]{lang=en} to [**메일 흐름** > **커넥터**]{lang=en}"),
])
def test_a_translation_that_drops_or_changes_an_english_run_is_refused_at_its_line(tmp_path, msgstr, problem):
    path = catalog(tmp_path, msgstr)
    with pytest.raises(CatalogError) as refused:
        read_catalog(path, "ko", tmp_path / "locales")
    assert (refused.value.path, refused.value.line, refused.value.message) == (path, 9, problem)
    assert "[...]{lang=en}" in refused.value.hint


def test_a_translation_that_keeps_each_english_run_is_read(tmp_path):
    kept = "**메일 흐름** > **커넥터**([**Mail flow** >  **Connectors**]{lang=en})로 이동합니다."
    read_catalog(catalog(tmp_path, kept), "ko", tmp_path / "locales")


def test_microsofts_labels_in_a_korean_sentence_are_marked_english(built_site):
    korean = (built_site / "ko/errors/4.4.316/index.html").read_text(encoding="utf-8")
    english = (built_site / "en/errors/4.4.316/index.html").read_text(encoding="utf-8")
    assert ('<strong>메일 흐름</strong> &gt; <strong>커넥터</strong>(<span lang="en"><strong>Mail flow</strong> &gt; '
            '<strong>Connectors</strong></span>)로') in korean
    assert '<span lang="en"><strong>Your organization&#39;s email server</strong></span>(조직의 메일 서버)' in korean
    assert "go to <strong>Mail flow</strong> &gt; <strong>Connectors</strong>.</li>" in english
    for page in (korean, english):
        assert not re.search(r"\{lang=|&#123;lang", page)


@pytest.mark.parametrize("mark", ["[**Mail flow**]{lang=ko}", '[**Mail flow**]{lang="en"}', "[`Set-Mailbox`]{lang=en}"])
def test_a_mark_that_marks_no_english_run_is_refused_at_its_line(tmp_path, mark):
    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    entry = content / "errors/4.4.316.yml"
    text = entry.read_text(encoding="utf-8").replace("[**Mail flow** > **Connectors**]{lang=en}", mark, 1)
    entry.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        validate_content(load_content(content))
    line = text[: text.index(mark)].count("\n") + 1
    assert (refused.value.path.name, refused.value.line) == ("4.4.316.yml", line)
    assert refused.value.message == f"{mark[mark.index(']') + 1:]!r} in 'fixes.3.steps.0' marks no English run"
