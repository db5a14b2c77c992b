"""Stage 3: each entry and page as one locale shows it.

Every prose string becomes a `Localized` value (text, English source,
translation state); everything else is carried over as it is.
"""
from __future__ import annotations

from generator.i18n.catalog import Translator
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
        views.append(view)
    by_code = {view["code"]: view for view in views}
    for view in views:
        view["related_entries"] = [by_code[code] for code in view["related"]]
        view["replaces"] = by_code.get(view["deprecated_by"]) if view["deprecated_by"] else None
    return views


def localize_pages(content: Content, translator: Translator) -> list[dict]:
    pages = [map_strings(page.model_dump(mode="json"), translator.lookup) for page in content.pages.values()]
    return sorted(pages, key=lambda page: (page["order"], page["slug"]))
