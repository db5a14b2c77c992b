"""A user's mistake: one message naming file and line, exit code 2, no
traceback, and the previously built site left exactly as it was."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT, SMALL_ENTRIES, keep_only_entries, run_generator, set_site_url, tree_digest
from generator.content.escaping import unsafe_scheme
from generator.errors import shown_path
from generator.site.ownership import MARKER
from generator.content.markup_rules import html_tags, link_targets
from htmltext import article, visible_text

ENTRY = "content/errors/4.4.316.yml"
PO = "locales/ko/LC_MESSAGES/messages.po"
# Root reads any file, so an unreadable one is tested as an ordinary user.
UNPRIVILEGED = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def replace_line(path: Path, pattern: str, new: str) -> int:
    """Replace the first line matching pattern; return its 1-based number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for index, line in enumerate(lines):
        if re.search(pattern, line):
            lines[index] = new
            path.write_text("\n".join(lines), encoding="utf-8")
            return index + 1
    raise AssertionError(f"{pattern!r} not in {path}")


def break_yaml(root):
    return ENTRY, replace_line(root / ENTRY, r"^title:", "title: [unclosed"), "invalid YAML"


def missing_field(root):
    """Reported at the start of the mapping that lacks it: its first key."""
    replace_line(root / ENTRY, r"^stage:", "")
    lines = (root / ENTRY).read_text(encoding="utf-8").split("\n")
    first_key = next(i for i, line in enumerate(lines, 1) if line and not line.startswith("#"))
    return ENTRY, first_key, "missing required field 'stage'"


def no_sources(root):
    """The whole sources block gone: reported where the entry starts, as any missing field."""
    lines = (root / ENTRY).read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("sources:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    (root / ENTRY).write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")
    first_key = next(i for i, line in enumerate(lines, 1) if line and not line.startswith("#"))
    return ENTRY, first_key, "the entry names no sources"


def wrong_type(root):
    return ENTRY, replace_line(root / ENTRY, r"^reply_codes:", "reply_codes: four-fifty"), "reply_codes"


def unknown_field(root):
    return ENTRY, replace_line(root / ENTRY, r"^stage:", "stage: connect\nseverity: high") + 1, "unknown field 'severity'"


def malformed_code(root):
    return ENTRY, replace_line(root / ENTRY, r"^code:", "code: 4.4"), "'code' is not an enhanced status code: 4.4"


def code_with_reply(root):
    return ENTRY, replace_line(root / ENTRY, r"^code:", "code: 450 4.4.316"), "not an enhanced status code"


def line_of(path: Path, pattern: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if re.search(pattern, line))


def second_entry(root, code: str):
    """A copy of ENTRY whose code is written as `code`."""
    copy = "content/errors/zz-copy.yml"
    (root / copy).write_text((root / ENTRY).read_text(encoding="utf-8"), encoding="utf-8")
    line = replace_line(root / copy, r"^code:", f"code: {code}")
    return copy, line, f"duplicate code 4.4.316 (also in {ENTRY}:{line_of(root / ENTRY, '^code:')})"


def duplicate_code(root):
    return second_entry(root, "4.4.316")


def duplicate_code_zero_padded(root):
    return second_entry(root, "4.04.316")


def duplicate_code_full_width(root):
    return second_entry(root, "４．４．３１６")


def duplicate_code_arabic_indic(root):
    return second_entry(root, "4.4.٣١٦")


def duplicate_code_mixed_digits(root):
    """Once a KeyError: the subject ٤ was not one of the subjects."""
    return second_entry(root, "4.٤.٣١٦")


def duplicate_alias(root):
    """4.4.315 is read first and claims 5.4.316 (written 5.04.316); 4.4.316's own alias is then refused."""
    other = "content/errors/4.4.315.yml"
    line = replace_line(root / other, r"^aliases:", "aliases: [5.4.315, 5.04.316]")
    return ENTRY, line_of(root / ENTRY, "^aliases:"), f"alias 5.4.316 is already an alias of 4.4.315 (in {other}:{line})"


def duplicate_page_slug(root):
    shutil.copy(root / "content/pages/overview.yml", root / "content/pages/zz-overview.yml")
    line = line_of(root / "content/pages/overview.yml", "^slug:")
    return "content/pages/zz-overview.yml", line, f"duplicate page slug 'overview' (also in content/pages/overview.yml:{line})"


def dangling_related(root):
    return ENTRY, replace_line(root / ENTRY, r"^related:", "related: [4.4.399]"), "related code 4.4.399 has no entry"


def broken_catalog(root):
    po = root / "locales/ko/LC_MESSAGES/messages.po"
    lines = po.read_text(encoding="utf-8").split("\n")
    index = next(i for i, l in enumerate(lines) if l.startswith("msgstr") and i > 20)
    lines[index] = 'msgstr "unterminated'
    po.write_text("\n".join(lines), encoding="utf-8")
    return "locales/ko/LC_MESSAGES/messages.po", index + 1, "broken catalog line"


def plural_forms(root, value: str) -> int:
    return replace_line(root / PO, r'^"Plural-Forms:', f'"Plural-Forms: {value}\\n"')


def wrong_plural_forms(root):
    """English's rule in the Korean catalog: Babel compiles it as it is."""
    return PO, plural_forms(root, "nplurals=2; plural=(n != 1);"), \
        "Plural-Forms 'nplurals=2; plural=(n != 1);' is not the rule of 'ko', which is 'nplurals=1; plural=0;'"


def broken_plural_forms(root):
    """Babel's reader read nplurals with int(): 'invalid literal for int()', without a line."""
    return PO, plural_forms(root, "nplurals=one; plural=0;"), "broken Plural-Forms 'nplurals=one; plural=0;': nplurals"


def not_utf8(root):
    path = root / ENTRY
    data = path.read_bytes().replace(b"title:", b"title: \xff\xfe", 1)
    path.write_bytes(data)
    line = data[: data.index(b"\xff")].count(b"\n") + 1
    return ENTRY, line, "not valid UTF-8"


def empty_list(root):
    return ENTRY, replace_line(root / ENTRY, r"^causes:", "causes: []\nunused_causes:"), "'causes' is empty"


def unknown_stage(root):
    return ENTRY, replace_line(root / ENTRY, r"^stage:", "stage: telepathy"), "'stage'"


def reply_of_other_class(root):
    return ENTRY, replace_line(root / ENTRY, r"^reply_codes:", "reply_codes: [550]"), "does not belong with class 4"


def related_to_itself(root):
    return ENTRY, replace_line(root / ENTRY, r"^related:", "related: [4.4.316]"), "lists itself as related"


def alias_is_an_entry(root):
    return ENTRY, replace_line(root / ENTRY, r"^aliases:", "aliases: [4.4.315]"), "alias 4.4.315 is an entry of its own"


def very_long_title(root):
    return ENTRY, replace_line(root / ENTRY, r"^title:", "title: " + "x" * 5000), "'title' is too long"


def not_a_mapping(root):
    (root / ENTRY).write_text("- just\n- a list\n", encoding="utf-8")
    return ENTRY, 1, "must hold a mapping"


def missing_locale_folder(root):
    shutil.rmtree(root / "locales/ko")
    return "locales/ko/LC_MESSAGES", None, "no catalog folder for locale 'ko'"


def retranslate(root, english_part: str, change) -> int:
    """Give the first reviewed message whose English contains english_part the
    translation change(korean); return the line of its msgstr."""
    po = root / PO
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="ko")
    message = next(m for m in catalog if isinstance(m.id, str) and english_part in m.id and m.string and not m.fuzzy)
    lines = po.read_text(encoding="utf-8").split("\n")
    start = next(i for i in range(message.lineno - 1, len(lines)) if lines[i].startswith("msgstr"))
    end = start + 1
    while end < len(lines) and lines[end].startswith('"'):
        end += 1
    lines[start:end] = ["msgstr " + json.dumps(change(message.string), ensure_ascii=False)]
    po.write_text("\n".join(lines), encoding="utf-8")
    return start + 1


def po_drops_placeholder(root):
    line = retranslate(root, "Delivery path of %(code)s", lambda ko: ko.replace("%(code)s", "이 코드"))
    return PO, line, "translation drops the placeholder %(code)s"


def po_adds_placeholder(root):
    line = retranslate(root, "is one of the codes that %(entry)s covers", lambda ko: ko + " (%(reply)s)")
    return PO, line, "translation adds the placeholder %(reply)s, which the English does not have"


def po_drops_link(root):
    line = retranslate(root, "URLs and IP address ranges](", lambda ko: re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", ko))
    address = "https://learn.microsoft.com/microsoft-365/enterprise/urls-and-ip-address-ranges"
    return PO, line, f"translation drops the link to {address}"


def po_adds_link(root):
    line = retranslate(root, "Connection refused", lambda ko: ko + " [자세히](javascript:alert(document.domain))")
    return PO, line, "translation adds a link to javascript:alert(document.domain), which the English does not have"


def po_adds_html(root):
    line = retranslate(root, "Connection refused", lambda ko: ko + ' <img src=x onerror="alert(1)">')
    return PO, line, 'translation adds raw HTML <img src=x onerror="alert(1)">'


def huge_entry(root):
    """A content file of 9 MB (a log pasted into it): refused at once; 50 MB took the build minutes."""
    with (root / ENTRY).open("a", encoding="utf-8") as handle:
        handle.write(("# " + "x" * 1022 + "\n") * 9 * 1024)
    return ENTRY, None, "holds over 8 MB"


def huge_catalog(root):
    """A catalog with a 9 MB translation: refused at once; one of 30 MB took 1.3 GB of memory."""
    with (root / PO).open("a", encoding="utf-8") as handle:
        handle.write('\nmsgid "Home page of nothing"\nmsgstr "' + "가" * 3 * 1024 * 1024 + '"\n')
    return PO, None, "holds over 8 MB"


def po_duplicate_msgid(root):
    po = root / PO
    with po.open("rb") as handle:
        first = read_po(handle, locale="ko")["Home"].lineno
    text = po.read_text(encoding="utf-8").rstrip("\n")
    po.write_text(text + '\n\nmsgid "Home"\nmsgstr "처음으로"\n', encoding="utf-8")
    return PO, text.count("\n") + 3, f"msgid 'Home' appears twice (also at line {first})"


def new_first_item(root, field: str, item: str) -> int:
    """Put item first in ENTRY's list `field`; return its line."""
    return replace_line(root / ENTRY, rf"^{field}:", f"{field}:\n  - {item}") + 1


def script_in_title(root):
    line = replace_line(root / ENTRY, r"^title:", "title: Connection refused <script>alert(1)</script>")
    return ENTRY, line, "raw HTML <script> in 'title'"


def img_onerror_in_cause(root):
    line = new_first_item(root, "causes", "A broken <img src=x onerror=alert(1)> picture.")
    return ENTRY, line, "raw HTML <img src=x onerror=alert(1)> in 'causes.0'"


def tag_in_page_section(root):
    page = "content/pages/overview.yml"
    item = 'Read <iframe src="https://evil.example/"></iframe> first.'
    line = replace_line(root / page, r"^    body:", f"    body:\n      - {item}") + 1
    return page, line, """raw HTML <iframe src="https://evil.example/"> in 'sections.0.body.0'"""


def javascript_link(root):
    line = new_first_item(root, "fixes", "Click [here](javascript:alert(document.cookie)) to fix it.")
    return ENTRY, line, "link to a javascript: address in 'fixes.0'"


def javascript_autolink(root):
    line = replace_line(root / ENTRY, r"^title:", "title: Connection refused, see <javascript:alert(1)>")
    return ENTRY, line, "link to a javascript: address in 'title'"


def encoded_javascript_link(root):
    """An entity in the scheme is decoded by the browser, so it is decoded here too."""
    line = new_first_item(root, "causes", '"[Check the firewall](jav&#x61;script:alert(1))."')
    return ENTRY, line, "link to a javascript: address in 'causes.0'"


def symlink_out_of_tree(root):
    outside = root.parent / "outside.yml"
    shutil.copy(root / ENTRY, outside)
    replace_line(outside, r"^code:", "code: 4.4.399")
    (root / "content/errors/zz-link.yml").symlink_to(outside)
    return "content/errors/zz-link.yml", None, f"the file points outside content/ (to {outside.resolve()})"


def catalog_symlink_out_of_tree(root):
    outside = root.parent / "outside.po"
    (root / PO).rename(outside)
    (root / PO).symlink_to(outside)
    return PO, None, f"the file points outside locales/ (to {outside.resolve()})"


def dangling_symlink(root):
    (root / "content/errors/zz-gone.yml").symlink_to("zz-never-written.yml")
    return "content/errors/zz-gone.yml", None, "the file is a link to zz-never-written.yml, which does not exist"


def folder_named_yml(root):
    (root / "content/errors/zz-folder.yml").mkdir()
    return "content/errors/zz-folder.yml", None, "zz-folder.yml is a folder, not a file"


def fifo_named_yml(root):
    """Reading a pipe would wait for a writer forever."""
    os.mkfifo(root / "content/errors/zz-pipe.yml")
    return "content/errors/zz-pipe.yml", None, "zz-pipe.yml is not a regular file"


def fifo_named_mkdocs_yml(root):
    """Every command reads mkdocs.yml first: a pipe there hung build, i18n status and glossary."""
    (root / "mkdocs.yml").unlink()
    os.mkfifo(root / "mkdocs.yml")
    return "mkdocs.yml", None, "mkdocs.yml is not a regular file"


def inherit(root, text: str) -> None:
    (root / "mkdocs.yml").write_text(f"INHERIT: {text}\n" + (root / "mkdocs.yml").read_text(encoding="utf-8"),
                                     encoding="utf-8")


def fifo_inherited(root):
    """MkDocs opens the file INHERIT names, whatever it is: the build waited for a writer."""
    os.mkfifo(root / "base.yml")
    inherit(root, "base.yml")
    return "base.yml", None, "base.yml is not a regular file"


def inherit_loop(root):
    """MkDocs followed it until Python's recursion limit: "invalid YAML: maximum recursion depth exceeded"."""
    (root / "other.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    inherit(root, "other.yml")
    return "other.yml", 1, "INHERIT leads back to mkdocs.yml (mkdocs.yml -> other.yml -> mkdocs.yml)"


def mkdocs_alias_bomb(root):
    """Nine aliases nine deep under extra: MkDocs walked the billion values, and the build never ended."""
    bomb = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 9) + "]" for i in range(1, 9)]
    replace_line(root / "mkdocs.yml", r"^extra:", "extra:\n  " + "\n  ".join(bomb))
    return "mkdocs.yml", line_of(root / "mkdocs.yml", "^  lol5:"), "over 100,000 of them (an alias bomb)"


def errors_folder_linked_to_root(root):
    """Each file in it is checked, and / holds no *.yml: the build published a site without entries."""
    shutil.rmtree(root / "content/errors")
    (root / "content/errors").symlink_to("/", target_is_directory=True)
    return "content/errors", None, "the folder points outside content/ (to /)"


def nul_byte_in_catalog(root):
    """Babel kept it in the translation, and the page showed it."""
    line = line_of(root / PO, '^msgstr ".+"$')
    replace_line(root / PO, '^msgstr ".+"$', 'msgstr "\0"')
    return PO, line, "a NUL byte (U+0000) in the text"


def unreadable_file(root):
    (root / ENTRY).chmod(0)
    return ENTRY, None, "cannot read the file: permission denied"


unreadable_file.unprivileged = True


def empty_file(root):
    (root / "content/errors/zz-empty.yml").write_text("", encoding="utf-8")
    return "content/errors/zz-empty.yml", 1, "the file is empty"


def impossible_date(root):
    line = replace_line(root / ENTRY, r"^  en: \d", "  en: 2026-02-30")
    return ENTRY, line, "2026-02-30 is not a date: day is out of range for month"


def reviewed_not_a_date(root):
    line = replace_line(root / ENTRY, r"^  en: \d", "  en: last week")
    return ENTRY, line, "'reviewed.en': 'last week' is not a date"


def duplicate_field(root):
    """YAML readers keep the second title silently."""
    first = line_of(root / ENTRY, "^title:")
    line = replace_line(root / ENTRY, r"^stage:", "stage: connect\ntitle: Connection refused again") + 1
    return ENTRY, line, f"field 'title' appears twice (also on line {first})"


def broken_mkdocs_yml(root):
    line = replace_line(root / "mkdocs.yml", r"^site_name:", "site_name: [Mail Flow KB")
    return "mkdocs.yml", line, "invalid YAML, while parsing a flow sequence"


def code_tag_in_mkdocs_yml(root):
    """MkDocs' loader (PyYAML's unsafe one) ran the command while reading the settings."""
    line = replace_line(root / "mkdocs.yml", r"^site_name:",
                        f"site_name: Mail Flow KB\nhook: !!python/object/apply:os.system ['touch {root.parent / 'ran'}']") + 1
    return "mkdocs.yml", line, "the tag !!python/object/apply:os.system makes MkDocs run Python code when it reads mkdocs.yml"


def alias_bomb(root):
    """A kilobyte that YAML readers expand to a billion strings."""
    bomb = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 9) + "]" for i in range(1, 9)]
    line = replace_line(root / ENTRY, r"^stage:", "stage: connect\n" + "\n".join(bomb)) + 1
    return ENTRY, line, "YAML anchor &lol0: content files may not use anchors or aliases"


def an_alias(root):
    first = replace_line(root / ENTRY, r"^summary:", "summary: &said Connection refused by the server.")
    replace_line(root / ENTRY, r"^reference:", "reference: *said")
    return ENTRY, first, "YAML anchor &said"


def deep_brackets(root):
    return ENTRY, replace_line(root / ENTRY, r"^title:", "title: " + "[" * 20000), "nested more than 12 levels deep"


def deep_indentation(root):
    nested = "\n".join(" " * level + f"k{level}:" for level in range(1, 400)) + " end"
    return ENTRY, replace_line(root / ENTRY, r"^stage:", "stage: connect\nextra:\n" + nested) + 1 + 12, \
        "nested more than 12 levels deep"


def nul_byte(root):
    return ENTRY, replace_line(root / ENTRY, r"^summary:", "summary: Connection\0 refused."), \
        "a NUL byte (U+0000) in the text"


def empty_steps(root):
    line = replace_line(root / ENTRY, r"^    steps:", "    steps: []\n    unused:")
    return ENTRY, line, "'fixes.3.steps' is empty"


def languages(root, value: str):
    return "mkdocs.yml", replace_line(root / "mkdocs.yml", r"^  languages:", f"  languages: {value}")


def language_twice(root):
    return (*languages(root, "[en, ko, ko]"), "extra.languages lists 'ko' twice")


def language_list_without_english(root):
    return (*languages(root, "[ko]"), "extra.languages lacks 'en'")


def languages_not_a_list(root):
    return (*languages(root, "en ko"), "extra.languages must be a list of language codes, not 'en ko'")


def deprecated_by_itself(root):
    return ENTRY, replace_line(root / ENTRY, r"^stage:", "stage: connect\ndeprecated_by: 4.4.316") + 1, \
        "entry 4.4.316 is deprecated by itself"


def range_over_an_entry(root):
    """4.4.312's range would cover 4.4.315 and 4.4.316, which it names under `related` (exceptions with
    entries of their own), and 4.4.317, which it does not."""
    ranged, covered = "content/errors/4.4.312.yml", "content/errors/4.4.317.yml"
    line = replace_line(root / ranged, r"^code:", "code: 4.4.312\nrange_end: 4.4.317") + 1
    return ranged, line, f"the range 4.4.312-4.4.317 overlaps the entry 4.4.317 (in {covered}:{line_of(root / covered, '^code:')})"


CASES = [break_yaml, missing_field, no_sources, wrong_type, unknown_field, malformed_code, code_with_reply,
         duplicate_code, dangling_related, broken_catalog, wrong_plural_forms, broken_plural_forms, not_utf8, empty_list, unknown_stage,
         reply_of_other_class, related_to_itself, alias_is_an_entry, very_long_title, not_a_mapping,
         missing_locale_folder,
         duplicate_code_zero_padded, duplicate_code_full_width, duplicate_alias, duplicate_page_slug,
         po_drops_placeholder, po_adds_placeholder, po_drops_link, po_adds_link, po_adds_html, po_duplicate_msgid,
         script_in_title, img_onerror_in_cause, tag_in_page_section, javascript_link, javascript_autolink,
         encoded_javascript_link, symlink_out_of_tree, catalog_symlink_out_of_tree, dangling_symlink,
         folder_named_yml, fifo_named_yml, fifo_named_mkdocs_yml, fifo_inherited, inherit_loop, mkdocs_alias_bomb,
         errors_folder_linked_to_root, nul_byte_in_catalog, unreadable_file, empty_file, impossible_date, reviewed_not_a_date,
         duplicate_field, broken_mkdocs_yml, code_tag_in_mkdocs_yml,
         duplicate_code_arabic_indic, duplicate_code_mixed_digits, alias_bomb, an_alias, deep_brackets, deep_indentation, nul_byte, empty_steps,
         huge_entry, huge_catalog,
         language_twice, language_list_without_english, languages_not_a_list, deprecated_by_itself, range_over_an_entry]


def build_as_breaker(breaks, root: Path) -> subprocess.CompletedProcess:
    """The second build, as an ordinary user when the case needs one."""
    if getattr(breaks, "unprivileged", False) and os.geteuid() == 0:
        return subprocess.run([*UNPRIVILEGED, sys.executable, "-m", "generator", "--root", str(root), "build"],
                              capture_output=True, text=True, timeout=600, cwd=ROOT)
    return run_generator(root, "build")


@pytest.mark.parametrize("breaks", CASES, ids=lambda f: f.__name__)
def test_bad_input_is_reported_and_site_kept(small_project, breaks):
    project = small_project
    first = run_generator(project, "build")
    assert first.returncode == 0, first.stderr
    before = tree_digest(project / "site")

    relative, line, words = breaks(project)
    result = build_as_breaker(breaks, project)

    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    message = result.stderr.strip()
    print(f"\nCASE {breaks.__name__}: {message.splitlines()[0]}")
    where = f"{relative}:{line}: " if line else f"{relative}: "
    assert message.startswith(f"{where}error:"), message
    assert words in message
    assert "hint:" in message
    assert tree_digest(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")], "temporary folders left behind"


@pytest.mark.parametrize("command", [["i18n", "status"], ["i18n", "glossary"], ["serve", "--port", "0"]], ids=" ".join)
def test_a_pipe_named_mkdocs_yml_is_refused_by_the_commands_that_read_settings(small_project, command):
    """They waited for a writer forever (the timeout is only there to end the test on such a hang)."""
    fifo_named_mkdocs_yml(small_project)
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(small_project), *command],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("mkdocs.yml: error: mkdocs.yml is not a regular file"), result.stderr
    assert "hint: replace it with a plain text file" in result.stderr


@pytest.mark.parametrize("text", [
    "a < b and c > d", "write to <postmaster@example.com>", "RCPT TO:<>", "`<host>` in backticks",
    "``<script>`` in a double-backtick span", "see <https://example.org/>", "[a page](4.4.316.md)",
    "[docs](https://learn.microsoft.com/) and [mail](mailto:postmaster@example.com)",
])
def test_markup_that_is_text_or_a_safe_link_is_allowed(text):
    assert html_tags(text) == []
    assert [unsafe_scheme(target) for target in link_targets(text) if unsafe_scheme(target)] == []


@pytest.mark.parametrize("text, tag", [
    ("<b>bold</b>", "<b>"), ("x <img src=x onerror=alert(1)> y", "<img src=x onerror=alert(1)>"),
    ("<iframe src='https://evil.example/'></iframe>", "<iframe src='https://evil.example/'>"),
    ("`code` then <script>", "<script>"), ("a <!-- comment --> b", "<!-- comment -->"),
    ("unclosed `<b>` tick ` then <svg onload=alert(1)>", "<svg onload=alert(1)>"),
])
def test_raw_html_is_found_outside_code_spans(text, tag):
    assert html_tags(text)[0] == tag


@pytest.mark.parametrize("text, scheme", [
    ("[x](javascript:alert(1))", "javascript"), ("<javascript:alert(1)>", "javascript"),
    ("[x](JaVaScRiPt:alert(1))", "javascript"), ("[x](jav&#x61;script:alert(1))", "javascript"),
    ("[x]( java\tscript:alert(1))", "javascript"), ("[x](<data:text/html,<b>hi>)", "data"),
    ("[x](vbscript:msgbox(1))", "vbscript"), ("[id]: data:text/html;base64,PHNjcmlwdD4=", "data"),
])
def test_links_that_could_run_script_are_found(text, scheme):
    assert [unsafe_scheme(target) for target in link_targets(text)] == [scheme]


def test_forms_that_are_fine_still_build(small_project):
    """A BOM and CRLF line ends, a code written another way, a link inside
    content/, and angle brackets that form no tag: all build, as written."""
    errors = small_project / "content/errors"
    entry = errors / "4.4.316.yml"
    entry.write_bytes(b"\xef\xbb\xbf" + entry.read_bytes().replace(b"\n", b"\r\n"))
    replace_line(errors / "4.4.315.yml", r"^code:", "code: 4.04.315")
    (errors / "shared").mkdir()
    (errors / "4.4.318.yml").rename(errors / "shared/connection-dropped.yml")
    (errors / "4.4.318.yml").symlink_to("shared/connection-dropped.yml")
    cause = "Brackets that are no tag stay text: a < b, <postmaster@example.com>, RCPT TO:<> and `<host>`."
    replace_line(errors / "4.4.317.yml", r"^causes:", f"causes:\n  - \"{cause}\"")

    result = run_generator(small_project, "build")

    assert result.returncode == 0, result.stderr
    site = small_project / "site/en/errors"
    assert "Connection refused" in visible_text((site / "4.4.316/index.html").read_text(encoding="utf-8"))
    assert (site / "4.4.315/index.html").is_file() and not (site / "4.04.315").exists()
    assert (site / "4.4.318/index.html").is_file()
    shown = visible_text(article((site / "4.4.317/index.html").read_text(encoding="utf-8")))
    assert "a < b, <postmaster@example.com>, RCPT TO:<> and <host>" in shown


def test_a_catalog_folder_made_a_link_since_the_last_build_is_refused(small_project):
    """A process that builds again and again (the preview) resolves folders
    afresh each time it reads a tree, not from the last build."""
    from generator.i18n.catalog import load_translator
    from generator.errors import CatalogError

    locales = small_project / "locales"
    load_translator(locales, "ko")
    outside = small_project.parent / "elsewhere"
    (locales / "ko/LC_MESSAGES").rename(outside)
    (locales / "ko/LC_MESSAGES").symlink_to(outside, target_is_directory=True)
    with pytest.raises(CatalogError, match="points outside locales/"):
        load_translator(locales, "ko")


@pytest.mark.parametrize("value, words", [
    ("nplurals=1; plural=(n > 1", "broken Plural-Forms 'nplurals=1; plural=(n > 1': unbalanced parenthesis"),
    ("nplurals=1; plural=n / 0;", "broken Plural-Forms 'nplurals=1; plural=n / 0;': integer division or modulo by zero"),
    ("nplurals=1; plural=__import__('os');", "invalid token in plural form: __import__"),
    ("nplurals=1;", "broken Plural-Forms 'nplurals=1;'"),
    ("nplurals=1; plural=n != 1;", "Plural-Forms 'nplurals=1; plural=n != 1;' is not the rule of 'ko'"),
])
def test_a_broken_or_wrong_plural_forms_header_is_refused_at_its_line(project, value, words):
    from generator.errors import CatalogError
    from generator.i18n.catalog import load_translator

    line = plural_forms(project, value)
    with pytest.raises(CatalogError) as refused:
        load_translator(project / "locales", "ko")
    assert refused.value.line == line and words in refused.value.message
    assert 'hint: write the header line as "Plural-Forms: nplurals=1; plural=0;\\n"' in refused.value.format()


def test_a_plural_forms_header_over_two_lines_is_read_whole_and_named_by_its_first(project):
    from generator.errors import CatalogError
    from generator.i18n.catalog import load_translator

    line = replace_line(project / PO, r'^"Plural-Forms:', '"Plural-Forms: nplurals=1; "\n"plural=(n != 1);\\n"')
    with pytest.raises(CatalogError) as refused:
        load_translator(project / "locales", "ko")
    assert refused.value.line == line
    assert refused.value.message.startswith("Plural-Forms 'nplurals=1; plural=(n != 1);' is not the rule of 'ko'")


@pytest.mark.parametrize("value", ["nplurals=1; plural=0;", "nplurals = 1 ; plural = (0)", "plural=0; nplurals=1"])
def test_the_korean_rule_however_spaced_is_taken(project, value):
    from generator.i18n.catalog import load_translator

    plural_forms(project, value)
    assert load_translator(project / "locales", "ko").messages


# --- The site folder is the build's own --------------------------------------------------------

def foreign_folder(root: Path) -> str:
    (root.parent / "notes").mkdir()
    (root.parent / "notes/todo.txt").write_text("keep me\n", encoding="utf-8")
    return str(root.parent / "notes")


def another_project(root: Path) -> str:
    (root.parent / "other").mkdir()
    shutil.copy(root / "mkdocs.yml", root.parent / "other/mkdocs.yml")
    return str(root.parent / "other")


SITE_DIRS = {
    "content": (lambda root: "content", "the project's content/ folder"),
    "locales": (lambda root: "locales", "the project's locales/ folder"),
    "site_overrides": (lambda root: "site_overrides", "the project's site_overrides/ folder"),
    "inside_content": (lambda root: "content/errors", "the project's content/ folder or inside it"),
    "project": (lambda root: ".", "it is the project folder"),
    "ancestor": (lambda root: "..", "it holds the project folder"),
    "foreign": (foreign_folder, "it holds files that no build of this site made"),
    "mkdocs_yml": (another_project, "it holds a mkdocs.yml"),
}


@pytest.mark.parametrize("case", SITE_DIRS, ids=str)
def test_a_site_folder_the_build_does_not_own_is_refused_untouched(small_project, case):
    chosen, words = SITE_DIRS[case]
    first = run_generator(small_project, "build")
    assert first.returncode == 0, first.stderr
    site_dir = chosen(small_project)
    before = tree_digest(small_project.parent)

    result = subprocess.run([sys.executable, "-m", "generator", "--root", ".", "build", "--site-dir", site_dir],
                            capture_output=True, text=True, timeout=600, cwd=small_project)

    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    message = result.stderr.strip()
    print(f"\nSITE DIR {case}: {message}")
    shown = shown_path((small_project / site_dir).resolve(), small_project)  # as typed, or absolute outside the project
    assert message.startswith(f"{shown}: error: will not build into this folder:"), message
    assert words in message and "hint:" in message
    assert tree_digest(small_project.parent) == before


# Where a maintainer put a file, and what the refusal names: the file, or the topmost folder the build did not make.
PLACED = {"notes.txt": "notes.txt", "en/notes.txt": "en/notes.txt",
          "en/errors/5.1.1/notes.txt": "en/errors/5.1.1/notes.txt", "api/v1/errors/mine.json": "api/v1/errors/mine.json",
          "en/errors/4.4.316/drafts/notes.txt": "en/errors/4.4.316/drafts"}


@pytest.mark.parametrize("placed", PLACED)
@pytest.mark.parametrize("linked", [False, True], ids=["site folder", "site linked to a folder"])
def test_a_file_put_into_a_built_site_is_not_deleted_by_the_next_build(small_project, placed, linked):
    """A build replaces its site whole: a maintainer's file beside the pages (site/ itself may be a
    link to a web server's folder) was deleted without a word; below the site's first two levels,
    it still was."""
    shown = PLACED[placed]
    if linked:
        (small_project.parent / "www").mkdir()
        (small_project / "site").symlink_to(small_project.parent / "www", target_is_directory=True)
    assert run_generator(small_project, "build").returncode == 0
    (small_project / "site" / placed).parent.mkdir(parents=True, exist_ok=True)
    (small_project / "site" / placed).write_text("keep me\n", encoding="utf-8")
    before = tree_digest(small_project / "site")

    result = run_generator(small_project, "build")

    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stdout + result.stderr
    assert f": error: will not build into this folder: it holds {shown}, which no build of this site made; " \
        "a build replaces its site folder whole" in result.stderr.splitlines()[0], result.stderr  # site, or www linked
    assert "hint: move them out of the site folder" in result.stderr
    assert (small_project / "site" / placed).read_text(encoding="utf-8") == "keep me\n"
    assert tree_digest(small_project / "site") == before
    if shown == placed:
        (small_project / "site" / placed).unlink()
    else:
        shutil.rmtree(small_project / "site" / shown)
    assert run_generator(small_project, "build").returncode == 0


def test_a_file_put_into_the_site_while_a_build_runs_is_not_deleted_by_it(small_project):
    """The site is checked before the build and again before the new one is swapped in."""
    assert run_generator(small_project, "build").returncode == 0
    build = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(small_project), "build"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    while not any(p.name.startswith(".site-build-") for p in small_project.iterdir()) and build.poll() is None:
        time.sleep(0.005)
    (small_project / "site/en/errors/4.4.316/notes.txt").write_text("keep me\n", encoding="utf-8")
    _, stderr = build.communicate(timeout=600)

    assert build.returncode == 2 and "Traceback" not in stderr, stderr
    assert "it holds en/errors/4.4.316/notes.txt, which no build of this site made" in stderr
    assert (small_project / "site/en/errors/4.4.316/notes.txt").read_text(encoding="utf-8") == "keep me\n"
    assert not [p for p in small_project.iterdir() if p.name.startswith(".site-")]


@pytest.mark.parametrize("linked", [".preview/site", ".preview-next"])
def test_the_preview_removes_a_link_in_its_folders_not_what_it_leads_to(small_project, linked):
    """serve swaps a fresh build in for .preview/site and clears .preview-next: through a link to a
    maintainer's folder, the removal deleted every file in it."""
    theirs = small_project.parent / "theirs"
    theirs.mkdir()
    (theirs / "thesis.txt").write_text("keep me\n", encoding="utf-8")
    (small_project / linked).parent.mkdir(parents=True, exist_ok=True)
    (small_project / linked).symlink_to(theirs, target_is_directory=True)
    server = subprocess.Popen([sys.executable, "-u", "-m", "generator", "--root", str(small_project), "serve",
                               "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    said = []
    try:
        for line in server.stdout:
            said.append(line)
            if line.startswith("serving "):
                break
    finally:
        server.kill()
        server.wait(timeout=30)
    assert "Traceback" not in "".join(said), said
    assert sorted(p.name for p in theirs.iterdir()) == ["thesis.txt"]
    assert (small_project / ".preview/site/en/errors/4.4.316/index.html").is_file()


def test_a_rebuild_over_a_previous_site_and_into_a_new_folder_works(small_project):
    elsewhere = small_project.parent / "public"
    for _ in range(2):
        for args in ((), ("--site-dir", str(elsewhere))):
            result = run_generator(small_project, "build", *args)
            assert result.returncode == 0, result.stderr
    for site in (small_project / "site", elsewhere):
        assert (site / ".mailflow-kb-site").is_file()
        assert "Connection refused" in (site / "en/errors/4.4.316/index.html").read_text(encoding="utf-8")
    empty = small_project.parent / "empty"
    empty.mkdir()
    assert run_generator(small_project, "build", "--site-dir", str(empty)).returncode == 0
    assert (empty / "en/index.html").is_file()
    leftovers = [p.name for p in small_project.parent.iterdir() if "-build-" in p.name or "-old-" in p.name]
    assert not leftovers and not [p for p in small_project.iterdir() if p.name.startswith(".site-")]


def test_a_site_marked_by_an_older_version_is_rebuilt_and_then_known_to_any_depth(small_project):
    """Its mark lists the site's first two levels only: those are still checked, the rest cannot be,
    and the build is not refused for it; the new mark lists every file."""
    assert run_generator(small_project, "build").returncode == 0
    site = small_project / "site"
    upper = sorted(p.relative_to(site).as_posix() for p in [*site.glob("*"), *site.glob("*/*")] if p.name != MARKER)
    (site / MARKER).write_text(json.dumps({"generator": "mailflow-kb", "pages": 40, "names": upper}), encoding="utf-8")
    (site / "en/notes.txt").write_text("keep me\n", encoding="utf-8")
    refused = run_generator(small_project, "build")
    assert refused.returncode == 2 and "it holds en/notes.txt, which no build" in refused.stderr, refused.stderr
    (site / "en/notes.txt").unlink()

    result = run_generator(small_project, "build")

    assert result.returncode == 0, result.stderr
    files = json.loads((site / MARKER).read_text(encoding="utf-8"))["files"]
    assert "en/errors/4.4.316/index.html" in files and MARKER not in files
    assert len(files) == sum(1 for p in site.rglob("*") if not p.is_dir()) - 1


def test_a_site_built_before_the_mark_existed_is_still_rebuilt(small_project):
    assert run_generator(small_project, "build").returncode == 0
    (small_project / "site/.mailflow-kb-site").unlink()
    result = run_generator(small_project, "build")
    assert result.returncode == 0, result.stderr
    assert (small_project / "site/.mailflow-kb-site").is_file()


# --- What lookup reads -------------------------------------------------------------------------

def lookup_file(path: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(ROOT), "lookup", "--file",
                           "-" if stdin is not None else str(path)],
                          input=stdin, capture_output=True, timeout=120)


def test_lookup_dash_reads_standard_input_like_file_dash():
    """`lookup - < bounce.txt`, the usual way to say standard input, reads the paste; it once looked "-" up."""
    paste = b"550 5.1.1 <kim@example.com>: Recipient address rejected: User unknown in virtual mailbox table\n"
    dash = subprocess.run([sys.executable, "-m", "generator", "--root", str(ROOT), "lookup", "--json", "-"],
                          input=paste, capture_output=True, timeout=120)
    [item] = json.loads(dash.stdout)
    assert (dash.returncode, item["code"], item["reason"]["id"]) == (0, "5.1.1", "userunknown"), dash.stderr
    nothing = subprocess.run([sys.executable, "-m", "generator", "--root", str(ROOT), "lookup"],
                             input=paste, capture_output=True, timeout=120)
    assert nothing.returncode == 2 and b"or pipe the text in (lookup -)" in nothing.stderr, nothing.stderr


@pytest.mark.parametrize("text", [["-"], ["550", "5.1.1"]])
def test_lookup_refuses_a_text_and_a_file_together(tmp_path, text):
    """Which one it read was not said: the other was dropped without a word (`lookup - --file x.txt` read x.txt)."""
    paste = tmp_path / "x.txt"
    paste.write_text("421 4.4.2 Connection timed out\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "generator", "--root", str(ROOT), "lookup", *text, "--file", str(paste)],
                         input=b"552 5.2.2 Mailbox full\n", capture_output=True, timeout=120)
    assert run.returncode == 2 and run.stdout == b"", run.stdout
    message = run.stderr.decode("utf-8")
    assert f"both a text ({' '.join(text)}) and --file {paste}" in message and "give one of them" in message
    assert "Traceback" not in message


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_lookup_refuses_what_is_not_a_regular_file(tmp_path, kind):
    """/dev/zero never ends and a pipe with no writer never starts."""
    path = {"device": Path("/dev/zero"), "fifo": tmp_path / "bounce.eml", "folder": tmp_path}[kind]
    if kind == "fifo":
        os.mkfifo(path)
    result = lookup_file(path)
    message = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in message, message
    assert message.startswith(f"{path}: error: not a regular file (a folder, pipe or device)\n  hint:"), message


def test_lookup_refuses_more_than_a_bounce_holds(tmp_path):
    from generator.codes.parse import MAX_QUERY_BYTES

    big = tmp_path / "big.eml"
    big.write_bytes(b"550 5.1.1 " * (MAX_QUERY_BYTES // 10 + 1))
    for result, start in ((lookup_file(big), f"{big}: error: the file holds over 4 MB"),
                          (lookup_file(big, stdin=big.read_bytes()), "error: standard input holds over 4 MB")):
        message = result.stderr.decode()
        assert result.returncode == 2 and "Traceback" not in message, message
        assert message.startswith(start) and "hint:" in message, message
    big.write_bytes(b"550 5.1.1 " * (MAX_QUERY_BYTES // 10 - 1))
    assert lookup_file(big).returncode == 0


@pytest.mark.parametrize("written", ["4.4.316", "4.04.316", "４．４．３１６", "4.4.٣١٦", "4.٤.٣١٦", "4.4.३१६", "４.4.۳۱۶"])
def test_a_code_in_any_digits_has_one_form(written):
    from generator.codes.syntax import canonical
    from generator.content.model import Entry

    assert canonical(written) == "4.4.316"
    fields = dict(title="t", summary="s", stage="connect", causes=["c"], fixes=["f"], related=[written],
                  sources=[dict(title="RFC 3463", url="https://www.rfc-editor.org/rfc/rfc3463")])
    assert Entry.model_validate(dict(fields, code=written)).code == "4.4.316"
    assert Entry.model_validate(dict(fields, code=written)).related == ["4.4.316"]


@pytest.mark.parametrize("written", ["4.4.3l6", "4.4.三一六", "4.4.316.1", "4.4.3٫16"])
def test_what_is_no_code_in_any_digits_is_refused(written):
    from pydantic import ValidationError

    from generator.content.model import Entry

    with pytest.raises(ValidationError):
        Entry.model_validate(dict(code=written, title="t", summary="s", stage="connect", causes=["c"], fixes=["f"],
                                  sources=[dict(title="RFC 3463", url="https://www.rfc-editor.org/rfc/rfc3463")]))



# --- Translations, releases and settings --------------------------------------------------------

def test_a_translation_of_only_spaces_is_missing(small_project):
    msgid_line = retranslate(small_project, "Connection refused", lambda ko: "   ") - 1  # msgstr's line - 1

    default = run_generator(small_project, "build")
    assert default.returncode == 0, default.stderr
    page = (small_project / "site/ko/errors/4.4.316/index.html").read_text(encoding="utf-8")
    assert "Connection refused" in visible_text(article(page))
    set_site_url(small_project)
    strict = run_generator(small_project, "build", "--strict")
    assert strict.returncode == 2 and "Traceback" not in strict.stderr
    assert f"  {PO}:{msgid_line}: ko missing: 'Connection refused'" in strict.stderr.splitlines()


def test_a_release_without_site_url_is_refused(small_project):
    assert run_generator(small_project, "build").returncode == 0
    before = tree_digest(small_project / "site")
    result = run_generator(small_project, "build", "--strict")
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("mkdocs.yml: error: site_url is not set: the sitemap and canonical links would "
                                    "point at http://localhost/\n  hint: set site_url in mkdocs.yml")
    assert tree_digest(small_project / "site") == before


def test_a_build_that_would_drop_most_pages_asks_first(project):
    assert run_generator(project, "build").returncode == 0
    before = tree_digest(project / "site")
    keep_only_entries(project, SMALL_ENTRIES)

    refused = run_generator(project, "build")

    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    counts = re.match(r"site: error: this build would publish (\d+) pages where the site has (\d+): "
                      r"more than half of them would go\n  hint:", refused.stderr)
    assert counts, refused.stderr
    new, old = map(int, counts.groups())
    assert new * 2 < old and "--allow-shrink" in refused.stderr
    assert tree_digest(project / "site") == before
    allowed = run_generator(project, "build", "--allow-shrink")
    assert allowed.returncode == 0, allowed.stderr
    assert f"built {new} pages" in allowed.stdout


CODE_TAGS = {
    "apply": ("hook: !!python/object/apply:os.system ['touch {witness}']", "!!python/object/apply:os.system"),
    "new": ("hook: !!python/object/new:os.system ['touch {witness}']", "!!python/object/new:os.system"),
    "object": ("hook: !!python/object:argparse.Namespace {{a: 1}}", "!!python/object:argparse.Namespace"),
    "module": ("hook: !!python/module:json", "!!python/module:json"),
    "verbatim": ("hook: !<tag:yaml.org,2002:python/object/apply:os.system> ['touch {witness}']",
                 "!!python/object/apply:os.system"),
    "key": ("? !!python/object/apply:os.system ['touch {witness}']\n: 1", "!!python/object/apply:os.system"),
}


@pytest.mark.parametrize("case", CODE_TAGS)
@pytest.mark.parametrize("where", ["mkdocs.yml", "inherited"])
def test_a_tag_that_runs_code_is_refused_before_mkdocs_reads_the_settings(project, case, where):
    from generator.errors import ConfigError
    from generator.site.mkdocs_site import read_config

    witness = project.parent / "ran"
    text, tag = CODE_TAGS[case]
    settings = project / "mkdocs.yml"
    if where == "inherited":
        settings = project / "base.yml"
        settings.write_text("theme:\n  name: material\n", encoding="utf-8")
        inherit(project, "base.yml")
    with settings.open("a", encoding="utf-8") as config:
        config.write(text.format(witness=witness) + "\n")
    line = len(settings.read_text(encoding="utf-8").splitlines()) - text.count("\n")

    with pytest.raises(ConfigError) as refused:
        read_config(project / "mkdocs.yml")

    assert (refused.value.path, refused.value.line) == (settings, line)
    assert refused.value.message == f"the tag {tag} makes MkDocs run Python code when it reads {settings.name}"
    assert "of the !!python tags, MkDocs' settings need only !!python/name:" in refused.value.hint
    assert not witness.exists()


def test_a_tag_that_names_a_python_function_stays_allowed(project):
    """Material's settings name functions (emoji, superfences); the shipped mkdocs.yml names a slugify."""
    from generator.site.mkdocs_site import read_config

    replace_line(project / "mkdocs.yml", r"^site_name:", "site_name: Mail Flow KB\nextra_emoji: "
                 "!!python/name:markdown.extensions.toc.slugify")
    assert "!!python/name:markdown.extensions.toc.slugify_unicode" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert callable(read_config(project / "mkdocs.yml")["extra_emoji"])


def test_commands_that_only_read_settings_run_nothing_in_mkdocs_yml(small_project):
    """MkDocs' loader runs !!python/object/apply; lookup and i18n status read mkdocs.yml safely."""
    witness = small_project.parent / "ran"
    with (small_project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"hook: !!python/object/apply:os.system ['touch {witness}']\n")
    for command in (["lookup", "450 4.4.316"], ["i18n", "status"]):
        result = run_generator(small_project, *command)
        assert result.returncode == 0, result.stderr
    assert not witness.exists()


@pytest.mark.parametrize("left", ["en/.DS_Store", "en/errors/5.1.1/Thumbs.db", "._index.html"])
def test_what_a_file_manager_leaves_in_the_site_does_not_stop_the_build(small_project, left):
    """Opening the site's folders in Finder or Explorer leaves .DS_Store, Thumbs.db or ._* files in
    them: no one's work, remade when the folder is opened again; the build refused every one."""
    assert run_generator(small_project, "build").returncode == 0
    (small_project / "site" / left).write_bytes(b"\0\0\0\1Bud1")

    result = run_generator(small_project, "build")

    assert result.returncode == 0, result.stdout + result.stderr
    assert (small_project / "site/en/index.html").is_file()


def test_an_empty_folder_a_file_manager_opened_is_built_into(small_project):
    (small_project / "new-site").mkdir()
    (small_project / "new-site/.DS_Store").write_bytes(b"\0\0\0\1Bud1")

    result = subprocess.run([sys.executable, "-m", "generator", "--root", ".", "build", "--site-dir", "new-site"],
                            capture_output=True, text=True, timeout=600, cwd=small_project)

    assert result.returncode == 0, result.stdout + result.stderr
    assert (small_project / "new-site/en/index.html").is_file()


@pytest.mark.parametrize("folder", ["pages", "reasons"])
@pytest.mark.parametrize("made", ["a link round a loop", "a link to nothing", "a file"])
def test_a_content_folder_that_is_no_folder_is_refused_not_left_out(tmp_path, folder, made):
    """content/pages linked to itself (or a file named pages) built a site without the prose pages,
    without a word: the folder's files were looked for in nothing."""
    from generator.content.load import load_content
    from generator.errors import ContentError

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.rmtree(content / folder)
    if made == "a file":
        (content / folder).write_text("", encoding="utf-8")
    else:
        (content / folder).symlink_to(folder if made == "a link round a loop" else "gone")

    with pytest.raises(ContentError) as refused:
        load_content(content)

    why = {"a link round a loop": "is a link that leads round a loop", "a link to nothing": "is a link that leads "
           "to nothing", "a file": "is not a folder"}[made]
    assert (refused.value.path, refused.value.message) == (content / folder, f"{folder} {why}")
    assert refused.value.hint == f"make {folder} a folder of the .yml files it is for, or remove it"
