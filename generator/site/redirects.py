"""Pages without a language that send a visitor to theirs: the site's root,
and the deep links /errors/{code}/ that NDR templates can carry.

Each is root_index.html.j2: a script that picks the language (an earlier
choice on the site, else the browser's languages, else English) and plain
links for a reader without JavaScript.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, PackageLoader

from generator.i18n.catalog import SOURCE_LOCALE
from generator.i18n.labels import LANGUAGE_NAMES
from generator.content.load import Content
from generator.i18n.localize import entry_url
from generator.site.code_links import followed_codes


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=PackageLoader("generator", "templates"), autoescape=True)


def _template():
    return _environment().get_template("root_index.html.j2")


def redirect_page(site_name: str, locales: list[str], path: str, root: str) -> str:
    """HTML that sends the visitor to {root}{lang}/{path} (keeping ?query and #hash)."""
    languages = [{"code": code, "name": LANGUAGE_NAMES.get(code, code)} for code in locales]
    return _template().render(
        site_name=site_name, languages=languages, codes=locales, default=SOURCE_LOCALE, path=path, root=root,
    )


def not_found_page(site_name: str, languages: list[dict]) -> str:
    """site/404.html, which hosts serve for any missing address: it sends the reader to
    the lookup page (a missing entry) or to their language's 404 page (not-found.js).
    languages: code, name and the translated not_found, lookup and home, source language first."""
    return _environment().get_template("not_found.html.j2").render(
        site_name=site_name, languages=languages, codes=[lang["code"] for lang in languages],
    )


def deep_link_targets(content: Content) -> dict[str, str]:
    """code -> its page inside a language: an entry's page, or for any other code the
    knowledge base knows (an alias, a range, a class-agnostic code, a code met in
    bounces) the page that sends the reader on (generator/site/code_links.py)."""
    return {code: entry_url(code) for code in [*content.entries, *followed_codes(content)]}


def write_deep_links(out: Path, content: Content, locales: list[str], site_name: str) -> int:
    """site/errors/{code}/index.html for every entry and followed code, and site/errors/index.html."""
    pages = {"errors/": ("errors/", "../")}
    for code, target in deep_link_targets(content).items():
        pages[f"errors/{code}/"] = (target, "../../")
    for where, (path, root) in pages.items():
        folder = out / where
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(redirect_page(site_name, locales, path, root), encoding="utf-8")
    return len(pages)
