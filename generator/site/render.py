"""Stage 4: render each page of one locale as Markdown for MkDocs.

Content strings arrive as `Localized` values; the `md` filter escapes them,
marks English fallbacks on translated pages and records what it showed, so
the page can carry a notice when something is not (or no longer) translated.
Beside each translated block it puts the English original, hidden until the
reader turns the originals on (site_overrides: the toggle in main.html).
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache, partial
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markdown.extensions.toc import slugify_unicode

from generator.i18n.catalog import Localized, Status, Translator
from generator.site.diagram import deferral_example, delivery_path, retry_timeline
from generator.content.escaping import code_html, html_text, literal_html, markdown_escape, one_line, unmarked
from generator.site.figures import Figures
from generator.site.jinja_cache import bytecode_cache
from generator.site.language_parts import is_english
from generator.site.urls import API_ROOT, api_entry, api_reason
from generator.i18n.reviewed import review_dates, time_tag


def has_original(value) -> bool:
    """A translated string whose English differs from what the page shows."""
    return isinstance(value, Localized) and not value.is_fallback and value.source != str(value)


# Interface strings recur on every page: each is escaped once per process.
escaped_interface_text = lru_cache(maxsize=4096)(markdown_escape)

ORIGINAL_BLOCK = '<p class="mfkb-original" lang="en" hidden markdown="span">'


def heading_slug(markdown: str) -> str:
    """The id Python-Markdown's toc (slugify_unicode, as mkdocs.yml sets it) gives a heading of this text."""
    return slugify_unicode(html.unescape(re.sub(r"<[^>]*>|`", "", markdown)), "-")


class PageRenderer:
    """Jinja2 environment for one locale."""

    def __init__(self, translator: Translator, figures: Figures | None = None, template_cache: Path | None = None):
        self.translator = translator
        self.figures = figures or Figures()
        self.env = Environment(
            loader=PackageLoader("generator", "templates"),
            bytecode_cache=bytecode_cache(template_cache),
            extensions=["jinja2.ext.i18n"],
            autoescape=False,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.install_gettext_callables(self.interface_text, self.interface_plural, newstyle=True)
        self.env.filters["md"] = self.markdown_text
        self.env.filters["heading"] = lambda value: self.markdown_text(value, beside=False)
        self.env.filters["original"] = self.original_block
        self.env.globals["review_dates"] = partial(review_dates, locale=translator.locale)
        self.env.filters["time_tag"] = partial(time_tag, locale=translator.locale)
        self.env.filters["plain"] = self.plain_text
        self.env.filters["yamlstr"] = lambda value: json.dumps(html_text(value), ensure_ascii=False)
        self.env.filters["indent_md"] = lambda text, n=4: text.replace("\n", "\n" + " " * n)
        # Literal text (reply lines, emitters, document titles) and link addresses: shown exactly as written.
        self.env.filters["literal"] = lambda text: literal_html(one_line(text))
        self.env.filters["literal_code"] = lambda text: code_html(one_line(text))
        self.env.filters["href"] = lambda url: html.escape(url, quote=True)
        self.env.filters["host"] = lambda url: literal_html(urlsplit(url).hostname or "")
        # English on a page of another language, marked lang="en" (a source's title): generator/site/language_parts.py
        self.env.tests["foreign_english"] = lambda text: not translator.is_source and is_english(text)
        self.env.globals["delivery_path"] = self.delivery_path
        self.env.globals["retry_timeline"] = self.retry_timeline
        self.env.globals["section_heading"] = self.section_heading
        self.env.globals.update(api_root=API_ROOT, api_entry=api_entry, api_reason=api_reason)
        self.env.globals["N_"] = lambda english: english  # marks English for pybabel, translated by section_heading()

    def record(self, value) -> None:
        if isinstance(value, Localized):
            self.translator.used.append(value)

    def plain_text(self, value) -> str:
        """For Markdown that takes one line and no fallback mark (link text, table cells)."""
        self.record(value)
        return markdown_escape(str(value))

    def shown_text(self, value) -> str:
        """What the reader sees of a string (entities decoded), for output that escapes itself (SVG)."""
        self.record(value)
        return html.unescape(unmarked(one_line(value)))

    def interface_text(self, english: str) -> str:
        """`_()` in the templates: a translation is Markdown text like content (its
        %(name)s values come from the template and are not escaped)."""
        return escaped_interface_text(str(self.translator.gettext(english)))

    def interface_plural(self, singular: str, plural: str, n: int) -> str:
        return self.interface_text(singular if n == 1 else plural)

    def markdown_text(self, value, beside: bool = True) -> str:
        """A block of text; with `beside`, a translated one carries its English original."""
        self.record(value)
        text = markdown_escape(str(value))
        if self.translator.is_source or not isinstance(value, Localized):
            return text
        if value.is_fallback:
            return f'<span class="mfkb-fallback" lang="en" data-status="{value.status.value}">{text}</span>'
        if beside and has_original(value):
            return f'{text} <span class="mfkb-original" lang="en" hidden data-search-exclude>{markdown_escape(unmarked(value.source))}</span>'
        return text

    def original_block(self, value) -> str:
        """A heading's English original, as a paragraph of its own under it
        (inside the heading it would change the anchor and the table of contents)."""
        if self.translator.is_source or not has_original(value):
            return ""
        return f"{ORIGINAL_BLOCK}{markdown_escape(unmarked(value.source))}</p>"

    def section_heading(self, value, anchor: str | None = None) -> str:
        """A section heading (##) with the same id in every language: `anchor`, else the
        slug of its English. The slugs of its English and of what it shows, when they differ
        from that id, stay as extra anchors in front of it (links to #how-to-fix-it, #원인),
        each naming its section for the language switch (mfkb.js).
        value: a content string, or the English of an interface string (`section_heading(N_("Causes"), "causes")`)."""
        if isinstance(value, Localized):
            english, shown = value.source, self.markdown_text(value, beside=False)
        else:
            english, shown = str(value), self.interface_text(str(value))
        anchor = anchor or heading_slug(english)
        extras = dict.fromkeys(slug for slug in (heading_slug(shown), heading_slug(english)) if slug and slug != anchor)
        lines = [f'<div id="{html.escape(slug)}" data-mfkb-section="{html.escape(anchor)}"></div>\n' for slug in extras]
        return "\n".join([*lines, f"## {shown} {{#{anchor}}}"])

    def delivery_path(self, entry) -> str:
        """Inline SVG of the delivery path with the step where the entry's code fails."""
        figure = delivery_path(entry["code"], entry["stage"], entry["severity"], self.shown_text(entry["title"]),
                               self.translator.gettext)
        return self.figures.slot(f"path-{entry['code']}", figure)

    def retry_timeline(self, entries, texts) -> str:
        """Inline SVG of retries and expiry, for an entry that `texts` names."""
        deferral = deferral_example(entries, texts)
        return self.figures.slot(f"timeline-{deferral.code}", retry_timeline(deferral, self.translator.gettext))

    def render(self, template: str, **context) -> str:
        self.translator.start_page()
        body = self.env.get_template(template).render(**context)
        return self.with_notice(body)

    def with_notice(self, body: str) -> str:
        """Put the fallback notice right after the front matter and first heading."""
        states = self.translator.fallbacks()
        if not states or self.translator.is_source:
            return body
        notice = self.env.get_template("notice.md.j2").render(
            missing=Status.missing in states, fuzzy=Status.fuzzy in states
        )
        head, sep, rest = body.partition("\n# ")
        if not sep:
            return notice + body
        title, _, after = rest.partition("\n")
        if after.startswith(ORIGINAL_BLOCK):  # the heading's original stays right under it
            original, _, after = after.partition("\n")
            title += "\n" + original
        return f"{head}\n# {title}\n\n{notice}\n{after}"
