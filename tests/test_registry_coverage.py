"""Every code of the IANA enhanced status code registry has an entry, and the
entry agrees with the registry: the same reference, the same associated reply
codes, a title that keeps the registry title's key words, and a deprecated code
points at its replacement. The list of codes comes from the registry file, so a
code added to it without an entry fails here."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pytest


from conftest import ROOT, assert_same_as_shared
from htmltext import article, visible_text

# The repository's copy of the registry; the shared reference it was copied
# from is only present on the writers' machines.
REGISTRY = ROOT / "generator" / "data" / "iana_enhanced_status_codes.tsv"
SHARED_REFERENCE = ROOT.parent / "shared" / "reference" / "iana_enhanced_status_codes.tsv"

# Words too common in registry titles to show that two titles say the same.
STOPWORDS = frozenset(
    "a an and are be by for has is of on one or so the that to was with".split()
)
DEPRECATED_RE = re.compile(r"^\(deprecated: duplicate of (X\.\d+\.\d+)\)$")
REPLY_CODE_RE = re.compile(r"\b[2-5][0-9][0-9]\b")


@dataclass(frozen=True)
class RegistryRow:
    code: str
    title: str
    reference: str
    basic_codes: str

    @property
    def replacement(self) -> str | None:
        """The code a deprecated row refers to, from its title."""
        match = DEPRECATED_RE.match(self.title)
        return match.group(1) if match else None

    @property
    def reply_codes(self) -> list[int]:
        """The listed three-digit reply codes; none for "Any", "Not given", "5XX"."""
        return sorted({int(code) for code in REPLY_CODE_RE.findall(self.basic_codes)})


def read_registry(path: Path) -> list[RegistryRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [
            RegistryRow(row["code"], row["title"], row["reference"], row["basic_status_codes_if_listed"] or "")
            for row in rows
        ]


ROWS = read_registry(REGISTRY)
ACTIVE = [row for row in ROWS if row.replacement is None]
DEPRECATED = [row for row in ROWS if row.replacement is not None]


def key_words(title: str) -> set[str]:
    """Lower-cased words of a title, cut to five letters so that "required"
    and "requires" or "deliver" and "delivery" count as the same word."""
    words = re.findall(r"[a-z0-9]+", title.lower().replace("'s", ""))
    return {word[:5] for word in words if word not in STOPWORDS and len(word) > 1}


def test_registry_copy_matches_the_shared_reference():
    assert_same_as_shared(REGISTRY, SHARED_REFERENCE)


def test_registry_file_is_read_whole():
    # 80 active codes and one deprecated (X.6.10) in the published registry.
    assert len(ACTIVE) == 80
    assert [row.code for row in DEPRECATED] == ["X.6.10"]


@pytest.mark.parametrize("row", ACTIVE, ids=[row.code for row in ACTIVE])
def test_active_code_has_an_entry_that_agrees_with_the_registry(row, entries):
    entry = entries.get(row.code)
    assert entry is not None, f"no entry content/errors/{row.code}.yml"
    assert entry.reference == row.reference
    assert sorted(entry.reply_codes) == row.reply_codes, f"registry lists {row.basic_codes!r}"
    wanted = key_words(row.title)
    shared = wanted & key_words(entry.title)
    assert len(shared) * 2 >= len(wanted), (
        f"title {entry.title!r} keeps too few key words of the registry's {row.title!r}"
    )
    assert entry.deprecated_by is None


@pytest.mark.parametrize("row", DEPRECATED, ids=[row.code for row in DEPRECATED])
def test_deprecated_code_points_at_its_replacement(row, entries):
    entry = entries.get(row.code)
    assert entry is not None, f"no entry content/errors/{row.code}.yml"
    assert entry.deprecated_by == row.replacement
    assert entry.reference == row.reference


def test_x_6_10_is_deprecated_in_favour_of_x_6_8(entries):
    assert entries["X.6.10"].deprecated_by == "X.6.8"


def test_every_registry_code_has_a_translated_page_in_both_languages(built_site):
    """What a reader gets at /{lang}/errors/{code}/: the page exists, its
    heading shows the code, and the Korean page has no English fallback."""
    missing, fallback = [], []
    for row in ROWS:
        for lang in ("en", "ko"):
            page = built_site / lang / "errors" / row.code / "index.html"
            if not page.is_file():
                missing.append(f"/{lang}/errors/{row.code}/")
                continue
            html_text = page.read_text(encoding="utf-8")
            assert visible_text(article(html_text)).find(row.code) != -1, f"{page} doesn't show {row.code}"
            if lang == "ko" and "mfkb-fallback" in html_text:
                fallback.append(row.code)
    assert not missing, f"pages not built: {missing}"
    assert not fallback, f"Korean pages that show English: {fallback}"
