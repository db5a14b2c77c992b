"""What the generator adds to MkDocs' build of one language, as a plugin
that build_locale puts into the configuration (it is not in mkdocs.yml:
a bare `mkdocs build` of the generated Markdown runs without it)."""
from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader, PrefixLoader
from mkdocs.plugins import BasePlugin

from .figures import Figures
from .jinja_cache import bytecode_cache

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


def shared_nav_key(page, nav) -> str | None:
    """Pages outside the nav share its rendering with others at the same depth."""
    if page is None or nav is None or page in nav.pages:
        return None
    return f"depth-{page.url.count('/')}"


class GeneratorPlugin(BasePlugin):
    def __init__(self, figures: Figures, template_cache: Path | None = None):
        super().__init__()
        self.figures = figures
        self.template_cache = template_cache
        self.navs: dict[str, str] = {}

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

    def on_post_page(self, output: str, page, config) -> str:
        return self.figures.fill(output)
