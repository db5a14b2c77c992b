"""Stage 3: each entry and page as one locale shows it.

Every prose string becomes a `Localized` value (text, English source,
translation state); everything else is carried over as it is.
"""
from __future__ import annotations

from generator.bounces.meanings import meaning_anchor
from generator.i18n.catalog import Translator
from generator.codes.resolve import KnownCodes, KnownEntry, Via
from generator.codes.syntax import sort_key
from generator.content.load import Content
from generator.i18n.translatable import map_strings


def entry_url(code: str) -> str:
    """The public path of an entry inside one language: a contract with NDR links."""
    return f"errors/{code}/"


def localize_entries(content: Content, translator: Translator) -> list[dict]:
    views = []
    for code in sorted(content.entries, key=sort_key):
        entry = content.entries[code]
        view = map_strings(entry.model_dump(mode="json"), translator.lookup)
        view["severity"] = entry.severity
        view["url"] = entry_url(code)
        for meaning in view["meanings"]:
            meaning["codes"] = meaning["codes"] or [code]
            meaning["anchor"] = meaning_anchor(meaning["emitter"])
        views.append(view)
    by_code = {view["code"]: view for view in views}
    for view in views:
        view["related_entries"] = [by_code[code] for code in view["related"]]
        view["replaces"] = by_code.get(view["deprecated_by"]) if view["deprecated_by"] else None
    return views


def localize_pages(content: Content, translator: Translator) -> list[dict]:
    pages = [map_strings(page.model_dump(mode="json"), translator.lookup) for page in content.pages.values()]
    return sorted(pages, key=lambda page: (page["order"], page["slug"]))


def reason_url(reason_id: str) -> str:
    """The public path of a reason's page inside one language."""
    return f"reasons/{reason_id}/"


# Resolutions that land on an entry written for the code's own meaning; the
# class-agnostic entry and codes without one are left to the lookup page.
ENTRY_RESOLUTIONS = (Via.exact, Via.alias, Via.range)


def known_codes(content: Content) -> KnownCodes:
    return KnownCodes(KnownEntry(code, tuple(entry.aliases), entry.range_end) for code, entry in content.entries.items())


def code_link(code: str, known: KnownCodes, entries: dict[str, dict]) -> dict:
    """A code a reason lists: the entry that explains it, or None (the lookup page will)."""
    found = known.resolve(code)
    entry = entries.get(found.entry) if found.via in ENTRY_RESOLUTIONS else None
    return {"code": code, "entry": entry}


def localize_reasons(content: Content, translator: Translator, entries: list[dict]) -> list[dict]:
    """Reasons in title order of this locale; `entries`: this locale's entry views, for the code links."""
    known, by_code = known_codes(content), {view["code"]: view for view in entries}
    views = []
    for reason_id, reason in content.reasons.items():
        view = map_strings(reason.model_dump(mode="json"), translator.lookup)
        view["url"] = reason_url(reason_id)
        view["code_links"] = [code_link(code, known, by_code) for code in reason.codes]
        views.append(view)
    return sorted(views, key=lambda view: str(view["title"]).casefold())


def reasons_by_entry(content: Content, reasons: list[dict]) -> dict[str, list[dict]]:
    """entry code -> the reasons that list a code it explains (its own, an alias, a
    code of its range, or, for a class-agnostic entry, any class of it), for the entries' pages."""
    known, found = known_codes(content), {}
    for view in reasons:
        for code in view["codes"]:
            entry = known.resolve(code).entry
            if entry and view not in found.setdefault(entry, []):
                found[entry].append(view)
    return found
