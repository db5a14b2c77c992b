"""Compiled Jinja templates kept between the preview's builds: each build
runs in fresh processes, which would otherwise compile the theme's and the
generator's templates again, a third of a one-entry rebuild."""
from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache


def bytecode_cache(folder: Path | None) -> FileSystemBytecodeCache | None:
    if folder is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))
