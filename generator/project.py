"""The project being built: its folders, its languages and where the site goes."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.i18n.catalog import SOURCE_LOCALE
from generator.site.mkdocs_site import read_config


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


def configured_locales(root: Path) -> list[str]:
    """English first, then every locale with a folder under locales/ (as `pybabel init` makes them)."""
    raw = read_config(root / "mkdocs.yml")
    listed = (raw.get("extra") or {}).get("languages")
    if listed:
        return list(listed)
    found = sorted(p.name for p in (root / "locales").iterdir() if (p / "LC_MESSAGES").is_dir())
    return [SOURCE_LOCALE] + [code for code in found if code != SOURCE_LOCALE]
