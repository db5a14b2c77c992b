"""Every internal href, src and #anchor of the built site resolves."""
from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.errors import UserError


class LinkError(UserError):
    """The built site links to a page or anchor that does not exist."""


@dataclass(frozen=True)
class BrokenLink:
    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.target} ({self.reason})"


class _PageScan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            elif name in ("href", "src") and value is not None:
                self.links.append(value)


def scan(path: Path) -> _PageScan:
    parser = _PageScan()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def resolve(site: Path, page: Path, target: str) -> Path | None:
    """The file a link points at, or None for links that leave the site."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page
    base = site if parts.path.startswith("/") else page.parent
    resolved = (base / unquote(parts.path.lstrip("/"))).resolve()
    if resolved.is_dir() or parts.path.endswith("/"):
        resolved = resolved / "index.html"
    return resolved


def check_site(site: Path, skip_anchors: frozenset[str] = frozenset({"", "__search", "__drawer"})) -> list[BrokenLink]:
    site = site.resolve()
    pages = {path.resolve(): scan(path) for path in site.rglob("*.html")}
    broken = []
    for page, found in pages.items():
        shown = str(page.relative_to(site))
        for target in found.links:
            if target.startswith(("mailto:", "javascript:", "data:", "tel:")):
                continue
            resolved = resolve(site, page, target)
            if resolved is None:
                continue
            if not str(resolved).startswith(str(site)):
                broken.append(BrokenLink(shown, target, "points outside the site"))
            elif not resolved.exists():
                broken.append(BrokenLink(shown, target, "no such file"))
            else:
                anchor = unquote(urlsplit(target).fragment)
                if anchor not in skip_anchors and resolved in pages and anchor not in pages[resolved].ids:
                    broken.append(BrokenLink(shown, target, "no such anchor"))
    return sorted(broken, key=lambda b: (b.page, b.target))


def require_links(site: Path) -> None:
    """For --strict: a site with a broken internal link is not published."""
    broken = check_site(site)
    if broken:
        listed = "\n  ".join(str(link) for link in broken[:20])
        more = f"\n  (and {len(broken) - 20} more)" if len(broken) > 20 else ""
        raise LinkError(None, None, f"{len(broken)} broken internal link(s):\n  {listed}{more}",
                        "fix the links in content/ or the templates; `build` without --strict publishes anyway")
