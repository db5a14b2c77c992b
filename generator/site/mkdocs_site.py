"""Stage 5: run MkDocs once per locale, with the project's mkdocs.yml as
the real configuration and the per-locale settings laid over it."""
from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.utils.yaml import yaml_load

from generator.errors import ConfigError
from generator.site.config_file import checked_config
from generator.site.figures import Figures
from generator.i18n.labels import LANGUAGE_NAMES, UI
from generator.content.load import yaml_error
from generator.site.mkdocs_plugin import SEARCH_PLUGINS, GeneratorPlugin

DEFAULT_SITE_URL = "http://localhost/"


@dataclass(frozen=True)
class LocaleSite:
    locale: str
    docs_dir: Path
    site_dir: Path
    nav: list
    ui: dict  # translated interface strings for the theme overrides
    figures: Figures | None = None  # drawn into the pages' slots after MkDocs renders them
    template_cache: Path | None = None
    markdown: dict[str, str] | None = None  # the pages, when they are not in docs_dir


def read_config(path: Path) -> dict:
    checked_config(path, for_mkdocs=True)  # MkDocs' reading would hang on a pipe, loop on INHERIT, run code
    try:
        with path.open("rb") as handle:
            raw = yaml_load(handle) or {}
    except OSError as exc:
        raise ConfigError(path, None, f"cannot read: {exc.strerror}", "create mkdocs.yml at the project root") from None
    except Exception as exc:  # MkDocs wraps YAML's error, which carries the line
        if isinstance(exc.__context__, yaml.MarkedYAMLError):
            raise yaml_error(path, exc.__context__, ConfigError) from None
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(path, mark.line + 1 if mark else None, f"invalid YAML: {getattr(exc, 'problem', exc)}",
                          "fix mkdocs.yml") from None
    if not isinstance(raw, dict):
        raise ConfigError(path, 1, "mkdocs.yml must be a mapping", "see the MkDocs configuration docs")
    return raw


def require_site_url(raw: dict, path: Path) -> None:
    """A release (--strict) names its address: the sitemap and canonical links would say localhost."""
    if not raw.get("site_url"):
        raise ConfigError(path, None, f"site_url is not set: the sitemap and canonical links would point at "
                          f"{DEFAULT_SITE_URL}", "set site_url in mkdocs.yml to the published address, "
                          "e.g. site_url: https://kb.example.org/ (or build without --strict for a preview)")


def plugin_name(plugin) -> str:
    return plugin if isinstance(plugin, str) else next(iter(plugin))


def search_plugin(plugins: list, locale: str) -> list:
    """The search plugin entry with this locale's language; others unchanged."""
    result = []
    for plugin in plugins:
        name = plugin_name(plugin)
        if name in SEARCH_PLUGINS:
            options = {} if isinstance(plugin, str) else dict(plugin[name] or {})
            options["lang"] = [locale]
            plugin = {name: options}
        result.append(plugin)
    return result


def localized_palette(palette, ui: dict) -> list | dict | None:
    """The color-scheme toggles named in this language: mkdocs.yml names them in
    English, with strings of labels.UI (the theme writes them as HTML)."""
    if not isinstance(palette, list):
        return palette
    key_of = {english: key for key, english in UI.items()}
    result = []
    for option in palette:
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if toggle and toggle.get("name") in key_of:
            option = {**option, "toggle": {**toggle, "name": ui[key_of[toggle["name"]]]}}
        result.append(option)
    return result


def localized_extensions(extensions: list, ui: dict) -> list:
    """The heading permalinks' title in this language (Python-Markdown escapes it)."""
    result = []
    for extension in extensions:
        if isinstance(extension, dict) and "toc" in extension:
            extension = {"toc": {**(extension["toc"] or {}), "permalink_title": html.unescape(ui["permalink"])}}
        result.append(extension)
    return result


def locale_config(raw: dict, root: Path, site: LocaleSite, locales: list[str]):
    theme = dict(raw.get("theme") or {})
    theme["language"] = site.locale
    theme["custom_dir"] = str(root / "site_overrides")
    theme.setdefault("font", False)
    theme["palette"] = localized_palette(theme.get("palette"), site.ui)
    extra = dict(raw.get("extra") or {})
    extra["alternate"] = [{"name": LANGUAGE_NAMES.get(code, code), "lang": code, "link": f"/{code}/"} for code in locales]
    extra["ui"] = site.ui
    extra["locale"] = site.locale
    base_url = raw.get("site_url") or DEFAULT_SITE_URL
    return dict(
        config_file=str(root / "mkdocs.yml"),
        docs_dir=str(site.docs_dir),
        site_dir=str(site.site_dir),
        site_url=base_url.rstrip("/") + f"/{site.locale}/",
        theme=theme,
        plugins=search_plugin(list(raw.get("plugins") or ["search"]), site.locale),
        extra=extra,
        nav=site.nav,
        markdown_extensions=localized_extensions(list(raw.get("markdown_extensions") or []), site.ui),
    )


def build_locale(raw: dict, root: Path, site: LocaleSite, locales: list[str], strict: bool = False,
                 dirty: bool = False) -> None:
    """One language's MkDocs build. A dirty build (the preview) rebuilds only
    pages whose Markdown is newer than their HTML, and leaves the search index
    of the last full build in place, since it would only hold those pages."""
    logging.getLogger("mkdocs").setLevel(logging.ERROR if dirty else logging.WARNING)
    settings = locale_config(raw, root, site, locales)
    if dirty:
        settings["plugins"] = [p for p in settings["plugins"] if plugin_name(p) not in SEARCH_PLUGINS]
    try:
        config = load_config(**settings, strict=strict)
        if site.figures is not None:
            config.plugins["mfkb"] = GeneratorPlugin(site.figures, site.template_cache, site.markdown)
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            mkdocs_build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
    except ConfigurationError as exc:
        raise ConfigError(root / "mkdocs.yml", None, f"MkDocs rejected the configuration: {exc}",
                          "fix mkdocs.yml") from None
    except Abort as exc:
        raise ConfigError(root / "mkdocs.yml", None, f"MkDocs stopped the {site.locale} build: {exc}",
                          "see the warnings above") from None
