"""The project being built: its folders, its languages and where the site goes."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.content.load import yaml_error
from generator.errors import ConfigError
from generator.i18n.catalog import SOURCE_LOCALE
from generator.site.config_file import checked_config


@dataclass
class Project:
    root: Path
    site_dir: Path | None = None
    locales: list[str] = field(default_factory=list)
    use_cache: bool = True

    def __post_init__(self):
        self.root = self.root.resolve()
        self.site_dir = (self.site_dir or self.root / "site").resolve()
        if not self.locales:
            self.locales = configured_locales(self.root)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def template_cache(self) -> Path | None:
        """Compiled Jinja templates, the theme's and ours, kept between builds
        (like Material's .cache/): each language's build runs in a fresh
        process that would compile them again. Keyed by the templates'
        source, so the output is the same with or without it."""
        return self.root / ".cache" / "templates" if self.use_cache else None


class SettingsLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML's safe reading: a tag that would run code (`!!python/object/apply:...`)
    or that MkDocs resolves (`!ENV`, `!relative`, `!!python/name:...`) is read as nothing."""


SettingsLoader.add_multi_constructor("", lambda loader, tag, node: None)


def read_settings(path: Path) -> dict:
    """mkdocs.yml as the commands that only read settings need it (the
    languages, site_url). MkDocs' own build reads it with MkDocs' loader, which
    runs what the file says: mkdocs.yml is code."""
    data = checked_config(path)
    try:
        raw = yaml.load(data, Loader=SettingsLoader) or {}
    except yaml.MarkedYAMLError as exc:
        raise yaml_error(path, exc, ConfigError) from None
    except yaml.YAMLError as exc:
        raise ConfigError(path, None, f"invalid YAML: {exc}", "fix mkdocs.yml") from None
    if not isinstance(raw, dict):
        raise ConfigError(path, 1, "mkdocs.yml must be a mapping", "see the MkDocs configuration docs")
    return raw


def configured_locales(root: Path) -> list[str]:
    """extra.languages of mkdocs.yml; when it is not set, English first, then
    every locale with a folder under locales/ (as `pybabel init` makes them)."""
    path = root / "mkdocs.yml"
    listed = (read_settings(path).get("extra") or {}).get("languages")
    if listed is None:
        found = sorted(p.name for p in (root / "locales").iterdir() if (p / "LC_MESSAGES").is_dir())
        return [SOURCE_LOCALE] + [code for code in found if code != SOURCE_LOCALE]
    return checked_languages(listed, path)


def checked_languages(listed, path: Path) -> list[str]:
    line = setting_line(path, "languages")
    example = f"write it as a list with English, the source, first: languages: [{SOURCE_LOCALE}, ko]"
    if not isinstance(listed, list) or not all(isinstance(code, str) and code for code in listed):
        raise ConfigError(path, line, f"extra.languages must be a list of language codes, not {listed!r}", example)
    for index, code in enumerate(listed):
        if code in listed[:index]:
            raise ConfigError(path, line, f"extra.languages lists '{code}' twice", "list each language once")
    if SOURCE_LOCALE not in listed:
        raise ConfigError(path, line, f"extra.languages lacks '{SOURCE_LOCALE}': English is the source every page "
                          "is written in, and the fallback of every other language", example)
    return list(listed)


def setting_line(path: Path, key: str) -> int | None:
    """The line where key is set in a YAML file, for a message."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*:")
    return next((number for number, text in enumerate(lines, 1) if pattern.match(text)), None)
