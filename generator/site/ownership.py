"""The site folder belongs to the build: a build replaces it whole, so it
must never be a folder that holds anything else (the project, its sources,
a folder of someone's files). The build marks its output with a file in the
site's root, which lists every file it wrote, and only an empty folder or a
marked one that holds nothing else is built into."""
from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from generator.errors import ConfigError
from generator.site.output import unused_names

MARKER = ".mailflow-kb-site"
# The project's own folders: its sources, and what git keeps.
SOURCE_FOLDERS = ("content", "locales", "site_overrides", ".git")
# What a file manager leaves in every folder it shows (Finder's view settings and resource forks,
# Windows Explorer's thumbnails and folder settings): no one's work, and remade when the folder is
# opened again, so a build may replace them with the rest (git's usual ignore lists skip them too).
FILE_MANAGER_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", "ehthumbs.db"})
# A mark lists about 3,200 files in 100 KB; no site of this generator's comes near this.
MAX_MARK_BYTES = 64 * 1024 * 1024
CHOOSE_ANOTHER = "give --site-dir a new or empty folder, or leave it out to build into site/ in the project"


def require_own_site_dir(root: Path, site_dir: Path) -> None:
    """Refuse a site folder the build does not own: before anything is touched, and again before the
    new site is swapped in (a file put into the old one meanwhile would go with it)."""
    root, site = root.resolve(), site_dir.resolve()
    why, hint = refusal(root, site)
    if why:
        raise ConfigError(site_dir, None, f"will not build into this folder: {why}; a build replaces "
                          "its site folder whole, deleting what is in it", hint)


def refusal(root: Path, site: Path) -> tuple[str, str]:
    """(why the build may not own site, what to do), or ("", "") when it may."""
    if site == root:
        return "it is the project folder", CHOOSE_ANOTHER
    if root.is_relative_to(site):
        return f"it holds the project folder {root}", CHOOSE_ANOTHER
    for name in SOURCE_FOLDERS:
        if site.is_relative_to(root / name):
            return f"it is the project's {name}/ folder or inside it", CHOOSE_ANOTHER
    if site.exists() and not site.is_dir():
        return "it is a file, not a folder", CHOOSE_ANOTHER
    if (site / "mkdocs.yml").exists():
        return "it holds a mkdocs.yml (a project folder)", CHOOSE_ANOTHER
    if site.is_dir() and not is_built_site(site) and any(not left_by_a_file_manager(entry.name)
                                                         for entry in site.iterdir()):
        return ("it holds files that no build of this site made",
                f"move its files elsewhere, or {CHOOSE_ANOTHER}")
    strangers = names_not_built(site) if site.is_dir() else []
    if strangers:
        more = f" and {len(strangers) - 3} more" if len(strangers) > 3 else ""
        return (f"it holds {', '.join(strangers[:3])}{more}, which no build of this site made",
                "move them out of the site folder (copy them in after each build if they are to be served "
                f"with the site), or {CHOOSE_ANOTHER}")
    return "", ""


def entries_of(site: Path, enter) -> Iterator[tuple[str, bool, int]]:
    """(path relative to site, whether it is a folder, its depth) of each entry under site but the
    mark; a folder is gone into when enter(its path, its depth) says so. A link is not followed."""
    folders = [("", 1)]
    while folders:
        folder, depth = folders.pop()
        with os.scandir(site / folder) as entries:
            for entry in entries:
                path = f"{folder}{entry.name}"
                if path == MARKER:
                    continue
                is_folder = entry.is_dir(follow_symlinks=False)
                yield path, is_folder, depth
                if is_folder and enter(path, depth):
                    folders.append((f"{path}/", depth + 1))


def files_of(site: Path) -> list[str]:
    """Every file a build made (anything but a folder), to be listed in its mark."""
    return sorted(path for path, is_folder, _ in entries_of(site, lambda path, depth: True) if not is_folder)


def names_not_built(site: Path) -> list[str]:
    """What the site holds that its build did not list in its mark, at any depth: a file, or the
    topmost folder of files none of which it made. The mark of an older version lists only the
    first two levels, and only they are checked; the first version's mark, without a list, says
    nothing."""
    listing = listed(site)
    if listing is None:
        return []
    known, reach = listing

    def within(path: str, depth: int) -> bool:
        return path in known and (reach is None or depth < reach)

    return sorted(path for path, _, _ in entries_of(site, within)
                  if path not in known and not left_by_a_file_manager(path))


def keep_what_was_put_in(old: Path, new: Path) -> list[str]:
    """Once the new site is in place: what the old one holds that no build made was put in after the
    last check (the check and the swap are two steps), and goes into the new site at the same path
    instead of being deleted with the old tree; the next build then names it. Where the new site
    made a file at that path too, it is kept beside it as NAME.kept-XXXXXXXX. Should the old mark have been
    damaged meanwhile, whatever the new site does not hold is kept. Returns the paths kept."""
    try:
        kept = names_not_built(old)
    except ConfigError:
        kept = [path for path, _, _ in entries_of(old, lambda path, depth: (new / path).is_dir())
                if not os.path.lexists(new / path)]
    for path in kept:
        move_into(old / path, new / path)
    return kept


def move_into(source: Path, target: Path) -> None:
    """source to target; a folder into the folder there, each of its entries in turn; a file where the
    target is taken, beside it as NAME.kept-XXXXXXXX."""
    if not os.path.lexists(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(source, target)
    elif all(path.is_dir() and not path.is_symlink() for path in (source, target)):
        for entry in os.listdir(source):
            move_into(source / entry, target / entry)
    else:
        os.rename(source, next(unused_names(target.parent, f"{target.name}.kept-")))


def left_by_a_file_manager(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return name in FILE_MANAGER_FILES or name.startswith("._")


def listed(site: Path) -> tuple[set[str], int | None] | None:
    """(what the mark of the site lists, with the folders that hold it; how many levels that covers, None
    for all), or None for a site without a mark or with the first version's (no list). A mark that is
    there but is not one a build wrote (cut short, edited by hand, a folder) is refused: which files
    the build may replace would be a guess."""
    mark = site / MARKER
    try:
        if not stat.S_ISREG(os.lstat(mark).st_mode):
            raise damaged(mark, "it is not a file")
        with open(mark, "rb") as handle:
            data = handle.read(MAX_MARK_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise damaged(mark, f"it cannot be read ({exc.strerror})") from None
    if len(data) > MAX_MARK_BYTES:
        raise damaged(mark, f"it holds over {MAX_MARK_BYTES // 1024 // 1024} MB, more than a build writes")
    try:
        content = json.loads(data.decode("utf-8"))
    except ValueError:
        raise damaged(mark, "it is not the JSON a build writes") from None
    if not isinstance(content, dict) or content.get("generator") != "mailflow-kb":
        raise damaged(mark, "it does not say which generator wrote it")
    for key, reach in (("files", None), ("names", 2)):
        if key in content:
            paths = content[key]
            if not isinstance(paths, list) or not all(isinstance(path, str) and path for path in paths):
                raise damaged(mark, f'its "{key}" is not a list of paths')
            return (listed_with_their_folders(paths) if reach is None else set(paths)), reach
    if set(content) != {"generator", "pages"}:
        raise damaged(mark, "it lists no files")
    return None


def damaged(mark: Path, why: str) -> ConfigError:
    return ConfigError(mark, None, f"this mark of a built site is damaged: {why}, so which files in "
                       f"{mark.parent.name}/ a build made is not known, and none is replaced",
                       f"move any file of your own out of {mark.parent}, then delete {mark} and build "
                       "again (a build's site without its mark is known by its layout)")


def listed_with_their_folders(files: list[str]) -> set[str]:
    """The paths of a mark's list, and of every folder that holds one."""
    known = set()
    for path in files:
        known.add(path)
        parts = path.split("/")
        known.update("/".join(parts[:end]) for end in range(1, len(parts)))
    return known


def is_built_site(site: Path) -> bool:
    """A previous build's output: marked, or (built before the mark existed)
    laid out as only this generator lays a site out."""
    if (site / MARKER).is_file():
        return True
    return (site / "index.html").is_file() and (site / "api" / "v1").is_dir() and (site / "_headers").is_file()


def mark_as_built(site: Path, pages: int) -> None:
    """Written into the new site before it is swapped in, so the next build
    knows the folder as its own, how many pages it held, and each file it made."""
    mark = {"generator": "mailflow-kb", "pages": pages, "files": files_of(site)}
    (site / MARKER).write_text(json.dumps(mark) + "\n", encoding="utf-8")


def mark_of(site: Path) -> dict:
    """What the mark of the site in place says; {} when it says nothing readable."""
    try:
        mark = json.loads((site / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return mark if isinstance(mark, dict) else {}


def pages_built_before(site: Path) -> int | None:
    """How many pages the site in place holds, as its mark says; None when unknown."""
    pages = mark_of(site).get("pages")
    return pages if isinstance(pages, int) else None


def require_no_big_shrink(site: Path, pages: int, allowed: bool) -> None:
    """A build that would drop more than half of the site's pages is more
    likely a mistake (a folder emptied, a bad merge) than an intention."""
    before = pages_built_before(site)
    if not allowed and before and pages * 2 < before:
        raise ConfigError(site, None, f"this build would publish {pages} pages where the site has {before}: more "
                          "than half of them would go", "if entries were removed on purpose, build again with "
                          "--allow-shrink")
