"""Stage 6: the output folder is built aside and swapped in whole (as
Lektor's builder does), so a failed build leaves the previous site as it was."""
from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import secrets
import shutil
import signal
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from generator.errors import UserError

REMOVING_THREADS = 8
# renameat2(2): relative to the working directory; swap the two names.
AT_FDCWD = -100
RENAME_EXCHANGE = 2


@contextmanager
def staging_area(site_dir: Path):
    """A private temporary folder beside site_dir (same file system, so the
    final rename is atomic), made and swapped in under the build lock, and
    removed whatever happens. A full disk or a folder the user may not write
    becomes a message."""
    try:
        with build_lock(site_dir):
            remove_leftovers(site_dir)
            with private_folder(site_dir.parent, f".{site_dir.name}-build-") as work:
                yield work
    except OSError as exc:
        if exc.errno not in WRITE_ERRORS:
            raise
        raise write_error(exc, site_dir) from None


@contextmanager
def private_folder(parent: Path, prefix: str):
    """A new folder in parent, only the user's, named prefix and eight random hex digits, removed
    whatever happens. Made inside the try: a signal between mkdtemp's mkdir and its return (the
    moment the folder appears) left the folder behind, its name known to no one."""
    for folder in unused_names(parent, prefix):
        ours = True
        try:
            try:
                folder.mkdir(mode=0o700)
            except FileExistsError:  # made by someone else since the name was chosen
                ours = False
                continue
            yield folder
            break
        finally:
            if ours:
                remove_tree(folder)


def unused_names(parent: Path, prefix: str) -> Iterator[Path]:
    """Paths in parent that nothing has yet: the prefix and eight random hex digits."""
    while True:
        path = parent / f"{prefix}{secrets.token_hex(4)}"
        if not os.path.lexists(path):
            yield path


@contextmanager
def build_lock(site_dir: Path):
    """One build at a time into site_dir; one started meanwhile says whom it
    waits for. The lock file holds the holder's pid; the kernel releases the
    lock when the holder ends, however it ends."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    path = site_dir.parent / f".{site_dir.name}.lock"
    with open(path, "a+", encoding="ascii") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            print(f"{path}: another build (pid {holder}) is building into {site_dir}; waiting for it to finish",
                  file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.truncate(0)
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_leftovers(site_dir: Path) -> None:
    """Staging and retired folders of builds that were killed: under the
    lock, no other build is using any."""
    for kind in ("build", "old"):
        for folder in site_dir.parent.glob(f".{site_dir.name}-{kind}-*"):
            if folder.is_dir() and not folder.is_symlink():
                remove_tree(folder)


WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


def write_error(exc: OSError, site_dir: Path) -> UserError:
    where = Path(exc.filename) if exc.filename else site_dir.parent
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return UserError(where, None, f"cannot write the site: {exc.strerror}",
                         f"free some space on the disk that holds {site_dir.parent}, or build elsewhere with "
                         "--site-dir; the previous site is as it was")
    return UserError(where, None, f"cannot write the site: {exc.strerror}",
                     f"let the user who builds write into {site_dir.parent} (e.g. chmod u+w), "
                     "or build elsewhere with --site-dir")


def remove_tree(folder: Path) -> None:
    """shutil.rmtree(folder, ignore_errors=True), with the files unlinked by
    several threads: removing a site of thousands of files is mostly waiting
    on the file system (a third faster here, on ext4 mounted with discard).
    A link is removed, never what it leads to (.preview/site linked to a
    maintainer's folder lost every file in it)."""
    if os.path.islink(folder):
        unlink_quietly(folder)
        return
    files, folders = [], []
    for where, subfolders, names in os.walk(folder):
        folders.append(where)
        files += [os.path.join(where, name) for name in names]
        files += [os.path.join(where, name) for name in subfolders if os.path.islink(os.path.join(where, name))]
    with ThreadPoolExecutor(REMOVING_THREADS) as pool:
        pool.map(unlink_quietly, files)
    for where in reversed(folders):
        try:
            os.rmdir(where)
        except OSError:
            pass
    shutil.rmtree(folder, ignore_errors=True)  # anything the walk could not see


def unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def write_if_changed(path: Path, text: str) -> bool:
    """Write text unless the file already holds it (its mtime then tells
    MkDocs' dirty build that nothing changed)."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def folder_writer(folder: Path):
    """store(relative path, text) for files under folder, each written only when it changed."""
    def store(relative: str, text: str) -> None:
        write_if_changed(folder / relative, text)
    return store


def swap_in(new_site: Path, site_dir: Path, keep=None) -> list[str]:
    """Replace site_dir by new_site (under the build lock). Readers see either the old or the new tree.
    keep(old tree, site_dir), called once the new tree is in place and before the old one is removed,
    moves into the new site what is to outlive the old; what it returns is returned. A Ctrl+C or
    SIGTERM meanwhile waits for the swap's few milliseconds: it removed the old tree before keep had
    moved all out of it."""
    with signals_held():
        return replace_tree(new_site, site_dir, keep) or []


HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextmanager
def signals_held():
    """HELD_SIGNALS that arrive in the block are raised again once it ends, the first of them."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread handles signals
        yield
        return
    arrived = []
    previous = {signum: signal.signal(signum, lambda signum, frame: arrived.append(signum))
                for signum in HELD_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)  # None: set outside Python
        if arrived:
            signal.raise_signal(arrived[0])


def replace_tree(new_site: Path, site_dir: Path, keep=None):
    """site_dir becomes new_site's tree and new_site is gone. Where the system can
    exchange two names at once (Linux), site_dir never goes missing in between: a
    server reading from it (the preview) answers from the old tree or the new one.
    Returns what keep(old tree, site_dir) returns, None without keep or an old tree."""
    if site_dir.exists() and exchange_names(new_site, site_dir):
        try:
            return keep(new_site, site_dir) if keep else None  # new_site now holds the old tree
        finally:
            remove_tree(new_site)
    if site_dir.exists():
        with private_folder(site_dir.parent, f".{site_dir.name}-old-") as retired:
            os.replace(site_dir, retired / "site")
            try:
                os.replace(new_site, site_dir)
            except BaseException:
                if not os.path.lexists(site_dir):  # the old tree goes back: site_dir never stays missing
                    os.replace(retired / "site", site_dir)
                raise
            return keep(retired / "site", site_dir) if keep else None
    os.replace(new_site, site_dir)
    return None


def exchange_names(first: Path, second: Path) -> bool:
    """Swap two paths in one step (renameat2 with RENAME_EXCHANGE); False where
    the C library or the file system has no such call."""
    renameat2 = getattr(_libc(), "renameat2", None)
    if renameat2 is None:
        return False
    return renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0


@lru_cache(maxsize=1)
def _libc():
    return ctypes.CDLL(None, use_errno=True)
