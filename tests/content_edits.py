"""A copy of the project's content/ with one file edited, for tests of how a mistake is reported."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT


def content_with(tmp_path: Path, relative: str, old: str, new: str) -> tuple[Path, str]:
    """content/ copied under tmp_path with `old` replaced by `new` in content/<relative>; returns the
    copy's folder and the file's text before the edit (to find the edited line in)."""
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    path = folder / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{relative} no longer holds {old!r}: the test needs another line to edit"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder, text
