"""The state of every translation, string by string: which English strings
the site has (content files and the generator's interface strings, each
with its file and line), and for each locale whether its catalog has them
translated, fuzzy or missing. Read by `i18n status`, `build --strict` and
the JSON API (`string_status`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.extract import extract_from_dir

from generator.i18n.catalog import Status, Translator
from generator.errors import CatalogError
from generator.content.load import Content
from generator.i18n.translatable import iter_strings

PACKAGE_DIR = Path(__file__).resolve().parents[1]
# The interface part of babel.cfg, applied to this package wherever it is installed.
INTERFACE_METHODS = [("templates/**.j2", "jinja2.ext:babel_extract"), ("**.py", "python")]
INTERFACE_OPTIONS = {"templates/**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}


@dataclass(frozen=True)
class Origin:
    """Where an English string is written: a content file or a generator file."""

    path: Path
    line: int | None


@dataclass(frozen=True)
class StringStatus:
    """One English string in one locale."""

    msgid: str
    status: Status
    translation: str              # the catalog's msgstr, "" when there is none
    po_file: Path | None          # None: the catalog does not have the string at all
    po_line: int | None
    previous: str | None = None   # for a fuzzy string: the English it was translated from

    def as_dict(self, root: Path | None = None) -> dict:
        return {
            "msgid": self.msgid,
            "status": self.status.value,
            "translation": self.translation,
            "po_file": shown_path(self.po_file, root) if self.po_file else None,
            "po_line": self.po_line,
            "previous": self.previous,
        }


def string_status(translator: Translator, english: str) -> StringStatus:
    """The state of one English string in the translator's locale."""
    english = english.strip()
    status = translator.lookup(english).status
    translation = "" if translator.is_source else translator.messages.get(english, ("", False))[0]
    po_file, po_line = translator.lines.get(english, (None, None))
    previous = translator.previous.get(english) if status is Status.fuzzy else None
    return StringStatus(english, status, translation, po_file, po_line, previous or None)


@dataclass
class Counts:
    translated: int = 0
    fuzzy: int = 0
    missing: int = 0

    def add(self, status: Status) -> None:
        setattr(self, status.value, getattr(self, status.value) + 1)

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.missing

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    def as_dict(self) -> dict:
        return {"translated": self.translated, "fuzzy": self.fuzzy, "missing": self.missing,
                "total": self.total, "percent": round(self.percent, 1)}


@dataclass
class SourceStatus:
    """The strings of one source file (an entry, a page, a template) in one locale."""

    origin_path: Path
    strings: list[tuple[Origin, StringStatus]] = field(default_factory=list)

    @property
    def counts(self) -> Counts:
        counts = Counts()
        for _origin, item in self.strings:
            counts.add(item.status)
        return counts


@dataclass
class LocaleStatus:
    locale: str
    sources: list[SourceStatus]

    @property
    def counts(self) -> Counts:
        """Each English string once, however many files use it."""
        unique = {item.msgid: item.status for source in self.sources for _origin, item in source.strings}
        counts = Counts()
        for status in unique.values():
            counts.add(status)
        return counts

    def untranslated(self) -> list[tuple[Origin, StringStatus]]:
        return [(origin, item) for source in self.sources for origin, item in source.strings
                if item.status is not Status.translated]


def content_strings(content: Content) -> list[tuple[str, Origin]]:
    """Every translatable string of the content files, in file order."""
    found = []
    for source in sorted(content.sources.values(), key=lambda source: source.path):
        found += [(text, Origin(source.path, line)) for text, line in iter_strings(source.tree) if text]
    return found


def interface_strings() -> list[tuple[str, Origin]]:
    """The strings of the page templates and labels, as `pybabel extract` finds them."""
    found = []
    for filename, line, message, _comments, _context in extract_from_dir(
        str(PACKAGE_DIR), INTERFACE_METHODS, INTERFACE_OPTIONS
    ):
        english = message if isinstance(message, str) else message[0]
        found.append((english, Origin(PACKAGE_DIR / filename, line)))
    return found


def site_strings(content: Content) -> list[tuple[str, Origin]]:
    return content_strings(content) + interface_strings()


def locale_status(strings: list[tuple[str, Origin]], translator: Translator) -> LocaleStatus:
    by_path: dict[Path, SourceStatus] = {}
    for english, origin in strings:
        source = by_path.setdefault(origin.path, SourceStatus(origin.path))
        source.strings.append((origin, string_status(translator, english)))
    return LocaleStatus(translator.locale, list(by_path.values()))


def shown_path(path: Path, root: Path | None) -> str:
    """A path as a translator types it: relative to the project, or to the
    generator package's parent for interface strings."""
    for base in (root, PACKAGE_DIR.parent):
        if base is not None:
            try:
                return str(path.resolve().relative_to(base.resolve()))
            except ValueError:
                continue
    return str(path)


def where(origin: Origin, item: StringStatus, root: Path | None) -> str:
    """The place to fix a string: its .po line, or (not in the catalog yet) its source line."""
    if item.po_file is not None:
        return f"{shown_path(item.po_file, root)}:{item.po_line}"
    return f"{shown_path(origin.path, root)}:{origin.line}"


class TranslationIncomplete(CatalogError):
    """A locale to publish with `build --strict` has strings that are not translated."""


def require_complete(content: Content, translators: dict[str, Translator], root: Path) -> None:
    """For a release: every string of every published locale translated, none fuzzy."""
    strings = site_strings(content)
    problems = {}
    for translator in translators.values():
        if not translator.is_source:
            for origin, item in locale_status(strings, translator).untranslated():
                problems.setdefault((translator.locale, item.msgid), (translator.locale, origin, item))
    if not problems:
        return
    problems = list(problems.values())
    _locale, first_origin, first = problems[0]
    lines = [f"  {where(origin, item, root)}: {locale} {item.status.value}: {item.msgid[:70]!r}"
             for locale, origin, item in problems]
    path, line = (first.po_file, first.po_line) if first.po_file else (first_origin.path, first_origin.line)
    raise TranslationIncomplete(
        path, line,
        f"{len(problems)} string(s) not translated in a published language; --strict publishes no English "
        "fallback:\n" + "\n".join(lines),
        "translate them and clear their fuzzy flags (`python -m generator i18n status` shows what changed), "
        "or build without --strict to publish the English with a notice",
    )
