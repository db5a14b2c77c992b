"""`i18n status` and `build --strict`: every string's state, where to fix it,
and what changed in the English of a fuzzy one."""
from __future__ import annotations

import json

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from conftest import run_generator, set_site_url, tree_digest

PO = "locales/ko/LC_MESSAGES/messages.po"
ENTRY = "content/errors/4.4.316.yml"
OLD, NEW = "Connection refused", "Connection refused by the server"
DROPPED = "Connection timed out"  # the title of 4.4.315


def read_catalog(root):
    with (root / PO).open("rb") as handle:
        return read_po(handle)


def write_catalog(root, catalog, previous=False):
    with (root / PO).open("wb") as handle:
        write_po(handle, catalog, width=76, include_previous=previous)


def change_english(root, old: str, new: str) -> None:
    """Edit the English in the content, then update the catalog as
    `pybabel update --previous` does (Catalog.update with fuzzy matching)."""
    entry = root / ENTRY
    entry.write_text(entry.read_text(encoding="utf-8").replace(f"title: {old}\n", f"title: {new}\n"),
                     encoding="utf-8")
    catalog = read_catalog(root)
    template = Catalog(locale=None)
    for message in catalog:
        if message.id:
            template.add(new if message.id == old else message.id, locations=message.locations)
    catalog.update(template)
    write_catalog(root, catalog, previous=True)


def drop_translation(root, msgid: str) -> None:
    catalog = read_catalog(root)
    catalog.delete(msgid)
    write_catalog(root, catalog)


def po_line_of(root, msgid: str) -> int:
    lines = (root / PO).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line == f'msgid "{msgid}"')


def content_line_of(root, path: str, text: str) -> int:
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_shipped_translation_is_complete_and_passes_fail_under_100(project):
    result = run_generator(project, "i18n", "status", "--fail-under", "100")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.splitlines()[0]
    assert summary.startswith("ko: ") and summary.endswith("(100.0%), 0 fuzzy, 0 missing")
    assert "  content/errors/4.4.316.yml " in result.stdout
    assert "  generator/templates/entry.md.j2 " in result.stdout


def test_fuzzy_string_shows_its_po_line_and_the_old_and_new_english(project):
    change_english(project, OLD, NEW)
    result = run_generator(project, "i18n", "status")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    line = po_line_of(project, NEW)
    used = content_line_of(project, ENTRY, NEW)
    assert f"    fuzzy   {PO}:{line} (used in {ENTRY}:{used})\n      was: {OLD}\n      now: {NEW}\n      ko:  연결 거부" in out
    entry_row = next(row for row in out.splitlines() if row.startswith(f"  {ENTRY} "))
    assert entry_row.split()[1:] == ["14", "translated", "1", "fuzzy", "0", "missing"]
    assert out.splitlines()[0].endswith(", 1 fuzzy, 0 missing")


def test_fail_under_exits_non_zero_when_a_language_is_below(project):
    drop_translation(project, DROPPED)
    (korean,) = json.loads(run_generator(project, "i18n", "status", "--json").stdout)["locales"]
    percent = 100 * korean["translated"] / korean["total"]
    assert percent < 100
    assert run_generator(project, "i18n", "status", "--fail-under", f"{percent - 0.01:.2f}").returncode == 0
    above = f"{percent + 0.01:.2f}"
    result = run_generator(project, "i18n", "status", "--fail-under", above)
    assert result.returncode == 1
    assert f"ko: {percent:.1f}% translated, under --fail-under {float(above):g}" in result.stderr


def test_json_carries_each_string_with_its_place_and_previous_english(project):
    change_english(project, OLD, NEW)
    drop_translation(project, DROPPED)
    result = run_generator(project, "i18n", "status", "--json")
    assert result.returncode == 0, result.stderr
    (korean,) = json.loads(result.stdout)["locales"]
    assert korean["locale"] == "ko" and (korean["fuzzy"], korean["missing"]) == (1, 1)
    strings = {item["msgid"]: item for source in korean["sources"] for item in source["strings"]}
    fuzzy = strings[NEW]
    assert fuzzy["status"] == "fuzzy" and fuzzy["previous"] == OLD and fuzzy["translation"] == "연결 거부"
    assert (fuzzy["po_file"], fuzzy["po_line"]) == (PO, po_line_of(project, NEW))
    missing = strings[DROPPED]
    assert missing["status"] == "missing" and missing["po_file"] is None
    assert missing["source_path"] == "content/errors/4.4.315.yml"
    assert missing["source_line"] == content_line_of(project, "content/errors/4.4.315.yml", f"title: {DROPPED}")
    assert strings["How to fix it"]["status"] == "translated"
    assert strings["How to fix it"]["source_path"] == "generator/templates/entry.md.j2"


def test_strict_build_names_each_untranslated_string_and_keeps_the_old_site(project):
    set_site_url(project)
    assert run_generator(project, "build").returncode == 0
    before = tree_digest(project / "site")
    change_english(project, OLD, NEW)
    drop_translation(project, DROPPED)

    result = run_generator(project, "build", "--strict")
    assert result.returncode == 2
    fuzzy_at = f"{PO}:{po_line_of(project, NEW)}"
    missing_at = f"content/errors/4.4.315.yml:{content_line_of(project, 'content/errors/4.4.315.yml', DROPPED)}"
    first, *rest = result.stderr.strip().splitlines()
    assert first.endswith("error: 2 string(s) not translated in a published language; "
                          "--strict publishes no English fallback:")
    assert f"  {fuzzy_at}: ko fuzzy: {NEW!r}" in rest
    assert f"  {missing_at}: ko missing: {DROPPED!r}" in rest
    assert rest[-1].startswith("  hint: ")
    assert "Traceback" not in result.stderr
    assert tree_digest(project / "site") == before

    default = run_generator(project, "build")
    assert default.returncode == 0, default.stderr
    page = (project / "site/ko/errors/4.4.316/index.html").read_text(encoding="utf-8")
    assert f'data-status="fuzzy">{NEW}</span>' in page


def test_strict_build_of_the_shipped_content_passes(project):
    set_site_url(project)
    result = run_generator(project, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
