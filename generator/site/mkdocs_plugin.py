"""What the generator adds to MkDocs' build of one language, as a plugin
that build_locale puts into the configuration (it is not in mkdocs.yml:
a bare `mkdocs build` of the generated Markdown runs without it)."""
from __future__ import annotations

import os
from functools import partial
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader, PrefixLoader
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, file_sort_key

from generator.i18n.catalog import SOURCE_LOCALE
from generator.site.figures import Figures
from generator.site.jinja_cache import bytecode_cache
from generator.site.language_parts import mark_english_code
from generator.site.options import keep_options_whole
from generator.search.sections import ORIGINAL_SPAN, originals_last, sections

SEARCH_PLUGINS = ("search", "material/search")

THEME_PREFIX = "mfkb-theme"

# Material's navigation, rendered once for all the pages it is the same on:
# the pages outside the nav (the entries, nearly every page of the site) at
# one folder depth, since the links in it are relative. It was a tenth of
# MkDocs' time per page.
NAV_ONCE = f"""\
{{%- set key = mfkb_nav_key(page, nav) -%}}
{{%- if key and mfkb_navs[key] is defined -%}}
  {{{{- mfkb_navs[key] -}}}}
{{%- else -%}}
  {{%- set html -%}}{{% include "{THEME_PREFIX}/partials/nav.html" %}}{{%- endset -%}}
  {{{{- mfkb_keep_nav(key, html) -}}}}
{{%- endif -%}}"""


def index_page(index, material_indexes, page) -> None:
    """Material's search index gets the page's sections from
    generator.search.sections, or from its own parser when that declines."""
    content = originals_last(page.content)
    found = sections(content) if not page.meta.get("search") and not page.meta.get("tags") else None
    if found is None:
        # Material's parser would walk every tag of the English originals before
        # skipping them (data-search-exclude): half a Korean page's text.
        shown = page.content
        page.content = ORIGINAL_SPAN.sub("", content)
        try:
            material_indexes(page)
        finally:
            page.content = shown
        return
    for anchor, title, text in found:
        index.entries.append({
            "location": f"{page.url}#{anchor}" if anchor else page.url,
            "title": title or str(page.meta.get("title", page.title)),
            "text": text,
        })


def listed_outside_dot_folders(searchpaths: list[str]) -> list[str]:
    """The theme's files as Jinja's FileSystemLoader lists them, without
    walking into folders whose names start with a dot: MkDocs drops every
    such path when it copies the theme's files, and Material's .icons alone
    holds over ten thousand."""
    found = set()
    for searchpath in searchpaths:
        for folder, subfolders, names in os.walk(searchpath):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            relative = os.path.relpath(folder, searchpath)
            for name in names:
                found.add(name if relative == "." else f"{relative}/{name}".replace(os.sep, "/"))
    return sorted(found)


def shared_nav_key(page, nav) -> str | None:
    """Pages outside the nav share its rendering with the others in the same folder
    (errors/, reasons/): from there the nav's relative links are the same. Depth alone
    is not enough: from reasons/x/ the reasons index is ../, from errors/x/ ../../reasons/."""
    if page is None or nav is None or page in nav.pages:
        return None
    return "in-" + page.url.rstrip("/").rpartition("/")[0]


class GeneratorPlugin(BasePlugin):
    def __init__(self, figures: Figures, template_cache: Path | None = None, markdown: dict[str, str] | None = None):
        super().__init__()
        self.figures = figures
        self.template_cache = template_cache
        self.markdown = markdown
        self.navs: dict[str, str] = {}

    @event_priority(-100)  # after the search plugin has set up its index
    def on_config(self, config):
        for name in SEARCH_PLUGINS:
            index = getattr(config.plugins.get(name), "search_index", None)
            if index is not None:
                index.add_entry_from_context = partial(index_page, index, index.add_entry_from_context)
        theme_env = config.theme.get_env

        def get_env():
            env = theme_env()
            env.loader.list_templates = partial(listed_outside_dot_folders, env.loader.searchpath)
            return env

        config.theme.get_env = get_env
        return config

    def on_files(self, files, config):
        """The pages rendered in memory join the theme's files, in the order
        MkDocs gives files it finds in docs_dir."""
        if self.markdown is None:
            return files
        # Empty stand-ins: on_page_read_source hands over each page's Markdown,
        # so that it is not held twice while MkDocs has every page in memory.
        pages = sorted((File.generated(config, uri, content="") for uri in self.markdown), key=file_sort_key)
        return Files(pages + list(files))

    def on_page_read_source(self, page, config):
        return self.markdown.pop(page.file.src_uri, None) if self.markdown is not None else None

    def on_env(self, env, config, files):
        env.loader = ChoiceLoader([
            DictLoader({"partials/nav.html": NAV_ONCE}),
            PrefixLoader({THEME_PREFIX: env.loader}),
            env.loader,
        ])
        env.bytecode_cache = bytecode_cache(self.template_cache)
        env.globals.update(mfkb_nav_key=shared_nav_key, mfkb_navs=self.navs, mfkb_keep_nav=self.keep_nav)
        return env

    def keep_nav(self, key: str | None, html: str) -> str:
        if key:
            self.navs[key] = html
        return html

    def on_page_content(self, html: str, page, config, files) -> str:
        html = keep_options_whole(html)
        return html if config.theme["language"] == SOURCE_LOCALE else mark_english_code(html)

    def on_post_page(self, output: str, page, config) -> str:
        return self.figures.fill(output)
