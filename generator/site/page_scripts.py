"""The scripts a page loads, in order: its template's front matter (mfkb_scripts),
which main.html turns into <script> elements. Tests and benches load the same list,
so that the order is written in one place."""
from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
SCRIPTS = Path(__file__).resolve().parents[2] / "site_overrides" / "assets" / "javascripts"
SCRIPTS_LINE_RE = re.compile(r"^mfkb_scripts: \[([^\]]*)\]$", re.M)


def page_scripts(template: str) -> list[Path]:
    """The script files of a page made from generator/templates/<template>.md.j2, in load order."""
    found = SCRIPTS_LINE_RE.search((TEMPLATES / f"{template}.md.j2").read_text(encoding="utf-8"))
    if not found:
        raise ValueError(f"generator/templates/{template}.md.j2 names no mfkb_scripts")
    return [SCRIPTS / f"{name.strip()}.js" for name in found.group(1).split(",")]
