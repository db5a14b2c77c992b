"""Reading a file a user put under content/ or locales/.

Only regular files that are inside their folder are read: a link to a file
elsewhere on the machine (/etc/passwd, another checkout) would publish it, and
a pipe or device would hang the build. A link to another file inside the same
folder is fine (one file serving under two names).
"""
from __future__ import annotations

import errno
import os
import re
import stat
from functools import lru_cache
from pathlib import Path

from generator.errors import UserError

# The most a content file or a catalog may hold (the Korean catalog is under 1 MB): reading a file of
# 50 MB took the build minutes, and a catalog's 30 MB string 1.3 GB of memory.
MAX_SOURCE_BYTES = 8 * 1024 * 1024


@lru_cache(maxsize=256)
def real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def forget_real_folders() -> None:
    """At the start of each reading of a tree (the content, a locale's
    catalogs): a folder may have become a link since the last one, in a
    process that builds again and again (the preview, the tests)."""
    real_folder.cache_clear()


def inside(path: Path, tree: Path, error: type[UserError]) -> Path:
    """Where path really is; refused when that is outside tree or nowhere."""
    if not os.path.islink(path):  # the usual case: only its folder can lead elsewhere, and is resolved once
        target = Path(real_folder(str(path.parent)), path.name)
        if target.is_relative_to(real_folder(str(tree))):
            return target
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        raise error(path, None, f"the file is a link to {os.readlink(path)}, which does not exist",
                    "point the link at an existing file, or remove it") from None
    except (OSError, RuntimeError) as exc:  # a loop of links
        raise error(path, None, f"the link cannot be followed: {getattr(exc, 'strerror', None) or exc}",
                    "replace the link with the file itself") from None
    if not target.is_relative_to(tree.resolve()):
        raise error(path, None, f"the file points outside {tree.name}/ (to {target})",
                    f"copy the file into {tree.name}/ instead of linking to it")
    return target


def read_source_bytes(path: Path, tree: Path, error: type[UserError]) -> bytes:
    """The bytes of path, a regular file inside tree, or one message saying why not."""
    target = inside(path, tree, error)
    try:
        mode = target.stat().st_mode
        if stat.S_ISDIR(mode):
            raise error(path, None, f"{path.name} is a folder, not a file",
                        f"only files may be named *{path.suffix}: rename or move the folder")
        if not stat.S_ISREG(mode):
            raise error(path, None, f"{path.name} is not a regular file (a pipe, socket or device)",
                        "replace it with a plain text file")
        with target.open("rb") as handle:
            data = handle.read(MAX_SOURCE_BYTES + 1)
    except PermissionError:
        raise error(path, None, "cannot read the file: permission denied",
                    f"make it readable for the user who builds the site, e.g. `chmod a+r {path.name}`") from None
    except OSError as exc:
        raise error(path, None, f"cannot read the file: {exc.strerror}",
                    "check that the file exists and is readable") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise error(path, None, f"{path.name} holds over {MAX_SOURCE_BYTES // 1024 // 1024} MB, more than a source file does",
                    "split it, or remove what was pasted into it by mistake")
    return data


def require_folder_inside(folder: Path, tree: Path, error: type[UserError]) -> None:
    """A folder of sources that leads outside tree (content/errors linked to /) is refused by its
    name: each file in it would be refused, and a folder with none built a site without them; so is
    a name that is there but no folder (a file, a link round a loop), which built a site without them."""
    if os.path.lexists(folder) and not folder.is_dir():  # its files were left out without a word
        try:
            os.stat(folder)
            why = "is not a folder"
        except OSError as exc:
            why = f"is a link that leads {'round a loop' if exc.errno == errno.ELOOP else 'to nothing'}"
        raise error(folder, None, f"{folder.name} {why}", f"make {folder.name} a folder of the .yml files it "
                    "is for, or remove it")
    real = Path(real_folder(str(folder)))
    if folder.is_dir() and not real.is_relative_to(real_folder(str(tree))):
        raise error(folder, None, f"the folder points outside {tree.name}/ (to {real})",
                    f"copy the files into {tree.name}/ instead of linking to the folder")


# What a source may hold (YAML 1.2, 5.1; a catalog writes the others escaped): tab, line ends and
# printable characters.
NOT_TEXT_RE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def refuse_control_characters(path: Path, text: str, error: type[UserError]) -> None:
    """YAML readers refuse a NUL byte or another control character without saying on which line;
    Babel's catalog reader keeps it, and the page shows it."""
    found = NOT_TEXT_RE.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        name = "a NUL byte" if found.group() == "\0" else "a control character"
        raise error(path, line, f"{name} (U+{ord(found.group()):04X}) in the text",
                    "remove it; a file saved as UTF-16 is full of NUL bytes: save it as UTF-8")
