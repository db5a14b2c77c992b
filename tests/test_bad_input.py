"""A user's mistake: one message naming file and line, exit code 2, no
traceback, and the previously built site left exactly as it was."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_generator, tree_digest

ENTRY = "content/errors/4.4.316.yml"


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


def wrong_type(root):
    return ENTRY, replace_line(root / ENTRY, r"^reply_codes:", "reply_codes: four-fifty"), "reply_codes"


def unknown_field(root):
    return ENTRY, replace_line(root / ENTRY, r"^stage:", "stage: connect\nseverity: high") + 1, "unknown field 'severity'"


def malformed_code(root):
    return ENTRY, replace_line(root / ENTRY, r"^code:", "code: 4.4"), "'code' is not an enhanced status code: 4.4"


def code_with_reply(root):
    return ENTRY, replace_line(root / ENTRY, r"^code:", "code: 450 4.4.316"), "not an enhanced status code"


def duplicate_code(root):
    source = (root / ENTRY).read_text(encoding="utf-8")
    (root / "content/errors/zz-copy.yml").write_text(source, encoding="utf-8")
    line = next(i for i, l in enumerate(source.split("\n"), 1) if l.startswith("code:"))
    return "content/errors/zz-copy.yml", line, "duplicate code 4.4.316"


def dangling_related(root):
    return ENTRY, replace_line(root / ENTRY, r"^related:", "related: [4.4.399]"), "related code 4.4.399 has no entry"


def broken_catalog(root):
    po = root / "locales/ko/LC_MESSAGES/messages.po"
    lines = po.read_text(encoding="utf-8").split("\n")
    index = next(i for i, l in enumerate(lines) if l.startswith("msgstr") and i > 20)
    lines[index] = 'msgstr "unterminated'
    po.write_text("\n".join(lines), encoding="utf-8")
    return "locales/ko/LC_MESSAGES/messages.po", index + 1, "broken catalog line"


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
    import shutil

    shutil.rmtree(root / "locales/ko")
    return "locales/ko/LC_MESSAGES", None, "no catalog folder for locale 'ko'"


CASES = [break_yaml, missing_field, wrong_type, unknown_field, malformed_code, code_with_reply,
         duplicate_code, dangling_related, broken_catalog, not_utf8, empty_list, unknown_stage,
         reply_of_other_class, related_to_itself, alias_is_an_entry, very_long_title, not_a_mapping,
         missing_locale_folder]


@pytest.mark.parametrize("breaks", CASES, ids=lambda f: f.__name__)
def test_bad_input_is_reported_and_site_kept(project, breaks):
    first = run_generator(project, "build")
    assert first.returncode == 0, first.stderr
    before = tree_digest(project / "site")

    relative, line, words = breaks(project)
    result = run_generator(project, "build")

    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    message = result.stderr.strip()
    where = f"{relative}:{line}: " if line else f"{relative}: "
    assert message.startswith(f"{where}error:"), message
    assert words in message
    assert "hint:" in message
    assert tree_digest(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")], "temporary folders left behind"
