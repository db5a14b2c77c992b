"""gettext catalogs under locales/: reading them, and looking strings up
with the state of each translation (translated, fuzzy, missing)."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, PoFileParser, unescape

from generator.i18n.checkers import check_translations
from generator.i18n.plural_forms import check_plural_forms
from generator.errors import CatalogError
from generator.content.escaping import unmarked
from generator.content.source_files import (forget_real_folders, read_source_bytes, refuse_control_characters,
                                             require_folder_inside)

SOURCE_LOCALE = "en"


class Status(str, Enum):
    translated = "translated"
    fuzzy = "fuzzy"
    missing = "missing"


class Localized(str):
    """A string as shown in one locale, remembering its English source and state."""

    source: str
    status: Status
    locale: str

    def __new__(cls, text: str, source: str, status: Status, locale: str):
        obj = super().__new__(cls, text)
        obj.source, obj.status, obj.locale = source, status, locale
        return obj

    @property
    def is_fallback(self) -> bool:
        return self.status is not Status.translated


def catalog_paths(locales_dir: Path, locale: str) -> list[Path]:
    return sorted((locales_dir / locale / "LC_MESSAGES").glob("*.po"))


_PO_LINE = re.compile(
    r'^(?:#.*|\s*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(?:[^"\\]|\\.)*"\s*|"(?:[^"\\]|\\.)*"\s*)$'
)


def check_po_syntax(path: Path, text: str) -> None:
    """Babel's reader forgives some broken lines (an unterminated string);
    a catalog with one is refused here, with its line."""
    for number, line in enumerate(text.splitlines(), 1):
        if not _PO_LINE.match(line):
            raise CatalogError(path, number, f"broken catalog line: {line.strip()[:60]!r}",
                               "every line is a comment, a keyword with a quoted string, or a quoted string")


def previous_msgid(message: Message) -> str:
    """The English a fuzzy message was translated from (`#| msgid`, kept by
    `pybabel update --previous`). Babel fills previous_id only while updating
    a catalog in memory; read from disk, the lines arrive as user comments."""
    if message.previous_id:
        return message.previous_id if isinstance(message.previous_id, str) else message.previous_id[0]
    parts, in_msgid = [], False
    for comment in message.user_comments:
        line = comment[1:].strip() if comment.startswith("|") else ""
        if line.startswith("msgid "):
            in_msgid, line = True, line[len("msgid "):]
        elif not line.startswith('"'):
            in_msgid = False
        if in_msgid and line.startswith('"'):
            parts.append(unescape(line))
    return "".join(parts)


class OnceCatalog(Catalog):
    """A Catalog that refuses a msgid it already holds: Babel would merge the
    two silently and keep the first translation."""

    def __init__(self, path: Path, **kwargs):
        super().__init__(**kwargs)
        self.path = path

    def __setitem__(self, id, message: Message) -> None:
        first = self.get(id, message.context) if id else None
        if first is not None:
            english = id if isinstance(id, str) else id[0]
            raise CatalogError(self.path, message.lineno,
                               f"msgid {english[:50]!r} appears twice (also at line {first.lineno})",
                               "keep one of the two messages and delete the other")
        super().__setitem__(id, message)


def read_catalog(path: Path, locale: str, tree: Path) -> Catalog:
    """A catalog under tree (locales/), its syntax and translations checked."""
    raw = read_source_bytes(path, tree, CatalogError)
    try:
        text = raw.decode("utf-8")
        refuse_control_characters(path, text, CatalogError)
        check_po_syntax(path, text)
        check_plural_forms(path, text.splitlines(), locale)  # before Babel reads nplurals with int()
        catalog = OnceCatalog(path, locale=locale)
        PoFileParser(catalog, abort_invalid=True).parse(io.BytesIO(raw))
    except PoFileError as exc:
        raise CatalogError(path, exc.lineno + 1, f"broken catalog: {str(exc.args[0]).rsplit(' on ', 1)[0]}",
                           "fix the .po syntax, or regenerate it with `pybabel update`") from None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CatalogError(path, line, f"not valid UTF-8: {exc.reason}", "save the catalog as UTF-8") from None
    except ValueError as exc:  # e.g. an unknown locale in the header
        raise CatalogError(path, None, f"broken catalog: {exc}", "fix the catalog header") from None
    check_translations(catalog, path, text)
    return catalog


@dataclass
class Translator:
    """Looks English strings up in one locale's catalogs and records what it
    had to fall back on, so a page can say so."""

    locale: str
    messages: dict[str, tuple[str, bool]] = field(default_factory=dict)  # msgid -> (msgstr, fuzzy)
    lines: dict[str, tuple[Path, int]] = field(default_factory=dict)     # msgid -> where in the .po
    previous: dict[str, str] = field(default_factory=dict)               # fuzzy msgid -> old English
    used: list[Localized] = field(default_factory=list)

    @property
    def is_source(self) -> bool:
        return self.locale == SOURCE_LOCALE

    def lookup(self, english: str) -> Localized:
        english = english.strip()
        # English is shown without its English runs' marks (content/escaping.py): on an English page
        # they would say what the page says, and a fallback is marked lang="en" whole.
        if self.is_source:
            found = Localized(unmarked(english), english, Status.translated, self.locale)
        else:
            msgstr, fuzzy = self.messages.get(english, ("", False))
            if msgstr and not fuzzy:
                found = Localized(msgstr, english, Status.translated, self.locale)
            else:
                found = Localized(unmarked(english), english, Status.fuzzy if msgstr else Status.missing, self.locale)
        return found

    def gettext(self, english: str) -> str:
        found = self.lookup(english)
        self.used.append(found)
        return found

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)

    def start_page(self) -> None:
        self.used = []

    def fallbacks(self) -> set[Status]:
        return {item.status for item in self.used if item.is_fallback}


def load_translator(locales_dir: Path, locale: str) -> Translator:
    translator = Translator(locale)
    if translator.is_source:
        return translator
    forget_real_folders()
    folder = locales_dir / locale / "LC_MESSAGES"
    if not folder.is_dir():
        raise CatalogError(folder, None, f"no catalog folder for locale '{locale}'",
                           f"run `pybabel init -i locales/messages.pot -d locales -l {locale}`")
    require_folder_inside(folder, locales_dir, CatalogError)
    for path in catalog_paths(locales_dir, locale):
        catalog = read_catalog(path, locale, locales_dir)
        for message in catalog:
            if not message.id or not isinstance(message.id, str):
                continue
            string = message.string or ""
            # A translation of only spaces shows nothing: it is missing, not translated.
            translator.messages[message.id] = (string if string.strip() else "", message.fuzzy)
            translator.lines[message.id] = (path, message.lineno or 0)
            if message.fuzzy:
                translator.previous[message.id] = previous_msgid(message)
    return translator
