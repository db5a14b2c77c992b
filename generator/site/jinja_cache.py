"""Compiled Jinja templates kept between builds (Project.template_cache)."""
from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache


class BytecodeCache(FileSystemBytecodeCache):
    """Jinja's own cache (written aside and renamed into place, so builds
    running at once share it safely) that a failed write only makes slower."""

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def bytecode_cache(folder: Path | None) -> BytecodeCache | None:
    """None when there is no folder or it cannot be made (a read-only
    project still builds, compiling every template)."""
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return BytecodeCache(str(folder))
