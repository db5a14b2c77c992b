"""bench/hostile.py's build part: hostile files in a small copy of the project.

Each case changes a copy of a built small project (a pipe named like a content
file, a link to /, an alias bomb in mkdocs.yml, ...), then runs `build`,
`i18n status` and `i18n glossary` in it, and prints per command: exit ("hung"
past --timeout), seconds, peak MB, a traceback, whether the site is as it was,
the build's temporary folders left beside it, and the message's first line.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ENTRY = "content/errors/4.4.316.yml"
PO = "locales/ko/LC_MESSAGES/messages.po"
ALL = (("build",), ("i18n", "status"), ("i18n", "glossary"))
BUILD = (("build",),)


def special(relative: str, kind: str):
    def change(root: Path) -> None:
        path = root / relative
        if path.exists():
            path.unlink()
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "socket":
            socket.socket(socket.AF_UNIX).bind(str(path))
        else:  # a character device, as /dev/zero (root only)
            os.mknod(path, 0o644 | 0o020000, os.makedev(1, 5))
    return change


def edited(relative: str, change_bytes):
    def change(root: Path) -> None:
        path = root / relative
        path.write_bytes(change_bytes(path.read_bytes()))
    return change


def after_line(pattern: bytes, text: bytes):
    return lambda data: re.sub(pattern, lambda found: found.group(0) + b"\n" + text, data, count=1, flags=re.M)


def linked(relative: str, target: str):
    def change(root: Path) -> None:
        path = root / relative
        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
        path.symlink_to(target)
    return change


def link_loop(root: Path) -> None:
    (root / "content/errors/zz-a.yml").symlink_to("zz-b.yml")
    (root / "content/errors/zz-b.yml").symlink_to("zz-a.yml")


def inherit(text: str, other: str | None = None, fifo: bool = False):
    def change(root: Path) -> None:
        if other is not None:
            (root / text).write_text(other, encoding="utf-8")
        if fifo:
            os.mkfifo(root / text)
        config = root / "mkdocs.yml"
        config.write_text(f"INHERIT: {text}\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    return change


ALIAS_BOMB = "\n".join(['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'] + [
    f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 9) + "]" for i in range(1, 9)]).encode()


def maintainers_file(relative: str):
    def change(root: Path) -> None:
        (root / "site" / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / "site" / relative).write_text("a maintainer's notes\n", encoding="utf-8")
    return change


def plural_forms(value: bytes):
    return lambda data: re.sub(rb'"Plural-Forms:[^"]*"', lambda _: b'"Plural-Forms: ' + value + b'\\n"', data, count=1)


def code_tag(root: Path) -> None:
    """MkDocs' loader runs the command (tests/test_bad_input.py sees its file); the build refuses it first."""
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"hook: !!python/object/apply:os.system ['touch {root / 'ran'}']\n")


def python_name(root: Path) -> None:
    """A notes.py beside mkdocs.yml named by !!python/name: MkDocs' loader imported it (tests/test_bad_input_python_names.py)."""
    (root / "notes.py").write_text(f"open({str(root / 'ran')!r}, 'w').write('ran')\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("!!python/name:markdown.extensions.toc.slugify_unicode",
                                                                 "!!python/name:notes.slug"), encoding="utf-8")


def damaged_mark(root: Path) -> None:
    mark = root / "site/.mailflow-kb-site"
    mark.write_bytes(mark.read_bytes()[:1000])


def folder_loop(relative: str):
    def change(root: Path) -> None:
        shutil.rmtree(root / relative)
        (root / relative).symlink_to(Path(relative).name)
    return change


def huge_msgstr(data: bytes) -> bytes:
    """The first translation after the header 7 MB long, under the 8 MB a source may hold."""
    at = data.index(b'msgstr "', data.index(b'msgstr "') + 1) + len(b'msgstr "')
    return data[:at] + "\uac00".encode() * 2_400_000 + data[at:]


def deep_plural(data: bytes) -> bytes:
    expression = b"(" * 100_000 + b"n != 1" + b")" * 100_000
    return re.sub(rb'"Plural-Forms:[^"]*"', lambda _: b'"Plural-Forms: nplurals=2; plural=' + expression + b';\\n"',
                  data, count=1)


CASES = {
    "pipe as entry": (special("content/errors/5.9.9.yml", "fifo"), ALL),
    "socket as entry": (special("content/errors/5.9.9.yml", "socket"), BUILD),
    "device as entry": (special("content/errors/5.9.9.yml", "device"), BUILD),
    "pipe as catalog": (special(PO, "fifo"), ALL),
    "pipe as mkdocs.yml": (special("mkdocs.yml", "fifo"), ALL),
    "entry linked to /dev/zero": (linked("content/errors/5.9.9.yml", "/dev/zero"), BUILD),
    "entry link loop": (link_loop, BUILD),
    "errors/ linked to /": (linked("content/errors", "/"), ALL),
    "content/ linked to /": (linked("content", "/"), BUILD),
    "file in site/": (maintainers_file("notes.txt"), BUILD),
    "file in site/en/": (maintainers_file("en/notes.txt"), BUILD),
    "file in site/en/errors/5.1.1/": (maintainers_file("en/errors/5.1.1/notes.txt"), BUILD),
    "file in site/api/v1/errors/": (maintainers_file("api/v1/errors/mine.json"), BUILD),
    "folder in site/en/errors/x/": (maintainers_file("en/errors/4.4.316/drafts/notes.txt"), BUILD),
    "content/pages linked round a loop": (folder_loop("content/pages"), BUILD),
    "mark cut short": (damaged_mark, BUILD),
    "catalog msgstr of 7 MB": (edited(PO, huge_msgstr), ALL),
    "entry alias bomb": (edited(ENTRY, after_line(rb"^stage:.*$", ALIAS_BOMB)), BUILD),
    "entry 10,000 deep": (edited(ENTRY, after_line(rb"^stage:.*$", b"x: " + b"{a: " * 10_000 + b"}" * 10_000)), BUILD),
    "entry tab": (edited(ENTRY, after_line(rb"^stage:.*$", b"\tx: 1")), BUILD),
    "entry BOM": (edited(ENTRY, lambda data: b"\xef\xbb\xbf" + data), BUILD),
    "entry NUL": (edited(ENTRY, lambda data: data.replace(b"title: ", b"title: a\0", 1)), BUILD),
    "entry invalid UTF-8": (edited(ENTRY, lambda data: data.replace(b"title: ", b"title: \xff", 1)), BUILD),
    "catalog NUL": (edited(PO, lambda data: data.replace(b'msgstr "', b'msgstr "\0', 2)), ALL),
    "catalog 100,000-deep plural": (edited(PO, deep_plural), ALL),
    "catalog English Plural-Forms": (edited(PO, plural_forms(b"nplurals=2; plural=(n != 1);")), ALL),
    "catalog nplurals=x": (edited(PO, plural_forms(b"nplurals=x; plural=0;")), ALL),
    "catalog plural=n/0": (edited(PO, plural_forms(b"nplurals=1; plural=n/0;")), ALL),
    "mkdocs.yml python/object/apply": (code_tag, ALL),
    "mkdocs.yml python/name: notes": (python_name, BUILD),
    "mkdocs.yml alias bomb": (edited("mkdocs.yml", after_line(rb"^extra:$", b"  " + ALIAS_BOMB.replace(b"\n", b"\n  "))), ALL),
    "mkdocs.yml 10,000 deep": (edited("mkdocs.yml", lambda data: data + b"\nx: " + b"[" * 10_000 + b"]" * 10_000), BUILD),
    "INHERIT itself": (inherit("mkdocs.yml"), ALL),
    "INHERIT a pipe": (inherit("base.yml", fifo=True), ALL),
    "INHERIT round two files": (inherit("other.yml", "INHERIT: mkdocs.yml\n"), BUILD),
}


def small_project(folder: Path) -> Path:
    sys.path.insert(0, str(REPO / "tests"))
    from conftest import SMALL_ENTRIES, copy_project, keep_only_entries

    root = copy_project(folder / "base")
    keep_only_entries(root, SMALL_ENTRIES)
    return root


def build_part(workdir: Path, run_child) -> None:
    sys.path.insert(0, str(REPO / "tests"))
    from conftest import tree_digest

    base = small_project(workdir)
    built = run_child(["--root", str(base), "build"], base)
    assert built["exit"] == 0, built["stderr"]
    print(f"\n{'case':30s} {'command':13s} {'exit':>4s} {'s':>6s} {'peak MB':>7s} site kept  left  says")
    for name, (change, commands) in CASES.items():
        root = workdir / "case"
        shutil.rmtree(root, ignore_errors=True)
        subprocess.run(["cp", "-a", str(base), str(root)], check=True)
        change(root)
        before = tree_digest(root / "site")
        for command in commands:
            got = run_child(["--root", str(root), *command], root)
            kept = tree_digest(root / "site") == before
            left = len([p for p in root.iterdir() if p.name.startswith(".site-")])
            says = next(iter(got["stderr"].strip().splitlines()), "")[:110]
            flag = " TRACEBACK" if got["traceback"] else ""
            print(f"{name:30s} {' '.join(command):13s} {got['exit']!s:>4s} {got['seconds']:6.2f} {got['mb']:7.0f} "
                  f"{'yes' if kept else 'NO':9s} {left:4d}  {says}{flag}", flush=True)
        shutil.rmtree(root, ignore_errors=True)
