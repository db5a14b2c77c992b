"""Every code of Exchange Online's NDR table has an entry that says what the
NDR says. The rows come from the repository's copy of the table, so a row
added there without an entry fails here.

How a row's code cell maps to an entry:
- `5.1.10`: the entry 5.1.10.
- `432 4.3.2`: the entry 4.3.2, with 432 among its reply codes.
- `4.7.500-699`: one entry at the first code, with range_end 4.7.699.
- `5.4.6 / 5.4.14`: one entry for either code, with the other as an alias.
- `n/a` (a message without a code): folded into the entry whose summary
  quotes the row's text word for word.
Several rows with the same code (5.4.1, 5.7.1) are one entry that agrees
with each row's text.

Where the registry gives the code another meaning (4.3.2, 5.1.10, 5.4.1, ...),
the entry says the registry's and lists Microsoft's under `meanings`; the
row's text must then agree with that meaning of the row's code instead."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pytest


from conftest import ROOT, assert_same_as_shared
from htmltext import article, visible_text

TABLE = ROOT / "generator" / "data" / "exchange_online_ndr_codes.tsv"
SHARED_REFERENCE = ROOT.parent / "shared" / "reference" / "exchange_online_ndr_codes.tsv"

CODE = r"[245]\.\d{1,3}\.\d{1,3}"
SINGLE = re.compile(rf"^(?:(?P<reply>[245]\d\d) )?(?P<code>{CODE})$")
RANGE = re.compile(rf"^(?P<code>(?P<prefix>[245]\.\d{{1,3}}\.)\d{{1,3}})-(?P<last>\d{{1,3}})$")
PAIR = re.compile(rf"^(?P<code>{CODE}) / (?P<other>{CODE})$")
NO_CODE = "n/a"

# Words that don't show that two texts say the same thing.
STOPWORDS = frozenset("a an and are be by for from has is it of on or the this to was with".split())
# Placeholders and sample values in the NDR texts: [$SenderIPAddress], [...], [contoso.com].
PLACEHOLDER = re.compile(r"\[[^\]]*\]|\$\w+")


@dataclass(frozen=True)
class Row:
    cell: str
    description: str

    @property
    def id(self) -> str:
        return f"{self.cell} {self.description[:30]}"


def read_table(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [Row(row["code"].strip(), row["description_text"].strip())
                for row in csv.DictReader(handle, delimiter="\t")]


ROWS = read_table(TABLE)
CODED = [row for row in ROWS if row.cell != NO_CODE]
UNCODED = [row for row in ROWS if row.cell == NO_CODE]


def key_words(text: str) -> set[str]:
    """Lower-cased words without placeholders, cut to five letters so that
    "authenticated" and "authentication" or "expired" and "expires" match."""
    words = re.findall(r"[a-z0-9]+", PLACEHOLDER.sub(" ", text).lower().replace("'s", ""))
    return {word[:5] for word in words if word not in STOPWORDS and len(word) > 1}


# The senders whose meanings the table describes: Exchange Online, and the consumer
# service it lists beside it (550 5.5.0 for @outlook.com and @hotmail.com recipients).
MICROSOFT_EMITTERS = frozenset({"Exchange Online", "Outlook.com"})


def microsoft_texts(entry, cell: str) -> list[str]:
    """The title and summary of each of the entry's Microsoft meanings for a code in the cell."""
    codes = set(re.findall(CODE, cell))
    return [f"{meaning.title} {meaning.summary}" for meaning in entry.meanings
            if meaning.emitter in MICROSOFT_EMITTERS and codes & set(meaning.codes or [entry.code])]


def agrees(description: str, entry, cell: str = "") -> bool:
    """The entry's title and summary, or those of its Microsoft meaning of the cell's
    code, keep at least half of the key words of the NDR's text (all of them would
    forbid explaining a terse text)."""
    wanted = key_words(description)
    texts = [f"{entry.title} {entry.summary}", *microsoft_texts(entry, cell)]
    return any(len(wanted & key_words(text)) * 2 >= len(wanted) for text in texts)


def entry_for(cell: str, entries: dict):
    """The entry that covers a code cell, or an assertion that says why none does."""
    if match := SINGLE.match(cell):
        entry = entries.get(match["code"])
        assert entry is not None, f"no entry content/errors/{match['code']}.yml"
        if match["reply"]:
            assert int(match["reply"]) in entry.reply_codes, f"{cell}: reply code missing"
        return entry
    if match := RANGE.match(cell):
        entry = entries.get(match["code"])
        assert entry is not None, f"no entry content/errors/{match['code']}.yml for {cell}"
        assert entry.range_end == match["prefix"] + match["last"], f"{cell}: range_end is {entry.range_end}"
        return entry
    if match := PAIR.match(cell):
        first, other = match["code"], match["other"]
        owner = entries.get(first) or entries.get(other)
        assert owner is not None, f"no entry for {first} or {other}"
        alias = other if owner.code == first else first
        assert alias in owner.aliases, f"{owner.code} does not list {alias} as an alias"
        return owner
    raise AssertionError(f"code cell {cell!r} has none of the known shapes")


def test_table_copy_matches_the_shared_reference():
    assert_same_as_shared(TABLE, SHARED_REFERENCE)


def test_every_code_cell_has_a_known_shape():
    odd = [row.cell for row in CODED if not (SINGLE.match(row.cell) or RANGE.match(row.cell) or PAIR.match(row.cell))]
    assert odd == []


@pytest.mark.parametrize("row", CODED, ids=[row.id for row in CODED])
def test_code_has_an_entry_that_says_what_the_ndr_says(row, entries):
    entry = entry_for(row.cell, entries)
    assert agrees(row.description, entry, row.cell), (
        f"{entry.code}: title {entry.title!r} and summary (or its Exchange Online meaning's) keep too few words "
        f"of the NDR text {row.description!r}"
    )


@pytest.mark.parametrize("row", UNCODED, ids=[row.id for row in UNCODED])
def test_message_without_a_code_is_quoted_by_an_entry(row, entries):
    quoting = [code for code, entry in entries.items() if row.description in entry.summary]
    assert len(quoting) == 1, f"entries quoting {row.description!r}: {quoting}"


def test_temporary_and_permanent_forms_link_both_ways(entries):
    """A 4.x.y row whose 5.x.y form is also a row: two entries, each related to the other."""
    codes = {match["code"] for row in CODED if (match := SINGLE.match(row.cell))}
    pairs = [(code, "5" + code[1:]) for code in codes if code[0] == "4" and "5" + code[1:] in codes]
    assert pairs, "the table has no temporary/permanent pairs"
    for temporary, permanent in pairs:
        assert permanent in entries[temporary].related, f"{temporary} doesn't link to {permanent}"
        assert temporary in entries[permanent].related, f"{permanent} doesn't link to {temporary}"


def test_every_code_has_a_page_in_both_languages_without_english_fallback(built_site, entries):
    """What a reader gets at /{lang}/errors/{code}/: the page exists and shows
    the code; the Korean page shows no English fallback."""
    missing, fallback = [], []
    for code in sorted({entry_for(row.cell, entries).code for row in CODED}):
        for lang in ("en", "ko"):
            page = built_site / lang / "errors" / code / "index.html"
            if not page.is_file():
                missing.append(f"/{lang}/errors/{code}/")
                continue
            html_text = page.read_text(encoding="utf-8")
            assert code in visible_text(article(html_text)), f"{page} doesn't show {code}"
            if lang == "ko" and "mfkb-fallback" in html_text:
                fallback.append(code)
    assert not missing, f"pages not built: {missing}"
    assert not fallback, f"Korean pages that show English: {fallback}"


def test_an_alias_of_the_same_class_is_not_called_an_expiry(built_site, entries):
    """`5.4.6 / 5.4.14` are two names of one fault, not a deferral and its
    expiry: the page must not say the message expired after 24 hours."""
    owners = [entry_for(row.cell, entries) for row in CODED if PAIR.match(row.cell)]
    assert owners, "the table has no rows with two codes"
    for entry in owners:
        text = visible_text(article((built_site / "en" / "errors" / entry.code / "index.html").read_text(encoding="utf-8")))
        for alias in entry.aliases:
            assert re.search(rf"{re.escape(alias)}\s*: another code for the same fault\.", text), alias
        assert "expired after 24 hours" not in text, f"/en/errors/{entry.code}/ calls its alias an expiry"


def test_english_page_shows_each_meaning_of_a_code_with_several(built_site):
    """5.4.1 and 5.7.1 carry several NDR texts: the English page names each."""
    by_code: dict[str, list[str]] = {}
    for row in CODED:
        if match := SINGLE.match(row.cell):
            by_code.setdefault(match["code"], []).append(row.description)
    several = {code: texts for code, texts in by_code.items() if len(texts) > 1}
    assert several, "the table has no code with several meanings"
    for code, texts in several.items():
        text = visible_text(article((built_site / "en" / "errors" / code / "index.html").read_text(encoding="utf-8")))
        for description in texts:
            assert description in text, f"/en/errors/{code}/ doesn't name {description!r}"
