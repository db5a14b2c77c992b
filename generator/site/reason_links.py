"""/{lang}/reasons/{alias}/: another tool's name for a reason (sisimai 5.6's
`ratelimited`, our `toomanyconn`) leads to the reason's page, as a code's alias
leads to its entry (the same small page: generator/site/code_links.py).

Tools join on reason names, so a link built from a newer sisimai's name must
land on the page of the reason it means.  There is no page without a language
for reasons (/reasons/{id}/), so none for their aliases either.
"""
from __future__ import annotations

from pathlib import Path

from generator.content.load import Content
from generator.i18n.catalog import Translator
from generator.site.code_links import redirect_html


def write_reason_links(out: Path, content: Content, translators: dict[str, Translator]) -> int:
    """site/{lang}/reasons/{alias}/index.html for every reason's alias; returns how many pages."""
    aliases = content.reason_aliases()
    for locale, translator in translators.items():
        for alias, reason_id in aliases.items():
            title = str(translator.lookup(content.reasons[reason_id].title))
            folder = out / locale / "reasons" / alias
            folder.mkdir(parents=True, exist_ok=True)
            page = redirect_html(locale, alias, f"{reason_id}: {title}", f"../{reason_id}/")
            (folder / "index.html").write_text(page, encoding="utf-8")
    return len(aliases) * len(translators)
