"""Checks of a translation against its English, in the manner of
babel.messages.checkers: each takes (catalog, message) and raises a
TranslationError; `check_translations` runs them on every translated message
of a catalog and reports the first failure at the line of its msgstr.

A translation keeps the English's placeholders (a dropped %(code)s loses the
code from the page, an added one fails when the string is filled in) and its
link targets and its English runs (a screen's label kept as written,
`[**Mail flow**]{lang=en}`: generator/content/escaping.py), and adds no HTML
(generator/content/markup_rules.py).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import PYTHON_FORMAT, Catalog, Message, TranslationError
from babel.messages.checkers import python_format

from generator.errors import CatalogError
from generator.content.escaping import english_runs
from generator.content.markup_rules import html_tags, link_targets


class Mismatch(TranslationError):
    """A translation that does not fit its English, with what to do about it."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


def pairs(message: Message) -> Iterator[tuple[str, str]]:
    """(English, translation) of each non-empty form of a message."""
    ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    for index, translation in enumerate(strings):
        if translation:
            yield ids[min(index, len(ids) - 1)], translation


def first_extra(have: Counter, want: Counter) -> str | None:
    extra = have - want
    return next(iter(sorted(extra)), None)


def placeholders(catalog: Catalog | None, message: Message) -> None:
    """The same %(name)s placeholders as the English; Babel's own checker allows dropping one."""
    if "python-format" not in message.flags:
        return
    hint = "keep every %(name)s of the English as it is; the words around it may move"
    for english, translation in pairs(message):
        names = [Counter(match.group(1) for match in PYTHON_FORMAT.finditer(text) if match.group(1))
                 for text in (english, translation)]
        if name := first_extra(names[0], names[1]):
            raise Mismatch(f"translation drops the placeholder %({name})s", hint)
        if name := first_extra(names[1], names[0]):
            raise Mismatch(f"translation adds the placeholder %({name})s, which the English does not have", hint)


def markdown_links(catalog: Catalog | None, message: Message) -> None:
    """Links to the same addresses as the English."""
    hint = "keep every [text](address) of the English with its address; translate only the text in brackets"
    for english, translation in pairs(message):
        found = link_targets(english), link_targets(translation)
        if found[0] == found[1]:  # the same links in the same order, or (mostly) none
            continue
        targets = Counter(found[0]), Counter(found[1])
        if target := first_extra(targets[0], targets[1]):
            raise Mismatch(f"translation drops the link to {target}", hint)
        if target := first_extra(targets[1], targets[0]):
            raise Mismatch(f"translation adds a link to {target}, which the English does not have", hint)


def html_markup(catalog: Catalog | None, message: Message) -> None:
    """No raw HTML that the English does not have."""
    for english, translation in pairs(message):
        added = html_tags(translation)
        if added and (tag := first_extra(Counter(added), Counter(html_tags(english)))):
            raise Mismatch(f"translation adds raw HTML {tag[:60]}",
                           "write Markdown as the English does; to show a tag as text put it in backticks: `<host>`")


def english_parts(catalog: Catalog | None, message: Message) -> None:
    """Each English run of the English, as written: it is what the reader's screen shows, and the
    page marks it lang="en". A translation may mark more of the English it keeps."""
    hint = ("keep each [...]{lang=en} of the English exactly as it is written, with its mark; "
            "translate the words around it (a Korean name for it may stand beside it)")
    for english, translation in pairs(message):
        runs = Counter(english_runs(english)), Counter(english_runs(translation))
        if run := first_extra(runs[0], runs[1]):
            if other := first_extra(runs[1], runs[0]):
                raise Mismatch(f"translation changes the English run [{run}]{{lang=en}} to [{other}]{{lang=en}}", hint)
            raise Mismatch(f"translation drops the English run [{run}]{{lang=en}}", hint)


CHECKERS = (placeholders, python_format, markdown_links, html_markup, english_parts)


def msgstr_line(lines: list[str], msgid_line: int) -> int:
    """The line of the msgstr that follows the msgid on msgid_line (1-based)."""
    for number in range(msgid_line, len(lines) + 1):
        if lines[number - 1].startswith("msgstr"):
            return number
    return msgid_line


def check_translations(catalog: Catalog, path: Path, text: str) -> None:
    """Every translated, reviewed (not fuzzy) message passes every checker."""
    lines = text.splitlines()
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        for checker in CHECKERS:
            try:
                checker(catalog, message)
            except TranslationError as problem:
                hint = getattr(problem, "hint", "make the translation fit its English (msgid), or empty it")
                raise CatalogError(path, msgstr_line(lines, message.lineno or 1), str(problem), hint) from None
